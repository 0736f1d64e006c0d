import { TestDatabases } from '@backstage/backend-test-utils';
import {
  apiClient,
  NON_OWNER,
  OWNER,
  recordingAuditor,
  startReliabilityBackend,
} from '../../tests/__testUtils__/testBackend';
import {
  checkoutSchedule,
  JONAS,
  LENA,
  PRIYA,
} from '../__testUtils__/testSchedules';
import { recordingNotifications } from '../../__testUtils__/recordingNotifications';

jest.setTimeout(60_000);

const DAY = 24 * 60 * 60 * 1000;

const user = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name },
  spec: {},
});

describe('swap requests', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup(reliabilityConfig?: Record<string, unknown>) {
      const knex = await databases.init(databaseId);
      const notifications = recordingNotifications();
      const auditor = recordingAuditor();
      const { server } = await startReliabilityBackend({
        knex,
        features: [notifications.factory, auditor.factory],
        entities: [user('jonas.weber'), user('priya.raman')],
        reliabilityConfig,
      });
      const api = apiClient(server);
      const created = await api('post', '/schedules', OWNER).send(
        checkoutSchedule(),
      );
      expect(created.status).toBe(201);
      const id: string = created.body.id;
      // Whole weekly shifts ahead: lena and jonas take turns.
      const from = new Date(Date.now() + DAY).toISOString();
      const to = new Date(Date.now() + 29 * DAY).toISOString();
      const final = await api(
        'get',
        `/schedules/${id}/final?from=${from}&to=${to}`,
        OWNER,
      );
      const whole = final.body.shifts.filter(
        (s: any) => s.start !== final.body.from && s.end !== final.body.to,
      );
      const shiftOf = (who: string) => {
        const shift = whole.find((s: any) => s.user === who);
        return { start: shift.start, end: shift.end };
      };
      const finalOf = async () =>
        (
          await api(
            'get',
            `/schedules/${id}/final?from=${from}&to=${to}`,
            OWNER,
          )
        ).body.shifts;
      return {
        knex,
        api,
        id,
        shiftOf,
        finalOf,
        sent: notifications.sent,
        events: auditor.events,
      };
    }

    it('an accepted request becomes an override, audited as overrides are; only the person asked may answer', async () => {
      const { knex, api, id, shiftOf, finalOf, sent, events } = await setup();
      const week = shiftOf(JONAS);
      const day = {
        start: week.start,
        end: new Date(Date.parse(week.start) + DAY).toISOString(),
      };

      const asked = await api('post', `/schedules/${id}/swaps`, JONAS).send({
        recipient: PRIYA,
        shift: day,
        note: 'Dentist',
      });
      expect(asked.status).toBe(201);
      expect(asked.body).toMatchObject({
        state: 'pending',
        requester: JONAS,
        recipient: PRIYA,
        scheduleName: 'checkout-main',
        shift: day,
        version: 1,
      });
      const swapId = asked.body.id;

      // Priya is told, once, and sees it on the On-call page.
      expect(sent).toHaveLength(1);
      expect(sent[0].recipients.entityRef).toEqual([PRIYA]);
      expect(sent[0].payload).toMatchObject({
        topic: 'swapRequested',
        link: '/reliability/oncall',
      });
      expect(sent[0].payload.title).toBe(
        'jonas.weber asks you to cover an on-call shift of checkout-main',
      );
      const mine = await api('get', '/swaps', PRIYA);
      expect(mine.body.incoming.map((s: any) => s.id)).toEqual([swapId]);
      expect((await api('get', '/swaps', JONAS)).body.outgoing).toHaveLength(1);

      for (const who of [NON_OWNER, JONAS, OWNER]) {
        const refused = await api('post', `/swaps/${swapId}/accept`, who).send({
          version: 1,
        });
        expect(refused.status).toBe(403);
        expect(refused.body.error.message).toBe(
          'Only the person asked may accept or decline this swap request',
        );
      }
      const stale = await api('post', `/swaps/${swapId}/accept`, PRIYA).send({
        version: 2,
      });
      expect(stale.status).toBe(409);

      const accepted = await api('post', `/swaps/${swapId}/accept`, PRIYA).send(
        { version: 1 },
      );
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({
        state: 'accepted',
        decidedBy: PRIYA,
        version: 2,
      });

      // The override exists, and Priya is on call for the day.
      const schedule = (await api('get', `/schedules/${id}`, OWNER)).body;
      expect(schedule.schedule.overrides).toEqual([
        expect.objectContaining({
          user: PRIYA,
          start: day.start,
          end: day.end,
          reason: `Swap asked by ${JONAS}, accepted by ${PRIYA}`,
        }),
      ]);
      expect(
        (await finalOf()).find((s: any) => s.start === day.start),
      ).toMatchObject({ user: PRIYA, end: day.end, override: true });

      // Recorded as every override is, beside the request's own history.
      const audit = await knex('audit_log')
        .whereIn('action', [
          'schedule.override.add',
          'schedule-swap.request',
          'schedule-swap.accepted',
        ])
        .orderBy('id');
      expect(audit.map(a => [a.action, a.actor])).toEqual([
        ['schedule-swap.request', JONAS],
        ['schedule.override.add', PRIYA],
        ['schedule-swap.accepted', PRIYA],
      ]);
      const after = JSON.parse(audit[1].after);
      expect(after.schedule.overrides).toEqual([
        expect.objectContaining({ user: PRIYA, start: day.start }),
      ]);
      expect(
        events
          .filter(e => e.eventId.startsWith('schedule-swap'))
          .map(e => [e.eventId, e.status, e.actor]),
      ).toEqual([
        ['schedule-swap-request', 'succeeded', JONAS],
        ['schedule-swap-accept', 'failed', NON_OWNER],
        ['schedule-swap-accept', 'failed', JONAS],
        ['schedule-swap-accept', 'failed', OWNER],
        ['schedule-swap-accept', 'failed', PRIYA],
        ['schedule-swap-accept', 'succeeded', PRIYA],
      ]);

      // Jonas hears the answer; the request is no longer open.
      expect(sent.map(n => [n.payload.topic, n.recipients.entityRef])).toEqual([
        ['swapRequested', [PRIYA]],
        ['swapAnswered', [JONAS]],
      ]);
      expect((await api('get', '/swaps', PRIYA)).body.incoming).toEqual([]);
      const again = await api('post', `/swaps/${swapId}/accept`, PRIYA).send({
        version: 2,
      });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toBe(
        'This swap request is accepted; it can no longer be answered',
      );
    });

    it('a trade of two shifts becomes two overrides', async () => {
      const { api, id, shiftOf, finalOf } = await setup();
      const jonasWeek = shiftOf(JONAS);
      const lenaWeek = shiftOf(LENA);
      const asked = await api('post', `/schedules/${id}/swaps`, JONAS).send({
        recipient: LENA,
        shift: jonasWeek,
        returnShift: lenaWeek,
      });
      expect(asked.status).toBe(201);
      const accepted = await api(
        'post',
        `/swaps/${asked.body.id}/accept`,
        LENA,
      ).send({ version: 1 });
      expect(accepted.status).toBe(200);
      const shifts = await finalOf();
      expect(
        shifts.find((s: any) => s.start === jonasWeek.start),
      ).toMatchObject({ user: LENA, override: true });
      expect(shifts.find((s: any) => s.start === lenaWeek.start)).toMatchObject(
        { user: JONAS, override: true },
      );
    });

    it('accepting after the schedule changed under the request is a 409, and nothing changes', async () => {
      const { api, id, shiftOf } = await setup();
      const week = shiftOf(JONAS);
      const asked = await api('post', `/schedules/${id}/swaps`, JONAS).send({
        recipient: PRIYA,
        shift: week,
      });
      expect(asked.status).toBe(201);
      // Meanwhile the team gives part of that week to Lena.
      const record = (await api('get', `/schedules/${id}`, OWNER)).body;
      const overridden = await api(
        'post',
        `/schedules/${id}/overrides`,
        OWNER,
      ).send({
        version: record.version,
        user: LENA,
        start: week.start,
        end: new Date(Date.parse(week.start) + DAY).toISOString(),
      });
      expect(overridden.status).toBe(201);

      const accepted = await api(
        'post',
        `/swaps/${asked.body.id}/accept`,
        PRIYA,
      ).send({ version: 1 });
      expect(accepted.status).toBe(409);
      expect(accepted.body.error.message).toMatch(
        /^The schedule has changed since this swap was asked for: user:default\/jonas.weber is no longer on call for all of/,
      );
      const after = (await api('get', `/schedules/${id}`, OWNER)).body;
      expect(after.version).toBe(overridden.body.version);
      expect((await api('get', '/swaps', PRIYA)).body.incoming).toHaveLength(1);
    });

    it('a request nobody answered before its shift began is expired and can no longer be accepted', async () => {
      const { knex, api, id } = await setup();
      const swapId = '0b5e0000-0000-4000-8000-000000000001';
      await knex('schedule_swap_requests').insert({
        id: swapId,
        schedule_id: id,
        requester: JONAS,
        recipient: PRIYA,
        shift_start: new Date(Date.now() - DAY),
        shift_end: new Date(Date.now() - DAY / 2),
        state: 'pending',
        created_at: new Date(Date.now() - 2 * DAY),
        updated_at: new Date(Date.now() - 2 * DAY),
        version: 1,
      });
      expect((await api('get', '/swaps', PRIYA)).body.incoming).toEqual([]);
      const late = await api('post', `/swaps/${swapId}/accept`, PRIYA).send({
        version: 1,
      });
      expect(late.status).toBe(409);
      expect(late.body.error.message).toBe(
        'This swap request is expired; it can no longer be answered',
      );
      expect(
        (await api('get', `/schedules/${id}`, OWNER)).body.schedule.overrides,
      ).toEqual([]);
    });

    it('declined and cancelled requests change no schedule', async () => {
      const { api, id, shiftOf, sent } = await setup();
      const week = shiftOf(JONAS);
      const ask = () =>
        api('post', `/schedules/${id}/swaps`, JONAS).send({
          recipient: PRIYA,
          shift: week,
        });
      const first = (await ask()).body;
      const declined = await api(
        'post',
        `/swaps/${first.id}/decline`,
        PRIYA,
      ).send({ version: 1 });
      expect(declined.body.state).toBe('declined');
      const second = (await ask()).body;
      const byPriya = await api(
        'post',
        `/swaps/${second.id}/cancel`,
        PRIYA,
      ).send({ version: 1 });
      expect(byPriya.status).toBe(403);
      expect(byPriya.body.error.message).toBe(
        'Only the person who asked may cancel this swap request',
      );
      const cancelled = await api(
        'post',
        `/swaps/${second.id}/cancel`,
        JONAS,
      ).send({ version: 1 });
      expect(cancelled.body.state).toBe('cancelled');
      expect(
        (await api('get', `/schedules/${id}`, OWNER)).body.schedule.overrides,
      ).toEqual([]);
      expect(sent.map(n => n.payload.title)).toEqual([
        'jonas.weber asks you to cover an on-call shift of checkout-main',
        'priya.raman declined your swap request on checkout-main',
        'jonas.weber asks you to cover an on-call shift of checkout-main',
      ]);
    });

    it('refuses bad requests with a 400 naming the field, and shifts that are not the asker’s with a 403', async () => {
      const { api, id, shiftOf, sent } = await setup({
        notifications: { kinds: { swapRequested: false } },
      });
      const week = shiftOf(JONAS);
      const ask = (who: string, body: unknown) =>
        api('post', `/schedules/${id}/swaps`, who).send(body as object);
      const cases: Array<[unknown, string]> = [
        [{ shift: week }, 'Invalid swap request: recipient: '],
        [
          { recipient: PRIYA, shift: { start: week.end, end: week.start } },
          'Invalid swap request: shift.end: must be after start',
        ],
        [
          { recipient: JONAS, shift: week },
          'Invalid swap request: recipient: ask someone other than yourself',
        ],
        [
          {
            recipient: PRIYA,
            shift: {
              start: new Date(Date.now() - DAY).toISOString(),
              end: new Date(Date.now() + DAY).toISOString(),
            },
          },
          'Invalid swap request: shift.start: must be in the future',
        ],
        [
          { recipient: 'user:default/nobody', shift: week },
          'Invalid swap request: recipient: no user user:default/nobody in the catalog',
        ],
        [
          { recipient: PRIYA, shift: week, returnShift: week },
          `Invalid swap request: returnShift: ${PRIYA} is not on call for all of it`,
        ],
        [{ recipient: PRIYA, shift: week, extra: 1 }, 'Invalid swap request: '],
      ];
      for (const [body, message] of cases) {
        const res = await ask(JONAS, body);
        expect([res.status, res.body.error.message]).toEqual([
          400,
          expect.stringContaining(message),
        ]);
      }
      const notMine = await ask(PRIYA, { recipient: LENA, shift: week });
      expect(notMine.status).toBe(403);
      expect(notMine.body.error.message).toMatch(
        /^Only the person on call for all of a shift may ask for a swap of it; user:default\/priya.raman is not on call for all of /,
      );
      // Switched off in config: asked, but nobody is notified.
      expect((await ask(JONAS, { recipient: PRIYA, shift: week })).status).toBe(
        201,
      );
      expect(sent).toEqual([]);
    });
  });
});
