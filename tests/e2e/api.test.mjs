// The JavaScript API from a plain docs page on the same origin, under the site's CSP: the page imports
// www/api.js, writes a number into its text, and each call returns what the CLI prints (the same objects as
// its --json, the same snippet text) or throws the CLI's one-line message. Also: api.d.ts type-checks.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { harness } from './harness.mjs';

// The docs page is served beside the site, from the same origin; copied before the harness starts the server.
before(() => cpSync('tests/e2e/api-fixture', 'dist/api-fixture', { recursive: true }));
const env = harness();

/** The CLI on the same code: stdout, or the one-line error without the program name. */
function cli(args) {
  const r = spawnSync('cargo', ['run', '-q', '--bin', 'vpc-cni-calc', '--', ...args], { encoding: 'utf8' });
  return r.status === 0 ? { out: r.stdout } : { err: r.stderr.trim().replace(/^vpc-cni-calc: /, '') };
}

test('a docs page imports the API under the CSP, writes a number, and gets what the CLI gives', async () => {
  const page = await env.browser.newPage();
  const errors = [];
  // Chromium asks for /favicon.ico on its own for a page at a sub-path; that 404 is not the page's.
  page.on('console', (m) => { if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.base}/api-fixture/`);
  const planArgs = ['plan', 'm5.large', '--pods', '20', 'WARM_IP_TARGET=2', '--json'];
  const expected = JSON.parse(cli(planArgs).out);
  await page.locator('#ips').filter({ hasText: String(expected.steady_state.total_ips) }).waitFor();
  assert.equal(await page.locator('#ips').textContent(), '22'); // 20 pods + WARM_IP_TARGET 2

  const spec = JSON.parse(readFileSync('tests/cluster/issue-example.json', 'utf8'));
  const got = await page.evaluate(async (spec) => {
    const api = await import('/www/api.js');
    const thrown = (f) => { try { f(); return null; } catch (e) { return { isError: e instanceof Error, message: e.message }; } };
    return {
      plan: api.plan({ instance_type: 'm5.large', pods: 20, settings: { WARM_IP_TARGET: '2' } }),
      cluster: api.cluster(spec),
      snippet: api.snippet('kubectl', { WARM_IP_TARGET: '2' }),
      badType: thrown(() => api.plan({ instance_type: 'm5.larg', pods: 5 })),
      badSetting: thrown(() => api.snippet('kubectl', { WARM_IP_TARGT: '2' })),
      badSpec: thrown(() => api.cluster({ ...spec, subnets: [{ cidr: '10.0.0.0/33', az: 'a' }] })),
    };
  }, spec);
  assert.deepEqual(got.plan, expected);
  assert.deepEqual(got.cluster, JSON.parse(cli(['cluster', 'tests/cluster/issue-example.json', '--json']).out));
  assert.equal(got.snippet, cli(['snippet', 'kubectl', 'WARM_IP_TARGET=2']).out);
  assert.deepEqual(got.badType, { isError: true, message: cli(['plan', 'm5.larg', '--pods', '5']).err });
  assert.deepEqual(got.badSetting, { isError: true, message: cli(['snippet', 'kubectl', 'WARM_IP_TARGT=2']).err });
  assert.equal(got.badSpec.isError, true);
  assert.match(got.badSpec.message, /prefix length|10\.0\.0\.0\/33/);
  // The docs page gets no calculator, and nothing broke the CSP.
  assert.equal(await page.locator('[data-testid=ips-held]').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('api.d.ts declares the calls and their objects (tsc --strict)', () => {
  execFileSync('node_modules/.bin/tsc', ['--noEmit', '--strict', '--target', 'es2022', '--module', 'es2022',
    '--moduleResolution', 'bundler', 'tests/e2e/api-fixture/check.ts'], { encoding: 'utf8' });
});
