//! The importers (issue 11) over the hand-written fixtures in `tests/import/` (each says where its shape
//! comes from): today's settings, `describe-instance-types` pages, and the kubectl node and pod lists.

use std::fmt::Write as _;
use std::path::Path;
use vpc_cni_calc::cli::{self, Files};
use vpc_cni_calc::import::settings::{import, EnvValue, ImportedSettings};

fn fixture(name: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(root.join(name)).unwrap()
}

/// The files of the repository, read-only, and `extra` files in memory; what the CLI writes is kept in memory.
#[derive(Default)]
struct Repo {
    extra: Vec<(String, String)>,
    written: std::cell::RefCell<Vec<(String, String)>>,
}

impl Repo {
    fn with(path: &str, text: &str) -> Repo {
        Repo {
            extra: vec![(path.to_string(), text.to_string())],
            ..Repo::default()
        }
    }
}

impl Files for Repo {
    fn read(&self, path: &str) -> Result<String, String> {
        if let Some((_, text)) = self.extra.iter().find(|(p, _)| p == path) {
            return Ok(text.clone());
        }
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
    // An unknown name in the settings file is reported with the plan, not dropped.
    let args = [
        "plan",
        "m5.large",
        "--pods",
        "20",
        "--json",
        "--settings-from",
        "tests/import/aws-node-env.list",
    ];
    let v: serde_json::Value = serde_json::from_str(&cli(&args).unwrap()).unwrap();
    assert_eq!(v["warnings"][0]["code"], "unknown-setting");
    assert!(v["warnings"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("WARM_IP_TARGT"));
    // A KEY=VALUE after the file wins over it.
    let v = plan(&["MINIMUM_IP_TARGET=0"]);
    assert_eq!(v["config"]["minimum_ip_target"], 0);
    assert_eq!(v["config"]["warm_ip_target"], 5);
}

/// `cluster --settings-from`: an unknown name in the file is warned about, as `plan` warns (never dropped
/// silently), and a manifest variable the file lacks is unset, without a "not an integer" warning for "".
#[test]
fn cluster_settings_from_warns_of_unknown_names_and_unsets_what_the_file_lacks() {
    let out = cli(&[
        "cluster",
        "tests/cluster/issue-example.json",
        "--settings-from",
        "tests/import/aws-node-env.list",
    ])
    .unwrap();
    assert!(
        out.contains("warning [unknown-setting]: WARM_IP_TARGT is not a variable"),
        "{out}"
    );
    let out = cli(&[
        "cluster",
        "tests/cluster/issue-example.json",
        "--settings-from",
        "tests/import/daemonset.json",
    ])
    .unwrap();
    assert!(out.contains("WARM_PREFIX_TARGET- "), "{out}");
    assert!(!out.contains("not an integer"), "{out}");
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

// --- describe-instance-types ---

use vpc_cni_calc::import::instances;
use vpc_cni_calc::vpc::{self, InstanceTypeLimits};

fn pages() -> Vec<InstanceTypeLimits> {
    let mut all = instances::parse_page(&fixture("tests/import/describe-instance-types-1.json")).unwrap();
    all.extend(instances::parse_page(&fixture("tests/import/describe-instance-types-2.json")).unwrap());
    instances::table(all)
}

#[test]
fn describe_instance_types_gives_the_rows_ipamd_s_table_has() {
    let t = pages();
    let names: Vec<&str> = t.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["c5.metal", "m5.large", "trn1.32xlarge", "x9z.large"]);
    // The real types read exactly as vpc_ip_resource_limit.go v1.23.1 has them (data/, embedded): trn1.32xlarge's
    // ENILimit is its default card's 5, not the instance-wide MaximumNetworkInterfaces 40; c5.metal has no
    // Hypervisor in the API and is stored as "unknown" with bare metal true.
    for real in ["c5.metal", "m5.large", "trn1.32xlarge"] {
        let row = t.iter().find(|r| r.name == real).unwrap();
        assert_eq!(row, vpc::lookup(real).unwrap(), "{real}");
    }
    assert_eq!(t.iter().find(|r| r.name == "trn1.32xlarge").unwrap().eni_limit, 5);
    // The made-up type: 4 ENIs × 15 IPv4, 4 vCPUs; trunking-compatible, as ipamd answers for a type missing
    // from the resource controller's table.
    let x = t.iter().find(|r| r.name == "x9z.large").unwrap();
    assert_eq!(
        *x,
        InstanceTypeLimits {
            name: "x9z.large".into(),
            eni_limit: 4,
            ipv4_limit: 15,
            hypervisor: "nitro".into(),
            bare_metal: false,
            default_network_card_index: 0,
            network_cards: vec![(0, 4)],
            vcpus: Some(4),
            trunking_compatible: true,
        }
    );
}

/// The embedded catalog as `describe-instance-types` would give it: one page of every type.
fn catalog_as_describe_instance_types() -> String {
    let types: Vec<serde_json::Value> = vpc::catalog()
        .iter()
        .map(|t| {
            let mut v = serde_json::json!({
                "InstanceType": t.name,
                "BareMetal": t.bare_metal,
                "NetworkInfo": {
                    "MaximumNetworkInterfaces": t.network_cards.iter().map(|c| c.1).sum::<u32>(),
                    "Ipv4AddressesPerInterface": t.ipv4_limit,
                    "DefaultNetworkCardIndex": t.default_network_card_index,
                    "NetworkCards": t.network_cards.iter().map(|(i, m)| serde_json::json!({
                        "NetworkCardIndex": i, "MaximumNetworkInterfaces": m
                    })).collect::<Vec<_>>(),
                },
            });
            if t.hypervisor != "unknown" {
                v["Hypervisor"] = t.hypervisor.clone().into();
            }
            if let Some(n) = t.vcpus {
                v["VCpuInfo"] = serde_json::json!({ "DefaultVCpus": n });
            }
            v
        })
        .collect();
    serde_json::json!({ "InstanceTypes": types }).to_string()
}

#[test]
fn data_import_of_the_catalog_rewrites_data_byte_for_byte() {
    // build.rs's format kept exactly: importing what data/ holds writes data/ back unchanged, and nothing is
    // added, changed or removed.
    let repo = Repo::with("catalog.json", &catalog_as_describe_instance_types());
    let args: Vec<String> = ["data", "import", "catalog.json", "--out", "data"]
        .map(String::from)
        .to_vec();
    let out = cli::run_with(&args, &repo).unwrap();
    assert!(
        out.contains("Added (0)") && out.contains("Changed (0)") && out.contains("Removed (0)"),
        "{out}"
    );
    let written = repo.written.borrow();
    assert_eq!(written.len(), 2);
    for (path, text) in written.iter() {
        assert_eq!(*text, fixture(path), "{path}");
    }
}

#[test]
fn data_import_says_what_it_added_changed_and_removed() {
    let repo = Repo::default();
    let args: Vec<String> = [
        "data",
        "import",
        "tests/import/describe-instance-types-1.json",
        "tests/import/describe-instance-types-2.json",
        "--out",
        "out",
    ]
    .map(String::from)
    .to_vec();
    let out = cli::run_with(&args, &repo).unwrap();
    // Four types read; x9z.large is new, the three real ones are unchanged, the other 1388 of the 1391 are gone.
    assert!(out.contains("Read 4 instance types from 2 file(s)."), "{out}");
    assert!(out.contains("Added (1): x9z.large\n"), "{out}");
    assert!(out.contains("Changed (0):\n"), "{out}");
    assert!(
        out.contains(&format!("Removed ({}): a1.2xlarge,", vpc::catalog().len() - 3)),
        "{out}"
    );
    let written = repo.written.borrow();
    assert_eq!(written[0].0, "out/ec2-instance-network-limits.csv");
    assert_eq!(
        written[0].1,
        "instance_type,enis,ipv4_per_eni,hypervisor,bare_metal,default_network_card_index,network_cards\n\
         c5.metal,15,50,unknown,true,0,0:15\n\
         m5.large,3,10,nitro,false,0,0:3\n\
         trn1.32xlarge,5,50,nitro,false,0,0:5;1:5;2:5;3:5;4:5;5:5;6:5;7:5\n\
         x9z.large,4,15,nitro,false,0,0:4\n"
    );
    assert_eq!(
        written[1].1,
        "instance_type,vcpus\nc5.metal,96\nm5.large,2\ntrn1.32xlarge,128\nx9z.large,4\n"
    );
    // A changed type names each field that moved.
    let mut m5 = vpc::lookup("m5.large").unwrap().clone();
    m5.eni_limit = 4;
    m5.network_cards = vec![(0, 4)];
    let c = instances::changes(vpc::catalog(), &[m5]);
    assert_eq!(
        c.changed,
        [(
            "m5.large".to_string(),
            vec!["enis 3 → 4".to_string(), "network_cards 0:3 → 0:4".to_string()]
        )]
    );
}

#[test]
fn instance_data_adds_and_overrides_types_for_one_run() {
    let run = |args: &[&str]| cli(args);
    // x9z.large: eni-max-pods = 4 × (15 − 1) + 2 = 58; 4 vCPUs ≤ 30, so the calculator's cap is 110 > 58.
    let mp = run(&[
        "max-pods",
        "--instance-type",
        "x9z.large",
        "--instance-data",
        "tests/import/describe-instance-types-1.json",
    ]);
    assert_eq!(mp.unwrap(), "58\n");
    assert!(run(&["max-pods", "--instance-type", "x9z.large"])
        .unwrap_err()
        .contains("unknown instance type"));
    let plan = run(&[
        "plan",
        "x9z.large",
        "--pods",
        "30",
        "--json",
        "--instance-data",
        "tests/import/describe-instance-types-1.json",
    ])
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&plan).unwrap();
    assert_eq!(v["max_pods"]["eni_max_pods"], 58);
    // An override: m5.large with 4 ENIs instead of 3 gives 4 × (10 − 1) + 2 = 38 instead of 29.
    let page = r#"{"InstanceTypes":[{"InstanceType":"m5.large","Hypervisor":"nitro","BareMetal":false,
        "VCpuInfo":{"DefaultVCpus":2},"NetworkInfo":{"MaximumNetworkInterfaces":4,"Ipv4AddressesPerInterface":10,
        "DefaultNetworkCardIndex":0,"NetworkCards":[{"NetworkCardIndex":0,"MaximumNetworkInterfaces":4}]}}]}"#;
    let mut s = vpc_cni_calc::scenario::Scenario::new("m5.large");
    s.instance_data = instances::parse_page(page).unwrap();
    let r = vpc_cni_calc::scenario::plan(&s).unwrap();
    assert_eq!(r.max_pods.eni_max_pods, 38);
}

#[test]
fn bad_instance_data_is_refused_in_one_line() {
    let bad = |page: &str, fragment: &str| {
        let e = instances::parse_page(page).unwrap_err();
        assert!(e.contains(fragment), "{e}");
        assert_eq!(e.lines().count(), 1, "{e}");
    };
    bad("[]", "not describe-instance-types JSON");
    let one = |net: &str| format!(r#"{{"InstanceTypes":[{{"InstanceType":"z1.big","NetworkInfo":{net}}}]}}"#);
    bad(
        &one(r#"{"MaximumNetworkInterfaces":2,"Ipv4AddressesPerInterface":0}"#),
        "Ipv4AddressesPerInterface must be",
    );
    bad(
        &one(r#"{"MaximumNetworkInterfaces":0,"Ipv4AddressesPerInterface":4}"#),
        "MaximumNetworkInterfaces must be",
    );
    bad(
        &one(r#"{"MaximumNetworkInterfaces":4294967295,"Ipv4AddressesPerInterface":4}"#),
        "MaximumNetworkInterfaces must be",
    );
    bad(
        &one(
            r#"{"Ipv4AddressesPerInterface":4,"DefaultNetworkCardIndex":1,"NetworkCards":[{"NetworkCardIndex":0,"MaximumNetworkInterfaces":2}]}"#,
        ),
        "DefaultNetworkCardIndex 1 is not among",
    );
    bad(
        r#"{"InstanceTypes":[{"InstanceType":"a,b","NetworkInfo":{"MaximumNetworkInterfaces":2,"Ipv4AddressesPerInterface":4}}]}"#,
        "not a name",
    );
    // A member of the wrong type or missing is named by its path (serde_json's derive said `invalid type` or
    // `missing field` instead; `import::json` replaced it).
    bad(
        &one(r#"{"MaximumNetworkInterfaces":2,"Ipv4AddressesPerInterface":"4"}"#),
        "InstanceTypes[0].NetworkInfo.Ipv4AddressesPerInterface is not a whole number from 0 to 4294967295",
    );
    bad(
        &one(r#"{"MaximumNetworkInterfaces":2}"#),
        "InstanceTypes[0].NetworkInfo.Ipv4AddressesPerInterface is missing",
    );
    bad(
        &one(r#"{"MaximumNetworkInterfaces":4294967296,"Ipv4AddressesPerInterface":4}"#),
        "MaximumNetworkInterfaces is not a whole number",
    );
    bad(
        r#"{"InstanceTypes":[{"NetworkInfo":{}}]}"#,
        "InstanceTypes[0].InstanceType is missing",
    );
    bad(r#"{"InstanceTypes":{}}"#, "no InstanceTypes list");
    bad(r#"{"InstanceTypes":[}"#, "expected value at line 1 column 19");
}

// --- kubectl get nodes / get pods ---

use vpc_cni_calc::cluster::{ClusterSpec, NodeGroupSpec, Surge};
use vpc_cni_calc::import::kubectl::cluster_spec;

fn group(name: &str, instance_type: &str, pods: u32, nodes: u32, azs: &[&str]) -> NodeGroupSpec {
    NodeGroupSpec {
        name: name.into(),
        instance_type: instance_type.into(),
        pods,
        nodes,
        max_nodes: None,
        surge: Surge::default(),
        azs: azs.iter().map(|a| a.to_string()).collect(),
    }
}

#[test]
fn kubectl_nodes_and_pods_give_one_group_per_node_group_with_its_busiest_node() {
    let spec = cluster_spec(
        &fixture("tests/import/nodes.json"),
        Some(&fixture("tests/import/pods.json")),
    )
    .unwrap();
    // general (eks.amazonaws.com/nodegroup, m5.large): nodes with 8 (8 running; the succeeded and failed job
    // pods and the host-network aws-node and kube-proxy do not count), 12 + 1 pending = 13, and 5: busiest 13.
    // batch (karpenter.sh/nodepool, c5.xlarge): 20 (3 succeeded left out) and 17 + coredns = 18: busiest 20.
    // The Fargate node has no instance-type label and is left out, with its pod; so is the unscheduled pod.
    let ab = ["us-west-2a", "us-west-2b"];
    assert_eq!(
        spec,
        ClusterSpec {
            node_groups: vec![
                group("batch", "c5.xlarge", 20, 2, &ab),
                group("general", "m5.large", 13, 3, &ab)
            ],
            ..ClusterSpec::default()
        }
    );
    // Without the pod list, every group has 0 pods.
    let bare = cluster_spec(&fixture("tests/import/nodes.json"), None).unwrap();
    assert!(bare.node_groups.iter().all(|g| g.pods == 0));
}

#[test]
fn a_group_without_a_group_label_is_its_instance_type_and_a_mixed_pool_splits_by_type() {
    let node = |name: &str, labels: &str| {
        format!(
            r#"{{"kind":"Node","metadata":{{"name":"{name}","labels":{{"topology.kubernetes.io/zone":"b",{labels}}}}}}}"#
        )
    };
    let nodes = format!(
        r#"{{"kind":"List","items":[{},{},{}]}}"#,
        node("n1", r#""node.kubernetes.io/instance-type":"t3.small""#),
        node(
            "n2",
            r#""node.kubernetes.io/instance-type":"m5.large","karpenter.sh/nodepool":"spot""#
        ),
        node(
            "n3",
            r#""node.kubernetes.io/instance-type":"c5.large","karpenter.sh/nodepool":"spot""#
        ),
    );
    let names: Vec<String> = cluster_spec(&nodes, None)
        .unwrap()
        .node_groups
        .into_iter()
        .map(|g| g.name)
        .collect();
    assert_eq!(names, ["spot/c5.large", "spot/m5.large", "t3.small"]);
    let no_zone = r#"{"items":[{"metadata":{"name":"n1","labels":{"node.kubernetes.io/instance-type":"t3.small"}}}]}"#;
    assert!(cluster_spec(no_zone, None)
        .unwrap_err()
        .contains("no topology.kubernetes.io/zone label"));
    assert!(cluster_spec("{}", None)
        .unwrap_err()
        .contains("kubectl get nodes -o json"));
    assert!(cluster_spec(r#"{"items":[]}"#, None).unwrap_err().contains("no node"));
}

#[test]
fn cluster_from_kubectl_prints_the_spec_or_plans_it_with_the_user_s_subnets() {
    // --print-spec: the spec JSON, subnets empty for the user, today's settings as changes to the manifest;
    // WARM_PREFIX_TARGET, which the DaemonSet lacks, is `unset` (ipamd's own default), not set to "".
    let out = cli(&[
        "cluster",
        "--from-kubectl",
        "tests/import/nodes.json",
        "tests/import/pods.json",
        "--settings-from",
        "tests/import/daemonset.json",
        "--print-spec",
    ])
    .unwrap();
    let spec: ClusterSpec = serde_json::from_str(&out).unwrap();
    assert!(spec.subnets.is_empty());
    assert_eq!(spec.node_groups.len(), 2);
    let settings: Vec<(&str, &str)> = spec.settings.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(settings, [("MINIMUM_IP_TARGET", "30"), ("WARM_IP_TARGET", "5")]);
    assert_eq!(spec.unset, ["WARM_PREFIX_TARGET"]);
    // Planning needs subnets: one line says how to add them.
    let err = cli(&["cluster", "--from-kubectl", "tests/import/nodes.json"]).unwrap_err();
    assert!(err.contains("--print-spec"), "{err}");
    // With a spec file for the subnets. Shipped settings (WARM_ENI_TARGET=1): general's busiest m5.large
    // (3 ENIs × 10) holds 13 pods on 2 ENIs plus 1 warm ENI = 30 addresses; batch's c5.xlarge (4 × 15) holds
    // 20 pods on 2 ENIs plus 1 warm = 45. Round-robin from us-west-2a: general puts 2 nodes in a and 1 in b,
    // batch 1 in each: a holds 2 × 30 + 45 = 105, b 30 + 45 = 75.
    let subnets = r#"{"subnets":[{"cidr":"10.0.0.0/24","az":"us-west-2a"},{"cidr":"10.0.1.0/24","az":"us-west-2b"}],"node_groups":[]}"#;
    let files = Repo::with("subnets.json", subnets);
    let args: Vec<String> = [
        "cluster",
        "subnets.json",
        "--from-kubectl",
        "tests/import/nodes.json",
        "tests/import/pods.json",
        "--json",
    ]
    .map(String::from)
    .to_vec();
    let out = cli::run_with(&args, &files);

    let v: serde_json::Value = serde_json::from_str(&out.unwrap()).unwrap();
    assert_eq!(v["subnets"][0]["addresses"], 105);
    assert_eq!(v["subnets"][1]["addresses"], 75);
}

// --- the JavaScript API's calls (the browser side is tests/e2e/api.test.mjs) ---

#[test]
fn the_api_answers_as_the_cli_does() {
    use std::collections::BTreeMap;
    use vpc_cni_calc::api;
    let input: api::PlanInput = serde_json::from_str(
        r#"{"instance_type":"m5.large","pods":20,"arrival":"burst","settings":{"WARM_IP_TARGET":"2"}}"#,
    )
    .unwrap();
    let report = serde_json::to_value(api::plan(input).unwrap()).unwrap();
    let cli_json: serde_json::Value = serde_json::from_str(
        &cli(&[
            "plan",
            "m5.large",
            "--pods",
            "20",
            "--arrival",
            "burst",
            "WARM_IP_TARGET=2",
            "--json",
        ])
        .unwrap(),
    )
    .unwrap();
    assert_eq!(report, cli_json);
    // 20 pods + WARM_IP_TARGET 2 = 22 IPs held (the README's docs-page number).
    assert_eq!(report["steady_state"]["total_ips"], 22);
    let settings = BTreeMap::from([("WARM_IP_TARGET".to_string(), "2".to_string())]);
    assert_eq!(
        api::snippet("kubectl", &settings).unwrap(),
        cli(&["snippet", "kubectl", "WARM_IP_TARGET=2"]).unwrap()
    );
    // Refusals are the CLI's lines.
    let bad: api::PlanInput = serde_json::from_str(r#"{"instance_type":"m5.larg","pods":5}"#).unwrap();
    assert_eq!(
        api::plan(bad).unwrap_err(),
        cli(&["plan", "m5.larg", "--pods", "5"]).unwrap_err()
    );
    let typo = BTreeMap::from([("WARM_IP_TARGT".to_string(), "2".to_string())]);
    assert_eq!(
        api::snippet("kubectl", &typo).unwrap_err(),
        cli(&["snippet", "kubectl", "WARM_IP_TARGT=2"]).unwrap_err()
    );
    assert!(api::snippet("yaml", &BTreeMap::new())
        .unwrap_err()
        .contains("unknown snippet format 'yaml'"));
    let arrival: api::PlanInput =
        serde_json::from_str(r#"{"instance_type":"m5.large","pods":5,"arrival":"slow"}"#).unwrap();
    assert!(api::plan(arrival).unwrap_err().contains("ramp or burst"));
    // Unknown fields are refused, as the cluster spec refuses them.
    assert!(serde_json::from_str::<api::PlanInput>(r#"{"instance_type":"m5.large","pods":5,"podz":1}"#).is_err());
}

#[test]
fn an_instance_type_reads_back_from_its_json_within_the_checked_ranges() {
    // `instances --json` of every catalog row reads back as the same rows.
    let all: Vec<InstanceTypeLimits> = serde_json::from_str(&cli(&["instances", "--json"]).unwrap()).unwrap();
    assert_eq!(all, vpc::catalog());
    // A made-up type for the JavaScript API: 4 ENIs × 15 IPv4 gives eni-max-pods 4 × (15 − 1) + 2 = 58.
    let input: vpc_cni_calc::api::PlanInput = serde_json::from_str(
        r#"{"instance_type":"x9z.large","pods":10,"instance_data":[{"name":"x9z.large","eni_limit":4,"ipv4_limit":15,"hypervisor":"nitro","vcpus":4}]}"#,
    )
    .unwrap();
    assert_eq!(vpc_cni_calc::api::plan(input).unwrap().max_pods.eni_max_pods, 58);
    // Out of range: ipv4_limit 1 (no address for a pod), eni_limit 0, a default card that is not there.
    for bad in [
        r#"{"name":"z","eni_limit":2,"ipv4_limit":1,"hypervisor":"nitro"}"#,
        r#"{"name":"z","eni_limit":0,"ipv4_limit":4,"hypervisor":"nitro"}"#,
        r#"{"name":"z","eni_limit":2,"ipv4_limit":4,"hypervisor":"nitro","network_cards":[[1,2]]}"#,
    ] {
        assert!(serde_json::from_str::<InstanceTypeLimits>(bad).is_err(), "{bad}");
    }
}

// --- no panic on any input ---

use proptest::prelude::*;

/// Every fixture, cut at a random byte and spliced with random text: the importers answer or refuse, never panic.
fn mangled() -> impl Strategy<Value = String> {
    let fixtures = [
        "tests/import/daemonset.json",
        "tests/import/daemonset.yaml",
        "tests/import/aws-node-env.list",
        "tests/import/describe-addon.json",
        "tests/import/helm-values.yaml",
        "tests/import/describe-instance-types-2.json",
        "tests/import/nodes.json",
    ]
    .map(fixture);
    (
        0..fixtures.len(),
        any::<prop::sample::Index>(),
        "\\PC{0,12}",
        any::<prop::sample::Index>(),
    )
        .prop_map(move |(f, cut, noise, at)| {
            let text = &fixtures[f];
            let chars: Vec<char> = text.chars().collect();
            let cut = cut.index(chars.len() + 1);
            let mut head: String = chars[..cut].iter().collect();
            let at = at.index(head.chars().count() + 1);
            let split: String = head.chars().skip(at).collect();
            head = head.chars().take(at).collect();
            head + &noise + &split
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200)
    ))]
    #[test]
    fn the_importers_never_panic(text in mangled()) {
        let _ = import(&text);
        let _ = instances::parse_page(&text);
        let _ = cluster_spec(&text, Some(&text));
        if let Ok(i) = import(&text) {
            let _ = i.cni_env();
            let _ = i.to_list();
        }
    }
}

// The reviewer's defects (issue 11 review): each input is built here, in the shape of the reviewer's file.

/// `n` levels of aliases, each a list of nine of the level below: 9^n nodes once expanded ("billion laughs").
fn alias_bomb(levels: usize) -> String {
    let mut text = "l0: &l0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n".to_string();
    for n in 1..levels {
        let refs = vec![format!("*l{}", n - 1); 9].join(",");
        let _ = writeln!(text, "l{n}: &l{n} [{refs}]");
    }
    text + "env:\n  WARM_IP_TARGET: \"1\"\n"
}

#[test]
fn an_alias_bomb_is_refused_in_one_line_before_it_expands() {
    // 9 levels: 9^9 = 387,420,489 "lol" nodes, far over the 200,000-node cap.
    let err = import(&alias_bomb(9)).unwrap_err();
    assert!(err.contains("more than 200000 YAML nodes"), "{err}");
    // The same inside describe-addon's configurationValues (a JSON string).
    let addon = serde_json::json!({"addon": {"addonName": "vpc-cni", "configurationValues": alias_bomb(9)}});
    let err = import(&addon.to_string()).unwrap_err();
    assert!(
        err.starts_with("configurationValues: ") && err.contains("200000"),
        "{err}"
    );
    // A few aliases within the cap still read: 9^3 = 729 nodes.
    let ok = import(&alias_bomb(3)).unwrap();
    assert_eq!(literals(&ok.env), owned(&[("WARM_IP_TARGET", "1")]));
}

#[test]
fn yaml_nested_deeper_than_128_levels_is_refused_not_a_stack_overflow() {
    // `- - - 1`: block sequences nested n deep (the reviewer's seq5000.yaml overflowed the stack, exit 134).
    let seq = |n: usize| format!("\n{}1", "- ".repeat(n));
    let err = import(&("x: ".to_string() + &seq(5000))).unwrap_err();
    assert!(err.contains("nested more than 128 levels"), "{err}");
    // Block mappings nested 300 deep (deepmap.yaml), each two spaces further in.
    let deep: String = (0..300).map(|n| format!("{}k{n}:\n", "  ".repeat(n))).collect();
    assert!(import(&deep).unwrap_err().contains("128 levels"));
    // Inside configurationValues (addon-deep.json).
    let addon = serde_json::json!({"addon": {"addonName": "vpc-cni", "configurationValues": seq(5000)}});
    assert!(import(&addon.to_string()).unwrap_err().contains("128 levels"));
    // 100 levels (within serde_json's and our limit of 128) still read, as env under them is not found.
    let err = import(&("x: ".to_string() + &seq(100))).unwrap_err();
    assert!(err.starts_with("no aws-node settings found"), "{err}");
}

#[test]
fn helm_extra_env_follows_env_and_wins() {
    // The chart's templates/daemonset.yaml renders `range .Values.env` then `toYaml .Values.extraEnv`, so the
    // DaemonSet lists extraEnv after env and, for a name in both, the later (extraEnv) value is the pod's.
    let text = "env:\n  ENABLE_PREFIX_DELEGATION: \"true\"\n  WARM_IP_TARGET: \"2\"\nextraEnv:\n  - name: WARM_IP_TARGET\n    value: \"5\"\n  - name: MINIMUM_IP_TARGET\n    value: \"40\"\n";
    let got = import(text).unwrap();
    assert_eq!(
        literals(&got.env),
        owned(&[
            ("ENABLE_PREFIX_DELEGATION", "true"),
            ("WARM_IP_TARGET", "2"),
            ("WARM_IP_TARGET", "5"),
            ("MINIMUM_IP_TARGET", "40"),
        ])
    );
    let env = got.cni_env();
    assert_eq!(env.get("WARM_IP_TARGET"), Some("5"));
    assert_eq!(env.get("MINIMUM_IP_TARGET"), Some("40"));
}

#[test]
fn json_values_keep_a_number_s_text_as_yaml_values_do() {
    // `import::json` keeps a number as written, as the YAML reader keeps a float (serde_json re-printed it:
    // `1.10` became `1.1`); an integer reads the same either way.
    let json = import(r#"{"env":{"WARM_IP_TARGET":3,"X_RATIO":1.10,"Z":1e3}}"#).unwrap();
    let yaml = import("env:\n  WARM_IP_TARGET: 3\n  X_RATIO: 1.10\n  Z: 1e3\n").unwrap();
    let want = owned(&[("WARM_IP_TARGET", "3"), ("X_RATIO", "1.10"), ("Z", "1e3")]);
    assert_eq!(literals(&json.env), want);
    assert_eq!(literals(&yaml.env), want);
}

#[test]
fn helm_values_read_as_yaml_1_1_as_helm_does() {
    // sigs.k8s.io/yaml (go-yaml v2, YAML 1.1) reads plain yes/on as true and no/off as false; the chart
    // quotes them, so the env holds "true"/"false". A quoted "yes" stays a string.
    let got = import("env:\n  ENABLE_PREFIX_DELEGATION: yes\n  AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: on\n  AWS_VPC_K8S_CNI_EXTERNALSNAT: off\n  DISABLE_METRICS: \"yes\"\n").unwrap();
    assert_eq!(
        literals(&got.env),
        owned(&[
            ("AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG", "true"),
            ("AWS_VPC_K8S_CNI_EXTERNALSNAT", "false"),
            ("DISABLE_METRICS", "yes"),
            ("ENABLE_PREFIX_DELEGATION", "true"),
        ])
    );
    // A `<<` merge key brings the anchored map's keys in (helm-merge.yaml); the explicit key stays.
    let got = import("defaults: &d\n  WARM_IP_TARGET: \"5\"\n  MINIMUM_IP_TARGET: \"10\"\nenv:\n  <<: *d\n  ENABLE_PREFIX_DELEGATION: \"false\"\n").unwrap();
    assert_eq!(
        literals(&got.env),
        owned(&[
            ("ENABLE_PREFIX_DELEGATION", "false"),
            ("MINIMUM_IP_TARGET", "10"),
            ("WARM_IP_TARGET", "5"),
        ])
    );
}

fn describe_addon(configuration_values: Option<&str>) -> String {
    let mut addon = serde_json::json!({"addonName": "vpc-cni", "addonVersion": "v1.19.0-eksbuild.1"});
    if let Some(v) = configuration_values {
        addon["configurationValues"] = v.into();
    }
    serde_json::json!({ "addon": addon }).to_string()
}

fn codes(s: &ImportedSettings) -> Vec<&str> {
    s.warnings.iter().map(|w| w.code).collect()
}

#[test]
fn an_add_on_without_env_is_its_defaults_and_every_add_on_says_its_base_is_the_manifest() {
    for values in [
        None,
        Some(r#"{"init":{"env":{"DISABLE_TCP_EARLY_DEMUX":"true"}}}"#),
        Some(r#"{"enableNetworkPolicy":"true"}"#),
    ] {
        let got = import(&describe_addon(values)).unwrap();
        assert!(got.env.is_empty() && !got.whole, "{values:?}");
        assert_eq!(codes(&got), ["addon-defaults", "addon-base"], "{values:?}");
        // No change: the manifest's settings.
        assert_eq!(got.cni_env(), vpc_cni_calc::config::CniEnv::manifest());
    }
    let init = import(&describe_addon(Some(
        r#"{"init":{"env":{"DISABLE_TCP_EARLY_DEMUX":"true"}}}"#,
    )))
    .unwrap();
    assert_eq!(literals(&init.init_env), owned(&[("DISABLE_TCP_EARLY_DEMUX", "true")]));
    let out = cli(&["settings", "import", "tests/import/describe-addon.json"]).unwrap();
    assert!(
        out.contains("# warning addon-base: ") && out.contains("IPv6 with prefix delegation"),
        "{out}"
    );
}

#[test]
fn unknown_names_get_at_most_20_hints_and_settings_are_at_most_8_mib() {
    // 1000 unknown names near a known one: only the first 20 are given a "did you mean".
    let text: String = (0..1000).map(|n| format!("WARM_IP_TARGE{n}=1\n")).collect();
    let got = import(&text).unwrap();
    let hinted = got
        .warnings
        .iter()
        .filter(|w| w.message.contains("did you mean"))
        .count();
    assert_eq!((got.warnings.len(), hinted), (1000, 20));
    let big = "A=1\n".repeat((8 << 20) / 4 + 1);
    assert_eq!(import(&big).unwrap_err(), "not read: settings are at most 8 MiB");
}

#[test]
fn control_characters_from_a_file_are_printed_escaped() {
    let ds = r#"{"kind":"DaemonSet","metadata":{"name":"aws-node"},"spec":{"template":{"spec":{"containers":[{"name":"aws-node","env":[{"name":"X\u001b]0;pwned\u0007","value":"1"}]}]}}}}"#;
    let out = cli::run_with(
        &["settings".into(), "import".into(), "ds.json".into()],
        &Repo::with("ds.json", ds),
    )
    .unwrap();
    assert!(out.contains("X\\u{1b}]0;pwned\\u{7}=1\n"), "{out}");
    let list = "WARM_IP_TARGET=5\u{1b}[2J\u{7}\n";
    let out = cli::run_with(
        &["settings".into(), "import".into(), "e.list".into()],
        &Repo::with("e.list", list),
    )
    .unwrap();
    assert!(out.ends_with("WARM_IP_TARGET=5\\u{1b}[2J\\u{7}\n"), "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'));
}

/// A `kubectl get nodes -o json` node with these labels.
fn labelled_node(name: &str, labels: &[(&str, &str)]) -> serde_json::Value {
    let labels: serde_json::Map<String, serde_json::Value> =
        labels.iter().map(|(k, v)| (k.to_string(), (*v).into())).collect();
    serde_json::json!({"kind": "Node", "metadata": {"name": name, "labels": labels}})
}

fn node_list(nodes: Vec<serde_json::Value>) -> String {
    serde_json::json!({"kind": "List", "items": nodes}).to_string()
}

fn ng_node(name: &str, zone: &str) -> serde_json::Value {
    labelled_node(
        name,
        &[
            ("node.kubernetes.io/instance-type", "m5.large"),
            ("topology.kubernetes.io/zone", zone),
            ("kubernetes.io/os", "linux"),
            ("eks.amazonaws.com/nodegroup", "ng"),
        ],
    )
}

#[test]
fn a_group_s_azs_are_listed_by_node_count_so_round_robin_reproduces_the_spread() {
    // 1 node in 2a, 2 in 2b: the planner places nodes round-robin from the first AZ, so 2b must come first
    // for it to place 2 nodes in 2b and 1 in 2a (name order put 2 in 2a).
    let nodes = node_list(vec![
        ng_node("n1", "us-west-2a"),
        ng_node("n2", "us-west-2b"),
        ng_node("n3", "us-west-2b"),
    ]);
    let pods: Vec<serde_json::Value> = (0..10)
        .map(|_| serde_json::json!({"spec": {"nodeName": "n2"}, "status": {"phase": "Running"}}))
        .collect();
    let pods = serde_json::json!({ "items": pods }).to_string();
    let spec = cluster_spec(&nodes, Some(&pods)).unwrap();
    assert_eq!(spec.node_groups[0].azs, ["us-west-2b", "us-west-2a"]);
    // Ties keep name order: one node in each.
    let tie = node_list(vec![ng_node("n1", "us-west-2b"), ng_node("n2", "us-west-2a")]);
    assert_eq!(
        cluster_spec(&tie, None).unwrap().node_groups[0].azs,
        ["us-west-2a", "us-west-2b"]
    );
    // Planned against a /26 per AZ: m5.large (3 ENIs × 10 IPs) with 10 pods and WARM_ENI_TARGET=1 holds its
    // 3 ENIs × 10 = 30 addresses, so 2a holds 1 node (30) and 2b 2 nodes (60).
    let subnets = r#"{"subnets": [{"cidr": "10.0.0.0/26", "az": "us-west-2a"}, {"cidr": "10.0.1.0/26", "az": "us-west-2b"}], "node_groups": []}"#;
    let repo = Repo {
        extra: vec![
            ("s.json".into(), subnets.into()),
            ("n.json".into(), nodes),
            ("p.json".into(), pods),
        ],
        ..Repo::default()
    };
    let args: Vec<String> = ["cluster", "s.json", "--from-kubectl", "n.json", "p.json"]
        .map(String::from)
        .to_vec();
    let out = cli::run_with(&args, &repo).unwrap();
    assert!(out.contains("10.0.0.0/26 (us-west-2a): 0 + 30 /"), "{out}");
    assert!(out.contains("10.0.1.0/26 (us-west-2b): 0 + 60 /"), "{out}");
}

#[test]
fn nodes_aws_node_never_runs_on_are_left_out_with_a_warning() {
    // The manifest's nodeAffinity (tests/upstream/aws-k8s-cni-v1.23.1.yaml): kubernetes.io/os In [linux],
    // kubernetes.io/arch In [amd64, arm64], eks.amazonaws.com/compute-type NotIn [fargate, hybrid, auto].
    let with = |name: &str, extra: (&str, &str)| {
        labelled_node(
            name,
            &[
                ("node.kubernetes.io/instance-type", "m5.xlarge"),
                ("topology.kubernetes.io/zone", "us-west-2a"),
                extra,
            ],
        )
    };
    let nodes = node_list(vec![
        ng_node("n1", "us-west-2a"),
        with("win", ("kubernetes.io/os", "windows")),
        with("auto1", ("eks.amazonaws.com/compute-type", "auto")),
        with("mi-1", ("eks.amazonaws.com/compute-type", "hybrid")),
        with("fg", ("eks.amazonaws.com/compute-type", "fargate")),
        with("s390", ("kubernetes.io/arch", "s390x")),
        // Only the pre-1.17 label: still read.
        labelled_node(
            "old",
            &[
                ("beta.kubernetes.io/instance-type", "c5.large"),
                ("topology.kubernetes.io/zone", "us-west-2a"),
            ],
        ),
        // No instance type at all: left out, said so.
        labelled_node("bare", &[("topology.kubernetes.io/zone", "us-west-2a")]),
    ]);
    let (spec, warnings) = vpc_cni_calc::import::kubectl::read_cluster(&nodes, None).unwrap();
    let groups: Vec<(&str, &str)> = spec
        .node_groups
        .iter()
        .map(|g| (g.name.as_str(), g.instance_type.as_str()))
        .collect();
    assert_eq!(groups, [("c5.large", "c5.large"), ("ng", "m5.large")]);
    let left_out: Vec<String> = warnings.iter().map(|w| format!("{} {}", w.code, w.message)).collect();
    assert_eq!(left_out.len(), 6, "{left_out:?}");
    for name in ["win", "auto1", "mi-1", "fg", "s390"] {
        assert!(
            left_out
                .iter()
                .any(|w| w.starts_with("node-without-aws-node") && w.contains(&format!("'{name}'"))),
            "{name}"
        );
    }
    assert!(left_out
        .iter()
        .any(|w| w.starts_with("node-without-instance-type") && w.contains("'bare'")));
    // The CLI prints them after the plan.
    let subnets = r#"{"subnets": [{"cidr": "10.0.0.0/24", "az": "us-west-2a"}], "node_groups": []}"#;
    let repo = Repo {
        extra: vec![("s.json".into(), subnets.into()), ("n.json".into(), nodes)],
        ..Repo::default()
    };
    let args: Vec<String> = ["cluster", "s.json", "--from-kubectl", "n.json"]
        .map(String::from)
        .to_vec();
    let out = cli::run_with(&args, &repo).unwrap();
    assert!(
        out.contains("warning [node-without-aws-node]: node 'win' left out"),
        "{out}"
    );
}

#[test]
fn cluster_takes_instance_data_and_a_type_defined_twice_keeps_its_last_definition() {
    // x9z.large exists only in describe-instance-types-1.json: 4 ENIs × 15 IPv4 (max pods 4 × 14 + 2 = 58).
    let spec = r#"{"subnets": [{"cidr": "10.0.0.0/24", "az": "a"}], "node_groups": [{"name": "x", "instance_type": "x9z.large", "pods": 20, "nodes": 1}]}"#;
    let repo = Repo::with("s.json", spec);
    let run = |extra: &[&str]| {
        let mut args: Vec<String> = ["cluster", "s.json", "--json"].map(String::from).to_vec();
        args.extend(extra.iter().map(|a| a.to_string()));
        cli::run_with(&args, &repo)
    };
    assert!(run(&[]).unwrap_err().contains("x9z.large"));
    let out = run(&["--instance-data", "tests/import/describe-instance-types-1.json"]).unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["node_groups"][0]["max_pods"], 58, "{out}");
    // The same type twice (2 ENIs, then 4 ENIs of 10 IPs): both the run and `data import` keep the last,
    // 4 × (10 − 1) + 2 = 38 max pods.
    let def = |enis: u32| {
        format!(
            r#"{{"InstanceType":"m5.large","Hypervisor":"nitro","BareMetal":false,"VCpuInfo":{{"DefaultVCpus":2}},
            "NetworkInfo":{{"MaximumNetworkInterfaces":{enis},"Ipv4AddressesPerInterface":10,"DefaultNetworkCardIndex":0,
            "NetworkCards":[{{"NetworkCardIndex":0,"MaximumNetworkInterfaces":{enis}}}]}}}}"#
        )
    };
    let page = format!(r#"{{"InstanceTypes":[{},{}]}}"#, def(2), def(4));
    let types = instances::parse_page(&page).unwrap();
    let used = vpc_cni_calc::vpc::lookup_in(&types, "m5.large").unwrap();
    let kept = instances::table(types.clone());
    assert_eq!(kept.len(), 1);
    assert_eq!(used, &kept[0]);
    let repo = Repo::with("t.json", &page);
    let mp = cli::run_with(
        &["max-pods", "--instance-type", "m5.large", "--instance-data", "t.json"].map(String::from),
        &repo,
    );
    assert_eq!(mp.unwrap(), "38\n");
}

#[test]
fn a_pasted_env_that_lacks_a_setting_is_planned_on_the_page_as_by_the_cli() {
    use vpc_cni_calc::form::{Form, UNSET};
    // PD on and no WARM_PREFIX_TARGET: the CLI plans ipamd's unset default (the variable absent), not the
    // manifest's WARM_PREFIX_TARGET=1 that an empty field stands for.
    let pasted = import("# DaemonSet aws-node, container aws-node\nENABLE_IPv4=true\nENABLE_PREFIX_DELEGATION=true\nWARM_ENI_TARGET=1\n").unwrap();
    let cli_env = pasted.cni_env();
    assert_eq!(cli_env.get("WARM_PREFIX_TARGET"), None);
    // What the page's paste does (`Action::PasteSettings`): every setting field reset, then the changes.
    let mut form = Form::initial();
    form.reset_settings();
    form.apply_edits(&cli_env.changes());
    assert_eq!(form.warm_prefix_target, UNSET);
    assert_eq!(form.env().get("WARM_PREFIX_TARGET"), None);
    assert!(form.check().is_ok());
    let (page, cli) = (form.scenario(), {
        let mut s = vpc_cni_calc::scenario::Scenario::new(&form.scenario().instance_type);
        s.pods = form.scenario().pods;
        s.env = cli_env.clone();
        s
    });
    let plan = |s: &vpc_cni_calc::scenario::Scenario| vpc_cni_calc::scenario::plan(s).unwrap().config;
    assert_eq!(plan(&page), plan(&cli));
    // Both resolve ipamd's default WARM_PREFIX_TARGET, 0, where the manifest says 1.
    assert_eq!(plan(&page).warm_prefix_target, 0);
    // The link carries the unset (the field's key with `-`) and restores it. (ENABLE_IPv6,
    // AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG and ENABLE_POD_ENI, absent from the paste, stay the manifest's
    // "false", which ipamd parses as it parses their absence: the plans above are equal.)
    let (back, notices) = Form::from_query(&form.to_query());
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(back.env(), form.env());
    // A paste without ENABLE_IPv4=true: the page shows the CLI's refusal (check_ip_families).
    let no_ipv4 = import("WARM_ENI_TARGET=1\n").unwrap().cni_env();
    let page_err = vpc_cni_calc::config::check_ip_families(&no_ipv4)
        .unwrap_err()
        .to_string();
    let cli_err = cli::run_with(
        &["plan", "m5.large", "--pods", "5", "--settings-from", "e.list"].map(String::from),
        &Repo::with("e.list", "WARM_ENI_TARGET=1\n"),
    )
    .unwrap_err();
    assert_eq!(cli_err, page_err);
}
