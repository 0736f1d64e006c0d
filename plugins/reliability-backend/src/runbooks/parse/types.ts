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
} from '@reliability-hub/plugin-reliability-common';
