import { defineConfig } from '@playwright/test';
import { generateProjects } from '@backstage/e2e-test-utils/playwright';

// Debian's Chromium, launched as scripts/lib/chromium.cjs says.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const launchOptions = require('./scripts/lib/chromium.cjs');

// scripts/test.sh starts the portal itself (on free ports) and passes its URL in
// PLAYWRIGHT_URL; without it, `yarn test:e2e` starts the dev servers, or reuses
// the ones you already run.
const externalServer = Boolean(process.env.PLAYWRIGHT_URL);

/**
 * See https://playwright.dev/docs/test-configuration.
 */
export default defineConfig({
  timeout: 90_000,

  expect: {
    timeout: 15_000,
  },

  webServer: externalServer
    ? []
    : [
        {
          command: 'yarn start app',
          port: 3000,
          reuseExistingServer: true,
          timeout: 180_000,
        },
        {
          command: 'yarn start backend',
          url: 'http://localhost:7007/.backstage/health/v1/readiness',
          reuseExistingServer: true,
          timeout: 180_000,
        },
      ],

  forbidOnly: !!process.env.CI,

  // One retry at most, and only in CI: a test that needs it is reported as flaky.
  retries: process.env.CI ? 1 : 0,

  // A dev server and a backend already share the two cores.
  workers: 1,

  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],

  use: {
    actionTimeout: 0,
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'on-first-retry',
    launchOptions,
  },

  outputDir: 'node_modules/.cache/e2e-test-results',

  // One project per package with an e2e-tests folder. generateProjects() sets
  // `channel: 'chrome'` (Google Chrome), which is not installed here: drop it so
  // that the executablePath above is used.
  projects: generateProjects().map(project => ({
    ...project,
    use: {
      ...project.use,
      channel: undefined,
      browserName: 'chromium' as const,
      launchOptions,
    },
  })),
});
