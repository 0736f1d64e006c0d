import { test, expect, Locator, Page } from '@playwright/test';
import {
  cardAround,
  openPage,
  pickPerson,
  screenshot,
  signInAs,
  signInAsGuest,
} from './helpers';

const CHECKOUT = '/catalog/default/component/checkout';
const ONCALL_PAGE = '/reliability/oncall';
/** checkout-primary's zone in the demo data: the dialog's fields are read in it. */
const ZONE = 'Europe/Berlin';

/** team-checkout's people (examples/org.yaml), any of whom may cover. */
const COVER_CANDIDATES: Array<[string, string]> = [
  ['Marcus Bell', 'user:default/marcus.bell'],
  ['Priya Raman', 'user:default/priya.raman'],
  ['Jonas Weber', 'user:default/jonas.weber'],
];

/** `Date.now() + minutes` as a `datetime-local` value in `zone`: `YYYY-MM-DDTHH:mm`. */
function wallClock(minutes: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(Date.now() + minutes * 60_000));
  const part = (type: string) => parts.find(p => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}T${part(
    'hour',
  )}:${part('minute')}`;
}

/** The On call card's section for one schedule. */
function scheduleSection(page: Page, schedule: string): Locator {
  return page.getByRole('region', { name: `On call for ${schedule}` });
}

/** The part of a schedule's section that says who is on call now, and until when. */
function nowPart(section: Locator): Locator {
  return section.locator(':scope > div').first();
}

test('the on-call card shows who is on call, and an override by a member changes it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // Tall enough for the On call card, below the overview's other cards, to be
  // in the screenshots (the page scrolls inside the app shell, not the window).
  await page.setViewportSize({ width: 1280, height: 2600 });

  await signInAsGuest(page);

  // 1. checkout's overview: the On call card, for both demo schedules.
  const primary = scheduleSection(page, 'checkout-primary');
  await openPage(page, CHECKOUT, primary);
  const card = cardAround(primary);
  await expect(card.getByText('On call', { exact: true })).toBeVisible();
  await expect(scheduleSection(page, 'checkout-secondary')).toBeVisible();

  // Who is on call for checkout-primary now: a person (a link to their
  // catalog page) and until when.
  const now = nowPart(primary);
  await expect(now.getByText(/^On call until /)).toBeVisible();
  const before = (await now.getByRole('link').first().innerText()).trim();
  expect(before).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
  await expect(primary.getByText('Next hand-off')).toBeVisible();

  // The whole escalation chain: every level, with its delay.
  const chain = primary.getByRole('list', { name: 'Escalation chain' });
  await expect(chain.getByRole('listitem')).toHaveCount(3);
  await expect(chain.getByRole('listitem').nth(0)).toContainText(
    'Level 1 · at once · on call for checkout-primary',
  );
  await expect(chain.getByRole('listitem').nth(1)).toContainText(
    'Level 2 · after 15 min (15 min after the page) · on call for checkout-secondary',
  );
  await expect(chain.getByRole('listitem').nth(2)).toContainText(
    'Level 3 · after 30 min (45 min after the page) · on call for sre-daily',
  );
  // Level 1 reaches whoever is on call for checkout-primary.
  await expect(
    chain.getByRole('listitem').nth(0).getByRole('link', { name: before }),
  ).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'oncall-card-before');

  // 2. The On-call page: who is on call, and the timeline of the next 14 days.
  const timeline = page.getByRole('list', {
    name: 'Timeline of checkout-primary',
  });
  await openPage(page, ONCALL_PAGE, timeline);
  await expect(page.getByText('Who is on call', { exact: true })).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Next 14 days' }),
  ).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'Timeline of checkout-secondary' }),
  ).toBeVisible();
  // The demo swap next week is an override bar on checkout-primary's row.
  await expect(
    timeline.locator('[data-kind="override"]').first(),
  ).toBeVisible();
  await expect(timeline.getByRole('listitem').first()).toBeVisible();

  // 3. Lena, a member of team-checkout, has someone else cover from a few
  // minutes ago for two hours.
  const [coverName, coverRef] = COVER_CANDIDATES.find(
    ([name]) => name !== before,
  )!;
  await page
    .getByRole('button', { name: 'Add override to checkout-primary' })
    .click();
  const dialog = page.getByRole('dialog');
  await expect(
    dialog.getByText(`Times are in the schedule's zone, ${ZONE}.`),
  ).toBeVisible();
  // The person covering defaults to the signed-in user; another is picked
  // from the catalog.
  const who = dialog.getByRole('textbox', { name: 'Who covers' });
  await expect(who).toHaveValue('Lena Hoffmann');
  await pickPerson(
    page,
    dialog,
    'Who covers',
    coverName.split(' ')[0],
    new RegExp(`${coverName}.*${coverRef}`),
  );
  await expect(who).toHaveValue(coverName);
  await dialog.getByLabel(`Start (${ZONE})`).fill(wallClock(-5, ZONE));
  await dialog.getByLabel(`End (${ZONE})`).fill(wallClock(120, ZONE));
  await dialog.getByLabel('Reason').fill('E2E: covering for two hours');
  await screenshot(page, 'oncall-override-dialog');
  await dialog.getByRole('button', { name: 'Add override' }).click();
  await expect(dialog).toBeHidden();

  // The page shows the override at once: a new override bar covering now,
  // and the table's "On call now" for checkout-primary.
  await expect(
    timeline
      .getByRole('listitem', {
        name: new RegExp(`^${coverName} \\(override\\)`),
      })
      .first(),
  ).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'checkout-primary' });
  await expect(
    row.getByRole('link', { name: coverName }).first(),
  ).toBeVisible();
  await expect(row.getByText(/^override · until /)).toBeVisible();
  await screenshot(page, 'oncall-page');

  // The override is listed with who covers, when and why.
  const overrides = page
    .getByRole('row')
    .filter({ hasText: 'E2E: covering for two hours' });
  await expect(overrides.getByText(coverName)).toBeVisible();
  await overrides.scrollIntoViewIfNeeded();
  await screenshot(page, 'oncall-override-list');

  // 4. Back on checkout's overview, the card says who covers now.
  await openPage(
    page,
    CHECKOUT,
    nowPart(primary).getByText(/^Covering \(override\) until /),
  );
  await expect(
    nowPart(primary).getByRole('link', { name: coverName }),
  ).toBeVisible();
  await expect(
    chain.getByRole('listitem').nth(0).getByRole('link', { name: coverName }),
  ).toBeVisible();
  await expect(chain.getByRole('listitem')).toHaveCount(3);
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'oncall-card-after');

  // 5. Lena takes the override back from the On-call page's list, after
  // confirming; checkout-primary's row no longer says "override".
  await openPage(page, ONCALL_PAGE, overrides);
  await overrides
    .getByRole('button', {
      name: `Remove override of ${coverName} on checkout-primary`,
    })
    .click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText(
    `${coverName} no longer covers checkout-primary`,
  );
  await screenshot(page, 'oncall-override-remove');
  await confirm.getByRole('button', { name: 'Remove override' }).click();
  await expect(confirm).toBeHidden();
  await expect(overrides).toHaveCount(0);
  await expect(row.getByText(/^override · until /)).toHaveCount(0);
});

/** Opens checkout-primary's feed dialog and answers it and its address. */
async function openFeed(page: Page) {
  await page
    .getByRole('button', { name: 'Calendar feed of checkout-primary' })
    .click();
  const feed = page.getByRole('dialog');
  const address = feed.getByLabel('iCalendar address');
  await expect(address).toHaveValue(/\/schedules\/.+\.ics\?token=/);
  return { feed, url: await address.inputValue() };
}

test('the calendar feed address stays put until a member makes a new one', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await signInAsGuest(page);
  await openPage(
    page,
    ONCALL_PAGE,
    page.getByRole('button', { name: 'Calendar feed of checkout-primary' }),
  );

  // Copied twice, the same address both times, with a webcal: link beside it.
  const copies: string[] = [];
  for (let i = 0; i < 2; i++) {
    const { feed, url } = await openFeed(page);
    await expect(
      feed.getByRole('link', { name: /Subscribe in calendar app/ }),
    ).toHaveAttribute('href', url.replace(/^https?:/, 'webcal:'));
    await feed.getByRole('button', { name: 'Copy' }).click();
    await expect(feed.getByRole('button', { name: 'Copied' })).toBeVisible();
    copies.push(await page.evaluate(() => navigator.clipboard.readText()));
    expect(copies[i]).toBe(url);
    if (i === 0) await screenshot(page, 'oncall-feed-dialog');
    await feed.getByRole('button', { name: 'Close' }).click();
    await expect(feed).toBeHidden();
  }
  expect(copies[1]).toBe(copies[0]);
  const before = await page.request.get(copies[0]);
  expect(before.status()).toBe(200);
  expect(await before.text()).toContain('BEGIN:VCALENDAR');

  // Someone else (Jonas, of the same team) opening the dialog sees the same
  // address; it keeps working.
  const other = await signInAs(browser, 'jonas.weber');
  await openPage(
    other,
    ONCALL_PAGE,
    other.getByRole('button', { name: 'Calendar feed of checkout-primary' }),
  );
  expect((await openFeed(other)).url).toBe(copies[0]);
  await other.context().close();
  expect((await page.request.get(copies[0])).status()).toBe(200);

  // Rotating asks first, naming who has been shown the address.
  const { feed } = await openFeed(page);
  await feed.getByRole('button', { name: 'Make a new address…' }).click();
  await expect(feed.getByText('Make a new address?')).toBeVisible();
  const shownTo = feed.getByText(/It has been shown to/);
  await expect(shownTo).toContainText('Lena Hoffmann');
  await expect(shownTo).toContainText('Jonas Weber');
  await screenshot(page, 'oncall-feed-rotate');
  await feed.getByRole('button', { name: 'Stop the old address' }).click();
  await expect(feed.getByRole('status')).toContainText(
    'the old one no longer works',
  );
  const rotated = await feed.getByLabel('iCalendar address').inputValue();
  expect(rotated).not.toBe(copies[0]);
  expect((await page.request.get(copies[0])).status()).toBe(401);
  expect((await page.request.get(rotated)).status()).toBe(200);
});

test('the On-call page offers your own "my shifts" feed', async ({ page }) => {
  await signInAsGuest(page);
  const button = page.getByRole('button', { name: 'My calendar feed' });
  await openPage(page, ONCALL_PAGE, button);
  await button.click();
  const feed = page.getByRole('dialog');
  const address = feed.getByLabel('iCalendar address');
  await expect(address).toHaveValue(/\/ical\/users\/.+\.ics\?token=/);
  const response = await page.request.get(await address.inputValue());
  expect(response.status()).toBe(200);
  await screenshot(page, 'oncall-my-feed');
});
