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
  };
}
