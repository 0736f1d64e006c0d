import { test, expect } from '@playwright/test';
import {
  cardAround,
  screenshot,
  signInAs,
  signInAsGuest,
  startDeclaring,
} from './helpers';

const CHECKOUT = '/catalog/default/component/checkout';

// The browser tests' config (e2e-tests/app-config.e2e.yaml) gives a SEV1 20
// seconds per escalation level and runs the escalation job every 5 seconds.
test('an unacknowledged SEV1 escalates by itself, and the level-2 person and the team hear of it in the notification bell', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 1400 });
  const title = `E2E checkout pays twice ${Date.now().toString(36)}`;

  await signInAsGuest(page);
  const declare = await startDeclaring(page, CHECKOUT, {
    title,
    severity: /^SEV1 · Critical/,
    summary: 'Some card payments are captured twice.',
  });
  await declare.getByRole('button', { name: 'Declare', exact: true }).click();
  await expect(page).toHaveURL(/\/checkout\/incidents\/INC-\d{8}-\d{3}$/);

  // The page counts down the acknowledge target and shows who is paged.
  await expect(page.getByText(/Acknowledge/).first()).toBeVisible();
  await expect(page.getByText(/due in \d+ min/).first()).toBeVisible();
  const escalation = cardAround(page.getByText('Level 1 of 3 engaged'));
  await expect(escalation.getByText('Paged now')).toBeVisible();
  await expect(escalation.getByText(/Level 2 is paged at/)).toBeVisible();
  await screenshot(page, 'incident-escalation-level-1');

  // Nobody acknowledges: the job engages level 2 (the page is reloaded, as a
  // responder would, until it has).
  await expect
    .poll(
      async () => {
        await page.reload();
        // isVisible does not wait: wait for the page itself first.
        await expect(page.getByText(/Level \d of 3 engaged/)).toBeVisible({
          timeout: 30_000,
        });
        return page.getByText('Level 2 of 3 engaged').isVisible();
      },
      { timeout: 120_000, intervals: [5_000] },
    )
    .toBe(true);
  const timeline = page.getByRole('list', { name: 'Timeline' });
  await expect(timeline.getByText(/Escalated to level 2/)).toBeVisible();
  await expect(timeline.getByText(/the escalation policy/)).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Escalate to level 3' }),
  ).toBeVisible();
  await screenshot(page, 'incident-escalated-level-2');

  // The person on call at level 2 (whoever the rotation has now) hears of
  // it in their own bell.
  const level2 = page
    .getByRole('list', { name: 'Escalation of this incident' })
    .getByRole('listitem')
    .nth(1);
  const href = await level2
    .locator('a[href*="/catalog/default/user/"]')
    .first()
    .getAttribute('href');
  const level2User = href!.split('/').pop()!;
  const paged = await signInAs(browser, level2User);
  await paged.goto('/notifications');
  await expect(
    paged.getByText(new RegExp(`escalated to level 2: ${title}`)),
  ).toBeVisible({ timeout: 30_000 });
  await screenshot(paged, 'notifications-level-2-paged');
  await paged.context().close();

  // The guest is in team-checkout, the owner group: the bell has it too.
  await page
    .getByRole('link', { name: /Notifications/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/notifications/);
  await expect(
    page.getByText(new RegExp(`escalated to level 2: ${title}`)),
  ).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(new RegExp(`declared: ${title}`))).toBeVisible();
  await screenshot(page, 'notifications-incident-escalated');

  // Acknowledging from the page stops the escalation.
  await page.getByText(new RegExp(`escalated to level 2: ${title}`)).click();
  await expect(page).toHaveURL(/\/checkout\/incidents\/INC-\d{8}-\d{3}$/);
  await page.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(page.getByRole('button', { name: 'Acknowledge' })).toBeHidden();
  await expect(page.getByText(/Level 3 is paged at/)).toBeHidden();
});
