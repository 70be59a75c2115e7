//! The CNI settings that change pool sizing: one `SETTINGS` table, the raw environment as ipamd sees it
//! (`CniEnv`), and `CniConfig`, the values ipamd actually uses after its own parsing and `isConfigValid`.
//! Odd values are accepted exactly as ipamd accepts them and come back as warnings; start-up-fatal
//! combinations are errors.

use crate::edit::Edit;
use crate::report::Warning;
use crate::vpc::InstanceTypeLimits;
use std::collections::BTreeMap;

/// How ipamd parses a variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `strconv.Atoi`; negative values fall back to the code default unless noted.
    Int,
    /// `strconv.ParseBool`.
    Bool,
    /// A string used as is; empty means the default.
    Text,
}

/// One environment variable of the `aws-node` container.
#[derive(Debug)]
pub struct Setting {
    pub name: &'static str,
    pub kind: Kind,
    /// The value in the shipped manifest and Helm chart (`config/master/aws-k8s-cni.yaml`, `values.yaml`).
    pub manifest: Option<&'static str>,
    /// What ipamd's code uses when the variable is unset, in words.
    pub code_default: &'static str,
    /// The Go function that parses it.
    pub parser: &'static str,
    /// One line for the UI and `--help`.
    pub doc: &'static str,
}

/// Every variable that changes sizing, in the order the UI shows them.
pub const SETTINGS: &[Setting] = &[
    Setting {
        name: "WARM_ENI_TARGET",
        kind: Kind::Int,
        manifest: Some("1"),
        code_default: "1",
        parser: "getWarmENITarget",
        doc: "Whole spare ENIs to keep attached. Ignored when WARM_IP_TARGET or MINIMUM_IP_TARGET is set, and in prefix mode.",
    },
    Setting {
        name: "WARM_IP_TARGET",
        kind: Kind::Int,
        manifest: None,
        code_default: "0 (not set)",
        parser: "getWarmIPTarget",
        doc: "Free IPs to keep ready. Replaces WARM_ENI_TARGET; more EC2 calls when small.",
    },
    Setting {
        name: "MINIMUM_IP_TARGET",
        kind: Kind::Int,
        manifest: None,
        code_default: "0 (not set)",
        parser: "getMinimumIPTarget",
        doc: "Floor on total IPs held. Without WARM_IP_TARGET the pool stops growing at this number.",
    },
    Setting {
        name: "WARM_PREFIX_TARGET",
        kind: Kind::Int,
        manifest: Some("1"),
        code_default: "0",
        parser: "getWarmPrefixTarget",
        doc: "Free /28 prefixes to keep in prefix mode. Ignored when WARM_IP_TARGET or MINIMUM_IP_TARGET is set.",
    },
    Setting {
        name: "ENABLE_PREFIX_DELEGATION",
        kind: Kind::Bool,
        manifest: Some("false"),
        code_default: "false",
        parser: "usePrefixDelegation",
        doc: "Assign /28 prefixes (16 addresses each) instead of single secondary IPs. Nitro and bare metal only.",
    },
    Setting {
        name: "ENABLE_IPv4",
        kind: Kind::Bool,
        manifest: Some("true"),
        code_default: "false",
        parser: "isIPv4Enabled",
        doc: "IPv4 pods. The manifest sets true; the code default is false.",
    },
    Setting {
        name: "ENABLE_IPv6",
        kind: Kind::Bool,
        manifest: Some("false"),
        code_default: "false",
        parser: "isIPv6Enabled",
        doc: "IPv6 pods (cluster created as IPv6). Needs ENABLE_IPv4=false and prefix delegation.",
    },
    Setting {
        name: "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG",
        kind: Kind::Bool,
        manifest: Some("false"),
        code_default: "false",
        parser: "UseCustomNetworkCfg",
        doc: "Custom networking: pods use ENIConfig subnets and the primary ENI gets no pods.",
    },
    Setting {
        name: "ENABLE_POD_ENI",
        kind: Kind::Bool,
        manifest: Some("false"),
        code_default: "false",
        parser: "EnablePodENI",
        doc: "Security groups for pods: a trunk ENI takes one ENI slot and gets no pod IPs.",
    },
    Setting {
        name: "MAX_ENI",
        kind: Kind::Int,
        manifest: None,
        code_default: "the instance's ENI limit",
        parser: "getMaxENI",
        doc: "Cap on ENIs ipamd attaches. Takes effect only when at least 1 and below the instance limit.",
    },
    Setting {
        name: "IP_COOLDOWN_PERIOD",
        kind: Kind::Int,
        manifest: None,
        code_default: "30",
        parser: "getCooldownPeriod",
        doc: "Seconds a released pod IP waits before reuse. Negative means never in cooldown.",
    },
    Setting {
        name: "ENI_CONFIG_LABEL_DEF",
        kind: Kind::Text,
        manifest: None,
        code_default: ENI_CONFIG_DEF_DEFAULT,
        parser: "getEniConfigLabelDef",
        doc: "Custom networking: the node label whose value names the node's ENIConfig (e.g. topology.kubernetes.io/zone).",
    },
    Setting {
        name: "ENI_CONFIG_ANNOTATION_DEF",
        kind: Kind::Text,
        manifest: None,
        code_default: ENI_CONFIG_DEF_DEFAULT,
        parser: "getEniConfigAnnotationDef",
        doc: "Custom networking: the node annotation whose value names the node's ENIConfig; read before the label.",
    },
];

/// `defaultEniConfigLabelDef` and `defaultEniConfigAnnotationDef` in `pkg/eniconfig/eniconfig.go`.
pub const ENI_CONFIG_DEF_DEFAULT: &str = "k8s.amazonaws.com/eniConfig";

/// The label (`ENI_CONFIG_LABEL_DEF`) or annotation (`ENI_CONFIG_ANNOTATION_DEF`) key that selects a node's
/// ENIConfig, as `getEniConfigLabelDef` / `getEniConfigAnnotationDef` read it: unset or empty means the default.
pub fn eni_config_def<'a>(env: &'a CniEnv, name: &str) -> &'a str {
    env.get(name)
        .filter(|v| !v.is_empty())
        .unwrap_or(ENI_CONFIG_DEF_DEFAULT)
}

/// The setting called `name` (exact, case-sensitive, as environment variables are).
pub fn setting(name: &str) -> Option<&'static Setting> {
    SETTINGS.iter().find(|s| s.name == name)
}

/// The `aws-node` environment: manifest values overlaid with the user's `KEY=VALUE` and `KEY-` (unset).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CniEnv {
    vars: BTreeMap<&'static str, String>,
}

/// A bad `KEY=VALUE` argument: the key is not a sizing setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSetting {
    pub name: String,
    pub suggestions: Vec<String>,
}

impl std::fmt::Display for UnknownSetting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown setting '{}'", crate::suggest::clip(&self.name))?;
        match self.suggestions.first() {
            Some(s) => write!(f, "; did you mean {s}?"),
            None => write!(
                f,
                " (known: {})",
                SETTINGS.iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
            ),
        }
    }
}

impl CniEnv {
    /// The shipped manifest's environment (`WARM_ENI_TARGET=1`, `WARM_PREFIX_TARGET=1`, `ENABLE_IPv4=true`, …).
    pub fn manifest() -> CniEnv {
        let vars = SETTINGS
            .iter()
            .filter_map(|s| Some((s.name, s.manifest?.to_string())))
            .collect();
        CniEnv { vars }
    }

    /// The raw value of `name`, if set.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str)
    }

    /// Sets `name` to `value` verbatim (ipamd will parse it later, as it parses the real environment).
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), UnknownSetting> {
        let s = known(name)?;
        self.vars.insert(s.name, value.to_string());
        Ok(())
    }

    /// Removes `name`, like `kubectl set env … NAME-`.
    pub fn unset(&mut self, name: &str) -> Result<(), UnknownSetting> {
        let s = known(name)?;
        self.vars.remove(s.name);
        Ok(())
    }

    /// Applies one `KEY=VALUE` or `KEY-` argument. A bare name changes nothing (an error if unknown).
    pub fn apply(&mut self, arg: &str) -> Result<(), UnknownSetting> {
        match Edit::parse(arg) {
            Some(e) => self.edit(&e),
            None => known(arg).map(|_| ()),
        }
    }

    /// Applies one edit.
    pub fn edit(&mut self, e: &Edit) -> Result<(), UnknownSetting> {
        match &e.value {
            Some(v) => self.set(&e.name, v),
            None => self.unset(&e.name),
        }
    }

    /// The edits from the manifest to this environment, in `SETTINGS` order: what a snippet must change
    /// (`KEY-` where a manifest variable was removed).
    pub fn changes(&self) -> Vec<Edit> {
        SETTINGS
            .iter()
            .filter_map(|s| {
                let now = self.get(s.name);
                (now != s.manifest).then(|| Edit::new(s.name, now))
            })
            .collect()
    }
}

fn known(name: &str) -> Result<&'static Setting, UnknownSetting> {
    setting(name).ok_or_else(|| UnknownSetting {
        name: name.to_string(),
        suggestions: crate::suggest::nearest(name, SETTINGS.iter().map(|s| s.name), 1),
    })
}

/// The values ipamd runs with, after parsing and `isConfigValid`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CniConfig {
    /// `WARM_ENI_TARGET`. t3.small, 5 pods, default 1: 3 ENIs, 9 IPs, 4 unused.
    pub warm_eni_target: i64,
    /// `WARM_IP_TARGET`. t3.small, `WARM_IP_TARGET=2`, `MINIMUM_IP_TARGET=5`, 5 pods: 3 ENIs, 7 IPs, 2 unused.
    pub warm_ip_target: i64,
    /// `MINIMUM_IP_TARGET`. p3dn.24xlarge, `WARM_IP_TARGET=5`, `MINIMUM_IP_TARGET=10`, 0 pods: 10 IPs.
    pub minimum_ip_target: i64,
    /// `WARM_PREFIX_TARGET`. t3.small PD, 5 pods, 1: 2 prefixes, 27 unused IPs.
    pub warm_prefix_target: i64,
    /// `MAX_ENI` as ipamd resolves it with the instance limit (`getMaxENI`).
    pub max_eni: u32,
    /// `ENABLE_PREFIX_DELEGATION` after `isConfigValid` (false on Xen even when requested).
    pub enable_prefix_delegation: bool,
    pub enable_ipv4: bool,
    pub enable_ipv6: bool,
    /// `AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG`.
    pub use_custom_networking: bool,
    /// `ENABLE_POD_ENI`.
    pub enable_pod_eni: bool,
    /// `IP_COOLDOWN_PERIOD` in seconds; negative means never cooling.
    pub ip_cooldown_period: i64,
}

impl CniConfig {
    /// Mirrors `warmIPTargetsDefined` in `pkg/ipamd/ipamd.go`.
    pub fn warm_ip_targets_defined(&self) -> bool {
        self.warm_ip_target != 0 || self.minimum_ip_target != 0
    }

    /// Mirrors `warmPrefixTargetDefined`: `WARM_PREFIX_TARGET ≥ 0 && PD`, which after parsing is just "PD on".
    pub fn warm_prefix_target_defined(&self) -> bool {
        self.warm_prefix_target >= 0 && self.enable_prefix_delegation
    }
}

/// A combination `isConfigValid` rejects at start-up: aws-node never becomes ready.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub code: &'static str,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Go's `strconv.Atoi` on a 64-bit platform: optional sign, ASCII digits, no blanks, in `i64` range.
pub fn go_atoi(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i64>().ok()
}

/// Go's `strconv.ParseBool`.
pub fn go_parse_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// The part of `isConfigValid` that needs no instance type: the IP family and what IPv6 requires. A snippet
/// that fails it would stop aws-node on every node, so `resolve` and `snippets::generate` both refuse it.
pub fn check_ip_families(env: &CniEnv) -> Result<(), ConfigError> {
    let on = |name| env.get(name).and_then(go_parse_bool).unwrap_or(false);
    let fatal = |code, message: &str| {
        Err(ConfigError {
            code,
            message: message.to_string(),
        })
    };
    let (ipv4, ipv6) = (on("ENABLE_IPv4"), on("ENABLE_IPv6"));
    if ipv4 && ipv6 {
        return fatal(
            "dual-stack",
            "IPv4 and IPv6 are both enabled (the manifest sets ENABLE_IPv4=true): ipamd refuses to start. \
             For IPv6 set ENABLE_IPv4=false ENABLE_IPv6=true ENABLE_PREFIX_DELEGATION=true.",
        );
    }
    if !ipv4 && !ipv6 {
        return fatal(
            "no-ip-family",
            "IPv4 and IPv6 are both disabled: ipamd refuses to start. Set ENABLE_IPv4=true or ENABLE_IPv6=true.",
        );
    }
    if ipv6 && (on("AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG") || !on("ENABLE_PREFIX_DELEGATION")) {
        return fatal(
            "ipv6-needs-pd",
            "IPv6 is supported only in prefix delegation mode and without custom networking: ipamd refuses to start. \
             Set ENABLE_PREFIX_DELEGATION=true and AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=false.",
        );
    }
    Ok(())
}

/// Parses `env` the way ipamd does for `instance`, and validates it like `isConfigValid`.
pub fn resolve(env: &CniEnv, instance: &InstanceTypeLimits) -> Result<(CniConfig, Vec<Warning>), ConfigError> {
    let mut warnings = Vec::new();
    // getWarmENITarget, getWarmIPTarget, getMinimumIPTarget, getWarmPrefixTarget: non-integers and
    // negatives fall back to the default.
    let mut int = |name: &'static str, default: i64, negative_ok: bool| -> i64 {
        let Some(raw) = env.get(name) else {
            return default;
        };
        match go_atoi(raw) {
            Some(v) if v < 0 && !negative_ok => {
                warnings.push(Warning::new(
                    "negative-value",
                    format!("{name}={raw} is negative; ipamd ignores it and uses {default}."),
                ));
                default
            }
            Some(v) => v,
            None => {
                warnings.push(Warning::new(
                    "not-an-integer",
                    format!("{name}={raw:?} is not an integer to Go's strconv.Atoi; ipamd uses {default}."),
                ));
                default
            }
        }
    };
    let warm_eni_target = int("WARM_ENI_TARGET", 1, false);
    let warm_ip_target = int("WARM_IP_TARGET", 0, false);
    let minimum_ip_target = int("MINIMUM_IP_TARGET", 0, false);
    let warm_prefix_target = int("WARM_PREFIX_TARGET", 0, false);
    let ip_cooldown_period = int("IP_COOLDOWN_PERIOD", 30, true);
    let raw_max_eni = env.get("MAX_ENI").map(|raw| (raw, go_atoi(raw)));

    let mut boolean = |name: &'static str| -> bool {
        let Some(raw) = env.get(name) else {
            return false;
        };
        go_parse_bool(raw).unwrap_or_else(|| {
            if !raw.is_empty() {
                warnings.push(Warning::new(
                    "not-a-boolean",
                    format!("{name}={raw:?} is not a Go boolean (true/false/1/0/t/f); ipamd uses false."),
                ));
            }
            false
        })
    };
    let mut enable_prefix_delegation = boolean("ENABLE_PREFIX_DELEGATION");
    let enable_ipv4 = boolean("ENABLE_IPv4");
    let enable_ipv6 = boolean("ENABLE_IPv6");
    let use_custom_networking = boolean("AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG");
    let enable_pod_eni = boolean("ENABLE_POD_ENI");

    // getMaxENI: an integer ≥ 1 below the instance limit takes effect; anything else is ignored.
    let max_eni = match raw_max_eni {
        None => instance.eni_limit,
        Some((_, Some(v))) if v >= 1 && v < i64::from(instance.eni_limit) => v as u32,
        Some((raw, parsed)) => {
            let why = match parsed {
                None => "is not an integer".to_string(),
                Some(v) if v < 1 => "is below 1".to_string(),
                Some(_) => format!("is not below {}'s ENI limit of {}", instance.name, instance.eni_limit),
            };
            warnings.push(Warning::new(
                "max-eni-ignored",
                format!(
                    "MAX_ENI={raw} {why}; ipamd uses the instance limit, {} ENIs.",
                    instance.eni_limit
                ),
            ));
            instance.eni_limit
        }
    };

    // isConfigValid.
    check_ip_families(env)?;
    let fatal = |code, message: String| Err(ConfigError { code, message });
    if enable_prefix_delegation && !instance.is_prefix_delegation_supported() {
        if enable_ipv6 {
            return fatal(
                "ipv6-pd-unsupported",
                format!(
                    "{} is a {} instance without prefix delegation, which IPv6 requires: ipamd refuses to start.",
                    instance.name, instance.hypervisor
                ),
            );
        }
        warnings.push(Warning::new(
            "pd-not-supported",
            format!(
                "Prefix delegation is not supported on non-nitro instance {} ({}): ipamd falls back to secondary-IP mode. \
                 A max-pods value computed for prefixes would be wrong.",
                instance.name, instance.hypervisor
            ),
        ));
        enable_prefix_delegation = false;
    }

    let config = CniConfig {
        warm_eni_target,
        warm_ip_target,
        minimum_ip_target,
        warm_prefix_target,
        max_eni,
        enable_prefix_delegation,
        enable_ipv4,
        enable_ipv6,
        use_custom_networking,
        enable_pod_eni,
        ip_cooldown_period,
    };
    warnings.extend(interaction_warnings(env, &config));
    Ok((config, warnings))
}

/// The precedence rules R1–R6 of the spec, said where the user's settings trip them.
fn interaction_warnings(env: &CniEnv, c: &CniConfig) -> Vec<Warning> {
    let mut out = Vec::new();
    let user_set = |name: &str| env.get(name).is_some() && env.get(name) != setting(name).and_then(|s| s.manifest);
    if c.enable_ipv6 {
        let ignored: Vec<&str> = [
            "WARM_ENI_TARGET",
            "WARM_IP_TARGET",
            "MINIMUM_IP_TARGET",
            "WARM_PREFIX_TARGET",
            "MAX_ENI",
        ]
        .into_iter()
        .filter(|n| user_set(n))
        .collect();
        if !ignored.is_empty() {
            out.push(Warning::new(
                "ipv6-ignores-targets",
                format!(
                    "IPv6 mode runs no warm pool: {} do nothing (the pool manager returns at once).",
                    ignored.join(", ")
                ),
            ));
        }
        return out;
    }
    if c.warm_ip_targets_defined()
        && (user_set("WARM_ENI_TARGET") || (!c.enable_prefix_delegation && c.warm_eni_target != 0))
    {
        out.push(Warning::new(
            "warm-eni-ignored",
            format!(
                "WARM_IP_TARGET/MINIMUM_IP_TARGET are set, so WARM_ENI_TARGET={} is ignored for growing and shrinking the pool.",
                c.warm_eni_target
            ),
        ));
    }
    if c.enable_prefix_delegation && !c.warm_ip_targets_defined() && user_set("WARM_ENI_TARGET") {
        out.push(Warning::new(
            "warm-eni-ignored-pd",
            format!(
                "Prefix mode ignores WARM_ENI_TARGET={}; WARM_PREFIX_TARGET sizes the pool.",
                c.warm_eni_target
            ),
        ));
    }
    if c.enable_prefix_delegation && c.warm_ip_targets_defined() && c.warm_prefix_target != 0 {
        out.push(Warning::new(
            "warm-prefix-overridden",
            format!(
                "WARM_IP_TARGET/MINIMUM_IP_TARGET take precedence over WARM_PREFIX_TARGET={} for adding and removing prefixes; \
                 it only guards whole-ENI release.",
                c.warm_prefix_target
            ),
        ));
    }
    if c.minimum_ip_target > 0 && c.warm_ip_target == 0 {
        out.push(Warning::new(
            "minimum-without-warm-ip",
            format!(
                "MINIMUM_IP_TARGET={} without WARM_IP_TARGET: the pool is sized to exactly {} IPs and stops growing; \
                 every pod beyond the first {} waits for an IP that never comes.",
                c.minimum_ip_target, c.minimum_ip_target, c.minimum_ip_target
            ),
        ));
    }
    if c.enable_prefix_delegation && !c.warm_ip_targets_defined() && c.warm_prefix_target == 0 {
        out.push(Warning::new(
            "pd-zero-targets",
            "WARM_PREFIX_TARGET=0 with no WARM_IP_TARGET/MINIMUM_IP_TARGET is unsupported upstream: a prefix is added only \
             when no address is free, and a node whose pod count is a multiple of 16 adds and releases a prefix every 30 s."
                .to_string(),
        ));
    }
    if !c.enable_prefix_delegation && !c.warm_ip_targets_defined() && c.warm_eni_target == 0 {
        out.push(Warning::new(
            "warm-eni-zero",
            "WARM_ENI_TARGET=0 with no WARM_IP_TARGET: a new ENI's worth of IPs is fetched only once no IP is free, \
             so pods wait for EC2 at every ENI boundary."
                .to_string(),
        ));
    }
    if c.enable_prefix_delegation && c.minimum_ip_target % 16 != 0 {
        out.push(Warning::new(
            "minimum-rounded-to-prefix",
            format!(
                "In prefix mode MINIMUM_IP_TARGET={} is met in whole /28s: {} addresses.",
                c.minimum_ip_target,
                crate::ipamd::datastore::div_ceil(c.minimum_ip_target, 16).saturating_mul(16)
            ),
        ));
    }
    if c.ip_cooldown_period < 0 {
        out.push(Warning::new(
            "cooldown-negative",
            format!(
                "IP_COOLDOWN_PERIOD={} is negative: ipamd accepts it and released IPs are never in cooldown.",
                c.ip_cooldown_period
            ),
        ));
    }
    out
}
