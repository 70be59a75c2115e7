//! The importers (issue 11) over the hand-written fixtures in `tests/import/` (each says where its shape
//! comes from): today's settings, `describe-instance-types` pages, and the kubectl node and pod lists.

use std::path::Path;
use vpc_cni_calc::cli::{self, Files};
use vpc_cni_calc::import::settings::{import, EnvValue, ImportedSettings};

fn fixture(name: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(root.join(name)).unwrap()
}

/// The files of the repository, read-only; what the CLI writes is kept in memory.
#[derive(Default)]
struct Repo {
    written: std::cell::RefCell<Vec<(String, String)>>,
}

impl Files for Repo {
    fn read(&self, path: &str) -> Result<String, String> {
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).map_err(|e| format!("{path}: {e}"))
    }
    fn write(&self, path: &str, text: &str) -> Result<(), String> {
        self.written.borrow_mut().push((path.to_string(), text.to_string()));
        Ok(())
    }
}

fn cli(args: &[&str]) -> Result<String, String> {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    cli::run_with(&args, &Repo::default())
}

/// `(name, value)` of the literal values, in order.
fn literals(env: &[vpc_cni_calc::import::settings::EnvVar]) -> Vec<(String, String)> {
    env.iter()
        .filter_map(|v| match &v.value {
            EnvValue::Value(x) => Some((v.name.clone(), x.clone())),
            EnvValue::From(_) => None,
        })
        .collect()
}

fn imported(name: &str) -> ImportedSettings {
    import(&fixture(name)).unwrap()
}

/// The aws-node env of the released manifest v1.23.1 (`config/master/aws-k8s-cni.yaml`), in its order:
/// 24 literal values, then WARM_ENI_TARGET and WARM_PREFIX_TARGET, with MY_NODE_NAME and MY_POD_NAME from
/// the downward API between them (read off the file).
const MANIFEST_ENV: &[(&str, &str)] = &[
    ("ADDITIONAL_ENI_TAGS", "{}"),
    ("AWS_VPC_CNI_NODE_PORT_SUPPORT", "true"),
    ("AWS_VPC_ENI_MTU", "9001"),
    ("AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG", "false"),
    ("AWS_VPC_K8S_CNI_EXTERNALSNAT", "false"),
    ("AWS_VPC_K8S_CNI_LOGLEVEL", "DEBUG"),
    ("AWS_VPC_K8S_CNI_LOG_FILE", "/host/var/log/aws-routed-eni/ipamd.log"),
    ("AWS_VPC_K8S_CNI_RANDOMIZESNAT", "prng"),
    ("AWS_VPC_K8S_CNI_VETHPREFIX", "eni"),
    ("AWS_VPC_K8S_PLUGIN_LOG_FILE", "/var/log/aws-routed-eni/plugin.log"),
    ("AWS_VPC_K8S_PLUGIN_LOG_LEVEL", "DEBUG"),
    ("DISABLE_INTROSPECTION", "false"),
    ("DISABLE_METRICS", "false"),
    ("DISABLE_NETWORK_RESOURCE_PROVISIONING", "false"),
    ("ENABLE_IMDS_ONLY_MODE", "false"),
    ("ENABLE_IPv4", "true"),
    ("ENABLE_IPv6", "false"),
    ("ENABLE_MULTI_NIC", "false"),
    ("ENABLE_POD_ENI", "false"),
    ("ENABLE_PREFIX_DELEGATION", "false"),
    ("ENABLE_SUBNET_DISCOVERY", "true"),
    ("NETWORK_POLICY_ENFORCING_MODE", "standard"),
    ("VPC_CNI_VERSION", "v1.23.1"),
    ("WARM_ENI_TARGET", "1"),
    ("WARM_PREFIX_TARGET", "1"),
];

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// The fixture DaemonSet: the manifest's env with WARM_PREFIX_TARGET removed and WARM_IP_TARGET=5,
/// MINIMUM_IP_TARGET=30 added last (where `kubectl set env` appends), see tests/import/README.md.
fn fixture_daemon_set_env() -> Vec<(String, String)> {
    let mut env = owned(&MANIFEST_ENV[..MANIFEST_ENV.len() - 1]);
    env.extend(owned(&[("WARM_IP_TARGET", "5"), ("MINIMUM_IP_TARGET", "30")]));
    env
}

#[test]
fn the_released_manifest_gives_its_aws_node_env_in_order_and_the_init_env_apart() {
    let m = imported("tests/upstream/aws-k8s-cni-v1.23.1.yaml");
    assert_eq!(m.source, "DaemonSet aws-node");
    assert!(m.whole);
    assert_eq!(literals(&m.env), owned(MANIFEST_ENV));
    // MY_NODE_NAME and MY_POD_NAME come from the downward API: listed as kubectl --list says them.
    let from: Vec<(&str, &str)> = m
        .env
        .iter()
        .filter_map(|v| match &v.value {
            EnvValue::From(f) => Some((v.name.as_str(), f.as_str())),
            EnvValue::Value(_) => None,
        })
        .collect();
    assert_eq!(
        from,
        [
            ("MY_NODE_NAME", "field path spec.nodeName"),
            ("MY_POD_NAME", "field path metadata.name")
        ]
    );
    // The init container aws-vpc-cni-init's two settings, reported, not counted.
    assert_eq!(
        literals(&m.init_env),
        owned(&[("DISABLE_TCP_EARLY_DEMUX", "false"), ("ENABLE_IPv6", "false")])
    );
    // Every name is one aws-node reads: no warning.
    assert_eq!(m.warnings, []);
    // The manifest's env is the shipped environment the calculator starts from.
    assert_eq!(m.cni_env(), vpc_cni_calc::config::CniEnv::manifest());
}

#[test]
fn the_daemon_set_reads_the_same_from_json_and_yaml() {
    let json = imported("tests/import/daemonset.json");
    let yaml = imported("tests/import/daemonset.yaml");
    assert_eq!(literals(&json.env), fixture_daemon_set_env());
    assert_eq!(json, yaml);
}

#[test]
fn kubectl_set_env_list_keeps_aws_node_and_warns_about_an_unknown_name() {
    // kubectl's --list with no -c: the node agent's section is dropped, the init container's kept apart.
    let l = imported("tests/import/aws-node-env.list");
    assert_eq!(l.source, "DaemonSet aws-node");
    let mut want = fixture_daemon_set_env();
    want.iter_mut()
        .find(|(k, _)| k == "ENABLE_PREFIX_DELEGATION")
        .unwrap()
        .1 = "true".into();
    want.push(("WARM_IP_TARGT".into(), "3".into()));
    assert_eq!(literals(&l.env), want);
    assert_eq!(l.init_env.len(), 2);
    assert_eq!(l.warnings.len(), 1);
    assert_eq!(l.warnings[0].code, "unknown-setting");
    assert!(l.warnings[0].message.contains("did you mean WARM_IP_TARGET"));
    // The unknown name is printed, not dropped, and the warning comes with it.
    let out = cli(&["settings", "import", "tests/import/aws-node-env.list"]).unwrap();
    assert!(out.contains("\nWARM_IP_TARGT=3\n"), "{out}");
    assert!(out.contains("# warning unknown-setting: WARM_IP_TARGT"), "{out}");
}

#[test]
fn the_printed_list_reads_back_as_the_same_settings() {
    for f in ["tests/import/daemonset.json", "tests/upstream/aws-k8s-cni-v1.23.1.yaml"] {
        let first = imported(f);
        let again = import(&first.to_list()).unwrap();
        assert_eq!(again.env, first.env, "{f}");
        assert_eq!(again.init_env, first.init_env, "{f}");
    }
}

#[test]
fn add_on_configuration_values_change_the_shipped_settings() {
    // describe-addon output: configurationValues is a JSON string inside it.
    let a = imported("tests/import/describe-addon.json");
    assert!(!a.whole);
    assert_eq!(a.source, "vpc-cni add-on configurationValues");
    // A map's keys in sorted order, as Helm's `range` renders them into the DaemonSet.
    assert_eq!(
        literals(&a.env),
        owned(&[
            ("ENABLE_PREFIX_DELEGATION", "true"),
            ("MINIMUM_IP_TARGET", "16"),
            ("WARM_PREFIX_TARGET", "1")
        ])
    );
    assert_eq!(literals(&a.init_env), owned(&[("DISABLE_TCP_EARLY_DEMUX", "true")]));
    // Over the manifest: WARM_ENI_TARGET=1 and ENABLE_IPv4=true stay.
    let env = a.cni_env();
    assert_eq!(env.get("WARM_ENI_TARGET"), Some("1"));
    assert_eq!(env.get("ENABLE_PREFIX_DELEGATION"), Some("true"));
    assert_eq!(env.get("MINIMUM_IP_TARGET"), Some("16"));
    // The raw configurationValues string reads the same.
    let raw: serde_json::Value = serde_json::from_str(&fixture("tests/import/describe-addon.json")).unwrap();
    let raw = import(raw["addon"]["configurationValues"].as_str().unwrap()).unwrap();
    assert_eq!(raw.env, a.env);
}

#[test]
fn helm_values_are_quoted_as_helm_renders_them() {
    let h = imported("tests/import/helm-values.yaml");
    assert!(!h.whole);
    // `WARM_IP_TARGET: 3` and `AWS_VPC_K8S_CNI_EXTERNALSNAT: true` render through `quote` as "3" and "true".
    assert_eq!(
        literals(&h.env),
        owned(&[
            ("AWS_VPC_K8S_CNI_EXTERNALSNAT", "true"),
            ("MINIMUM_IP_TARGET", "12"),
            ("WARM_ENI_TARGET", "0"),
            ("WARM_IP_TARGET", "3")
        ])
    );
    assert_eq!(literals(&h.init_env), owned(&[("DISABLE_TCP_EARLY_DEMUX", "true")]));
}

#[test]
fn settings_from_a_file_drive_the_plan_and_edits_apply_on_top() {
    // The fixture DaemonSet holds WARM_IP_TARGET=5 MINIMUM_IP_TARGET=30: on m5.large (3 ENIs × 10 IPv4,
    // 9 secondary IPs each) with 20 pods, ipamd keeps max(20 + 5, 30) = 30 IPs wanted, capped at 3 × 9 = 27.
    let plan = |extra: &[&str]| {
        let mut args = vec![
            "plan",
            "m5.large",
            "--pods",
            "20",
            "--json",
            "--settings-from",
            "tests/import/daemonset.json",
        ];
        args.extend_from_slice(extra);
        let v: serde_json::Value = serde_json::from_str(&cli(&args).unwrap()).unwrap();
        v
    };
    let v = plan(&[]);
    assert_eq!(v["config"]["warm_ip_target"], 5);
    assert_eq!(v["config"]["minimum_ip_target"], 30);
    // A KEY=VALUE after the file wins over it.
    let v = plan(&["MINIMUM_IP_TARGET=0"]);
    assert_eq!(v["config"]["minimum_ip_target"], 0);
    assert_eq!(v["config"]["warm_ip_target"], 5);
}

#[test]
fn bad_settings_files_are_one_line_errors() {
    let err = cli(&["settings", "import", "tests/import/nope.json"]).unwrap_err();
    assert!(err.contains("tests/import/nope.json"), "{err}");
    assert!(import("").unwrap_err().contains("empty"));
    // A JSON object that holds no aws-node settings.
    assert!(import(r#"{"kind": "ConfigMap"}"#)
        .unwrap_err()
        .contains("no aws-node settings found"));
    // Not YAML at all.
    assert!(import("env: [unclosed").is_err());
    assert!(cli(&["settings", "export", "x"]).unwrap_err().contains("usage"));
}

#[test]
fn the_known_names_are_those_of_the_schema_the_manifest_and_the_chart() {
    let schema: serde_json::Value =
        serde_json::from_str(&fixture("data/vpc-cni-addon-configuration-schema.json")).unwrap();
    let mut want: Vec<String> = schema["definitions"]["Env"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let manifest = imported("tests/upstream/aws-k8s-cni-v1.23.1.yaml");
    let chart = imported("tests/upstream/aws-vpc-cni-chart-1.23.1/values.yaml");
    want.extend(manifest.env.iter().chain(&chart.env).map(|v| v.name.clone()));
    want.sort();
    want.dedup();
    assert_eq!(vpc_cni_calc::import::AWS_NODE_ENV, want);
    for s in vpc_cni_calc::config::SETTINGS {
        assert!(want.iter().any(|w| w == s.name), "{}", s.name);
    }
}
