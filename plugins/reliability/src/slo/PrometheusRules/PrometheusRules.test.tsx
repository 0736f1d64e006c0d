import { configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PrometheusRules } from './PrometheusRules';
import {
  makeSloStatus,
  mockReliabilityApi,
  renderWithApis,
} from '../../__testUtils__';

configure({ asyncUtilTimeout: 10_000 });

describe('<PrometheusRules />', () => {
  jest.setTimeout(30_000);
  const api = mockReliabilityApi();
  const slo = makeSloStatus({ sourceType: 'Prometheus' });

  beforeEach(() => {
    jest.resetAllMocks();
    (URL as any).createObjectURL = jest.fn(() => 'blob:rules');
    (URL as any).revokeObjectURL = jest.fn();
    api.getSloPrometheusRules.mockImplementation(async (_ref, options) =>
      options?.format === 'operator'
        ? 'kind: PrometheusRule\n'
        : 'groups:\n  - name: checkout\n',
    );
  });

  it('shows the rule file to copy and download, and the PrometheusRule on request', async () => {
    const { container } = await renderWithApis(<PrometheusRules slo={slo} />, {
      api,
    });

    // The snippet is highlighted in pieces: its text as a whole.
    await waitFor(() =>
      expect(container).toHaveTextContent('groups: - name: checkout'),
    );
    expect(api.getSloPrometheusRules).toHaveBeenCalledWith(slo.entityRef, {
      sloName: slo.sloName,
      format: 'prometheus',
    });
    const download = await screen.findByRole('link', {
      name: `Download ${slo.sloName}.rules.yaml`,
    });
    expect(download).toHaveAttribute('href', 'blob:rules');
    expect(download).toHaveAttribute('download', `${slo.sloName}.rules.yaml`);

    await userEvent.click(
      screen.getByRole('button', { name: 'PrometheusRule' }),
    );
    await waitFor(() =>
      expect(container).toHaveTextContent('kind: PrometheusRule'),
    );
    await waitFor(() =>
      expect(
        screen.getByRole('link', {
          name: `Download ${slo.sloName}.prometheusrule.yaml`,
        }),
      ).toBeInTheDocument(),
    );
  });

  it("offers the rules of all the component's SLOs, named after it", async () => {
    await renderWithApis(<PrometheusRules slo={slo} />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: "All of checkout's SLOs" }),
    );
    await waitFor(() =>
      expect(api.getSloPrometheusRules).toHaveBeenLastCalledWith(
        slo.entityRef,
        { format: 'prometheus' },
      ),
    );
    expect(
      await screen.findByRole('link', { name: 'Download checkout.rules.yaml' }),
    ).toHaveAttribute('download', 'checkout.rules.yaml');
  });

  it('says when the rules cannot be loaded', async () => {
    api.getSloPrometheusRules.mockRejectedValue(new Error('backend is down'));
    await renderWithApis(<PrometheusRules slo={slo} />, { api });
    expect(
      await screen.findByText('Could not load the rules: backend is down'),
    ).toBeInTheDocument();
  });
});
