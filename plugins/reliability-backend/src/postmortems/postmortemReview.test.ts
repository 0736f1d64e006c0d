import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DEFAULT_SEVERITY_LEVELS } from '@reliability-hub/plugin-reliability-common';
import { Knex } from 'knex';
import { ReliabilityNotifier } from '../notifications/ReliabilityNotifier';
import {
  ADMIN,
  apiClient,
  NON_OWNER,
  OWNER,
  OWNER_GROUP,
  startReliabilityBackend,
} from '../tests/__testUtils__/testBackend';
import { PostmortemAnnouncer } from './PostmortemAnnouncer';
import { PostmortemReminders } from './PostmortemReminders';
import { recordingNotifications } from '../__testUtils__/recordingNotifications';

jest.setTimeout(60_000);

const CHECKOUT = 'component:default/checkout';
/** A member of the SRE group, in no other role. */
const JONAS = 'user:default/jonas.weber';
const SRE = 'group:default/sre';
const HOUR = 3_600_000;

/** The reminder job of one replica, on the shared database. */
function replica(knex: Knex, sender: { send(n: any): Promise<void> }) {
  return PostmortemReminders.create({
    knex,
    severities: DEFAULT_SEVERITY_LEVELS,
    announcer: PostmortemAnnouncer.create({
      notifier: ReliabilityNotifier.create({
        knex,
        sender,
        config: mockServices.rootConfig(),
      }),
      catalog: catalogServiceMock({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'checkout' },
            spec: { type: 'service', owner: OWNER_GROUP },
            relations: [{ type: 'ownedBy', targetRef: OWNER_GROUP }],
          },
        ],
      }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    }),
  });
}

describe('postmortem review', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const notifications = recordingNotifications();
      const { server } = await startReliabilityBackend({
        knex,
        features: [notifications.factory],
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Group',
            metadata: { name: 'sre' },
            spec: { type: 'team', children: [] },
          },
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'User',
            metadata: { name: 'jonas.weber' },
            spec: { memberOf: ['sre'] },
            relations: [{ type: 'memberOf', targetRef: SRE }],
          },
        ],
      });
      const api = apiClient(server);
      return { knex, api, ...notifications };
    }

    /** A resolved SEV1 of checkout and the owner's draft postmortem of it. */
    async function draft(api: ReturnType<typeof apiClient>) {
      const incident = await api('post', '/incidents', OWNER).send({
        entityRef: CHECKOUT,
        title: 'Checkout 5xx spike',
        severity: 'SEV1',
        commander: OWNER,
      });
      expect(incident.status).toBe(201);
      const resolved = await api(
        'patch',
        `/incidents/${incident.body.id}`,
        OWNER,
      ).send({ version: 1, status: 'resolved' });
      expect(resolved.status).toBe(200);
      const postmortem = await api('post', '/postmortems', OWNER).send({
        entityRef: CHECKOUT,
        incidentIds: [incident.body.id],
      });
      expect(postmortem.status).toBe(201);
      return { incident: resolved.body, postmortem: postmortem.body };
    }

    it('takes reviewers only from the catalog, naming the field otherwise', async () => {
      const { api } = await setup();
      const { postmortem } = await draft(api);
      const path = `/postmortems/${postmortem.id}`;

      for (const [reviewers, message] of [
        [['Jonas Weber'], /reviewers.*not an entity ref/],
        [['jonas'], /reviewers.*not an entity ref/],
        [['component:default/checkout'], /reviewers.*user or group/],
        [
          ['user:default/nobody', SRE],
          /reviewers: no user or group user:default\/nobody in the catalog/,
        ],
      ] as const) {
        const res = await api('patch', path, OWNER).send({
          version: 1,
          reviewers,
        });
        expect([reviewers, res.status]).toEqual([reviewers, 400]);
        expect(res.body.error.message).toMatch(message);
      }
      const created = await api('post', '/postmortems', OWNER).send({
        entityRef: CHECKOUT,
        incidentIds: [postmortem.incidentIds[0]],
        reviewers: ['group:default/ghosts'],
      });
      expect(created.status).toBe(400);
      expect(created.body.error.message).toMatch(
        /^reviewers: no user or group/,
      );

      const saved = await api('patch', path, OWNER).send({
        version: 1,
        reviewers: ['User:default/Jonas.Weber', SRE],
      });
      expect(saved.status).toBe(200);
      expect(saved.body.reviewers).toEqual([JONAS, SRE]);
    });

    it('asks the reviewers, lets one other than the author approve, and so publishes', async () => {
      const { api, sent } = await setup();
      const { postmortem } = await draft(api);
      const path = `/postmortems/${postmortem.id}`;
      sent.length = 0;

      const alone = await api('patch', path, OWNER).send({
        version: 1,
        status: 'in_review',
      });
      expect(alone.status).toBe(400);
      expect(alone.body.error.message).toMatch(/^reviewers: pick at least one/);

      const requested = await api('patch', path, OWNER).send({
        version: 1,
        reviewers: [NON_OWNER, SRE],
        status: 'in_review',
      });
      expect(requested.status).toBe(200);
      expect(requested.body.status).toBe('in_review');
      // Listed as a review to do for the person named and for a member of
      // the team named (asking for the team), not for anyone else.
      const toReview = async (reviewer: string) =>
        (
          await api(
            'get',
            `/postmortems?status=in_review&reviewer=${encodeURIComponent(
              reviewer,
            )}`,
            OWNER,
          )
        ).body.items.map((p: { id: string }) => p.id);
      expect(await toReview(NON_OWNER)).toEqual([postmortem.id]);
      expect(await toReview(`${JONAS},${SRE}`)).toEqual([postmortem.id]);
      expect(await toReview(JONAS)).toEqual([]);
      expect(sent).toHaveLength(1);
      expect(sent[0].recipients.entityRef).toEqual([NON_OWNER, SRE]);
      expect(sent[0].payload).toMatchObject({
        title: 'Review requested: Postmortem: Checkout 5xx spike',
        topic: 'reviewRequested',
        link: `/catalog/default/component/checkout/incidents/postmortems/${postmortem.id}`,
      });
      // An edit in review asks nobody again.
      expect(
        (
          await api('patch', path, OWNER).send({
            version: 2,
            status: 'in_review',
            rootCause: 'Pool of 50',
          })
        ).status,
      ).toBe(200);
      expect(sent).toHaveLength(1);

      const published = await api('patch', path, OWNER).send({
        version: 3,
        status: 'published',
      });
      expect(published.status).toBe(400);
      expect(published.body.error.message).toMatch(
        /^status: a postmortem is published when a reviewer other than its author approves it/,
      );

      const own = await api('post', `${path}/approve`, OWNER).send({
        version: 3,
      });
      expect(own.status).toBe(403);
      expect(own.body.error.message).toBe(
        'You wrote this postmortem: a reviewer other than its author approves it',
      );
      const stranger = await api('post', `${path}/approve`, ADMIN).send({
        version: 3,
      });
      expect(stranger.status).toBe(403);
      expect(stranger.body.error.message).toMatch(/not a reviewer/);
      const stale = await api('post', `${path}/approve`, JONAS).send({
        version: 2,
      });
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toMatch(/has changed since version 2/);

      // Jonas is asked as a member of the SRE group.
      const approved = await api('post', `${path}/approve`, JONAS).send({
        version: 3,
      });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({
        status: 'published',
        approvedBy: JONAS,
        version: 4,
      });
      expect(approved.body.approvedAt).toBe(approved.body.publishedAt);
      expect(
        Math.abs(Date.parse(approved.body.approvedAt) - Date.now()),
      ).toBeLessThan(60_000);

      // The incident's postmortem clock stops.
      const incident = await api(
        'get',
        `/incidents/${postmortem.incidentIds[0]}`,
        OWNER,
      );
      expect(incident.body.postmortemPublishedAt).toBe(
        approved.body.publishedAt,
      );

      // Back to review withdraws the approval.
      const back = await api('patch', path, OWNER).send({
        version: 4,
        status: 'in_review',
      });
      expect(back.body).toMatchObject({
        status: 'in_review',
        approvedBy: null,
        approvedAt: null,
        publishedAt: null,
      });
    });

    it('keeps a revision history: who changed which sections, when', async () => {
      const { api } = await setup();
      const { postmortem } = await draft(api);
      const path = `/postmortems/${postmortem.id}`;
      const steps: Array<[string, string, object]> = [
        [OWNER, 'patch', { version: 1, reviewers: [NON_OWNER] }],
        [OWNER, 'patch', { version: 2, status: 'in_review' }],
        [NON_OWNER, 'post', { version: 3 }],
        [
          OWNER,
          'patch',
          {
            version: 4,
            rootCause: 'Pool of 50 connections',
            lessonsLearned: 'Alert on pool use',
            timeline: postmortem.timeline,
          },
        ],
      ];
      for (const [who, method, body] of steps) {
        const res = await api(
          method as 'patch' | 'post',
          method === 'post' ? `${path}/approve` : path,
          who,
        ).send(body);
        expect(res.status).toBe(200);
      }

      const detail = await api('get', path, NON_OWNER);
      expect(detail.status).toBe(200);
      expect(
        detail.body.revisions.map((r: any) => [
          r.version,
          r.actor,
          r.action,
          r.changed,
          r.status,
        ]),
      ).toEqual([
        [5, OWNER, 'edited', ['rootCause', 'lessonsLearned'], 'published'],
        [4, NON_OWNER, 'approved', [], 'published'],
        [3, OWNER, 'review_requested', [], 'in_review'],
        [2, OWNER, 'edited', ['reviewers'], 'draft'],
        [1, OWNER, 'created', [], 'draft'],
      ]);
      const times = detail.body.revisions.map((r: any) => Date.parse(r.at));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    });

    it('lets the author or an owner discard a draft, not a stale or published one', async () => {
      const { knex, api } = await setup();
      const { incident, postmortem } = await draft(api);
      const path = `/postmortems/${postmortem.id}`;
      await api('post', `${path}/action-items`, OWNER).send({
        title: 'Raise the pool',
        type: 'prevent',
        priority: 'P1',
        owner: OWNER_GROUP,
      });

      const others = await api('delete', `${path}?version=1`, NON_OWNER);
      expect(others.status).toBe(403);
      const stale = await api('delete', `${path}?version=7`, OWNER);
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toMatch(/has changed since version 7/);
      const noVersion = await api('delete', path, OWNER);
      expect(noVersion.status).toBe(400);
      expect(noVersion.body.error.message).toMatch(/version/);
      expect((await api('get', path, OWNER)).status).toBe(200);

      const discarded = await api('delete', `${path}?version=1`, OWNER);
      expect(discarded.status).toBe(204);
      expect((await api('get', path, OWNER)).status).toBe(404);
      expect(
        await knex('audit_log')
          .where({ resource_id: postmortem.id })
          .orderBy('id')
          .pluck('action'),
      ).toEqual(['postmortem.create', 'postmortem.discard']);

      // The incident may have a postmortem again, and only one.
      const again = await api('post', '/postmortems', OWNER).send({
        entityRef: CHECKOUT,
        incidentIds: [incident.id],
        reviewers: [NON_OWNER],
      });
      expect(again.status).toBe(201);
      const twice = await api('post', '/postmortems', OWNER).send({
        entityRef: CHECKOUT,
        incidentIds: [incident.id],
      });
      expect(twice.status).toBe(409);
      expect(twice.body.error.message).toContain(
        `already has postmortem ${again.body.id}`,
      );

      const againPath = `/postmortems/${again.body.id}`;
      await api('patch', againPath, OWNER).send({
        version: 1,
        status: 'in_review',
      });
      await api('post', `${againPath}/approve`, NON_OWNER).send({
        version: 2,
      });
      const published = await api('delete', `${againPath}?version=3`, OWNER);
      expect(published.status).toBe(409);
      expect(published.body.error.message).toMatch(
        /only a draft can be discarded/,
      );
    });

    it('reminds of postmortems and action items due and late once, however many replicas run the job', async () => {
      const { knex, api, sent, sender } = await setup();
      const { incident, postmortem } = await draft(api);
      // Resolved 30 hours ago: a SEV1 postmortem is due in 18 hours.
      const resolvedAt = new Date(Date.now() - 30 * HOUR);
      await knex('incidents')
        .where({ id: incident.id })
        .update({ resolved_at: resolvedAt });
      const item = (due: string, title: string) =>
        api('post', `/postmortems/${postmortem.id}/action-items`, OWNER).send({
          title,
          type: 'prevent',
          priority: 'P1',
          owner: JONAS,
          dueDate: due,
        });
      const day = (days: number) =>
        new Date(Date.now() + days * 24 * HOUR).toISOString().slice(0, 10);
      await item(day(2), 'Raise the pool');
      await item(day(-1), 'Alert on pool use');
      await item(day(10), 'Load test');
      await item(day(-30), 'Long forgotten');
      sent.length = 0;

      const replicas = [replica(knex, sender), replica(knex, sender)];
      const now = new Date();
      await Promise.all(replicas.map(r => r.remind(now)));
      await replicas[0].remind(now);
      const summary = () =>
        sent.map(n => [
          n.payload.topic,
          n.payload.title,
          n.recipients.entityRef,
        ]);
      expect(summary().sort()).toEqual(
        [
          [
            'actionItemDue',
            `Action item due ${day(2)}: Raise the pool`,
            [JONAS],
          ],
          [
            'actionItemDue',
            `Action item overdue since ${day(-1)}: Alert on pool use`,
            [JONAS],
          ],
          [
            'postmortemDue',
            `Postmortem of ${incident.humanId} due within 24 hours`,
            [OWNER, OWNER_GROUP],
          ],
        ].sort(),
      );

      // 20 hours on it is late: once more, as overdue.
      sent.length = 0;
      const later = new Date(now.getTime() + 20 * HOUR);
      await Promise.all(replicas.map(r => r.remind(later)));
      expect(summary()).toEqual([
        [
          'postmortemDue',
          `Postmortem of ${incident.humanId} is overdue`,
          [OWNER, OWNER_GROUP],
        ],
      ]);

      // Published, nothing more is due.
      await knex('postmortems')
        .where({ id: postmortem.id })
        .update({ status: 'published', published_at: later });
      await knex('notification_deliveries').delete();
      sent.length = 0;
      await replicas[0].remind(later);
      expect(sent.map(n => n.payload.topic)).not.toContain('postmortemDue');
    });
  });
});
