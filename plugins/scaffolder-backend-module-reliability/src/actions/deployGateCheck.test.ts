import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DeployVerdict } from '@reliability-hub/plugin-reliability-common';
import { createDeployGateCheckAction } from './deployGateCheck';

const CHECKOUT = 'component:default/checkout';

const verdict = (overrides: Partial<DeployVerdict>): DeployVerdict => ({
  entityRef: CHECKOUT,
  change: 'standard',
  verdict: 'allowed',
  reason: 'no SLOs: allowed, nothing to judge',
  tier: null,
  slos: [],
  incidents: [],
  recoveryAt: null,
  recoveryBelow: null,
  approvers: [],
  exceptions: [],
  ...overrides,
});

const FREEZE = {
  name: 'Freeze non-critical deployments',
  action: 'Only bug fixes, security patches and reliability work go out.',
  minConsumed: 0.75,
  maxConsumed: 0.85,
  index: 3,
};

describe('reliability:deploy-gate:check', () => {
  const fetchMock = jest.spyOn(global, 'fetch');
  afterEach(() => fetchMock.mockReset());
  afterAll(() => fetchMock.mockRestore());

  const action = createDeployGateCheckAction({
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
  });

  // Whoever runs the template: the gate answers with what they may see.
  const context = (input: Record<string, string>) => ({
    ...createMockActionContext({ input: input as any }),
    getInitiatorCredentials: async () =>
      mockCredentials.user('user:default/lena.hoffmann'),
  });

  const answer = (status: number, body: unknown) =>
    fetchMock.mockResolvedValueOnce(
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      }),
    );

  it('asks the gate on behalf of whoever runs the template and outputs an allowed verdict', async () => {
    answer(
      200,
      verdict({
        change: 'critical',
        verdict: 'allowed-with-conditions',
        reason:
          'Bug fixes, security patches and reliability work allowed with conditions: checkout-availability has used 80 % of its error budget',
        tier: FREEZE,
        recoveryAt: '2026-12-12T09:00:00.000Z',
        approvers: [
          {
            userRef: 'user:default/lena.hoffmann',
            displayName: 'Lena Hoffmann',
            role: 'team lead of Team Checkout',
          },
        ],
      }),
    );
    const ctx = context({ entityRef: CHECKOUT, change: 'critical' });
    await action.handler(ctx);

    const [url, init] = fetchMock.mock.calls[0];
    expect(String(url)).toBe(
      'http://localhost:0/api/reliability/deploy-gate?entityRef=component%3Adefault%2Fcheckout&change=critical',
    );
    const authorization = new Headers(init?.headers).get('Authorization');
    expect(authorization).toMatch(/^Bearer /);
    expect(authorization).toContain('user:default/lena.hoffmann');
    expect(ctx.output).toHaveBeenCalledWith(
      'verdict',
      'allowed-with-conditions',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'tier',
      'Freeze non-critical deployments',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'recoveryAt',
      '2026-12-12T09:00:00.000Z',
    );
    expect(ctx.output).toHaveBeenCalledWith('approvers', ['Lena Hoffmann']);
  });

  it('fails the step with the reason when the deploy is blocked', async () => {
    const reason =
      'Feature deploys blocked: checkout-availability has used 80 % of its error budget (Freeze non-critical deployments).';
    answer(200, verdict({ verdict: 'blocked', reason, tier: FREEZE }));
    const ctx = context({ entityRef: CHECKOUT });
    await expect(action.handler(ctx)).rejects.toThrow(
      `Deploy of ${CHECKOUT} blocked: ${reason}`,
    );
    expect(String(fetchMock.mock.calls[0][0])).toContain('change=standard');
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it("fails with the gate's error for an unknown entity", async () => {
    answer(404, {
      error: {
        name: 'NotFoundError',
        message: 'No entity component:default/nope in the catalog',
      },
      request: { method: 'GET', url: '/deploy-gate' },
      response: { statusCode: 404 },
    });
    await expect(
      action.handler(context({ entityRef: 'component:default/nope' })),
    ).rejects.toThrow(/No entity component:default\/nope in the catalog/);
  });
});
