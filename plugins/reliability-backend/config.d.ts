import { HumanDuration } from '@backstage/types';

export interface Config {
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
    oncall?: {
      /**
       * Key the secrets of the iCalendar feed addresses are derived from (at
       * least 32 random characters). Set it so that whoever reads the
       * database cannot open anyone's feed; without it the backend makes a
       * key and keeps it in the database. Changing it changes every address.
       * @visibility secret
       */
      feedSecret?: string;
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
    };
  };
}
