import fs from 'node:fs/promises';
import path from 'node:path';
import { test, expect, Locator, Page } from '@playwright/test';
import {
  openPage,
  pickPerson,
  screenshot,
  SCREENSHOT_DIR,
  signInAs,
  signInAsGuest,
} from './helpers';

const ONCALL_PAGE = '/reliability/oncall';

/** Picks a time zone in the zone field labelled `label` by typing part of its name. */
async function pickZone(
  page: Page,
  scope: Locator,
  label: string,
  search: string,
  zone: string,
) {
  const input = scope.getByRole('textbox', { name: label });
  await input.click();
  await input.fill(search);
  await page.getByRole('option', { name: zone, exact: true }).click();
  await expect(page.getByRole('listbox')).toBeHidden();
  await expect(input).toHaveValue(zone);
}

/** Opens the schedule's calendar feed dialog and answers it and its address. */
async function openFeed(page: Page, schedule: string) {
  await page
    .getByRole('button', { name: `Calendar feed of ${schedule}`, exact: true })
    .click();
  const feed = page.getByRole('dialog');
  const address = feed.getByLabel('iCalendar address');
  await expect(address).toHaveValue(/\/schedules\/.+\.ics\?token=/);
  return { feed, url: await address.inputValue() };
}

test('a member creates a follow-the-sun schedule by clicking, then overrides it and subscribes to it', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 1900 });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  // A new name on every run: names are unique within the owner group.
  const name = `follow-the-sun-${Date.now().toString(36)}`;

  await signInAsGuest(page);
  const newButton = page.getByRole('button', { name: 'New schedule' });
  await openPage(page, ONCALL_PAGE, newButton);

  // 1. Lena, a member of team-checkout, creates a two-layer schedule.
  await newButton.click();
  const editor = page.getByRole('dialog', { name: 'New on-call schedule' });
  await editor.getByRole('textbox', { name: 'Schedule name' }).fill(name);
  await pickPerson(
    page,
    editor,
    'Owner group',
    'Checkout',
    /Team Checkout.*group:default\/team-checkout/,
  );
  await pickZone(
    page,
    editor,
    'Time zone of hand-offs',
    'Berlin',
    'Europe/Berlin',
  );

  const first = editor.getByRole('group', { name: /^Layer 1/ });
  for (const [search, person] of [
    ['Lena', /Lena Hoffmann.*lena\.hoffmann/],
    ['Marcus', /Marcus Bell.*marcus\.bell/],
  ] as const) {
    await pickPerson(page, first, 'Who takes turns, in order', search, person);
  }
  await first.getByRole('button', { name: 'Unit' }).click();
  await page.getByRole('option', { name: 'days' }).click();

  await editor.getByRole('button', { name: 'Add a layer' }).click();
  const second = editor.getByRole('group', { name: /^Layer 2/ });
  for (const [search, person] of [
    ['Priya', /Priya Raman.*priya\.raman/],
    ['Jonas', /Jonas Weber.*jonas\.weber/],
  ] as const) {
    await pickPerson(page, second, 'Who takes turns, in order', search, person);
  }
  // Tokyo's office hours, in Tokyo's time.
  await second.getByRole('button', { name: /Add a window to Layer 2/ }).click();
  const window = editor.getByRole('group', { name: /Window 1 of Layer 2/ });
  await pickZone(page, window, 'In time zone', 'Tokyo', 'Asia/Tokyo');

  // Escalation: this schedule first, then the daily SRE rotation.
  await editor.getByRole('button', { name: 'Add a level' }).click();
  await editor.getByRole('button', { name: 'Add a level' }).click();
  const level2 = editor.getByRole('group', { name: 'Escalation level 2' });
  await level2.getByLabel('Delay (minutes)').fill('10');
  await level2.getByRole('button', { name: 'Who is paged' }).click();
  await page.getByRole('option', { name: 'On call for sre-daily' }).click();

  // 2. The preview draws the next four weeks from the same rotation functions.
  const preview = editor.getByRole('list', { name: `Timeline of ${name}` });
  await expect(preview).toBeVisible();
  await expect(
    editor.getByText(/shifts for 4 people in the next 28 days/),
  ).toBeVisible();
  await expect(
    preview.getByRole('listitem', { name: /^Priya Raman/ }).first(),
  ).toBeVisible();
  await screenshot(page, 'schedule-editor');
  await editor.screenshot({
    path: path.join(SCREENSHOT_DIR, 'schedule-editor-dialog.png'),
  });

  await editor.getByRole('button', { name: 'Create schedule' }).click();
  await expect(editor).toBeHidden();
  const timeline = page.getByRole('list', { name: `Timeline of ${name}` });
  await expect(timeline).toBeVisible();
  // The row of this schedule only (not of its copy, imported below).
  const row = page
    .getByRole('row')
    .filter({ has: page.getByText(name, { exact: true }) });
  await expect(row.getByRole('button', { name: `Edit ${name}` })).toBeVisible();

  // Opened again, the editor shows what was saved.
  await row.getByRole('button', { name: `Edit ${name}` }).click();
  const again = page.getByRole('dialog', { name: `Edit ${name}` });
  await expect(
    again
      .getByRole('group', { name: /Window 1 of Layer 2/ })
      .getByRole('textbox', {
        name: 'In time zone',
      }),
  ).toHaveValue('Asia/Tokyo');
  // Its YAML, exported from the editor, imports as a copy from the page.
  const downloading = page.waitForEvent('download');
  await again.getByRole('button', { name: 'Export YAML' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${name}.schedule.yaml`);
  const yaml = await fs.readFile(await download.path(), 'utf8');
  expect(yaml).toContain('kind: Schedule');
  expect(yaml).toContain('timeZone: Asia/Tokyo');
  await again.getByRole('button', { name: 'Cancel' }).click();
  await expect(again).toBeHidden();

  await page.getByRole('button', { name: 'Import YAML' }).click();
  const importing = page.getByRole('dialog', {
    name: 'Import a schedule from YAML',
  });
  await importing
    .getByRole('textbox', { name: 'Schedule YAML' })
    .fill(yaml.replace(`name: ${name}\n`, `name: ${name}-copy\n`));
  await importing.getByRole('button', { name: 'Import' }).click();
  await expect(importing).toBeHidden();
  const copy = page.getByRole('row').filter({ hasText: `${name}-copy` });
  await expect(
    page.getByRole('list', { name: `Timeline of ${name}-copy` }),
  ).toBeVisible();
  await copy.getByRole('button', { name: `Delete ${name}-copy` }).click();
  const deleted = page.waitForResponse(
    response =>
      response.request().method() === 'DELETE' &&
      response.url().includes('/schedules/'),
  );
  await page
    .getByRole('dialog')
    .getByRole('button', { name: 'Delete schedule' })
    .click();
  expect((await deleted).status()).toBe(204);
  await expect(
    page.getByRole('list', { name: `Timeline of ${name}-copy` }),
  ).toHaveCount(0);
  await expect(copy).toHaveCount(0);

  // 3. An override, added and removed again.
  await row.getByRole('button', { name: `Add override to ${name}` }).click();
  const add = page.getByRole('dialog');
  await add.getByLabel('Reason').fill('E2E: editor override');
  await add.getByRole('button', { name: 'Add override' }).click();
  await expect(add).toBeHidden();
  const override = page
    .getByRole('row')
    .filter({ hasText: 'E2E: editor override' });
  await expect(override).toBeVisible();
  await override
    .getByRole('button', {
      name: `Remove override of Lena Hoffmann on ${name}`,
    })
    .click();
  const confirm = page.getByRole('dialog');
  await confirm.getByRole('button', { name: 'Remove override' }).click();
  await expect(confirm).toBeHidden();
  await expect(override).toHaveCount(0);

  // 4. The calendar address: copied twice, the same both times. (On a page
  // loaded afresh: the table's rows are drawn anew when a write reloads it.)
  await openPage(
    page,
    ONCALL_PAGE,
    page.getByRole('button', { name: `Calendar feed of ${name}`, exact: true }),
  );
  const copies: string[] = [];
  for (let i = 0; i < 2; i++) {
    const { feed, url } = await openFeed(page, name);
    await feed.getByRole('button', { name: 'Copy' }).click();
    await expect(feed.getByRole('button', { name: 'Copied' })).toBeVisible();
    copies.push(await page.evaluate(() => navigator.clipboard.readText()));
    expect(copies[i]).toBe(url);
    await feed.getByRole('button', { name: 'Close' }).click();
    await expect(feed).toBeHidden();
  }
  expect(copies[1]).toBe(copies[0]);
  expect((await page.request.get(copies[0])).status()).toBe(200);

  // Someone else (Jonas, of the same team) opening the dialog does not change it.
  const other = await signInAs(browser, 'jonas.weber');
  const otherButton = other.getByRole('button', {
    name: `Calendar feed of ${name}`,
    exact: true,
  });
  await openPage(other, ONCALL_PAGE, otherButton);
  expect((await openFeed(other, name)).url).toBe(copies[0]);
  await other.context().close();
  expect((await page.request.get(copies[0])).status()).toBe(200);

  // Rotating asks first; then the old address answers 401.
  const { feed } = await openFeed(page, name);
  await feed.getByRole('button', { name: 'Make a new address…' }).click();
  await expect(feed.getByText('Make a new address?')).toBeVisible();
  const shownTo = feed.getByText(/It has been shown to/);
  await expect(shownTo).toContainText('Lena Hoffmann');
  await expect(shownTo).toContainText('Jonas Weber');
  await feed.getByRole('button', { name: 'Stop the old address' }).click();
  await expect(feed.getByRole('status')).toContainText(
    'the old one no longer works',
  );
  expect((await page.request.get(copies[0])).status()).toBe(401);
  await feed.getByRole('button', { name: 'Close' }).click();

  // Clean up: the demo's On-call page keeps its own schedules only.
  await row.getByRole('button', { name: `Delete ${name}` }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: 'Delete schedule' })
    .click();
  await expect(row).toHaveCount(0);
});
