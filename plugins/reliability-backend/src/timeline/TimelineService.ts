import {
  handoffsOf,
  ReliabilityTimeline,
  TimelineHandoff,
} from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { CallerVisibility } from '../access/EntityVisibility';
import { ScheduleService } from '../oncall/ScheduleService';
import { MAX_TIMELINE_EVENTS, readTimelineRecords } from './readTimeline';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A component's reliability timeline: budget, incidents, postmortems,
 * action items and on-call hand-offs over the last days, as far as the
 * caller may see the component in the catalog.
 *
 * @internal
 */
export class TimelineService {
  constructor(
    private readonly options: { knex: Knex; schedules: ScheduleService },
  ) {}

  async timeline(
    request: { entityRef: string; days: number; now: Date },
    visible: CallerVisibility,
  ): Promise<ReliabilityTimeline> {
    const { entityRef, days, now } = request;
    await visible.assertEntity(entityRef);
    const to = now;
    const from = new Date(now.getTime() - days * DAY_MS);
    const [records, handoffs] = await Promise.all([
      readTimelineRecords(this.options.knex, entityRef, { from, to }),
      this.handoffs(entityRef, from, to),
    ]);
    const truncated = [...records.truncated];
    if (handoffs.length > MAX_TIMELINE_EVENTS) {
      truncated.push('handoffs');
    }
    return {
      entityRef,
      days,
      from: from.toISOString(),
      to: to.toISOString(),
      ...records,
      handoffs: handoffs.slice(-MAX_TIMELINE_EVENTS),
      truncated,
    };
  }

  /**
   * The hand-offs of the schedules that cover the entity, in order. A
   * schedule that cannot be computed has none to show (the on-call card
   * names its problem).
   */
  private async handoffs(
    entityRef: string,
    from: Date,
    to: Date,
  ): Promise<TimelineHandoff[]> {
    const { schedules } = await this.options.schedules.schedulesOfEntity(
      entityRef,
    );
    // A day before the range tells who handed over at its first hand-off.
    const before = new Date(from.getTime() - DAY_MS);
    return schedules
      .flatMap(record => {
        try {
          return handoffsOf(
            record.name,
            this.options.schedules.finalOf(record, before, to),
            from.toISOString(),
          );
        } catch {
          return [];
        }
      })
      .sort((a, b) => a.at.localeCompare(b.at));
  }
}
