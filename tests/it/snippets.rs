use vpc_cni_calc::config::CniEnv;
use vpc_cni_calc::snippets::{generate, Format};

#[track_caller]
fn check(format: Format, settings: &[&str], expected: &str) {
    let mut env = CniEnv::manifest();
    for s in settings {
        env.apply(s).unwrap();
    }
    assert_eq!(generate(format, &env), expected);
}

#[test]
fn kubectl_sets_and_restores() {
    check(
        Format::Kubectl,
        &["WARM_IP_TARGET=2", "MINIMUM_IP_TARGET=10", "WARM_ENI_TARGET=0"],
        "# Apply
kubectl set env daemonset/aws-node -n kube-system -c aws-node WARM_ENI_TARGET=0 WARM_IP_TARGET=2 MINIMUM_IP_TARGET=10

# Restore the shipped settings
kubectl set env daemonset/aws-node -n kube-system -c aws-node WARM_ENI_TARGET=1 WARM_IP_TARGET- MINIMUM_IP_TARGET-

# If vpc-cni is an EKS managed add-on, set these in configurationValues instead:
# kubectl edits are lost when the add-on is updated with --resolve-conflicts OVERWRITE.
",
    );
}

#[test]
fn kubectl_ipv6_targets_the_init_container_too_and_quotes_odd_values() {
    check(
        Format::Kubectl,
        &["ENABLE_IPv4=false", "ENABLE_IPv6=true", "ENABLE_PREFIX_DELEGATION=true"],
        "# Apply
kubectl set env daemonset/aws-node -n kube-system -c aws-node ENABLE_PREFIX_DELEGATION=true ENABLE_IPv4=false ENABLE_IPv6=true
kubectl set env daemonset/aws-node -n kube-system -c aws-vpc-cni-init ENABLE_IPv6=true

# Restore the shipped settings
kubectl set env daemonset/aws-node -n kube-system -c aws-node ENABLE_PREFIX_DELEGATION=false ENABLE_IPv4=true ENABLE_IPv6=false
kubectl set env daemonset/aws-node -n kube-system -c aws-vpc-cni-init ENABLE_IPv6=false

# If vpc-cni is an EKS managed add-on, set these in configurationValues instead:
# kubectl edits are lost when the add-on is updated with --resolve-conflicts OVERWRITE.
# Prefix delegation, custom networking and IPv6 change max pods: set kubelet maxPods and recycle the nodes.
",
    );
    let mut env = CniEnv::manifest();
    env.set("WARM_IP_TARGET", "it's 5").unwrap();
    assert!(generate(Format::Kubectl, &env).contains(r"WARM_IP_TARGET='it'\''s 5'"));
}

#[test]
fn nothing_to_change() {
    check(
        Format::Kubectl,
        &[],
        "# Nothing to change: these are the settings aws-node ships with.\n",
    );
    check(
        Format::Cdk,
        &["WARM_ENI_TARGET=1"],
        "// Nothing to change: these are the settings aws-node ships with.\n",
    );
}

#[test]
fn cdk_kubernetes_patch() {
    check(
        Format::Cdk,
        &["WARM_IP_TARGET=5", "MINIMUM_IP_TARGET=20", "WARM_ENI_TARGET-"],
        "import * as eks from 'aws-cdk-lib/aws-eks';

// For a vpc-cni managed add-on (new eks.Addon), put these in configurationValues instead.
new eks.KubernetesPatch(this, 'AwsNodeEnv', {
  cluster,
  resourceName: 'daemonset/aws-node',
  resourceNamespace: 'kube-system',
  patchType: eks.PatchType.STRATEGIC,
  applyPatch: {
    spec: { template: { spec: { containers: [{
      name: 'aws-node',
      env: [
        { name: 'WARM_ENI_TARGET', $patch: 'delete' },
        { name: 'WARM_IP_TARGET', value: '5' },
        { name: 'MINIMUM_IP_TARGET', value: '20' },
      ],
    }] } } },
  },
  restorePatch: {
    spec: { template: { spec: { containers: [{
      name: 'aws-node',
      env: [
        { name: 'WARM_ENI_TARGET', value: '1' },
        { name: 'WARM_IP_TARGET', $patch: 'delete' },
        { name: 'MINIMUM_IP_TARGET', $patch: 'delete' },
      ],
    }] } } },
  },
});
",
    );
}
