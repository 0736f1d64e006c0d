import {
  AuditorService,
  AuthService,
  isDatabaseConflictError,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_ALERT_SELECTOR } from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { auditEvent, auditRefusal } from '../audit/auditEvent';
import { IncidentStore } from '../incidents/IncidentStore';
import { AlertRunbook, AlertRunbookLookup } from '../runbooks/alertRunbooks';
import { AlertPolicy, readAlertPolicy } from './alertPolicy';
import { labelsJson, readAlertRows, writeAlertRows } from './alertRows';
import { AlertTarget, AlertTargets } from './AlertTargets';
import { alertsByEntity } from './alertsByEntity';
import { AlertmanagerAlert, AlertmanagerPayload } from './payload';
import {
  ALERTMANAGER,
  alertGroupExternalId,
  reconcileAlertGroup,
} from './reconcileAlertGroup';

const DEFAULT_CACHE_TTL_MS = 30_000;

/** The auditor's event of one webhook call. */
const WEBHOOK_EVENT = 'alertmanager-webhook';
/**
 * Alertmanager's bearer token is the webhook's secret, not a Backstage
 * token, so its events carry no request: the auditor names the plugin as the
 * actor, and this on whose behalf it acted.
 */
const AUDIT_META = { actor: ALERTMANAGER };

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

type Outcome = AlertmanagerWebhookResult['incidents'][number];

/**
 * Receives Alertmanager's webhook notifications: sorts the alerts to the
 * entities whose `reliability-hub.io/alert-selector` matches, and for each
 * entity, in one transaction, locks the group's incident, decides with
 * {@link reconcileAlertGroup} what changes, and writes it through the
 * incident store (which records it in the change history). Each call is an
 * event of the backend's auditor.
 *
 * @internal
 */
export class AlertmanagerWebhookService {
  static create(options: {
    incidents: IncidentStore;
    catalog: CatalogService;
    auth: AuthService;
    auditor: AuditorService;
    config: RootConfigService;
    logger: LoggerService;
    /** How long the entities' selectors are reused; default 30 s. */
    cacheTtlMs?: number;
    /** The clock; tests set it. */
    now?: () => Date;
    /** Finds the runbook that names an alert, linked on the incident. */
    runbooks?: AlertRunbookLookup;
  }): AlertmanagerWebhookService {
    const { logger } = options;
    return new AlertmanagerWebhookService({
      ...options,
      targets: AlertTargets.create({
        catalog: options.catalog,
        auth: options.auth,
        logger,
        cacheTtlMs: options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS,
      }),
      policy: readAlertPolicy(options.config, logger),
      clock: options.now ?? (() => new Date()),
    });
  }

  private constructor(
    private readonly options: {
      incidents: IncidentStore;
      targets: AlertTargets;
      auditor: AuditorService;
      logger: LoggerService;
      policy: AlertPolicy;
      clock: () => Date;
      runbooks?: AlertRunbookLookup;
    },
  ) {}

  /** Applies one validated webhook payload, as an event of the auditor. */
  async handle(
    payload: AlertmanagerPayload,
  ): Promise<AlertmanagerWebhookResult> {
    const { receiver, groupKey } = payload;
    return auditEvent(
      this.options.auditor,
      { eventId: WEBHOOK_EVENT, meta: { ...AUDIT_META, receiver, groupKey } },
      () => this.apply(payload),
      result => ({ ...result }),
    );
  }

  /** Records a call refused for a missing or wrong secret. */
  async refused(error: Error): Promise<void> {
    await auditRefusal(
      this.options.auditor,
      { eventId: WEBHOOK_EVENT, meta: AUDIT_META },
      error,
    );
  }

  private async apply(
    payload: AlertmanagerPayload,
  ): Promise<AlertmanagerWebhookResult> {
    const targets = await this.options.targets.load();
    const now = this.options.clock();
    const { byEntity, unmatched } = alertsByEntity(payload.alerts, targets);
    if (unmatched.length) {
      this.options.logger.info(
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
    for (const { target, alerts } of byEntity.values()) {
      const outcome = await this.applyWithRetry(payload, target, alerts, now);
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
  ): Promise<Outcome | undefined> {
    // Looked up before the transaction: SQLite has one connection for both.
    const runbook = await this.findRunbook(target, alerts);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.options.incidents.transaction((incidents, tx) =>
          this.applyToEntity({
            incidents,
            tx,
            payload,
            target,
            alerts,
            now,
            runbook,
          }),
        );
      } catch (error) {
        const raced =
          isDatabaseConflictError(error) || error instanceof ConflictError;
        if (attempt === 1 && raced) {
          this.options.logger.debug(
            `Concurrent delivery of alert group ${payload.groupKey} for ${target.entityRef}; retrying`,
          );
          continue;
        }
        throw error;
      }
    }
  }

  private async applyToEntity(step: {
    incidents: IncidentStore;
    tx: Knex.Transaction;
    payload: AlertmanagerPayload;
    target: AlertTarget;
    alerts: AlertmanagerAlert[];
    now: Date;
    runbook?: AlertRunbook;
  }): Promise<Outcome | undefined> {
    const { incidents, tx, payload, target, now } = step;
    const { logger } = this.options;
    // On PostgreSQL, deliveries for the same incident wait for each other here.
    const current = await incidents.findBySource(
      ALERTMANAGER,
      alertGroupExternalId(payload.groupKey, target.entityRef),
      { lock: true },
    );
    const plan = reconcileAlertGroup({
      payload,
      entity: target,
      alerts: step.alerts,
      incident: current,
      stored: current ? await readAlertRows(tx, current.id) : new Map(),
      runbook: step.runbook,
      policy: this.options.policy,
      now,
    });
    if (!plan) {
      logger.info(
        `Alert group ${payload.groupKey} resolved for ${target.entityRef} without an incident; not opening one`,
      );
      return undefined;
    }
    let incident = current;
    if (plan.open) {
      incident = await incidents.createIncident(
        plan.open,
        plan.events,
        ALERTMANAGER,
      );
      logger.info(
        `Opened incident ${incident.id} (${incident.severity}) on ${target.entityRef} for alert group ${payload.groupKey}`,
      );
    } else if (Object.keys(plan.changes).length) {
      incident = await incidents.updateIncident(current!.id, {
        expectedVersion: current!.version,
        changes: plan.changes,
        events: plan.events,
        actor: ALERTMANAGER,
      });
      if (plan.changes.status) {
        logger.info(
          `Incident ${incident.id} on ${target.entityRef}: ${
            current!.status
          } → ${incident.status} by Alertmanager`,
        );
      }
    } else if (plan.events.length) {
      await incidents.appendTimeline(current!.id, plan.events);
    }
    await writeAlertRows(tx, incident!.id, plan.alerts);
    return {
      id: incident!.id,
      entityRef: target.entityRef,
      created: Boolean(plan.open),
      resolved: plan.resolved,
    };
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
    if (!this.options.runbooks || !names.length) {
      return undefined;
    }
    try {
      return await this.options.runbooks(names, target.entityRef);
    } catch (error) {
      // A missing runbook link must never cost an incident.
      this.options.logger.warn(
        `Could not look up the runbook of ${names.join(', ')}: ${error}`,
      );
      return undefined;
    }
  }
}
