import { z } from 'zod';
import { entityRefSchema, instantSchema, textSchema } from '../requestFields';
import { DEPLOY_CHANGE_CLASSES } from './api';

/**
 * The longest an exception may last: a freeze is lifted by recovering the
 * budget, not by a standing exception.
 *
 * @public
 */
export const MAX_DEPLOY_EXCEPTION_DAYS = 14;

const changeClassSchema = z.enum(DEPLOY_CHANGE_CLASSES, {
  error:
    'must be standard (a feature) or critical (a bug fix, security patch or reliability work)',
});

/**
 * The query of `GET /deploy-gate`.
 *
 * @public
 */
export const deployGateQuerySchema = z
  .object({
    entityRef: entityRefSchema,
    change: changeClassSchema.default('standard'),
  })
  .strict();

/**
 * The body of `POST /deploy-gate/exceptions`: `until` is an ISO instant in
 * the future, at most {@link MAX_DEPLOY_EXCEPTION_DAYS} days ahead (checked
 * by the backend against its clock).
 *
 * @public
 */
export const deployExceptionRequestSchema = z
  .object({
    entityRef: entityRefSchema,
    change: changeClassSchema,
    until: instantSchema,
    reason: textSchema(1_000),
  })
  .strict();

/**
 * A request for an exception, see {@link deployExceptionRequestSchema}.
 *
 * @public
 */
export type DeployExceptionRequest = z.input<
  typeof deployExceptionRequestSchema
>;
