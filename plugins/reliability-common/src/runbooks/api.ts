/**
 * What the runbook endpoints of `/api/reliability` answer.
 */
import { Page } from '../incidents/types';
import { Runbook, RunbookProblem, RunbookSeverity } from './types';

/**
 * A runbook as indexed: a structured runbook read from a file, or a link-only
 * runbook from the entity's `metadata.links` (`type: runbook`).
 *
 * @public
 */
export interface RunbookRecord {
  /**
   * Stable id: `<entityRef>/<runbook id>` for structured runbooks,
   * `<entityRef>/link/<n>` for links. URL-encode it in paths.
   */
  id: string;
  kind: 'structured' | 'link';
  /** The entity whose annotation or links named the runbook. */
  entityRef: string;
  title: string;
  description?: string;
  /** Link-only runbooks: where the runbook lives. */
  url?: string;
  severity?: RunbookSeverity;
  alerts: string[];
  tags: string[];
  /** The runbook's owner, else the entity's owner. */
  owner?: string;
  /** The entity's system, for filtering. */
  system?: string;
  lastReviewed?: string;
  reviewIntervalDays?: number;
  /** `lastReviewed + interval` as `YYYY-MM-DD`; absent for links. */
  reviewDue?: string;
  /** True when the review date has passed (or a structured runbook was never reviewed). */
  stale: boolean;
  /** Where it was read from (file or link). */
  sourceLocation: string;
  indexedAt: string;
  /**
   * When a drill that used the runbook was last resolved: the runbook was
   * exercised end to end then. Absent when never validated in a drill.
   */
  lastValidatedAt?: string;
  /** The drill incident that last validated the runbook. */
  lastValidatedIncidentId?: string;
}

/**
 * One runbook with its steps (`GET /runbooks/:id`).
 *
 * @public
 */
export interface RunbookDetail extends RunbookRecord {
  /** The parsed runbook; absent for link-only runbooks. */
  runbook?: Runbook;
}

/**
 * `GET /runbooks?entityRef=`: the runbooks of one entity, with the problems
 * of its invalid runbook files (shown to its owners).
 *
 * @public
 */
export interface EntityRunbooks {
  entityRef: string;
  /** False when the entity has neither the annotation nor runbook links. */
  configured: boolean;
  runbooks: RunbookRecord[];
  problems: RunbookProblem[];
  /** When the entity's runbook files were last read; null when never. */
  refreshedAt: string | null;
}

/**
 * `GET /runbooks/by-alert/:alertname`: runbooks whose `alerts` name the alert,
 * those of `entityRef` (query) first.
 *
 * @public
 */
export interface RunbooksForAlert {
  alertname: string;
  runbooks: RunbookRecord[];
}

/**
 * Answer of `GET /runbooks/library`: one page of the matches, and how many
 * match in all.
 *
 * @public
 */
export type RunbookLibraryPage = Page<RunbookRecord> & { total: number };
