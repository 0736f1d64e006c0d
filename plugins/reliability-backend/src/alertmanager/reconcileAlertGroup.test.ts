import { Incident } from '@reliability-hub/plugin-reliability-common';
import { AlertRow, labelsJson } from './alertRows';
import { AlertmanagerAlert } from './payload';
import {
  AlertGroupChanges,
  AlertGroupState,
  reconcileAlertGroup,
} from './reconcileAlertGroup';

const NOW = new Date('2026-11-22T10:05:00Z');
const T0 = new Date('2026-11-22T10:00:00Z');
const T1 = new Date('2026-11-22T10:02:00Z');
const END = new Date('2026-11-22T10:04:00Z');
const RUNBOOK = 'https://runbooks.example/checkout';

const labels = (instance: string) => ({
  alertname: 'HighErrorRate',
  service: 'checkout',
  severity: 'page',
  instance,
});

function alert(
  instance: string,
  options: { startsAt?: Date; endsAt?: Date; annotations?: object } = {},
): AlertmanagerAlert {
  return {
    status: options.endsAt ? 'resolved' : 'firing',
    labels: labels(instance),
    annotations: { ...options.annotations } as Record<string, string>,
    startsAt: options.startsAt ?? T0,
    endsAt: options.endsAt ?? null,
    fingerprint: `fp-${instance}`,
  };
}

function stored(
  instance: string,
  options: { startsAt?: Date; endsAt?: Date } = {},
): AlertRow {
  return {
    fingerprint: `fp-${instance}`,
    alertname: 'HighErrorRate',
    status: options.endsAt ? 'resolved' : 'firing',
    starts_at: options.startsAt ?? T0,
    ends_at: options.endsAt ?? null,
    labels: labelsJson(labels(instance)),
  };
}

function incident(changes: Partial<Incident> = {}): Incident {
  return {
    id: 'inc-1',
    title: 'Checkout error rate above 5 %',
    entityRef: 'component:default/checkout',
    severity: 'SEV2',
    status: 'investigating',
    summary: null,
    commander: null,
    communications: null,
    scribe: null,
    source: 'alertmanager',
    externalId: 'component:default/checkout|g',
    runbookUrl: RUNBOOK,
    startedAt: T0.toISOString(),
    detectedAt: T0.toISOString(),
    acknowledgedAt: null,
    mitigatedAt: null,
    resolvedAt: null,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    version: 1,
    ...changes,
  };
}

function state(changes: Partial<AlertGroupState>): AlertGroupState {
  return {
    payload: {
      status: 'firing',
      groupKey: '{}:{alertname="HighErrorRate"}',
      groupLabels: { alertname: 'HighErrorRate' },
      commonLabels: { alertname: 'HighErrorRate', service: 'checkout' },
      commonAnnotations: {},
      externalURL: 'http://alertmanager.example',
      receiver: 'reliability-hub',
    },
    entity: { entityRef: 'component:default/checkout', name: 'checkout' },
    alerts: [],
    stored: new Map(),
    policy: { resolveIncidents: true, severityOf: () => 'SEV2' },
    now: NOW,
    ...changes,
  };
}

const storedMap = (...rows: AlertRow[]) =>
  new Map(rows.map(row => [row.fingerprint, row]));

/** What a user would read off the changes: the incident, its timeline, its alerts. */
function summary(changes: AlertGroupChanges | undefined) {
  return (
    changes && {
      open: changes.open && {
        title: changes.open.title,
        severity: changes.open.severity,
        startedAt: changes.open.startedAt.toISOString(),
        runbookUrl: changes.open.runbookUrl,
      },
      changes: changes.changes,
      timeline: changes.events.map(e => `${e.type} ${e.at.toISOString()}`),
      alerts: changes.alerts.map(w =>
        w.kind === 'insert'
          ? `insert ${w.row.fingerprint} ${w.row.status}`
          : `update ${w.fingerprint} ${w.columns.status}`,
      ),
      resolved: changes.resolved,
    }
  );
}

describe('reconcileAlertGroup', () => {
  it.each<[string, Partial<AlertGroupState>, ReturnType<typeof summary>]>([
    [
      'opens an incident on the first firing alerts, started at the earliest',
      {
        alerts: [
          alert('a', { startsAt: T1, annotations: { runbook_url: RUNBOOK } }),
          alert('b'),
        ],
      },
      {
        open: {
          title: 'HighErrorRate on checkout',
          severity: 'SEV2',
          startedAt: T0.toISOString(),
          runbookUrl: RUNBOOK,
        },
        changes: {},
        timeline: [
          `created ${NOW.toISOString()}`,
          `alert_firing ${T1.toISOString()}`,
          `alert_firing ${T0.toISOString()}`,
        ],
        alerts: ['insert fp-a firing', 'insert fp-b firing'],
        resolved: false,
      },
    ],
    [
      'opens nothing for a group that arrives resolved',
      { alerts: [alert('a', { endsAt: END })] },
      undefined,
    ],
    [
      'changes nothing when the stored alerts are as notified (a replay)',
      {
        alerts: [alert('a')],
        incident: incident(),
        stored: storedMap(stored('a')),
      },
      {
        open: undefined,
        changes: {},
        timeline: [],
        alerts: [],
        resolved: false,
      },
    ],
    [
      'records a second alert of the group with one event',
      {
        alerts: [alert('a'), alert('b', { startsAt: T1 })],
        incident: incident(),
        stored: storedMap(stored('a')),
      },
      {
        open: undefined,
        changes: {},
        timeline: [`alert_firing ${T1.toISOString()}`],
        alerts: ['insert fp-b firing'],
        resolved: false,
      },
    ],
    [
      'resolves the incident at the last end when every alert has resolved',
      {
        alerts: [alert('b', { endsAt: END })],
        incident: incident(),
        stored: storedMap(stored('a', { endsAt: T1 }), stored('b')),
      },
      {
        open: undefined,
        changes: { status: 'resolved', resolvedAt: END },
        timeline: [
          `alert_resolved ${END.toISOString()}`,
          `status_change ${NOW.toISOString()}`,
        ],
        alerts: ['update fp-b resolved'],
        resolved: true,
      },
    ],
    [
      'resolves never before a time already on the incident',
      {
        alerts: [alert('a', { endsAt: T1 })],
        incident: incident({ mitigatedAt: END.toISOString() }),
        stored: storedMap(stored('a')),
      },
      {
        open: undefined,
        changes: { status: 'resolved', resolvedAt: END },
        timeline: [
          `alert_resolved ${T1.toISOString()}`,
          `status_change ${NOW.toISOString()}`,
        ],
        alerts: ['update fp-a resolved'],
        resolved: true,
      },
    ],
    [
      'keeps the incident open when the policy does not resolve incidents',
      {
        alerts: [alert('a', { endsAt: END })],
        incident: incident(),
        stored: storedMap(stored('a')),
        policy: { resolveIncidents: false, severityOf: () => 'SEV2' },
      },
      {
        open: undefined,
        changes: {},
        timeline: [`alert_resolved ${END.toISOString()}`],
        alerts: ['update fp-a resolved'],
        resolved: false,
      },
    ],
    [
      'reopens a resolved incident when an alert fires again',
      {
        alerts: [alert('a', { startsAt: NOW })],
        incident: incident({
          status: 'resolved',
          resolvedAt: END.toISOString(),
        }),
        stored: storedMap(stored('a', { endsAt: END })),
      },
      {
        open: undefined,
        changes: { status: 'investigating', resolvedAt: null },
        timeline: [
          `alert_firing ${NOW.toISOString()}`,
          `status_change ${NOW.toISOString()}`,
        ],
        alerts: ['update fp-a firing'],
        resolved: false,
      },
    ],
    [
      'does not reopen for a late copy of the old firing notification',
      {
        alerts: [alert('a')],
        incident: incident({
          status: 'resolved',
          resolvedAt: END.toISOString(),
        }),
        stored: storedMap(stored('a', { endsAt: END })),
      },
      {
        open: undefined,
        changes: {},
        timeline: [],
        alerts: [],
        resolved: true,
      },
    ],
    [
      'links the runbook of the first alert that brings one',
      {
        alerts: [
          alert('a'),
          alert('c', { annotations: { runbook_url: RUNBOOK } }),
        ],
        incident: incident({ runbookUrl: null }),
        stored: storedMap(stored('a'), stored('c')),
      },
      {
        open: undefined,
        changes: { runbookUrl: RUNBOOK },
        timeline: [],
        alerts: [],
        resolved: false,
      },
    ],
    [
      'links no runbook but an http(s) one',
      {
        alerts: [
          alert('b', {
            annotations: { runbook_url: ['javascript', 'alert(1)'].join(':') },
          }),
        ],
        incident: incident({ runbookUrl: null }),
        stored: storedMap(stored('b')),
      },
      {
        open: undefined,
        changes: {},
        timeline: [],
        alerts: [],
        resolved: false,
      },
    ],
  ])('%s', (_name, changes, expected) => {
    expect(summary(reconcileAlertGroup(state(changes)))).toEqual(expected);
  });

  it('names Alertmanager as the author and bounds titles and messages', () => {
    const long = 'x'.repeat(5000);
    const changes = reconcileAlertGroup(
      state({
        payload: {
          ...state({}).payload,
          commonAnnotations: { summary: long, description: 'Pool exhausted' },
        },
        alerts: [alert('a', { annotations: { summary: long } })],
      }),
    )!;

    expect(changes.open).toMatchObject({
      source: 'alertmanager',
      status: 'investigating',
      summary: 'Pool exhausted',
      detectedAt: NOW,
    });
    expect(changes.open!.title).toHaveLength(255);
    expect(changes.events.map(e => [e.author, e.message.length])).toEqual([
      ['alertmanager', 'Opened from Alertmanager: '.length + 255],
      ['alertmanager', 4000],
    ]);
  });

  it('notes the runbook found for the alert and links it', () => {
    const changes = reconcileAlertGroup(
      state({
        alerts: [alert('a')],
        runbook: {
          id: 'checkout/high-error-rate',
          title: 'High error rate',
          alertname: 'HighErrorRate',
          url: '/runbooks/checkout/high-error-rate',
        },
      }),
    )!;

    expect(changes.open!.runbookUrl).toBe('/runbooks/checkout/high-error-rate');
    expect(changes.events[1]).toMatchObject({
      type: 'note',
      message: 'Runbook for HighErrorRate: High error rate',
    });
  });
});
