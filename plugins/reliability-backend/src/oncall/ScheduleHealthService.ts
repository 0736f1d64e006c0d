import { CatalogService } from '@backstage/plugin-catalog-node';
import { InputError } from '@backstage/errors';
import {
  ANNOTATION_TIMEZONE,
  HealthIncident,
  onCallHealth,
  onCallHealthRange,
  ReviewPeriod,
  ScheduleHealth,
  ScheduleLimitError,
  ScheduleRecord,
} from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { CallerVisibility } from '../access/EntityVisibility';
import { toIso } from '../database/sql';
import { componentsOf } from '../summary/componentsOf';
import { scheduleOf } from './ScheduleService';

/**
 * The most incidents one health answer counts: far more than a team has in
 * a quarter, and a bound on the work whatever an alert storm stored.
 */
export const MAX_HEALTH_INCIDENTS = 2_000;

/**
 * How sustainable a schedule's rotation is over a period: the figures of
 * {@link onCallHealth}, with each person's own time zone from the catalog
 * and the incidents of the owner group's components from the database.
 *
 * @internal
 */
export class ScheduleHealthService {
  static create(options: { knex: Knex; catalog: CatalogService }) {
    return new ScheduleHealthService(options);
  }

  private constructor(
    private readonly options: { knex: Knex; catalog: CatalogService },
  ) {}

  async healthOf(
    record: ScheduleRecord,
    period: ReviewPeriod,
    visible: CallerVisibility,
  ): Promise<ScheduleHealth> {
    const schedule = scheduleOf(record);
    const range = onCallHealthRange(period, schedule.timeZone);
    const components =
      (await componentsOf(record.ownerRef, {
        catalog: this.options.catalog,
        credentials: visible.credentials,
      })) ?? [];
    const [timeZones, incidents] = await Promise.all([
      this.timeZonesOf(record, visible),
      this.incidentsOf(components, new Date(range.start), new Date(range.end)),
    ]);
    try {
      return {
        scheduleId: record.id,
        name: record.name,
        ownerRef: record.ownerRef,
        period,
        componentCount: components.length,
        incidentsLimited: incidents.length > MAX_HEALTH_INCIDENTS,
        ...onCallHealth(schedule, range, {
          timeZones,
          incidents: incidents.slice(0, MAX_HEALTH_INCIDENTS),
        }),
      };
    } catch (error) {
      if (error instanceof ScheduleLimitError) {
        throw new InputError(
          `Schedule ${record.name} cannot be computed: ${error.message}`,
        );
      }
      throw error;
    }
  }

  /**
   * The `reliability-hub.io/timezone` of everyone the schedule names, as far
   * as the caller may see them; one catalog call.
   */
  private async timeZonesOf(
    record: ScheduleRecord,
    visible: CallerVisibility,
  ): Promise<Record<string, string | undefined>> {
    const { schedule } = record;
    const people = [
      ...new Set([
        ...schedule.layers.flatMap(layer => layer.participants),
        ...schedule.overrides.map(override => override.user),
      ]),
    ];
    if (!people.length) {
      return {};
    }
    const { items } = await this.options.catalog.getEntitiesByRefs(
      {
        entityRefs: people,
        fields: ['kind', 'metadata.annotations'],
      },
      { credentials: visible.credentials },
    );
    const zones: Record<string, string | undefined> = {};
    people.forEach((ref, index) => {
      const zone = items[index]?.metadata.annotations?.[ANNOTATION_TIMEZONE];
      if (zone) {
        zones[ref] = zone;
      }
    });
    return zones;
  }

  /**
   * The incidents of `components` open at some time in `[from, to)`, in one
   * query that reads their times only, one more than are counted so that a
   * cut list is known to be cut.
   */
  private async incidentsOf(
    components: string[],
    from: Date,
    to: Date,
  ): Promise<HealthIncident[]> {
    if (!components.length) {
      return [];
    }
    const rows = await this.options
      .knex('incidents')
      .select('started_at', 'resolved_at')
      .whereIn('entity_ref', components)
      .where('started_at', '<', to)
      .where(query =>
        query.whereNull('resolved_at').orWhere('resolved_at', '>=', from),
      )
      .orderBy('started_at')
      .limit(MAX_HEALTH_INCIDENTS + 1);
    return rows.map(row => ({
      start: toIso(row.started_at),
      end: row.resolved_at === null ? null : toIso(row.resolved_at),
    }));
  }
}
