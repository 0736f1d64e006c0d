import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import { quote } from '../../entityFiles';
import {
  DEFAULT_REVIEW_INTERVAL_DAYS,
  RUNBOOK_SEVERITIES,
  RunbookCommand,
  RunbookSeverity,
} from './types';

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const text = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, { error: 'must not be empty' });

const textList = z
  .array(text, { error: 'must be a list of strings' })
  .default([]);

/** Step ids and `next` may be written as numbers (`next: 3`). */
const stepId = z.preprocess(
  value =>
    typeof value === 'number' && Number.isInteger(value) && value >= 0
      ? String(value)
      : value,
  z
    .string({ error: 'must be a step id (a string or a whole number)' })
    .trim()
    .regex(KEBAB_CASE, {
      error: 'must be a kebab-case id or a step number, e.g. "check-pool" or 3',
    }),
);

function entityRef(defaultKind: string, what: string, kinds?: string[]) {
  return z.string({ error: 'must be a string' }).transform((value, ctx) => {
    try {
      const ref = parseEntityRef(value.trim(), {
        defaultKind,
        defaultNamespace: 'default',
      });
      if (kinds && !kinds.includes(ref.kind.toLocaleLowerCase('en-US'))) {
        throw new Error(`kind ${ref.kind} is not allowed`);
      }
      return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `${quote(value)} is not ${what}`,
      });
      return z.NEVER;
    }
  });
}

/**
 * `YYYY-MM-DD`, and a real calendar date.
 *
 * @internal
 */
export const isoDate = z.preprocess(
  // YAML 1.1 documents turn unquoted dates into Date objects.
  value =>
    value instanceof Date && !Number.isNaN(value.getTime())
      ? value.toISOString().slice(0, 10)
      : value,
  z.string({ error: 'must be a date (YYYY-MM-DD)' }).refine(isValidIsoDate, {
    error: issue =>
      `${quote(String(issue.input))} is not a valid date (expected YYYY-MM-DD)`,
  }),
);

/** @internal */
export function isValidIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) {
    return false;
  }
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

const severity = z
  .string({
    error: `must be one of ${RUNBOOK_SEVERITIES.join(', ')}`,
  })
  .transform((value, ctx) => {
    const upper = value.trim().toUpperCase();
    if ((RUNBOOK_SEVERITIES as readonly string[]).includes(upper)) {
      return upper as RunbookSeverity;
    }
    ctx.addIssue({
      code: 'custom',
      message: `unknown severity ${quote(
        value,
      )} (expected one of ${RUNBOOK_SEVERITIES.join(', ')})`,
    });
    return z.NEVER;
  });

const COMMAND_SHAPE =
  'a command must be a string or { run: string, description?: string }';

/** A plain string, or `{ run, description? }`. */
const command = z.unknown().transform((value, ctx): RunbookCommand => {
  if (typeof value === 'string' && value.trim()) {
    return { run: value.trim() };
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const { run, description, ...rest } = value as Record<string, unknown>;
    const unknownKeys = Object.keys(rest);
    if (unknownKeys.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: [unknownKeys[0]],
        message: `unknown field ${quote(unknownKeys[0])} (${COMMAND_SHAPE})`,
      });
      return z.NEVER;
    }
    if (typeof run !== 'string' || !run.trim()) {
      ctx.addIssue({
        code: 'custom',
        path: ['run'],
        message: `must be a non-empty string (${COMMAND_SHAPE})`,
      });
      return z.NEVER;
    }
    if (description !== undefined && typeof description !== 'string') {
      ctx.addIssue({
        code: 'custom',
        path: ['description'],
        message: 'must be a string',
      });
      return z.NEVER;
    }
    return description?.trim()
      ? { run: run.trim(), description: description.trim() }
      : { run: run.trim() };
  }
  ctx.addIssue({ code: 'custom', message: COMMAND_SHAPE });
  return z.NEVER;
});

const decision = z.strictObject({
  condition: text,
  action: text,
  next: stepId.optional(),
});

const step = z.strictObject({
  id: stepId.optional(),
  title: text,
  description: text.optional(),
  commands: z
    .array(command, { error: 'must be a list of commands' })
    .default([]),
  expected: text.optional(),
  decisions: z
    .array(decision, { error: 'must be a list of decision points' })
    .default([]),
});

const escalation = z
  .strictObject({
    level: z
      .number({ error: 'must be a whole number' })
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'must be 1 or more' })
      .optional(),
    who: text.optional(),
    contact: text,
    after: z
      .preprocess(v => (typeof v === 'number' ? String(v) : v), text)
      .optional(),
  })
  .refine(value => value.level !== undefined || value.who !== undefined, {
    error: 'an escalation needs a level or a who',
  });

/**
 * The schema of one runbook document, before the cross-field checks (unique
 * step ids, decision targets) done in `parseRunbookFile`.
 *
 * @internal
 */
export const runbookDocumentSchema = z
  .strictObject({
    id: z
      .string({ error: 'must be a string' })
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(100, { error: 'must be at most 100 characters' })
      .regex(KEBAB_CASE, {
        error: issue =>
          `${quote(
            String(issue.input),
          )} is not kebab-case (lower-case letters, digits and single dashes, e.g. "db-pool-exhaustion")`,
      }),
    title: text,
    description: text.optional(),
    entityRef: entityRef(
      'component',
      'an entity ref (expected kind:namespace/name)',
    ).optional(),
    service: entityRef(
      'component',
      'a service (expected a component name or ref)',
    ).optional(),
    incidentType: text.optional(),
    severity: severity.optional(),
    alerts: textList,
    tags: textList.transform(tags => [
      ...new Set(tags.map(tag => tag.toLocaleLowerCase('en-US'))),
    ]),
    owner: entityRef('group', 'an owner (expected a user or group ref)', [
      'user',
      'group',
    ]).optional(),
    lastReviewed: isoDate.optional(),
    reviewIntervalDays: z
      .number({ error: 'must be a whole number of days' })
      .int({ error: 'must be a whole number of days' })
      .min(1, { error: 'must be at least 1 day' })
      .max(3650, { error: 'must be at most 3650 days' })
      .default(DEFAULT_REVIEW_INTERVAL_DAYS),
    prerequisites: textList,
    steps: z
      .array(step, { error: 'must be a list of steps' })
      .min(1, { error: 'must have at least one step' }),
    verification: textList,
    escalation: z
      .array(escalation, { error: 'must be a list of escalation levels' })
      .default([]),
  })
  .superRefine((value, ctx) => {
    if (
      value.entityRef !== undefined &&
      value.service !== undefined &&
      value.entityRef !== value.service
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['service'],
        message: `conflicts with entityRef ${quote(
          value.entityRef,
        )}; give only one`,
      });
    }
  });
