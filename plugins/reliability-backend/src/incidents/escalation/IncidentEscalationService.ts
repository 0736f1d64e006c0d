import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  computeIncidentClocks,
  formatDuration,
  escalationChainOf,
  Incident,
  IncidentEscalation,
  incidentEscalationOf,
  isIncidentOpen,
  NO_SEVERITY_POLICY,
  OnCallNow,
  SeverityLevel,
} from '@reliability-hub/plugin-reliability-common';
import { staleVersionError } from '../../database/versionedRecords';
import { ScheduleService } from '../../oncall/ScheduleService';
import { IncidentStore } from '../IncidentStore';
import { IncidentAnnouncer } from './IncidentAnnouncer';

/** Who escalates when nobody acknowledges: the severity policy, by the job. */
export const ESCALATION_POLICY_AUTHOR = 'escalation-policy';

/** How many open incidents one run of the job looks at, at most. */
const MAX_OPEN_PER_RUN = 500;

/**
 * Escalation of incidents along their component's on-call schedules: the
 * chain on the incident page, Escalate, the job that escalates by itself
 * while nobody acknowledges, and the notifications of each.
 *
 * @internal
 */
export class IncidentEscalationService {
  static create(options: {
    store: IncidentStore;
    schedules: Pick<ScheduleService, 'onCallNow'>;
    severities: SeverityLevel[];
    announcer: IncidentAnnouncer;
    logger: LoggerService;
  }) {
    return new IncidentEscalationService(options);
  }

  private constructor(
    private readonly options: {
      store: IncidentStore;
      schedules: Pick<ScheduleService, 'onCallNow'>;
      severities: SeverityLevel[];
      announcer: IncidentAnnouncer;
      logger: LoggerService;
    },
  ) {}

  private policyOf(incident: Incident) {
    return (
      this.options.severities.find(level => level.id === incident.severity)
        ?.policy ?? NO_SEVERITY_POLICY
    );
  }

  private async chainOf(incident: Incident) {
    return escalationChainOf(
      await this.options.schedules.onCallNow({ entityRef: incident.entityRef }),
    );
  }

  /**
   * Where the incident stands in the chain of `onCall` (the component's
   * schedules as the caller may see them).
   */
  escalationOf(incident: Incident, onCall: OnCallNow): IncidentEscalation {
    return incidentEscalationOf(
      incident,
      escalationChainOf(onCall),
      this.policyOf(incident),
    );
  }

  /** Tells level 1 and the owner group; never fails the declaration. */
  async announceDeclared(incident: Incident): Promise<void> {
    try {
      const chain = await this.chainOf(incident);
      await this.options.announcer.declared(
        incident,
        (chain[0] ?? []).map(p => p.userRef),
      );
    } catch (error) {
      this.options.logger.warn(
        `Could not announce incident ${incident.id}: ${error}`,
      );
    }
  }

  /**
   * Engages the next level, as `actor` (a person, or the policy): a
   * timeline event and a notification to the people paged there. At the
   * last level, or at a stale version, it is a conflict.
   */
  async escalate(
    current: Incident,
    version: number,
    actor: string,
    reason?: string,
  ): Promise<Incident> {
    if (!isIncidentOpen(current.status)) {
      throw new InputError(
        'status: a resolved incident is not escalated; reopen it first',
      );
    }
    if (version !== current.version) {
      throw staleVersionError('Incident', current.id, version, current.version);
    }
    const chain = await this.chainOf(current);
    const { level } = incidentEscalationOf(current, chain, {
      escalateAfterSeconds: null,
    });
    if (level >= chain.length) {
      throw new ConflictError(
        chain.length
          ? `Incident ${
              current.humanId ?? current.id
            } is already at the last escalation level (${level})`
          : `No on-call schedule covers ${current.entityRef}: there is nobody to escalate to`,
      );
    }
    const next = level + 1;
    const paged = chain[level].map(p => p.userRef);
    const now = new Date();
    const updated = await this.options.store.updateIncident(current.id, {
      expectedVersion: version,
      changes: { escalationLevel: next, escalatedAt: now },
      events: [
        {
          type: 'escalated',
          at: now,
          author: actor,
          message: `Escalated to level ${next}${reason ? ` (${reason})` : ''}${
            paged.length ? '' : ': nobody is on call at this level now'
          }`,
          data: { level: next, people: paged },
        },
      ],
      actor,
    });
    await this.options.announcer.escalated(updated, next, paged);
    return updated;
  }

  /**
   * One run of the escalation job at `now`: every open incident whose
   * escalate clock is overdue moves on one level (the versioned update makes
   * a level engaged once, whatever runs at the same time), and the commander
   * hears of a missed acknowledge or update target. Returns how many
   * incidents were escalated.
   */
  async escalateOverdue(now: Date): Promise<number> {
    const { items } = await this.options.store.listIncidents(
      { status: 'open' },
      { limit: MAX_OPEN_PER_RUN },
    );
    let escalated = 0;
    for (const incident of items) {
      const clocks = computeIncidentClocks(
        incident,
        this.policyOf(incident),
        now,
      );
      for (const clock of clocks) {
        if (clock.state !== 'overdue') {
          continue;
        }
        if (clock.kind === 'escalate') {
          escalated += (await this.escalateByPolicy(incident)) ? 1 : 0;
        } else if (clock.kind === 'acknowledge' || clock.kind === 'update') {
          await this.options.announcer.overdue(
            incident,
            clock.kind,
            clock.dueAt,
          );
        }
      }
    }
    return escalated;
  }

  private async escalateByPolicy(incident: Incident): Promise<boolean> {
    const after = this.policyOf(incident).escalateAfterSeconds ?? 0;
    try {
      await this.escalate(
        incident,
        incident.version,
        ESCALATION_POLICY_AUTHOR,
        `not acknowledged within ${formatDuration(after)}`,
      );
      return true;
    } catch (error) {
      // At the last level, or changed since it was read: the next run
      // looks again with what is stored then.
      if (error instanceof ConflictError) {
        return false;
      }
      throw error;
    }
  }
}
