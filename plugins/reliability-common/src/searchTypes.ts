/**
 * The portal search's document type of runbooks, as the search module indexes
 * them and the search page filters them.
 *
 * @public
 */
export const RUNBOOK_DOCUMENT_TYPE = 'reliability-runbook';

/**
 * The portal search's document type of postmortems, as the search module
 * indexes them and the search page filters them.
 *
 * @public
 */
export const POSTMORTEM_DOCUMENT_TYPE = 'reliability-postmortem';
