// End-to-end tests: Playwright drives the built site (dist/, built by `npm run build`; the
// tests build nothing) in Debian's Chromium. Each worker serves dist/ itself under
// /kubehops/ on a free localhost port (e2e/fixtures.ts).

import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'e2e/screenshots/results',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    reducedMotion: 'reduce',
    serviceWorkers: 'block',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.KUBEHOPS_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
