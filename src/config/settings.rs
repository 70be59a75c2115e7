//! The `SETTINGS` table: every `aws-node` variable that changes sizing, how ipamd parses it and its defaults.

use super::CniConfig;

/// How ipamd parses a variable, the value its code uses when the variable is unset (written once, here),
/// and the `CniConfig` field the parsed value fills (a typed accessor, so a setting and its field cannot
/// disagree on the type).
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// `strconv.Atoi`; a non-integer, or a negative value unless `negative_ok`, falls back to `default`.
    Int {
        default: i64,
        negative_ok: bool,
        field: fn(&mut CniConfig) -> &mut i64,
    },
    /// `strconv.ParseBool`; anything else falls back to `default`.
    Bool {
        default: bool,
        field: fn(&mut CniConfig) -> &mut bool,
    },
    /// A string used as is; unset or empty means `default`. No `CniConfig` field: the snippets read it.
    Text { default: &'static str },
    /// `getMaxENI`: an integer from 1 to below the instance's ENI limit takes effect; else the limit.
    EniLimit { field: fn(&mut CniConfig) -> &mut u32 },
}

/// One environment variable of the `aws-node` container.
#[derive(Debug)]
pub struct Setting {
    pub name: &'static str,
    pub kind: Kind,
    /// The value in the shipped manifest and Helm chart (`config/master/aws-k8s-cni.yaml`, `values.yaml`).
    pub manifest: Option<&'static str>,
    /// The Go function that parses it.
    pub parser: &'static str,
    /// One line for the UI and `--help`.
    pub doc: &'static str,
}

/// Every variable that changes sizing, in the order the UI shows them.
pub const SETTINGS: &[Setting] = &[
    Setting {
        name: "WARM_ENI_TARGET",
        kind: Kind::Int {
            default: 1,
            negative_ok: false,
            field: |c| &mut c.warm_eni_target,
        },
        manifest: Some("1"),
        parser: "getWarmENITarget",
        doc: "Whole spare ENIs to keep attached. Ignored when WARM_IP_TARGET or MINIMUM_IP_TARGET is set, and in prefix mode.",
    },
    Setting {
        name: "WARM_IP_TARGET",
        kind: Kind::Int {
            default: 0,
            negative_ok: false,
            field: |c| &mut c.warm_ip_target,
        },
        manifest: None,
        parser: "getWarmIPTarget",
        doc: "Free IPs to keep ready. Replaces WARM_ENI_TARGET; more EC2 calls when small.",
    },
    Setting {
        name: "MINIMUM_IP_TARGET",
        kind: Kind::Int {
            default: 0,
            negative_ok: false,
            field: |c| &mut c.minimum_ip_target,
        },
        manifest: None,
        parser: "getMinimumIPTarget",
        doc: "Floor on total IPs held. Without WARM_IP_TARGET the pool stops growing at this number.",
    },
    Setting {
        name: "WARM_PREFIX_TARGET",
        kind: Kind::Int {
            default: 0,
            negative_ok: false,
            field: |c| &mut c.warm_prefix_target,
        },
        manifest: Some("1"),
        parser: "getWarmPrefixTarget",
        doc: "Free /28 prefixes to keep in prefix mode. Ignored when WARM_IP_TARGET or MINIMUM_IP_TARGET is set.",
    },
    Setting {
        name: "ENABLE_PREFIX_DELEGATION",
        kind: Kind::Bool {
            default: false,
            field: |c| &mut c.enable_prefix_delegation,
        },
        manifest: Some("false"),
        parser: "usePrefixDelegation",
        doc: "Assign /28 prefixes (16 addresses each) instead of single secondary IPs. Nitro and bare metal only.",
    },
    Setting {
        name: "ENABLE_IPv4",
        kind: Kind::Bool {
            default: false,
            field: |c| &mut c.enable_ipv4,
        },
        manifest: Some("true"),
        parser: "isIPv4Enabled",
        doc: "IPv4 pods. The manifest sets true; the code default is false.",
    },
    Setting {
        name: "ENABLE_IPv6",
        kind: Kind::Bool {
            default: false,
            field: |c| &mut c.enable_ipv6,
        },
        manifest: Some("false"),
        parser: "isIPv6Enabled",
        doc: "IPv6 pods (cluster created as IPv6). Needs ENABLE_IPv4=false and prefix delegation.",
    },
    Setting {
        name: "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG",
        kind: Kind::Bool {
            default: false,
            field: |c| &mut c.use_custom_networking,
        },
        manifest: Some("false"),
        parser: "UseCustomNetworkCfg",
        doc: "Custom networking: pods use ENIConfig subnets and the primary ENI gets no pods.",
    },
    Setting {
        name: "ENABLE_POD_ENI",
        kind: Kind::Bool {
            default: false,
            field: |c| &mut c.enable_pod_eni,
        },
        manifest: Some("false"),
        parser: "EnablePodENI",
        doc: "Security groups for pods: a trunk ENI takes one ENI slot and gets no pod IPs.",
    },
    Setting {
        name: "MAX_ENI",
        kind: Kind::EniLimit {
            field: |c| &mut c.max_eni,
        },
        manifest: None,
        parser: "getMaxENI",
        doc: "Cap on ENIs ipamd attaches. Takes effect only when at least 1 and below the instance limit.",
    },
    Setting {
        name: "IP_COOLDOWN_PERIOD",
        kind: Kind::Int {
            default: 30,
            negative_ok: true,
            field: |c| &mut c.ip_cooldown_period,
        },
        manifest: None,
        parser: "getCooldownPeriod",
        doc: "Seconds a released pod IP waits before reuse. Negative means never in cooldown.",
    },
    Setting {
        name: "ENI_CONFIG_LABEL_DEF",
        kind: Kind::Text { default: ENI_CONFIG_DEF_DEFAULT },
        manifest: None,
        parser: "getEniConfigLabelDef",
        doc: "Custom networking: the node label whose value names the node's ENIConfig (e.g. topology.kubernetes.io/zone).",
    },
    Setting {
        name: "ENI_CONFIG_ANNOTATION_DEF",
        kind: Kind::Text { default: ENI_CONFIG_DEF_DEFAULT },
        manifest: None,
        parser: "getEniConfigAnnotationDef",
        doc: "Custom networking: the node annotation whose value names the node's ENIConfig; read before the label.",
    },
];

/// `defaultEniConfigLabelDef` and `defaultEniConfigAnnotationDef` in `pkg/eniconfig/eniconfig.go`.
pub const ENI_CONFIG_DEF_DEFAULT: &str = "k8s.amazonaws.com/eniConfig";

impl Setting {
    /// What ipamd's code uses when the variable is unset, in words (from `kind`).
    pub fn code_default(&self) -> String {
        match self.kind {
            Kind::Int { default, .. } => default.to_string(),
            Kind::Bool { default, .. } => default.to_string(),
            Kind::Text { default } => default.to_string(),
            Kind::EniLimit { .. } => "the instance's ENI limit".to_string(),
        }
    }
}

/// The setting called `name` (exact, case-sensitive, as environment variables are).
pub fn setting(name: &str) -> Option<&'static Setting> {
    SETTINGS.iter().find(|s| s.name == name)
}
