//! The CNI settings that change pool sizing: one `SETTINGS` table, the raw environment as ipamd sees it
//! (`CniEnv`), and `CniConfig`, the values ipamd actually uses after its own parsing and `isConfigValid`.
//! Odd values are accepted exactly as ipamd accepts them and come back as warnings; start-up-fatal
//! combinations are errors.

use crate::edit::Edit;
use crate::order::SortedMap;
use crate::vpc::InstanceTypeLimits;
use crate::warning::Warning;

mod interactions;
mod parse;
mod settings;

pub use parse::{go_atoi, go_parse_bool};
pub use settings::{setting, Kind, Setting, ENI_CONFIG_DEF_DEFAULT, SETTINGS};

/// The label (`ENI_CONFIG_LABEL_DEF`) or annotation (`ENI_CONFIG_ANNOTATION_DEF`) key that selects a node's
/// ENIConfig, as `getEniConfigLabelDef` / `getEniConfigAnnotationDef` read it: unset or empty means the default.
pub fn eni_config_def<'a>(env: &'a CniEnv, name: &str) -> &'a str {
    env.get(name)
        .filter(|v| !v.is_empty())
        .unwrap_or(ENI_CONFIG_DEF_DEFAULT)
}

/// The `aws-node` environment: manifest values overlaid with the user's `KEY=VALUE` and `KEY-` (unset).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CniEnv {
    /// Each set variable once, by name (`order::SortedMap`: equal environments are equal, and the page's
    /// wasm carries no map code for it).
    vars: SortedMap,
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
        let mut env = CniEnv::default();
        for s in SETTINGS {
            if let Some(v) = s.manifest {
                env.vars.insert(s.name.to_string(), v.to_string());
            }
        }
        env
    }

    /// The raw value of `name`, if set.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name)
    }

    /// Sets `name` to `value` verbatim (ipamd will parse it later, as it parses the real environment).
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), UnknownSetting> {
        let s = known(name)?;
        self.vars.insert(s.name.to_string(), value.to_string());
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
        suggestions: crate::suggest::nearest(
            name,
            &mut SETTINGS.iter().map(|s| s.name) as &mut dyn Iterator<Item = &str>,
            1,
        ),
    })
}

/// The values ipamd runs with, after parsing and `isConfigValid`. `resolve` fills each field through the
/// accessor of the `SETTINGS` entry that names it (`Kind::Int { field, .. }` and the like).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
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

/// Parses `env` the way ipamd does for `instance`, and validates it like `isConfigValid`. Each `SETTINGS`
/// entry is parsed by its kind with its default, then `CniConfig` takes the values by variable name.
pub fn resolve(env: &CniEnv, instance: &InstanceTypeLimits) -> Result<(CniConfig, Vec<Warning>), ConfigError> {
    let mut warnings = Vec::new();
    let mut config = CniConfig::default();
    for s in SETTINGS {
        parse::fill(&mut config, s, env.get(s.name), instance, &mut warnings);
    }

    // isConfigValid.
    check_ip_families(env)?;
    let fatal = |code, message: String| Err(ConfigError { code, message });
    if config.enable_prefix_delegation && !instance.is_prefix_delegation_supported() {
        if config.enable_ipv6 {
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
        config.enable_prefix_delegation = false;
    }

    warnings.extend(interactions::interaction_warnings(env, &config));
    Ok((config, warnings))
}
