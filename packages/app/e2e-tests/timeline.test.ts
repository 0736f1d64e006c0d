import { test, expect } from '@playwright/test';
import { cardAround, openPage, screenshot, signInAsGuest } from './helpers';

test("checkout's page shows its reliability timeline, and a budget drop lists the incidents behind it", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 1600 });
  await signInAsGuest(page);
  // The demo writes 30 days of SLO history a little after start: reload
  // until the timeline has budget drops to click.
  await openPage(
    page,
    '/catalog/default/component/checkout',
    page.getByRole('group', { name: 'Budget drops' }),
  );
  const card = cardAround(page.getByText('Reliability timeline'));
  const figure = card.getByLabel('Reliability timeline');
  // Drawn: the budget as an area, the demo's latency incident as a span.
  await expect(figure.locator('.recharts-area-area')).toBeAttached();
  await expect(figure.locator('.recharts-reference-area')).not.toHaveCount(0);
  await expect(card.getByText(/^\d+ incidents? · /)).toBeVisible();
  await expect(
    card.getByRole('list', { name: 'Legend' }).getByText('On-call hand-off'),
  ).toBeVisible();
  await screenshot(page, 'component-timeline');

  // Clicking the latency incident's span (the first one drawn solid: the
  // demo's game day before it is a drill, outlined in dashes) lists it,
  // linked to its page.
  await figure
    .locator('.recharts-reference-area:not(:has(path[stroke-dasharray]))')
    .first()
    .click({ force: true });
  await expect(
    card
      .getByRole('list', { name: 'Incidents in the interval' })
      .getByRole('link', { name: 'Checkout p95 latency above 500 ms' }),
  ).toBeVisible();
  await screenshot(page, 'component-timeline-incident');

  await card.getByRole('button', { name: '90 days' }).click();
  await expect(card.getByRole('button', { name: '90 days' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await card
    .getByRole('group', { name: 'Budget drops' })
    .getByRole('button')
    .last()
    .click();
  await expect(
    card.getByRole('region', { name: 'What happened in the picked interval' }),
  ).toBeVisible();
  await screenshot(page, 'component-timeline-drop');
});
