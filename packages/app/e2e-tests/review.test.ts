import { readFile } from 'node:fs/promises';
import { test, expect } from '@playwright/test';
import { cardAround, openPage, screenshot, signInAsGuest } from './helpers';

test("team-checkout's group page shows its reliability card with data, and its Reliability tab the components", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 1400 });
  await signInAsGuest(page);
  await openPage(
    page,
    '/catalog/default/group/team-checkout',
    page.getByText('Least error budget left'),
  );
  const card = cardAround(page.getByText('Least error budget left'));
  await expect(card.getByText('2 components you can see')).toBeVisible();
  // The demo SLOs of checkout, worst first, and who is on call now.
  await expect(
    card.getByRole('link', { name: /Checkout latency/ }),
  ).toBeVisible();
  await expect(card.getByText('checkout-primary')).toBeVisible();
  await expect(card.getByText('Postmortems due')).toBeVisible();
  await screenshot(page, 'group-reliability-card');

  await card.getByText('Per component and review').click();
  await expect(page).toHaveURL(/\/group\/team-checkout\/reliability$/);
  const components = page.getByRole('table').first();
  await expect(components.getByRole('link', { name: /Cart/ })).toBeVisible();
  await expect(
    components.getByRole('link', { name: /Checkout/ }).first(),
  ).toBeVisible();
  await expect(page.getByText(/2 components you can see$/)).toBeVisible();
  await expect(
    components.getByRole('columnheader', { name: 'Open incidents' }),
  ).toBeVisible();
  await screenshot(page, 'group-reliability-tab');
});

test("the organisation's monthly review renders with charts, and its Markdown export downloads", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 1800 });
  await signInAsGuest(page);
  await openPage(
    page,
    '/reliability/review',
    page.getByRole('heading', { name: 'Reliability review' }),
  );
  await expect(
    page.getByRole('button', { name: 'Period', exact: true }),
  ).toHaveText(/Month/);
  for (const chart of [
    'Incidents over the period',
    'Error budget consumed over the period',
    'Response times beside the previous period',
  ]) {
    const figure = page.getByLabel(chart);
    await expect(figure).toBeVisible();
    // Drawn, not just placed: recharts renders an SVG with content.
    await expect(figure.locator('svg path').first()).toBeAttached();
  }
  const mttr = page
    .getByRole('row')
    .filter({ hasText: 'MTTR (mean time to resolve)' });
  await expect(mttr).toHaveCount(1);
  await screenshot(page, 'organisation-review');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export Markdown' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^reliability-review-the-organisation-\d{4}-\d{2}-01\.md$/,
  );
  const markdown = await readFile((await download.path())!, 'utf8');
  expect(markdown).toMatch(/^# Reliability review: the organisation, /);
  expect(markdown).toContain('## Incidents');
  expect(markdown).toMatch(/\| MTTR \(mean time to resolve\) \| /);
});

test("the guest's My reliability tab shows their shifts, their teams' action items and SLOs", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 1200 });
  await signInAsGuest(page);
  await openPage(
    page,
    '/catalog/default/user/lena.hoffmann/reliability',
    page.getByText("SLOs of my teams' components"),
  );
  // Lena Hoffmann is on the checkout rotations of the demo schedules.
  const shifts = cardAround(page.getByText('in the next 14 days').first());
  await expect(
    shifts.getByText(/checkout-(primary|secondary)/).first(),
  ).toBeVisible();
  await expect(
    page.getByText(/^Open action items of mine and my teams/),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Checkout latency' }),
  ).toBeVisible();
  await screenshot(page, 'my-reliability');
});

test("the home page's cards show the signed-in person's shifts and action items", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await signInAsGuest(page);
  await openPage(page, '/home', page.getByText('My on-call shifts'));
  // The guest signs in as Lena Hoffmann, on the checkout rotations.
  const shifts = cardAround(page.getByText('My on-call shifts'));
  await expect(
    shifts.getByText(/checkout-(primary|secondary)/).first(),
  ).toBeVisible();
  const items = cardAround(page.getByText('My action items'));
  await expect(
    items
      .getByRole('list', { name: 'My action items' })
      .or(items.getByText(/No open action items for you or your teams/)),
  ).toBeVisible();
  await screenshot(page, 'home-page');
});
