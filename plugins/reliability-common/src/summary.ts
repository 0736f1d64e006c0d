import { EntityIncidentSummary } from './incidents';
import { OnCallNow } from './oncall/api';
import { ActionItem } from './postmortems';
import { EntityRunbooks } from './runbooks/api';
import { EntitySlos } from './slo/api';
import { EntityDeployVerdicts } from './deployGate/api';

/**
 * Everything the entity page shows about one entity, answered by one call
 * (`GET /api/reliability/entity-summary?entityRef=...`).
 *
 * @public
 */
export interface EntityReliabilitySummary {
  entityRef: string;
  /** For a group or system: the components whose records are aggregated. */
  components?: string[];
  incidents: EntityIncidentSummary;
  actionItems: EntityActionItemSummary;
  /** Who is on call for the entity; absent from backends without on-call. */
  oncall?: OnCallNow;
  /** The entity's SLOs with their latest figures; absent from backends without SLOs. */
  slos?: EntitySlos;
  /**
   * Whether the entity may deploy now, per change class; absent for groups
   * and systems and from backends without the deploy gate.
   */
  deployGate?: EntityDeployVerdicts;
  /** The entity's runbooks; absent from backends without runbooks. */
  runbooks?: EntityRunbooks;
}

/**
 * The action items of an entity at a glance.
 *
 * @public
 */
export interface EntityActionItemSummary {
  /** Open or in progress. */
  openCount: number;
  overdueCount: number;
  /** Done among all that were decided (done + won't do + open), 0..1; null without items. */
  completionRate: number | null;
  /** Overdue first, then by due date: the items to show on the card. */
  items: ActionItem[];
}
