// The paste boxes. "Paste your current config": `kubectl set env … --list` output or a DaemonSet's JSON pasted on
// the page fills the settings fields, the same as `vpc-cni-calc settings import` reads them; YAML is refused with
// the way to the CLI. "Paste your nodes and pods": `kubectl get nodes`/`get pods` JSON become the cluster
// editor's node groups, the same as `vpc-cni-calc cluster --from-kubectl … --print-spec` reads them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { harness } from './harness.mjs';

const env = harness();

/** The settings' paste box. */
const settings = page => page.locator('.paste', { hasText: 'Paste your current config' });

test('pasting kubectl set env --list output fills the settings fields', async () => {
  const page = await env.browser.newPage();
  await page.goto(env.base + '/');
  await page.locator('[data-testid=ips-held]').waitFor();
  await page.getByText('Paste your current config').click();
  assert.match(await settings(page).textContent(), /Nothing is sent anywhere/);
  // tests/import/aws-node-env.list: ENABLE_PREFIX_DELEGATION=true, WARM_IP_TARGET=5, MINIMUM_IP_TARGET=30,
  // WARM_ENI_TARGET=1 (the manifest's), no WARM_PREFIX_TARGET, and the misspelt WARM_IP_TARGT=3.
  await page.locator('#f-paste-settings').fill(readFileSync('tests/import/aws-node-env.list', 'utf8'));
  await page.getByRole('button', { name: 'Fill the settings' }).click();
  assert.equal(await page.getByLabel('WARM_IP_TARGET', { exact: true }).inputValue(), '5');
  assert.equal(await page.getByLabel('MINIMUM_IP_TARGET', { exact: true }).inputValue(), '30');
  assert.ok(await page.getByLabel('IPv4 prefix delegation').isChecked());
  const status = await settings(page).locator('[role=status]').textContent();
  assert.match(status, /DaemonSet aws-node/);
  assert.match(status, /WARM_IP_TARGT is not a variable aws-node v1\.23\.1 reads \(did you mean WARM_IP_TARGET\?\)/);
  // ... and named as not carried: the page models the sizing settings only (the CLI's settings import keeps it).
  assert.match(status, /Not sizing settings, so not in the fields, the link or the snippets: .*WARM_IP_TARGT=3/);
  // The seed example's WARM_IP_TARGET=2 is gone: the snippet carries the pasted settings.
  const kubectl = (await page.locator('#snippet-kubectl').textContent()).split('# Restore')[0];
  for (const s of ['WARM_IP_TARGET=5', 'MINIMUM_IP_TARGET=30', 'ENABLE_PREFIX_DELEGATION=true']) assert.ok(kubectl.includes(` ${s}`), s);
  assert.ok(!kubectl.includes('WARM_IP_TARGET=2'), kubectl);
  // YAML is for the CLI: an inline message, and the fields keep their values.
  await page.locator('#f-paste-settings').fill(readFileSync('tests/import/daemonset.yaml', 'utf8'));
  await page.getByRole('button', { name: 'Fill the settings' }).click();
  assert.match(await settings(page).locator('[role=alert]').textContent(), /for YAML use the CLI: vpc-cni-calc settings import FILE/);
  assert.equal(await page.getByLabel('WARM_IP_TARGET', { exact: true }).inputValue(), '5');
  assert.ok(await page.getByLabel('IPv4 prefix delegation').isChecked());
  await page.close();
});

test('pasting the DaemonSet as JSON fills the settings fields', async () => {
  const page = await env.browser.newPage();
  await page.goto(env.base + '/');
  await page.locator('[data-testid=ips-held]').waitFor();
  await page.getByText('Paste your current config').click();
  // tests/import/daemonset.json: the released manifest's env with WARM_PREFIX_TARGET removed and WARM_IP_TARGET=5,
  // MINIMUM_IP_TARGET=30 appended (`vpc-cni-calc settings import tests/import/daemonset.json` prints them);
  // ENABLE_PREFIX_DELEGATION stays the manifest's false.
  await page.locator('#f-paste-settings').fill(readFileSync('tests/import/daemonset.json', 'utf8'));
  await page.getByRole('button', { name: 'Fill the settings' }).click();
  assert.equal(await page.getByLabel('WARM_IP_TARGET', { exact: true }).inputValue(), '5');
  assert.equal(await page.getByLabel('MINIMUM_IP_TARGET', { exact: true }).inputValue(), '30');
  assert.ok(!(await page.getByLabel('IPv4 prefix delegation').isChecked()));
  assert.match(await settings(page).locator('[role=status]').textContent(), /DaemonSet aws-node/);
  assert.equal(new URL(page.url()).searchParams.get('WARM_IP_TARGET'), '5');
  // Broken JSON: a one-line message that names the reader's rule; the fields keep the last paste's values.
  await page.locator('#f-paste-settings').fill('{"kind": "DaemonSet",');
  await page.getByRole('button', { name: 'Fill the settings' }).click();
  assert.match(await settings(page).locator('[role=alert]').textContent(), /^not JSON \(/);
  assert.equal(await page.getByLabel('WARM_IP_TARGET', { exact: true }).inputValue(), '5');
  await page.close();
});

test('pasting kubectl nodes and pods fills the node groups and keeps the subnets', async () => {
  const page = await env.browser.newPage({ viewport: { width: 360, height: 800 } });
  await page.goto(env.base + '/');
  await page.locator('[data-testid=ips-held]').waitFor();
  const subnet = await page.locator('#c-subnet').inputValue();
  await page.getByText('Paste your nodes and pods').click();
  const box = page.locator('.paste', { hasText: 'Paste your nodes and pods' });
  assert.match(await box.textContent(), /Nothing is sent anywhere/);
  // Nodes alone first: the groups with 0 pods (without the pod list no pod is counted).
  await page.getByLabel('Output of kubectl get nodes -o json').fill(readFileSync('tests/import/nodes.json', 'utf8'));
  await page.getByRole('button', { name: 'Fill the node groups' }).click();
  assert.equal(await page.locator('#c-pods').inputValue(), '0');
  assert.match(await box.locator('[role=status]').textContent(), /Without the pods, every group has 0 pods/);
  // The 83 KB pod list goes in as one paste does, in one go (playwright's fill did not finish it in 30 s).
  await page.getByLabel('Output of kubectl get pods -A -o json (optional)').evaluate((area, text) => {
    area.value = text;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, readFileSync('tests/import/pods.json', 'utf8'));
  const button = page.getByRole('button', { name: 'Fill the node groups' });
  const size = await button.boundingBox();
  assert.ok(size.height >= 44, `the button is ${size.height} px high at 360 px`);
  await button.focus();
  await page.keyboard.press('Enter');
  // The CLI's reading of the same two files: batch (Karpenter, c5.xlarge: busiest node 20 running, the 3
  // succeeded left out; 1 node in each AZ) and general (EKS, m5.large: busiest node 12 running + 1 pending = 13;
  // 2 nodes in us-west-2a, 1 in us-west-2b); the Fargate node is left out with a warning.
  const spec = JSON.parse(execFileSync('cargo', ['run', '-q', '--bin', 'vpc-cni-calc', '--', 'cluster', '--from-kubectl',
    'tests/import/nodes.json', 'tests/import/pods.json', '--print-spec'], { encoding: 'utf8' }));
  assert.deepEqual(spec.node_groups.map(g => [g.name, g.instance_type, g.pods, g.nodes]), [['batch', 'c5.xlarge', 20, 2], ['general', 'm5.large', 13, 3]]);
  const cells = [];
  for (const prefix of ['c-', 'c-g1-']) {
    const cell = key => page.locator(`#${prefix}${key}`).inputValue();
    cells.push({ name: await cell('name'), instance_type: await cell('type'), pods: Number(await cell('pods')),
      nodes: Number(await cell('nodes')), azs: (await cell('azs')).split(',').map(a => a.trim()) });
  }
  assert.deepEqual(cells, spec.node_groups.map(({ name, instance_type, pods, nodes, azs }) => ({ name, instance_type, pods, nodes, azs })));
  assert.equal(await page.locator('#c-g2-name').count(), 0);
  // Subnets are the user's: the one typed before stays.
  assert.equal(await page.locator('#c-subnet').inputValue(), subnet);
  const status = await box.locator('[role=status]').textContent();
  assert.match(status, /^Read 2 node groups \(5 nodes\)\. Add the subnets they use\./);
  assert.match(status, /fargate-ip-.* left out: aws-node does not run on eks\.amazonaws\.com\/compute-type=fargate/);
  // The groups live in the form, so in the link.
  const query = new URL(page.url()).searchParams;
  assert.deepEqual([query.get('name'), query.get('g1.name'), query.get('g1.pods')], ['batch', 'general', '13']);
  // A paste that is not a node list: one line naming the rule, and the groups stay.
  await page.getByLabel('Output of kubectl get nodes -o json').fill('{"kind": "List"}');
  await page.getByRole('button', { name: 'Fill the node groups' }).click();
  assert.equal(await box.locator('[role=alert]').textContent(), 'nodes: expected kubectl get nodes -o json (a List with items)');
  assert.equal(await page.locator('#c-g1-name').inputValue(), 'general');
  await page.close();
});
