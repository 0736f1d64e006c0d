import { mockCredentials } from '@backstage/backend-test-utils';
import {
  CHECKOUT,
  CHECKOUT_OWNER,
  LEDGER,
  LEDGER_OWNER,
  MALLORY,
  startPortalHidingLedger,
} from './__testUtils__/portalHidingLedger';

jest.setTimeout(180_000);

type Portal = Awaited<ReturnType<typeof startPortalHidingLedger>>;

/**
 * What an AI assistant gets from the portal's MCP server when it calls a
 * tool as `who`: the action's output, or the error it reported.
 */
async function callTool(
  portal: Portal,
  who: string,
  name: string,
  args: object,
): Promise<{ output?: any; error?: string }> {
  const response = await fetch(`${portal.baseUrl}/api/mcp-actions/v1`, {
    method: 'POST',
    headers: {
      Authorization: mockCredentials.user.header(who),
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: `reliability.${name}`, arguments: args },
    }),
  });
  const text = await response.text();
  const data = text.split('\n').find(line => line.startsWith('data: '));
  const { result, error } = JSON.parse(
    data ? data.slice('data: '.length) : text,
  );
  if (error) {
    return { error: error.message };
  }
  return result.isError
    ? { error: result.content.map((c: any) => c.text).join('\n') }
    : { output: result.structuredContent };
}

describe('the actions for AI assistants in a portal whose policy hides ledger', () => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortalHidingLedger();
    const done = async (who: string, path: string, body?: unknown) => {
      const res = await portal.api(who, 'POST', path, body);
      if (res.status >= 300) {
        throw new Error(`${path} as ${who}: ${res.status} ${res.text}`);
      }
    };
    for (const [entityRef, owner] of [
      [CHECKOUT, CHECKOUT_OWNER],
      [LEDGER, LEDGER_OWNER],
    ]) {
      await done(owner, `/runbooks/refresh?entityRef=${entityRef}`);
      await done(owner, `/slos/refresh?entityRef=${entityRef}`);
    }
    await done(LEDGER_OWNER, '/incidents', {
      entityRef: LEDGER,
      title: 'Journal lag',
      severity: 'SEV2',
    });
  });

  afterAll(async () => {
    await portal?.stop();
  });

  it('answers about ledger only to those who may see it in the catalog', async () => {
    for (const [name, args] of [
      ['get-slo-status', { entityRef: 'ledger' }],
      ['list-open-incidents', { entityRef: 'ledger' }],
      ['who-is-on-call', { entityRef: 'ledger' }],
    ] as const) {
      expect([name, await callTool(portal, MALLORY, name, args)]).toEqual([
        name,
        {
          error: expect.stringContaining(`No entity ${LEDGER} in the catalog`),
        },
      ]);
      expect([
        name,
        (await callTool(portal, LEDGER_OWNER, name, args)).output,
      ]).toEqual([name, expect.objectContaining({ entityRef: LEDGER })]);
    }

    const slos = await callTool(portal, LEDGER_OWNER, 'get-slo-status', {
      entityRef: 'ledger',
    });
    expect(slos.output.slos.map((s: any) => s.displayName)).toEqual([
      'Ledger correctness',
    ]);

    // The payments system has both; mallory sees checkout's incidents only.
    const open = async (who: string) =>
      (
        await callTool(portal, who, 'list-open-incidents', {
          entityRef: 'system:default/payments',
        })
      ).output.incidents.map((i: any) => i.entityRef);
    expect(await open(LEDGER_OWNER)).toEqual([LEDGER]);
    expect(await open(MALLORY)).toEqual([]);

    const runbooks = async (who: string, args: object) =>
      (await callTool(portal, who, 'find-runbooks', args)).output.runbooks.map(
        (r: any) => r.title,
      );
    expect(await runbooks(MALLORY, { alertname: 'LedgerJournalLag' })).toEqual(
      [],
    );
    expect(
      await runbooks(LEDGER_OWNER, { alertname: 'LedgerJournalLag' }),
    ).toEqual(['Ledger journal lag']);
    expect(await runbooks(MALLORY, { query: 'payments' })).toEqual([
      'Database pool exhaustion',
    ]);
  });

  it('refuses a declaration on ledger without naming it to someone who may not see it', async () => {
    const refused = await callTool(portal, MALLORY, 'declare-incident', {
      entityRef: 'ledger',
      title: 'Probing',
      severity: 'SEV3',
    });
    expect(refused.error).toContain(
      `${MALLORY} may not create incident records of this entity`,
    );
    expect(refused.error).not.toContain('ledger');

    const declared = await callTool(
      portal,
      CHECKOUT_OWNER,
      'declare-incident',
      {
        entityRef: 'checkout',
        title: 'Card payments fail',
        severity: 'SEV2',
      },
    );
    expect(declared.output).toMatchObject({
      entityRef: CHECKOUT,
      status: 'investigating',
    });
    const listed = await portal.api(
      MALLORY,
      'GET',
      `/incidents?entityRef=${CHECKOUT}`,
    );
    expect(listed.json.items.map((i: any) => i.id)).toEqual([
      declared.output.id,
    ]);
  });
});
