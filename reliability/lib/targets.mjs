// Finds the records the load writes to, through the API (demo data of the portal).
import { call, signIn } from './client.mjs';

export const CHECKOUT = 'component:default/checkout';

/** Incidents, postmortems and schedules of checkout that the guest (an owner) may change. */
export async function findTargets(api, token) {
  const incidents = await call(
    api,
    token,
    'GET',
    `/incidents?entityRef=${encodeURIComponent(CHECKOUT)}&limit=20`,
  );
  const postmortems = await call(api, token, 'GET', `/postmortems?limit=50`);
  const schedules = await call(api, token, 'GET', `/schedules`);
  for (const [name, r] of Object.entries({
    incidents,
    postmortems,
    schedules,
  })) {
    if (r.status !== 200)
      throw new Error(
        `GET ${name} answered ${r.status}: ${JSON.stringify(r.body).slice(
          0,
          300,
        )}`,
      );
  }
  const targets = {
    incidentIds: incidents.body.items.map(i => i.id),
    postmortemIds: postmortems.body.items
      .filter(p => p.entityRef === CHECKOUT)
      .map(p => p.id),
    scheduleIds: schedules.body
      .filter(s => s.ownerRef === 'group:default/team-checkout')
      .map(s => s.id),
  };
  for (const [name, ids] of Object.entries(targets)) {
    if (ids.length === 0)
      throw new Error(
        `no ${name} of checkout found: is the demo data enabled?`,
      );
  }
  return targets;
}

/**
 * Waits until the catalog has ingested the demo organisation, so that the guest may change
 * records of checkout (a fresh database starts empty), and answers a token issued after that.
 */
export async function waitUntilOwner(baseUrl, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const token = await signIn(baseUrl);
    const res = await fetch(`${baseUrl}/api/permission/authorize`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        items: [
          {
            id: 'owner-check',
            permission: {
              type: 'resource',
              name: 'reliability.incident.update',
              attributes: { action: 'update' },
              resourceType: 'reliability-entity',
            },
            resourceRef: CHECKOUT,
          },
        ],
      }),
    }).catch(() => undefined);
    const body = res?.ok ? await res.json() : undefined;
    if (body?.items?.[0]?.result === 'ALLOW') return token;
    if (Date.now() > deadline)
      throw new Error(
        'the guest never became an owner of checkout: catalog not ingested?',
      );
    await new Promise(r => setTimeout(r, 1000));
  }
}
