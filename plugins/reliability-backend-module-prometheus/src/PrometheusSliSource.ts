import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  SliCounts,
  SliQuery,
  SliQueryResult,
  SliSource,
} from '@reliability-hub/plugin-reliability-node';
import { randomBytes } from 'node:crypto';
import { PrometheusInstance, readPrometheusInstances } from './config';
import {
  FetchFn,
  instantQuery,
  PrometheusQueryError,
  VectorSample,
} from './PrometheusClient';
import {
  batchExpr,
  BRANCH_LABEL,
  queryText,
  RatioTexts,
  timeSliceExprs,
  windowExpr,
} from './promql';

/** Longest PromQL text put into one request, in characters. */
const MAX_REQUEST_CHARS = 500_000;

/** The branches one window of a query reads, by expression id. */
type WindowPlan =
  | { kind: 'events'; good?: string; bad?: string; total: string }
  | { kind: 'slices'; goodSlices: string; slices: string };

type QueryPlan =
  | { key: string; error: string }
  | { key: string; windows: Array<{ name: string; plan: WindowPlan }> };

/** One distinct PromQL expression and the queries that read it. */
interface Expression {
  text: string;
  id: string;
  owners: Set<string>;
}

/** The expressions that run on one instance at one instant. */
interface RequestGroup {
  instance: PrometheusInstance;
  timeMs: number;
  /** by expression text */
  exprs: Map<string, Expression>;
}

type BranchAnswer = { value?: number } | { error: string };

/** What one cycle learnt: answers by expression id, errors by query key. */
interface CycleAnswers {
  values: Map<string, BranchAnswer>;
  queryErrors: Map<string, string>;
}

/**
 * Options of {@link PrometheusSliSource.create}.
 *
 * @public
 */
export interface PrometheusSliSourceOptions {
  /** The instances, the default first (or the one named `default`). */
  instances: PrometheusInstance[];
  logger: LoggerService;
  /** Replaces the global `fetch` (tests, proxies). */
  fetchFn?: FetchFn;
}

/**
 * The Prometheus SLI source (OpenSLO `metricSource.type: Prometheus`).
 *
 * Configuration, `reliability.slo.prometheus.instances`: a list of
 * `{ name, baseUrl, bearerToken?, headers?, timeout?, batchSize?, concurrency?, alignment? }`.
 * An OpenSLO `metricSource.spec.instance` picks an instance by name; without
 * it the instance named `default` answers, else the first one.
 *
 * One call of {@link PrometheusSliSource.query} is one evaluation cycle:
 * every (query, window) pair becomes one expression (see `promql.ts` for what
 * a query may look like), identical expressions are asked once, and the
 * expressions of each instance are sent as few instant queries as possible
 * (`batchSize` expressions each, joined with `or` and told apart by a label).
 * Queries of different entities share requests, so no query may reach
 * another's answer: each must be one balanced expression (it cannot leave
 * the `sum(…)` it is put in), the label's name is random per request, and an
 * answer holding any series but one per expression with its key counts as
 * refused PromQL.
 * When Prometheus refuses a request's PromQL, its queries are split in halves
 * and asked again until the faulty ones stand alone, so one bad query costs
 * only its own SLO (and about 2·log2(queries in the request) extra requests).
 * A timeout, a network error or a 5xx marks every query of that request with
 * an error naming the instance ("source unavailable"); nothing is thrown.
 * Errors name the instance by its configured name and say what kind of
 * failure it was; its URL and what it answered go only to the log (warn).
 *
 * The evaluation instant is rounded down to a multiple of `alignment`
 * (default 1m), so every window of a cycle ends on the same grid. With
 * samples on that grid (backfilled data, for example) `increase()` finds
 * samples on both edges of every window and extrapolates nothing: the counts
 * are exact differences of the counters (resets included). With live scrapes,
 * whose timestamps are not on the grid, `increase()` extrapolates to the
 * window edges as usual.
 *
 * Counting rules: a window whose total query returns no series has no data
 * (null); a good or bad query that returns no series counts 0 events (a
 * selector such as `code=~"5.."` matches nothing until the first error).
 * With Timeslices, a slice of `timeSlices.seconds` is good when good/total
 * reaches the target or the slice had no events; slices are aligned to
 * multiples of their length since the epoch, and only slices in which the
 * total query has data are counted.
 *
 * @public
 */
export class PrometheusSliSource implements SliSource {
  readonly type = 'Prometheus';
  readonly #instances: PrometheusInstance[];
  readonly #defaultInstance: PrometheusInstance;
  readonly #logger: LoggerService;
  readonly #fetchFn?: FetchFn;

  /**
   * The source for the configured instances, or undefined when
   * `reliability.slo.prometheus.instances` lists none.
   *
   * @throws Error naming the config key of an invalid setting.
   */
  static fromConfig(
    config: RootConfigService,
    options: { logger: LoggerService; fetchFn?: FetchFn },
  ): PrometheusSliSource | undefined {
    const instances = readPrometheusInstances(config);
    if (instances.length === 0) {
      return undefined;
    }
    return PrometheusSliSource.create({ ...options, instances });
  }

  /** A source for the given instances (at least one). */
  static create(options: PrometheusSliSourceOptions): PrometheusSliSource {
    return new PrometheusSliSource(options);
  }

  private constructor(options: PrometheusSliSourceOptions) {
    if (options.instances.length === 0) {
      throw new Error('The Prometheus SLI source needs at least one instance');
    }
    this.#instances = options.instances;
    this.#defaultInstance =
      options.instances.find(instance => instance.name === 'default') ??
      options.instances[0];
    this.#logger = options.logger;
    this.#fetchFn = options.fetchFn;
  }

  async query(
    queries: SliQuery[],
    options?: { signal?: AbortSignal },
  ): Promise<SliQueryResult[]> {
    const started = Date.now();
    const groups = new Map<string, RequestGroup>();
    const plans = queries.map(query => this.#plan(query, groups));

    const answers: CycleAnswers = { values: new Map(), queryErrors: new Map() };
    let requests = 0;
    await Promise.all(
      [...groups.values()].map(async group => {
        requests += await this.#runGroup(group, answers, options?.signal);
      }),
    );

    const results = plans.map(plan => toResult(plan, answers));
    this.#logger.debug(
      `Prometheus SLI source: ${queries.length} queries, ${answers.values.size} expressions, ` +
        `${requests} requests, ${Date.now() - started} ms`,
    );
    return results;
  }

  #instanceFor(query: SliQuery): PrometheusInstance {
    const names = [query.total, query.good, query.bad]
      .map(spec => spec?.instance)
      .filter(name => name !== undefined && name !== null && name !== '');
    const name = names[0];
    if (names.some(other => other !== name)) {
      throw new Error(
        'the good/bad and total queries name different Prometheus instances (spec.instance); ' +
          'a ratio must be read from one instance',
      );
    }
    if (name === undefined) {
      return this.#defaultInstance;
    }
    const instance = this.#instances.find(i => i.name === String(name));
    if (!instance) {
      throw new Error(
        `the Prometheus instance that spec.instance names is not configured; configured: ${this.#instances
          .map(i => `'${i.name}'`)
          .join(', ')}`,
      );
    }
    return instance;
  }

  #plan(query: SliQuery, groups: Map<string, RequestGroup>): QueryPlan {
    try {
      const instance = this.#instanceFor(query);
      const endMs = query.end.getTime();
      if (!Number.isFinite(endMs)) {
        throw new Error('the query has no valid end instant');
      }
      const timeMs = Math.floor(endMs / instance.alignMs) * instance.alignMs;
      const texts: RatioTexts = {
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
        if (query.timeSlices) {
          const exprs = timeSliceExprs(texts, window.seconds, query.timeSlices);
          plan = {
            kind: 'slices',
            goodSlices: idFor(exprs.goodSlices),
            slices: idFor(exprs.slices),
          };
        } else {
          plan = {
            kind: 'events',
            total: idFor(windowExpr(texts.total, window.seconds)),
            ...(texts.good !== undefined
              ? { good: idFor(windowExpr(texts.good, window.seconds)) }
              : { bad: idFor(windowExpr(texts.bad!, window.seconds)) }),
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

  /** Runs a group's expressions in batches; returns the number of requests. */
  async #runGroup(
    group: RequestGroup,
    answers: CycleAnswers,
    signal?: AbortSignal,
  ): Promise<number> {
    const chunks: Expression[][] = [];
    let chunk: Expression[] = [];
    let chars = 0;
    for (const expression of group.exprs.values()) {
      if (
        chunk.length >= group.instance.batchSize ||
        (chunk.length > 0 && chars + expression.text.length > MAX_REQUEST_CHARS)
      ) {
        chunks.push(chunk);
        chunk = [];
        chars = 0;
      }
      chunk.push(expression);
      chars += expression.text.length + 60;
    }
    if (chunk.length) {
      chunks.push(chunk);
    }

    let requests = 0;
    /**
     * Asks for `entries` in one request. When Prometheus refuses the PromQL,
     * the queries owning the entries (within `owners`) are split in halves
     * and each half asks again for its own entries, until the refused
     * queries stand alone: they get the error, the others their answers.
     */
    const runChunk = async (
      entries: Expression[],
      owners?: ReadonlySet<string>,
    ): Promise<void> => {
      requests += 1;
      try {
        // A key label no query can know in advance.
        const label = `${BRANCH_LABEL}_${randomBytes(8).toString('hex')}`;
        const vector = await instantQuery({
          instance: group.instance,
          query: batchExpr(
            entries.map(entry => entry.text),
            label,
          ),
          timeMs: group.timeMs,
          signal,
          fetchFn: this.#fetchFn,
        });
        const byIndex = branchValues(vector, label, entries.length);
        if (!byIndex) {
          // Every branch is a sum(…) the key is set on, so this takes a query
          // that got out of its sum: treated as refused PromQL, which splits
          // the batch until that query stands alone.
          throw new PrometheusQueryError(
            'query',
            `Prometheus '${group.instance.name}' answered series that no query asked for`,
          );
        }
        entries.forEach((entry, index) => {
          const value = byIndex.get(index);
          answers.values.set(entry.id, {
            value:
              value !== undefined && Number.isFinite(value) ? value : undefined,
          });
        });
      } catch (error) {
        const failure =
          error instanceof PrometheusQueryError
            ? error
            : new PrometheusQueryError(
                'unavailable',
                `Prometheus '${group.instance.name}' could not be asked`,
                `Prometheus '${group.instance.name}' could not be asked: ${error}`,
              );
        if (failure.kind === 'unavailable') {
          this.#logger.warn(failure.detail);
          for (const entry of entries) {
            if (!answers.values.has(entry.id)) {
              answers.values.set(entry.id, { error: failure.message });
            }
          }
          return;
        }
        const involved = [
          ...new Set(
            entries.flatMap(entry =>
              [...entry.owners].filter(key => !owners || owners.has(key)),
            ),
          ),
        ];
        if (involved.length <= 1) {
          for (const key of involved) {
            this.#logger.warn(`${failure.detail}; SLO ${key}`);
            answers.queryErrors.set(key, failure.message);
          }
          return;
        }
        const half = Math.ceil(involved.length / 2);
        for (const part of [involved.slice(0, half), involved.slice(half)]) {
          const subset = new Set(part);
          await runChunk(
            entries.filter(entry =>
              [...entry.owners].some(key => subset.has(key)),
            ),
            subset,
          );
        }
      }
    };

    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        const entries = chunks[next++];
        await runChunk(entries);
      }
    };
    await Promise.all(
      Array.from(
        { length: Math.min(group.instance.concurrency, chunks.length) },
        worker,
      ),
    );
    return requests;
  }
}

/**
 * The value of each branch of a batch by index, or undefined when the answer
 * holds anything but one label-free series per branch carrying its key.
 */
function branchValues(
  vector: VectorSample[],
  label: string,
  branches: number,
): Map<number, number> | undefined {
  const byIndex = new Map<number, number>();
  for (const sample of vector) {
    const key = sample.labels[label];
    const index = Number(key);
    if (
      Object.keys(sample.labels).length !== 1 ||
      typeof key !== 'string' ||
      !/^\d+$/.test(key) ||
      index >= branches ||
      byIndex.has(index)
    ) {
      return undefined;
    }
    byIndex.set(index, sample.value);
  }
  return byIndex;
}

function toResult(plan: QueryPlan, answers: CycleAnswers): SliQueryResult {
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
