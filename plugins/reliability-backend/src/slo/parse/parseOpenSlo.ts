/**
 * Reads OpenSLO v1 files (multi-document YAML) into normalized
 * {@link SloDefinition}s, collecting every problem with its file, document,
 * line and field instead of throwing.
 */
import { Document, isNode, LineCounter, parseAllDocuments } from 'yaml';
import { OpenSloParseResult, OpenSloProblem, SloDefinition } from './types';

/**
 * The only OpenSLO `apiVersion` understood.
 *
 * @internal
 */
export const OPENSLO_API_VERSION = 'openslo/v1';

/** Kinds that are valid OpenSLO but not used here; skipped without error. */
const IGNORED_KINDS = [
  'AlertPolicy',
  'AlertCondition',
  'AlertNotificationTarget',
  'DataSource',
  'Service',
];

import { safeErrorMessage } from '../../entityFiles';
import { DocumentContext, isRecord, describe } from './documentContext';
import { parseIndicator, SliEntry } from './indicator';
import { parseSlo } from './parseSlo';

interface ReadDocument {
  ctx: DocumentContext;
  value: Record<string, unknown>;
  kind: 'SLO' | 'SLI';
  name: string;
}

/**
 * Checks `apiVersion`, `kind` and `metadata.name`; returns the document when
 * it is an SLO or SLI, undefined when it is ignored or has a problem.
 */
function readHeader(
  ctx: DocumentContext,
  value: unknown,
): ReadDocument | undefined {
  if (!isRecord(value)) {
    ctx.report(
      [],
      `not an OpenSLO object: expected a mapping with apiVersion: ${OPENSLO_API_VERSION} and kind, got ${describe(
        value,
      )}`,
    );
    return undefined;
  }
  if (value.apiVersion !== OPENSLO_API_VERSION) {
    ctx.report(
      ['apiVersion'],
      value.apiVersion === undefined
        ? `missing: not an OpenSLO object, expected apiVersion: ${OPENSLO_API_VERSION}`
        : `not an OpenSLO v1 object: expected ${OPENSLO_API_VERSION}, got ${describe(
            value.apiVersion,
          )}`,
    );
    return undefined;
  }
  const kind = value.kind;
  if (typeof kind === 'string' && IGNORED_KINDS.includes(kind)) {
    return undefined;
  }
  if (kind !== 'SLO' && kind !== 'SLI') {
    const suggestion =
      typeof kind === 'string' &&
      ['SLO', 'SLI', ...IGNORED_KINDS].find(
        k => k.toLowerCase() === kind.toLowerCase(),
      );
    ctx.report(
      ['kind'],
      `${
        kind === undefined ? 'missing' : `unknown kind ${describe(kind)}`
      }: expected SLO or SLI (${IGNORED_KINDS.join(', ')} are ignored)${
        suggestion ? `; did you mean ${suggestion}?` : ''
      }`,
    );
    return undefined;
  }
  const metadata = ctx.requiredRecord(
    value.metadata,
    ['metadata'],
    'expected metadata.name',
  );
  const name = metadata
    ? ctx.requiredString(metadata.name, ['metadata', 'name'])
    : undefined;
  return name === undefined ? undefined : { ctx, value, kind, name };
}

function isEmptyDocument(doc: Document.Parsed): boolean {
  const contents = doc.contents as unknown;
  return (
    contents === null ||
    (isNode(contents) &&
      'value' in contents &&
      (contents as { value: unknown }).value === null &&
      (contents as { source?: string }).source === '')
  );
}

/**
 * Parses an OpenSLO v1 file (multi-document YAML) into normalized SLO
 * definitions. Pure and never throws: every document that cannot be used
 * yields at least one {@link OpenSloProblem} naming the file, document,
 * line and field, and valid SLOs of the same file are still returned.
 * `SLI` documents are resolved through `indicatorRef` within the file;
 * other OpenSLO kinds (AlertPolicy, Service, DataSource, ...) are ignored.
 *
 * @param text - the file's contents.
 * @param file - the file's name or URL, copied into results and problems.
 * @internal
 */
export function parseOpenSlo(text: string, file: string): OpenSloParseResult {
  const problems: OpenSloProblem[] = [];
  const slos: SloDefinition[] = [];
  try {
    if (typeof text !== 'string') {
      problems.push({
        file,
        documentIndex: null,
        field: 'yaml',
        message: `expected the file's text, got ${typeof text}`,
      });
      return { slos, problems };
    }
    const lineCounter = new LineCounter();
    const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
    const lineOfOffset = (offset: number | undefined) =>
      offset === undefined ? undefined : lineCounter.linePos(offset).line;

    if (!Array.isArray(docs) || ('empty' in docs && docs.empty)) {
      for (const error of (
        docs as { errors?: Array<{ message: string; pos: [number, number] }> }
      ).errors ?? []) {
        const line = lineOfOffset(error.pos?.[0]);
        problems.push({
          file,
          documentIndex: null,
          ...(line !== undefined ? { line } : {}),
          field: 'yaml',
          message: `YAML syntax error: ${safeErrorMessage(error.message)}`,
        });
      }
      return { slos, problems };
    }

    const read: ReadDocument[] = [];
    const contexts: DocumentContext[] = [];
    docs.forEach((doc, index) => {
      const ctx = new DocumentContext(file, index, doc, lineCounter);
      contexts.push(ctx);
      if (doc.errors.length > 0) {
        for (const error of doc.errors) {
          const line = lineOfOffset(error.pos?.[0]);
          ctx.problems.push({
            file,
            documentIndex: index,
            ...(line !== undefined ? { line } : {}),
            field: 'yaml',
            message: `YAML syntax error: ${safeErrorMessage(error.message)}`,
          });
        }
        return;
      }
      if (isEmptyDocument(doc)) {
        return;
      }
      let value: unknown;
      try {
        value = doc.toJS();
      } catch (error) {
        ctx.report([], `cannot read the document: ${safeErrorMessage(error)}`);
        return;
      }
      const header = readHeader(ctx, value);
      if (header) {
        read.push(header);
      }
    });

    const slis = new Map<string, SliEntry>();
    for (const doc of read.filter(d => d.kind === 'SLI')) {
      const previous = slis.get(doc.name);
      if (previous) {
        doc.ctx.report(
          ['metadata', 'name'],
          `duplicate SLI name ${describe(
            doc.name,
          )}: already defined in document ${previous.documentIndex + 1}`,
        );
        continue;
      }
      const indicator = parseIndicator(doc.ctx, doc.value, []);
      slis.set(
        doc.name,
        indicator
          ? { valid: true, indicator, documentIndex: doc.ctx.index }
          : { valid: false, documentIndex: doc.ctx.index },
      );
    }

    const sloDocuments = new Map<string, number>();
    for (const doc of read.filter(d => d.kind === 'SLO')) {
      const previous = sloDocuments.get(doc.name);
      if (previous !== undefined) {
        doc.ctx.report(
          ['metadata', 'name'],
          `duplicate SLO name ${describe(
            doc.name,
          )}: already defined in document ${previous + 1}`,
        );
        continue;
      }
      sloDocuments.set(doc.name, doc.ctx.index);
      const slo = parseSlo(doc.ctx, doc.value, doc.name, slis, file);
      if (slo) {
        slos.push(slo);
      }
    }

    for (const ctx of contexts) {
      problems.push(...ctx.problems);
    }
  } catch (error) {
    problems.push({
      file,
      documentIndex: null,
      field: 'yaml',
      message: `could not read the file: ${safeErrorMessage(error)}`,
    });
  }
  return { slos, problems };
}

/**
 * Formats a problem for people, e.g.
 * `openslo.yaml, document 2 (line 14), spec.objectives[0].target: must be below 1 (100 %), got 1`.
 * The document number is 1-based here (`documentIndex` + 1).
 *
 * @internal
 */
export function openSloProblemToString(problem: OpenSloProblem): string {
  let where = problem.file;
  if (problem.documentIndex !== null) {
    where += `, document ${problem.documentIndex + 1}`;
  }
  if (problem.line !== undefined) {
    where += ` (line ${problem.line})`;
  }
  return problem.field
    ? `${where}, ${problem.field}: ${problem.message}`
    : `${where}: ${problem.message}`;
}
