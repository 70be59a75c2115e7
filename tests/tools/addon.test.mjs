// The EKS add-on and eksctl: the `aws eks update-addon` command runs through bash with a stub `aws`, and its
// `--configuration-values` validates against the add-on schema and carries each value byte for byte; the
// eksctl ClusterConfig validates against eksctl's schema and its `configurationValues` against the add-on's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { CASES, HOSTILE, IPV6_CASE, UPSTREAM, addonValidator, runWithStubs, snippet, validator } from './lib.mjs';

const addonSchema = addonValidator();
const eksctlSchema = validator(JSON.parse(fs.readFileSync(path.join(UPSTREAM, 'eksctl-v0.230-clusterconfig.schema.json'), 'utf8')));

/** The env the add-on formats must carry: the settings' values, minus removals and the keys outside the schema. */
function expectedEnv(settings) {
  const env = {};
  for (const s of settings) {
    const eq = s.indexOf('=');
    const key = eq >= 0 ? s.slice(0, eq) : s.slice(0, -1);
    if (eq >= 0 && !['ENABLE_IPv4', 'ENABLE_IPv6'].includes(key)) env[key] = s.slice(eq + 1);
  }
  // IPv6: prefix delegation is the cluster's, not the user's change.
  if (settings.includes('ENABLE_IPv6=true')) delete env.ENABLE_PREFIX_DELEGATION;
  // Values equal to the manifest's are no change.
  for (const [k, v] of Object.entries({ WARM_ENI_TARGET: '1', WARM_PREFIX_TARGET: '1' })) if (env[k] === v) delete env[k];
  return env;
}

function checkValues(values, settings, label) {
  assert.equal(addonSchema(values), null, label);
  assert.deepEqual(values.env ?? {}, expectedEnv(settings), label);
  if (settings.includes('AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true')) {
    assert.deepEqual(Object.keys(values.eniConfig.subnets), ['us-west-2a', 'us-west-2b', 'us-west-2c'], label);
  }
}

function addon(settings) {
  const { code, out, err } = snippet('addon', settings);
  assert.equal(code, 0, err);
  const calls = runWithStubs(out).calls.filter((c) => c.argv[0] === 'aws');
  assert.equal(calls.length, 1, out);
  const argv = calls[0].argv;
  assert.deepEqual(argv.slice(0, 3), ['aws', 'eks', 'update-addon']);
  checkValues(JSON.parse(argv[argv.indexOf('--configuration-values') + 1]), settings, settings.join(' '));
}

function eksctl(settings) {
  const { code, out, err } = snippet('eksctl', settings);
  assert.equal(code, 0, err);
  const doc = YAML.parse(out, { strict: true, uniqueKeys: true });
  assert.equal(eksctlSchema(doc), null);
  const addon = doc.addons.find((a) => a.name === 'vpc-cni');
  assert.equal(addon.version, undefined, 'no version: the installed add-on stays');
  checkValues(YAML.parse(addon.configurationValues), settings, settings.join(' '));
}

test('update-addon configurationValues validate against the add-on schema', () => {
  for (const settings of [...CASES, IPV6_CASE]) addon(settings);
});

test('eksctl ClusterConfig validates against eksctl and add-on schemas', () => {
  for (const settings of [...CASES, IPV6_CASE]) eksctl(settings);
});

test('a change that only removes keys prints no update-addon command', () => {
  const { out } = snippet('addon', ['WARM_PREFIX_TARGET-']);
  assert.deepEqual(runWithStubs(out).calls, []);
  assert.match(out, /cannot unset/);
});

test('hostile values stay valid and arrive byte for byte in the add-on and eksctl formats', () => {
  for (const [name, value] of Object.entries(HOSTILE)) {
    const settings = [`WARM_IP_TARGET=${value}`];
    assert.doesNotThrow(() => addon(settings), name);
    assert.doesNotThrow(() => eksctl(settings), name);
    // The ENIConfig label key also shows in the custom-networking notes: they must not break the YAML or shell.
    const custom = ['AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true', `ENI_CONFIG_LABEL_DEF=${value}`];
    assert.doesNotThrow(() => addon(custom), name);
    assert.doesNotThrow(() => eksctl(custom), name);
  }
});
