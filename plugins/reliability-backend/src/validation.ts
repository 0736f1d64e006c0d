import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { z } from 'zod';

/**
 * An entity ref in any accepted spelling, normalised the way the plugin
 * stores it (`kind:namespace/name`, lower-cased).
 *
 * @internal
 */
export const entityRefSchema = z
  .string()
  .min(1)
  .max(255)
  .transform((value, ctx) => {
    try {
      return stringifyEntityRef(parseEntityRef(value)).toLocaleLowerCase(
        'en-US',
      );
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `not an entity ref (expected kind:namespace/name): ${value}`,
      });
      return z.NEVER;
    }
  });

/**
 * Parses request input with a schema, or throws an InputError that names the
 * offending field.
 *
 * @internal
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues
      .map(issue => {
        const path = issue.path.join('.');
        return path ? `${path}: ${issue.message}` : issue.message;
      })
      .join('; ');
    throw new InputError(`Invalid ${what}: ${problems}`);
  }
  return result.data;
}

/**
 * A user entity ref (`user:default/jane` or `jane`), normalised.
 *
 * @internal
 */
export const userRefSchema = z
  .string()
  .min(1)
  .max(255)
  .transform((value, ctx) => {
    try {
      const ref = parseEntityRef(value, { defaultKind: 'user' });
      if (ref.kind.toLocaleLowerCase('en-US') !== 'user') {
        throw new Error();
      }
      return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `not a user ref (expected user:namespace/name): ${value}`,
      });
      return z.NEVER;
    }
  });

/**
 * An ISO 8601 timestamp with a zone, as a Date.
 *
 * @internal
 */
export const isoDate = z.iso
  .datetime({ offset: true })
  .transform(value => new Date(value));

/**
 * A comma-separated list in a query string (or the parameter repeated).
 *
 * @internal
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
 * A user or group entity ref (kind required), normalised.
 *
 * @internal
 */
export const ownerRefSchema = entityRefSchema.refine(
  ref => ref.startsWith('user:') || ref.startsWith('group:'),
  { message: 'must be a user or group ref, e.g. group:default/team-checkout' },
);

/**
 * A calendar day, `YYYY-MM-DD`.
 *
 * @internal
 */
export const daySchema = z.iso.date();

/**
 * An http(s) URL.
 *
 * @internal
 */
export const httpUrlSchema = z.url({ protocol: /^https?$/ }).max(2_000);
