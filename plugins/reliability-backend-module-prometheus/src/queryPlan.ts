import {
  queryText,
  RatioTexts,
  SliCounts,
  SliQuery,
  SliQueryResult,
  THRESHOLD_POINT_SECONDS,
  thresholdExprs,
  timeSliceExprs,
  windowExpr,
} from '@reliability-hub/plugin-reliability-node';
import { PrometheusInstance } from './config';

/**
 * The branches one window of a query reads, by expression id.
 *
 * @internal
 */
export type WindowPlan =
  | { kind: 'events'; good?: string; bad?: string; total: string }
  | { kind: 'slices'; goodSlices: string; slices: string };

/**
 * What one query asks: its windows' branches, or why it cannot be asked.
 *
 * @internal
 */
export type QueryPlan =
  | { key: string; error: string }
  | { key: string; windows: Array<{ name: string; plan: WindowPlan }> };

/**
 * One distinct PromQL expression and the queries that read it.
 *
 * @internal
 */
export interface Expression {
  text: string;
  id: string;
  owners: Set<string>;
}

/**
 * The expressions that run on one instance at one instant.
 *
 * @internal
 */
export interface RequestGroup {
  instance: PrometheusInstance;
  timeMs: number;
  /** by expression text */
  exprs: Map<string, Expression>;
}

/**
 * The value of one expression, or why it has none.
 *
 * @internal
 */
export type BranchAnswer = { value?: number } | { error: string };

/**
 * What one cycle learnt: answers by expression id, errors by query key.
 *
 * @internal
 */
export interface CycleAnswers {
  values: Map<string, BranchAnswer>;
  queryErrors: Map<string, string>;
}

/**
 * Plans one query of a cycle: every (query, window) pair becomes one
 * expression, added to the group of its instance and (aligned) instant, where
 * identical expressions of other queries are asked once. A query that cannot
 * be planned gets an error naming its SLO.
 *
 * @internal
 */
export function planQuery(
  query: SliQuery,
  instanceFor: (query: SliQuery) => PrometheusInstance,
  groups: Map<string, RequestGroup>,
): QueryPlan {
  try {
    const instance = instanceFor(query);
    const endMs = query.end.getTime();
    if (!Number.isFinite(endMs)) {
      throw new Error('the query has no valid end instant');
    }
    const timeMs = Math.floor(endMs / instance.alignMs) * instance.alignMs;
    const { threshold } = query;
    const thresholdText = threshold
      ? queryText(threshold.metric, 'threshold')
      : undefined;
    const texts: RatioTexts | undefined = threshold
      ? undefined
      : {
          total: queryText(query.total, 'total'),
          ...(query.good
            ? { good: queryText(query.good, 'good') }
            : { bad: queryText(query.bad, 'bad') }),
        };

    const groupKey = `${instance.name}\u0000${timeMs}`;
    // Added to the group only once the whole query is planned.
    const pending: Array<[string, string]> = [];
    const idFor = (expr: string) => {
      const id = `${groupKey}\u0000${expr}`;
      pending.push([expr, id]);
      return id;
    };
    const windows = query.windows.map(window => {
      let plan: WindowPlan;
      if (threshold) {
        const exprs = thresholdExprs(
          thresholdText!,
          window.seconds,
          query.timeSlices?.seconds ?? THRESHOLD_POINT_SECONDS,
          threshold,
        );
        plan = {
          kind: 'slices',
          goodSlices: idFor(exprs.goodSlices),
          slices: idFor(exprs.slices),
        };
      } else if (query.timeSlices) {
        const exprs = timeSliceExprs(texts!, window.seconds, query.timeSlices);
        plan = {
          kind: 'slices',
          goodSlices: idFor(exprs.goodSlices),
          slices: idFor(exprs.slices),
        };
      } else {
        plan = {
          kind: 'events',
          total: idFor(windowExpr(texts!.total, window.seconds)),
          ...(texts!.good !== undefined
            ? { good: idFor(windowExpr(texts!.good, window.seconds)) }
            : { bad: idFor(windowExpr(texts!.bad!, window.seconds)) }),
        };
      }
      return { name: window.name, plan };
    });

    let group = groups.get(groupKey);
    if (!group) {
      group = { instance, timeMs, exprs: new Map() };
      groups.set(groupKey, group);
    }
    for (const [text, id] of pending) {
      const expression = group.exprs.get(text) ?? {
        text,
        id,
        owners: new Set<string>(),
      };
      expression.owners.add(query.key);
      group.exprs.set(text, expression);
    }
    return { key: query.key, windows };
  } catch (error) {
    return {
      key: query.key,
      error: `Cannot query Prometheus for SLO '${query.sloName}' of ${
        query.entityRef
      }: ${(error as Error).message}`,
    };
  }
}

/**
 * The answer to one planned query, from the values the cycle's requests gave.
 *
 * @internal
 */
export function toResult(
  plan: QueryPlan,
  answers: CycleAnswers,
): SliQueryResult {
  if ('error' in plan) {
    return plan;
  }
  const queryError = answers.queryErrors.get(plan.key);
  if (queryError) {
    return { key: plan.key, error: queryError };
  }
  const value = (id: string | undefined): number | undefined => {
    if (id === undefined) {
      return undefined;
    }
    const answer = answers.values.get(id);
    if (!answer) {
      throw new Error('no answer');
    }
    if ('error' in answer) {
      throw new Error(answer.error);
    }
    return answer.value;
  };
  try {
    const windows: Record<string, SliCounts | null> = {};
    for (const { name, plan: window } of plan.windows) {
      if (window.kind === 'slices') {
        const total = value(window.slices);
        windows[name] =
          total === undefined
            ? null
            : { good: Math.min(value(window.goodSlices) ?? 0, total), total };
        continue;
      }
      const total = value(window.total);
      if (total === undefined) {
        windows[name] = null;
        continue;
      }
      const good =
        window.good !== undefined
          ? value(window.good) ?? 0
          : total - (value(window.bad) ?? 0);
      // Counters scraped a moment apart can put good a hair above total.
      windows[name] = { good: Math.min(Math.max(good, 0), total), total };
    }
    return { key: plan.key, windows };
  } catch (error) {
    return { key: plan.key, error: (error as Error).message };
  }
}
