import {
  Document,
  isNode,
  isScalar,
  LineCounter,
  parseAllDocuments,
} from 'yaml';
import { z } from 'zod';
import {
  boundedMessage,
  excerpt,
  quote,
  safeErrorMessage,
} from '../../entityFiles';
import { runbookDocumentSchema } from './schema';
import {
  Runbook,
  RunbookParseResult,
  RunbookProblem,
  RunbookStep,
} from './types';

type PathSegment = string | number;

/** How many names of the file (e.g. step ids) a problem lists at most. */
const MAX_NAMES_LISTED = 5;

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
 * Whether a file is read as Markdown with YAML front matter: by extension
 * (`.md`, `.markdown`); `.yaml`/`.yml` are always YAML; any other name is
 * Markdown when its first line is `---`.
 *
 * @internal
 */
export function isMarkdownRunbookFile(file: string, text: string): boolean {
  const lower = file.toLocaleLowerCase('en-US');
  if (/\.(md|markdown)$/.test(lower)) {
    return true;
  }
  if (/\.(ya?ml)$/.test(lower)) {
    return false;
  }
  return /^---[ \t]*(\n|$)/.test(text);
}

interface Source {
  /** The YAML text to parse. */
  yaml: string;
  /** Lines before the YAML text in the file (the front matter's `---`). */
  lineOffset: number;
  /** The Markdown body, for front matter. */
  body?: string;
}

function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

function splitFrontMatter(
  text: string,
): { ok: true; source: Source } | { ok: false; line: number; message: string } {
  const lines = text.split('\n');
  if (!/^---[ \t]*$/.test(lines[0] ?? '')) {
    return {
      ok: false,
      line: 1,
      message:
        'Markdown runbook has no YAML front matter (the file must start with a "---" line, then the runbook fields, then a closing "---" line)',
    };
  }
  const end = lines.findIndex(
    (line, index) => index > 0 && /^(---|\.\.\.)[ \t]*$/.test(line),
  );
  if (end < 0) {
    return {
      ok: false,
      line: 1,
      message:
        'the YAML front matter opened on line 1 is never closed (expected a "---" line after the runbook fields)',
    };
  }
  return {
    ok: true,
    source: {
      yaml: lines.slice(1, end).join('\n'),
      lineOffset: 1,
      body: lines
        .slice(end + 1)
        .join('\n')
        .trim(),
    },
  };
}

/** The node at a path, or its nearest ancestor that exists. */
function lineOf(
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

function describeIssue(
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

/**
 * The checks across fields: step ids are unique, and every decision's `next`
 * names a step of the runbook.
 */
function crossCheck(
  steps: Array<Omit<RunbookStep, 'id'> & { id?: string }>,
): { path: PropertyKey[]; message: string }[] {
  const problems: { path: PropertyKey[]; message: string }[] = [];
  const ids = steps.map((s, index) => s.id ?? String(index + 1));
  const firstIndex = new Map<string, number>();
  ids.forEach((id, index) => {
    const first = firstIndex.get(id);
    if (first === undefined) {
      firstIndex.set(id, index);
    } else {
      problems.push({
        path: ['steps', index, 'id'],
        message: `duplicate step id ${quote(
          id,
        )} (already used by steps[${first}]${
          steps[index].id === undefined
            ? '; a step without an id gets its position as id'
            : ''
        })`,
      });
    }
  });
  const valid = [...firstIndex.keys()];
  steps.forEach((s, stepIndex) => {
    s.decisions.forEach((d, decisionIndex) => {
      if (d.next !== undefined && !firstIndex.has(d.next)) {
        problems.push({
          path: ['steps', stepIndex, 'decisions', decisionIndex, 'next'],
          message: `refers to step ${quote(
            d.next,
          )}, which does not exist (valid step ids: ${valid
            .slice(0, MAX_NAMES_LISTED)
            .map(id => excerpt(id))
            .join(', ')}${valid.length > MAX_NAMES_LISTED ? ', …' : ''})`,
        });
      }
    });
  });
  return problems;
}

function parseDocumentValue(
  doc: Document,
  raw: unknown,
  context: {
    file: string;
    documentIndex: number;
    lineCounter: LineCounter;
    lineOffset: number;
    body?: string;
  },
): { runbook?: Runbook; problems: RunbookProblem[] } {
  const { file, documentIndex, lineCounter, lineOffset } = context;
  const problemAt = (
    path: ReadonlyArray<PropertyKey>,
    message: string,
  ): RunbookProblem => {
    const line = lineOf(doc, path, lineCounter, lineOffset);
    return {
      file,
      documentIndex,
      ...(line !== undefined ? { line } : {}),
      field: formatFieldPath(path),
      message,
    };
  };

  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      problems: [
        problemAt(
          [],
          `a runbook must be a mapping of fields (id, title, steps, …), not ${
            Array.isArray(raw)
              ? 'a list'
              : `a ${raw === null ? 'null' : typeof raw}`
          }`,
        ),
      ],
    };
  }

  const input =
    context.body && (raw as Record<string, unknown>).description === undefined
      ? { ...(raw as Record<string, unknown>), description: context.body }
      : raw;

  const result = runbookDocumentSchema.safeParse(input);
  if (!result.success) {
    return {
      problems: result.error.issues
        .flatMap(issue => describeIssue(issue, input))
        .map(({ path, message }) => problemAt(path, message)),
    };
  }
  const data = result.data;
  const crossProblems = crossCheck(data.steps);
  if (crossProblems.length > 0) {
    return {
      problems: crossProblems.map(({ path, message }) =>
        problemAt(path, message),
      ),
    };
  }

  const { service, entityRef, ...rest } = data;
  const line = lineOf(doc, [], lineCounter, lineOffset);
  const runbook: Runbook = {
    ...rest,
    ...(entityRef ?? service ? { entityRef: entityRef ?? service } : {}),
    alerts: [...new Set(data.alerts)],
    steps: data.steps.map((s, index) => ({
      ...s,
      id: s.id ?? String(index + 1),
    })),
    source: {
      file,
      documentIndex,
      ...(line !== undefined ? { line } : {}),
    },
  };
  return { runbook, problems: [] };
}

function parseSource(file: string, source: Source): RunbookParseResult {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(source.yaml, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
  });
  // parseAllDocuments returns an empty list (not a Document) for empty input.
  const documents = Array.isArray(docs) ? docs : [docs];
  const runbooks: Runbook[] = [];
  const problems: RunbookProblem[] = [];
  const idSeenIn = new Map<string, number>();

  documents.forEach((doc, documentIndex) => {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        problems.push({
          file,
          documentIndex,
          line: lineCounter.linePos(error.pos[0]).line + source.lineOffset,
          field: '',
          message: `YAML syntax error: ${safeErrorMessage(error.message)}`,
        });
      }
      return;
    }
    if (
      doc.contents === null ||
      (isScalar(doc.contents) &&
        doc.contents.value === null &&
        !doc.contents.source)
    ) {
      // An empty document (e.g. a trailing "---"): nothing to index.
      return;
    }
    let raw: unknown;
    try {
      raw = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      problems.push({
        file,
        documentIndex,
        field: '',
        message: `YAML could not be read: ${safeErrorMessage(error)}`,
      });
      return;
    }
    const parsed = parseDocumentValue(doc, raw, {
      file,
      documentIndex,
      lineCounter,
      lineOffset: source.lineOffset,
      body: source.body,
    });
    problems.push(...parsed.problems);
    if (parsed.runbook) {
      const first = idSeenIn.get(parsed.runbook.id);
      if (first !== undefined) {
        const line = lineOf(doc, ['id'], lineCounter, source.lineOffset);
        problems.push({
          file,
          documentIndex,
          ...(line !== undefined ? { line } : {}),
          field: 'id',
          message: `duplicate runbook id ${quote(
            parsed.runbook.id,
          )} (already used by document ${first + 1} of this file)`,
        });
      } else {
        idSeenIn.set(parsed.runbook.id, documentIndex);
        runbooks.push(parsed.runbook);
      }
    }
  });

  if (runbooks.length === 0 && problems.length === 0) {
    problems.push({
      file,
      documentIndex: 0,
      field: '',
      message: 'the file contains no runbook',
    });
  }
  return { runbooks, problems };
}

/**
 * Parses a structured runbook file: YAML (one runbook per document, several
 * documents allowed) or Markdown with YAML front matter, whose body becomes
 * the description unless the front matter has one. Never throws: everything
 * wrong with the file is returned as problems naming the file and field, and
 * a document with any problem contributes no runbook.
 *
 * @param text - the file's content
 * @param file - the file's name or URL, used in problems and to tell
 *   Markdown (`.md`, `.markdown`) from YAML
 * @internal
 */
export function parseRunbookFile(
  text: string,
  file: string,
): RunbookParseResult {
  try {
    const normalized = normalizeText(text);
    if (isMarkdownRunbookFile(file, normalized)) {
      const split = splitFrontMatter(normalized);
      if (!split.ok) {
        return {
          runbooks: [],
          problems: [
            {
              file,
              documentIndex: 0,
              line: split.line,
              field: '',
              message: split.message,
            },
          ],
        };
      }
      return parseSource(file, split.source);
    }
    return parseSource(file, { yaml: normalized, lineOffset: 0 });
  } catch (error) {
    return {
      runbooks: [],
      problems: [
        {
          file,
          documentIndex: 0,
          field: '',
          message: `could not be parsed: ${safeErrorMessage(error)}`,
        },
      ],
    };
  }
}
