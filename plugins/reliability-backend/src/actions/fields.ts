import { parseEntityRef } from '@backstage/catalog-model';
import { refFilterSchema } from '@reliability-hub/plugin-reliability-common';
import { z as zod } from 'zod/v3';
import { parseInput } from '../validation';

/** The zod the actions registry hands to an action's schema functions. */
type Zod = typeof zod;

function isEntityRef(value: string, defaultKind: string): boolean {
  try {
    parseEntityRef(value, { defaultKind });
    return true;
  } catch {
    return false;
  }
}

/**
 * An action's entity input: a full ref, or the bare name of a
 * `defaultKind` entity in the default namespace, as people name them.
 *
 * @internal
 */
export function entityRefInput(
  z: Zod,
  defaultKind: string,
  description: string,
) {
  return z
    .string()
    .min(1)
    .max(255)
    .refine(value => isEntityRef(value, defaultKind), {
      message: `not an entity ref (expected ${defaultKind}:namespace/name, or a ${defaultKind}'s name)`,
    })
    .describe(description);
}

/**
 * An entity input as the plugin stores refs (`kind:namespace/name`,
 * lower-cased), read the way the HTTP routes read a filter by entity.
 *
 * @internal
 */
export function storedRef(
  value: string,
  defaultKind: string,
  field = 'entityRef',
): string {
  return parseInput(refFilterSchema(defaultKind), value, field);
}

/**
 * The largest number of items an action answers with, whatever it is asked
 * for: an assistant's context is small, and one request must stay cheap.
 *
 * @internal
 */
export const MAX_ACTION_ITEMS = 20;

/**
 * The `limit` input of an action that lists things.
 *
 * @internal
 */
export function limitInput(z: Zod, what: string, defaultLimit = 10) {
  return z
    .number()
    .int()
    .min(1)
    .max(MAX_ACTION_ITEMS)
    .default(defaultLimit)
    .describe(`How many ${what} to answer with, at most ${MAX_ACTION_ITEMS}`);
}
