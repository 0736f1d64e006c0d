// Takes the README's screenshots of a running portal (scripts/start.sh) in
// Debian Chromium:  node scripts/screenshots.mjs [http://localhost:3000] [file.png ...]
// Writes docs/screenshots/*.png (only the files named, when any are).
import { chromium } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';

const launchOptions = createRequire(import.meta.url)('./lib/chromium.cjs');

const baseUrl = process.argv[2] ?? 'http://localhost:3000';
const only = process.argv.slice(3);
const outDir = path.resolve(import.meta.dirname, '../docs/screenshots');

const shots = [
  {
    file: 'entity-page.png',
    url: '/catalog/default/component/checkout',
    ready: 'Recent incidents',
    height: 1400,
  },
  {
    file: 'entity-incidents-tab.png',
    url: '/catalog/default/component/checkout/incidents',
    ready: 'Incident history',
    height: 1100,
  },
  {
    file: 'postmortem-page.png',
    url: '/catalog/default/component/checkout/incidents',
    open: 'Checkout 503s from database connection pool exhaustion',
    ready: 'Root cause',
    height: 1500,
  },
  {
    file: 'overdue-action-items.png',
    url: '/reliability/action-items',
    ready: 'Open action items',
    height: 1100,
  },
  {
    file: 'oncall-page.png',
    url: '/reliability/oncall',
    ready: 'Next 14 days',
    height: 1300,
  },
  {
    file: 'oncall-overrides.png',
    url: '/reliability/oncall',
    ready: 'Overrides',
    // Below the table of who is on call and the timeline.
    scroll: true,
    height: 1100,
  },
  {
    file: 'oncall-health.png',
    url: '/reliability/oncall',
    ready: 'Load per person',
    // At the foot of the page: its title at the top of the shot.
    scrollTo: 'On-call health',
    height: 1250,
  },
  {
    file: 'entity-slo-card.png',
    url: '/catalog/default/component/checkout',
    ready: 'Error budgets and burn rates',
    height: 1600,
  },
  {
    file: 'entity-slo-tab.png',
    url: '/catalog/default/component/checkout/slos',
    ready: 'Error budget burndown',
    height: 1500,
  },
  {
    file: 'slo-overview.png',
    url: '/reliability/slos',
    ready: 'All SLOs, worst first',
    height: 1100,
  },
  {
    file: 'entity-runbooks-card.png',
    url: '/catalog/default/component/cart',
    ready: 'What to do when its alerts fire',
    // The card sits below the SLO, incident, action item and on-call cards.
    scroll: true,
    height: 1100,
  },
  {
    file: 'runbook-library.png',
    url: '/reliability/runbooks',
    ready: 'Runbook library',
    height: 1300,
  },
  {
    file: 'runbook-page.png',
    url: '/reliability/runbooks/component%3Adefault%2Fcheckout%2Fdb-connection-pool-exhaustion',
    ready: 'Relieve pressure',
    height: 1800,
  },
  {
    file: 'reliability-review.png',
    url: '/reliability/review',
    ready: 'Response times',
    height: 1700,
  },
  {
    file: 'group-reliability-card.png',
    url: '/catalog/default/group/team-checkout',
    ready: 'Least error budget left',
    height: 1100,
  },
  {
    file: 'my-reliability.png',
    url: '/catalog/default/user/lena.hoffmann/reliability',
    ready: "SLOs of my teams' components",
    height: 800,
  },
  {
    file: 'reliability-page.png',
    url: '/reliability',
    ready: 'All incidents',
    height: 1100,
  },
];

await mkdir(outDir, { recursive: true });
const browser = await chromium.launch(launchOptions);
try {
  const page = await browser.newPage({
    viewport: { width: 1400, height: 900 },
  });
  await page.goto(baseUrl);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.getByRole('link', { name: 'Home' }).first().waitFor();
  for (const shot of shots.filter(
    s => only.length === 0 || only.includes(s.file),
  )) {
    await page.setViewportSize({ width: 1400, height: shot.height });
    await page.goto(baseUrl + shot.url);
    if (shot.open) {
      await page.getByText(shot.open).first().click();
    }
    await page
      .getByText(shot.ready, { exact: true })
      .first()
      .waitFor({ timeout: 30_000 });
    if (shot.scrollTo) {
      await page
        .getByText(shot.scrollTo, { exact: true })
        .first()
        .evaluate(element => element.scrollIntoView({ block: 'start' }));
    }
    if (shot.scroll) {
      // Cards low on a long page: bring the one the shot is about into view.
      await page
        .getByText(shot.ready, { exact: true })
        .first()
        .scrollIntoViewIfNeeded();
    }
    // Let entity titles and relative times settle.
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(outDir, shot.file) });
    console.log(`wrote docs/screenshots/${shot.file}`);
  }
} finally {
  await browser.close();
}
