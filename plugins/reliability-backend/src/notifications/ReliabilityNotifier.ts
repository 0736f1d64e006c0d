import { Config } from '@backstage/config';
import { Knex } from 'knex';

/**
 * A notification as Backstage's notification service takes it: recipients
 * by entity ref (users, or groups for their members) and a payload.
 * Structurally the `send` of `@backstage/plugin-notifications-node`, so
 * that service plugs in as it is.
 *
 * @internal
 */
export interface NotificationSender {
  send(options: {
    recipients: { type: 'entity'; entityRef: string | string[] };
    payload: {
      title: string;
      description?: string;
      link?: string;
      severity?: 'critical' | 'high' | 'normal' | 'low';
      topic?: string;
    };
  }): Promise<void>;
}

/**
 * One event to tell people about. `key` names the event, not the attempt
 * (`incident:<id>:escalated:2`, `swap:<id>:requested`): the same key is sent
 * once, ever.
 *
 * @internal
 */
export interface ReliabilityNotification {
  key: string;
  /** The kind of event, e.g. `incidentDeclared`; each can be switched off. */
  kind: string;
  /**
   * Entity refs; or a function giving them, called only when the event was
   * not sent before, so a repeated event costs no lookup.
   */
  recipients: string[] | (() => Promise<string[]>);
  title: string;
  /** The text; or a function giving it, called only as `recipients` is. */
  description?: string | (() => Promise<string | undefined>);
  /** A path in the portal, e.g. `/catalog/default/component/x/incidents/INC-…`. */
  link?: string;
  severity?: 'critical' | 'high' | 'normal' | 'low';
}

/**
 * The one way the plugin tells people something (incidents, postmortems,
 * on-call swaps): through Backstage's notifications, each event exactly once
 * across replicas and restarts. The event's key is claimed in the plugin's
 * database first (a primary key, so one replica wins); a send that fails
 * releases the claim so that a later run tries again.
 *
 * @internal
 */
export class ReliabilityNotifier {
  static create(options: {
    knex: Knex;
    sender?: NotificationSender;
    config: Config;
  }) {
    const disabled = new Set(
      (
        options.config
          .getOptionalConfig('reliability.notifications.kinds')
          ?.keys() ?? []
      ).filter(
        kind =>
          options.config.getOptionalBoolean(
            `reliability.notifications.kinds.${kind}`,
          ) === false,
      ),
    );
    return new ReliabilityNotifier(options.knex, options.sender, disabled);
  }

  private constructor(
    private readonly knex: Knex,
    private readonly sender: NotificationSender | undefined,
    private readonly disabled: Set<string>,
  ) {}

  /** Sends the notification unless its key was sent before; true when sent now. */
  async notify(notification: ReliabilityNotification): Promise<boolean> {
    if (
      !this.sender ||
      this.disabled.has(notification.kind) ||
      (Array.isArray(notification.recipients) &&
        !notification.recipients.length)
    ) {
      return false;
    }
    const claimed = await this.knex('notification_deliveries')
      .insert({
        key: notification.key,
        kind: notification.kind,
        sent_at: new Date(),
      })
      .onConflict('key')
      .ignore()
      .returning('key');
    if (!claimed.length) {
      return false;
    }
    const release = () =>
      this.knex('notification_deliveries')
        .where('key', notification.key)
        .delete();
    let recipients: string[];
    let description: string | undefined;
    try {
      recipients = [
        ...new Set(
          Array.isArray(notification.recipients)
            ? notification.recipients
            : await notification.recipients(),
        ),
      ];
      description =
        typeof notification.description === 'function'
          ? await notification.description()
          : notification.description;
    } catch (error) {
      await release();
      throw error;
    }
    if (!recipients.length) {
      await release();
      return false;
    }
    try {
      await this.sender.send({
        recipients: { type: 'entity', entityRef: recipients },
        payload: {
          title: notification.title,
          description,
          link: notification.link,
          severity: notification.severity,
          topic: notification.kind,
        },
      });
    } catch (error) {
      await release();
      throw error;
    }
    return true;
  }
}
