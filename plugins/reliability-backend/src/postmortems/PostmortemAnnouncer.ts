import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ActionItem,
  Incident,
  incidentPagePath,
  Postmortem,
  postmortemPagePath,
} from '@reliability-hub/plugin-reliability-common';
import {
  ReliabilityNotification,
  ReliabilityNotifier,
} from '../notifications/ReliabilityNotifier';
import { directOwnersOf } from '../oncall/scheduleOwners';

/**
 * Tells people about postmortems and their action items through the
 * plugin's notifier: reviewers when review is requested, the commander and
 * owners when a postmortem is due or late, an owner when an action item is.
 * A notification that cannot be sent is logged and never fails the change
 * that caused it; the notifier's keys make each event go out once.
 *
 * @internal
 */
export class PostmortemAnnouncer {
  static create(options: {
    notifier: ReliabilityNotifier;
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
  }) {
    return new PostmortemAnnouncer(options);
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

  /**
   * The reviewers (group reviewers' members through the notifications
   * backend), once per request: the key names the version the request made.
   */
  async reviewRequested(postmortem: Postmortem) {
    await this.send({
      key: `postmortem:${postmortem.id}:review-requested:${postmortem.version}`,
      kind: 'reviewRequested',
      recipients: postmortem.reviewers.filter(r => r !== postmortem.author),
      title: `Review requested: ${postmortem.title}`,
      description: `${postmortem.author} asks you to review the postmortem of ${postmortem.entityRef}. Approve it on its page to publish it.`,
      link: postmortemPagePath(postmortem.entityRef, postmortem.id),
    });
  }

  /**
   * The incident's commander and its entity's owners: due within a day, or
   * late. Keyed by the due time, so a changed policy tells them again.
   */
  async postmortemDue(
    incident: Incident,
    when: 'soon' | 'overdue',
    dueAt: string,
  ) {
    const name = incident.humanId ?? incident.id;
    await this.send({
      key: `incident:${incident.id}:postmortem-${when}:${dueAt}`,
      kind: 'postmortemDue',
      recipients: async () => [
        ...(incident.commander ? [incident.commander] : []),
        ...(await this.ownersOf(incident.entityRef)),
      ],
      title:
        when === 'soon'
          ? `Postmortem of ${name} due within 24 hours`
          : `Postmortem of ${name} is overdue`,
      description: `The ${incident.severity} incident "${
        incident.title
      }" needs a published postmortem by ${dueAt
        .slice(0, 16)
        .replace('T', ' ')} UTC.`,
      link: incidentPagePath(incident.entityRef, name),
      severity: when === 'overdue' ? 'high' : 'normal',
    });
  }

  /** The item's owner (a user, or a group's members): due within 3 days, or late. */
  async actionItemDue(
    item: Pick<
      ActionItem,
      | 'id'
      | 'postmortemId'
      | 'entityRef'
      | 'title'
      | 'priority'
      | 'owner'
      | 'dueDate'
    >,
    when: 'soon' | 'overdue',
  ) {
    await this.send({
      key: `action-item:${item.id}:${when}:${item.dueDate}`,
      kind: 'actionItemDue',
      recipients: [item.owner],
      title:
        when === 'soon'
          ? `Action item due ${item.dueDate}: ${item.title}`
          : `Action item overdue since ${item.dueDate}: ${item.title}`,
      description: `A ${item.priority} action item of ${item.entityRef} you own.`,
      link: postmortemPagePath(item.entityRef, item.postmortemId),
      severity: when === 'overdue' ? 'high' : 'normal',
    });
  }

  private async send(notification: ReliabilityNotification) {
    try {
      await this.options.notifier.notify(notification);
    } catch (error) {
      // One line per failure at first, then every hundredth: a portal without
      // the notifications backend should not fill its log.
      if (this.failures++ % 100 === 0) {
        this.options.logger.warn(
          `Could not send the ${notification.kind} notification ${notification.key}; is the notifications backend installed? ${error}`,
        );
      }
    }
  }

  private async ownersOf(entityRef: string): Promise<string[]> {
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
    return entity ? directOwnersOf(entity) : [];
  }
}
