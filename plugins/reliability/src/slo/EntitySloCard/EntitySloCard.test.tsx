import { configure, screen, within } from '@testing-library/react';
import { EntitySloCard } from './EntitySloCard';
import {
  makeEntitySlos,
  makeHealthySloStatus,
  makeSloStatus,
  makeSummary,
  mockReliabilityApi,
  renderWithApis,
} from '../../__testUtils__';

// Charts and tables take a while in jsdom on a busy machine.
configure({ asyncUtilTimeout: 10_000 });

describe('<EntitySloCard />', () => {
  jest.setTimeout(30_000);
  const api = mockReliabilityApi();

  beforeEach(() => {
    jest.resetAllMocks();
  });

  const render = () => renderWithApis(<EntitySloCard />, { api });

  it('shows a progress bar while the summary loads', async () => {
    api.getEntitySummary.mockReturnValue(new Promise(() => {}));
    await render();

    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the summary fails', async () => {
    api.getEntitySummary.mockRejectedValue(new Error('database is down'));
    await render();

    expect(await screen.findByText(/Could not load SLOs/)).toBeInTheDocument();
    expect(screen.queryByRole('region')).not.toBeInTheDocument();
  });

  it('names the annotation to add when the entity has no OpenSLO file', async () => {
    api.getEntitySummary.mockResolvedValue({
      ...makeSummary(),
      slos: makeEntitySlos({ configured: false, slos: [] }),
    });
    await render();

    expect(
      (await screen.findAllByText(/reliability-hub\.io\/openslo/)).length,
    ).toBeGreaterThan(0);
    expect(screen.getByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(screen.queryByRole('region')).not.toBeInTheDocument();
  });

  it('says the backend does not evaluate SLOs when the summary has none', async () => {
    api.getEntitySummary.mockResolvedValue(makeSummary());
    await render();

    expect(await screen.findByText('SLOs not available')).toBeInTheDocument();
  });

  it('lists every definition problem with file, document, line and field', async () => {
    api.getEntitySummary.mockResolvedValue({
      ...makeSummary(),
      slos: makeEntitySlos({
        slos: [makeHealthySloStatus()],
        problems: [
          {
            file: 'slos/checkout.yaml',
            documentIndex: 1,
            line: 14,
            field: 'spec.objectives[0].target',
            message: 'must be below 1, got 1.5',
          },
        ],
      }),
    });
    await render();

    const problems = await screen.findByRole('list', {
      name: 'SLO definition problems',
    });
    expect(problems).toHaveTextContent(
      'slos/checkout.yaml, document 2, line 14 · spec.objectives[0].target: must be below 1, got 1.5',
    );
    expect(
      screen.getByText(/The OpenSLO definitions have a problem/),
    ).toBeInTheDocument();
    // The SLO that could be read is still there.
    expect(
      screen.getByRole('region', { name: 'SLO Checkout latency' }),
    ).toBeInTheDocument();
  });

  it('shows SLI against target, the budget bar in its tier, burn rate and alert', async () => {
    api.getEntitySummary.mockResolvedValue({
      ...makeSummary(),
      slos: makeEntitySlos(),
    });
    await render();

    const slo = await screen.findByRole('region', {
      name: 'SLO Checkout availability',
    });
    expect(within(slo).getByText('99.87 %')).toBeInTheDocument();
    expect(slo).toHaveTextContent('99.87 % / 99.9 %');
    const bar = within(slo).getByRole('progressbar', {
      name: 'Error budget left for Checkout availability',
    });
    expect(bar).toHaveAttribute('aria-valuenow', '-30');
    expect(bar).toHaveAttribute('data-tier', 'Budget exhausted');
    expect(
      within(slo).getByText('−30 % budget (overspent)'),
    ).toBeInTheDocument();
    expect(within(slo).getByText('12 min over budget')).toBeInTheDocument();
    expect(within(slo).getByText('15.2×')).toBeInTheDocument();
    expect(within(slo).getByText('Page')).toBeInTheDocument();
    expect(within(slo).getByText('Exhausted')).toBeInTheDocument();
    const tier = within(slo).getByRole('note', {
      name: 'Policy tier: Budget exhausted',
    });
    expect(tier).toHaveTextContent('Tier 6: Budget exhausted');
    expect(tier).toHaveTextContent(/open an incident/);
    // Who may grant an exception is named, by name, in the deploy verdict.
    expect(tier).not.toHaveTextContent(/approved by/);
    expect(within(slo).getByText(/^Data as of /)).toBeInTheDocument();
    expect(
      within(slo).getByRole('link', { name: 'Checkout availability' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/slos?slo=component%3Adefault%2Fcheckout%2Fcheckout-availability%2F0',
    );

    const healthy = screen.getByRole('region', {
      name: 'SLO Checkout latency',
    });
    expect(healthy).toHaveTextContent('99.80 % / 99 %');
    expect(
      within(healthy).getByRole('progressbar', { name: /Checkout latency/ }),
    ).toHaveAttribute('aria-valuenow', '80');
    expect(within(healthy).getByText('80 % budget left')).toBeInTheDocument();
    expect(within(healthy).getByText('No alert')).toBeInTheDocument();
    expect(
      within(healthy).getByText('Tier 1: Normal operations'),
    ).toBeInTheDocument();
    // The whole card comes from the one summary request.
    expect(api.getEntitySummary).toHaveBeenCalledTimes(1);
    expect(api.getEntitySlos).not.toHaveBeenCalled();
  });

  it('says when a threshold SLI counts a slice as good', async () => {
    const p95 = makeHealthySloStatus({
      id: 'component:default/checkout/checkout-latency-p95/0',
      sloName: 'checkout-latency-p95',
      displayName: 'Checkout p95 latency',
      budgetingMethod: 'Timeslices',
      timeSliceTarget: 1,
      timeSliceWindowSeconds: 300,
      threshold: { op: 'lt', value: 0.5 },
      good: 2005,
      total: 2017,
    });
    api.getEntitySummary.mockResolvedValue({
      ...makeSummary(),
      slos: makeEntitySlos({ slos: [p95] }),
    });
    await render();

    const slo = await screen.findByRole('region', {
      name: 'SLO Checkout p95 latency',
    });
    expect(slo).toHaveTextContent(
      'Threshold SLI: good when the value is < 0.5 per 5-minute slice',
    );
    expect(slo).toHaveTextContent('99.80 % / 99 %');
  });

  it('never shows figures as current when the SLI source is unavailable', async () => {
    api.getEntitySummary.mockResolvedValue({
      ...makeSummary(),
      slos: makeEntitySlos({
        slos: [
          makeSloStatus({
            state: 'source-unavailable',
            stateMessage: 'Prometheus at http://prometheus:9090 timed out',
            sli: null,
            good: null,
            total: null,
            budget: {
              totalMinutes: 40.32,
              totalEvents: null,
              consumedFraction: null,
              remainingFraction: null,
              remainingMinutes: null,
            },
            tier: null,
          }),
          makeHealthySloStatus({ state: 'pending', evaluatedAt: null }),
        ],
      }),
    });
    await render();

    const slo = await screen.findByRole('region', {
      name: 'SLO Checkout availability',
    });
    expect(within(slo).getByRole('status')).toHaveTextContent(
      'SLI source unavailable. Prometheus at http://prometheus:9090 timed out',
    );
    expect(within(slo).queryByRole('progressbar')).not.toBeInTheDocument();
    expect(within(slo).queryByText('99.87 %')).not.toBeInTheDocument();
    expect(within(slo).queryByText('Page')).not.toBeInTheDocument();
    expect(within(slo).queryByText(/^Data as of/)).not.toBeInTheDocument();
    expect(within(slo).queryByText(/Last good data/)).not.toBeInTheDocument();

    const pending = screen.getByRole('region', {
      name: 'SLO Checkout latency',
    });
    expect(within(pending).getByRole('status')).toHaveTextContent(
      'Not evaluated yet.',
    );
  });

  it('labels the last good figures of an unavailable source as such', async () => {
    api.getEntitySummary.mockResolvedValue({
      ...makeSummary(),
      slos: makeEntitySlos({
        slos: [
          makeSloStatus({
            state: 'source-unavailable',
            stateMessage: 'connection refused',
          }),
        ],
      }),
    });
    await render();

    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent(
      /Last good data, .*: SLI 99\.87 %, −30 % budget left\./,
    );
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('says when the OpenSLO file has no SLOs', async () => {
    api.getEntitySummary.mockResolvedValue({
      ...makeSummary(),
      slos: makeEntitySlos({ slos: [] }),
    });
    await render();

    expect(await screen.findByText('No SLOs defined')).toBeInTheDocument();
  });

  it('leads with the deploy verdict, its cause and the approvers linked to their pages', async () => {
    const tier = {
      name: 'Freeze non-critical deployments',
      action: 'Only bug fixes, security patches and reliability work go out.',
      minConsumed: 0.75,
      maxConsumed: 0.85,
      index: 3,
    };
    const verdict = {
      entityRef: 'component:default/checkout',
      reason: '',
      tier,
      slos: [
        {
          id: 'component:default/checkout/checkout-availability/0',
          sloName: 'checkout-availability',
          displayName: 'Checkout availability',
          consumedFraction: 0.8,
          tier,
          verdict: 'blocked' as const,
        },
      ],
      incidents: [],
      recoveryAt: null,
      recoveryBelow: 0.75,
      recoveryNote: 'not at the current burn',
      approvers: [
        {
          userRef: 'user:default/lena.hoffmann',
          displayName: 'Lena Hoffmann',
          role: 'team lead of Team Checkout',
        },
      ],
      exceptions: [],
    };
    api.getEntitySummary.mockResolvedValue({
      ...makeSummary(),
      slos: makeEntitySlos(),
      deployGate: {
        standard: { ...verdict, change: 'standard', verdict: 'blocked' },
        critical: {
          ...verdict,
          change: 'critical',
          verdict: 'allowed-with-conditions',
          approvers: [],
        },
      },
    });
    await render();

    const gate = await screen.findByRole('status', { name: 'Deploy verdict' });
    expect(gate).toHaveTextContent(
      'Feature deploys blocked: Checkout availability has used 80 % of its budget (Freeze non-critical deployments).',
    );
    expect(gate).toHaveTextContent(
      'Bug fixes and security patches may go out with conditions.',
    );
    expect(gate).toHaveTextContent(
      'Budget not back below 75 %: not at the current burn.',
    );
    expect(
      within(gate).getByRole('link', { name: 'Lena Hoffmann' }),
    ).toHaveAttribute('href', '/catalog/default/user/lena.hoffmann');
    expect(gate).toHaveTextContent('(team lead of Team Checkout)');
    expect(gate).not.toHaveTextContent('user:default');
  });

  it('shows no verdict where the summary carries none', async () => {
    api.getEntitySummary.mockResolvedValue({
      ...makeSummary(),
      slos: makeEntitySlos(),
    });
    await render();

    await screen.findByRole('region', { name: 'SLO Checkout availability' });
    expect(
      screen.queryByRole('status', { name: 'Deploy verdict' }),
    ).not.toBeInTheDocument();
  });
});
