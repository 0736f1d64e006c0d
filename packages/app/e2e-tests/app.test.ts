import path from 'node:path';
import { test, expect } from '@playwright/test';
import { cardAround, openPage, SCREENSHOT_DIR, signInAsGuest } from './helpers';

test('the checkout entity page shows its incident history', async ({
  page,
}) => {
  // Tall enough for the screenshot to show the cards below the About card
  // (the app scrolls inside its own container, so fullPage would not help).
  await page.setViewportSize({ width: 1280, height: 1600 });
  await signInAsGuest(page);
  const title = page.getByText('Incident history', { exact: true });
  try {
    // The header shows the entity's title ("Checkout") and a favourite button.
    const heading = page.getByRole('heading', {
      level: 1,
      name: /^checkout\b/i,
    });
    await openPage(page, '/catalog/default/component/checkout', heading);

    await expect(title).toBeVisible();
    // The card around that title: the nearest MUI card (InfoCard) or Backstage UI card.
    const card = cardAround(title);
    await expect(card).toBeVisible();
    await expect(
      card.getByText('Database connection pool exhausted'),
    ).toBeVisible();
  } finally {
    await title.scrollIntoViewIfNeeded({ timeout: 1_000 }).catch(() => {});
    await page.screenshot({
      path: path.join(SCREENSHOT_DIR, 'checkout.png'),
      fullPage: true,
    });
  }
});

test('the reliability page opens', async ({ page }) => {
  await signInAsGuest(page);

  await openPage(
    page,
    '/reliability',
    page.getByRole('heading', { name: 'Reliability', exact: true }),
  );
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, 'reliability.png'),
    fullPage: true,
  });
});
