// What every end-to-end test file shares: Debian's Chromium through playwright-core, the built dist/
// served under its CSP, and pages that record console errors and any request leaving the origin.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** The seed example (the first preset) on the first visit's 20 nodes in a /24, as a link. */
export const SEED = '/?type=m5.large&pods=5&WARM_IP_TARGET=2&nodes=20&subnet=10.0.0.0/24';

/** Starts the server and the browser for this file's tests; `env.base`, `env.browser` once they run. */
export function harness() {
  const env = { consoleErrors: [], foreignRequests: [] };
  before(async () => {
    env.server = await serve('dist', 0);
    env.base = `http://127.0.0.1:${env.server.address().port}`;
    env.browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS, headless: true });
  });
  after(async () => {
    await env.browser?.close();
    env.server?.close();
  });
  /** A fresh page at `path` that records console errors and foreign requests, once the result shows. */
  env.open = async (path = '/', options = {}) => {
    const context = await env.browser.newContext(options);
    const page = await context.newPage();
    env.watch(page, path);
    await page.goto(env.base + path);
    await page.locator('[data-testid=ips-held]').waitFor();
    return { context, page };
  };
  env.watch = (page, label) => {
    page.on('console', (m) => { if (m.type() === 'error') env.consoleErrors.push(`${label}: ${m.text()}`); });
    page.on('pageerror', (e) => env.consoleErrors.push(`${label}: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith(env.base) && !r.url().startsWith('data:')) env.foreignRequests.push(r.url());
    });
  };
  return env;
}
