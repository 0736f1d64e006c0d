import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import request from 'supertest';
import { parse } from 'yaml';
import {
  NON_OWNER,
  OWNER,
  startReliabilityBackend,
} from '../../tests/__testUtils__/testBackend';
import {
  paymentsEntity,
  TEST_OPENSLO,
  TEST_OPENSLO_URL,
  textResponse,
} from '../__testUtils__/sloFixtures';

jest.setTimeout(60_000);

const PAYMENTS = 'component:default/payments';

describe('GET /slos/prometheus-rules', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(hiddenFrom: Record<string, string[]> = {}) {
    const knex = await databases.init('SQLITE_3');
    const urlReader = mockServices.urlReader.mock({
      readUrl: async (url: string) => {
        if (url === TEST_OPENSLO_URL) {
          return textResponse(TEST_OPENSLO) as any;
        }
        throw new NotFoundError(`${url} does not exist`);
      },
    });
    const entity = paymentsEntity('group:default/team-payments');
    entity.metadata.annotations = {
      ...entity.metadata.annotations,
      'reliability-hub.io/alert-selector': 'service=payments, env=~"prod|eu"',
    } as any;
    const { server } = await startReliabilityBackend({
      knex,
      entities: [entity],
      features: [urlReader.factory],
      hiddenFrom,
    });
    return (query: string, who = NON_OWNER) =>
      request(server)
        .get(`/api/reliability/slos/prometheus-rules?${query}`)
        .set('Authorization', mockCredentials.user.header(who));
  }

  it('answers the rules of the Prometheus SLOs with the selector’s labels, as a file or a PrometheusRule', async () => {
    const get = await setup();
    const res = await get(`entityRef=${PAYMENTS}`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/yaml');
    const { groups } = parse(res.text);
    // Only payments-prometheus reads Prometheus; the push SLOs have no rules.
    expect(groups.map((g: any) => g.name)).toEqual([
      'component:default/payments/payments-prometheus',
    ]);
    const fast = groups[0].rules.find(
      (r: any) => r.alert === 'PaymentsErrorBudgetBurnFast',
    );
    expect(fast).toMatchObject({
      labels: {
        service: 'payments',
        slo: 'payments-prometheus',
        severity: 'page',
      },
      annotations: {
        runbook_url: '/catalog/default/component/payments/slos',
      },
    });
    // The regex matcher cannot be a label.
    expect(fast.labels.env).toBeUndefined();

    const operator = await get(
      `entityRef=${PAYMENTS}&sloName=payments-prometheus&format=operator`,
    );
    expect(parse(operator.text)).toMatchObject({
      kind: 'PrometheusRule',
      spec: {
        groups: [{ name: 'component:default/payments/payments-prometheus' }],
      },
    });
  });

  it('answers the rules of every component the caller may see, as one file or one PrometheusRule', async () => {
    const get = await setup();
    // Read payments' OpenSLO file, as the scheduled refresh would.
    expect((await get(`entityRef=${PAYMENTS}`)).status).toBe(200);
    const all = await get('');
    expect(all.status).toBe(200);
    expect(parse(all.text).groups.map((g: any) => g.name)).toEqual([
      'component:default/payments/payments-prometheus',
    ]);
    const operator = parse((await get('format=operator')).text);
    expect(operator).toMatchObject({
      kind: 'PrometheusRule',
      metadata: { name: 'reliability-hub-slos' },
      spec: {
        groups: [{ name: 'component:default/payments/payments-prometheus' }],
      },
    });
  });

  it('leaves out the rules of components the caller may not see, and answers 404 for one', async () => {
    const get = await setup({ [OWNER]: [PAYMENTS] });
    // Read payments' OpenSLO file, as the scheduled refresh would.
    expect((await get(`entityRef=${PAYMENTS}`)).status).toBe(200);
    expect((await get(`entityRef=${PAYMENTS}`, OWNER)).status).toBe(404);
    const all = await get('', OWNER);
    expect(all.status).toBe(200);
    expect(parse(all.text).groups ?? []).toEqual([]);
    expect(all.text).not.toContain('payments');
    // Someone who may see payments gets its rules in the same form.
    expect(parse((await get('')).text).groups).toHaveLength(1);
  });

  it('answers 400 naming the field, 404 for unknown entities and SLOs', async () => {
    const get = await setup();
    const orphan = await get('sloName=payments-prometheus');
    expect(orphan.status).toBe(400);
    expect(orphan.body.error.message).toMatch(/sloName: .*set entityRef/);
    const ref = await get('entityRef=not%20a%20ref');
    expect(ref.status).toBe(400);
    expect(ref.body.error.message).toMatch(/entityRef/);
    const extra = await get(`entityRef=${PAYMENTS}&slo=x`);
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toMatch(/slo/);
    const format = await get(`entityRef=${PAYMENTS}&format=sloth`);
    expect(format.status).toBe(400);
    expect(format.body.error.message).toMatch(/format/);
    expect((await get('entityRef=component:default/nope')).status).toBe(404);
    const slo = await get(`entityRef=${PAYMENTS}&sloName=nope`);
    expect(slo.status).toBe(404);
    expect(slo.body.error.message).toMatch(/nope/);
  });
});
