import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  DocumentCollatorFactory,
  IndexableDocument,
} from '@backstage/plugin-search-common';
import { RunbookRecord } from '@reliability-hub/plugin-reliability-common';
import { Readable } from 'node:stream';
import { runbookPagePath } from '../runbooks/alertRunbooks';
import { ReliabilityApiReader } from './ReliabilityApiReader';

/**
 * A runbook in the portal's search index.
 *
 * @public
 */
export interface RunbookSearchDocument extends IndexableDocument {
  entityRef: string;
  kind: 'structured' | 'link';
  owner?: string;
  system?: string;
  severity?: string;
  alerts: string[];
  tags: string[];
  stale: boolean;
}

/**
 * The search result type of runbooks.
 *
 * @public
 */
export const RUNBOOK_DOCUMENT_TYPE = 'reliability-runbook';

/**
 * Collates the runbook library for the search backend. The text holds the
 * description, alerts and tags so a search for an alert name finds the runbook;
 * the location is the runbook's page.
 *
 * @internal
 */
export class RunbookCollatorFactory implements DocumentCollatorFactory {
  readonly type = RUNBOOK_DOCUMENT_TYPE;
  /**
   * Results are shown to those who may read the document's entity in the
   * catalog (its `authorization.resourceRef`), as the catalog's own
   * collator does.
   */
  readonly visibilityPermission = catalogEntityReadPermission;

  static create(options: { reader: ReliabilityApiReader }) {
    return new RunbookCollatorFactory(options.reader);
  }

  private constructor(private readonly reader: ReliabilityApiReader) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.execute());
  }

  private async *execute(): AsyncGenerator<RunbookSearchDocument> {
    for await (const items of this.reader.pages<RunbookRecord>(
      '/runbooks/library',
    )) {
      for (const runbook of items) {
        yield {
          title: runbook.title,
          text: [
            runbook.description,
            runbook.alerts.length ? `Alerts: ${runbook.alerts.join(', ')}` : '',
            runbook.tags.length ? `Tags: ${runbook.tags.join(', ')}` : '',
            runbook.url,
          ]
            .filter(Boolean)
            .join('\n'),
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
    }
  }
}
