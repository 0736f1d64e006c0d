import { Schedule } from './types';

/**
 * How big a schedule may be. The rotation math's work grows with each of
 * these (and only with these, and with the range asked for), so they bound
 * the CPU any request can spend on a schedule; each is well above what a
 * team needs:
 *
 * - `layers`: 10. A team stacks a primary, a secondary, nights and
 *   weekends; a follow-the-sun schedule adds one layer per region.
 * - `participants`: 100 per layer. A rotation of more people than that
 *   would hand each of them a shift less than once a year.
 * - `restrictions`: 28 per layer, four windows on every day of the week.
 * - `timeZones`: 10 different zones in a schedule (its own and those its
 *   restrictions name): one per region of a follow-the-sun schedule.
 * - `overrides`: 500 in a schedule; adding one to a full schedule drops the
 *   override that ended longest ago.
 * - `rotationLength`: 1000 units; 1000 weeks is 19 years.
 *
 * @public
 */
export const SCHEDULE_LIMITS = {
  layers: 10,
  participants: 100,
  restrictions: 28,
  timeZones: 10,
  overrides: 500,
  rotationLength: 1000,
} as const;

/**
 * Thrown by the rotation functions for a schedule beyond
 * {@link SCHEDULE_LIMITS} (a stored schedule that predates them, or one
 * written around the validation), instead of computing it at any cost.
 *
 * @public
 */
export class ScheduleLimitError extends Error {
  readonly name = 'ScheduleLimitError';
  /** Each limit exceeded, naming the field. */
  readonly problems: Array<{ field: string; message: string }>;

  constructor(problems: Array<{ field: string; message: string }>) {
    super(
      `The schedule is larger than on-call schedules may be: ${problems
        .map(p => `${p.field}: ${p.message}`)
        .join('; ')}`,
    );
    this.problems = problems;
  }
}

/** The time zones a schedule's hand-offs and restrictions are read in. */
export function timeZonesOf(schedule: Schedule): Set<unknown> {
  const zones = new Set<unknown>([schedule.timeZone]);
  for (const layer of schedule.layers) {
    for (const restriction of layer.restrictions ?? []) {
      zones.add(restriction.timeZone ?? schedule.timeZone);
    }
  }
  return zones;
}

/**
 * The limits a (structurally valid) schedule exceeds; empty within limits.
 * Counts only, so it costs next to nothing whatever the schedule's size.
 *
 * @public
 */
export function scheduleLimitProblems(
  schedule: Schedule,
): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  const atMost = (field: string, count: number, limit: number) => {
    if (count > limit) {
      problems.push({ field, message: `at most ${limit}, not ${count}` });
    }
  };
  atMost('layers', schedule.layers.length, SCHEDULE_LIMITS.layers);
  atMost('overrides', schedule.overrides.length, SCHEDULE_LIMITS.overrides);
  schedule.layers.slice(0, SCHEDULE_LIMITS.layers).forEach((layer, i) => {
    atMost(
      `layers[${i}].participants`,
      layer.participants.length,
      SCHEDULE_LIMITS.participants,
    );
    atMost(
      `layers[${i}].rotation.length`,
      layer.rotation.length,
      SCHEDULE_LIMITS.rotationLength,
    );
    const restrictions = layer.restrictions ?? [];
    atMost(
      `layers[${i}].restrictions`,
      restrictions.length,
      SCHEDULE_LIMITS.restrictions,
    );
    restrictions
      .slice(0, SCHEDULE_LIMITS.restrictions)
      .forEach((restriction, j) =>
        atMost(
          `layers[${i}].restrictions[${j}].weekdays`,
          restriction.weekdays?.length ?? 0,
          7,
        ),
      );
  });
  if (problems.length === 0) {
    atMost('timeZones', timeZonesOf(schedule).size, SCHEDULE_LIMITS.timeZones);
  }
  return problems;
}

/** Throws a {@link ScheduleLimitError} for a schedule beyond the limits. */
export function assertWithinLimits(schedule: Schedule): void {
  const problems = scheduleLimitProblems(schedule);
  if (problems.length) {
    throw new ScheduleLimitError(problems);
  }
}
