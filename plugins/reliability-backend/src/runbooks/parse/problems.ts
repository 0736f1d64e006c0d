import { Document, isNode, LineCounter } from 'yaml';
import { z } from 'zod';
import { boundedMessage, excerpt, quote } from '../../entityFiles';
import { RunbookProblem } from './types';

type PathSegment = string | number;

/**
 * Renders a field path the way problems name fields:
 * `['steps', 2, 'decisions', 0, 'next']` → `steps[2].decisions[0].next`.
 * A key the file made up (an unknown field) is cut short like any quote.
 *
 * @internal
 */
export function formatFieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else {
      const key = excerpt(String(segment));
      out += out ? `.${key}` : key;
    }
  }
  return out;
}

/**
 * One line for a problem: `file, document n (line l), field: message`.
 * Documents are numbered from 1 here; the line and field parts are left out
 * when unknown or empty.
 *
 * @internal
 */
export function formatRunbookProblem(problem: RunbookProblem): string {
  const where = `${problem.file}, document ${problem.documentIndex + 1}${
    problem.line !== undefined ? ` (line ${problem.line})` : ''
  }`;
  return problem.field
    ? `${where}, ${problem.field}: ${problem.message}`
    : `${where}: ${problem.message}`;
}

/**
 * The line of the node at a path, or of its nearest ancestor that exists.
 *
 * @internal
 */
export function lineOf(
  doc: Document,
  path: ReadonlyArray<PropertyKey>,
  lineCounter: LineCounter,
  lineOffset: number,
): number | undefined {
  const segments = path.filter(
    (s): s is PathSegment => typeof s === 'string' || typeof s === 'number',
  );
  for (let length = segments.length; length >= 0; length--) {
    const node =
      length === 0 ? doc.contents : doc.getIn(segments.slice(0, length), true);
    if (isNode(node) && node.range) {
      return lineCounter.linePos(node.range[0]).line + lineOffset;
    }
  }
  return undefined;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/**
 * A schema issue as problems of fields: one per unknown key, `is required`
 * for a missing value, else the schema's message.
 *
 * @internal
 */
export function describeIssue(
  issue: z.core.$ZodIssue,
  raw: unknown,
): {
  path: PropertyKey[];
  message: string;
}[] {
  const path = [...issue.path];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map(key => ({
      path: [...path, key],
      message: `unknown field ${quote(key)}`,
    }));
  }
  if (issue.code === 'invalid_type' && valueAt(raw, path) === undefined) {
    return [{ path, message: 'is required' }];
  }
  // The schema's messages quote values cut short; bound any other still.
  return [{ path, message: boundedMessage(issue.message) }];
}
