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

fn env(settings: &[&str]) -> CniEnv {
    let mut env = CniEnv::manifest();
    for s in settings {
        env.apply(s).unwrap();
    }
    env
}

#[test]
fn addon_update_command() {
    check(
        Format::Addon,
        &["ENABLE_PREFIX_DELEGATION=true", "WARM_PREFIX_TARGET=2"],
        r#"# EKS managed add-on. Every value is a string; check the keys for your add-on version with
#   aws eks describe-addon-configuration --addon-name vpc-cni --addon-version <version>
aws eks update-addon --cluster-name my-cluster --addon-name vpc-cni \
  --resolve-conflicts PRESERVE \
  --configuration-values '{"env":{"WARM_PREFIX_TARGET":"2","ENABLE_PREFIX_DELEGATION":"true"}}'

# Restore: update the add-on with configurationValues that no longer set these keys (e.g. '{}'),
# and the add-on's defaults apply again.
# Prefix delegation, custom networking and IPv6 change max pods: set kubelet maxPods and recycle the nodes.
"#,
    );
}

#[test]
fn eksctl_terraform_helm() {
    check(
        Format::Eksctl,
        &["WARM_IP_TARGET=5", "MINIMUM_IP_TARGET=20"],
        r#"# eksctl update addon -f cluster.yaml   (eksctl create addon -f for a new add-on)
apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: my-cluster
  region: us-west-2
addons:
- name: vpc-cni
  version: latest
  resolveConflicts: preserve
  configurationValues: |-
    env:
      WARM_IP_TARGET: "5"
      MINIMUM_IP_TARGET: "20"
"#,
    );
    check(
        Format::Terraform,
        &["WARM_IP_TARGET=5", "MINIMUM_IP_TARGET=20"],
        r#"resource "aws_eks_addon" "vpc_cni" {
  cluster_name                = aws_eks_cluster.this.name
  addon_name                  = "vpc-cni"
  resolve_conflicts_on_create = "OVERWRITE"
  resolve_conflicts_on_update = "PRESERVE"
  configuration_values = jsonencode({
    env = {
      WARM_IP_TARGET    = "5"
      MINIMUM_IP_TARGET = "20"
    }
  })
}
# With terraform-aws-modules/eks, put the same jsonencode(...) in addons.vpc-cni.configuration_values
# and set before_compute = true so nodes start with these settings.
"#,
    );
    check(
        Format::Helm,
        &[
            "ENABLE_IPv4=false",
            "ENABLE_IPv6=true",
            "ENABLE_PREFIX_DELEGATION=true",
            "WARM_ENI_TARGET-",
        ],
        "helm repo add eks https://aws.github.io/eks-charts
helm upgrade --install aws-vpc-cni eks/aws-vpc-cni -n kube-system --reuse-values \\
  --set env.WARM_ENI_TARGET=null \\
  --set-string env.ENABLE_PREFIX_DELEGATION=true \\
  --set-string env.ENABLE_IPv4=false \\
  --set-string env.ENABLE_IPv6=true \\
  --set-string init.env.ENABLE_IPv6=true

# Restore the chart's defaults
helm upgrade --install aws-vpc-cni eks/aws-vpc-cni -n kube-system --reset-values
# Prefix delegation, custom networking and IPv6 change max pods: set kubelet maxPods and recycle the nodes.
",
    );
}

#[test]
fn ipv6_and_removals_are_explained_for_the_addon() {
    let out = generate(
        Format::Addon,
        &env(&[
            "ENABLE_IPv4=false",
            "ENABLE_IPv6=true",
            "ENABLE_PREFIX_DELEGATION=true",
            "WARM_PREFIX_TARGET-",
        ]),
    );
    assert!(
        out.contains(r#"'{"env":{"ENABLE_PREFIX_DELEGATION":"true"}}'"#),
        "{out}"
    );
    assert!(out.contains("# ENABLE_IPv6 is not a configurationValues key"), "{out}");
    assert!(
        out.contains("# WARM_PREFIX_TARGET: configurationValues cannot remove a variable"),
        "{out}"
    );
}

/// Every env key the add-on-shaped formats can emit is in the add-on schema, with a string value.
#[test]
fn addon_keys_match_the_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../data/vpc-cni-addon-configuration-schema.json")).unwrap();
    let env_schema = &schema["definitions"]["Env"];
    assert_eq!(env_schema["additionalProperties"], false);
    for s in vpc_cni_calc::config::SETTINGS {
        let known = env_schema["properties"].get(s.name);
        if vpc_cni_calc::snippets::NOT_IN_ADDON_SCHEMA.contains(&s.name) {
            assert!(known.is_none(), "{} is in the schema after all", s.name);
            continue;
        }
        assert_eq!(
            known.map(|k| k["type"].clone()),
            Some(serde_json::json!("string")),
            "{}",
            s.name
        );
        // The generated JSON parses and carries the value as a string.
        let out = generate(Format::Addon, &env(&[&format!("{}=7", s.name)]));
        let json = out
            .split("--configuration-values '")
            .nth(1)
            .and_then(|r| r.split("'\n").next())
            .unwrap();
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(v["env"][s.name], "7", "{out}");
    }
}

#[test]
fn odd_values_are_escaped_in_every_format() {
    let e = env(&[r#"WARM_IP_TARGET=a"b'c\d ${x}"#]);
    assert!(generate(Format::Terraform, &e).contains(r#"WARM_IP_TARGET = "a\"b'c\\d $${x}""#));
    assert!(generate(Format::Cdk, &e).contains(r#"value: 'a"b\'c\\d ${x}'"#));
    assert!(generate(Format::Helm, &e).contains(r#"--set-string env.WARM_IP_TARGET='a"b'\''c\\d ${x}'"#));
    let addon = generate(Format::Addon, &e);
    let json = addon
        .split("--configuration-values '")
        .nth(1)
        .unwrap()
        .split("'\n")
        .next()
        .unwrap()
        .replace(r"'\''", "'");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["env"]["WARM_IP_TARGET"], r#"a"b'c\d ${x}"#);
}

#[test]
fn max_pods_settings() {
    let out = vpc_cni_calc::snippets::max_pods_settings(110);
    assert!(
        out.contains("maxPods: 110")
            && out.contains("--max-pods=110")
            && out.contains("maxPodsPerNode: 110")
            && out.contains("max-pods = 110")
    );
}

#[test]
fn ipv6_iam_policy_is_valid_json() {
    let out = vpc_cni_calc::snippets::ipv6_iam_policy();
    let json: String = out
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["Statement"][0]["Action"][0], "ec2:AssignIpv6Addresses");
    assert_eq!(v["Statement"][1]["Resource"][0], "arn:aws:ec2:*:*:network-interface/*");
}

#[test]
fn verify_commands_carry_the_plans_numbers() {
    let mut s = vpc_cni_calc::scenario::Scenario::new("m5.large");
    s.pods = 12;
    let r = vpc_cni_calc::scenario::plan(&s).unwrap();
    let out = vpc_cni_calc::snippets::verify_on_a_node(&r);
    assert!(out.contains("# plan: 29"), "{out}");
    assert!(
        out.contains("awscni_eni_allocated 3 · awscni_total_ip_addresses 27 · awscni_assigned_ip_addresses 12"),
        "{out}"
    );
}
