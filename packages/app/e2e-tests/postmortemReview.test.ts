import { test, expect } from '@playwright/test';
import {
  cardAround,
  openPage,
  pickPerson,
  screenshot,
  signInAs,
  signInAsGuest,
  startDeclaring,
} from './helpers';

const CHECKOUT = '/catalog/default/component/checkout';

// The portal's guest is Lena Hoffmann of team-checkout, the owner: she runs
// the incident, writes its postmortem and asks for review. She cannot approve
// her own postmortem; Jonas Weber, a reviewer she picked, signs in beside her,
// hears of the request and approves it, which publishes it.
test('a resolved SEV1 owes a postmortem, which goes to review with reviewers from the catalog, is approved by another person and keeps its history', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 1400 });
  const title = `E2E checkout drops orders ${Date.now().toString(36)}`;

  await signInAsGuest(page);
  const declare = await startDeclaring(page, CHECKOUT, {
    title,
    severity: /^SEV1 · Critical/,
    summary: 'Orders placed during checkout are not stored.',
  });
  await declare.getByRole('button', { name: 'Declare', exact: true }).click();
  await expect(page).toHaveURL(/\/checkout\/incidents\/INC-\d{8}-\d{3}$/);
  const incidentUrl = page.url();

  // A scribe is assigned by name from the catalog, then it is resolved.
  await page.getByRole('button', { name: 'Change roles' }).click();
  const roles = page.getByRole('dialog');
  await pickPerson(page, roles, 'Scribe', 'jonas', /Jonas Weber/);
  await roles.getByRole('button', { name: 'Save' }).click();
  await expect(roles).toBeHidden();
  await expect(
    page
      .locator('dt', { hasText: /^Scribe$/ })
      .locator('xpath=following-sibling::dd[1]')
      .getByText('Jonas Weber', { exact: true }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Resolve' }).click();
  await expect(page.getByRole('button', { name: 'Reopen' })).toBeVisible();

  // The component's card says a postmortem is due (SEV1: within 48 hours).
  await openPage(
    page,
    CHECKOUT,
    page.getByText('Incident history', { exact: true }),
  );
  const incidentsCard = cardAround(
    page.getByText('Incident history', { exact: true }),
  );
  const row = incidentsCard
    .getByRole('link', { name: title })
    .locator('xpath=ancestor::div[1]');
  await expect(row.getByText(/Postmortem due in/)).toBeVisible();

  // One postmortem per incident: written once, then opened.
  await page.goto(incidentUrl);
  await page.getByRole('button', { name: 'Write postmortem' }).click();
  await expect(page).toHaveURL(
    /\/checkout\/incidents\/postmortems\/[0-9a-f-]{36}$/,
  );
  const postmortemUrl = page.url();
  await page.goto(incidentUrl);
  await expect(
    page.getByRole('button', { name: 'Write postmortem' }),
  ).toBeHidden();
  await page.getByRole('button', { name: 'Open postmortem' }).click();
  await expect(page).toHaveURL(postmortemUrl);

  // Written, with reviewers picked by name: a person and a team.
  await page.getByRole('button', { name: 'Edit' }).click();
  await page
    .getByLabel('Root cause')
    .fill('The order writer dropped rows when the **queue** was full.');
  await pickPerson(page, page, 'Reviewers', 'jonas', /Jonas Weber/);
  await pickPerson(page, page, 'Reviewers', 'checkout', /Team Checkout/);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('strong', { hasText: 'queue' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Jonas Weber' })).toBeVisible();

  // Review is requested; the author waits for a reviewer and cannot publish.
  await page.getByRole('button', { name: 'Request review' }).click();
  await expect(page.getByText('In review', { exact: true })).toBeVisible();
  await expect(page.getByText(/Waiting for approval by/)).toContainText(
    'a reviewer other than you approves it',
  );
  for (const name of ['Publish', 'Approve and publish']) {
    await expect(page.getByRole('button', { name })).toBeHidden();
  }

  // The revision history says who did what.
  const history = cardAround(page.getByText('Revision history'));
  await expect(history.getByText(/requested review/)).toBeVisible();
  await expect(
    history.getByText(/changed Reviewers, Root cause/),
  ).toBeVisible();
  await expect(history.getByText(/wrote the first draft/)).toBeVisible();
  // Tall enough to show the review status and the history in one picture.
  await page.setViewportSize({ width: 1280, height: 2300 });
  await history.scrollIntoViewIfNeeded();
  await screenshot(page, 'postmortem-review');
  await page.setViewportSize({ width: 1280, height: 1400 });

  // The team's members, Lena among them, hear of the review request.
  await page
    .getByRole('link', { name: /Notifications/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/notifications/);
  const request = page.getByText(`Review requested: Postmortem: ${title}`);
  await expect(request).toBeVisible({ timeout: 30_000 });
  await screenshot(page, 'notifications-review-requested');
  await request.click();
  await expect(page).toHaveURL(postmortemUrl);

  // Jonas, a reviewer, is told too; he opens it from his notifications and
  // approves it, which publishes it.
  const jonas = await signInAs(browser, 'jonas.weber');
  await jonas.setViewportSize({ width: 1280, height: 1400 });
  await jonas.goto('/notifications');
  const hisRequest = jonas.getByText(`Review requested: Postmortem: ${title}`);
  await expect(hisRequest).toBeVisible({ timeout: 30_000 });
  await hisRequest.click();
  await expect(jonas).toHaveURL(postmortemUrl);
  await expect(jonas.getByText(/Waiting for approval by/)).not.toContainText(
    'other than you',
  );
  await jonas.getByRole('button', { name: 'Approve and publish' }).click();
  await expect(jonas.getByText(/^Approved by/)).toContainText('Jonas Weber');
  await expect(
    jonas.getByText('Published', { exact: true }).first(),
  ).toBeVisible();
  await expect(
    cardAround(jonas.getByText('Revision history')).getByText(
      /approved it, which published it/,
    ),
  ).toBeVisible();
  await screenshot(jonas, 'postmortem-approved');
  await jonas.context().close();

  // Lena sees it published, approved by Jonas.
  await page.reload();
  await expect(page.getByText(/^Approved by/)).toContainText('Jonas Weber');
  await expect(
    page.getByText('Published', { exact: true }).first(),
  ).toBeVisible();
});
