import {
  SloHistoryPoint,
  SloStatus,
} from '@reliability-hub/plugin-reliability-common';
import { toIso, toNumber } from '../../database/sql';
import { EntitySloDefinitions } from './SloStore';

type Timestamp = Date | number | string;

/**
 * A row of `slo_definitions`.
 *
 * @internal
 */
export interface DefinitionsRow {
  entity_ref: string;
  location: string;
  owner_ref: string | null;
  system_ref: string | null;
  content_hash: string | null;
  etags: string | null;
  definitions: string;
  problems: string;
  read_at: Timestamp;
}

/**
 * A row of `slo_snapshots` as the history reads it.
 *
 * @internal
 */
export interface SnapshotRow {
  evaluated_at: Timestamp;
  state: string;
  sli: number | string | null;
  remaining_fraction: number | string | null;
  burn_rate_1h: number | string | null;
  burn_rate_6h: number | string | null;
}

const nullableNumber = (value: unknown): number | null =>
  value === null || value === undefined ? null : toNumber(value);

/**
 * An entity's stored definitions.
 *
 * @internal
 */
export function toDefinitions(row: DefinitionsRow): EntitySloDefinitions {
  return {
    entityRef: row.entity_ref,
    location: row.location,
    ...(row.owner_ref ? { owner: row.owner_ref } : {}),
    ...(row.system_ref ? { system: row.system_ref } : {}),
    contentHash: row.content_hash,
    etags: row.etags ? JSON.parse(row.etags) : {},
    slos: JSON.parse(row.definitions),
    problems: JSON.parse(row.problems),
    readAt: toIso(row.read_at),
  };
}

/**
 * A history point.
 *
 * @internal
 */
export function toPoint(row: SnapshotRow): SloHistoryPoint {
  return {
    at: toIso(row.evaluated_at),
    sli: nullableNumber(row.sli),
    remainingFraction: nullableNumber(row.remaining_fraction),
    burnRate1h: nullableNumber(row.burn_rate_1h),
    burnRate6h: nullableNumber(row.burn_rate_6h),
    state: row.state as SloHistoryPoint['state'],
  };
}

/**
 * The snapshot row of an evaluated status.
 *
 * @internal
 */
export function snapshotRow(status: SloStatus, at: Date) {
  return {
    slo_id: status.id,
    entity_ref: status.entityRef,
    evaluated_at: at,
    state: status.state,
    sli: status.sli,
    remaining_fraction: status.budget.remainingFraction,
    burn_rate_1h: status.burnRates['1h'] ?? null,
    burn_rate_6h: status.burnRates['6h'] ?? null,
  };
}

/**
 * Keeps evenly spaced points: the last point of each of `maxPoints` equal
 * time steps, so a long range stays light and its latest point is kept.
 *
 * @internal
 */
export function downsample(
  points: SloHistoryPoint[],
  range: { from: Date; to: Date; maxPoints: number },
): SloHistoryPoint[] {
  if (points.length <= range.maxPoints) {
    return points;
  }
  const from = range.from.getTime();
  const step = (range.to.getTime() - from) / range.maxPoints;
  const byStep = new Map<number, SloHistoryPoint>();
  for (const point of points) {
    byStep.set(Math.floor((Date.parse(point.at) - from) / step), point);
  }
  return [...byStep.values()];
}
