// The YAML a user pastes into node and cluster config: nodeadm NodeConfig and Karpenter's kubelet block (max
// pods, and the IPv6 kit's AL2023 node) against their CRD schemas, eksctl's ClusterConfigs against eksctl's
// schema; and the shell parts of the kit run through bash with stub commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { UPSTREAM, runWithStubs, sections, snippet, validator } from './lib.mjs';

const schema = (f) => validator(JSON.parse(fs.readFileSync(path.join(UPSTREAM, f), 'utf8')));
const nodeadm = schema('nodeadm-v1alpha1-nodeconfig.schema.json');
const karpenter = schema('karpenter-v1.14.1-ec2nodeclass-spec-kubelet.schema.json');
const eksctl = schema('eksctl-v0.230-clusterconfig.schema.json');
const parse = (text) => YAML.parse(text, { strict: true, uniqueKeys: true });

for (const n of ['1', '110', '737', '2147483647']) {
  test(`max-pods ${n}: nodeadm, Karpenter and eksctl blocks validate and carry it`, () => {
    const { code, out, err } = snippet('max-pods', [n]);
    assert.equal(code, 0, err);
    const s = sections(out);
    const node = parse(s['Amazon Linux 2023 (nodeadm NodeConfig in the user data)']);
    assert.equal(nodeadm(node), null);
    assert.equal(node.spec.kubelet.maxPodsExpression, n); // a CEL integer literal
    const k = parse(s['Karpenter v1 EC2NodeClass']).spec.kubelet;
    assert.equal(karpenter(k), null);
    assert.equal(k.maxPods, Number(n));
    const mng = parse(s['eksctl managed node group']);
    const doc = { apiVersion: 'eksctl.io/v1alpha5', kind: 'ClusterConfig', metadata: { name: 'c', region: 'us-west-2' }, ...mng };
    assert.equal(eksctl(doc), null);
    assert.equal(mng.managedNodeGroups[0].maxPodsPerNode, Number(n));
    assert.match(out, /bootstrap\.sh \(legacy/);
  });
}

test('the IPv6 kit: eksctl ClusterConfig and AL2023 NodeConfig validate; the shell parts run', () => {
  const s = sections(snippet('ipv6-cluster').out);
  const cluster = parse(s['eksctl ClusterConfig (eksctl create cluster -f cluster.yaml)']);
  assert.equal(eksctl(cluster), null);
  assert.equal(cluster.kubernetesNetworkConfig.ipFamily, 'IPv6');
  assert.equal(cluster.iam.withOIDC, true);
  assert.deepEqual(cluster.addons.map((a) => a.name), ['vpc-cni', 'coredns', 'kube-proxy']);
  const node = parse(s['Self-managed nodes, Amazon Linux 2023 (nodeadm NodeConfig in the user data)']);
  assert.equal(nodeadm(node), null);
  assert.match(node.spec.cluster.cidr, /^fd00:.*\/108$/);
  // bootstrap.sh is on the node, not here: check that bash parses the line and what it passes.
  const al2 = s['Self-managed nodes, Amazon Linux 2 bootstrap.sh (legacy)'];
  const calls = runWithStubs(al2.replace('/etc/eks/bootstrap.sh', 'eksctl')).calls;
  assert.deepEqual(calls[0].argv.slice(1), ['my-cluster', '--ip-family', 'ipv6', '--service-ipv6-cidr', 'fd00:REPLACE::/108']);
});

test('ipv6-iam prints a policy document and nothing else', () => {
  const { code, out } = snippet('ipv6-iam');
  assert.equal(code, 0);
  const policy = JSON.parse(out);
  assert.equal(policy.Version, '2012-10-17');
  assert.ok(policy.Statement[0].Action.includes('ec2:AssignIpv6Addresses'));
});

test('settings ipamd refuses are refused by every format: one line, exit 2', () => {
  for (const bad of [['ENABLE_IPv4=false'], ['ENABLE_IPv6=true', 'ENABLE_PREFIX_DELEGATION=true'], ['ENABLE_IPv4=false', 'ENABLE_IPv6=true'],
    ['ENABLE_IPv4=false', 'ENABLE_IPv6=true', 'ENABLE_PREFIX_DELEGATION=true', 'AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true']]) {
    for (const f of ['kubectl', 'cdk', 'addon', 'eksctl', 'terraform', 'helm']) {
      const { code, out, err } = snippet(f, bad);
      assert.equal(code, 2, `${f} ${bad}`);
      assert.equal(out, '');
      assert.equal(err.split('\n').length, 2, err);
      assert.match(err, /ipamd refuses to start/);
    }
  }
});
