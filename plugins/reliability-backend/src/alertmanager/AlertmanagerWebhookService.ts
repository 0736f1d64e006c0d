import {
  AuthService,
  isDatabaseConflictError,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_ALERT_SELECTOR,
  SeverityLevel,
} from '@reliability-hub/plugin-reliability-common';
import { createHash, randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { recordAudit } from '../audit/AuditLog';
import { readSeverityLevels } from '../incidents/severities';
import { AlertmanagerAlert, AlertmanagerPayload } from './payload';
import { matchesAlertLabels } from './selector';
import { AlertTarget, AlertTargets } from './AlertTargets';
import { AlertRunbook, AlertRunbookLookup } from '../runbooks/alertRunbooks';
import {
  AlertRow,
  EventRow,
  IncidentRow,
  labelsJson,
  millis,
  snapshot,
  Timestamp,
  truncate,
} from './incidentRows';
import { syncAlertRows } from './syncAlertRows';

/** Who the audit trail and the timeline name for changes made here. */
const ACTOR = 'alertmanager';
const SOURCE = 'alertmanager';
const DEFAULT_CACHE_TTL_MS = 30_000;
const MAX_EXTERNAL_ID = 255;
const MAX_TITLE = 255;

/**
 * Incident severity by an alert's `severity` label, unless configured otherwise
 * (`reliability.alertmanager.severityByLabel`, merged over these).
 */
const DEFAULT_SEVERITY_BY_LABEL: Record<string, string> = {
  critical: 'SEV1',
  page: 'SEV2',
  warning: 'SEV3',
  ticket: 'SEV3',
  info: 'SEV4',
};
/** For alerts without a `severity` label, or with a value nobody mapped. */
const DEFAULT_SEVERITY = 'SEV3';

/**
 * What one webhook call did.
 *
 * @internal
 */
export interface AlertmanagerWebhookResult {
  /** Each incident the payload touched (created, updated or left as it was). */
  incidents: Array<{
    id: string;
    entityRef: string;
    /** The payload opened this incident. */
    created: boolean;
    /** The incident is resolved after this payload. */
    resolved: boolean;
  }>;
  /** Alerts whose labels matched no entity's alert selector; ignored. */
  unmatchedAlerts: number;
}

function isPostgres(knex: Knex): boolean {
  const client = String(knex.client.config.client);
  return client === 'pg' || client.includes('postgres');
}

/**
 * The de-duplication key of the incident of one alert group on one entity:
 * `<entity ref>|<group key>`, or its SHA-256 when that exceeds the column.
 *
 * @internal
 */
export function alertGroupExternalId(
  groupKey: string,
  entityRef: string,
): string {
  const plain = `${entityRef}|${groupKey}`;
  if (plain.length <= MAX_EXTERNAL_ID) {
    return plain;
  }
  return `sha256:${createHash('sha256').update(plain).digest('hex')}`;
}

/**
 * Receives Alertmanager's webhook notifications: opens one incident per alert
 * group and entity whose `reliability-hub.io/alert-selector` matches, keeps
 * one row per alert fingerprint, appends firing/resolved events only when an
 * alert's state changes (so replays change nothing), and resolves the
 * incident when all of its alerts have resolved (unless
 * `reliability.alertmanager.resolveIncidents` is false); a new firing alert
 * reopens it.
 *
 * @internal
 */
export class AlertmanagerWebhookService {
  static create(options: {
    knex: Knex;
    catalog: CatalogService;
    auth: AuthService;
    config: RootConfigService;
    logger: LoggerService;
    /** How long the entities' selectors are reused; default 30 s. */
    cacheTtlMs?: number;
    /** The clock; tests set it. */
    now?: () => Date;
    /** Finds the runbook that names an alert, linked on the incident. */
    runbooks?: AlertRunbookLookup;
  }): AlertmanagerWebhookService {
    const { config, logger } = options;
    const severities = readSeverityLevels(config);
    const configured = config.getOptionalConfig(
      'reliability.alertmanager.severityByLabel',
    );
    const severityByLabel: Record<string, string> = {
      ...DEFAULT_SEVERITY_BY_LABEL,
    };
    for (const key of configured?.keys() ?? []) {
      severityByLabel[key.toLocaleLowerCase('en-US')] =
        configured?.getString(key) ?? DEFAULT_SEVERITY;
    }
    for (const [label, severity] of Object.entries(severityByLabel)) {
      if (!severities.some(level => level.id === severity)) {
        logger.warn(
          `reliability.alertmanager.severityByLabel maps ${label} to ${severity}, which is not a configured severity; such alerts get ${fallbackSeverity(
            severities,
          )}`,
        );
      }
    }
    return new AlertmanagerWebhookService(
      options.knex,
      AlertTargets.create({
        catalog: options.catalog,
        auth: options.auth,
        logger,
        cacheTtlMs: options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS,
      }),
      logger,
      severities,
      severityByLabel,
      config.getOptionalBoolean('reliability.alertmanager.resolveIncidents') ??
        true,
      options.now ?? (() => new Date()),
      options.runbooks,
    );
  }

  private constructor(
    private readonly knex: Knex,
    private readonly targets: AlertTargets,
    private readonly logger: LoggerService,
    private readonly severities: SeverityLevel[],
    private readonly severityByLabel: Record<string, string>,
    private readonly resolveIncidents: boolean,
    private readonly clock: () => Date,
    private readonly runbooks?: AlertRunbookLookup,
  ) {}

  /** Applies one validated webhook payload. */
  async handle(
    payload: AlertmanagerPayload,
  ): Promise<AlertmanagerWebhookResult> {
    const targets = await this.targets.load();
    const now = this.clock();

    // The same fingerprint twice in one payload: the last one counts.
    const alerts = [
      ...new Map(
        payload.alerts.map(alert => [alert.fingerprint, alert]),
      ).values(),
    ];
    const byEntity = new Map<
      string,
      { target: AlertTarget; alerts: AlertmanagerAlert[] }
    >();
    const unmatched: AlertmanagerAlert[] = [];
    for (const alert of alerts) {
      const matching = targets.filter(target =>
        matchesAlertLabels(target.matchers, alert.labels),
      );
      if (!matching.length) {
        unmatched.push(alert);
      }
      for (const target of matching) {
        const entry = byEntity.get(target.entityRef) ?? { target, alerts: [] };
        entry.alerts.push(alert);
        byEntity.set(target.entityRef, entry);
      }
    }
    if (unmatched.length) {
      this.logger.info(
        `Ignored ${unmatched.length} alert(s) of group ${
          payload.groupKey
        } that match no entity's ${ANNOTATION_ALERT_SELECTOR}: ${unmatched
          .map(
            alert =>
              `${alert.labels.alertname ?? '?'} ${labelsJson(alert.labels)}`,
          )
          .join(', ')}`,
      );
    }

    const result: AlertmanagerWebhookResult = {
      incidents: [],
      unmatchedAlerts: unmatched.length,
    };
    for (const { target, alerts: entityAlerts } of byEntity.values()) {
      const outcome = await this.applyWithRetry(
        payload,
        target,
        entityAlerts,
        now,
      );
      if (outcome) {
        result.incidents.push(outcome);
      }
    }
    return result;
  }

  /**
   * Applies the alerts of one entity in one transaction. Two deliveries of a
   * new group may race to insert its incident: the loser hits the unique
   * index on (source, external_id) and tries once more, now finding it.
   */
  private async applyWithRetry(
    payload: AlertmanagerPayload,
    target: AlertTarget,
    alerts: AlertmanagerAlert[],
    now: Date,
  ): Promise<AlertmanagerWebhookResult['incidents'][number] | undefined> {
    // Looked up before the transaction: SQLite has one connection for both.
    const runbook = await this.findRunbook(target, alerts);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.knex.transaction(tx =>
          this.apply(tx, payload, target, alerts, now, runbook),
        );
      } catch (error) {
        if (attempt === 1 && isDatabaseConflictError(error)) {
          this.logger.debug(
            `Concurrent delivery of alert group ${payload.groupKey} for ${target.entityRef}; retrying`,
          );
          continue;
        }
        throw error;
      }
    }
  }

  private async apply(
    tx: Knex.Transaction,
    payload: AlertmanagerPayload,
    target: AlertTarget,
    alerts: AlertmanagerAlert[],
    now: Date,
    runbook?: AlertRunbook,
  ): Promise<AlertmanagerWebhookResult['incidents'][number] | undefined> {
    const externalId = alertGroupExternalId(payload.groupKey, target.entityRef);
    const events: EventRow[] = [];
    const event = (
      incidentId: string,
      type: string,
      at: Date,
      message: string,
      data: Record<string, unknown>,
    ) =>
      events.push({
        id: randomUUID(),
        incident_id: incidentId,
        type,
        at,
        author: ACTOR,
        message: truncate(message, 4000),
        data: JSON.stringify(data),
      });

    const existing = tx<IncidentRow>('incidents').where({
      source: SOURCE,
      external_id: externalId,
    });
    // On PostgreSQL, deliveries for the same incident wait for each other here
    // (SQLite runs one write transaction at a time anyway).
    let row = (await (isPostgres(this.knex)
      ? existing.forUpdate()
      : existing
    ).first()) as IncidentRow | undefined;

    let created = false;
    if (!row) {
      const firing = alerts.filter(alert => alert.status === 'firing');
      if (!firing.length) {
        this.logger.info(
          `Alert group ${payload.groupKey} resolved for ${target.entityRef} without an incident; not opening one`,
        );
        return undefined;
      }
      row = this.newIncidentRow(payload, target, alerts, externalId, now);
      if (!row.runbook_url && runbook) {
        row.runbook_url = runbook.url;
      }
      await tx('incidents').insert(row);
      await recordAudit(tx, {
        actor: ACTOR,
        action: 'incident.create',
        resourceType: 'incident',
        resourceId: row.id,
        entityRef: target.entityRef,
        after: snapshot(row),
        at: now,
      });
      event(row.id, 'created', now, `Opened from Alertmanager: ${row.title}`, {
        status: row.status,
        groupKey: payload.groupKey,
        groupLabels: payload.groupLabels,
        externalURL: payload.externalURL,
        receiver: payload.receiver ?? null,
      });
      if (runbook) {
        event(
          row.id,
          'note',
          now,
          `Runbook for ${runbook.alertname}: ${runbook.title}`,
          { runbookId: runbook.id, runbookUrl: runbook.url },
        );
      }
      created = true;
      this.logger.info(
        `Opened incident ${row.id} (${row.severity}) on ${target.entityRef} for alert group ${payload.groupKey}`,
      );
    }
    const incidentId = row.id;

    const stored = new Map<string, AlertRow>(
      (
        await tx<AlertRow>('incident_alerts').where({ incident_id: incidentId })
      ).map(alert => [alert.fingerprint, alert]),
    );
    const refiring = await syncAlertRows(tx, {
      incidentId,
      alerts,
      stored,
      now,
      event,
    });

    let status = row.status;
    if (!created) {
      const changes: Partial<IncidentRow> = {};
      const all = [...stored.values()];
      if (
        status !== 'resolved' &&
        this.resolveIncidents &&
        all.length > 0 &&
        all.every(alert => alert.status === 'resolved')
      ) {
        // When the last alert ended; never before a time already on the
        // incident, so the lifecycle's order stays valid.
        const resolvedAt = new Date(
          Math.max(
            ...all.map(alert => millis(alert.ends_at ?? now)),
            ...[
              row.started_at,
              row.detected_at,
              row.acknowledged_at,
              row.mitigated_at,
            ]
              .filter(
                (value): value is Timestamp =>
                  value !== null && value !== undefined,
              )
              .map(millis),
          ),
        );
        changes.status = 'resolved';
        changes.resolved_at = resolvedAt;
        event(
          incidentId,
          'status_change',
          now,
          `Status: ${status} → resolved (all alerts resolved)`,
          {
            from: status,
            to: 'resolved',
          },
        );
      } else if (status === 'resolved' && refiring.length) {
        changes.status = 'investigating';
        changes.resolved_at = null;
        event(
          incidentId,
          'status_change',
          now,
          `Reopened: resolved → investigating (${refiring
            .map(alert => alert.labels.alertname ?? 'alert')
            .join(', ')} firing again)`,
          { from: status, to: 'investigating' },
        );
      }
      if (!row.runbook_url) {
        const runbookUrl = this.runbookUrl(payload, alerts) ?? runbook?.url;
        if (runbookUrl) {
          changes.runbook_url = runbookUrl;
        }
      }

      if (Object.keys(changes).length) {
        const version = Number(row.version);
        const updated = await tx('incidents')
          .where({ id: incidentId, version })
          .update({ ...changes, version: version + 1, updated_at: now });
        if (updated !== 1) {
          throw new ConflictError(
            `Incident ${incidentId} changed during the update`,
          );
        }
        const after: IncidentRow = {
          ...row,
          ...changes,
          version: version + 1,
          updated_at: now,
        };
        await recordAudit(tx, {
          actor: ACTOR,
          action: 'incident.update',
          resourceType: 'incident',
          resourceId: incidentId,
          entityRef: row.entity_ref,
          before: snapshot(row),
          after: snapshot(after),
          at: now,
        });
        if (changes.status) {
          this.logger.info(
            `Incident ${incidentId} on ${row.entity_ref}: ${status} → ${changes.status} by Alertmanager`,
          );
          status = changes.status;
        }
      }
    }

    if (events.length) {
      await tx('incident_events').insert(events);
    }
    return {
      id: incidentId,
      entityRef: target.entityRef,
      created,
      resolved: status === 'resolved',
    };
  }

  private newIncidentRow(
    payload: AlertmanagerPayload,
    target: AlertTarget,
    alerts: AlertmanagerAlert[],
    externalId: string,
    now: Date,
  ): IncidentRow {
    const firing = alerts.filter(alert => alert.status === 'firing');
    const alertname =
      payload.commonLabels.alertname ?? firing[0].labels.alertname ?? 'Alert';
    const title =
      payload.commonAnnotations.summary || `${alertname} on ${target.name}`;
    // Never after detection, even if Alertmanager's clock runs ahead of ours.
    const startedAt = new Date(
      Math.min(now.getTime(), ...alerts.map(alert => alert.startsAt.getTime())),
    );
    return {
      id: randomUUID(),
      entity_ref: target.entityRef,
      title: truncate(title, MAX_TITLE),
      severity: this.severityOf(firing),
      status: 'investigating',
      summary: payload.commonAnnotations.description || null,
      commander: null,
      source: SOURCE,
      external_id: externalId,
      runbook_url: this.runbookUrl(payload, alerts) ?? null,
      started_at: startedAt,
      detected_at: now,
      acknowledged_at: null,
      mitigated_at: null,
      resolved_at: null,
      created_at: now,
      updated_at: now,
      version: 1,
    };
  }

  /** The most severe level the alerts' `severity` labels map to. */
  private severityOf(alerts: AlertmanagerAlert[]): string {
    const rank = (id: string) => {
      const index = this.severities.findIndex(level => level.id === id);
      return index === -1 ? Number.MAX_SAFE_INTEGER : index;
    };
    const candidates = alerts.map(alert => {
      const label = alert.labels.severity?.toLocaleLowerCase('en-US');
      const mapped = (label && this.severityByLabel[label]) || DEFAULT_SEVERITY;
      return rank(mapped) === Number.MAX_SAFE_INTEGER
        ? fallbackSeverity(this.severities)
        : mapped;
    });
    return (
      candidates.sort((a, b) => rank(a) - rank(b))[0] ??
      fallbackSeverity(this.severities)
    );
  }

  /** The indexed runbook that names one of the firing alerts, if any. */
  private async findRunbook(
    target: AlertTarget,
    alerts: AlertmanagerAlert[],
  ): Promise<AlertRunbook | undefined> {
    const names = alerts
      .filter(alert => alert.status === 'firing')
      .map(alert => alert.labels.alertname)
      .filter((name): name is string => Boolean(name));
    if (!this.runbooks || !names.length) {
      return undefined;
    }
    try {
      return await this.runbooks(names, target.entityRef);
    } catch (error) {
      // A missing runbook link must never cost an incident.
      this.logger.warn(
        `Could not look up the runbook of ${names.join(', ')}: ${error}`,
      );
      return undefined;
    }
  }

  /** The `runbook_url` annotation of the group, or of its first alert that has one. */
  private runbookUrl(
    payload: AlertmanagerPayload,
    alerts: AlertmanagerAlert[],
  ): string | undefined {
    const url =
      payload.commonAnnotations.runbook_url ||
      alerts.find(alert => alert.annotations.runbook_url)?.annotations
        .runbook_url;
    return url && /^https?:\/\//i.test(url) ? url : undefined;
  }
}

/** SEV3 when configured, otherwise the least severe configured level. */
function fallbackSeverity(severities: SeverityLevel[]): string {
  return severities.some(level => level.id === DEFAULT_SEVERITY)
    ? DEFAULT_SEVERITY
    : severities[severities.length - 1]?.id ?? DEFAULT_SEVERITY;
}
