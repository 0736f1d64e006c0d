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
  // A shift ending within the hour is over for swapping, so try hers from
  // the last until one offers a swap.
  const mine = page.locator('[data-kind="layer"]', {
    hasText: 'Lena Hoffmann',
  });
  const swapWith = page.getByRole('menuitem', { name: 'Swap with…' });
  // Bars are named by ref until the catalog's names arrive: count them after.
  await expect(mine.first()).toBeVisible();
  for (let i = (await mine.count()) - 1; i >= 0; i--) {
    await mine.nth(i).click();
    // The menu opens with "Swap with…" or with why there is none; give it a
    // moment to know who is signed in before taking its answer.
    await page.getByRole('menuitem').first().waitFor();
    const offered = await swapWith
      .waitFor({ timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (offered) {
      break;
    }
    // Closed, not closing: a click on the next shift while the menu fades
    // would land on its backdrop and open nothing.
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toBeHidden();
  }
  await swapWith.click();

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
