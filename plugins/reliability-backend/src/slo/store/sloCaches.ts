import { SloStatus } from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { readChangeStamp, StampedValue } from '../../database/changeStamps';
import { toIso, toNumber } from '../../database/sql';
import { yieldToLoop } from '../../database/yieldToLoop';
import { EntitySloDefinitions } from './SloStore';
import { DefinitionsRow, toDefinitions } from './sloRows';

/**
 * Rows read (and parsed) between yields when the cache is filled again: an
 * entity's definitions row holds its OpenSLO documents too (kilobytes).
 */
const DEFINITIONS_CHUNK = 100;
const STATUSES_CHUNK = 250;

/**
 * The parsed definitions of every entity, as of a definitions stamp.
 *
 * @internal
 */
export interface DefinitionsCache {
  stamp: number;
  byRef: Map<
    string,
    { revision: number; etags: string | null; value: EntitySloDefinitions }
  >;
  list: EntitySloDefinitions[];
}

/**
 * The latest status of every objective, as of a statuses stamp.
 *
 * @internal
 */
export interface StatusesCache {
  stamp: number;
  statuses: Map<string, SloStatus>;
  byEntity: Map<string, SloStatus[]>;
}

/**
 * Orders definitions by entity ref.
 *
 * @internal
 */
export const byEntityRef = (a: EntitySloDefinitions, b: EntitySloDefinitions) =>
  a.entityRef < b.entityRef ? -1 : Number(a.entityRef > b.entityRef);

/**
 * Every entity's parsed SLO definitions, read again after the definitions
 * stamp moved. Reading them again takes many turns of the event loop:
 * meanwhile other callers answer from the last reading.
 *
 * @internal
 */
export class SloDefinitionsCache {
  private readonly value = new StampedValue<DefinitionsCache>({
    previousWhileLoading: true,
  });

  constructor(private readonly knex: Knex) {}

  /**
   * Every entity's definitions: the rows written since the last load are
   * read and parsed again, a few at a time, the others kept.
   */
  async get(): Promise<DefinitionsCache> {
    const stamp = await readChangeStamp(this.knex, 'slo_definitions');
    return this.value.get(stamp, async previous => {
      const revisions: Array<
        Pick<DefinitionsRow, 'entity_ref' | 'etags' | 'read_at'> & {
          revision: unknown;
        }
      > = await this.knex('slo_definitions').select(
        'entity_ref',
        'revision',
        'etags',
        'read_at',
      );
      const byRef: DefinitionsCache['byRef'] = new Map();
      const changed: string[] = [];
      for (const row of revisions) {
        const kept = previous?.byRef.get(row.entity_ref);
        if (kept && kept.revision === toNumber(row.revision)) {
          const readAt = toIso(row.read_at);
          byRef.set(
            row.entity_ref,
            kept.value.readAt === readAt && kept.etags === row.etags
              ? kept
              : {
                  ...kept,
                  etags: row.etags,
                  value: {
                    ...kept.value,
                    readAt,
                    etags: row.etags ? JSON.parse(row.etags) : {},
                  },
                },
          );
        } else {
          changed.push(row.entity_ref);
        }
      }
      for (let i = 0; i < changed.length; i += DEFINITIONS_CHUNK) {
        const rows: Array<DefinitionsRow & { revision: unknown }> =
          await this.knex('slo_definitions').whereIn(
            'entity_ref',
            changed.slice(i, i + DEFINITIONS_CHUNK),
          );
        for (const row of rows) {
          byRef.set(row.entity_ref, {
            revision: toNumber(row.revision),
            etags: row.etags,
            value: toDefinitions(row),
          });
        }
        await yieldToLoop();
      }
      const list = [...byRef.values()].map(entry => entry.value);
      return { stamp, byRef, list: list.sort(byEntityRef) };
    });
  }
}

/**
 * The latest status of every objective, read again after the statuses
 * stamp moved; other callers answer from the last reading meanwhile.
 *
 * @internal
 */
export class SloStatusesCache {
  private readonly value = new StampedValue<StatusesCache>({
    previousWhileLoading: true,
  });

  constructor(private readonly knex: Knex) {}

  /** Every latest status, read and parsed a few hundred at a time. */
  async get(): Promise<StatusesCache> {
    const stamp = await readChangeStamp(this.knex, 'slo_statuses');
    return this.value.get(stamp, async () => {
      const statuses = new Map<string, SloStatus>();
      let after: string | undefined;
      for (;;) {
        const query = this.knex('slo_status')
          .select('slo_id', 'status')
          .orderBy('slo_id')
          .limit(STATUSES_CHUNK);
        if (after !== undefined) {
          query.where('slo_id', '>', after);
        }
        const rows: Array<{ slo_id: string; status: string }> = await query;
        for (const row of rows) {
          statuses.set(row.slo_id, JSON.parse(row.status));
        }
        await yieldToLoop();
        if (rows.length < STATUSES_CHUNK) {
          const byEntity = new Map<string, SloStatus[]>();
          for (const status of statuses.values()) {
            const of = byEntity.get(status.entityRef);
            if (of) {
              of.push(status);
            } else {
              byEntity.set(status.entityRef, [status]);
            }
          }
          return { stamp, statuses, byEntity };
        }
        after = rows[rows.length - 1].slo_id;
      }
    });
  }
}
