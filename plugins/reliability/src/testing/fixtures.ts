import { Entity } from '@backstage/catalog-model';
import {
  ActionItem,
  EntityReliabilitySummary,
  Incident,
  IncidentDetail,
  PostmortemDetail,
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
  } satisfies ReliabilityApi;
}
