/**
 * The fields the request schemas of every feature share. Each parses what
 * arrives on the wire (JSON or a query string) into what the backend works
 * with, and names the problem when it cannot.
 */
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';

/**
 * An entity ref normalised the way the plugin stores it
 * (`kind:namespace/name`, lower-cased), read with `defaultKind` for a bare
 * name; a ref of another `kind` than the one given is a problem too.
 */
function normalisedRef(
  text: z.ZodString,
  options: {
    defaultKind?: string;
    kind?: string;
    problem: (value: string) => string;
  },
) {
  return text.transform((value, ctx) => {
    try {
      const ref = parseEntityRef(value, { defaultKind: options.defaultKind });
      if (
        options.kind &&
        ref.kind.toLocaleLowerCase('en-US') !== options.kind
      ) {
        throw new Error(`not a ${options.kind}`);
      }
      return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
    } catch {
      ctx.addIssue({ code: 'custom', message: options.problem(value) });
      return z.NEVER;
    }
  });
}

/**
 * An entity ref in any accepted spelling, normalised the way the plugin
 * stores it (`kind:namespace/name`, lower-cased).
 *
 * @public
 */
export const entityRefSchema = normalisedRef(z.string().min(1).max(255), {
  problem: value =>
    `not an entity ref (expected kind:namespace/name): ${value}`,
});

/**
 * A user entity ref (`user:default/jane` or `jane`), normalised.
 *
 * @public
 */
export const userRefSchema = normalisedRef(z.string().min(1).max(255), {
  defaultKind: 'user',
  kind: 'user',
  problem: value => `not a user ref (expected user:namespace/name): ${value}`,
});

/**
 * A filter by entity: a full ref, or a bare name of `defaultKind`.
 *
 * @public
 */
export const refFilterSchema = (defaultKind: string) =>
  normalisedRef(z.string().trim().min(1).max(255), {
    defaultKind,
    problem: value => `not an entity ref: ${value}`,
  });

/**
 * A user or group entity ref (kind required), normalised.
 *
 * @public
 */
export const ownerRefSchema = entityRefSchema.refine(
  ref => ref.startsWith('user:') || ref.startsWith('group:'),
  { message: 'must be a user or group ref, e.g. group:default/team-checkout' },
);

/**
 * A group entity ref (kind required), normalised.
 *
 * @public
 */
export const groupRefSchema = entityRefSchema.refine(
  ref => ref.startsWith('group:'),
  { message: 'must be a group ref, e.g. group:default/team-checkout' },
);

/**
 * An ISO 8601 instant with a zone, as written.
 *
 * @public
 */
export const instantSchema = z.iso.datetime({ offset: true });

/**
 * An ISO 8601 instant with a zone, as a Date.
 *
 * @public
 */
export const isoDate = instantSchema.transform(value => new Date(value));

/**
 * A calendar day, `YYYY-MM-DD`.
 *
 * @public
 */
export const daySchema = z.iso.date();

/**
 * An http(s) URL.
 *
 * @public
 */
export const httpUrlSchema = z.url({ protocol: /^https?$/ }).max(2_000);

/**
 * Text that is not blank once trimmed, of at most `max` characters.
 *
 * @public
 */
export const textSchema = (max: number) => z.string().trim().min(1).max(max);

/**
 * The version of a record its writer saw (a stale one gets 409).
 *
 * @public
 */
export const versionSchema = z.number().int().min(1);

/**
 * Route parameters naming one record by its UUID.
 *
 * @public
 */
export const idParamsSchema = z.object({ id: z.uuid() });

/**
 * The query of a route about one entity.
 *
 * @public
 */
export const entityQuerySchema = z
  .object({ entityRef: entityRefSchema })
  .strict();

/**
 * A comma-separated list in a query string (or the parameter repeated); the
 * client may pass an array.
 *
 * @public
 */
export const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform(value =>
      (Array.isArray(value) ? value : [value])
        .flatMap(part => part.split(','))
        .map(part => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1).max(50));

/**
 * `true` or `false` in a query string, as a boolean; the client passes a
 * boolean and writes it as text.
 *
 * @public
 */
export const queryFlag = (message?: string) =>
  z
    .preprocess(
      (value: boolean | 'true' | 'false') =>
        typeof value === 'boolean' ? String(value) : value,
      z.enum(['true', 'false'], message),
    )
    .transform(value => value === 'true');

/**
 * How many items a page holds, as a query parameter (text on the wire, a
 * number in the client).
 *
 * @public
 */
export const pageLimitSchema = z.coerce
  .number<number>()
  .int()
  .min(1)
  .max(100)
  .default(20);

/**
 * The query fields of a paged list: how many items, and the cursor of the
 * page before.
 *
 * @public
 */
export const pageQueryFields = {
  limit: pageLimitSchema,
  cursor: z.string().max(500).optional(),
};
