export { contentHash } from './contentHash';
export {
  formatFieldPath,
  formatRunbookProblem,
  isMarkdownRunbookFile,
  parseRunbookFile,
} from './parseRunbookFile';
export { isValidIsoDate, runbookDocumentSchema } from './schema';
export { isRunbookStale, runbookReviewDueDate } from './stale';
export {
  DEFAULT_REVIEW_INTERVAL_DAYS,
  RUNBOOK_SEVERITIES,
  type Runbook,
  type RunbookCommand,
  type RunbookDecision,
  type RunbookEscalation,
  type RunbookParseResult,
  type RunbookProblem,
  type RunbookSeverity,
  type RunbookStep,
} from './types';
