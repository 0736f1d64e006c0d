import { test, expect } from '@playwright/test';
import { openPage, pickPerson, screenshot, signInAsGuest } from './helpers';

const ONCALL_PAGE = '/reliability/oncall';

test('asks a teammate to swap a shift from the on-call timeline', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 1800 });
  await signInAsGuest(page);
  const timeline = page.getByRole('list', {
    name: 'Timeline of checkout-primary',
  });
  await openPage(page, ONCALL_PAGE, timeline);

  // Lena (the guest) is on checkout-primary or checkout-secondary within
  // the fortnight: a four-person weekly rotation, the secondary a week behind.
  const mine = page.locator('[data-kind="layer"]', {
    hasText: 'Lena Hoffmann',
  });
  await mine.last().click();
  await page.getByRole('menuitem', { name: 'Swap with…' }).click();

  const dialog = page.getByRole('dialog');
  await pickPerson(page, dialog, 'Teammate', 'Jonas', /Jonas Weber/);
  await dialog.getByLabel('Note').fill('Conference that week');
  await screenshot(page, 'oncall-swap-dialog');
  await dialog.getByRole('button', { name: 'Ask' }).click();
  await expect(dialog).toBeHidden();

  const yours = page.getByRole('region', { name: 'Your swap requests' });
  await expect(yours).toContainText('You asked Jonas Weber to cover');
  await expect(
    yours.getByRole('button', { name: 'Cancel request' }),
  ).toBeVisible();
  await expect(
    page.getByRole('listitem', { name: /^Next hand-off of checkout-primary/ }),
  ).toBeVisible();
  await yours.scrollIntoViewIfNeeded();
  await screenshot(page, 'oncall-swap-requests');
});
