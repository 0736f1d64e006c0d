import { test, expect } from '@playwright/test';
import { cardAround, openPage, screenshot, signInAsGuest } from './helpers';

const CHECKOUT = '/catalog/default/component/checkout';

test("checkout's SLO card and tab state whether it may deploy, why, and who may grant an exception", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1400, height: 2000 });
  await signInAsGuest(page);

  // The demo's checkout has spent more than half of its availability budget:
  // deploys are held back, and the card says so first, with the cause.
  const verdict = page.getByRole('status', { name: 'Deploy verdict' });
  await openPage(page, CHECKOUT, verdict);
  const card = cardAround(verdict);
  await expect(card.getByText('SLOs', { exact: true })).toBeVisible();
  await expect(verdict).toContainText(
    /^(Deploys|Feature deploys) (allowed with conditions|blocked): Checkout [A-Za-z0-9 ]+ has used \d+ % of its budget \((Deployment slowdown|Freeze non-critical deployments|Full deployment freeze|Budget exhausted)\)\./,
  );
  await expect(verdict).toContainText(/Budget (back|not back) below \d+ %/);
  // Approvers by name, linked to their pages; never a raw entity ref.
  const lead = verdict.getByRole('link', { name: 'Lena Hoffmann' });
  await expect(lead).toHaveAttribute(
    'href',
    '/catalog/default/user/lena.hoffmann',
  );
  await expect(verdict).toContainText('(team lead of Team Checkout)');
  await expect(verdict).not.toContainText('user:default/');
  // The verdict leads the card, above the first SLO.
  const first = card.getByRole('region', { name: /^SLO / }).first();
  const [verdictBox, sloBox] = await Promise.all([
    verdict.boundingBox(),
    first.boundingBox(),
  ]);
  expect(verdictBox!.y).toBeLessThan(sloBox!.y);
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'deploy-gate-card');

  // The SLOs tab leads with the same verdict.
  const headline = (await verdict.locator('strong').innerText()).trim();
  await openPage(
    page,
    `${CHECKOUT}/slos`,
    page.getByRole('status', { name: 'Deploy verdict' }),
  );
  await expect(
    page.getByRole('status', { name: 'Deploy verdict' }).locator('strong'),
  ).toHaveText(headline);
  await screenshot(page, 'deploy-gate-tab');
});
