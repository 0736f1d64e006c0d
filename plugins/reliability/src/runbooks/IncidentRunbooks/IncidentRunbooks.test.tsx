import { IncidentEvent } from '@reliability-hub/plugin-reliability-common';
import { screen } from '@testing-library/react';
import { IncidentRunbooks } from './IncidentRunbooks';
import {
  makeIncidentDetail,
  makeRunbookRecord,
  mockReliabilityApi,
  renderWithApis,
} from '../../__testUtils__';

function alertEvent(overrides: Partial<IncidentEvent>): IncidentEvent {
  return {
    id: 'e1',
    incidentId: 'inc-0',
    type: 'alert_firing',
    at: '2024-05-01T10:00:00.000Z',
    author: 'alertmanager',
    message: 'HighErrorRate firing: 5xx ratio 17.9 %',
    data: null,
    ...overrides,
  };
}

describe('<IncidentRunbooks />', () => {
  const api = mockReliabilityApi();

  beforeEach(() => {
    jest.resetAllMocks();
  });

  it("links the runbook that answers the incident's alert", async () => {
    api.getRunbooksForAlert.mockResolvedValue({
      alertname: 'DbPoolSaturated',
      runbooks: [
        makeRunbookRecord(),
        makeRunbookRecord({
          id: 'component:default/payments/acquirer',
          entityRef: 'component:default/payments',
          title: 'Fail over the acquirer',
        }),
      ],
    });
    const incident = makeIncidentDetail({
      source: 'alertmanager',
      runbookUrl: 'https://wiki.example.com/pool',
      timeline: [
        alertEvent({
          message: 'Pool firing',
          data: {
            labels: { alertname: 'DbPoolSaturated', service: 'checkout' },
          },
        }),
      ],
    });
    await renderWithApis(<IncidentRunbooks incident={incident} />, {
      api,
      entity: null,
    });

    expect(
      (await screen.findByText('Database connection pool exhaustion')).closest(
        'a',
      ),
    ).toHaveAttribute(
      'href',
      '/reliability/runbooks/component%3Adefault%2Fcheckout%2Fdb-pool-exhaustion',
    );
    expect(api.getRunbooksForAlert).toHaveBeenCalledWith('DbPoolSaturated', {
      entityRef: 'component:default/checkout',
    });
    expect(screen.getByText('DbPoolSaturated')).toBeInTheDocument();
    // Another entity's runbook for the same alert is left out when the
    // incident's own entity has one.
    expect(
      screen.queryByText('Fail over the acquirer'),
    ).not.toBeInTheDocument();
    // The alert's own runbook_url stays reachable.
    expect(
      screen.getByText('https://wiki.example.com/pool').closest('a'),
    ).toHaveAttribute('href', 'https://wiki.example.com/pool');
  });

  it('does not repeat the alert runbook_url when it is the same runbook page', async () => {
    api.getRunbooksForAlert.mockResolvedValue({
      alertname: 'HighErrorRate',
      runbooks: [makeRunbookRecord()],
    });
    const runbookUrl =
      'http://localhost:3000/reliability/runbooks/component%3Adefault%2Fcheckout%2Fdb-pool-exhaustion';
    await renderWithApis(
      <IncidentRunbooks
        incident={makeIncidentDetail({
          runbookUrl,
          timeline: [alertEvent({})],
        })}
      />,
      { api, entity: null },
    );

    expect(
      await screen.findByText('Database connection pool exhaustion'),
    ).toBeInTheDocument();
    expect(screen.queryByText(runbookUrl)).not.toBeInTheDocument();
  });

  it("reads the alert name from the event message, and falls back to the alert's runbook_url", async () => {
    api.getRunbooksForAlert.mockResolvedValue({
      alertname: 'HighErrorRate',
      runbooks: [],
    });
    const incident = makeIncidentDetail({
      runbookUrl: 'https://wiki.example.com/errors',
      timeline: [alertEvent({})],
    });
    await renderWithApis(<IncidentRunbooks incident={incident} />, {
      api,
      entity: null,
    });

    expect(
      await screen.findByText('https://wiki.example.com/errors'),
    ).toBeInTheDocument();
    expect(api.getRunbooksForAlert).toHaveBeenCalledWith('HighErrorRate', {
      entityRef: 'component:default/checkout',
    });
    expect(screen.queryByText(/looking for runbooks/)).not.toBeInTheDocument();
  });

  it("lists the component's runbooks for the severity on an incident declared by hand", async () => {
    const pool = makeRunbookRecord({
      id: 'rb-pool',
      title: 'Pool exhaustion',
      severity: 'SEV2',
    });
    const cert = makeRunbookRecord({
      id: 'rb-cert',
      title: 'Expired certificate',
      severity: 'SEV1',
    });
    api.getEntityRunbooks.mockResolvedValue({
      entityRef: 'component:default/checkout',
      configured: true,
      runbooks: [cert, pool],
      problems: [],
      refreshedAt: null,
    });
    await renderWithApis(
      <IncidentRunbooks incident={makeIncidentDetail({ severity: 'SEV2' })} />,
      { api, entity: null },
    );

    expect(await screen.findByText('Pool exhaustion')).toBeInTheDocument();
    expect(screen.getByText(/Runbook of this component/)).toBeInTheDocument();
    expect(screen.queryByText('Expired certificate')).not.toBeInTheDocument();
    expect(api.getEntityRunbooks).toHaveBeenCalledWith(
      'component:default/checkout',
    );
    expect(api.getRunbooksForAlert).not.toHaveBeenCalled();
  });

  it('says none is linked when the component of a hand-declared incident has no runbooks', async () => {
    api.getEntityRunbooks.mockResolvedValue({
      entityRef: 'component:default/checkout',
      configured: false,
      runbooks: [],
      problems: [],
      refreshedAt: null,
    });
    await renderWithApis(<IncidentRunbooks incident={makeIncidentDetail()} />, {
      api,
      entity: null,
    });

    expect(await screen.findByText('Runbook: none linked')).toBeInTheDocument();
    expect(api.getRunbooksForAlert).not.toHaveBeenCalled();
  });
});
