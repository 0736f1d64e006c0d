import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { applyDatabaseMigrations } from '../database/migrations';
import { DatabaseScheduleStore } from './DatabaseScheduleStore';
import { assertValidSchedule, toNewSchedule } from './scheduleInput';
import { ScheduleService } from './ScheduleService';
import {
  checkoutSchedule,
  JONAS,
  LENA,
  PRIYA,
  sreSchedule,
} from './__testUtils__/testSchedules';

jest.setTimeout(60_000);

const ACTOR = 'user:default/lena.hoffmann';

const catalog = catalogServiceMock({
  entities: [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'cart' },
      spec: { type: 'service', owner: 'team-checkout' },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'search',
        annotations: {
          'reliability-hub.io/oncall-schedule': 'sre-daily,checkout-main',
        },
      },
      spec: { type: 'service', owner: 'group:default/team-checkout' },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'team-checkout' },
      spec: { type: 'team', children: [] },
    },
    // Two teams, each with a schedule named "primary"; team-b is part of
    // payments, which has a schedule of its own.
    group('payments', undefined),
    group('team-a', undefined),
    group('team-b', 'payments'),
    component('a-service', 'team-a', 'primary'),
    component(
      'b-service',
      'group:default/team-b',
      'primary, payments-escalation',
    ),
    component('b-intruder', 'team-b', 'a-only'),
    component('lenas-tool', 'user:default/lena.hoffmann', 'primary'),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'lena.hoffmann' },
      spec: { memberOf: ['team-b'] },
    },
  ],
});

function group(name: string, parent: string | undefined) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name },
    spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
  };
}

function component(name: string, owner: string, schedules: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: { 'reliability-hub.io/oncall-schedule': schedules },
    },
    spec: { type: 'service', owner },
  };
}

describe('ScheduleStore and ScheduleService', () => {
  const databases = TestDatabases.create();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const store = DatabaseScheduleStore.create({ knex });
      const service = ScheduleService.create({
        store,
        catalog,
        auth: mockServices.auth(),
      });
      return { knex, store, service };
    }

    it('creates, reads, updates with optimistic concurrency and audits', async () => {
      const { knex, store } = await setup();
      const created = await store.createSchedule(
        toNewSchedule(checkoutSchedule()),
        ACTOR,
      );
      expect(created).toMatchObject({
        name: 'checkout-main',
        ownerRef: 'group:default/team-checkout',
        version: 1,
        schedule: { timeZone: 'Europe/Berlin', overrides: [] },
      });
      expect(await store.getSchedule(created.id)).toEqual(created);

      await expect(
        store.createSchedule(toNewSchedule(checkoutSchedule()), ACTOR),
      ).rejects.toMatchObject({ name: 'ConflictError' });

      const changed = toNewSchedule(checkoutSchedule());
      changed.description = 'Changed';
      const updated = await store.updateSchedule(created.id, 1, changed, ACTOR);
      expect(updated).toMatchObject({
        version: 2,
        schedule: { description: 'Changed' },
      });
      await expect(
        store.updateSchedule(created.id, 1, changed, ACTOR),
      ).rejects.toMatchObject({ name: 'ConflictError' });

      // Renaming onto the name of another schedule of the team is a
      // conflict too; another team's name is not.
      await store.createSchedule(
        toNewSchedule(checkoutSchedule('checkout-nights')),
        ACTOR,
      );
      await expect(
        store.updateSchedule(
          created.id,
          2,
          { ...changed, name: 'checkout-nights' },
          ACTOR,
        ),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      await store.createSchedule(toNewSchedule(sreSchedule()), ACTOR);
      await expect(
        store.createSchedule(
          toNewSchedule({
            ...checkoutSchedule('sre-daily'),
            escalationPolicy: null,
          }),
          ACTOR,
        ),
      ).resolves.toMatchObject({ ownerRef: 'group:default/team-checkout' });

      const audit = await knex('audit_log')
        .where({ resource_id: created.id })
        .orderBy('id');
      expect(audit.map(a => a.action)).toEqual([
        'schedule.create',
        'schedule.update',
      ]);
      expect(JSON.parse(audit[1].before)).toMatchObject({ version: 1 });
      expect(JSON.parse(audit[1].after)).toMatchObject({ version: 2 });
    });

    it('rejects invalid schedules naming the fields', () => {
      const bad = checkoutSchedule();
      bad.schedule.timeZone = 'Mars/Olympus';
      bad.schedule.layers[0].handoff.time = '25:00';
      expect(() => assertValidSchedule(bad.schedule)).toThrow(
        /schedule\.timeZone: .*schedule\.layers\[0\]\.handoff\.time/,
      );
    });

    it('answers who is on call, next, and the escalation chain; an override changes it', async () => {
      const { store, service } = await setup();
      const checkout = await store.createSchedule(
        toNewSchedule(checkoutSchedule()),
        ACTOR,
      );
      await store.createSchedule(toNewSchedule(sreSchedule()), ACTOR);
      const at = new Date('2026-11-04T12:00:00Z');

      const before = await service.onCallNow({ at });
      const main = before.schedules.find(s => s.name === 'checkout-main')!;
      expect(main.current).toMatchObject({
        user: LENA,
        start: '2026-11-02T08:00:00.000Z',
        end: '2026-11-09T08:00:00.000Z',
      });
      expect(main.next).toMatchObject({
        user: JONAS,
        start: '2026-11-09T08:00:00.000Z',
      });
      expect(main.escalation).toEqual([
        { delayMinutes: 0, schedule: 'checkout-main', user: LENA },
        { delayMinutes: 10, schedule: 'sre-daily', user: PRIYA },
        { delayMinutes: 20, user: PRIYA },
      ]);

      const withOverride = await store.addOverride(
        checkout.id,
        1,
        {
          user: PRIYA,
          start: '2026-11-04T08:00:00Z',
          end: '2026-11-05T08:00:00Z',
          reason: 'swap',
        },
        ACTOR,
      );
      expect(withOverride.version).toBe(2);
      const after = await service.onCallNow({ at });
      expect(
        after.schedules.find(s => s.name === 'checkout-main')!.current,
      ).toMatchObject({ user: PRIYA, override: true });

      const overrideId = withOverride.schedule.overrides[0].id;
      await expect(
        store.removeOverride(checkout.id, 1, overrideId, ACTOR),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      await store.removeOverride(checkout.id, 2, overrideId, ACTOR);
      const removed = await service.onCallNow({ at });
      expect(
        removed.schedules.find(s => s.name === 'checkout-main')!.current?.user,
      ).toBe(LENA);
    });

    it('finds the schedules of an entity by annotation within its team, else by owner group', async () => {
      const { store, service } = await setup();
      await store.createSchedule(toNewSchedule(checkoutSchedule()), ACTOR);
      await store.createSchedule(toNewSchedule(sreSchedule()), ACTOR);

      // search belongs to team-checkout: sre-daily is another team's.
      const byAnnotation = await service.schedulesOfEntity(
        'component:default/search',
      );
      expect(byAnnotation.schedules.map(s => s.name)).toEqual([
        'checkout-main',
      ]);
      expect(byAnnotation.problems).toEqual([
        'No schedule named "sre-daily" belongs to group:default/team-checkout or a group it belongs to or is part of',
      ]);
      const byOwner = await service.schedulesOfEntity('component:default/cart');
      expect(byOwner).toEqual({
        schedules: [expect.objectContaining({ name: 'checkout-main' })],
        problems: [],
      });
      const ofGroup = await service.schedulesOfEntity(
        'group:default/team-checkout',
      );
      expect(ofGroup.schedules.map(s => s.name)).toEqual(['checkout-main']);
      expect(
        await service.schedulesOfEntity('component:default/unknown'),
      ).toEqual({ schedules: [], problems: [] });
    });

    it("resolves a name to the entity's own team's schedule when two teams use it", async () => {
      const { store, service } = await setup();
      const ofTeam = (ownerRef: string, name: string) => {
        const input = checkoutSchedule(name);
        input.ownerRef = ownerRef;
        input.escalationPolicy = null;
        return store.createSchedule(toNewSchedule(input), ACTOR);
      };
      const a = await ofTeam('group:default/team-a', 'primary');
      const b = await ofTeam('group:default/team-b', 'primary');
      const payments = await ofTeam(
        'group:default/payments',
        'payments-escalation',
      );
      await ofTeam('group:default/team-a', 'a-only');
      // The same name in one team is still a conflict.
      await expect(
        ofTeam('group:default/team-b', 'primary'),
      ).rejects.toMatchObject({ name: 'ConflictError' });

      const ids = async (entityRef: string) => {
        const found = await service.schedulesOfEntity(entityRef);
        return {
          ids: found.schedules.map(s => s.id),
          problems: found.problems,
        };
      };
      expect(await ids('component:default/b-service')).toEqual({
        // Its own team's, then its parent group's.
        ids: [b.id, payments.id],
        problems: [],
      });
      expect(await ids('component:default/a-service')).toEqual({
        ids: [a.id],
        problems: [],
      });
      // A user's component: the groups the user belongs to.
      expect(await ids('component:default/lenas-tool')).toEqual({
        ids: [b.id],
        problems: [],
      });
      // Never another team's schedule, even when the name is unique.
      expect(await ids('component:default/b-intruder')).toEqual({
        ids: [],
        problems: [
          'No schedule named "a-only" belongs to group:default/team-b or a group it belongs to or is part of',
        ],
      });
      const card = await service.onCallNow({
        entityRef: 'component:default/b-intruder',
      });
      expect(card.schedules).toEqual([]);
      expect(card.problems).toHaveLength(1);
    });

    it('keeps at most 500 overrides: a new one replaces the one that ended longest ago', async () => {
      const { store } = await setup();
      const hour = 3_600_000;
      const base = Date.parse('2026-01-01T00:00:00Z');
      const input = checkoutSchedule();
      input.schedule.overrides = Array.from({ length: 500 }, (_, k) => ({
        user: PRIYA,
        start: new Date(base + k * hour).toISOString(),
        end: new Date(base + k * hour + hour / 2).toISOString(),
      }));
      const full = await store.createSchedule(toNewSchedule(input), ACTOR);
      expect(full.schedule.overrides).toHaveLength(500);
      const added = await store.addOverride(
        full.id,
        1,
        {
          user: JONAS,
          start: '2027-01-01T00:00:00Z',
          end: '2027-01-02T00:00:00Z',
        },
        ACTOR,
      );
      expect(added.schedule.overrides).toHaveLength(500);
      expect(added.schedule.overrides[0].start).toBe(
        new Date(base + hour).toISOString(),
      );
      expect(added.schedule.overrides[499].user).toBe(JONAS);

      // None has ended: nothing to drop.
      const future = checkoutSchedule('future');
      future.schedule.overrides = Array.from({ length: 500 }, (_, k) => ({
        user: PRIYA,
        start: new Date(Date.now() + (k + 1) * hour).toISOString(),
        end: new Date(Date.now() + (k + 2) * hour).toISOString(),
      }));
      const busy = await store.createSchedule(toNewSchedule(future), ACTOR);
      await expect(
        store.addOverride(
          busy.id,
          1,
          {
            user: JONAS,
            start: '2027-01-01T00:00:00Z',
            end: '2027-01-02T00:00:00Z',
          },
          ACTOR,
        ),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringContaining('at most 500 overrides'),
      });
      expect((await store.getSchedule(busy.id))!.version).toBe(1);
    });

    it('expands final schedules up to 93 days', async () => {
      const { store, service } = await setup();
      const record = await store.createSchedule(
        toNewSchedule(checkoutSchedule()),
        ACTOR,
      );
      const shifts = service.finalOf(
        record,
        new Date('2026-11-02T08:00:00Z'),
        new Date('2026-11-23T08:00:00Z'),
      );
      expect(shifts.map(s => s.user)).toEqual([LENA, JONAS, LENA]);
      expect(() =>
        service.finalOf(
          record,
          new Date('2026-11-01T00:00:00Z'),
          new Date('2027-03-01T00:00:00Z'),
        ),
      ).toThrow(/at most 93 days/);
    });
  });
});
