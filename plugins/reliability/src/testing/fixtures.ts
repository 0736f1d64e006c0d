import { Incident } from '@reliability-hub/plugin-reliability-common';
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

/** A {@link ReliabilityApi} whose every method is a jest mock. */
export function mockReliabilityApi() {
  return {
    getEntitySummary: jest.fn<
      ReturnType<ReliabilityApi['getEntitySummary']>,
      Parameters<ReliabilityApi['getEntitySummary']>
    >(),
    listIncidents: jest.fn<
      ReturnType<ReliabilityApi['listIncidents']>,
      Parameters<ReliabilityApi['listIncidents']>
    >(),
  } satisfies ReliabilityApi;
}
