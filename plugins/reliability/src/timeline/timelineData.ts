import { ReliabilityTimeline } from '@reliability-hub/plugin-reliability-common';

/** One step of the chart: the budget left then, in percent, or a gap. */
export interface BudgetStep {
  at: number;
  remaining: number | null;
}

/** An interval of the timeline a user picked, in epoch milliseconds. */
export interface TimelineInterval {
  from: number;
  to: number;
}

/**
 * Every step of the timeline's range, with the budget where snapshots
 * exist: a point to click on wherever the pointer is, and gaps where no
 * SLO was evaluated.
 */
export function budgetSteps(timeline: ReliabilityTimeline): BudgetStep[] {
  const from = Date.parse(timeline.from);
  const to = Date.parse(timeline.to);
  const { stepMs, points } = timeline.budget;
  const remaining = new Map(
    points.map(p => [Date.parse(p.at), p.remainingFraction * 100]),
  );
  const steps: BudgetStep[] = [];
  for (let at = from; at < to; at += stepMs) {
    steps.push({ at, remaining: remaining.get(at) ?? null });
  }
  return steps;
}

/**
 * The interval a click at step `at` stands for: that step and the one
 * before it, so a drop between two points covers what caused it.
 */
export function intervalAround(at: number, stepMs: number): TimelineInterval {
  return { from: at - stepMs, to: at + stepMs };
}

/** A fall of the budget from one evaluated step to the next. */
export interface BudgetDrop {
  at: number;
  before: number;
  after: number;
}

/**
 * The steps where the budget fell by at least `threshold` percentage
 * points since the previous evaluated step, the largest falls first, at
 * most `limit` of them: the moments worth asking "what happened here?".
 */
export function budgetDrops(
  steps: BudgetStep[],
  threshold = 1,
  limit = 5,
): BudgetDrop[] {
  const drops: BudgetDrop[] = [];
  let previous: number | null = null;
  for (const step of steps) {
    if (step.remaining === null) {
      continue;
    }
    if (previous !== null && previous - step.remaining >= threshold) {
      drops.push({ at: step.at, before: previous, after: step.remaining });
    }
    previous = step.remaining;
  }
  return drops
    .sort((a, b) => b.before - b.after - (a.before - a.after) || a.at - b.at)
    .slice(0, limit)
    .sort((a, b) => a.at - b.at);
}
