import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  search?: {
    collators?: {
      reliability?: {
        /**
         * When the search index of runbooks and postmortems is rebuilt
         * (`searchModuleReliabilityCollator`). Default: every 10 minutes.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
  /** Configuration of the Reliability Hub backend. */
  reliability?: {
    demoData?: {
      /**
       * Fill the database with the Acme Shop demo records on start. Idempotent:
       * records that exist are left alone. Keep it off in production.
       */
      enabled?: boolean;
    };
    incidents?: {
      /**
       * Severity levels, most severe first. Default: SEV1 Critical, SEV2 Major,
       * SEV3 Minor, SEV4 Low.
       */
      severities?: Array<{ id: string; name: string; description: string }>;
    };
    alertmanager?: {
      /**
       * Shared secret Alertmanager sends as `Authorization: Bearer <secret>` to
       * `POST /api/reliability/webhooks/alertmanager`. Without it the webhook
       * refuses every request.
       * @visibility secret
       */
      webhookSecret?: string;
      /** Resolve an incident when all of its alerts have resolved. Default true. */
      resolveIncidents?: boolean;
      /**
       * Incident severity by the value of an alert's `severity` label.
       * Default: critical → SEV1, page → SEV2, warning/ticket → SEV3, info → SEV4;
       * anything else SEV3.
       */
      severityByLabel?: { [labelValue: string]: string };
    };
    runbooks?: {
      /**
       * How often the runbooks of all entities (files named by the
       * `reliability-hub.io/runbooks` annotation, and `type: runbook` links)
       * are read again. Runs on one replica at a time, and soon after start.
       * Unchanged files are not parsed again. A duration as Backstage reads
       * them (`readDurationFromConfig`): "10m" (the default), "2 hours", ISO
       * 8601 "PT10M", or { minutes: 10 }.
       */
      refreshInterval?: string | HumanDuration;
    };
    slo?: {
      /**
       * How often the OpenSLO files of all annotated entities are read again,
       * e.g. "10m" (the default), "PT10M" or { minutes: 10 }. Unchanged files
       * are not parsed again. An entity's files can also be read at once with
       * `POST /api/reliability/slos/refresh?entityRef=`.
       */
      refreshInterval?: string | HumanDuration;
      evaluation?: {
        /**
         * How often every SLO is evaluated and a snapshot stored, e.g. "1m"
         * (the default) or { minutes: 1 }. Runs on one replica at a time.
         */
        interval?: string | HumanDuration;
        /**
         * How long an evaluation waits for one SLI source, e.g. "30s" (the
         * default) or { seconds: 30 }. SLOs of a source that fails or times
         * out show `source-unavailable`, never the last figures as current.
         */
        timeout?: string | HumanDuration;
      };
      policy?: {
        /**
         * Error-budget policy tiers by budget consumed (fractions, 0.25 =
         * 25 %), in ascending order without gaps; the last tier has no
         * maxConsumed. Default: normal operations (0–25 %), increased
         * monitoring, deployment slowdown, freeze non-critical deployments,
         * full deployment freeze (85–100 %), budget exhausted.
         */
        tiers?: Array<{
          name: string;
          action: string;
          minConsumed: number;
          maxConsumed?: number;
          approver?: string;
        }>;
      };
      prometheus?: {
        /**
         * The Prometheus servers SLIs are read from (OpenSLO
         * `metricSource.type: Prometheus`). An OpenSLO `metricSource.spec.instance`
         * picks one by name; otherwise the one named `default` answers, else
         * the first. Without any instance the Prometheus source is not installed.
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
          /** How long one request may take, e.g. "30s" (the default) or seconds. */
          timeout?: string | number;
          /** The most (query, window) pairs in one PromQL request. Default 100. */
          batchSize?: number;
          /** The most requests in flight at once. Default 4. */
          concurrency?: number;
          /**
           * Evaluation instants are rounded down to a multiple of this, e.g.
           * "1m" (the default), so that `increase()` over samples on that grid
           * is exact.
           */
          alignment?: string | number;
        }>;
      };
    };
  };
}
