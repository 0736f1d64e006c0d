import { auditorMock } from '../__testUtils__/auditorMock';
import { DatabaseIncidentStore } from '../incidents/DatabaseIncidentStore';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import request from 'supertest';
import { applyDatabaseMigrations } from '../database/migrations';
import { AlertmanagerWebhookService } from './AlertmanagerWebhookService';
import { createAlertmanagerRouter } from './router';
import {
  AlertmanagerConfig,
  componentWithSelector,
  rawAlert,
  rawPayload,
} from './testing';

jest.setTimeout(60_000);

const SECRET = 's3cret-for-tests';
const PATH = '/webhooks/alertmanager';

describe('createAlertmanagerRouter', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function createApp(
      alertmanager: AlertmanagerConfig = { webhookSecret: SECRET },
    ) {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const config = mockServices.rootConfig({
        data: { reliability: { alertmanager } },
      });
      const logger = mockServices.logger.mock();
      const service = AlertmanagerWebhookService.create({
        incidents: DatabaseIncidentStore.create({ knex }),
        auditor: auditorMock(),
        catalog: catalogServiceMock({
          entities: [componentWithSelector('checkout', 'service=checkout')],
        }),
        auth: mockServices.auth(),
        config,
        logger,
      });
      const app = express();
      app.use(express.json());
      app.use(createAlertmanagerRouter({ service, config }));
      app.use(MiddlewareFactory.create({ config, logger }).error());
      return { app, knex };
    }

    const payload = rawPayload([
      rawAlert({
        labels: {
          alertname: 'HighErrorRate',
          service: 'checkout',
          severity: 'page',
        },
        annotations: { runbook_url: 'https://runbooks.example/checkout' },
        startsAt: '2026-11-22T10:00:00Z',
      }),
    ]);

    it.each([
      ['no Authorization header', undefined],
      ['a wrong secret', `Bearer not-${SECRET}`],
      [
        'a secret that is a prefix of the right one',
        `Bearer ${SECRET.slice(0, 4)}`,
      ],
      [
        'another scheme',
        `Basic ${Buffer.from(`x:${SECRET}`).toString('base64')}`,
      ],
      ['an empty bearer', 'Bearer '],
    ])('answers 401 to %s and writes nothing', async (_, authorization) => {
      const { app, knex } = await createApp();
      const req = request(app).post(PATH).send(payload);
      if (authorization !== undefined) {
        req.set('Authorization', authorization);
      }
      const res = await req;
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ name: 'AuthenticationError' });
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(await knex('incidents').select()).toEqual([]);
    });

    it('answers 401 saying the webhook is not configured when no secret is set', async () => {
      const { app } = await createApp({});
      const res = await request(app)
        .post(PATH)
        .set('Authorization', 'Bearer anything')
        .send(payload);
      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(
        /webhook is not configured.*reliability\.alertmanager\.webhookSecret/,
      );
    });

    it.each([
      ['status', { ...payload, status: 'burning' }, /status/],
      ['groupKey', { ...payload, groupKey: undefined }, /groupKey/],
      ['version', { ...payload, version: '3' }, /version/],
      ['alerts', { ...payload, alerts: 'none' }, /alerts/],
      [
        'alerts.0.startsAt',
        {
          ...payload,
          alerts: [
            { ...(payload.alerts as object[])[0], startsAt: 'yesterday' },
          ],
        },
        /alerts\.0\.startsAt: not an RFC 3339 timestamp/,
      ],
      [
        'alerts.0.fingerprint',
        {
          ...payload,
          alerts: [{ ...(payload.alerts as object[])[0], fingerprint: '' }],
        },
        /alerts\.0\.fingerprint/,
      ],
      [
        'alerts.0.labels.service',
        {
          ...payload,
          alerts: [
            { ...(payload.alerts as object[])[0], labels: { service: 42 } },
          ],
        },
        /alerts\.0\.labels\.service/,
      ],
    ])('answers 400 naming the bad field %s', async (_, body, message) => {
      const { app, knex } = await createApp();
      const res = await request(app)
        .post(PATH)
        .set('Authorization', `Bearer ${SECRET}`)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(
        /^Invalid Alertmanager webhook payload: /,
      );
      expect(res.body.error.message).toMatch(message);
      expect(await knex('incidents').select()).toEqual([]);
    });

    it('answers 400 to a body that is not JSON', async () => {
      const { app } = await createApp();
      const res = await request(app)
        .post(PATH)
        .set('Authorization', `Bearer ${SECRET}`)
        .set('Content-Type', 'application/json')
        .send('{"status":');
      expect(res.status).toBe(400);
    });

    it('answers 200 with what was done when the secret is right', async () => {
      const { app, knex } = await createApp();
      const res = await request(app)
        .post(PATH)
        .set('Authorization', `Bearer ${SECRET}`)
        .send(payload);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        incidents: [
          {
            id: expect.any(String),
            entityRef: 'component:default/checkout',
            created: true,
            resolved: false,
          },
        ],
        unmatchedAlerts: 0,
      });
      expect(res.headers['www-authenticate']).toBeUndefined();
      const rows = await knex('incidents').select();
      expect(rows).toHaveLength(1);
      expect(rows[0].runbook_url).toBe('https://runbooks.example/checkout');

      // The scheme is case-insensitive, as RFC 9110 says.
      const again = await request(app)
        .post(PATH)
        .set('Authorization', `bearer ${SECRET}`)
        .send(payload);
      expect(again.status).toBe(200);
      expect(again.body.incidents[0]).toMatchObject({
        id: rows[0].id,
        created: false,
      });
    });
  });
});
