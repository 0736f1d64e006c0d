import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DEPLOY_CHANGE_CLASSES,
  DeployApprover,
  DeployChangeClass,
  DeployException,
  deployExceptionRequestSchema,
  DeployGateIncident,
  DeployVerdict,
  EntityDeployVerdicts,
  EntitySlos,
  ErrorBudgetPolicyTier,
  MAX_DEPLOY_EXCEPTION_DAYS,
} from '@reliability-hub/plugin-reliability-common';
import { z } from 'zod';
import { IncidentStore } from '../incidents/IncidentStore';
import { resolveApprovers, ownerOf } from './approvers';
import { DeployExceptionStore } from './DeployExceptionStore';
import { DeployGateConfig } from './deployGateConfig';
import { Judged, judgeSlos, recoveryOf } from './judgeSlos';
import { CHANGE_LABELS, verdictReason } from './verdictText';

/** Incidents a verdict names at most. */
const MAX_INCIDENTS = 5;
/** Incidents of the window read to pick the most severe from. */
const INCIDENT_SCAN = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What the gate needs of the SLO feature: the stored figures. */
export interface DeployGateSloSource {
  forEntity(entityRef: string): Promise<EntitySlos>;
}

/** Approvers and incidents of one verdict request, each looked up once. */
interface VerdictLookups {
  approvers(tier: ErrorBudgetPolicyTier): Promise<DeployApprover[]>;
  incidents(deciding: Judged[]): Promise<DeployGateIncident[]>;
}

/**
 * The deploy gate: may an entity deploy a change of a class now, and why;
 * and exceptions, granted only by the approvers the policy names. Verdicts
 * come from the stored SLO figures, so they never wait on a metrics source.
 *
 * @internal
 */
export class DeployGateService {
  static create(options: {
    slos: DeployGateSloSource;
    incidents: IncidentStore;
    exceptions: DeployExceptionStore;
    catalog: CatalogService;
    auth: AuthService;
    tiers: readonly ErrorBudgetPolicyTier[];
    config: DeployGateConfig;
    /** Severity ids, most severe first. */
    severityOrder: string[];
    now?: () => Date;
  }) {
    return new DeployGateService(options);
  }

  private constructor(
    private readonly options: Parameters<typeof DeployGateService.create>[0],
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /**
   * The verdict for one change class. Throws NotFoundError when the entity
   * is unknown or hidden from the holder of `credentials`.
   */
  async verdict(request: {
    entityRef: string;
    change: DeployChangeClass;
    credentials: BackstageCredentials;
  }): Promise<DeployVerdict> {
    const all = await this.verdicts({ ...request, changes: [request.change] });
    return all[request.change];
  }

  /**
   * The verdicts for every change class (or those asked for), from one read
   * of the entity's figures; pass `slos` when already loaded, and `entity`
   * when already read from the catalog with `credentials`.
   */
  async verdicts(request: {
    entityRef: string;
    credentials: BackstageCredentials;
    entity?: Entity;
    slos?: EntitySlos;
    changes?: readonly DeployChangeClass[];
  }): Promise<EntityDeployVerdicts> {
    const { entityRef, credentials } = request;
    const entity =
      request.entity ?? (await this.entity(entityRef, credentials));
    const now = this.now();
    const [slos, exceptions] = await Promise.all([
      request.slos ?? this.options.slos.forEntity(entityRef),
      this.options.exceptions.listActive(entityRef, now),
    ]);
    // Both change classes usually share the tier and the deciding SLOs: ask
    // the catalog for approvers and the database for incidents once each.
    const memo = new Map<string, Promise<unknown>>();
    const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
      if (!memo.has(key)) {
        memo.set(key, load());
      }
      return memo.get(key) as Promise<T>;
    };
    const lookups: VerdictLookups = {
      approvers: tier =>
        once(`approvers:${tier.name}`, () =>
          this.approversOf(tier, entity, credentials),
        ),
      incidents: deciding =>
        once(`incidents:${deciding.map(slo => slo.id).join('\n')}`, () =>
          this.incidents(entityRef, deciding),
        ),
    };
    const changes = request.changes ?? DEPLOY_CHANGE_CLASSES;
    const judged = await Promise.all(
      changes.map(change =>
        this.judge({
          entity,
          entityRef,
          change,
          slos,
          exceptions: exceptions.filter(e => e.change === change),
          now,
          lookups,
        }),
      ),
    );
    const answers = {} as EntityDeployVerdicts;
    changes.forEach((change, index) => {
      answers[change] = judged[index];
    });
    return answers;
  }

  /**
   * Records an exception. Only the approvers of the entity's current tier
   * may grant one (NotAllowedError naming them); `until` lies ahead, at most
   * {@link MAX_DEPLOY_EXCEPTION_DAYS} days.
   */
  async grant(request: {
    input: z.output<typeof deployExceptionRequestSchema>;
    credentials: BackstageCredentials<BackstageUserPrincipal>;
  }): Promise<DeployException> {
    const { input, credentials } = request;
    const now = this.now();
    const until = new Date(input.until);
    if (until.getTime() <= now.getTime()) {
      throw new InputError('Invalid exception: until must lie in the future');
    }
    if (until.getTime() - now.getTime() > MAX_DEPLOY_EXCEPTION_DAYS * DAY_MS) {
      throw new InputError(
        `Invalid exception: until must be at most ${MAX_DEPLOY_EXCEPTION_DAYS} days ahead; a freeze ends when the budget recovers`,
      );
    }
    const actor = credentials.principal.userEntityRef;
    const entity = await this.entity(input.entityRef, credentials);
    const slos = await this.options.slos.forEntity(input.entityRef);
    const judged = judgeSlos(slos, input.change, this.options.config.rules);
    if (judged.verdict === 'allowed') {
      throw new ConflictError(
        `${CHANGE_LABELS[input.change]} of ${
          input.entityRef
        } are allowed: no exception is needed`,
      );
    }
    const approvers = await this.approversOf(
      judged.tier!,
      entity,
      await this.options.auth.getOwnServiceCredentials(),
    );
    this.assertApprover(actor, approvers, judged.tier!, 'grant an exception');
    const granted = await this.options.exceptions.grant(
      {
        entityRef: input.entityRef,
        change: input.change,
        until: until.toISOString(),
        reason: input.reason,
        grantedBy: actor,
      },
      now,
    );
    return {
      ...granted,
      grantedByName: approvers.find(a => a.userRef === actor)?.displayName,
    };
  }

  /**
   * Withdraws an exception in force: its grantor or an approver of the
   * entity's current tier may. NotFoundError when there is none (or its
   * entity is hidden from the caller).
   */
  async withdraw(request: {
    id: string;
    credentials: BackstageCredentials<BackstageUserPrincipal>;
  }): Promise<DeployException> {
    const { id, credentials } = request;
    const now = this.now();
    const exception = await this.options.exceptions.getActive(id, now);
    const missing = `No exception ${id} in force`;
    if (!exception) {
      throw new NotFoundError(missing);
    }
    const entity = await this.entity(exception.entityRef, credentials, missing);
    const actor = credentials.principal.userEntityRef;
    if (actor !== exception.grantedBy) {
      const judged = judgeSlos(
        await this.options.slos.forEntity(exception.entityRef),
        exception.change,
        this.options.config.rules,
      );
      const approvers = judged.tier
        ? await this.approversOf(
            judged.tier,
            entity,
            await this.options.auth.getOwnServiceCredentials(),
          )
        : [];
      this.assertApprover(
        actor,
        approvers,
        judged.tier,
        'withdraw this exception',
        exception.grantedBy,
      );
    }
    if (!(await this.options.exceptions.withdraw(exception, actor, now))) {
      throw new NotFoundError(missing);
    }
    return exception;
  }

  private assertApprover(
    actor: string,
    approvers: DeployApprover[],
    tier: ErrorBudgetPolicyTier | null,
    what: string,
    grantor?: string,
  ): void {
    if (approvers.some(a => a.userRef === actor)) {
      return;
    }
    const names = approvers.map(a => `${a.displayName} (${a.role})`);
    if (grantor) {
      names.unshift(`${grantor} (who granted it)`);
    }
    const tierName = tier ? ` in ${tier.name}` : '';
    throw new NotAllowedError(
      names.length
        ? `${actor} may not ${what}${tierName}: only ${names.join(', ')} may`
        : `${actor} may not ${what}${tierName}: nobody is named as approver; set approvers under reliability.slo.policy.deployGate.tiers`,
    );
  }

  private async entity(
    entityRef: string,
    credentials: BackstageCredentials,
    missing = `No entity ${entityRef} in the catalog`,
  ): Promise<Entity> {
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(missing);
    }
    return entity;
  }

  private async judge(options: {
    entity: Entity;
    entityRef: string;
    change: DeployChangeClass;
    slos: EntitySlos;
    exceptions: DeployException[];
    now: Date;
    lookups: VerdictLookups;
  }): Promise<DeployVerdict> {
    const { entityRef, change, slos, now, lookups } = options;
    const base = {
      entityRef,
      change,
      slos: [],
      incidents: [],
      recoveryAt: null,
      recoveryBelow: null,
      approvers: [],
      exceptions: options.exceptions,
    };
    if (!slos.slos.length) {
      return {
        ...base,
        verdict: 'allowed',
        reason: 'no SLOs: allowed, nothing to judge',
        tier: null,
      };
    }
    const {
      verdict: gateVerdict,
      deciding,
      tier,
    } = judgeSlos(slos, change, this.options.config.rules);
    if (gateVerdict === 'allowed') {
      return {
        ...base,
        verdict: 'allowed',
        reason: tier
          ? `${CHANGE_LABELS[change]} allowed: every SLO is within ${tier.name} or better.`
          : 'no SLO figures yet: allowed, nothing to judge',
        tier,
      };
    }
    const recovery = recoveryOf(deciding, change, now, {
      tiers: this.options.tiers,
      rules: this.options.config.rules,
    });
    const [approvers, incidents] = await Promise.all([
      lookups.approvers(tier!),
      lookups.incidents(deciding),
    ]);
    const names = new Map(approvers.map(a => [a.userRef, a.displayName]));
    const exceptions = options.exceptions.map(e => ({
      ...e,
      ...(names.has(e.grantedBy)
        ? { grantedByName: names.get(e.grantedBy) }
        : {}),
    }));
    const exception = gateVerdict === 'blocked' ? exceptions[0] : undefined;
    const verdict = exception ? 'allowed-with-conditions' : gateVerdict;
    return {
      ...base,
      verdict,
      reason: verdictReason({
        change,
        verdict,
        gateVerdict,
        slos: deciding,
        exception,
        recovery,
      }),
      tier,
      slos: deciding.map(({ status: _status, ...slo }) => slo),
      incidents,
      recoveryAt: recovery?.at ?? null,
      recoveryBelow: recovery?.below ?? null,
      ...(recovery && !recovery.at
        ? { recoveryNote: 'not at the current burn' }
        : {}),
      approvers,
      exceptions,
    };
  }

  private async approversOf(
    tier: ErrorBudgetPolicyTier,
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<DeployApprover[]> {
    const specs = this.options.config.approvers[tier.name] ?? [];
    if (!specs.length) {
      return [];
    }
    return resolveApprovers(specs, ownerOf(entity), {
      catalog: this.options.catalog,
      credentials,
    });
  }

  /**
   * The entity's incidents overlapping the deciding SLOs' windows, most
   * severe first, then the latest.
   */
  private async incidents(
    entityRef: string,
    deciding: Judged[],
  ): Promise<DeployGateIncident[]> {
    const windows = deciding.flatMap(slo =>
      slo.status.window ? [slo.status.window] : [],
    );
    if (!windows.length) {
      return [];
    }
    const start = Math.min(...windows.map(w => Date.parse(w.start)));
    const end = Math.max(...windows.map(w => Date.parse(w.end)));
    const { items } = await this.options.incidents.listIncidents(
      // A drill burns no error budget and tells the approver nothing.
      { entityRefs: [entityRef], startedBefore: new Date(end), drill: false },
      { limit: INCIDENT_SCAN },
    );
    const order = this.options.severityOrder;
    const rank = (severity: string) => {
      const index = order.indexOf(severity);
      return index < 0 ? order.length : index;
    };
    return items
      .filter(i => !i.resolvedAt || Date.parse(i.resolvedAt) >= start)
      .sort(
        (a, b) =>
          rank(a.severity) - rank(b.severity) ||
          Date.parse(b.startedAt) - Date.parse(a.startedAt),
      )
      .slice(0, MAX_INCIDENTS)
      .map(i => ({
        id: i.id,
        humanId: i.humanId ?? null,
        title: i.title,
        severity: i.severity,
        status: i.status,
        startedAt: i.startedAt,
        resolvedAt: i.resolvedAt,
      }));
  }
}
