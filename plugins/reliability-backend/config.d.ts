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
       * Severity levels, most severe first, each with its policy. Default:
       * SEV1 Critical, SEV2 Major, SEV3 Minor, SEV4 Low with the incident
       * procedures' targets. A level's policy starts from the default of its
       * id (SEV1..SEV4; no targets for other ids). Durations as Backstage
       * reads them ("5m", "PT5M", { minutes: 5 }), or "none" for no target.
       * A bad setting stops the backend at start, naming its key.
       */
      severities?: Array<{
        id: string;
        name: string;
        description?: string;
        /** From detection to acknowledgement. SEV1 5m, SEV2 30m, SEV3 4h, SEV4 1d. */
        acknowledgeWithin?: string | HumanDuration;
        /** Between status updates while open. SEV1 15m, SEV2 30m, SEV3 2h, SEV4 none. */
        updateEvery?: string | HumanDuration;
        /** Without acknowledgement, the time each escalation level is given. SEV1 5m, SEV2 30m. */
        escalateAfter?: string | HumanDuration;
        /** From the start to mitigation. SEV1 1h, SEV2 4h. */
        mitigateWithin?: string | HumanDuration;
        /** SEV1 and SEV2 required, SEV3 optional, SEV4 none. */
        postmortem?: 'required' | 'optional' | 'none';
        /** From resolution to the published postmortem. SEV1 48h, SEV2 5d. */
        postmortemDueWithin?: string | HumanDuration;
        /** Who hears about incidents of this level, for the templates. */
        audience?: string;
      }>;
      /**
       * Communication templates in Markdown, each replacing the default of
       * its name: initialReport, statusUpdate, resolutionNotice,
       * executiveBrief, statusPageMessage, escalation. Placeholders such as
       * {{id}}, {{title}}, {{severity}}, {{status}}, {{component}},
       * {{commander}}, {{impact}}, {{progress}}, {{nextSteps}},
       * {{nextUpdateAt}} and {{link}} are filled from the incident; an
       * unknown one stops the backend at start, naming its key.
       */
      templates?: { [name: string]: string };
      /**
       * How often the escalation job looks for open incidents whose
       * acknowledge, escalate or update target has passed (once across
       * replicas). Default one minute.
       */
      escalationCheckInterval?: string | HumanDuration;
    };
    postmortems?: {
      /**
       * How often the reminder job looks for postmortems due within a day or
       * overdue, and action items due within 3 days or overdue (once across
       * replicas). Default 15 minutes.
       */
      reminderCheckInterval?: string | HumanDuration;
    };
    notifications?: {
      /**
       * Kinds of notifications to send, by kind (e.g. incidentDeclared,
       * incidentEscalated, acknowledgeOverdue, updateOverdue, postmortemDue,
       * reviewRequested, actionItemDue, swapRequested, swapAnswered,
       * handoffSoon, policyTierChanged); each is on unless set
       * to false. Each event is sent once across replicas and restarts.
       */
      kinds?: { [kind: string]: boolean };
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
      /**
       * How often people coming on call within the hour are told (once per
       * hand-off, on one replica at a time). A duration as Backstage reads
       * them: "5m" (the default), ISO 8601, or an object.
       */
      handoffCheckInterval?: string | HumanDuration;
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
         * default) or { seconds: 30 }. Then the source is told to stop, and
         * the SLOs it read within a second more keep their figures; SLOs of a
         * source that fails, or that it did not read in time, show
         * `source-unavailable`, never the last figures as current.
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
        /**
         * The deploy gate (`GET /api/reliability/deploy-gate`), per tier of
         * the policy above. Tiers left out keep the defaults: normal
         * operations and increased monitoring allow; deployment slowdown
         * allows with conditions; freeze non-critical deployments blocks
         * standard changes and allows critical ones with conditions; full
         * freeze and budget exhausted block both. Where the policy names an
         * approver, the owner group's lead (its
         * `reliability-hub.io/team-lead` annotation, else its members) may
         * grant exceptions. A bad setting stops the backend at start, naming
         * its key.
         */
        deployGate?: {
          tiers?: Array<{
            /** The name of a tier of the policy. */
            tier: string;
            /** Verdict for features. */
            standard?: 'allowed' | 'allowed-with-conditions' | 'blocked';
            /** Verdict for bug fixes, security patches and reliability work. */
            critical?: 'allowed' | 'allowed-with-conditions' | 'blocked';
            /**
             * Who may grant exceptions in this tier: `owner-lead`, user refs
             * and group refs (their members).
             */
            approvers?: string[];
          }>;
        };
      };
    };
  };
}
