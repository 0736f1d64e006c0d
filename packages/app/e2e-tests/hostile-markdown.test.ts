import { test, expect, Page, Request } from '@playwright/test';
import { openPage, screenshot, signInAsGuest } from './helpers';

const CHECKOUT = '/catalog/default/component/checkout';
const POOL_RUNBOOK_ID =
  'component:default/checkout/db-connection-pool-exhaustion';

/**
 * Markdown an author could paste into a postmortem or a runbook: raw HTML
 * with scripts, event handlers, frames and `javascript:` links. Each payload
 * would set `window.__hostile` or call `alert`, or load from a foreign
 * origin, if it ran. The words around it must still render as text.
 */
function hostileMarkdown(marker: string) {
  return [
    `Visible ${marker} before the payloads.`,
    '',
    '<script>window.__hostile = "script"; alert("script")</script>',
    '',
    '[Open the dashboard](javascript:window.__hostile="link";alert("link"))',
    '',
    '<a href="javascript:alert(\'html link\')">html link</a>',
    '',
    '<img src="https://evil.example.com/pixel.png" onerror="window.__hostile=\'img\';alert(\'img\')">',
    '',
    '![image](https://evil.example.com/markdown-image.png)',
    '',
    '<svg onload="window.__hostile=\'svg\';alert(\'svg\')"><circle r="5"/></svg>',
    '',
    '<iframe src="https://evil.example.com/frame"></iframe>',
    '',
    '<iframe srcdoc="<script>parent.alert(\'srcdoc\')</script>"></iframe>',
    '',
    '<form action="https://evil.example.com/steal"><button>Submit</button></form>',
    '',
    '<div onmouseover="alert(\'hover\')" style="background:url(https://evil.example.com/bg.png)">hover me</div>',
    '',
    `Visible ${marker} after the payloads.`,
  ].join('\n');
}

/** Watches a page for dialogs and for the origins it sends requests to. */
function watch(page: Page) {
  const dialogs: string[] = [];
  const urls: string[] = [];
  page.on('dialog', dialog => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('request', (request: Request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:', 'about:'].includes(url.protocol)) {
      urls.push(request.url());
    }
  });
  return {
    dialogs,
    /** Requests to any origin but the app's and the backend's. */
    foreign: (...allowedOrigins: string[]) =>
      urls.filter(url => !allowedOrigins.includes(new URL(url).origin)),
  };
}

/** No element of a payload is live in the DOM, and no payload has run. */
async function expectInert(page: Page) {
  const live = await page.evaluate(() => {
    const found: string[] = [];
    const main = document.querySelector('main') ?? document.body;
    main
      .querySelectorAll('script, iframe, svg[onload], form, object, embed')
      .forEach(el => {
        // MUI icons are SVGs without handlers; only handlers count.
        if (el.tagName.toLowerCase() !== 'svg' || el.hasAttribute('onload')) {
          found.push(el.outerHTML.slice(0, 120));
        }
      });
    main.querySelectorAll('*').forEach(el => {
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name)) {
          found.push(`${el.tagName} ${attr.name}`);
        }
        if (
          ['href', 'src', 'action', 'xlink:href', 'formaction'].includes(
            attr.name,
          ) &&
          /^\s*javascript:/i.test(attr.value)
        ) {
          found.push(`${el.tagName} ${attr.name}=${attr.value}`);
        }
      }
    });
    return { found, ran: (window as any).__hostile ?? null };
  });
  expect(live).toEqual({ found: [], ran: null });
}

test('hostile Markdown in a postmortem renders inert', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 2400 });
  const marker = `hostile-${Date.now().toString(36)}`;
  const seen = watch(page);

  // The app's own API calls tell the backend's origin and the guest's token:
  // the postmortem is written through the API with them.
  const apiCall = page.waitForRequest(
    r => r.url().includes('/api/') && !!r.headers().authorization,
  );
  await signInAsGuest(page);
  await openPage(
    page,
    CHECKOUT,
    page.getByText('Incident history', { exact: true }),
  );
  const call = await apiCall;
  const backendOrigin = new URL(call.url()).origin;
  const authorization = call.headers().authorization;
  expect(authorization).toMatch(/^Bearer /);
  const api = async (path: string, data: object) => {
    const res = await page.request.post(
      `${backendOrigin}/api/reliability${path}`,
      { data, headers: { authorization } },
    );
    expect(res.status(), await res.text()).toBe(201);
    return res.json();
  };

  const incident = await api('/incidents', {
    entityRef: 'component:default/checkout',
    title: `Hostile Markdown check ${marker}`,
    severity: 'SEV4',
  });
  const markdown = hostileMarkdown(marker);
  const postmortem = await api('/postmortems', {
    entityRef: 'component:default/checkout',
    incidentIds: [incident.id],
    title: `Postmortem ${marker} <script>alert("title")</script>`,
    summary: markdown,
    rootCause: markdown,
    lessonsLearned: markdown,
  });

  await openPage(
    page,
    `${CHECKOUT}/incidents/postmortems/${postmortem.id}`,
    page.getByText(`Visible ${marker} after the payloads.`).first(),
  );
  // The title's markup shows as text, not as an element.
  await expect(
    page
      .getByText(`Postmortem ${marker} <script>alert("title")</script>`)
      .first(),
  ).toBeVisible();
  await expect(
    page.getByText(`Visible ${marker} before the payloads.`),
  ).toHaveCount(3);
  // Hovering the hostile div, and a moment for image errors and frames.
  await page
    .getByText('hover me')
    .first()
    .hover()
    .catch(() => {});
  await page.waitForTimeout(1_000);
  await screenshot(page, 'hostile-markdown-postmortem');

  await expectInert(page);
  expect(seen.dialogs).toEqual([]);
  expect(seen.foreign(new URL(page.url()).origin, backendOrigin)).toEqual([]);
});

test('hostile Markdown in a runbook description renders inert', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 2400 });
  const marker = `runbook-${Date.now().toString(36)}`;
  let backendOrigin = '';
  const seen = watch(page);

  // Runbooks come from files in the catalog's repositories; the demo ones are
  // well-behaved, so the runbook's API answer is given a hostile description
  // on its way to the browser: the page's renderer is what is under test.
  await page.route(
    url =>
      url.pathname.endsWith(
        `/api/reliability/runbooks/${encodeURIComponent(POOL_RUNBOOK_ID)}`,
      ),
    async route => {
      backendOrigin = new URL(route.request().url()).origin;
      const response = await route.fetch();
      const detail = await response.json();
      detail.runbook.description = hostileMarkdown(marker);
      detail.runbook.steps[0].title = `Confirm <img src=x onerror="alert('step')"> ${marker}`;
      await route.fulfill({ response, json: detail });
    },
  );

  await signInAsGuest(page);
  await openPage(
    page,
    `/reliability/runbooks/${encodeURIComponent(POOL_RUNBOOK_ID)}`,
    page.getByText(`Visible ${marker} after the payloads.`),
  );
  await expect(
    page.getByText(`Visible ${marker} before the payloads.`),
  ).toBeVisible();
  await page
    .getByText('hover me')
    .hover()
    .catch(() => {});
  await page.waitForTimeout(1_000);
  await screenshot(page, 'hostile-markdown-runbook');

  await expectInert(page);
  expect(seen.dialogs).toEqual([]);
  expect(seen.foreign(new URL(page.url()).origin, backendOrigin)).toEqual([]);
});
