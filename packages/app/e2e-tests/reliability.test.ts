import { test, expect } from '@playwright/test';
import {
  cardAround,
  choose,
  openPage,
  pickPerson,
  screenshot,
  signInAsGuest,
  startDeclaring,
} from './helpers';

const CHECKOUT = '/catalog/default/component/checkout';

/** `YYYY-MM-DD`, `days` days from today (negative: in the past). */
function day(days: number): string {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000)
    .toISOString()
    .slice(0, 10);
}

test('an incident of checkout goes from declared to postmortem to overdue action item', async ({
  page,
}) => {
  // Declaring, three status changes, a postmortem and an action item, each a
  // round trip to the backend, on a dev server that compiles pages on demand.
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 1600 });
  // Unique per run, so a portal kept running between runs does not confuse it.
  const run = Date.now().toString(36);
  const incidentTitle = `E2E cart totals wrong ${run}`;
  const itemTitle = `E2E add a cart totals check ${run}`;
  const pastDue = day(-3);

  await signInAsGuest(page);

  // 1. The owner (the guest, Lena Hoffmann of team-checkout) declares an incident.
  const declare = await startDeclaring(page, CHECKOUT, {
    title: incidentTitle,
    severity: /^SEV2 · Major/,
    summary: 'Totals in the cart ignore the discount code.',
  });
  // The commander defaults to the signed-in user; the scribe is picked from
  // the catalog's people, each with avatar, display name and ref.
  await expect(declare.getByLabel('Commander')).toHaveValue('Lena Hoffmann');
  const scribe = declare.getByRole('textbox', { name: 'Scribe' });
  await scribe.click();
  await expect(
    page.getByRole('option', {
      name: /Jonas Weber.*user:default\/jonas\.weber/,
    }),
  ).toBeVisible();
  await screenshot(page, 'people-picker-open');
  await pickPerson(page, declare, 'Scribe', 'jonas', /Jonas Weber/);
  await screenshot(page, 'declare-incident-dialog');
  await declare.getByRole('button', { name: 'Declare', exact: true }).click();

  // 2. Its page opens; it moves through the lifecycle to resolved.
  // Addressed by the id people say aloud, INC-YYYYMMDD-NNN.
  await expect(page).toHaveURL(/\/checkout\/incidents\/INC-\d{8}-\d{3}$/);
  const incidentUrl = page.url();
  await expect(page.getByText(incidentTitle).first()).toBeVisible();
  await expect(page.getByText('Investigating').first()).toBeVisible();
  await page.getByLabel('Add a note').fill('Rolled back the pricing service.');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(
    page
      .getByRole('list', { name: 'Timeline' })
      .getByText('Rolled back the pricing service.'),
  ).toBeVisible();
  await screenshot(page, 'incident-declared');

  // The roles are handed on from the incident's page.
  await page.getByRole('button', { name: 'Change roles' }).click();
  const roles = page.getByRole('dialog');
  await expect(roles.getByLabel('Scribe')).toHaveValue('Jonas Weber');
  await pickPerson(page, roles, 'Communications lead', 'priya', /Priya Raman/);
  await screenshot(page, 'incident-roles-dialog');
  await roles.getByRole('button', { name: 'Save' }).click();
  await expect(roles).toBeHidden();
  // The role shows the person's name (beside "Assign me" for anyone else).
  await expect(
    page
      .locator('dt', { hasText: /^Communications$/ })
      .locator('xpath=following-sibling::dd[1]')
      .getByText('Priya Raman', { exact: true }),
  ).toBeVisible();

  for (const [action, status] of [
    ['Mark identified', 'Identified'],
    ['Mark monitoring', 'Monitoring'],
    ['Resolve', 'Resolved'],
  ]) {
    await page.getByRole('button', { name: action }).click();
    await expect(page.getByText(status, { exact: true }).first()).toBeVisible();
  }
  await expect(page.getByRole('button', { name: 'Reopen' })).toBeVisible();
  // The backend stamped the resolution time.
  await expect(
    page
      .locator('dt', { hasText: /^Resolved$/ })
      .locator('xpath=following-sibling::dd[1]'),
  ).not.toHaveText('–');
  await screenshot(page, 'incident-resolved');

  // 3. A postmortem is written from it, with its timeline filled in.
  await page.getByRole('button', { name: 'Write postmortem' }).click();
  await expect(page).toHaveURL(
    /\/checkout\/incidents\/postmortems\/[0-9a-f-]{36}$/,
  );
  const postmortemUrl = page.url();
  await expect(page.getByRole('link', { name: incidentTitle })).toBeVisible();
  await page.getByRole('button', { name: 'Edit' }).click();
  await page
    .getByLabel('Summary')
    .fill('The **discount** was applied after the total was computed.');
  await pickPerson(page, page, 'Reviewers', 'marcus', /Marcus Bell/);
  await screenshot(page, 'postmortem-editor');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('strong', { hasText: 'discount' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Marcus Bell' })).toBeVisible();
  await page.getByRole('button', { name: 'Request review' }).click();
  await expect(page.getByText('In review', { exact: true })).toBeVisible();

  // 4. An action item, owned by the team and already past its due date.
  await page.getByRole('button', { name: 'Add action item' }).click();
  const add = page.getByRole('dialog');
  await add.getByLabel('Title').fill(itemTitle);
  await choose(page, /Type/, /^Detect$/);
  await choose(page, /Priority/, /^P1$/);
  // Owned by the team, picked from the catalog.
  await pickPerson(page, add, 'Owner', 'checkout', /Team Checkout/);
  await add.getByLabel('Due date').fill(pastDue);
  await add
    .getByLabel('Ticket URL')
    .fill('https://jira.acme-shop.example/browse/CHK-42');
  await screenshot(page, 'add-action-item-dialog');
  await add.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(add).toBeHidden();
  const itemRow = page.getByRole('row').filter({ hasText: itemTitle });
  await expect(itemRow.getByText('Overdue')).toBeVisible();
  await screenshot(page, 'postmortem');

  // 5. The entity page shows the incident and the overdue item.
  await page.goto(CHECKOUT);
  const incidentsCard = cardAround(
    page.getByText('Incident history', { exact: true }),
  );
  await expect(incidentsCard.getByText(incidentTitle)).toBeVisible();
  const actionItemsCard = cardAround(
    page.getByText('Action items', { exact: true }),
  );
  await expect(actionItemsCard.getByText(itemTitle)).toBeVisible();
  await expect(
    actionItemsCard.getByText(`Overdue since ${pastDue}`).first(),
  ).toBeVisible();
  await actionItemsCard.getByText(itemTitle).scrollIntoViewIfNeeded();
  await screenshot(page, 'entity-overview');

  // The Incidents tab lists the incident and its postmortem, each linked.
  await page.goto(`${CHECKOUT}/incidents`);
  await expect(
    page.getByRole('link', { name: incidentTitle }).first(),
  ).toHaveAttribute('href', new URL(incidentUrl).pathname);
  const postmortemLink = page.locator(
    `a[href="${new URL(postmortemUrl).pathname}"]`,
  );
  await expect(postmortemLink).toBeVisible();
  await expect(
    page
      .getByRole('row')
      .filter({ has: postmortemLink })
      .getByText('In review'),
  ).toBeVisible();
  await screenshot(page, 'entity-incidents-tab');

  // 6. The organisation's overdue page has it under its owner.
  await openPage(
    page,
    '/reliability/action-items',
    page.getByText('Overdue action items by owner'),
  );
  const ownerCard = cardAround(page.getByText(itemTitle).first());
  await expect(
    ownerCard.getByRole('link', { name: /team.checkout/i }).first(),
  ).toBeVisible();
  await expect(ownerCard.getByText(`due ${pastDue}`).first()).toBeVisible();
  await screenshot(page, 'org-overdue');
});
