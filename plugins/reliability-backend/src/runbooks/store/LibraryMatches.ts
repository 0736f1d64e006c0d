import { Knex } from 'knex';
import { readChangeStamp } from '../../database/changeStamps';
import { RunbookLibraryQuery } from './RunbookStore';

/** A runbook a library query finds: what orders, scopes and pages it. */
export interface LibraryMatch {
  id: string;
  entityRef: string;
  /** The sort key: the lower-cased title, or the last review. */
  key: string;
}

/**
 * Every runbook a library query finds, whatever the caller may see, in the
 * library's order (by key, then id, compared by code unit on every
 * database), with the distinct entities among them.
 */
export interface MatchList {
  matches: readonly LibraryMatch[];
  entityRefs: readonly string[];
}

/** The lists kept at most, and the matches they hold together. */
const MAX_LISTS = 200;
const MAX_HELD = 200_000;

/** The library query without what depends on the caller or the page. */
function listKey(filter: RunbookLibraryQuery): string {
  const {
    cursor: _cursor,
    limit: _limit,
    entityRefs: _only,
    excludeEntityRefs: _exclude,
    ...rest
  } = filter;
  return JSON.stringify(
    Object.keys(rest)
      .sort()
      .map(name => [name, rest[name as keyof typeof rest]]),
  );
}

function byKeyThenId(a: LibraryMatch, b: LibraryMatch): number {
  if (a.key !== b.key) {
    return a.key < b.key ? -1 : 1;
  }
  if (a.id !== b.id) {
    return a.id < b.id ? -1 : 1;
  }
  return 0;
}

interface KeptList {
  done: Promise<MatchList>;
  /** Its number of matches, once read. */
  size: number;
}

interface Generation {
  stamp: number;
  lists: Map<string, KeptList>;
  /** One object per runbook, shared by the lists that find it. */
  shared: Map<string, LibraryMatch>;
  held: number;
}

/**
 * The runbook library's answers, kept until the runbooks change: a query's
 * list of matches is read once (ids, entities and sort keys only) and kept
 * while the `runbooks` change stamp stays where it was, which every write to
 * a runbook, its text, names or drill validations moves on any backend
 * instance. Each request then scopes, counts and pages the list in memory
 * and reads only the page's runbooks, so a word found in thousands of
 * runbooks costs a scan of a list instead of a sort and a count in the
 * database, per request. Requests for the same list while it is read share
 * the reading.
 *
 * At most {@link MAX_LISTS} lists and {@link MAX_HELD} matches are kept; the
 * least recently used go first.
 *
 * @internal
 */
export class LibraryMatches {
  private generation: Generation = {
    stamp: -1,
    lists: new Map(),
    shared: new Map(),
    held: 0,
  };

  constructor(
    private readonly knex: Knex,
    private readonly read: (
      filter: RunbookLibraryQuery,
    ) => Promise<Array<{ id: string; entity_ref: string; key: string }>>,
  ) {}

  /** The matches of the query, as of the runbooks' current change stamp. */
  async list(filter: RunbookLibraryQuery): Promise<MatchList> {
    const stamp = await readChangeStamp(this.knex, 'runbooks');
    if (stamp > this.generation.stamp) {
      this.generation = { stamp, lists: new Map(), shared: new Map(), held: 0 };
    } else if (stamp < this.generation.stamp) {
      // A reader behind a newer write it has not seen yet reads afresh.
      return this.load(filter, new Map());
    }
    const generation = this.generation;
    const key = listKey(filter);
    const kept = generation.lists.get(key);
    if (kept) {
      generation.lists.delete(key);
      generation.lists.set(key, kept);
      return kept.done;
    }
    const entry: KeptList = {
      done: this.load(filter, generation.shared),
      size: 0,
    };
    generation.lists.set(key, entry);
    entry.done.then(
      list => {
        if (generation.lists.get(key) === entry) {
          entry.size = list.matches.length;
          generation.held += entry.size;
          this.evict(generation);
        }
      },
      () => {
        if (generation.lists.get(key) === entry) {
          generation.lists.delete(key);
        }
      },
    );
    return entry.done;
  }

  private async load(
    filter: RunbookLibraryQuery,
    shared: Map<string, LibraryMatch>,
  ): Promise<MatchList> {
    const rows = await this.read(filter);
    const matches = rows.map(row => {
      const key = row.key ?? '';
      const known = shared.get(row.id);
      if (known?.key === key) {
        return known;
      }
      // A runbook is shared by the lists of one order (title or review).
      const match = { id: row.id, entityRef: row.entity_ref, key };
      if (!known) {
        shared.set(row.id, match);
      }
      return match;
    });
    matches.sort(byKeyThenId);
    return {
      matches,
      entityRefs: [...new Set(matches.map(match => match.entityRef))],
    };
  }

  /** Drops the least recently used lists beyond the bounds. */
  private evict(generation: Generation) {
    for (const [key, entry] of generation.lists) {
      if (generation.lists.size <= MAX_LISTS && generation.held <= MAX_HELD) {
        return;
      }
      generation.lists.delete(key);
      generation.held -= entry.size;
    }
  }
}
