// Test fixtures: each worker serves the built dist/ under /kubehops/ on its own port, and
// every test fails if the page asked for anything outside that site or logged an error.

import { test as base, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { startStaticSite, type StaticSite } from './static-server';

const DIST = fileURLToPath(new URL('../dist', import.meta.url));

interface PageLog {
  /** Requests to another origin, or to this origin outside the site's sub-path. */
  readonly strays: string[];
  /** Requests that stayed inside the site. */
  readonly local: string[];
  /** Uncaught exceptions and console errors. */
  readonly errors: string[];
}

export const test = base.extend<{ pageLog: PageLog }, { site: StaticSite }>({
  // Playwright reads a fixture's dependencies from its first parameter's pattern: none here.
  // eslint-disable-next-line no-empty-pattern
  site: [async ({}, use) => {
    const site = await startStaticSite(DIST);
    await use(site);
    await site.close();
  }, { scope: 'worker' }],

  baseURL: async ({ site }, use) => use(site.url),

  pageLog: [async ({ context, page, site }, use) => {
    const log: PageLog = { strays: [], local: [], errors: [] };
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin === site.origin && url.pathname.startsWith(site.mount)) {
        log.local.push(url.href);
        return route.continue();
      }
      log.strays.push(url.href);
      return route.abort('blockedbyclient');
    });
    page.on('pageerror', (e) => log.errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') log.errors.push(`console: ${m.text()}`);
    });
    await use(log);
    expect(log.strays, 'requests that left the site').toEqual([]);
    expect(log.errors, 'errors in the page').toEqual([]);
  }, { auto: true }],
});

export { expect };
