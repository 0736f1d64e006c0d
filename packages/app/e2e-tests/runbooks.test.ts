import { test, expect, Page } from '@playwright/test';
import { cardAround, openPage, screenshot, signInAsGuest } from './helpers';

const LIBRARY = '/reliability/runbooks';
const POOL_RUNBOOK = 'Database connection pool exhaustion';
const CART_RUNBOOK = 'Cart responses slow (Redis latency)';
const ROLLBACK_RUNBOOK = 'Roll back a bad checkout deployment';

/** Picks `option` from the MUI select labelled `label`. */
async function choose(page: Page, label: string, option: string) {
  // The select's name is its label and value ("Severity Any severity"),
  // which sets it apart from the table's column header of the same label.
  await page.getByRole('button', { name: new RegExp(`^${label} `) }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await expect(page.getByRole('listbox')).toBeHidden();
}

/** The library's table rows, found by a runbook title. */
function row(page: Page, title: string) {
  return page.getByRole('row').filter({ hasText: title });
}

test.beforeEach(async ({ page }) => {
  await signInAsGuest(page);
});

test('the runbook library searches commands and filters by review and severity', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1400, height: 1300 });
  // The runbook files are read shortly after the backend starts.
  await openPage(page, LIBRARY, row(page, POOL_RUNBOOK));

  // A fragment of a command inside a step finds its runbook, and only it.
  await page.getByLabel('Search runbooks').fill('pg_stat_activity');
  await expect(page).toHaveURL(/[?&]q=pg_stat_activity/);
  await expect(row(page, POOL_RUNBOOK)).toBeVisible();
  await expect(row(page, CART_RUNBOOK)).toBeHidden();
  await expect(page.getByText('1 runbook', { exact: true })).toBeVisible();

  // The search is in the address: the link opens the same result.
  await page.goto(page.url());
  await expect(page.getByLabel('Search runbooks')).toHaveValue(
    'pg_stat_activity',
  );
  await expect(row(page, POOL_RUNBOOK)).toBeVisible();

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(row(page, CART_RUNBOOK)).toBeVisible();

  // Only runbooks whose review is overdue, each with its badge.
  await choose(page, 'Review', 'Review overdue');
  await expect(row(page, CART_RUNBOOK)).toBeVisible();
  await expect(row(page, CART_RUNBOOK)).toContainText('Review overdue since');
  await expect(row(page, POOL_RUNBOOK)).toBeHidden();
  await screenshot(page, 'runbooks-library-stale');

  // Filters combine: overdue and SEV1 leaves nothing of the demo; SEV1 alone the rollback.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await choose(page, 'Severity', 'SEV1');
  await expect(row(page, ROLLBACK_RUNBOOK)).toBeVisible();
  await expect(row(page, POOL_RUNBOOK)).toBeHidden();
  await expect(page).toHaveURL(/[?&]severity=SEV1/);
  await screenshot(page, 'runbooks-library-sev1');
});

test('a runbook page shows its steps in order and copies commands', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.setViewportSize({ width: 1400, height: 1700 });
  await openPage(page, LIBRARY, row(page, POOL_RUNBOOK));
  await row(page, POOL_RUNBOOK)
    .getByRole('link', { name: POOL_RUNBOOK })
    .click();

  await expect(page).toHaveURL(
    /\/reliability\/runbooks\/component%3Adefault%2Fcheckout%2Fdb-connection-pool-exhaustion$/,
  );
  const steps = page
    .getByRole('list', { name: 'Steps' })
    .locator(':scope > li');
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toHaveAttribute(
    'aria-label',
    'Step 1: Confirm pool saturation',
  );
  await expect(steps.nth(1)).toHaveAttribute(
    'aria-label',
    'Step 2: Find queries holding connections',
  );
  await expect(steps.nth(2)).toHaveAttribute(
    'aria-label',
    'Step 3: Relieve pressure',
  );

  // The decision point is a visible branch that jumps to its step.
  await expect(steps.nth(0)).toContainText(
    'If pool usage > 90 % → relieve pressure first → go to step 3',
  );
  await steps.nth(0).getByRole('link', { name: 'step 3' }).click();
  await expect(page).toHaveURL(/#step-3$/);

  // Copy the first command of step 3 and read the clipboard back.
  const copy = steps.nth(2).getByRole('button', { name: 'Copy' }).first();
  await copy.click();
  await expect(
    steps.nth(2).getByRole('button', { name: 'Copied' }),
  ).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    'kubectl -n checkout rollout restart deploy/checkout',
  );

  await expect(page.getByText('Verification', { exact: true })).toBeVisible();
  await expect(
    page.getByRole('checkbox', {
      name: 'CheckoutDBPoolSaturated has resolved',
    }),
  ).toBeVisible();
  await expect(page.getByText('Level 1: checkout on-call')).toBeVisible();
  await screenshot(page, 'runbooks-page');
});

test("a component's card lists its runbooks with a badge on the stale one", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1400, height: 1600 });
  const card = cardAround(page.getByText('What to do when its alerts fire'));
  await openPage(
    page,
    '/catalog/default/component/cart',
    card.getByRole('listitem', { name: CART_RUNBOOK }),
  );
  await expect(
    card.getByRole('listitem', { name: CART_RUNBOOK }),
  ).toContainText('Review overdue since');
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'runbooks-card-cart');

  // checkout's runbooks are reviewed in time; its runbook links are listed too.
  await openPage(
    page,
    '/catalog/default/component/checkout',
    card.getByRole('listitem', { name: POOL_RUNBOOK }),
  );
  await expect(
    card.getByRole('listitem', { name: POOL_RUNBOOK }),
  ).not.toContainText('Review overdue');
  await expect(
    card.getByRole('link', { name: /disable a payment method at checkout/ }),
  ).toHaveAttribute(
    'href',
    'https://wiki.acme-shop.example/runbooks/checkout/disable-payment-method',
  );
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'runbooks-card-checkout');
});

test('the global search opens on All, with runbooks and postmortems in plain text, and filters to runbooks', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1400, height: 1100 });
  const result = page.getByRole('link', { name: POOL_RUNBOOK }).first();
  const postmortem = page
    .getByRole('link', {
      name: 'Checkout 503s from database connection pool exhaustion',
    })
    .first();
  // The search index is built in the background after start.
  await expect(async () => {
    await page.goto('/search?query=connection%20pool');
    await expect(result).toBeVisible({ timeout: 10_000 });
    await expect(postmortem).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 150_000 });
  await expect(page.getByText('component: checkout').first()).toBeVisible();
  // The postmortem's Markdown (`**pool of 50**`, list dashes) reads as text.
  await expect(page.getByRole('main')).not.toContainText('**');
  await screenshot(page, 'search-all');

  await page.getByText('Runbooks', { exact: true }).first().click();
  await expect(result).toBeVisible();
  await expect(postmortem).toBeHidden();
  await screenshot(page, 'runbooks-search');
  await result.click();
  await expect(page).toHaveURL(
    /\/reliability\/runbooks\/component%3Adefault%2Fcheckout%2Fdb-connection-pool-exhaustion$/,
  );
  await expect(
    page.getByRole('listitem', { name: 'Step 3: Relieve pressure' }),
  ).toBeVisible();
});

test('an incident opened by an alert links the runbooks for that alert', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1400, height: 1200 });
  const incident = page.getByRole('link', {
    name: 'Checkout API errors: database connection pool exhausted',
  });
  await openPage(
    page,
    '/catalog/default/component/checkout/incidents',
    incident.first(),
  );
  await incident.first().click();

  const runbook = page.getByRole('link', { name: POOL_RUNBOOK, exact: true });
  await expect(runbook).toHaveAttribute(
    'href',
    '/reliability/runbooks/component%3Adefault%2Fcheckout%2Fdb-connection-pool-exhaustion',
  );
  await expect(page.getByText(/Runbooks? for/)).toContainText('HighErrorRate');
  await screenshot(page, 'runbooks-incident');
  await runbook.click();
  await expect(
    page.getByRole('listitem', { name: 'Step 3: Relieve pressure' }),
  ).toBeVisible();
});
