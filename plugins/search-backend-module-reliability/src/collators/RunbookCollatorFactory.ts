import { IndexableDocument } from '@backstage/plugin-search-common';
import {
  RUNBOOK_DOCUMENT_TYPE,
  RunbookRecord,
  runbookPagePath,
} from '@reliability-hub/plugin-reliability-common';
import { boundedText, plainSection } from './boundedText';
import { ReliabilityApiReader } from './ReliabilityApiReader';
import { ReliabilityCollatorFactory } from './ReliabilityCollatorFactory';

/**
 * A runbook in the portal's search index (document type
 * `reliability-runbook`).
 *
 * @public
 */
export interface RunbookSearchDocument extends IndexableDocument {
  /** The entity the runbook belongs to; who may see it may see the runbook. */
  entityRef: string;
  /** A structured runbook from a file, or a `type: runbook` link. */
  kind: 'structured' | 'link';
  owner?: string;
  system?: string;
  severity?: string;
  /** The alert names the runbook answers. */
  alerts: string[];
  tags: string[];
  /** Overdue for review. */
  stale: boolean;
}

/**
 * A runbook as a search document: the text holds the description (as plain
 * text), alerts and
 * tags, so that a search for an alert name finds the runbook; the location is
 * the runbook's page.
 *
 * @internal
 */
export function runbookDocument(runbook: RunbookRecord): RunbookSearchDocument {
  return {
    title: runbook.title,
    text: boundedText(
      [
        plainSection(runbook.description),
        runbook.alerts.length ? `Alerts: ${runbook.alerts.join(', ')}` : '',
        runbook.tags.length ? `Tags: ${runbook.tags.join(', ')}` : '',
        runbook.url,
      ],
      '\n',
    ),
    location: runbookPagePath(runbook.id),
    authorization: { resourceRef: runbook.entityRef },
    entityRef: runbook.entityRef,
    kind: runbook.kind,
    owner: runbook.owner,
    system: runbook.system,
    severity: runbook.severity,
    alerts: runbook.alerts,
    tags: runbook.tags,
    stale: runbook.stale,
  };
}

/**
 * Collates the runbook library (`GET /runbooks/library`).
 *
 * @internal
 */
export function runbookCollatorFactory(reader: ReliabilityApiReader) {
  return new ReliabilityCollatorFactory({
    type: RUNBOOK_DOCUMENT_TYPE,
    reader,
    path: '/runbooks/library',
    toDocument: runbookDocument,
  });
}
