import { InputError } from '@backstage/errors';
import {
  Schedule,
  ScheduleRequest,
  validateSchedule,
} from '@reliability-hub/plugin-reliability-common';
import { z } from 'zod';
import { parseInput } from '../validation';
import { NewSchedule } from './ScheduleStore';

/** A 400 lists this many problems of a schedule at most. */
const MAX_LISTED_PROBLEMS = 20;

/**
 * Checks a schedule with the shared rules, or throws a 400 listing every
 * problem with its field.
 *
 * @internal
 */
export function assertValidSchedule(schedule: unknown): void {
  const problems = validateSchedule(schedule);
  if (problems.length) {
    const listed = problems
      .slice(0, MAX_LISTED_PROBLEMS)
      .map(p => (p.field ? `schedule.${p.field}: ${p.message}` : p.message));
    if (problems.length > MAX_LISTED_PROBLEMS) {
      listed.push(`and ${problems.length - MAX_LISTED_PROBLEMS} more`);
    }
    throw new InputError(`Invalid schedule: ${listed.join('; ')}`);
  }
}

/**
 * Parses a schedule body (of a create, a change or an import) with `schema`,
 * then checks its rotation with the shared rules.
 *
 * @internal
 */
export function parseSchedule<T extends z.ZodType>(
  schema: T,
  body: unknown,
): z.output<T> & { name: string; ownerRef: string; schedule: Schedule } {
  const parsed = parseInput(schema, body, 'schedule') as any;
  parsed.schedule = { ...parsed.schedule, name: parsed.name };
  assertValidSchedule(parsed.schedule);
  return parsed;
}

/**
 * A stored schedule from a schedule request (parsed, or as a client writes
 * it).
 *
 * @internal
 */
export function toNewSchedule(input: ScheduleRequest): NewSchedule {
  const policy = input.escalationPolicy;
  return {
    name: input.name,
    ownerRef: input.ownerRef,
    timeZone: input.schedule.timeZone,
    description: input.schedule.description,
    layers: input.schedule.layers,
    overrides: input.schedule.overrides ?? [],
    escalationPolicy: policy ? { ...policy, repeat: policy.repeat ?? 0 } : null,
  };
}
