//! The snippet generators. The whole-output checks are snapshots (`expect-test`: `UPDATE_EXPECT=1 cargo test
//! --test it snippets` rewrites them after a deliberate change; review the diff). They pin the text, not its
//! meaning: `tests/tools/` feeds every format to the real program it targets (kubectl, helm, tsc + CDK
//! synth, terraform, the schemas, bash), and the `contains` checks below name the rule each line follows.

use expect_test::{expect, Expect};
use std::process::Command;
use vpc_cni_calc::config::CniEnv;
use vpc_cni_calc::snippets::{generate, Format};

fn env(settings: &[&str]) -> CniEnv {
    let mut env = CniEnv::manifest();
    for s in settings {
        env.apply(s).unwrap();
    }
    env
}

#[track_caller]
fn out(format: Format, settings: &[&str]) -> String {
    generate(format, &env(settings)).unwrap()
}

#[track_caller]
fn check(format: Format, settings: &[&str], snapshot: Expect) {
    snapshot.assert_eq(&out(format, settings));
}

const IPV6: [&str; 3] = ["ENABLE_IPv4=false", "ENABLE_IPv6=true", "ENABLE_PREFIX_DELEGATION=true"];

#[test]
fn kubectl_sets_and_restores() {
    check(
        Format::Kubectl,
        &["WARM_IP_TARGET=2", "MINIMUM_IP_TARGET=10", "WARM_ENI_TARGET=0"],
        expect![[r#"
            # Apply
            kubectl set env daemonset/aws-node -n kube-system -c aws-node WARM_ENI_TARGET=0 WARM_IP_TARGET=2 MINIMUM_IP_TARGET=10

            # Restore the shipped settings
            kubectl set env daemonset/aws-node -n kube-system -c aws-node WARM_ENI_TARGET=1 WARM_IP_TARGET- MINIMUM_IP_TARGET-

            # If vpc-cni is an EKS managed add-on, set these in configurationValues instead:
            # kubectl edits are lost when the add-on is updated with --resolve-conflicts OVERWRITE.
        "#]],
    );
    assert!(out(Format::Kubectl, &["WARM_IP_TARGET=it's 5"]).contains(r"WARM_IP_TARGET='it'\''s 5'"));
}

#[test]
fn nothing_to_change() {
    check(
        Format::Kubectl,
        &[],
        expect![[r#"
            # Nothing to change: these are the settings aws-node ships with.
        "#]],
    );
    check(
        Format::Cdk,
        &["WARM_ENI_TARGET=1"],
        expect![[r#"
            // Nothing to change: these are the settings aws-node ships with.
        "#]],
    );
}

/// Issue 6 §2: every combination `isConfigValid` rejects is refused by every settings format, with the
/// message `plan` gives (`config::resolve` calls the same check).
#[test]
fn settings_that_stop_ipamd_are_refused_in_every_format() {
    let bad: [&[&str]; 4] = [
        &["ENABLE_IPv4=false"],                                 // both families off
        &["ENABLE_IPv6=true", "ENABLE_PREFIX_DELEGATION=true"], // IPv6 with IPv4 still on (manifest)
        &["ENABLE_IPv4=false", "ENABLE_IPv6=true"],             // IPv6 without prefix delegation
        &[
            "ENABLE_IPv4=false",
            "ENABLE_IPv6=true",
            "ENABLE_PREFIX_DELEGATION=true",
            "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true",
        ], // IPv6 with custom networking
    ];
    for settings in bad {
        let mut s = vpc_cni_calc::scenario::Scenario::new("m5.large");
        s.pods = 5;
        s.env = env(settings);
        let plan_error = vpc_cni_calc::scenario::plan(&s).unwrap_err().to_string();
        for f in Format::ALL {
            assert_eq!(
                generate(f, &env(settings)).unwrap_err().to_string(),
                plan_error,
                "{f:?} {settings:?}"
            );
        }
        // The binary: exit 2 and the one line.
        let mut args = vec!["snippet", "kubectl"];
        args.extend_from_slice(settings);
        let o = Command::new(env!("CARGO_BIN_EXE_vpc-cni-calc"))
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        assert!(o.stdout.is_empty());
        assert_eq!(
            String::from_utf8_lossy(&o.stderr),
            format!("vpc-cni-calc: {plan_error}\n")
        );
    }
}

/// Issue 6 §3: in IPv6 mode no format flips the IP family or prefix delegation on a running aws-node (nor
/// restores them to the IPv4 manifest, which would stop ipamd in an IPv6 cluster); each says why.
#[test]
fn ipv6_mode_never_flips_the_family() {
    let mut settings = IPV6.to_vec();
    settings.push("WARM_IP_TARGET=3");
    for f in Format::ALL {
        let text = out(f, &settings);
        for key in ["ENABLE_IPv4", "ENABLE_IPv6", "ENABLE_PREFIX_DELEGATION"] {
            let touched = text
                .lines()
                .filter(|l| !l.trim_start().starts_with('#') && !l.trim_start().starts_with("//"))
                .any(|l| l.contains(key));
            assert!(!touched, "{f:?} touches {key}:\n{text}");
        }
        assert!(text.contains("vpc-cni-calc snippet ipv6-cluster"), "{f:?}:\n{text}");
    }
    // Nothing else requested: nothing to run, and still the pointer to the new-cluster kit.
    for f in Format::ALL {
        let text = out(f, &IPV6);
        assert!(
            text.contains("Nothing to change: these are the settings an IPv6 cluster's aws-node has."),
            "{f:?}"
        );
        assert!(text.contains("vpc-cni-calc snippet ipv6-cluster"), "{f:?}");
    }
}

#[test]
fn ipv6_cluster_kit() {
    let kit = generate(Format::Ipv6Cluster, &CniEnv::manifest()).unwrap();
    for part in [
        "kubernetesNetworkConfig:\n  ipFamily: IPv6\n",
        "iam:\n  withOIDC: true\n",
        "- name: vpc-cni\n- name: coredns\n- name: kube-proxy\n",
        "ipFamily: eks.IpFamily.IP_V6,",
        "--ip-family ipv6 --service-ipv6-cidr",
        "kind: NodeConfig",
        "    cidr: fd00:",
        "--set-string nodeAgent.enableIpv6=true",
    ] {
        assert!(kit.contains(part), "{part}\n{kit}");
    }
    assert_eq!(Format::parse("ipv6-cluster"), Some(Format::Ipv6Cluster));
    assert!(!Format::ALL.contains(&Format::Ipv6Cluster));
}

/// `snippet ipv6-iam > p.json` is a policy document: the whole stdout parses as JSON.
#[test]
fn ipv6_iam_policy_is_pure_json() {
    let o = Command::new(env!("CARGO_BIN_EXE_vpc-cni-calc"))
        .args(["snippet", "ipv6-iam"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["Statement"][0]["Action"][0], "ec2:AssignIpv6Addresses");
    assert_eq!(v["Statement"][1]["Resource"][0], "arn:aws:ec2:*:*:network-interface/*");
}

/// The CDK apply patch is state-complete: every sizing variable appears, set to the user's value, the
/// manifest's, or deleted, so a redeploy with other settings leaves nothing of the old patch behind.
#[test]
fn cdk_apply_patch_is_state_complete() {
    let text = out(
        Format::Cdk,
        &["WARM_IP_TARGET=5", "MINIMUM_IP_TARGET=20", "WARM_ENI_TARGET-"],
    );
    let apply = text.split("restorePatch").next().unwrap();
    for s in vpc_cni_calc::config::SETTINGS {
        assert!(apply.contains(&format!("name: '{}'", s.name)), "{}\n{text}", s.name);
    }
    assert!(apply.contains("{ name: 'WARM_ENI_TARGET', $patch: 'delete' },"));
    assert!(apply.contains("{ name: 'WARM_IP_TARGET', value: '5' },"));
    assert!(apply.contains("{ name: 'WARM_PREFIX_TARGET', value: '1' },")); // the manifest's
    assert!(apply.contains("{ name: 'MAX_ENI', $patch: 'delete' },")); // not in the manifest
                                                                       // The managed add-on alternative: eks.Addon with configurationValues, the installed version kept.
    let addon = text
        .split("=== vpc-cni as an EKS managed add-on (eks.Addon)")
        .nth(1)
        .unwrap();
    assert!(addon.contains("new eks.Addon(this, 'VpcCni', {"), "{addon}");
    assert!(
        addon.contains("      WARM_IP_TARGET: '5',\n      MINIMUM_IP_TARGET: '20',\n"),
        "{addon}"
    );
    assert!(!addon.contains("addonVersion"), "{addon}");
    let restore = text.split("restorePatch").nth(1).unwrap();
    assert!(restore.contains("{ name: 'WARM_ENI_TARGET', value: '1' },"));
    assert!(restore.contains("{ name: 'WARM_IP_TARGET', $patch: 'delete' },"));
}

#[test]
fn addon_update_command() {
    let text = out(
        Format::Addon,
        &["ENABLE_PREFIX_DELEGATION=true", "WARM_PREFIX_TARGET=2"],
    );
    assert!(text.contains(
        "aws eks update-addon --cluster-name my-cluster --addon-name vpc-cni \\
  --resolve-conflicts PRESERVE \\
  --configuration-values '{\"env\":{\"WARM_PREFIX_TARGET\":\"2\",\"ENABLE_PREFIX_DELEGATION\":\"true\"}}'\n"
    ));
    // configurationValues replaces the whole object: every add-on format says so and shows the merge source.
    for f in [Format::Addon, Format::Eksctl, Format::Terraform] {
        let t = out(f, &["WARM_IP_TARGET=5"]);
        assert!(
            t.contains("configurationValues replaces the add-on's whole configuration"),
            "{f:?}"
        );
        assert!(t.contains("--query addon.configurationValues"), "{f:?}");
    }
}

/// A change that only removes keys: configurationValues cannot unset, so no command (and no ClusterConfig
/// or resource) is printed, and the output says why.
#[test]
fn addon_remove_only_prints_no_command() {
    let t = out(Format::Addon, &["WARM_PREFIX_TARGET-"]);
    assert!(!t.contains("update-addon --cluster-name"), "{t}");
    assert!(t.contains("cannot unset them"), "{t}");
    assert!(
        t.contains("# WARM_PREFIX_TARGET: configurationValues cannot remove a variable"),
        "{t}"
    );
    assert!(!out(Format::Eksctl, &["WARM_PREFIX_TARGET-"]).contains("kind: ClusterConfig"));
    assert!(!out(Format::Terraform, &["WARM_PREFIX_TARGET-"]).contains("resource \"aws_eks_addon\""));
}

/// The add-on schema types WARM_IP_TARGET as `format: integer` and ENABLE_POD_ENI as `format: boolean`.
#[test]
fn addon_values_that_fail_the_schema_formats_are_flagged() {
    let t = out(
        Format::Addon,
        &["WARM_IP_TARGET=five", "ENABLE_POD_ENI=True", "MAX_ENI=2"],
    );
    assert!(t.contains("the value of WARM_IP_TARGET is not a plain integer"), "{t}");
    assert!(t.contains("the value of ENABLE_POD_ENI is not a plain boolean"), "{t}");
    assert!(!t.contains("the value of MAX_ENI"), "{t}");
}

#[test]
fn eksctl_leaves_the_version_alone_and_notes_pod_identity() {
    let t = out(Format::Eksctl, &["WARM_IP_TARGET=5", "MINIMUM_IP_TARGET=20"]);
    assert!(!t.contains("\n  version:"), "{t}");
    assert!(t.contains("Pod Identity"), "{t}");
    assert!(t.ends_with(
        "addons:
- name: vpc-cni
  resolveConflicts: preserve
  configurationValues: |-
    env:
      WARM_IP_TARGET: \"5\"
      MINIMUM_IP_TARGET: \"20\"
"
    ));
}

#[test]
fn helm_pins_the_chart_and_restores_per_key() {
    check(
        Format::Helm,
        &["WARM_ENI_TARGET-", "WARM_IP_TARGET=5"],
        expect![[r#"
            helm repo add eks https://aws.github.io/eks-charts
            helm upgrade --install aws-vpc-cni eks/aws-vpc-cni -n kube-system --version 1.23.1 --reuse-values \
              --set env.WARM_ENI_TARGET=null \
              --set-string env.WARM_IP_TARGET=5

            # Restore the chart defaults of these keys only (other values you set stay)
            helm upgrade --install aws-vpc-cni eks/aws-vpc-cni -n kube-system --version 1.23.1 --reuse-values \
              --set-string env.WARM_ENI_TARGET=1 \
              --set env.WARM_IP_TARGET=null
            # A key the chart does not set stays in the release with an empty value, which ipamd reads as unset.

            # Or keep the settings in a values file (null drops a chart default):
            cat > vpc-cni-values.yaml <<'EOF'
            env:
              WARM_ENI_TARGET: null
              WARM_IP_TARGET: "5"
            EOF
            helm upgrade --install aws-vpc-cni eks/aws-vpc-cni -n kube-system --version 1.23.1 --reuse-values \
              -f vpc-cni-values.yaml
        "#]],
    );
    // `--set` reads a leading `{` as a list and `,` as the next key.
    assert!(out(Format::Helm, &["WARM_IP_TARGET={a,b}"]).contains(r"--set-string 'env.WARM_IP_TARGET=\{a\,b}'"));
}

#[test]
fn odd_values_are_escaped_in_every_format() {
    let s = [r#"WARM_IP_TARGET=a"b'c\d ${x}"#];
    assert!(out(Format::Terraform, &s).contains(r#"WARM_IP_TARGET = "a\"b'c\\d $${x}""#));
    assert!(out(Format::Cdk, &s).contains(r#"value: 'a"b\'c\\d ${x}'"#));
    // CR, DEL, NEL (a YAML line break), U+2028/U+2029 (JavaScript line terminators) and BOM as \uXXXX.
    let s = ["WARM_IP_TARGET=a\rb\u{7f}c\u{85}d\u{2028}e\u{2029}f\u{feff}g"];
    let escaped = r"a\u000db\u007fc\u0085d\u2028e\u2029f\ufeffg";
    assert!(out(Format::Cdk, &s).contains(&format!("value: '{escaped}'")));
    assert!(out(Format::Eksctl, &s).contains(&format!("WARM_IP_TARGET: \"{escaped}\"")));
    assert!(out(Format::Terraform, &s).contains(&format!("WARM_IP_TARGET = \"{escaped}\"")));
    // HCL has no `\b` or `\f` (JSON's short escapes), so every C0 control is written `\uXXXX`.
    let s = ["WARM_IP_TARGET=a\u{8}b\u{c}c\nd\te"];
    assert!(out(Format::Terraform, &s).contains(r#"WARM_IP_TARGET = "a\u0008b\u000cc\u000ad\u0009e""#));
    let addon = out(Format::Addon, &[r#"WARM_IP_TARGET=a"b'c\d ${x}"#]);
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
    }
}

/// Issue 6 §4: the ENIConfig label and annotation keys are settings, emitted like any other, and custom
/// networking brings one ENIConfig per zone plus the node selection.
#[test]
fn custom_networking_brings_its_eniconfigs() {
    let cn = ["AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true"];
    let k = out(Format::Kubectl, &cn);
    assert_eq!(k.matches("kind: ENIConfig").count(), 3, "{k}");
    assert!(k.contains("kubectl apply -f - <<'EOF'\n"), "{k}");
    // Unset, ipamd reads the label k8s.amazonaws.com/eniConfig (defaultEniConfigLabelDef).
    assert!(
        k.contains("kubectl label node REPLACE-node-name k8s.amazonaws.com/eniConfig=us-west-2a\n"),
        "{k}"
    );
    // An annotation key is read before the label (GetNodeSpecificENIConfigName).
    let k = out(
        Format::Kubectl,
        &[
            "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true",
            "ENI_CONFIG_ANNOTATION_DEF=example.com/eni",
        ],
    );
    assert!(
        k.contains("kubectl annotate node REPLACE-node-name example.com/eni=us-west-2a\n"),
        "{k}"
    );
    assert!(k.contains("ENI_CONFIG_ANNOTATION_DEF=example.com/eni"), "{k}");
    // The zone label needs no per-node step.
    let k = out(
        Format::Kubectl,
        &[
            "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true",
            "ENI_CONFIG_LABEL_DEF=topology.kubernetes.io/zone",
        ],
    );
    assert!(!k.contains("kubectl label node"), "{k}");
    assert_eq!(out(Format::Cdk, &cn).matches("kind: 'ENIConfig'").count(), 3);
    assert!(out(Format::Addon, &cn).contains(r#""eniConfig":{"create":true,"region":"us-west-2","subnets":{"us-west-2a":{"id":"subnet-REPLACE-pods-us-west-2a""#));
    assert!(out(Format::Eksctl, &cn).contains("    eniConfig:\n      create: true\n"));
    assert!(out(Format::Terraform, &cn).contains("    eniConfig = {\n      create = true\n"));
    assert!(out(Format::Helm, &cn).contains("--set eniConfig.create=true"));
    for f in Format::ALL {
        let t = out(f, &["ENI_CONFIG_LABEL_DEF=example.com/zone"]);
        assert!(t.contains("ENI_CONFIG_LABEL_DEF"), "{f:?}\n{t}");
    }
}

#[test]
fn max_pods_settings() {
    let out = vpc_cni_calc::snippets::max_pods_settings(110);
    assert!(out.contains("maxPodsExpression: \"110\""), "{out}");
    assert!(out.contains("kubeReserved"), "{out}");
    // nodeadm evaluates the literal to the same maxPods (m5.large: 3 ENIs × 10 IPs, standard value 29).
    for n in [1, 110, 2_147_483_647] {
        let text = vpc_cni_calc::snippets::max_pods_settings(n);
        let expr = text
            .split("maxPodsExpression: \"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert_eq!(vpc_cni_calc::nodeadm::calc_max_pods(3, 10, Some(expr)), (n, true));
    }
    assert!(out.contains("bootstrap.sh (legacy"), "{out}");
    assert!(out.contains("--max-pods=110") && out.contains("maxPodsPerNode: 110") && out.contains("max-pods = 110"));
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
