import path from 'node:path';
import { test, expect, Page } from '@playwright/test';

// Kept out of the HTML report so that a person can look at them after a run.
const SCREENSHOT_DIR = path.resolve(
  __dirname,
  '../../../node_modules/.cache/e2e-screenshots',
);

/** Opens the portal and signs in as guest (the sign-in page's "Enter" button). */
async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enterButton = page.getByRole('button', { name: 'Enter' });
  await expect(enterButton).toBeVisible();
  await enterButton.click();
  await expect(enterButton).toBeHidden();
  // The sidebar is there once the app shell has rendered for a signed-in user.
  await expect(page.getByRole('link', { name: 'Home' }).first()).toBeVisible();
}

/**
 * Opens a page of the signed-in app. The catalog reads the demo entities a few
 * seconds after the backend is ready, so an entity page may at first say that
 * the entity does not exist: reload until `ready` is visible.
 */
async function openPage(
  page: Page,
  url: string,
  ready: ReturnType<Page['getByRole']>,
) {
  await expect(async () => {
    await page.goto(url);
    await expect(ready).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 60_000 });
}

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
    const card = title
      .locator(
        'xpath=ancestor::*[contains(@class, "MuiCard-root") or contains(@class, "bui-Card")][1]',
      )
      .first();
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
