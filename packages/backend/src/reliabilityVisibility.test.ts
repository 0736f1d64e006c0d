import { randomUUID } from 'node:crypto';
import {
  ADMIN,
  Answer,
  CHECKOUT,
  CHECKOUT_OWNER,
  CHECKOUT_TEAM,
  LEDGER,
  LEDGER_OWNER,
  LEDGER_TEAM,
  MALLORY,
  startPortalHidingLedger,
  SYSTEM,
} from './__testUtils__/portalHidingLedger';

jest.setTimeout(180_000);

const HOUR = 60 * 60 * 1000;
const enc = encodeURIComponent;

/** A whole minute, `minutes` before now: a valid push bucket. */
const minutesAgo = (minutes: number) =>
  new Date(
    Math.floor(Date.now() / 60_000) * 60_000 - minutes * 60_000,
  ).toISOString();

const weekly = (participants: string[]) => ({
  timeZone: 'Europe/Berlin',
  layers: [
    {
      name: 'primary',
      participants,
      rotation: { length: 1, unit: 'weeks' },
      handoff: { time: '09:00', weekday: 1 },
      start: '2026-01-05',
    },
  ],
  overrides: [],
});

type Portal = Awaited<ReturnType<typeof startPortalHidingLedger>>;

/**
 * Ledger and checkout, each with incidents (interleaved in time, and ledger's
 * also after checkout's last), a postmortem with an overdue action item, a
 * runbook file and a runbook link, an SLO with samples, and a schedule of
 * its team — written by each entity's owners through the API.
 */
async function seed(portal: Portal) {
  const { api, scheduler } = portal;
  const created = async (who: string, path: string, body: unknown) => {
    const res = await api(who, 'POST', path, body);
    if (res.status >= 300) {
      throw new Error(`${path} as ${who}: ${res.status} ${res.text}`);
    }
    return res.json;
  };
  const now = Date.now();
  const incidents: Record<string, string[]> = { [LEDGER]: [], [CHECKOUT]: [] };
  const declare = async (entityRef: string, who: string, hoursAgo: number) => {
    const name = entityRef === LEDGER ? 'Ledger' : 'Checkout';
    const incident = await created(who, '/incidents', {
      entityRef,
      title: `${name} incident ${hoursAgo}`,
      severity: 'SEV3',
      startedAt: new Date(now - hoursAgo * HOUR).toISOString(),
      detectedAt: new Date(now - hoursAgo * HOUR).toISOString(),
    });
    incidents[entityRef].push(incident.id);
  };
  // Newest first: L C L C ... then a run of ledger's older than all of checkout's.
  for (let hour = 1; hour <= 12; hour++) {
    await (hour % 2
      ? declare(LEDGER, LEDGER_OWNER, hour)
      : declare(CHECKOUT, CHECKOUT_OWNER, hour));
  }
  for (let hour = 20; hour < 24; hour++) {
    await declare(LEDGER, LEDGER_OWNER, hour);
  }

  const postmortem = async (entityRef: string, who: string, team: string) => {
    const pm = await created(who, '/postmortems', {
      entityRef,
      incidentIds: [incidents[entityRef][0]],
    });
    await created(who, `/postmortems/${pm.id}/action-items`, {
      title: 'Alert earlier',
      type: 'detect',
      priority: 'P2',
      owner: team,
      dueDate: '2026-01-31',
    });
    return pm.id as string;
  };
  const postmortems = {
    [LEDGER]: await postmortem(LEDGER, LEDGER_OWNER, LEDGER_TEAM),
    [CHECKOUT]: await postmortem(CHECKOUT, CHECKOUT_OWNER, CHECKOUT_TEAM),
  };

  const schedules = {
    [LEDGER]: (
      await created(LEDGER_OWNER, '/schedules', {
        name: 'ledger-primary',
        ownerRef: LEDGER_TEAM,
        schedule: weekly([LEDGER_OWNER]),
      })
    ).id as string,
    [CHECKOUT]: (
      await created(CHECKOUT_OWNER, '/schedules', {
        name: 'checkout-primary',
        ownerRef: CHECKOUT_TEAM,
        schedule: weekly([CHECKOUT_OWNER, MALLORY]),
      })
    ).id as string,
  };
  await created(LEDGER_OWNER, `/schedules/${schedules[LEDGER]}/feed-token`, {});

  await scheduler.triggerTask('reliability-runbooks-refresh');
  await scheduler.triggerTask('reliability-slo-definitions-refresh');
  for (const [entityRef, who, sloName] of [
    [LEDGER, LEDGER_OWNER, 'ledger-correctness'],
    [CHECKOUT, CHECKOUT_OWNER, 'checkout-availability'],
  ]) {
    await created(who, '/sli-samples', {
      entityRef,
      sloName,
      samples: [{ bucketStart: minutesAgo(5), good: 990, total: 1000 }],
    });
  }
  await scheduler.triggerTask('reliability-slo-evaluation');

  return {
    incidents,
    postmortems,
    schedules,
    slos: {
      [LEDGER]: `${LEDGER}/ledger-correctness/0`,
      [CHECKOUT]: `${CHECKOUT}/checkout-availability/0`,
    },
    runbooks: {
      [LEDGER]: `${LEDGER}/journal-lag`,
      [CHECKOUT]: `${CHECKOUT}/db-pool`,
    },
  };
}

type Fixtures = Awaited<ReturnType<typeof seed>>;

/** Every read route, as it shows checkout's records (the visible ones). */
const READS = (fx: Fixtures, feed: string) => [
  '/health',
  '/severities',
  `/entity-summary?entityRef=${CHECKOUT}`,
  `/entity-summary?entityRef=${SYSTEM}`,
  `/entity-summary?entityRef=${CHECKOUT_TEAM}`,
  '/incidents',
  '/incidents?status=open&limit=100',
  `/incidents?entityRef=${CHECKOUT},${LEDGER}`,
  `/incidents/${fx.incidents[CHECKOUT][0]}`,
  '/postmortems',
  `/postmortems/${fx.postmortems[CHECKOUT]}`,
  '/action-items',
  '/action-items?overdue=true',
  '/action-items?status=open',
  '/schedules',
  `/schedules/${fx.schedules[CHECKOUT]}`,
  `/schedules/${fx.schedules[CHECKOUT]}/final?from=2027-01-01T00:00:00Z&to=2027-01-15T00:00:00Z`,
  `/schedules/${fx.schedules[CHECKOUT]}/export`,
  '/oncall',
  `/oncall?entityRef=${CHECKOUT}`,
  `/oncall?entityRef=${SYSTEM}`,
  `/slos?entityRef=${CHECKOUT}`,
  '/slos/overview',
  `/slos/${enc(fx.slos[CHECKOUT])}/history`,
  `/runbooks?entityRef=${CHECKOUT}`,
  '/runbooks/library',
  '/runbooks/library?sort=lastReviewed&limit=1',
  '/runbooks/library?q=dashboards',
  '/runbooks/by-alert/CheckoutDBPool',
  `/runbooks/${enc(fx.runbooks[CHECKOUT])}`,
  feed,
];

/**
 * Reads that name ledger's records, each beside the same read of something
 * that does not exist: a hidden record must answer exactly as a missing one.
 */
const NAMED_READS = (fx: Fixtures) => {
  const missingRef = 'component:default/no-such';
  const pairs: Array<[string, string]> = [
    [LEDGER, missingRef],
    [LEDGER_TEAM, 'group:default/no-such'],
    [fx.incidents[LEDGER][0], randomUUID()],
    [fx.postmortems[LEDGER], randomUUID()],
    [fx.schedules[LEDGER], randomUUID()],
    [fx.slos[LEDGER], `${missingRef}/ledger-correctness/0`],
    [fx.runbooks[LEDGER], `${missingRef}/journal-lag`],
    ['LedgerJournalLag', 'NoSuchAlert'],
  ];
  return {
    pairs,
    paths: [
      `/entity-summary?entityRef=${LEDGER}`,
      `/entity-summary?entityRef=${LEDGER_TEAM}`,
      `/incidents?entityRef=${LEDGER}`,
      `/incidents/${fx.incidents[LEDGER][0]}`,
      `/postmortems?entityRef=${LEDGER}`,
      `/postmortems/${fx.postmortems[LEDGER]}`,
      `/action-items?entityRef=${LEDGER}`,
      `/action-items?owner=${LEDGER_TEAM}`,
      `/schedules/${fx.schedules[LEDGER]}`,
      `/schedules/${fx.schedules[LEDGER]}/final?from=2027-01-01T00:00:00Z&to=2027-01-15T00:00:00Z`,
      `/schedules/${fx.schedules[LEDGER]}/export`,
      `/ical/schedules/${fx.schedules[LEDGER]}.ics?token=guessed`,
      `/oncall?entityRef=${LEDGER}`,
      `/oncall?entityRef=${LEDGER_TEAM}`,
      `/slos?entityRef=${LEDGER}`,
      `/slos/${enc(fx.slos[LEDGER])}/history`,
      `/runbooks?entityRef=${LEDGER}`,
      `/runbooks/by-alert/LedgerJournalLag`,
      `/runbooks/${enc(fx.runbooks[LEDGER])}`,
    ],
  };
};

/** The answer with the named things replaced by placeholders. */
function withPlaceholders(answer: Answer, names: string[]): string {
  let text = answer.text;
  names.forEach((name, index) => {
    for (const form of [name, enc(name)]) {
      text = text.split(form).join(`<named ${index}>`);
    }
  });
  return `${answer.status} ${text}`;
}

describe('a permission policy that hides ledger from a user', () => {
  let portal: Portal;
  let fx: Fixtures;
  let feed: string;

  beforeAll(async () => {
    portal = await startPortalHidingLedger();
    fx = await seed(portal);
    // Mallory's own calendar feed: her shifts across all schedules.
    const token = await portal.api(MALLORY, 'POST', '/feed-token/me', {});
    feed = token.json.path;
  });

  afterAll(async () => {
    await portal?.stop();
  });

  it('shows that user nothing of ledger on any read route', async () => {
    const leaks: string[] = [];
    for (const path of READS(fx, feed)) {
      const res = await portal.api(MALLORY, 'GET', path);
      expect([path, res.status]).toEqual([path, 200]);
      if (/ledger/i.test(res.text)) {
        leaks.push(`${path}: ${res.text.slice(0, 300)}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('answers that user about ledger exactly as about things that do not exist', async () => {
    const { pairs, paths } = NAMED_READS(fx);
    for (const path of paths) {
      let missingPath = path;
      for (const [hidden, missing] of pairs) {
        missingPath = missingPath
          .split(hidden)
          .join(missing)
          .split(enc(hidden))
          .join(enc(missing));
      }
      const hidden = await portal.api(MALLORY, 'GET', path);
      const missing = await portal.api(MALLORY, 'GET', missingPath);
      expect([
        path,
        withPlaceholders(
          hidden,
          pairs.map(p => p[0]),
        ),
      ]).toEqual([
        path,
        withPlaceholders(
          missing,
          pairs.map(p => p[1]),
        ),
      ]);
    }
  });

  it('still shows that user the system and checkout, without ledger', async () => {
    const summary = await portal.api(
      MALLORY,
      'GET',
      `/entity-summary?entityRef=${SYSTEM}`,
    );
    expect(summary.json.components).toEqual([CHECKOUT]);
    expect(summary.json.incidents.openCount).toBe(6);

    const library = await portal.api(MALLORY, 'GET', '/runbooks/library');
    expect(library.json.items.map((r: any) => r.entityRef)).toEqual([
      CHECKOUT,
      CHECKOUT,
    ]);
    expect(library.json.total).toBe(2);

    const schedules = await portal.api(MALLORY, 'GET', '/schedules');
    expect(schedules.json.map((s: any) => s.name)).toEqual([
      'checkout-primary',
    ]);
  });

  it.each([1, 2, 4, 5])(
    'pages that user full pages of %s while ledger’s records lie between',
    async limit => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const res = await portal.api(
          MALLORY,
          'GET',
          `/incidents?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        pages++;
        const ids = res.json.items.map((i: any) => i.id);
        seen.push(...ids);
        cursor = res.json.nextCursor;
        // Every page is full but the last, which is not empty.
        expect(ids.length).toBe(cursor ? limit : ((6 - 1) % limit) + 1);
      } while (cursor && pages < 20);
      // Newest first: checkout's were declared newest first.
      expect(seen).toEqual(fx.incidents[CHECKOUT]);
      expect(pages).toBe(Math.ceil(6 / limit));
    },
  );

  it.each([
    ['its owner', LEDGER_OWNER],
    ['an admin', ADMIN],
  ])('still shows ledger to %s', async (_name, who) => {
    const reads = [
      '/incidents?limit=100',
      `/incidents/${fx.incidents[LEDGER][0]}`,
      `/entity-summary?entityRef=${LEDGER}`,
      `/entity-summary?entityRef=${LEDGER_TEAM}`,
      '/postmortems',
      `/postmortems/${fx.postmortems[LEDGER]}`,
      '/action-items?overdue=true',
      '/schedules',
      `/schedules/${fx.schedules[LEDGER]}/export`,
      '/oncall',
      `/oncall?entityRef=${LEDGER}`,
      '/slos/overview',
      `/slos?entityRef=${LEDGER}`,
      `/slos/${enc(fx.slos[LEDGER])}/history`,
      '/runbooks/library',
      `/runbooks/${enc(fx.runbooks[LEDGER])}`,
      '/runbooks/by-alert/LedgerJournalLag',
    ];
    for (const path of reads) {
      const res = await portal.api(who, 'GET', path);
      expect([path, res.status, /ledger/i.test(res.text)]).toEqual([
        path,
        200,
        true,
      ]);
    }
    const summary = await portal.api(
      who,
      'GET',
      `/entity-summary?entityRef=${SYSTEM}`,
    );
    expect(summary.json.components).toEqual([CHECKOUT, LEDGER]);
    const incidents = await portal.api(who, 'GET', '/incidents?limit=100');
    expect(incidents.json.items).toHaveLength(16);
    const library = await portal.api(who, 'GET', '/runbooks/library');
    expect(library.json.total).toBe(4);
  });

  it('names nothing of ledger when refusing a write of those who may not see it', async () => {
    const replacing = await portal.api(MALLORY, 'POST', '/schedules/import', {
      apiVersion: 'reliability-hub.io/v1alpha1',
      kind: 'Schedule',
      name: 'ledger-primary',
      ownerRef: CHECKOUT_TEAM,
      schedule: weekly([MALLORY]),
    });
    expect(replacing.status).toBe(403);
    expect(replacing.json.error.message).not.toMatch(/team-ledger/);

    // Checkout's owner may not see ledger either.
    const linking = await portal.api(CHECKOUT_OWNER, 'POST', '/postmortems', {
      entityRef: CHECKOUT,
      incidentIds: [fx.incidents[LEDGER][0]],
    });
    expect(linking.status).toBe(400);
    expect(linking.json.error.message).not.toMatch(/ledger/i);
  });
});
