import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import { finalSchedule } from '@reliability-hub/plugin-reliability-common';
import request from 'supertest';
import ICAL from 'ical.js';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import {
  apiClient,
  NON_OWNER,
  OWNER,
  startReliabilityBackend,
} from '../tests/__testUtils__/testBackend';
import { EntityVisibility } from '../access/EntityVisibility';
import { EntityAccess } from '../access/EntityAccess';
import { applyDatabaseMigrations } from '../database/migrations';
import { feedRange } from './ical';
import { createOnCallRouter } from './router';
import { DatabaseScheduleStore } from './DatabaseScheduleStore';
import { toNewSchedule } from './scheduleInput';
import { ScheduleService } from './ScheduleService';
import {
  checkoutSchedule,
  JONAS,
  LENA,
  PRIYA,
  scheduleAtLimits,
  twentyRestrictionSchedule,
} from './__testUtils__/testSchedules';

jest.setTimeout(60_000);

const DAY_MS = 86_400_000;

/**
 * Runs a request twice and answers how often a time zone was asked for an
 * offset the first time (`Intl` formats the instant in the zone; the backend
 * runs in this process), what made the old code take seconds, and how long
 * the second time took: the first also pays for compiling the code and for
 * loading each zone's rules.
 */
async function measure<T>(work: () => Promise<T>) {
  const { formatToParts } = Intl.DateTimeFormat.prototype;
  let lookups = 0;
  Intl.DateTimeFormat.prototype.formatToParts = function count(
    this: Intl.DateTimeFormat,
    date?: Date | number,
  ) {
    lookups++;
    return formatToParts.call(this, date);
  };
  let result: T;
  try {
    result = await work();
  } finally {
    Intl.DateTimeFormat.prototype.formatToParts = formatToParts;
  }
  const started = performance.now();
  await work();
  return { result, lookups, ms: performance.now() - started };
}

/**
 * A backstop to the count of look-ups, not a speed target (those are in
 * `bench/`): generous enough for a machine busy with other test workers, far
 * below the old code, which took 7 s for one `onCallAt` of the 20-restriction
 * schedule and did not answer `/oncall` within a minute.
 */
const QUICK_MS = 3_000;

/**
 * Reads a feed with ical.js, an independent RFC 5545 parser, after checking
 * the line rules it is lenient about (CRLF, lines of at most 75 octets).
 */
function parseCalendar(text: string) {
  expect(text.endsWith('\r\n')).toBe(true);
  for (const line of text.slice(0, -2).split('\r\n')) {
    expect(line).not.toContain('\n');
    expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  }
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe('vcalendar');
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  return calendar.getAllSubcomponents('vevent').map(component => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      summary: event.summary,
    };
  });
}

describe('on-call routes', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const { server } = await startReliabilityBackend({ knex });
      const api = apiClient(server);
      const created = await api('post', '/schedules', OWNER).send(
        checkoutSchedule(),
      );
      expect(created.status).toBe(201);
      return { knex, api, server, schedule: created.body };
    }

    it('answers 401 without a token and 403 to non-members on every write', async () => {
      const { api, schedule } = await setup();
      const id = schedule.id;
      const overridePath = `/schedules/${id}/overrides/6a1f0000-0000-4000-8000-000000000001?version=1`;
      const routes: Array<[any, string, object?]> = [
        ['get', '/schedules'],
        ['get', `/schedules/${id}`],
        [
          'get',
          `/schedules/${id}/final?from=2026-11-01T00:00:00Z&to=2026-11-08T00:00:00Z`,
        ],
        ['get', '/oncall'],
        ['get', '/oncall?entityRef=component:default/cart'],
        ['get', `/schedules/${id}/export`],
        ['post', '/schedules', checkoutSchedule('other')],
        ['put', `/schedules/${id}`, { ...checkoutSchedule(), version: 1 }],
        [
          'post',
          `/schedules/${id}/overrides`,
          {
            version: 1,
            user: PRIYA,
            start: '2026-11-04T08:00:00Z',
            end: '2026-11-05T08:00:00Z',
          },
        ],
        ['delete', overridePath],
        [
          'post',
          '/schedules/import',
          {
            ...checkoutSchedule('imported'),
            apiVersion: 'reliability-hub.io/v1alpha1',
            kind: 'Schedule',
          },
        ],
        ['post', `/schedules/${id}/feed-token`, {}],
        ['get', `/ical/schedules/${id}.ics`],
      ];
      for (const [method, path, body] of routes) {
        const res = await api(method, path).send(body);
        expect([path, res.status]).toEqual([path, 401]);
      }
      for (const [method, path, body] of routes) {
        if (method === 'get') {
          continue;
        }
        const res = await api(method, path, NON_OWNER).send(body);
        expect([path, res.status]).toEqual([path, 403]);
        expect(res.body.error.message).toContain(NON_OWNER);
      }
      // Nothing changed.
      const after = await api('get', `/schedules/${id}`, NON_OWNER);
      expect(after.body.version).toBe(1);
      expect((await api('get', '/schedules', NON_OWNER)).body).toHaveLength(1);
    });

    it('lets a member of the owner group write, with 400 and 409 as due, all audited', async () => {
      const { api, knex, schedule } = await setup();
      const id = schedule.id;

      const invalid = await api('post', '/schedules', OWNER).send({
        ...checkoutSchedule('broken'),
        schedule: {
          ...checkoutSchedule('broken').schedule,
          timeZone: 'Nowhere/Special',
        },
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.error.message).toContain('schedule.timeZone');

      const notAGroup = await api('post', '/schedules', OWNER).send({
        ...checkoutSchedule('mine'),
        ownerRef: OWNER,
      });
      expect(notAGroup.status).toBe(400);
      expect(notAGroup.body.error.message).toContain('ownerRef');

      const duplicate = await api('post', '/schedules', OWNER).send(
        checkoutSchedule(),
      );
      expect(duplicate.status).toBe(409);

      const renamed = await api('put', `/schedules/${id}`, OWNER).send({
        ...checkoutSchedule(),
        schedule: { ...checkoutSchedule().schedule, description: 'New' },
        version: 1,
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({
        version: 2,
        schedule: { description: 'New' },
      });
      const stale = await api('put', `/schedules/${id}`, OWNER).send({
        ...checkoutSchedule(),
        version: 1,
      });
      expect(stale.status).toBe(409);

      const badOverride = await api(
        'post',
        `/schedules/${id}/overrides`,
        OWNER,
      ).send({
        version: 2,
        user: PRIYA,
        start: '2026-11-05T08:00:00Z',
        end: '2026-11-04T08:00:00Z',
      });
      expect(badOverride.status).toBe(400);
      expect(badOverride.body.error.message).toContain('end');

      const at = '2026-11-04T12:00:00Z';
      const before = await api('get', `/oncall?at=${at}`, NON_OWNER);
      expect(before.body.schedules[0].current.user).toBe(LENA);

      const added = await api('post', `/schedules/${id}/overrides`, OWNER).send(
        {
          version: 2,
          user: PRIYA,
          start: '2026-11-04T08:00:00Z',
          end: '2026-11-05T08:00:00Z',
          reason: 'swap',
        },
      );
      expect(added.status).toBe(201);
      expect(added.body.version).toBe(3);
      const during = await api('get', `/oncall?at=${at}`, NON_OWNER);
      expect(during.body.schedules[0]).toMatchObject({
        name: 'checkout-main',
        current: { user: PRIYA, override: true },
        next: { user: LENA, start: '2026-11-05T08:00:00.000Z' },
      });

      const overrideId = added.body.schedule.overrides[0].id;
      const staleDelete = await api(
        'delete',
        `/schedules/${id}/overrides/${overrideId}?version=2`,
        OWNER,
      );
      expect(staleDelete.status).toBe(409);
      const removed = await api(
        'delete',
        `/schedules/${id}/overrides/${overrideId}?version=3`,
        OWNER,
      );
      expect(removed.status).toBe(200);
      expect(removed.body.schedule.overrides).toEqual([]);

      const exported = await api('get', `/schedules/${id}/export`, NON_OWNER);
      expect(exported.status).toBe(200);
      expect(exported.headers['content-type']).toMatch(/yaml/);
      const document = parseYaml(exported.text);
      expect(document).toMatchObject({
        kind: 'Schedule',
        name: 'checkout-main',
      });
      const imported = await api('post', '/schedules/import', OWNER)
        .set('Content-Type', 'application/yaml')
        .send(stringifyYaml({ ...document, name: 'checkout-copy' }));
      expect(imported.status).toBe(201);
      expect(imported.body.schedule.layers).toEqual(
        renamed.body.schedule.layers,
      );
      const reimported = await api('post', '/schedules/import', OWNER).send({
        ...document,
        name: 'checkout-copy',
        schedule: { ...document.schedule, description: 'Reimported' },
      });
      expect(reimported.status).toBe(200);
      expect(reimported.body).toMatchObject({
        id: imported.body.id,
        version: 2,
        schedule: { description: 'Reimported' },
      });

      const tooLong = await api(
        'get',
        `/schedules/${id}/final?from=2026-11-01T00:00:00Z&to=2027-03-01T00:00:00Z`,
        NON_OWNER,
      );
      expect(tooLong.status).toBe(400);
      const final = await api(
        'get',
        `/schedules/${id}/final?from=2026-11-02T08:00:00Z&to=2026-11-16T08:00:00Z`,
        NON_OWNER,
      );
      expect(final.body.shifts.map((s: any) => s.user)).toEqual([LENA, JONAS]);

      const rotated = await api('post', `/schedules/${id}/feed-token`, OWNER);
      expect(rotated.status).toBe(200);

      const audit = await knex('audit_log')
        .where({ resource_type: 'schedule' })
        .orderBy('id');
      expect(audit.map(a => [a.action, a.actor])).toEqual([
        ['schedule.create', OWNER],
        ['schedule.update', OWNER],
        ['schedule.override.add', OWNER],
        ['schedule.override.remove', OWNER],
        ['schedule.create', OWNER],
        ['schedule.update', OWNER],
        ['schedule.feed-token.rotate', OWNER],
      ]);
      const overrideAdd = audit[2];
      expect(JSON.parse(overrideAdd.before).schedule.overrides).toEqual([]);
      expect(JSON.parse(overrideAdd.after).schedule.overrides).toHaveLength(1);
      expect(audit[6].after).not.toContain(rotated.body.path.split('=')[1]);
    });

    it('answers a stale version with the 409 every record answers, changing nothing', async () => {
      const { api, schedule } = await setup();
      const id = schedule.id;
      const stale = (seen: number) =>
        `Schedule ${id} has changed since version ${seen} (it is at version 1); reload and try again`;

      const replaced = await api('put', `/schedules/${id}`, OWNER).send({
        ...checkoutSchedule(),
        schedule: { ...checkoutSchedule().schedule, description: 'Stale' },
        version: 2,
      });
      const added = await api('post', `/schedules/${id}/overrides`, OWNER).send(
        {
          version: 3,
          user: PRIYA,
          start: '2026-11-04T08:00:00Z',
          end: '2026-11-05T08:00:00Z',
        },
      );
      expect([replaced.status, replaced.body.error.message]).toEqual([
        409,
        stale(2),
      ]);
      expect([added.status, added.body.error.message]).toEqual([409, stale(3)]);
      expect((await api('get', `/schedules/${id}`, OWNER)).body).toEqual(
        schedule,
      );
    });

    it('stores no feed token, only what it is derived from', async () => {
      const { api, knex, server, schedule } = await setup();
      const rotated = await api(
        'post',
        `/schedules/${schedule.id}/feed-token`,
        OWNER,
      );
      const mine = await api('post', '/feed-token/me', OWNER);
      const tokens = [rotated, mine].map(res =>
        new URL(res.body.path, 'http://x').searchParams.get('token'),
      );
      const stored = JSON.stringify([
        await knex('schedules').select(),
        await knex('user_feed_tokens').select(),
        await knex('audit_log').select(),
      ]);
      for (const token of tokens) {
        expect(token).toMatch(/^[\w-]{32}$/);
        expect(stored).not.toContain(token);
      }
      // Nothing else answers the secret again.
      const read = await api('get', `/schedules/${schedule.id}`, OWNER);
      expect(JSON.stringify(read.body)).not.toContain(tokens[0]);
      for (const res of [rotated, mine]) {
        expect(
          (await request(server).get(`/api/reliability${res.body.path}`))
            .status,
        ).toBe(200);
      }
    });

    it('serves an iCalendar feed equal to the final schedule; a rotated token stops the old URL', async () => {
      const { api, server, schedule } = await setup();
      const first = await api(
        'post',
        `/schedules/${schedule.id}/feed-token`,
        OWNER,
      );
      expect(first.body.path).toMatch(
        new RegExp(`^/ical/schedules/${schedule.id}\\.ics\\?token=.+`),
      );
      const feed = await request(server).get(
        `/api/reliability${first.body.path}`,
      );
      expect(feed.status).toBe(200);
      expect(feed.headers['content-type']).toMatch(/^text\/calendar/);

      const events = parseCalendar(feed.text);
      const shifts = finalSchedule(schedule.schedule, feedRange(new Date()));
      expect(shifts.length).toBeGreaterThan(5);
      expect(
        events.map(({ start, end, summary }) => ({ start, end, summary })),
      ).toEqual(
        shifts.map(shift => ({
          start: shift.start,
          end: shift.end,
          summary: `On call: ${shift.user.replace(
            'user:default/',
            '',
          )} (checkout-main)`,
        })),
      );
      expect(new Set(events.map(e => e.uid)).size).toBe(events.length);

      // UIDs are stable from one fetch to the next.
      const again = parseCalendar(
        (await request(server).get(`/api/reliability${first.body.path}`)).text,
      );
      expect(again.map(e => e.uid)).toEqual(events.map(e => e.uid));

      const second = await api(
        'post',
        `/schedules/${schedule.id}/feed-token`,
        OWNER,
      );
      expect(second.body.path).not.toEqual(first.body.path);
      expect(
        (await request(server).get(`/api/reliability${first.body.path}`))
          .status,
      ).toBe(401);
      expect(
        (await request(server).get(`/api/reliability${second.body.path}`))
          .status,
      ).toBe(200);
      expect(
        (
          await request(server).get(
            `/api/reliability/ical/schedules/${schedule.id}.ics?token=wrong`,
          )
        ).status,
      ).toBe(401);
    });

    it('serves a "my shifts" feed per user, only to its token', async () => {
      const { api, server, schedule } = await setup();
      const other = await api('post', '/schedules', OWNER).send({
        ...checkoutSchedule('checkout-nights'),
        schedule: {
          ...checkoutSchedule('checkout-nights').schedule,
          layers: [
            {
              ...checkoutSchedule().schedule.layers[0],
              participants: [JONAS, LENA],
            },
          ],
        },
      });
      expect(other.status).toBe(201);
      expect((await api('post', '/feed-token/me')).status).toBe(401);

      const first = await api('post', '/feed-token/me', OWNER);
      expect(first.status).toBe(200);
      expect(first.body.path).toMatch(
        /^\/ical\/users\/default\/lena\.hoffmann\.ics\?token=.+/,
      );
      const feed = await request(server).get(
        `/api/reliability${first.body.path}`,
      );
      expect(feed.status).toBe(200);
      const range = feedRange(new Date());
      const expected = [schedule, other.body]
        .flatMap(record =>
          finalSchedule(record.schedule, range)
            .filter(shift => shift.user === LENA)
            .map(shift => ({
              start: shift.start,
              end: shift.end,
              summary: `On call: lena.hoffmann (${record.name})`,
            })),
        )
        .sort((a, b) => a.start.localeCompare(b.start));
      expect(expected.length).toBeGreaterThan(5);
      expect(
        parseCalendar(feed.text).map(({ start, end, summary }) => ({
          start,
          end,
          summary,
        })),
      ).toEqual(expected);

      const second = await api('post', '/feed-token/me', OWNER);
      expect(
        (await request(server).get(`/api/reliability${first.body.path}`))
          .status,
      ).toBe(401);
      expect(
        (await request(server).get(`/api/reliability${second.body.path}`))
          .status,
      ).toBe(200);
      // Another user's feed does not open with this token.
      const token = second.body.path.split('token=')[1];
      expect(
        (
          await request(server).get(
            `/api/reliability/ical/users/default/mallory.ics?token=${token}`,
          )
        ).status,
      ).toBe(401);
    });

    it('refuses participants that are not user refs, naming the field', async () => {
      const { api } = await setup();
      for (const participant of [
        'user:default/jane\rATTENDEE:mailto:x@example.com',
        'user:default/jane\r\nATTENDEE:mailto:x@example.com',
        'jane',
        'group:default/sre',
        'User:default/Lena.Hoffmann',
      ]) {
        const body = checkoutSchedule('bad');
        body.schedule.layers[0].participants = [LENA, participant];
        const res = await api('post', '/schedules', OWNER).send(body);
        expect([participant, res.status]).toEqual([participant, 400]);
        expect(res.body.error.message).toContain(
          'schedule.layers[0].participants[1]: must be a user entity ref',
        );
      }
      const named = await api('post', '/schedules', OWNER).send({
        ...checkoutSchedule('evil\rX-INJECTED:1'),
      });
      expect(named.status).toBe(400);
      expect(named.body.error.message).toContain('schedule.name');
    });

    it('keeps names stored before they were checked inside their calendar values', async () => {
      const { api, knex, server } = await setup();
      const legacy = checkoutSchedule('legacy\r\nX-INJECTED:1');
      legacy.schedule.layers[0].name = 'primary\rEND:VEVENT';
      legacy.schedule.layers[0].participants = [
        'user:default/jane\rATTENDEE:mailto:x@example.com',
        'user:default/joe\nBEGIN:VALARM',
      ];
      const stored = await DatabaseScheduleStore.create({
        knex,
      }).createSchedule(toNewSchedule(legacy), OWNER);
      const token = await api(
        'post',
        `/schedules/${stored.id}/feed-token`,
        OWNER,
      );
      const feed = await request(server).get(
        `/api/reliability${token.body.path}`,
      );
      expect(feed.status).toBe(200);
      const events = parseCalendar(feed.text);
      expect(events.length).toBeGreaterThan(5);
      const calendar = new ICAL.Component(ICAL.parse(feed.text));
      expect(calendar.getAllProperties().map(p => p.name)).toEqual([
        'version',
        'prodid',
        'calscale',
        'method',
        'x-wr-calname',
      ]);
      for (const event of calendar.getAllSubcomponents('vevent')) {
        expect(event.getAllSubcomponents()).toEqual([]);
        expect(event.getAllProperties().map(p => p.name)).toEqual([
          'uid',
          'dtstamp',
          'dtstart',
          'dtend',
          'summary',
          'description',
          'transp',
        ]);
      }
      expect(events[0].summary).toMatch(
        /^On call: (jane\nATTENDEE:mailto:x@example\.com|joe\nBEGIN:VALARM) \(legacy\nX-INJECTED:1\)$/,
      );
    });

    it('answers quickly for a schedule of 1000-week turns with 20 restrictions', async () => {
      const { api, server } = await setup();
      const created = await api('post', '/schedules', OWNER).send(
        twentyRestrictionSchedule(),
      );
      expect(created.status).toBe(201);

      const oncall = await measure(() => api('get', '/oncall', NON_OWNER));
      expect(oncall.result.status).toBe(200);
      expect(oncall.result.body.schedules.map((s: any) => s.name)).toEqual([
        'checkout-main',
        'twenty-restrictions',
      ]);
      expect(oncall.result.body.schedules[1].next).toMatchObject({
        layer: expect.stringMatching(/^long-/),
      });
      expect(oncall.lookups).toBeLessThan(2_000);
      expect(oncall.ms).toBeLessThan(QUICK_MS);

      const summary = await measure(() =>
        api('get', '/entity-summary?entityRef=component:default/cart', OWNER),
      );
      expect(summary.result.status).toBe(200);
      expect(summary.result.body.oncall.schedules).toHaveLength(2);
      expect(summary.lookups).toBeLessThan(2_000);
      expect(summary.ms).toBeLessThan(QUICK_MS);

      const token = await api(
        'post',
        `/schedules/${created.body.id}/feed-token`,
        OWNER,
      );
      const feed = await measure(() =>
        request(server).get(`/api/reliability${token.body.path}`),
      );
      expect(feed.result.status).toBe(200);
      // 20 windows a week in three zones over 60 days, some joined.
      expect(parseCalendar(feed.result.text).length).toBeGreaterThan(400);
      expect(feed.lookups).toBeLessThan(2_000);
      expect(feed.ms).toBeLessThan(QUICK_MS);
    });

    it('answers quickly for a schedule at every limit, and at once for one stored beyond them', async () => {
      const { api, knex, server } = await setup();
      const overridesFrom = new Date(
        Math.floor(Date.now() / DAY_MS) * DAY_MS + 30 * DAY_MS,
      );
      const atLimits = await api('post', '/schedules', OWNER).send(
        scheduleAtLimits(overridesFrom),
      );
      expect(atLimits.status).toBe(201);
      // Written around the validation, or before the limits existed.
      const beyond = twentyRestrictionSchedule('beyond');
      beyond.schedule.layers[0].restrictions = Array.from(
        { length: 5_000 },
        (_, r) => ({
          from: '09:00',
          to: `10:${String(r % 60).padStart(2, '0')}`,
        }),
      );
      await DatabaseScheduleStore.create({ knex }).createSchedule(
        toNewSchedule(beyond),
        OWNER,
      );

      const oncall = await measure(() => api('get', '/oncall', NON_OWNER));
      expect(oncall.result.status).toBe(200);
      const byName = Object.fromEntries(
        oncall.result.body.schedules.map((s: any) => [s.name, s]),
      );
      // One unbroken shift of the top layer's only person until the overrides.
      expect(byName['at-limits']).toMatchObject({
        current: {
          user: PRIYA,
          layer: 'layer-9',
          end: overridesFrom.toISOString(),
        },
        next: { user: JONAS, override: true },
      });
      expect(byName['at-limits'].problem).toBeUndefined();
      expect(byName['at-limits'].escalation).toHaveLength(20);
      expect(
        byName['at-limits'].escalation.every((l: any) => l.user === PRIYA),
      ).toBe(true);
      expect(byName.beyond).toMatchObject({
        current: null,
        next: null,
        problem: expect.stringContaining(
          'layers[0].restrictions: at most 28, not 5000',
        ),
      });
      expect(byName['checkout-main'].current.user).toMatch(/lena|jonas/);
      // Bounded, however many of the ten zones are first asked here (none
      // on the second database: the zones' offsets are remembered).
      expect(oncall.lookups).toBeLessThan(20_000);
      expect(oncall.ms).toBeLessThan(QUICK_MS);

      const summary = await measure(() =>
        api('get', '/entity-summary?entityRef=component:default/cart', OWNER),
      );
      expect(summary.result.status).toBe(200);
      expect(summary.result.body.oncall.schedules).toHaveLength(3);
      expect(summary.ms).toBeLessThan(QUICK_MS);

      const token = await api(
        'post',
        `/schedules/${atLimits.body.id}/feed-token`,
        OWNER,
      );
      const feed = await measure(() =>
        request(server).get(`/api/reliability${token.body.path}`),
      );
      expect(feed.result.status).toBe(200);
      const events = parseCalendar(feed.result.text);
      expect(events.length).toBeGreaterThan(400);
      expect(feed.ms).toBeLessThan(QUICK_MS);

      const [beyondRecord] = oncall.result.body.schedules.filter(
        (s: any) => s.name === 'beyond',
      );
      const final = await measure(() =>
        api(
          'get',
          `/schedules/${beyondRecord.scheduleId}/final?from=2026-11-01T00:00:00Z&to=2026-11-08T00:00:00Z`,
          NON_OWNER,
        ),
      );
      expect(final.result.status).toBe(400);
      expect(final.result.body.error.message).toContain(
        'layers[0].restrictions: at most 28',
      );
      expect(final.ms).toBeLessThan(QUICK_MS);
    });

    it('adds who is on call to the entity summary', async () => {
      const { api } = await setup();
      const res = await api(
        'get',
        '/entity-summary?entityRef=component:default/cart',
        NON_OWNER,
      );
      expect(res.status).toBe(200);
      expect(res.body.oncall.schedules).toHaveLength(1);
      expect(res.body.oncall.schedules[0]).toMatchObject({
        name: 'checkout-main',
        ownerRef: 'group:default/team-checkout',
        current: { user: expect.stringMatching(/lena|jonas/) },
      });
      // search belongs to sre: team-checkout's schedule is not its rotation,
      // whatever its annotation says.
      const byAnnotation = await api(
        'get',
        '/oncall?entityRef=component:default/search',
        NON_OWNER,
      );
      expect(byAnnotation.body.schedules).toEqual([]);
      expect(byAnnotation.body.problems).toEqual([
        'No schedule named "sre-daily" belongs to group:default/sre or a group it belongs to or is part of',
        'No schedule named "checkout-main" belongs to group:default/sre or a group it belongs to or is part of',
      ]);
    });
  });
});

describe('the access log', () => {
  const databases = TestDatabases.create();

  it('writes the feed URLs without their token', async () => {
    const lines: string[] = [];
    const logger = mockServices.logger.mock();
    logger.info.mockImplementation(message => {
      lines.push(message);
    });
    const knex = await databases.init('SQLITE_3');
    await applyDatabaseMigrations(knex);
    const store = DatabaseScheduleStore.create({ knex });
    const record = await store.createSchedule(
      toNewSchedule(checkoutSchedule()),
      OWNER,
    );
    const tokens = [
      await store.rotateFeedToken(record.id, OWNER),
      await store.rotateUserFeedToken(OWNER),
    ];
    // The root router's own request log, in front of the plugin's routes.
    const middleware = MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger,
    });
    const app = express();
    app.use(middleware.logging());
    app.use(
      '/api/reliability',
      createOnCallRouter({
        store,
        service: ScheduleService.create({
          store,
          catalog: catalogServiceMock(),
          auth: mockServices.auth(),
        }),
        access: {} as EntityAccess,
        // Feeds carry their own secret: nobody's catalog view is asked.
        visibility: {} as EntityVisibility,
        httpAuth: mockServices.httpAuth(),
      }),
    );
    app.use(middleware.error());

    const feeds = [
      `/ical/schedules/${record.id}.ics`,
      '/ical/users/default/lena.hoffmann.ics',
    ];
    const requests: Array<[string, number]> = [
      [`${feeds[0]}?token=${tokens[0]}`, 200],
      [`${feeds[1]}?token=${tokens[1]}`, 200],
      [`${feeds[0]}?token=wrong-${tokens[0]}`, 401],
      // The token under another spelling of its name.
      [`${feeds[0]}?%74oken=${tokens[0]}`, 200],
      [`${feeds[0]}?x=1&token=${tokens[0]}&y=2`, 200],
      [`/ical/schedules/not-a-schedule.ics?token=${tokens[1]}`, 400],
    ];
    for (const [path, status] of requests) {
      const res = await request(app).get(`/api/reliability${path}`);
      expect([path, res.status]).toEqual([path, status]);
    }
    const logged = lines.filter(line => line.includes('/ical/'));
    expect(logged).toHaveLength(requests.length);
    for (const line of logged) {
      expect(line).toMatch(
        /"GET \/api\/reliability\/ical\/[^ ?]+\?token=<redacted> HTTP\//,
      );
    }
    for (const token of tokens) {
      expect(lines.join('\n')).not.toContain(token);
    }
  });
});
