import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Incident,
  incidentPagePath,
} from '@reliability-hub/plugin-reliability-common';
import {
  ReliabilityNotification,
  ReliabilityNotifier,
} from '../../notifications/ReliabilityNotifier';
import { directOwnersOf } from '../../oncall/scheduleOwners';

const SEVERITY_OF_LEVEL: Record<string, 'critical' | 'high' | 'normal'> = {
  SEV1: 'critical',
  SEV2: 'high',
};

/**
 * How notifications name an incident: its id and severity, and DRILL first
 * for an exercise. Drills page like real incidents: a game day rehearses
 * the paging and escalation path too, and a responder who is not paged
 * tests nothing. The word up front lets nobody mistake one for an outage
 * (and start on the real system), and a drill is never sent as critical.
 */
const label = (incident: Incident) =>
  `${incident.drill ? 'DRILL ' : ''}${incident.humanId ?? incident.id} (${
    incident.severity
  })`;

/**
 * Tells people about an incident through the plugin's notifier: who is
 * paged when it is declared or escalated, and its commander when a target
 * is missed. A notification that cannot be sent is logged and never fails
 * the change that caused it; the notifier's keys make each event go out
 * once.
 *
 * @internal
 */
export class IncidentAnnouncer {
  static create(options: {
    notifier: ReliabilityNotifier;
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
  }) {
    return new IncidentAnnouncer(options);
  }

  private constructor(
    private readonly options: {
      notifier: ReliabilityNotifier;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  private failures = 0;

  /** Level 1 of the chain and the owner group hear of a new incident. */
  async declared(incident: Incident, paged: string[]) {
    await this.send(incident, {
      key: `incident:${incident.id}:declared`,
      kind: 'incidentDeclared',
      recipients: async () => [...paged, ...(await this.ownersOf(incident))],
      title: `${label(incident)} declared: ${incident.title}`,
      description: async () =>
        `A ${incident.severity} incident was declared on ${await this.nameOf(
          incident,
        )}. Acknowledge it on its page if you are taking it.`,
    });
  }

  /** The people of the level engaged now, and the owner group. */
  async escalated(incident: Incident, level: number, paged: string[]) {
    await this.send(incident, {
      key: `incident:${incident.id}:escalated:${level}`,
      kind: 'incidentEscalated',
      recipients: async () => [...paged, ...(await this.ownersOf(incident))],
      title: `${label(incident)} escalated to level ${level}: ${
        incident.title
      }`,
      description: async () =>
        `Nobody has acknowledged the ${
          incident.severity
        } incident on ${await this.nameOf(
          incident,
        )} yet. You are on call at level ${level}.`,
    });
  }

  /** The commander, or without one the owner group. */
  async overdue(
    incident: Incident,
    clock: 'acknowledge' | 'update',
    dueAt: string,
  ) {
    await this.send(incident, {
      key: `incident:${incident.id}:${clock}-overdue:${dueAt}`,
      kind: clock === 'acknowledge' ? 'acknowledgeOverdue' : 'updateOverdue',
      recipients: incident.commander
        ? [incident.commander]
        : () => this.ownersOf(incident),
      title: `${label(incident)}: ${
        clock === 'acknowledge' ? 'not acknowledged' : 'status update overdue'
      }`,
      description:
        clock === 'acknowledge'
          ? `Nobody acknowledged "${incident.title}" by its ${incident.severity} target.`
          : `"${incident.title}" was due a status update at ${dueAt}. Post one from the incident page.`,
    });
  }

  private async send(
    incident: Incident,
    notification: {
      key: string;
      kind: string;
      recipients: ReliabilityNotification['recipients'];
      title: string;
      description: ReliabilityNotification['description'];
    },
  ) {
    try {
      await this.options.notifier.notify({
        ...notification,
        link: incidentPagePath(
          incident.entityRef,
          incident.humanId ?? incident.id,
        ),
        severity: incident.drill
          ? 'normal'
          : SEVERITY_OF_LEVEL[incident.severity] ?? 'normal',
      });
    } catch (error) {
      // One line per failure at first, then every hundredth: a portal without
      // the notifications backend should not fill its log.
      if (this.failures++ % 100 === 0) {
        this.options.logger.warn(
          `Could not send the ${notification.kind} notification of incident ${incident.id}; is the notifications backend installed? ${error}`,
        );
      }
    }
  }

  private async entityOf(incident: Incident) {
    return this.options.catalog.getEntityByRef(incident.entityRef, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
  }

  private async ownersOf(incident: Incident): Promise<string[]> {
    const entity = await this.entityOf(incident);
    return entity ? directOwnersOf(entity) : [];
  }

  /** The component as people name it: its title, else its name. */
  private async nameOf(incident: Incident): Promise<string> {
    const entity = await this.entityOf(incident);
    return entity
      ? entity.metadata.title ?? entity.metadata.name
      : incident.entityRef;
  }
}
