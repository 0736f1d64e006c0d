import { Knex } from 'knex';
import { toNumber } from './sql';

/**
 * The areas of the plugin's data with a change stamp in `change_stamps`:
 * numbers the database raises with every write to the area's tables (see
 * the change_stamps migration for which tables raise which).
 *
 * @internal
 */
export type ChangeArea =
  | 'runbooks'
  | 'schedules'
  | 'slo_definitions'
  | 'slo_statuses';

/**
 * The current change stamp of an area.
 *
 * @internal
 */
export async function readChangeStamp(
  knex: Knex,
  area: ChangeArea,
): Promise<number> {
  const row = await knex('change_stamps').where({ area }).first('version');
  return toNumber(row?.version ?? 0);
}

/**
 * Raises the stamp of `slo_statuses`, the one area no trigger raises: an
 * SLO evaluation writes its statuses in many transactions and publishes
 * them at once, when the last is written.
 *
 * @internal
 */
export async function raiseChangeStamp(
  db: Knex | Knex.Transaction,
  area: 'slo_statuses',
): Promise<void> {
  await db('change_stamps').where({ area }).increment('version', 1);
}

/**
 * A value computed as of a change stamp, computed again when the stamp has
 * moved: once for every caller asking meanwhile. A newer stamp starts its
 * own computation, and an older one never replaces a newer value.
 *
 * With `previousWhileLoading`, callers who find the computation for their
 * stamp already started by another get the last value at once instead of
 * waiting for it; the caller who started it waits, so a reader that comes
 * after a write it knows of (its own, say) sees the write.
 *
 * @internal
 */
export class StampedValue<C extends { stamp: number }> {
  private value?: C;
  private loading?: { stamp: number; done: Promise<C> };

  constructor(
    private readonly options: { previousWhileLoading?: boolean } = {},
  ) {}

  /** The value as of `stamp`; `load` is handed the last one to reuse. */
  get(stamp: number, load: (previous?: C) => Promise<C>): Promise<C> {
    if (this.value?.stamp === stamp) {
      return Promise.resolve(this.value);
    }
    if (this.loading?.stamp === stamp) {
      return this.options.previousWhileLoading && this.value
        ? Promise.resolve(this.value)
        : this.loading.done;
    }
    const done = load(this.value).then(value => {
      if (!this.value || this.value.stamp <= value.stamp) {
        this.value = value;
      }
      return value;
    });
    const entry = { stamp, done };
    this.loading = entry;
    const settle = () => {
      if (this.loading === entry) {
        this.loading = undefined;
      }
    };
    done.then(settle, settle);
    return done;
  }
}
