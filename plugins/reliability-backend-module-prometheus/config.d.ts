import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the Reliability Hub backend. */
  reliability?: {
    slo?: {
      prometheus?: {
        /**
         * The Prometheus servers SLIs are read from (OpenSLO
         * `metricSource.type: Prometheus`). An OpenSLO `metricSource.spec.instance`
         * picks one by name; otherwise the one named `default` answers, else
         * the first. Without any instance the module adds no SLI source.
         */
        instances?: Array<{
          /** Name used in `metricSource.spec.instance`. Default "default". */
          name?: string;
          /** Base URL without `/api/v1`, e.g. "http://prometheus:9090". */
          baseUrl: string;
          /**
           * Sent as `Authorization: Bearer <token>`.
           * @visibility secret
           */
          bearerToken?: string;
          /**
           * Extra request headers, e.g. `X-Scope-OrgID` for Mimir or Cortex.
           * @visibility secret
           */
          headers?: { [name: string]: string };
          /**
           * How long one request may take: seconds, or a duration such as "30s"
           * (the default), "PT30S" or { seconds: 30 }.
           */
          timeout?: number | string | HumanDuration;
          /** The most (query, window) pairs in one PromQL request. Default 100. */
          batchSize?: number;
          /** The most requests in flight at once. Default 4. */
          concurrency?: number;
          /**
           * Evaluation instants are rounded down to a multiple of this, so that
           * `increase()` over samples on that grid is exact: seconds, or a
           * duration such as "1m" (the default) or { minutes: 1 }.
           */
          alignment?: number | string | HumanDuration;
        }>;
      };
    };
  };
}
