// kubectl: every kubectl snippet runs through bash with stub commands, and each recorded `kubectl set env`
// is replayed by the real kubectl 1.35 against the real aws-node DaemonSet v1.23.1 (`--local -f … -o json`,
// the rest of the command unchanged). After apply the env is exactly the request, only on aws-node; after
// restore it is the shipped manifest; nothing outside `env` changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import YAML from 'yaml';
import {
  CASES, HOSTILE, IPV6_BASE, IPV6_CASE, applySettings, daemonSet, eniConfigValidator, envOf, replay, runWithStubs,
  snippet, withoutEnv,
} from './lib.mjs';

/** The shipped DaemonSet, or an IPv6 cluster's (EKS creates it with the family settings on both containers). */
function baseline(ipv6) {
  const ds = daemonSet();
  if (!ipv6) return ds;
  const spec = ds.spec.template.spec;
  const set = (c, k, v) => (c.env.find((e) => e.name === k) ?? c.env[c.env.push({ name: k }) - 1]).value = v;
  const node = spec.containers.find((c) => c.name === 'aws-node');
  for (const s of IPV6_BASE) set(node, ...s.split('='));
  set(spec.initContainers.find((c) => c.name === 'aws-vpc-cni-init'), 'ENABLE_IPv6', 'true');
  return ds;
}

const eniConfigSchema = eniConfigValidator();

function check(settings) {
  const ipv6 = settings.includes('ENABLE_IPv6=true');
  const { code, out, err } = snippet('kubectl', settings);
  assert.equal(code, 0, err);
  const [apply, restore = ''] = out.split('# Restore the shipped settings\n');
  const base = baseline(ipv6);
  const applied = runWithStubs(apply);
  const after = replay(base, applied.calls);
  assert.deepEqual(envOf(after), applySettings(envOf(base), settings), 'aws-node env after apply');
  for (const c of ['aws-eks-nodeagent', 'aws-vpc-cni-init']) assert.deepEqual(envOf(after, c), envOf(base, c), c);
  assert.deepEqual(withoutEnv(after), withoutEnv(base), 'nothing outside env changes');
  const restored = replay(after, runWithStubs(restore).calls);
  assert.deepEqual(envOf(restored), envOf(base), 'aws-node env after restore');
  assert.deepEqual(withoutEnv(restored), withoutEnv(base));
  return applied.calls;
}

test('kubectl set env applies exactly the request and restores the manifest', () => {
  for (const settings of [...CASES, IPV6_CASE]) check(settings);
});

test('custom networking applies one valid ENIConfig per zone and selects it per node', () => {
  const calls = check(['AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true']);
  const apply = calls.find((c) => c.argv[1] === 'apply');
  assert.deepEqual(apply.argv, ['kubectl', 'apply', '-f', '-']);
  const docs = YAML.parseAllDocuments(apply.stdin).map((d) => d.toJS());
  assert.deepEqual(docs.map((d) => d.metadata.name), ['us-west-2a', 'us-west-2b', 'us-west-2c']);
  for (const d of docs) assert.equal(eniConfigSchema(d), null);
  // Unset ENI_CONFIG_LABEL_DEF: ipamd reads the label k8s.amazonaws.com/eniConfig (defaultEniConfigLabelDef).
  assert.deepEqual(calls.find((c) => c.argv[1] === 'label').argv, ['kubectl', 'label', 'node', 'REPLACE-node-name', 'k8s.amazonaws.com/eniConfig=us-west-2a']);
});

test('a hostile ENIConfig label key reaches kubectl label byte for byte', () => {
  for (const [name, value] of Object.entries(HOSTILE)) {
    const calls = check(['AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true', `ENI_CONFIG_LABEL_DEF=${value}`]);
    assert.deepEqual(calls.find((c) => c.argv[1] === 'label').argv.at(-1), `${value}=us-west-2a`, name);
  }
});

test('hostile values arrive at kubectl byte for byte, with no command substitution', () => {
  for (const [name, value] of Object.entries(HOSTILE)) {
    assert.doesNotThrow(() => check([`WARM_IP_TARGET=${value}`]), name); // runWithStubs checks for `pwned`
  }
});
