import { parseEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  DocumentCollatorFactory,
  IndexableDocument,
} from '@backstage/plugin-search-common';
import { Postmortem } from '@reliability-hub/plugin-reliability-common';
import { Readable } from 'node:stream';
import { ReliabilityApiReader } from './ReliabilityApiReader';

/**
 * A postmortem in the portal's search index.
 *
 * @public
 */
export interface PostmortemSearchDocument extends IndexableDocument {
  entityRef: string;
  status: string;
  incidentIds: string[];
}

/**
 * The search result type of postmortems.
 *
 * @public
 */
export const POSTMORTEM_DOCUMENT_TYPE = 'reliability-postmortem';

/**
 * The postmortem's page: under the Incidents tab of its entity's page, at
 * the catalog's default entity route.
 *
 * @internal
 */
export function postmortemPagePath(entityRef: string, id: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}/incidents/postmortems/${encodeURIComponent(
    id,
  )}`;
}

/**
 * Collates postmortems for the search backend: title, then the summary, root
 * cause and lessons as text.
 *
 * @internal
 */
export class PostmortemCollatorFactory implements DocumentCollatorFactory {
  readonly type = POSTMORTEM_DOCUMENT_TYPE;
  /**
   * Results are shown to those who may read the document's entity in the
   * catalog (its `authorization.resourceRef`), as the catalog's own
   * collator does.
   */
  readonly visibilityPermission = catalogEntityReadPermission;

  static create(options: { reader: ReliabilityApiReader }) {
    return new PostmortemCollatorFactory(options.reader);
  }

  private constructor(private readonly reader: ReliabilityApiReader) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.execute());
  }

  private async *execute(): AsyncGenerator<PostmortemSearchDocument> {
    for await (const items of this.reader.pages<Postmortem>('/postmortems')) {
      for (const postmortem of items) {
        yield {
          title: postmortem.title,
          text: [
            postmortem.summary,
            postmortem.impact,
            postmortem.rootCause,
            postmortem.contributingFactors,
            postmortem.lessonsLearned,
          ]
            .filter(Boolean)
            .join('\n\n'),
          location: postmortemPagePath(postmortem.entityRef, postmortem.id),
          authorization: { resourceRef: postmortem.entityRef },
          entityRef: postmortem.entityRef,
          status: postmortem.status,
          incidentIds: postmortem.incidentIds,
        };
      }
    }
  }
}
