import {
  ReviewFigures,
  ReviewPeriod,
  reviewPeriodDays,
  reviewPeriodRange,
} from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { EntityFilter, whereEntities } from '../database/entityFilter';
import { readActionItemFigures } from './actionItemFigures';
import { readIncidentFigures } from './incidentFigures';
import { readPostmortemFigures } from './postmortemFigures';
import { ReviewQueryOptions } from './reviewQueries';
import { readSloFigures } from './sloFigures';

/**
 * Every figure of a review over one period for the records of `entities`,
 * each an aggregate query over an index range: no request reads every row.
 *
 * @internal
 */
export async function readReviewFigures(
  knex: Knex,
  period: ReviewPeriod,
  entities: EntityFilter,
  options: ReviewQueryOptions,
): Promise<ReviewFigures> {
  const { from, to } = reviewPeriodRange(period);
  const scoped = (table: string, column = 'entity_ref') =>
    whereEntities(knex(table), entities, column);

  const [slos, incidents, postmortems, actionItems] = await Promise.all([
    readSloFigures(knex, scoped, from, to, options),
    readIncidentFigures(knex, scoped, from, to, options),
    readPostmortemFigures(knex, scoped, from, to, options),
    readActionItemFigures(knex, scoped, from, to),
  ]);
  const weeks = reviewPeriodDays(period) / 7;
  return {
    period,
    slos,
    incidents: incidents.figures,
    postmortems,
    actionItems,
    oncall: {
      pages: incidents.pages,
      pagesPerWeek: Math.round((incidents.pages / weeks) * 10) / 10,
      offHoursPages: incidents.offHoursPages,
    },
  };
}
