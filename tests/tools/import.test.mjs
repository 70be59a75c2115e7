// Settings import, checked with the real kubectl: what `vpc-cni-calc settings import` reads from a DaemonSet is
// what `kubectl set env --list` prints for it, and the round trip holds: import, then `snippet kubectl` of the
// imported settings, then `kubectl set env --local` on the released manifest gives the same aws-node env.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { BIN, KUBECTL, ROOT, daemonSet, envOf, replay, run, runWithStubs, tmpdir } from './lib.mjs';

const fixture = (name) => path.join(ROOT, 'tests/import', name);
const cli = (...args) => run(BIN, args).stdout;

/** `KEY=VALUE` and `# NAME from …` lines of the aws-node section of a `--list`-style text. */
function awsNodeSection(text) {
  const out = [];
  let inside = true;
  for (const line of text.split('\n')) {
    const header = /, container (\S+)/.exec(line);
    if (header) inside = header[1] === 'aws-node';
    else if (inside && line && !line.startsWith('# warning')) out.push(line);
  }
  return out;
}

test('settings import reads a DaemonSet as kubectl set env --list does', () => {
  const dir = tmpdir('import');
  const manifestDs = path.join(dir, 'ds.json');
  fs.writeFileSync(manifestDs, JSON.stringify(daemonSet()));
  for (const file of [manifestDs, fixture('daemonset.json')]) {
    const kubectl = run(KUBECTL, ['set', 'env', '--local', '-f', file, '-c', 'aws-node', '--list']).stdout;
    assert.deepEqual(awsNodeSection(cli('settings', 'import', file)), awsNodeSection(kubectl), file);
  }
  // The YAML fixture is the same object as the JSON one.
  const yaml = YAML.parse(fs.readFileSync(fixture('daemonset.yaml'), 'utf8'));
  assert.deepEqual(yaml, JSON.parse(fs.readFileSync(fixture('daemonset.json'), 'utf8')));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The aws-node env after `snippet kubectl --settings-from FILE` is replayed on the released manifest. */
function roundTrip(file) {
  const script = cli('snippet', 'kubectl', '--settings-from', file).split('# Restore the shipped settings\n')[0];
  return envOf(replay(daemonSet(), runWithStubs(script).calls));
}

test('import, snippet kubectl, kubectl set env --local: the DaemonSet env comes back', () => {
  const want = envOf(JSON.parse(fs.readFileSync(fixture('daemonset.json'), 'utf8')));
  for (const f of ['daemonset.json', 'daemonset.yaml']) assert.deepEqual(roundTrip(fixture(f)), want, f);
});

test('add-on configurationValues and Helm values: the sizing settings they change come back on the manifest', () => {
  const manifest = envOf(daemonSet());
  // describe-addon.json: ENABLE_PREFIX_DELEGATION=true MINIMUM_IP_TARGET=16 WARM_PREFIX_TARGET=1 (already 1).
  assert.deepEqual(roundTrip(fixture('describe-addon.json')), {
    ...manifest, ENABLE_PREFIX_DELEGATION: 'true', MINIMUM_IP_TARGET: '16',
  });
  // helm-values.yaml: WARM_IP_TARGET=3 MINIMUM_IP_TARGET=12 WARM_ENI_TARGET=0. AWS_VPC_K8S_CNI_EXTERNALSNAT
  // changes no sizing, so the calculator's snippet leaves it alone (settings import still prints it).
  assert.deepEqual(roundTrip(fixture('helm-values.yaml')), {
    ...manifest, WARM_IP_TARGET: '3', MINIMUM_IP_TARGET: '12', WARM_ENI_TARGET: '0',
  });
  assert.match(cli('settings', 'import', fixture('helm-values.yaml')), /^AWS_VPC_K8S_CNI_EXTERNALSNAT=true$/m);
});

test('a snippet from imported settings says which non-sizing variables it does not carry; the add-on snippet refuses', () => {
  // The released DaemonSet with two changes: WARM_IP_TARGET=4 (sizing) and AWS_VPC_K8S_CNI_LOGLEVEL=INFO (not).
  const dir = tmpdir('import-nonsizing');
  const ds = daemonSet();
  const env = ds.spec.template.spec.containers.find((c) => c.name === 'aws-node').env;
  env.find((e) => e.name === 'AWS_VPC_K8S_CNI_LOGLEVEL').value = 'INFO';
  env.push({ name: 'WARM_IP_TARGET', value: '4' });
  const file = path.join(dir, 'ds.json');
  fs.writeFileSync(file, JSON.stringify(ds));
  const snippet = cli('snippet', 'kubectl', '--settings-from', file);
  assert.match(snippet.split('\n')[0], /^# Not carried from .*AWS_VPC_K8S_CNI_LOGLEVEL=INFO/);
  // Replayed with the real kubectl on the manifest: the sizing change arrives, LOGLEVEL stays the manifest's
  // DEBUG, as the comment says.
  const replayed = roundTrip(file);
  assert.equal(replayed.WARM_IP_TARGET, '4');
  assert.equal(replayed.AWS_VPC_K8S_CNI_LOGLEVEL, 'DEBUG');
  // helm-values.yaml sets AWS_VPC_K8S_CNI_EXTERNALSNAT=true and init DISABLE_TCP_EARLY_DEMUX=true: an add-on
  // snippet (configurationValues replaces the whole configuration) would reset them, so it is refused in one line.
  for (const fmt of ['addon', 'eksctl', 'terraform']) {
    const r = run(BIN, ['snippet', fmt, '--settings-from', fixture('helm-values.yaml')], { ok: false });
    assert.equal(r.status, 2, fmt);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^vpc-cni-calc: .*would reset AWS_VPC_K8S_CNI_EXTERNALSNAT=true, init DISABLE_TCP_EARLY_DEMUX=true: .*\n$/);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});
