import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  SliQuery,
  SliQueryResult,
  SliSource,
} from '@reliability-hub/plugin-reliability-node';
import { PrometheusInstance, readPrometheusInstances } from './config';
import { FetchFn } from './PrometheusClient';
import { CycleAnswers, planQuery, RequestGroup, toResult } from './queryPlan';
import { runRequestGroup } from './runRequestGroup';

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
 * Threshold SLIs (`query.threshold`): the metric is read once per slice
 * (Timeslices) or per minute (Occurrences), with `{{.window}}` as the slice,
 * e.g. `histogram_quantile(0.95, sum by (le) (rate(x_bucket[{{.window}}])))`;
 * a data point is good when it meets the objective's `op` and `value`, and
 * points without a number (NaN: no requests) are not counted.
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
    const plans = queries.map(query =>
      planQuery(query, q => this.#instanceFor(q), groups),
    );

    const answers: CycleAnswers = { values: new Map(), queryErrors: new Map() };
    let requests = 0;
    await Promise.all(
      [...groups.values()].map(async group => {
        requests += await runRequestGroup(group, answers, {
          logger: this.#logger,
          fetchFn: this.#fetchFn,
          signal: options?.signal,
        });
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
    const names = [query.total, query.good, query.bad, query.threshold?.metric]
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
}
