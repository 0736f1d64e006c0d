import { test, expect } from '@playwright/test';
import { cardAround, openPage, screenshot, signInAsGuest } from './helpers';

const CHECKOUT = '/catalog/default/component/checkout';
const SLO_PAGE = '/reliability/slos';

test('checkout shows its SLOs with budget and tier, charts with data, and the org page lists SLOs worst first', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1400, height: 2200 });
  await signInAsGuest(page);

  // 1. checkout's overview: the SLO card, each SLO with a budget bar and tier.
  const firstSlo = page.getByRole('region', { name: /^SLO / }).first();
  await openPage(page, CHECKOUT, firstSlo);
  const card = cardAround(firstSlo);
  await expect(card.getByText('SLOs', { exact: true })).toBeVisible();
  const bar = firstSlo.getByRole('progressbar', { name: /^Error budget left/ });
  await expect(bar).toBeVisible();
  expect(Number(await bar.getAttribute('aria-valuenow'))).not.toBeNaN();
  await expect(
    firstSlo.getByRole('note', { name: /^Policy tier: / }),
  ).toBeVisible();
  // SLI against the objective, e.g. 99.87 % / 99.9 %.
  await expect(firstSlo).toContainText(/\d+(\.\d+)? % \/ \d+(\.\d+)? %/);
  await expect(firstSlo.getByText(/^Data as of /)).toBeVisible();
  await expect(firstSlo.locator('[data-alert-state]').first()).toBeVisible();
  // The latency objective as the procedures write it, "p95 < 500 ms": a
  // threshold SLI with its figures like any other.
  const p95 = page.getByRole('region', { name: 'SLO Checkout p95 latency' });
  await expect(p95).toContainText(
    'Threshold SLI: good when the value is < 0.5 per 5-minute slice',
  );
  await expect(
    p95.getByRole('progressbar', { name: /^Error budget left/ }),
  ).toBeVisible();
  await expect(p95).toContainText(/\d+(\.\d+)? % \/ 99 %/);
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'slo-card');

  // 2. The SLO's link opens the SLOs tab with both charts drawn from history.
  const name = (await firstSlo.getByRole('link').first().innerText()).trim();
  await firstSlo.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/checkout\/slos\?slo=/);
  const burndown = page.getByRole('figure', { name: 'Error budget burndown' });
  const burn = page.getByRole('figure', { name: 'Burn rate' });
  await expect(burndown).toBeVisible({ timeout: 30_000 });
  await expect(burn).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'SLOs of this entity' }).getByText(name),
  ).toBeVisible();
  // Curves with real coordinates, from many stored evaluations.
  expect(Number(await burndown.getAttribute('data-points'))).toBeGreaterThan(
    10,
  );
  await expect(burndown.locator('path.recharts-area-curve')).toHaveAttribute(
    'd',
    /^M[\d.]+,[\d.]+.*C/,
  );
  await expect(burn.locator('path.recharts-line-curve')).toHaveCount(2);
  await expect(
    burn.locator('path.recharts-line-curve').first(),
  ).toHaveAttribute('d', /^M[\d.]+,[\d.]+/);
  await expect(burn.getByText(/× page \(1h\)$/)).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Burn rate by window' }).getByRole('row'),
  ).toHaveCount(8);
  await expect(page.getByText('apiVersion: openslo/v1').first()).toBeVisible();
  await screenshot(page, 'slo-tab');

  // 3. The organisation's SLO page: every SLO, least budget left first.
  const table = page.getByRole('table').filter({ hasText: 'Budget left' });
  await openPage(page, SLO_PAGE, table.getByRole('progressbar').first());
  const values = await table
    .getByRole('progressbar')
    .evaluateAll(bars =>
      bars.map(b => Number(b.getAttribute('aria-valuenow'))),
    );
  expect(values.length).toBeGreaterThan(3);
  expect(values).toEqual([...values].sort((a, b) => a - b));
  await expect(
    table.getByRole('link', { name: 'checkout' }).first(),
  ).toBeVisible();
  await screenshot(page, 'slo-overview');
});
