import { createServiceFactory } from '@backstage/backend-plugin-api';
import { notificationService } from '@backstage/plugin-notifications-node';

/** A notification as the notifications backend receives it. */
export type Sent = { recipients: { entityRef: string[] }; payload: any };

/** The notifications backend as the plugin reaches it, recording what it is sent. */
export function recordingNotifications() {
  const sent: Sent[] = [];
  const sender = { send: async (n: any) => void sent.push(n) };
  const factory = createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => sender,
  });
  return { sent, sender, factory };
}
