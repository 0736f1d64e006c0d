import { RootConfigService } from '@backstage/backend-plugin-api';
import { AuthenticationError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AlertmanagerWebhookService } from './AlertmanagerWebhookService';
import { parseAlertmanagerPayload } from './payload';

/** Path of the webhook, under the plugin's base path `/api/reliability`. */
const WEBHOOK_PATH = '/webhooks/alertmanager';

const digest = (text: string) =>
  createHash('sha256').update(text, 'utf8').digest();

/**
 * Checks `Authorization: Bearer <secret>` against the configured secret in
 * constant time: both sides are hashed first, so neither the secret's length
 * nor its content leaks through timing.
 */
function authorize(header: string | undefined, secret: string | undefined) {
  if (!secret) {
    throw new AuthenticationError(
      'The Alertmanager webhook is not configured: set reliability.alertmanager.webhookSecret',
    );
  }
  const token = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? '')?.[1];
  if (!token) {
    throw new AuthenticationError(
      'Missing Authorization: Bearer <reliability.alertmanager.webhookSecret>',
    );
  }
  if (!timingSafeEqual(digest(token), digest(secret))) {
    throw new AuthenticationError('Invalid Alertmanager webhook secret');
  }
}

/**
 * `POST /webhooks/alertmanager`: Alertmanager's webhook receiver. Authorized by
 * the shared secret `reliability.alertmanager.webhookSecret` (read per request),
 * not by Backstage tokens, so the plugin must allow the path unauthenticated.
 * Answers 401 without the right secret, 400 naming the field of a bad payload,
 * and 200 with what was done.
 *
 * @internal
 */
export function createAlertmanagerRouter(options: {
  service: AlertmanagerWebhookService;
  config: RootConfigService;
}): express.Router {
  const { service, config } = options;
  const router = Router();

  router.post(
    WEBHOOK_PATH,
    // The secret first, so that nobody without it gets a large body parsed.
    async (req, res, next) => {
      res.setHeader('WWW-Authenticate', 'Bearer realm="reliability-hub"');
      try {
        authorize(
          req.header('authorization'),
          config.getOptionalString('reliability.alertmanager.webhookSecret'),
        );
      } catch (error) {
        await service.refused(error as Error);
        throw error;
      }
      res.removeHeader('WWW-Authenticate');
      next();
    },
    // A group of many alerts can outgrow the usual 100 kB. A body parsed
    // earlier (by a router this one is mounted in) is kept as it is.
    express.json({ limit: '10mb' }),
    async (req, res) => {
      const payload = parseAlertmanagerPayload(req.body);
      res.json(await service.handle(payload));
    },
  );

  return router;
}
