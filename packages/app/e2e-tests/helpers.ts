import path from 'node:path';
import { Browser, expect, Locator, Page, test } from '@playwright/test';

/** Kept out of the HTML report so that a person can look at them after a run. */
export const SCREENSHOT_DIR = path.resolve(
  __dirname,
  '../../../node_modules/.cache/e2e-screenshots',
);

/** Saves a screenshot of the page as `name`.png in {@link SCREENSHOT_DIR}. */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, `${name}.png`),
    fullPage: true,
  });
}

/** Opens the portal and signs in as guest (the sign-in page's "Enter" button). */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enterButton = page.getByRole('button', { name: 'Enter' });
  await expect(enterButton).toBeVisible();
  await enterButton.click();
  await expect(enterButton).toBeHidden();
  // The sidebar is there once the app shell has rendered for a signed-in user.
  await expect(page.getByRole('link', { name: 'Home' }).first()).toBeVisible();
}

/**
 * Opens the portal in a browser context of its own, signed in as `user` (a
 * demo user's name, e.g. `jonas.weber`): the guest sign-in's answer is taken
 * from the oauth2-proxy provider that the browser tests' config enables, as
 * an oauth2-proxy in front of the portal would give it. Close the page's
 * context when done.
 */
export async function signInAs(browser: Browser, user: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
  });
  await context.route('**/api/auth/guest/refresh*', async route => {
    const request = route.request();
    const response = await route.fetch({
      url: request.url().replace('/auth/guest/', '/auth/oauth2Proxy/'),
      headers: { ...request.headers(), 'x-forwarded-user': user },
    });
    await route.fulfill({ response });
  });
  const page = await context.newPage();
  await signInAsGuest(page);
  return page;
}

/**
 * Opens a page of the signed-in app. The catalog reads the demo entities a few
 * seconds after the backend is ready, so an entity page may at first say that
 * the entity does not exist: reload until `ready` is visible.
 */
export async function openPage(page: Page, url: string, ready: Locator) {
  await expect(async () => {
    await page.goto(url);
    await expect(ready).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 60_000 });
}

/** The card (MUI card or Backstage UI card) around a locator. */
export function cardAround(locator: Locator): Locator {
  return locator
    .locator(
      'xpath=ancestor::*[contains(@class, "MuiCard-root") or contains(@class, "bui-Card")][1]',
    )
    .first();
}

/**
 * Picks a person in the people picker labelled `label` (inside `scope`, a
 * dialog or the page) as a user does: types `search` and clicks the
 * catalog's answer named `name` (display name and ref).
 */
export async function pickPerson(
  page: Page,
  scope: Locator | Page,
  label: string,
  search: string,
  name: RegExp,
) {
  // The open list is labelled like the input: ask for the text box.
  const input = scope.getByRole('textbox', { name: label });
  await input.click();
  await input.fill(search);
  await page.getByRole('option', { name }).click();
  await expect(page.getByRole('listbox')).toBeHidden();
}

/** Picks `option` (a regular expression on its text) from the MUI select labelled `label`. */
export async function choose(page: Page, label: RegExp, option: RegExp) {
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
  await expect(page.getByRole('listbox')).toBeHidden();
}

/**
 * Opens the entity page at `url`, opens "Declare incident" on its incidents
 * card and fills the title, severity and summary; returns the dialog, for
 * the caller to add to and submit.
 */
export async function startDeclaring(
  page: Page,
  url: string,
  incident: { title: string; severity: RegExp; summary: string },
): Promise<Locator> {
  // The incidents card, not the heading: the page of an entity the catalog
  // has not read yet has the heading too, over "Entity not found".
  await openPage(
    page,
    url,
    page.getByText('Incident history', { exact: true }),
  );
  const incidentsCard = cardAround(
    page.getByText('Incident history', { exact: true }),
  );
  await incidentsCard.getByRole('button', { name: 'Declare incident' }).click();
  const declare = page.getByRole('dialog');
  await declare.getByLabel('Title').fill(incident.title);
  await choose(page, /Severity/, incident.severity);
  await declare.getByLabel('Summary').fill(incident.summary);
  return declare;
}
