import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** NUL, or a surrogate without its partner: no database stores these as sent. */
const UNSTORABLE =
  // eslint-disable-next-line no-control-regex -- NUL is what this looks for
  /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const UNSTORABLE_GLOBAL = new RegExp(UNSTORABLE.source, 'g');

/**
 * The path of the first string (value or key) in the input that cannot be
 * stored byte-identically (PostgreSQL refuses NUL in text; UTF-8 has no
 * unpaired surrogates, so SQLite would store U+FFFD instead), or undefined.
 * Walks without recursion and visits each object once, so neither deeply
 * nested nor self-referencing input (YAML aliases) can exhaust the server.
 *
 * @internal
 */
export function findUnstorableText(input: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[input, '']];
  // YAML anchors can make a value contain itself: visit each object once.
  const seen = new Set<object>();
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) {
        return path || 'value';
      }
    } else if (value && typeof value === 'object' && !seen.has(value)) {
      seen.add(value);
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        if (UNSTORABLE.test(key)) {
          return childPath;
        }
        stack.push([child, childPath]);
      }
    }
  }
  return undefined;
}

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
  const unstorable = findUnstorableText(input);
  if (unstorable) {
    throw new InputError(
      `Invalid ${what}: ${unstorable.replace(
        UNSTORABLE_GLOBAL,
        '\uFFFD',
      )}: must not contain NUL characters or unpaired UTF-16 surrogates`,
    );
  }
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
