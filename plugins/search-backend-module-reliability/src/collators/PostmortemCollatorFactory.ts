import { IndexableDocument } from '@backstage/plugin-search-common';
import {
  Postmortem,
  POSTMORTEM_DOCUMENT_TYPE,
  postmortemPagePath,
} from '@reliability-hub/plugin-reliability-common';
import { boundedText, plainSection } from './boundedText';
import { ReliabilityApiReader } from './ReliabilityApiReader';
import { ReliabilityCollatorFactory } from './ReliabilityCollatorFactory';

/**
 * A postmortem in the portal's search index (document type
 * `reliability-postmortem`).
 *
 * @public
 */
export interface PostmortemSearchDocument extends IndexableDocument {
  /** The entity the postmortem belongs to; who may see it may see the postmortem. */
  entityRef: string;
  /** `draft`, `in_review` or `published`. */
  status: string;
  /** The incidents the postmortem covers. */
  incidentIds: string[];
  /** The severities of those incidents (`SEV1` before `SEV2`). */
  severities: string[];
  /**
   * The kind of drill when every incident it covers is a drill (the
   * postmortem is a drill's debrief); absent otherwise.
   */
  drill?: string;
}

/**
 * A postmortem as a search document: the title, then the summary, impact,
 * root cause, contributing factors and lessons as plain text (their first
 * {@link MAX_DOCUMENT_TEXT} characters); the location is the
 * postmortem's page.
 *
 * @internal
 */
export function postmortemDocument(
  postmortem: Postmortem,
): PostmortemSearchDocument {
  return {
    title: postmortem.title,
    text: boundedText(
      [
        postmortem.summary,
        postmortem.impact,
        postmortem.rootCause,
        postmortem.contributingFactors,
        postmortem.lessonsLearned,
      ].map(plainSection),
      '\n\n',
    ),
    location: postmortemPagePath(postmortem.entityRef, postmortem.id),
    authorization: { resourceRef: postmortem.entityRef },
    entityRef: postmortem.entityRef,
    status: postmortem.status,
    incidentIds: postmortem.incidentIds,
    severities: postmortem.incidentSeverities ?? [],
    ...(postmortem.drill ? { drill: postmortem.drill } : {}),
  };
}

/**
 * Collates every postmortem (`GET /postmortems`).
 *
 * @internal
 */
export function postmortemCollatorFactory(reader: ReliabilityApiReader) {
  return new ReliabilityCollatorFactory({
    type: POSTMORTEM_DOCUMENT_TYPE,
    reader,
    path: '/postmortems',
    toDocument: postmortemDocument,
  });
}
