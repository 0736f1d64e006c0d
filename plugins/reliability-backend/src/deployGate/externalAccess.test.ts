import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import request from 'supertest';
import { startReliabilityBackend } from '../tests/__testUtils__/testBackend';

jest.setTimeout(60_000);

const CI_TOKEN = 'ci-deploy-gate-token-0123456789abcdef';

describe('deploy gate for CI', () => {
  it('answers a pipeline that sends a static external-access token', async () => {
    const backend = await startReliabilityBackend({
      features: [authServiceFactory, httpAuthServiceFactory],
      backendConfig: {
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: CI_TOKEN, subject: 'deploy-pipeline' },
              accessRestrictions: [{ plugin: 'reliability' }],
            },
          ],
        },
      },
    });
    const { server } = backend;
    const gate =
      '/api/reliability/deploy-gate?entityRef=component:default/checkout&change=critical';

    const ok = await request(server)
      .get(gate)
      .set('Authorization', `Bearer ${CI_TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      entityRef: 'component:default/checkout',
      change: 'critical',
      verdict: 'allowed',
      reason: 'no SLOs: allowed, nothing to judge',
    });

    const wrong = await request(server)
      .get(gate)
      .set('Authorization', 'Bearer not-the-token-0123456789abcdef');
    expect(wrong.status).toBe(401);

    const grant = await request(server)
      .post('/api/reliability/deploy-gate/exceptions')
      .set('Authorization', `Bearer ${CI_TOKEN}`)
      .send({
        entityRef: 'component:default/checkout',
        change: 'standard',
        until: new Date(Date.now() + 60_000).toISOString(),
        reason: 'From the pipeline',
      });
    expect(grant.status).toBe(403);
    expect(grant.body.error.message).toMatch(/Only people grant exceptions/);
    await backend.stop();
  });
});
