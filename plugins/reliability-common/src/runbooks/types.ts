/**
 * The severities a structured runbook may declare. Only `SEV1`..`SEV4` are
 * accepted (case-insensitive in the file, upper-case once parsed); anything
 * else is reported as an unknown severity.
 *
 * @public
 */
export const RUNBOOK_SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;

/** @public */
export type RunbookSeverity = (typeof RUNBOOK_SEVERITIES)[number];

/**
 * The review interval assumed when a runbook does not declare
 * `reviewIntervalDays` (quarterly, as the SOPs ask).
 *
 * @public
 */
export const DEFAULT_REVIEW_INTERVAL_DAYS = 90;

/**
 * One command of a step. In the file a command is either a plain string or
 * `{ run, description? }`; both are normalised to this shape.
 *
 * @public
 */
export interface RunbookCommand {
  run: string;
  description?: string;
}

/**
 * A decision point: "if `condition` → do `action` → go to step `next`".
 * Without `next` the reader continues with the following step.
 *
 * @public
 */
export interface RunbookDecision {
  condition: string;
  action: string;
  next?: string;
}

/** @public */
export interface RunbookStep {
  /**
   * Unique within the runbook. Defaults to the 1-based position of the step
   * (`"1"`, `"2"`, …) so that decisions can say `next: 3`.
   */
  id: string;
  title: string;
  description?: string;
  commands: RunbookCommand[];
  expected?: string;
  decisions: RunbookDecision[];
}

/**
 * One rung of the escalation path. At least one of `level` and `who` is
 * given; `after` is free text such as `15 minutes without mitigation`.
 *
 * @public
 */
export interface RunbookEscalation {
  level?: number;
  who?: string;
  contact: string;
  after?: string;
}

/**
 * A parsed, normalised structured runbook.
 *
 * @public
 */
export interface Runbook {
  /** kebab-case, unique within a file. */
  id: string;
  title: string;
  /** Markdown. For Markdown files, the body when the front matter has none. */
  description?: string;
  /**
   * The entity the runbook is for (`kind:namespace/name`, lower-cased). From
   * `entityRef`, or from `service: checkout` (a component); absent means the
   * entity whose annotation pointed at the file.
   */
  entityRef?: string;
  incidentType?: string;
  severity?: RunbookSeverity;
  /** Alert names (Alertmanager `alertname`) the runbook answers. */
  alerts: string[];
  /** Lower-cased. */
  tags: string[];
  /** A user or group ref (`group:default/payments` or `payments`). */
  owner?: string;
  /** `YYYY-MM-DD`. */
  lastReviewed?: string;
  /** Whole days; {@link DEFAULT_REVIEW_INTERVAL_DAYS} when not given. */
  reviewIntervalDays: number;
  prerequisites: string[];
  /** In order. */
  steps: RunbookStep[];
  verification: string[];
  escalation: RunbookEscalation[];
  /** Where the runbook came from. */
  source: {
    file: string;
    /** 0-based index of the YAML document within the file. */
    documentIndex: number;
    /** 1-based line where the runbook starts. */
    line?: number;
  };
}

/**
 * A reason a runbook file (or one document of it) was rejected.
 *
 * @public
 */
export interface RunbookProblem {
  file: string;
  /** 0-based index of the YAML document within the file (0 for Markdown). */
  documentIndex: number;
  /** 1-based line in the file, when known. */
  line?: number;
  /**
   * The offending field as a path, e.g. `steps[2].decisions[0].next`; empty
   * when the problem concerns the whole document (such as a syntax error).
   */
  field: string;
  message: string;
}

/**
 * The result of parsing one runbook file: the valid runbooks and the
 * problems of the invalid ones. A document with any problem gives no runbook.
 *
 * @public
 */
export interface RunbookParseResult {
  runbooks: Runbook[];
  problems: RunbookProblem[];
}
