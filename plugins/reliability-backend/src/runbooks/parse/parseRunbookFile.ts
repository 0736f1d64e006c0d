import { Document, isScalar, LineCounter, parseAllDocuments } from 'yaml';
import { excerpt, quote, safeErrorMessage } from '../../entityFiles';
import {
  isMarkdownRunbookFile,
  normalizeText,
  Source,
  splitFrontMatter,
} from './frontMatter';
import { describeIssue, formatFieldPath, lineOf } from './problems';
import { runbookDocumentSchema } from './schema';
import {
  Runbook,
  RunbookParseResult,
  RunbookProblem,
  RunbookStep,
} from './types';

/** How many names of the file (e.g. step ids) a problem lists at most. */
const MAX_NAMES_LISTED = 5;

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
