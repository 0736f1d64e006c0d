import {
  Layer,
  Override,
  ScheduleRecord,
} from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { toIso, toNumber } from '../database/sql';
import { NewSchedule } from './ScheduleStore';

/*
 * The rows of the `schedules` and `schedule_overrides` tables and their
 * conversions to and from what the API answers.
 */

type Timestamp = Date | number | string;

/** @internal */
export interface ScheduleRow {
  id: string;
  name: string;
  owner_ref: string;
  definition: string;
  escalation_policy: string | null;
  /** SHA-256 of the feed's secret; the secret itself is never stored. */
  feed_token_sha256: string;
  /** What the feed's secret is derived from; null until first asked for. */
  feed_nonce?: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

/** @internal */
export interface OverrideRow {
  id: string;
  schedule_id: string;
  user_ref: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  reason: string | null;
  created_by: string;
  created_at: Timestamp;
}

/** What the `definition` column holds: the rotation without overrides. */
interface Definition {
  timeZone: string;
  description?: string;
  layers: Layer[];
}

function toRecord(row: ScheduleRow, overrides: OverrideRow[]): ScheduleRecord {
  const definition: Definition = JSON.parse(row.definition);
  return {
    id: row.id,
    name: row.name,
    ownerRef: row.owner_ref,
    schedule: {
      name: row.name,
      ...(definition.description !== undefined
        ? { description: definition.description }
        : {}),
      timeZone: definition.timeZone,
      layers: definition.layers,
      overrides: overrides.map(o => ({
        id: o.id,
        user: o.user_ref,
        start: toIso(o.starts_at),
        end: toIso(o.ends_at),
        ...(o.reason !== null ? { reason: o.reason } : {}),
      })),
    },
    escalationPolicy: row.escalation_policy
      ? JSON.parse(row.escalation_policy)
      : null,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    version: toNumber(row.version),
  };
}

/**
 * The schedules of `rows` as the API answers them, with their overrides
 * (read in one query).
 *
 * @internal
 */
export async function toRecords(
  db: Knex | Knex.Transaction,
  rows: ScheduleRow[],
): Promise<ScheduleRecord[]> {
  if (!rows.length) {
    return [];
  }
  const overrides = await db<OverrideRow>('schedule_overrides')
    .whereIn(
      'schedule_id',
      rows.map(r => r.id),
    )
    .orderBy([
      { column: 'starts_at', order: 'asc' },
      { column: 'created_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
  // Grouped in one pass: a filter per schedule would compare every
  // override with every schedule (12 million comparisons for 1,000).
  const bySchedule = new Map<string, OverrideRow[]>();
  for (const override of overrides) {
    const list = bySchedule.get(override.schedule_id);
    if (list) {
      list.push(override);
    } else {
      bySchedule.set(override.schedule_id, [override]);
    }
  }
  return rows.map(row => toRecord(row, bySchedule.get(row.id) ?? []));
}

/**
 * The row of an override of schedule `scheduleId`.
 *
 * @internal
 */
export function overrideRow(
  scheduleId: string,
  override: Override & { id?: string },
  actor: string,
  now: Date,
): OverrideRow {
  return {
    id: override.id ?? randomUUID(),
    schedule_id: scheduleId,
    user_ref: override.user,
    starts_at: new Date(override.start),
    ends_at: new Date(override.end),
    reason: override.reason ?? null,
    created_by: actor,
    created_at: now,
  };
}

/**
 * The columns a schedule's definition fills, on creation and on every
 * change.
 *
 * @internal
 */
export function scheduleColumns(
  schedule: NewSchedule,
): Pick<
  ScheduleRow,
  'name' | 'owner_ref' | 'definition' | 'escalation_policy'
> {
  const definition: Definition = {
    timeZone: schedule.timeZone,
    ...(schedule.description !== undefined
      ? { description: schedule.description }
      : {}),
    layers: schedule.layers,
  };
  return {
    name: schedule.name,
    owner_ref: schedule.ownerRef,
    definition: JSON.stringify(definition),
    escalation_policy: schedule.escalationPolicy
      ? JSON.stringify(schedule.escalationPolicy)
      : null,
  };
}
