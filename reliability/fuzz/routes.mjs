// Every route of /api/reliability (from plugins/reliability-backend/src/**/router.ts), each with a
// valid request the fuzzer starts from. `fx` holds ids of records created before fuzzing.

const ENTITY = 'component:default/checkout';
const now = () => new Date().toISOString();
const minuteAligned = (offsetMinutes = 0) =>
  new Date(
    Math.floor(Date.now() / 60000) * 60000 - offsetMinutes * 60000,
  ).toISOString();

const scheduleBody = fx => ({
  name: `fuzz-${fx.counter++}`,
  ownerRef: 'group:default/team-checkout',
  schedule: { ...structuredClone(fx.scheduleTemplate), overrides: [] },
});

const pad = n => String(n).padStart(2, '0');

/**
 * A schedule of 1000-week turns with 20 one-hour restriction windows in each
 * of three layers (Berlin, New York, Tokyo): it once made one `GET /oncall`
 * take seconds and stall every other request.
 */
export const restrictedScheduleBody = fx => ({
  name: `fuzz-restricted-${fx.counter++}`,
  ownerRef: 'group:default/team-checkout',
  schedule: {
    timeZone: 'Europe/Berlin',
    layers: ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo'].map(
      (timeZone, i) => ({
        name: `long-${i}`,
        participants: [
          'user:default/lena.hoffmann',
          'user:default/jonas.weber',
        ],
        rotation: { length: 1000, unit: 'weeks' },
        handoff: { time: '09:00', weekday: 1 },
        start: '2020-01-06',
        restrictions: Array.from({ length: 20 }, (_, r) => ({
          weekdays: [1 + (r % 7)],
          from: `${pad(r)}:00`,
          to: `${pad(r)}:59`,
          timeZone,
        })),
      }),
    ),
    overrides: [],
  },
});

/**
 * Alert labels for the webhook that make selectors work hard: values just
 * under and over the 1 KiB that regex matchers test, the longest the payload
 * allows, and strings on which the regexes of the fuzz entities (backend.mjs)
 * backtrack exponentially, e.g. `(a+)+b` on `aaa…a`.
 */
export const HOSTILE_LABELS = [
  () => ({ service: 'a'.repeat(40) }),
  () => ({ service: `${'a'.repeat(1023)}b` }),
  () => ({ service: `${'a'.repeat(1024)}b` }),
  () => ({ service: 'a'.repeat(65_536) }),
  () => ({ team: 'x'.repeat(40), env: 'x'.repeat(40) }),
  () => ({ team: `${'x'.repeat(5000)}!`, env: 'x'.repeat(1024) }),
  () => ({ service: 'checkout', team: '\uD800'.repeat(40), env: '(a+)+b' }),
  () =>
    Object.fromEntries(
      Array.from({ length: 500 }, (_, i) => [`l${i}`, 'a'.repeat(1024)]),
    ),
];

/**
 * @typedef {{ name: string, method: string, path: (fx: any) => string, segments?: string[],
 *   query?: string[], baseQuery?: (fx: any) => string, body?: (fx: any) => any,
 *   webhook?: boolean, yaml?: boolean }} Route
 */

/** @type {Route[]} */
export const ROUTES = [
  { name: 'GET /health', method: 'GET', path: () => '/health' },
  {
    name: 'GET /entity-summary',
    method: 'GET',
    path: () => '/entity-summary',
    query: ['entityRef'],
    baseQuery: () => `entityRef=${ENTITY}`,
  },
  { name: 'GET /severities', method: 'GET', path: () => '/severities' },
  {
    name: 'GET /incidents',
    method: 'GET',
    path: () => '/incidents',
    query: ['entityRef', 'status', 'severity', 'from', 'to', 'limit', 'cursor'],
  },
  {
    name: 'GET /incidents/:id',
    method: 'GET',
    path: fx => `/incidents/${fx.incidentId}`,
    segments: ['incidents'],
  },
  {
    name: 'POST /incidents',
    method: 'POST',
    path: () => '/incidents',
    body: () => ({
      entityRef: ENTITY,
      title: 'Fuzz incident',
      severity: 'SEV3',
      summary: 'fuzz',
      startedAt: now(),
    }),
  },
  {
    name: 'PATCH /incidents/:id',
    method: 'PATCH',
    path: fx => `/incidents/${fx.incidentId}`,
    segments: ['incidents'],
    body: fx => ({
      version: fx.incidentVersion,
      title: 'Fuzz incident',
      summary: 'changed',
      note: 'fuzz note',
    }),
  },
  {
    name: 'POST /incidents/:id/notes',
    method: 'POST',
    path: fx => `/incidents/${fx.incidentId}/notes`,
    segments: ['incidents'],
    body: () => ({ message: 'fuzz note' }),
  },
  {
    name: 'GET /postmortems',
    method: 'GET',
    path: () => '/postmortems',
    query: ['entityRef', 'status', 'limit', 'cursor'],
  },
  {
    name: 'GET /postmortems/:id',
    method: 'GET',
    path: fx => `/postmortems/${fx.postmortemId}`,
    segments: ['postmortems'],
  },
  {
    name: 'POST /postmortems',
    method: 'POST',
    path: () => '/postmortems',
    body: fx => ({
      entityRef: ENTITY,
      incidentIds: [fx.incidentId],
      title: 'Fuzz postmortem',
      summary: '# Summary',
      impactDurationMinutes: 5,
      reviewers: ['user:default/lena.hoffmann'],
    }),
  },
  {
    name: 'PATCH /postmortems/:id',
    method: 'PATCH',
    path: fx => `/postmortems/${fx.postmortemId}`,
    segments: ['postmortems'],
    body: fx => ({
      version: fx.postmortemVersion,
      rootCause: 'fuzz',
      incidentIds: [fx.incidentId],
    }),
  },
  {
    name: 'GET /action-items',
    method: 'GET',
    path: () => '/action-items',
    query: ['entityRef', 'owner', 'status', 'overdue', 'limit', 'cursor'],
  },
  {
    name: 'POST /postmortems/:id/action-items',
    method: 'POST',
    path: fx => `/postmortems/${fx.postmortemId}/action-items`,
    segments: ['postmortems'],
    body: () => ({
      title: 'Fuzz item',
      type: 'prevent',
      priority: 'P2',
      owner: 'group:default/team-checkout',
      dueDate: '2027-01-31',
      ticketUrl: 'https://tickets.example.com/1',
    }),
  },
  {
    name: 'PATCH /action-items/:id',
    method: 'PATCH',
    path: fx => `/action-items/${fx.actionItemId}`,
    segments: ['action-items'],
    body: fx => ({
      version: fx.actionItemVersion,
      description: 'fuzz',
      dueDate: '2027-02-01',
    }),
  },
  { name: 'GET /schedules', method: 'GET', path: () => '/schedules' },
  {
    name: 'GET /schedules/:id',
    method: 'GET',
    path: fx => `/schedules/${fx.scheduleId}`,
    segments: ['schedules'],
  },
  {
    name: 'POST /schedules',
    method: 'POST',
    path: () => '/schedules',
    body: scheduleBody,
  },
  {
    name: 'POST /schedules (20 restrictions)',
    method: 'POST',
    path: () => '/schedules',
    body: restrictedScheduleBody,
  },
  {
    name: 'PUT /schedules/:id',
    method: 'PUT',
    path: fx => `/schedules/${fx.scheduleId}`,
    segments: ['schedules'],
    body: fx => ({ ...fx.scheduleInput, version: fx.scheduleVersion }),
  },
  {
    name: 'POST /schedules/:id/overrides',
    method: 'POST',
    path: fx => `/schedules/${fx.scheduleId}/overrides`,
    segments: ['schedules'],
    body: fx => ({
      version: fx.scheduleVersion,
      user: 'user:default/lena.hoffmann',
      start: '2027-03-01T09:00:00Z',
      end: '2027-03-01T17:00:00Z',
      reason: 'fuzz',
    }),
  },
  {
    name: 'DELETE /schedules/:id/overrides/:overrideId',
    method: 'DELETE',
    path: fx => `/schedules/${fx.scheduleId}/overrides/${fx.overrideId}`,
    segments: ['schedules', 'overrides'],
    query: ['version'],
    baseQuery: fx => `version=${fx.scheduleVersion}`,
  },
  {
    name: 'GET /schedules/:id/final',
    method: 'GET',
    path: fx => `/schedules/${fx.scheduleId}/final`,
    segments: ['schedules'],
    query: ['from', 'to'],
    baseQuery: () => 'from=2027-01-01T00:00:00Z&to=2027-01-08T00:00:00Z',
  },
  {
    name: 'GET /oncall',
    method: 'GET',
    path: () => '/oncall',
    query: ['entityRef', 'at'],
  },
  {
    name: 'GET /schedules/:id/export',
    method: 'GET',
    path: fx => `/schedules/${fx.scheduleId}/export`,
    segments: ['schedules'],
  },
  {
    name: 'POST /schedules/import',
    method: 'POST',
    path: () => '/schedules/import',
    body: fx => ({
      apiVersion: 'reliability-hub.io/v1alpha1',
      kind: 'Schedule',
      ...scheduleBody(fx),
    }),
    yaml: true,
  },
  {
    name: 'POST /schedules/:id/feed-token',
    method: 'POST',
    path: fx => `/schedules/${fx.scheduleId}/feed-token`,
    segments: ['schedules'],
    body: () => ({}),
  },
  {
    name: 'GET /ical/schedules/:id.ics',
    method: 'GET',
    path: fx => `/ical/schedules/${fx.scheduleId}.ics`,
    segments: ['ical'],
    query: ['token'],
    baseQuery: fx => `token=${encodeURIComponent(fx.feedToken)}`,
  },
  {
    name: 'POST /feed-token/me',
    method: 'POST',
    path: () => '/feed-token/me',
    body: () => ({}),
  },
  {
    name: 'GET /ical/users/:namespace/:name.ics',
    method: 'GET',
    path: () => '/ical/users/default/lena.hoffmann.ics',
    segments: ['ical', 'users'],
    query: ['token'],
    baseQuery: () => 'token=wrong',
  },
  {
    name: 'GET /slos',
    method: 'GET',
    path: () => '/slos',
    query: ['entityRef'],
    baseQuery: () => `entityRef=${ENTITY}`,
  },
  {
    name: 'GET /slos/overview',
    method: 'GET',
    path: () => '/slos/overview',
    query: ['owner', 'system', 'tier', 'state'],
  },
  {
    name: 'GET /slos/:id/history',
    method: 'GET',
    path: fx => `/slos/${encodeURIComponent(fx.sloId)}/history`,
    segments: ['slos'],
    query: ['from', 'to'],
  },
  {
    name: 'POST /slos/refresh',
    method: 'POST',
    path: () => '/slos/refresh',
    query: ['entityRef'],
    baseQuery: () => `entityRef=${ENTITY}`,
    body: () => ({}),
  },
  {
    name: 'POST /sli-samples',
    method: 'POST',
    path: () => '/sli-samples',
    body: fx => ({
      entityRef: fx.pushEntity,
      sloName: fx.pushSlo,
      samples: [
        {
          bucketStart: minuteAligned(60 + Math.floor(Math.random() * 1000)),
          good: 99,
          total: 100,
        },
      ],
    }),
  },
  {
    name: 'GET /runbooks',
    method: 'GET',
    path: () => '/runbooks',
    query: ['entityRef'],
    baseQuery: () => `entityRef=${ENTITY}`,
  },
  {
    name: 'GET /runbooks/library',
    method: 'GET',
    path: () => '/runbooks/library',
    query: [
      'q',
      'owner',
      'system',
      'severity',
      'alert',
      'tag',
      'stale',
      'sort',
      'cursor',
      'limit',
    ],
  },
  {
    name: 'GET /runbooks/by-alert/:alertname',
    method: 'GET',
    path: () => '/runbooks/by-alert/CheckoutHighErrorRate',
    segments: ['runbooks', 'by-alert'],
    query: ['entityRef'],
  },
  {
    name: 'GET /runbooks/:id',
    method: 'GET',
    path: fx => `/runbooks/${encodeURIComponent(fx.runbookId)}`,
    segments: ['runbooks'],
  },
  {
    name: 'POST /runbooks/refresh',
    method: 'POST',
    path: () => '/runbooks/refresh',
    query: ['entityRef'],
    baseQuery: () => `entityRef=${ENTITY}`,
    body: () => ({}),
  },
  {
    name: 'POST /webhooks/alertmanager',
    method: 'POST',
    path: () => '/webhooks/alertmanager',
    webhook: true,
    body: fx => ({
      version: '4',
      status: 'firing',
      receiver: 'reliability-hub',
      groupKey: `{}:{alertname="FuzzAlert${fx.counter++}"}`,
      groupLabels: { alertname: 'FuzzAlert' },
      commonLabels: {},
      commonAnnotations: {},
      externalURL: 'http://alertmanager.example.com',
      alerts: [
        {
          status: 'firing',
          labels: {
            alertname: 'FuzzAlert',
            service: 'checkout',
            severity: 'warning',
          },
          annotations: { summary: 'fuzz' },
          startsAt: now(),
          endsAt: '0001-01-01T00:00:00Z',
          generatorURL: 'http://prometheus.example.com/graph',
          fingerprint: `f${fx.counter++}`,
        },
      ],
    }),
  },
];
