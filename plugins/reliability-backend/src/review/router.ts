import {
  reviewPeriodOf,
  reviewQuerySchema,
} from '@reliability-hub/plugin-reliability-common';
import Router from 'express-promise-router';
import { EntityVisibility } from '../access/EntityVisibility';
import { todayUtc } from '../actionItems/ActionItemService';
import { parseInput } from '../validation';
import { ReviewService } from './ReviewService';

/**
 * `GET /review`: the reliability review of a group, a system or (without
 * `entityRef`) the organisation over a week, month, quarter or range.
 *
 * @internal
 */
export function createReviewRouter(options: {
  service: ReviewService;
  visibility: EntityVisibility;
}) {
  const router = Router();

  router.get('/review', async (req, res) => {
    const query = parseInput(reviewQuerySchema, req.query, 'review query');
    const visible = await options.visibility.of(req);
    const review = await options.service.review(
      {
        entityRef: query.entityRef,
        period: reviewPeriodOf(query, todayUtc()),
        now: new Date(),
      },
      visible,
    );
    res.json(review);
  });

  return router;
}
