// The "Paste your current config" box: `kubectl set env … --list` output pasted on the page fills the settings
// fields, the same as `vpc-cni-calc settings import` reads it; JSON is refused with the way to the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { harness } from './harness.mjs';

const env = harness();

test('pasting kubectl set env --list output fills the settings fields', async () => {
  const page = await env.browser.newPage();
  await page.goto(env.base + '/');
  await page.locator('[data-testid=ips-held]').waitFor();
  await page.getByText('Paste your current config').click();
  assert.match(await page.locator('.paste').textContent(), /Nothing is sent anywhere/);
  // tests/import/aws-node-env.list: ENABLE_PREFIX_DELEGATION=true, WARM_IP_TARGET=5, MINIMUM_IP_TARGET=30,
  // WARM_ENI_TARGET=1 (the manifest's), no WARM_PREFIX_TARGET, and the misspelt WARM_IP_TARGT=3.
  await page.locator('#f-paste-settings').fill(readFileSync('tests/import/aws-node-env.list', 'utf8'));
  await page.getByRole('button', { name: 'Fill the settings' }).click();
  assert.equal(await page.getByLabel('WARM_IP_TARGET', { exact: true }).inputValue(), '5');
  assert.equal(await page.getByLabel('MINIMUM_IP_TARGET', { exact: true }).inputValue(), '30');
  assert.ok(await page.getByLabel('IPv4 prefix delegation').isChecked());
  const status = await page.locator('.paste [role=status]').textContent();
  assert.match(status, /DaemonSet aws-node/);
  assert.match(status, /WARM_IP_TARGT is not a variable aws-node v1\.23\.1 reads \(did you mean WARM_IP_TARGET\?\)/);
  // The seed example's WARM_IP_TARGET=2 is gone: the snippet carries the pasted settings.
  const kubectl = (await page.locator('#snippet-kubectl').textContent()).split('# Restore')[0];
  for (const s of ['WARM_IP_TARGET=5', 'MINIMUM_IP_TARGET=30', 'ENABLE_PREFIX_DELEGATION=true']) assert.ok(kubectl.includes(` ${s}`), s);
  assert.ok(!kubectl.includes('WARM_IP_TARGET=2'), kubectl);
  // JSON is for the CLI: an inline message, and the fields keep their values.
  await page.locator('#f-paste-settings').fill(readFileSync('tests/import/daemonset.json', 'utf8'));
  await page.getByRole('button', { name: 'Fill the settings' }).click();
  assert.match(await page.locator('.paste [role=alert]').textContent(), /vpc-cni-calc settings import FILE/);
  assert.equal(await page.getByLabel('WARM_IP_TARGET', { exact: true }).inputValue(), '5');
  await page.close();
});
