import {
  EntityActionItemSummary,
  EntityIncidentSummary,
  SeverityLevel,
} from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { todayUtc } from '../actionItems/ActionItemService';
import { ActionItemStore } from '../actionItems/ActionItemStore';
import {
  AnswerCache,
  answerCacheKey,
  TimedAnswer,
} from '../caching/AnswerCache';
import { IncidentStore } from '../incidents/IncidentStore';
import { readSummaryStamps } from './summaryStamps';

/** How many incidents and action items the entity page lists. */
const RECENT_ITEMS = 5;

/**
 * At most this many entities' (or groups') parts are kept: a few megabytes.
 * A written entity's old parts are never asked for again and age out.
 */
const MAX_ENTRIES = 500;

/** Even an answer nothing has changed is computed anew this often. */
const MAX_AGE_MS = 10 * 60 * 1000;

/**
 * The parts of the entity page's summary that count an entity's history.
 *
 * @internal
 */
export interface EntitySummaryPartsAnswer {
  incidents: EntityIncidentSummary;
  actionItems: EntityActionItemSummary;
}

/**
 * The incidents and action items parts of the entity summary, computed once
 * per change of what they count. Each answer is remembered with the change
 * stamps of its entities (see the entity_summary_stamps migration: the
 * database raises them in the same transaction as every write of those
 * records, on any backend), so a page view reads the stamps, one indexed
 * row per entity, and recomputes only when a stamp moved or the clock made
 * the answer stale (an incident leaving the last 90 days, a postmortem or an
 * action item becoming overdue). The answer does not depend on who asks:
 * callers check that they may see the entities first.
 *
 * @internal
 */
export class EntitySummaryParts {
  static create(options: {
    knex: Knex;
    incidents: IncidentStore;
    actionItems: ActionItemStore;
    /** Whose policies say which incidents owe a postmortem. */
    severities?: SeverityLevel[];
    now?: () => number;
  }): EntitySummaryParts {
    return new EntitySummaryParts(options);
  }

  private readonly cache: AnswerCache<TimedAnswer<EntitySummaryPartsAnswer>>;
  private readonly now: () => number;

  private constructor(
    private readonly options: {
      knex: Knex;
      incidents: IncidentStore;
      actionItems: ActionItemStore;
      severities?: SeverityLevel[];
      now?: () => number;
    },
  ) {
    this.now = options.now ?? Date.now;
    this.cache = new AnswerCache({
      ttlMs: MAX_AGE_MS,
      maxEntries: MAX_ENTRIES,
      now: this.now,
      holdsUntil: timed => timed.holdsUntil,
    });
  }

  /** The parts for one entity, or for the components of a group or system. */
  async read(entityRefs: string | string[]): Promise<EntitySummaryPartsAnswer> {
    const refs = typeof entityRefs === 'string' ? [entityRefs] : entityRefs;
    // Read before the records, so an answer is never newer than its stamps
    // claim, only possibly older: then the next reader recomputes.
    const stamps = await readSummaryStamps(this.options.knex, refs);
    const key = answerCacheKey([entityRefs, stamps]);
    const timed = await this.cache.get(key, () => this.compute(entityRefs));
    return timed.answer;
  }

  private async compute(
    entityRefs: string | string[],
  ): Promise<TimedAnswer<EntitySummaryPartsAnswer>> {
    const now = new Date(this.now());
    const [incidents, actionItems] = await Promise.all([
      this.options.incidents.getEntitySummary(entityRefs, {
        now,
        recentLimit: RECENT_ITEMS,
        severities: this.options.severities,
      }),
      this.options.actionItems.getEntitySummary(entityRefs, {
        today: todayUtc(now),
        limit: RECENT_ITEMS,
      }),
    ]);
    return {
      answer: { incidents: incidents.answer, actionItems: actionItems.answer },
      holdsUntil: Math.min(incidents.holdsUntil, actionItems.holdsUntil),
    };
  }
}
