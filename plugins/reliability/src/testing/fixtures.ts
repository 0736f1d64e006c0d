import { Entity } from '@backstage/catalog-model';
import {
  ActionItem,
  EntityReliabilitySummary,
  Incident,
  IncidentDetail,
  PostmortemDetail,
  DEFAULT_ERROR_BUDGET_POLICY,
  EntitySlos,
  SloHistory,
  SloHistoryPoint,
  SloStatus,
  EntityRunbooks,
  Runbook,
  RunbookDetail,
  RunbookRecord,
} from '@reliability-hub/plugin-reliability-common';
import { ReliabilityApi } from '../api';

/** An incident for tests: an open SEV3 of checkout, with the given changes. */
export function makeIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'inc-0',
    title: 'Some incident',
    entityRef: 'component:default/checkout',
    severity: 'SEV3',
    status: 'investigating',
    summary: null,
    commander: null,
    communications: null,
    scribe: null,
    source: 'portal',
    externalId: null,
    runbookUrl: null,
    startedAt: '2024-05-01T10:00:00.000Z',
    detectedAt: null,
    acknowledgedAt: null,
    mitigatedAt: null,
    resolvedAt: null,
    createdAt: '2024-05-01T10:00:00.000Z',
    updatedAt: '2024-05-01T10:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

/** An incident with an empty timeline and no postmortems, with the given changes. */
export function makeIncidentDetail(
  overrides: Partial<IncidentDetail> = {},
): IncidentDetail {
  return {
    ...makeIncident(),
    timeline: [],
    postmortems: [],
    ...overrides,
  };
}

/** An open P2 action item of checkout, due 2024-06-01, with the given changes. */
export function makeActionItem(
  overrides: Partial<ActionItem> = {},
): ActionItem {
  return {
    id: 'ai-0',
    postmortemId: 'pm-0',
    entityRef: 'component:default/checkout',
    title: 'Some action item',
    description: '',
    type: 'prevent',
    priority: 'P2',
    owner: 'group:default/team-checkout',
    dueDate: '2024-06-01',
    status: 'open',
    completedAt: null,
    ticketUrl: null,
    overdue: false,
    createdAt: '2024-05-02T10:00:00.000Z',
    updatedAt: '2024-05-02T10:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

/** A draft postmortem of checkout for incident inc-0, with the given changes. */
export function makePostmortem(
  overrides: Partial<PostmortemDetail> = {},
): PostmortemDetail {
  return {
    id: 'pm-0',
    entityRef: 'component:default/checkout',
    title: 'Postmortem: Some incident',
    status: 'draft',
    summary: '',
    impact: '',
    timeline: '',
    rootCause: '',
    contributingFactors: '',
    wentWell: '',
    toImprove: '',
    lessonsLearned: '',
    impactUsersAffected: null,
    impactDurationMinutes: null,
    impactErrorBudget: null,
    author: 'user:default/lena.hoffmann',
    reviewers: [],
    incidentIds: ['inc-0'],
    publishedAt: null,
    createdAt: '2024-05-02T10:00:00.000Z',
    updatedAt: '2024-05-02T10:00:00.000Z',
    version: 1,
    incidents: [
      {
        id: 'inc-0',
        title: 'Some incident',
        severity: 'SEV3',
        startedAt: '2024-05-01T10:00:00.000Z',
      },
    ],
    actionItems: [],
    ...overrides,
  };
}

/** The summary of a component without incidents or action items. */
export function makeSummary(
  overrides: {
    incidents?: Partial<EntityReliabilitySummary['incidents']>;
    actionItems?: Partial<EntityReliabilitySummary['actionItems']>;
  } = {},
): EntityReliabilitySummary {
  return {
    entityRef: 'component:default/checkout',
    incidents: {
      openCount: 0,
      last30Days: [],
      last90Days: [],
      mttaSeconds: null,
      mttrSeconds: null,
      repeatCount: 0,
      recent: [],
      ...overrides.incidents,
    },
    actionItems: {
      openCount: 0,
      overdueCount: 0,
      completionRate: null,
      items: [],
      ...overrides.actionItems,
    },
  };
}

/**
 * checkout's availability SLO (99.9 % over 28 days) evaluated at
 * 2026-11-22 12:00 UTC: 99.87 % good, 130 % of the budget spent, so in the
 * "Budget exhausted" tier and paging; with the given changes.
 */
export function makeSloStatus(overrides: Partial<SloStatus> = {}): SloStatus {
  return {
    id: 'component:default/checkout/checkout-availability/0',
    entityRef: 'component:default/checkout',
    sloName: 'checkout-availability',
    displayName: 'Checkout availability',
    description: 'Checkout requests that succeed',
    owner: 'group:default/team-checkout',
    system: 'system:default/shop',
    target: 0.999,
    budgetingMethod: 'Occurrences',
    timeWindow: { duration: '28d', rolling: true },
    sourceType: 'push',
    definition: { file: 'examples/slos/checkout.yaml', documentIndex: 0 },
    state: 'ok',
    evaluatedAt: '2026-11-22T12:00:00.000Z',
    window: {
      start: '2026-10-25T12:00:00.000Z',
      end: '2026-11-22T12:00:00.000Z',
    },
    good: 998700,
    total: 1000000,
    sli: 0.9987,
    budget: {
      totalMinutes: 40.32,
      totalEvents: 1000,
      consumedFraction: 1.3,
      remainingFraction: -0.3,
      remainingMinutes: -12.1,
    },
    burnRates: {
      '5m': 16,
      '30m': 8,
      '1h': 15.2,
      '2h': 9,
      '6h': 4,
      '1d': 2.5,
      '3d': 1.4,
    },
    alert: {
      state: 'page',
      rule: {
        name: 'page-1h',
        severity: 'page',
        longWindow: '1h',
        shortWindow: '5m',
        factor: 13.44,
      },
    },
    forecast: {
      exhaustionAt: null,
      remainingIn24h: null,
      remainingIn7d: null,
    },
    tier: { ...DEFAULT_ERROR_BUDGET_POLICY[5], index: 5 },
    ...overrides,
  };
}

/** An SLO with 80 % of its budget left, in "Normal operations", not alerting. */
export function makeHealthySloStatus(
  overrides: Partial<SloStatus> = {},
): SloStatus {
  return makeSloStatus({
    id: 'component:default/checkout/checkout-latency/0',
    sloName: 'checkout-latency',
    displayName: 'Checkout latency',
    description: 'Checkout requests answered within 300 ms',
    target: 0.99,
    good: 998000,
    total: 1000000,
    sli: 0.998,
    budget: {
      totalMinutes: 403.2,
      totalEvents: 10000,
      consumedFraction: 0.2,
      remainingFraction: 0.8,
      remainingMinutes: 322.56,
    },
    burnRates: { '5m': 0.1, '30m': 0.2, '1h': 0.2, '6h': 0.25, '1d': 0.2 },
    alert: { state: 'ok', rule: null },
    forecast: {
      exhaustionAt: '2027-01-10T12:00:00.000Z',
      remainingIn24h: 0.79,
      remainingIn7d: 0.76,
    },
    tier: { ...DEFAULT_ERROR_BUDGET_POLICY[0], index: 0 },
    ...overrides,
  });
}

/** checkout's SLOs as the summary embeds them, with the given changes. */
export function makeEntitySlos(
  overrides: Partial<EntitySlos> = {},
): EntitySlos {
  return {
    entityRef: 'component:default/checkout',
    configured: true,
    slos: [makeSloStatus(), makeHealthySloStatus()],
    problems: [],
    definitionsReadAt: '2026-11-22T11:55:00.000Z',
    ...overrides,
  };
}

/**
 * A history of `days` daily points ending at the SLO's evaluation, the budget
 * falling steadily from full and the burn rate rising.
 */
export function makeSloHistory(
  slo: SloStatus = makeSloStatus(),
  days = 28,
): SloHistory {
  const end = Date.parse(slo.evaluatedAt ?? '2026-11-22T12:00:00.000Z');
  const points: SloHistoryPoint[] = [];
  for (let i = 0; i <= days; i++) {
    points.push({
      at: new Date(end - (days - i) * 86_400_000).toISOString(),
      sli: 0.9995 - i * 0.00003,
      remainingFraction: 1 - (1.3 * i) / days,
      burnRate1h: 0.5 + i * 0.5,
      burnRate6h: 0.4 + i * 0.3,
      state: 'ok',
    });
  }
  return {
    slo,
    definitionYaml: [
      'apiVersion: openslo/v1',
      'kind: SLO',
      'metadata:',
      `  name: ${slo.sloName}`,
      'spec:',
      '  objectives:',
      `    - target: ${slo.target}`,
    ].join('\n'),
    points,
  };
}

/**
 * A structured SEV2 runbook of checkout, reviewed 2026-10-01 every 90 days
 * (not stale), answering HighErrorRate; with the given changes.
 */
export function makeRunbookRecord(
  overrides: Partial<RunbookRecord> = {},
): RunbookRecord {
  return {
    id: 'component:default/checkout/db-pool-exhaustion',
    kind: 'structured',
    entityRef: 'component:default/checkout',
    title: 'Database connection pool exhaustion',
    description: 'Checkout answers 503 because no database connection is free.',
    severity: 'SEV2',
    alerts: ['HighErrorRate', 'DbPoolSaturated'],
    tags: ['database', 'postgres'],
    owner: 'group:default/team-checkout',
    system: 'system:default/shop',
    lastReviewed: '2026-10-01',
    reviewIntervalDays: 90,
    reviewDue: '2026-12-30',
    stale: false,
    sourceLocation: 'examples/components/checkout/runbooks.yaml',
    indexedAt: '2026-11-22T12:00:00.000Z',
    ...overrides,
  };
}

/** A link-only runbook of checkout from its `metadata.links`. */
export function makeRunbookLink(
  overrides: Partial<RunbookRecord> = {},
): RunbookRecord {
  return makeRunbookRecord({
    id: 'component:default/checkout/link/0',
    kind: 'link',
    title: 'Checkout on-call handbook',
    description: undefined,
    url: 'https://wiki.example.com/checkout/handbook',
    severity: undefined,
    alerts: [],
    tags: [],
    lastReviewed: undefined,
    reviewIntervalDays: undefined,
    reviewDue: undefined,
    sourceLocation: 'https://wiki.example.com/checkout/handbook',
    ...overrides,
  });
}

/**
 * The parsed runbook behind {@link makeRunbookRecord}: three steps with
 * commands, a decision that jumps to step 3, verification and escalation.
 */
export function makeRunbook(overrides: Partial<Runbook> = {}): Runbook {
  return {
    id: 'db-pool-exhaustion',
    title: 'Database connection pool exhaustion',
    description:
      'Checkout answers **503** because no database connection is free.',
    entityRef: 'component:default/checkout',
    severity: 'SEV2',
    alerts: ['HighErrorRate', 'DbPoolSaturated'],
    tags: ['database', 'postgres'],
    owner: 'group:default/team-checkout',
    lastReviewed: '2026-10-01',
    reviewIntervalDays: 90,
    prerequisites: ['kubectl access to the shop cluster', 'psql read role'],
    steps: [
      {
        id: '1',
        title: 'Confirm the pool is exhausted',
        description: 'Look at connections in use.',
        commands: [
          {
            run: 'kubectl -n shop logs deploy/checkout | grep "pool exhausted"',
            description: 'Pool errors in the last minutes',
          },
          { run: "psql -c 'select count(*) from pg_stat_activity'" },
        ],
        expected: 'About 50 connections in use, requests waiting.',
        decisions: [
          {
            condition: 'fewer than 40 connections are in use',
            action: 'the pool is not the cause; look at the error logs',
            next: '3',
          },
        ],
      },
      {
        id: '2',
        title: 'Turn off fraud scoring',
        commands: [
          { run: 'kubectl -n shop set env deploy/checkout FRAUD_SCORING=off' },
        ],
        expected: 'Connections in use drop below 30 within 2 minutes.',
        decisions: [],
      },
      {
        id: '3',
        title: 'Restart checkout',
        commands: [{ run: 'kubectl -n shop rollout restart deploy/checkout' }],
        decisions: [],
      },
    ],
    verification: ['5xx ratio below 0.1 % for 10 minutes'],
    escalation: [
      {
        level: 1,
        who: 'Checkout on-call',
        contact: '#checkout-oncall',
        after: '15 minutes without mitigation',
      },
      { level: 2, who: 'Database team', contact: 'dba@example.com' },
    ],
    source: {
      file: 'examples/components/checkout/runbooks.yaml',
      documentIndex: 0,
      line: 1,
    },
    ...overrides,
  };
}

/** {@link makeRunbookRecord} with {@link makeRunbook} as its content. */
export function makeRunbookDetail(
  overrides: Partial<RunbookDetail> = {},
): RunbookDetail {
  return { ...makeRunbookRecord(), runbook: makeRunbook(), ...overrides };
}

/** checkout's runbooks: the structured one and a link; no problems. */
export function makeEntityRunbooks(
  overrides: Partial<EntityRunbooks> = {},
): EntityRunbooks {
  return {
    entityRef: 'component:default/checkout',
    configured: true,
    runbooks: [makeRunbookRecord(), makeRunbookLink()],
    problems: [],
    refreshedAt: '2026-11-22T12:00:00.000Z',
    ...overrides,
  };
}

/** The checkout Component, with the given annotations. */
export function makeEntity(
  annotations: Record<string, string> = {},
  name = 'checkout',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-checkout' },
  };
}

/** A failed API call as `ResponseError.fromResponse` makes it. */
export function responseError(statusCode: number, message: string) {
  return Object.assign(new Error(`Request failed with ${statusCode}`), {
    name: 'ResponseError',
    statusCode,
    body: { error: { name: 'Error', message } },
  });
}

/** A {@link ReliabilityApi} whose every method is a jest mock. */
export function mockReliabilityApi() {
  const mock = <K extends keyof ReliabilityApi>() =>
    jest.fn<ReturnType<ReliabilityApi[K]>, Parameters<ReliabilityApi[K]>>();
  return {
    getEntitySummary: mock<'getEntitySummary'>(),
    listIncidents: mock<'listIncidents'>(),
    getSeverityLevels: mock<'getSeverityLevels'>(),
    getIncident: mock<'getIncident'>(),
    createIncident: mock<'createIncident'>(),
    updateIncident: mock<'updateIncident'>(),
    addIncidentNote: mock<'addIncidentNote'>(),
    listPostmortems: mock<'listPostmortems'>(),
    getPostmortem: mock<'getPostmortem'>(),
    createPostmortem: mock<'createPostmortem'>(),
    updatePostmortem: mock<'updatePostmortem'>(),
    listActionItems: mock<'listActionItems'>(),
    createActionItem: mock<'createActionItem'>(),
    updateActionItem: mock<'updateActionItem'>(),
    getOnCall: mock<'getOnCall'>(),
    listSchedules: mock<'listSchedules'>(),
    getSchedule: mock<'getSchedule'>(),
    addScheduleOverride: mock<'addScheduleOverride'>(),
    removeScheduleOverride: mock<'removeScheduleOverride'>(),
    createScheduleFeedToken: mock<'createScheduleFeedToken'>(),
    getEntitySlos: mock<'getEntitySlos'>(),
    getSloHistory: mock<'getSloHistory'>(),
    getSloOverview: mock<'getSloOverview'>(),
    refreshSlos: mock<'refreshSlos'>(),
    getEntityRunbooks: mock<'getEntityRunbooks'>(),
    searchRunbooks: mock<'searchRunbooks'>(),
    getRunbook: mock<'getRunbook'>(),
    getRunbooksForAlert: mock<'getRunbooksForAlert'>(),
    refreshRunbooks: mock<'refreshRunbooks'>(),
  } satisfies ReliabilityApi;
}
