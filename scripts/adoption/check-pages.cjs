// Opens the pages of an app that has Reliability Hub installed, in Debian's Chromium, and checks
// what a user would see:
//   node check-pages.cjs legacy|nfs APP_URL SCREENSHOT_DIR
// with ADOPTION_INCIDENT and ADOPTION_POSTMORTEM (the titles of an incident and its postmortem the
// backend holds for component adoption-checkout) in the environment. Checks: the reliability
// cards of the service show that incident; the SLOs and Incidents tabs are on the service,
// website and default pages of Components; the Incidents tab lists incident and postmortem; the
// Reliability page is in the sidebar and lists the incident; the search page offers Runbooks and
// Postmortems as result types. Exits non-zero at the first check that fails, with a screenshot.
const { chromium } = require('@playwright/test');
const launchOptions = require('../lib/chromium.cjs');

const [system, appUrl, screenshots] = process.argv.slice(2);
const incident = process.env.ADOPTION_INCIDENT;
const postmortem = process.env.ADOPTION_POSTMORTEM;
if (
  !['legacy', 'nfs'].includes(system) ||
  !appUrl ||
  !screenshots ||
  !incident ||
  !postmortem
) {
  console.error(
    'usage: ADOPTION_INCIDENT=title ADOPTION_POSTMORTEM=title check-pages.cjs legacy|nfs APP_URL SCREENSHOT_DIR',
  );
  process.exit(2);
}

const TIMEOUT = 60_000;
const entityPage = name => `/catalog/default/component/${name}`;

async function main() {
  const browser = await chromium.launch(launchOptions);
  const page = await browser.newPage({
    viewport: { width: 1400, height: 1000 },
  });
  page.setDefaultTimeout(TIMEOUT);
  const errors = [];
  page.on('pageerror', error => errors.push(error.message));
  let current = 'signing in';
  // After the first page, move within the app as a click on a link would (history + popstate),
  // so that the development bundle loads once, not on every page.
  const go = async path =>
    page.evaluate(target => {
      window.history.pushState({}, '', target);
      window.dispatchEvent(new PopStateEvent('popstate', { state: {} }));
    }, path);
  const check = async (what, fn) => {
    current = what;
    const t0 = Date.now();
    await fn();
    console.log(`  ok  ${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  };

  try {
    await check('guest sign-in', async () => {
      // The catalog is the home page of both stock apps.
      await page.goto(`${appUrl}/`);
      // Stock apps sign guests in by themselves; should one ask, enter as guest.
      const enter = page.getByRole('button', { name: 'Enter' });
      const catalog = page.getByText('example-website').first();
      await enter.or(catalog).first().waitFor();
      if (await enter.isVisible()) await enter.click();
      await catalog.waitFor();
    });

    // The cards: on their own tab in the legacy app, on the overview with the new system.
    const cardsUrl =
      system === 'legacy'
        ? `${entityPage('adoption-checkout')}/reliability`
        : entityPage('adoption-checkout');
    await check(
      'the cards of a service show its incident from the backend',
      async () => {
        await go(cardsUrl);
        await page.getByText('Incident history').first().waitFor();
        await page.getByText(incident).first().waitFor();
        for (const card of ['SLOs', 'Action items', 'On call', 'Runbooks']) {
          await page.getByText(card, { exact: true }).first().waitFor();
        }
        await page.screenshot({
          path: `${screenshots}/adoption-${system}-cards.png`,
        });
      },
    );

    const tabs =
      system === 'legacy'
        ? ['Reliability', 'SLOs', 'Incidents']
        : ['SLOs', 'Incidents'];
    for (const [name, kind] of [
      ['adoption-checkout', 'service'],
      ['adoption-storefront', 'website'],
      ['adoption-ledger', 'default'],
    ]) {
      await check(
        `the ${kind} page has the ${tabs.join(', ')} tabs`,
        async () => {
          await go(entityPage(name));
          await page.getByText(name, { exact: true }).first().waitFor();
          for (const tab of tabs) {
            // Tabs in the legacy entity layout, links in the new system's page header.
            const asTab = page.getByRole('tab', { name: tab, exact: true });
            const asLink = page.getByRole('link', { name: tab, exact: true });
            await asTab.or(asLink).first().waitFor();
          }
        },
      );
    }

    await check(
      'the Incidents tab lists the incident and its postmortem',
      async () => {
        await go(`${entityPage('adoption-checkout')}/incidents`);
        await page.getByText(postmortem).first().waitFor();
        await page.getByText(incident).first().waitFor();
      },
    );

    await check(
      'the sidebar leads to the Reliability page, which lists the incident',
      async () => {
        await go('/');
        await page.getByText('example-website').first().waitFor();
        await page.getByRole('link', { name: 'Reliability' }).first().click();
        await page.waitForURL(/\/reliability/);
        await page.getByText(incident).first().waitFor();
      },
    );

    await check('the search page offers Runbooks and Postmortems', async () => {
      await go('/search');
      await page.getByText('Runbooks', { exact: true }).first().waitFor();
      await page.getByText('Postmortems', { exact: true }).first().waitFor();
    });
  } catch (error) {
    const file = `${screenshots}/adoption-${system}-failed.png`;
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    console.error(`FAILED: ${current}: ${error.message.split('\n')[0]}`);
    console.error(`  page: ${page.url()}; screenshot: ${file}`);
    if (errors.length > 0)
      console.error(`  page errors: ${errors.slice(0, 3).join(' | ')}`);
    await browser.close();
    process.exit(1);
  }
  await browser.close();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
