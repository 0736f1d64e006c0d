import {
  Runbook,
  RunbookParseResult,
  RunbookProblem,
} from '@reliability-hub/plugin-reliability-common';
import { quote } from '../../entityFiles';
import { contentHash } from '../parse';
import { IndexedRunbook, RunbookSourceState } from '../store/RunbookStore';
import { EntityRunbookSource, structuredRunbook } from './entityRunbookSource';
import { RunbookFile } from './readRunbookFiles';

const DUPLICATE = 'duplicate runbook id';

/**
 * Parses one runbook file; the refresher takes another in tests, to count
 * its calls.
 *
 * @internal
 */
export type RunbookParser = (text: string, file: string) => RunbookParseResult;

/**
 * Turns the files of one entity into runbooks: files whose text is as it was
 * last time reuse their stored runbooks and problems, the others are parsed.
 * A runbook id used twice is reported on its second file.
 *
 * @internal
 */
export function indexRunbookFiles(options: {
  source: EntityRunbookSource;
  files: RunbookFile[];
  /** What the index holds for the entity, if anything. */
  previous: RunbookSourceState | undefined;
  /** The entity's runbooks as the index holds them. */
  stored: IndexedRunbook[];
  parse: RunbookParser;
}) {
  const { source, files, previous, stored, parse } = options;
  const structured: IndexedRunbook[] = [];
  const problems: RunbookProblem[] = [];
  const fileHashes: Record<string, string> = {};
  let parsedFiles = 0;
  const seenIds = new Map<string, string>();
  for (const file of files) {
    const hash = contentHash(file.text);
    fileHashes[file.name] = hash;
    let runbooks: Runbook[];
    let fileProblems: RunbookProblem[];
    if (previous?.fileHashes[file.name] === hash) {
      runbooks = stored
        .filter(r => r.sourceLocation === file.name && r.runbook)
        .map(r => r.runbook!);
      // Duplicate ids are found again below, across all files.
      fileProblems = previous.problems.filter(
        p => p.file === file.name && !p.message.startsWith(DUPLICATE),
      );
    } else {
      parsedFiles += 1;
      ({ runbooks, problems: fileProblems } = parse(file.text, file.name));
    }
    problems.push(...fileProblems);
    for (const runbook of runbooks) {
      const other = seenIds.get(runbook.id);
      if (other !== undefined) {
        problems.push({
          file: file.name,
          documentIndex: runbook.source.documentIndex,
          line: runbook.source.line,
          field: 'id',
          message: `${DUPLICATE} ${quote(
            runbook.id,
          )}, also in ${other}; this one is ignored`,
        });
        continue;
      }
      seenIds.set(runbook.id, file.name);
      structured.push(
        structuredRunbook(source, runbook, { name: file.name, hash }),
      );
    }
  }
  return { structured, problems, fileHashes, parsedFiles };
}

/**
 * Whether the files read are exactly those stored, with the same text.
 *
 * @internal
 */
export function sameHashes(
  stored: Record<string, string>,
  files: Array<{ name: string; text: string }>,
): boolean {
  return (
    Object.keys(stored).length === files.length &&
    files.every(file => stored[file.name] === contentHash(file.text))
  );
}
