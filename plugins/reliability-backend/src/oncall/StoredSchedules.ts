import { ScheduleRecord } from '@reliability-hub/plugin-reliability-common';
import { StampedValue } from '../database/changeStamps';
import { yieldToLoop } from '../database/yieldToLoop';
import { ScheduleStore } from './ScheduleStore';

/** Schedules read per query while reading them all. */
const PAGE_SIZE = 50;

/**
 * Every stored schedule, as of one change stamp of the store.
 *
 * @internal
 */
export interface ScheduleSnapshot {
  /** The store's change stamp when the reading began. */
  readonly stamp: number;
  /** Every schedule, by name (then id), as `listSchedules` orders them. */
  readonly all: readonly ScheduleRecord[];
  /** The schedules `listSchedules` answers for this filter, in its order. */
  list(filter?: { ownerRefs?: string[]; names?: string[] }): ScheduleRecord[];
}

/**
 * The stored schedules, parsed once and kept until the store's change stamp
 * says they changed (a write on any backend instance changes it): what is
 * on call for an entity or for the whole organisation then costs one small
 * query instead of reading and parsing every schedule and override again.
 * After a change, only the schedules whose version differs are read again.
 * Requests that find the same new stamp share one reading; it reads a page
 * at a time and lets other requests run between pages.
 *
 * Records handed out are shared: callers must not modify them.
 *
 * @internal
 */
export class StoredSchedules {
  private readonly snapshot = new StampedValue<ScheduleSnapshot>();

  constructor(private readonly store: ScheduleStore) {}

  /** The schedules as stored now. */
  async current(): Promise<ScheduleSnapshot> {
    const stamp = await this.store.changeStamp();
    return this.snapshot.get(stamp, previous =>
      previous ? this.readChanges(stamp, previous) : this.read(stamp),
    );
  }

  private async read(stamp: number): Promise<ScheduleSnapshot> {
    const all: ScheduleRecord[] = [];
    let after: { name: string; id: string } | undefined;
    for (;;) {
      const page = await this.store.listSchedules({ after, limit: PAGE_SIZE });
      all.push(...page);
      if (page.length < PAGE_SIZE) {
        break;
      }
      const last = page[page.length - 1];
      after = { name: last.name, id: last.id };
      await yieldToLoop();
    }
    // A write between two pages is not lost: its stamp differs from
    // `stamp`, so the next request reads again.
    return snapshotOf(stamp, all);
  }

  /**
   * The stored schedules after a change: only those whose version or time
   * of change differ from `previous` are read again, a page at a time.
   */
  private async readChanges(
    stamp: number,
    previous: ScheduleSnapshot,
  ): Promise<ScheduleSnapshot> {
    const versions = await this.store.listVersions();
    const known = new Map(previous.all.map(record => [record.id, record]));
    const changed = versions
      .filter(({ id, version, updatedAt }) => {
        const record = known.get(id);
        return (
          !record ||
          record.version !== version ||
          record.updatedAt !== updatedAt
        );
      })
      .map(({ id }) => id);
    const fresh = new Map<string, ScheduleRecord>();
    for (let i = 0; i < changed.length; i += PAGE_SIZE) {
      if (i > 0) {
        await yieldToLoop();
      }
      const ids = changed.slice(i, i + PAGE_SIZE);
      for (const record of await this.store.listSchedules({ ids })) {
        fresh.set(record.id, record);
      }
    }
    const changedIds = new Set(changed);
    // A changed schedule deleted before it was read again is left out.
    const all = versions.flatMap(({ id }) => {
      const record = changedIds.has(id) ? fresh.get(id) : known.get(id);
      return record ? [record] : [];
    });
    return snapshotOf(stamp, all);
  }
}

function snapshotOf(stamp: number, all: ScheduleRecord[]): ScheduleSnapshot {
  const byOwner = new Map<string, ScheduleRecord[]>();
  const byName = new Map<string, ScheduleRecord[]>();
  for (const record of all) {
    add(byOwner, record.ownerRef, record);
    add(byName, record.name, record);
  }
  const some = (index: Map<string, ScheduleRecord[]>, keys: string[]) => {
    const wanted = new Set(keys);
    const found = new Set([...wanted].flatMap(key => index.get(key) ?? []));
    return all.filter(record => found.has(record));
  };
  return {
    stamp,
    all,
    list({ ownerRefs, names } = {}) {
      let records: ScheduleRecord[] = all as ScheduleRecord[];
      if (names) {
        records = some(byName, names);
      }
      if (ownerRefs) {
        const owners = new Set(ownerRefs);
        records = (names ? records : some(byOwner, ownerRefs)).filter(r =>
          owners.has(r.ownerRef),
        );
      }
      return records === all ? [...all] : records;
    },
  };
}

function add<K, V>(index: Map<K, V[]>, key: K, value: V) {
  const list = index.get(key);
  if (list) {
    list.push(value);
  } else {
    index.set(key, [value]);
  }
}
