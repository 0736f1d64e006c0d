import { z } from 'zod';
import { parseInput } from '../validation';

// RFC 3339 as Go writes it: any number of fraction digits (Alertmanager sends
// nanoseconds), `Z` or a numeric offset.
const RFC3339 =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** Go's zero time: Alertmanager's `endsAt` of an alert that has not ended. */
const GO_ZERO_TIME_YEAR = 1;

function parseTime(value: string): Date | undefined {
  if (!RFC3339.test(value)) {
    return undefined;
  }
  // JavaScript keeps milliseconds; drop finer digits so every engine agrees.
  const trimmed = value.replace(/(\.\d{3})\d+/, '$1');
  const date = new Date(trimmed);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const timestamp = z
  .string()
  .max(64)
  .transform((value, ctx) => {
    const date = parseTime(value);
    if (!date) {
      ctx.addIssue({
        code: 'custom',
        message: `not an RFC 3339 timestamp: ${JSON.stringify(value)}`,
      });
      return z.NEVER;
    }
    return date;
  });

const labelSet = z.record(z.string().max(1024), z.string().max(65536));

const alertSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: labelSet,
  annotations: labelSet.default({}),
  startsAt: timestamp,
  /** `0001-01-01T00:00:00Z` (Go's zero time) or absent: not ended. */
  endsAt: timestamp
    .nullish()
    .transform(date =>
      date && date.getUTCFullYear() > GO_ZERO_TIME_YEAR ? date : null,
    ),
  generatorURL: z.string().max(4096).optional(),
  fingerprint: z.string().min(1).max(64),
});

/**
 * Alertmanager's webhook payload, version 4
 * (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config).
 * Unknown fields are ignored; `endsAt` becomes null when the alert has not ended.
 *
 * @internal
 */
export const alertmanagerPayloadSchema = z.object({
  version: z.literal('4').optional(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string().max(1024).optional(),
  groupKey: z.string().min(1).max(65536),
  truncatedAlerts: z.number().int().min(0).optional(),
  groupLabels: labelSet.default({}),
  commonLabels: labelSet.default({}),
  commonAnnotations: labelSet.default({}),
  externalURL: z.string().max(4096).default(''),
  alerts: z.array(alertSchema).max(10_000),
});

/**
 * A validated webhook payload: times as Dates.
 *
 * @internal
 */
export type AlertmanagerPayload = z.output<typeof alertmanagerPayloadSchema>;

/**
 * One alert of a validated webhook payload.
 *
 * @internal
 */
export type AlertmanagerAlert = AlertmanagerPayload['alerts'][number];

/**
 * Validates a webhook body, or throws an InputError naming the bad field
 * (e.g. `alerts.0.startsAt`).
 *
 * @internal
 */
export function parseAlertmanagerPayload(body: unknown): AlertmanagerPayload {
  return parseInput(
    alertmanagerPayloadSchema,
    body,
    'Alertmanager webhook payload',
  );
}
