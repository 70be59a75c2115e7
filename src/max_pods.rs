//! Max pods in every variant operators meet: the `eni-max-pods.txt` value, `max-pods-calculator.sh`
//! (capped and `--show-max-allowed`), nodeadm's default, and ipamd's real IP capacity for the settings.
//! Each comes with the formula it used, and the disagreements are spelled out.

use crate::config::CniConfig;
use crate::subnet::IPS_PER_PREFIX;
use crate::vpc::InstanceTypeLimits;

/// The VPC CNI release this tool models; `--cni-version` defaults to it.
pub const CURRENT_CNI_VERSION: &str = "1.23.1";

/// Options of `max-pods-calculator.sh`, same names and meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalculatorArgs {
    /// `--cni-version` as `(major, minor)`.
    pub cni_version: (u32, u32),
    pub custom_networking: bool,
    pub prefix_delegation: bool,
    pub max_eni: Option<u32>,
    pub show_max_allowed: bool,
}

/// One computed value with the arithmetic behind it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Formula {
    pub value: i64,
    pub formula: String,
}

/// Parses `1.23.1` or `v1.23.1` into `(major, minor)`, as the script's `cut -d. -f1,2` would.
pub fn parse_cni_version(v: &str) -> Option<(u32, u32)> {
    let v = v.trim().strip_prefix('v').unwrap_or(v.trim());
    let mut parts = v.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    if parts.any(|p| p.parse::<u32>().is_err()) {
        return None;
    }
    Some((major, minor))
}

/// `max-pods-calculator.sh` offline. `Err` names the missing vCPU count when the cap depends on it.
pub fn calculator(instance: &InstanceTypeLimits, args: &CalculatorArgs) -> Result<Formula, String> {
    let raw = calculator_raw(instance, args);
    if args.show_max_allowed {
        return Ok(raw);
    }
    let cap = match instance.vcpus {
        Some(v) => {
            if v > 30 {
                250
            } else {
                110
            }
        }
        None if raw.value <= 110 => 110,
        None => {
            return Err(format!(
                "{} has no published vCPU count, so the 110/250 cap is unknown",
                instance.name
            ))
        }
    };
    let value = raw.value.min(cap);
    let vcpus = instance.vcpus.map_or("unknown".to_string(), |v| v.to_string());
    Ok(Formula {
        value,
        formula: format!(
            "min({}, {cap}) with {vcpus} vCPUs (cap 110 if ≤ 30 vCPUs, else 250)",
            raw.formula
        ),
    })
}

fn calculator_raw(instance: &InstanceTypeLimits, args: &CalculatorArgs) -> Formula {
    let mut enis = i64::from(instance.eni_limit);
    let mut enis_text = enis.to_string();
    if let Some(max) = args.max_eni {
        enis = enis.min(i64::from(max));
        enis_text = enis.to_string();
    }
    if args.custom_networking {
        enis -= 1;
        enis_text = format!("({enis_text} − 1)");
    }
    let (major, minor) = args.cni_version;
    let pd_supported = major > 1 || (major == 1 && minor > 8);
    let ips = i64::from(instance.ipv4_limit) - 1;
    if instance.hypervisor == "nitro" && args.prefix_delegation && pd_supported {
        Formula {
            value: enis * ips * IPS_PER_PREFIX + 2,
            formula: format!("{enis_text} × ({} − 1) × 16 + 2", instance.ipv4_limit),
        }
    } else {
        Formula {
            value: enis * ips + 2,
            formula: format!("{enis_text} × ({} − 1) + 2", instance.ipv4_limit),
        }
    }
}

/// nodeadm's default (`CalcMaxPods`): the default card's ENIs, no cap, no PD or custom networking.
pub fn nodeadm(instance: &InstanceTypeLimits) -> Formula {
    Formula {
        value: i64::from(instance.eni_max_pods()),
        formula: format!("{} × ({} − 1) + 2", instance.eni_limit, instance.ipv4_limit),
    }
}

/// ENI slots that can carry pod addresses on card 0 (`hasRoomForEni`, `GetAllocatableENIs`):
/// maxENI, less the trunk ENI and the primary ENI under custom networking.
pub fn usable_eni_slots(instance: &InstanceTypeLimits, cfg: &CniConfig) -> i64 {
    let trunk = i64::from(trunk_takes_a_slot(instance, cfg));
    let custom = i64::from(cfg.use_custom_networking);
    (i64::from(cfg.max_eni) - trunk - custom).max(0)
}

/// Whether a trunk ENI takes one of ipamd's IPv4 ENI slots: security groups for pods on a trunking-compatible
/// type, and a free slot when `tryEnableSecurityGroupsForPods` first runs in `nodeInit` (only the primary ENI
/// is attached then, so `MAX_ENI=1` leaves no room and the trunk never comes). IPv6 skips that check, but
/// its capacity is the /80, so the slot does not matter there.
pub fn trunk_takes_a_slot(instance: &InstanceTypeLimits, cfg: &CniConfig) -> bool {
    cfg.enable_pod_eni && instance.is_trunking_compatible() && cfg.max_eni >= 2
}

/// ipamd's real address capacity for pods with these settings.
pub fn ip_capacity(instance: &InstanceTypeLimits, cfg: &CniConfig) -> Formula {
    if cfg.enable_ipv6 {
        return Formula {
            value: 1 << 48,
            formula: "one /80 IPv6 prefix on the primary ENI: 2^48 addresses".into(),
        };
    }
    let slots = usable_eni_slots(instance, cfg);
    let mut slots_text = cfg.max_eni.to_string();
    if trunk_takes_a_slot(instance, cfg) {
        slots_text += " − 1 trunk";
    }
    if cfg.use_custom_networking {
        slots_text += " − 1 primary (custom networking)";
    }
    if slots_text.contains(' ') {
        slots_text = format!("({slots_text})");
    }
    let per = i64::from(instance.ipv4_limit) - 1;
    if cfg.enable_prefix_delegation {
        Formula {
            value: slots * per * IPS_PER_PREFIX,
            formula: format!("{slots_text} ENIs × {per} prefixes × 16"),
        }
    } else {
        Formula {
            value: slots * per,
            formula: format!("{slots_text} ENIs × {per} IPs"),
        }
    }
}

/// All variants for one node, plus the kubelet value the simulation uses.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MaxPods {
    pub eni_max_pods: i64,
    pub calculator: i64,
    pub calculator_max_allowed: i64,
    pub nodeadm: i64,
    /// What kubelet runs with: the user's value, else the calculator's recommendation.
    pub kubelet: i64,
    pub kubelet_source: &'static str,
    pub ip_capacity: i64,
    pub formulas: MaxPodsFormulas,
    /// Where the variants disagree, in words.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MaxPodsFormulas {
    pub eni_max_pods: String,
    pub calculator: String,
    pub calculator_max_allowed: String,
    pub nodeadm: String,
    pub ip_capacity: String,
}

/// The calculator arguments that match a resolved configuration.
pub fn calculator_args_for(cfg: &CniConfig, instance: &InstanceTypeLimits, show_max_allowed: bool) -> CalculatorArgs {
    CalculatorArgs {
        cni_version: parse_cni_version(CURRENT_CNI_VERSION).unwrap_or((1, 23)),
        custom_networking: cfg.use_custom_networking,
        prefix_delegation: cfg.enable_prefix_delegation || cfg.enable_ipv6,
        max_eni: (cfg.max_eni < instance.eni_limit).then_some(cfg.max_eni),
        show_max_allowed,
    }
}

/// Every variant for `instance` under `cfg`; `kubelet_override` is the user's maxPods, if any.
/// The bool is true when the calculator's cap had to assume ≤ 30 vCPUs.
pub fn max_pods(instance: &InstanceTypeLimits, cfg: &CniConfig, kubelet_override: Option<u32>) -> (MaxPods, bool) {
    let eni = nodeadm(instance);
    let allowed = calculator(instance, &calculator_args_for(cfg, instance, true))
        .unwrap_or_else(|e| Formula { value: 110, formula: e });
    let (calc, assumed) = match calculator(instance, &calculator_args_for(cfg, instance, false)) {
        Ok(f) => (f, false),
        Err(e) => (
            Formula {
                value: allowed.value.min(110),
                formula: format!("min({}, 110): {e}; assumed ≤ 30 vCPUs", allowed.formula),
            },
            true,
        ),
    };
    let capacity = ip_capacity(instance, cfg);
    let (kubelet, kubelet_source) = match kubelet_override {
        Some(v) => (i64::from(v), "override"),
        None => (calc.value, "calculator"),
    };
    let mut notes = Vec::new();
    if !cfg.enable_ipv6 && kubelet - 2 > capacity.value {
        notes.push(format!(
            "kubelet maxPods {kubelet} admits {} pods besides aws-node and kube-proxy, but ipamd can hand out only {} addresses: \
             pods past that stay in ContainerCreating (\"failed to assign an IP address to container\").",
            kubelet - 2,
            capacity.value
        ));
    }
    if cfg.enable_prefix_delegation && instance.hypervisor != "nitro" && instance.bare_metal {
        notes.push(format!(
            "{} is bare metal: ipamd runs prefix delegation there, but max-pods-calculator.sh only honours PD on hypervisor \"nitro\" \
             and computes the secondary-IP value {}.",
            instance.name, allowed.value
        ));
    }
    if calc.value != eni.value {
        notes.push(format!(
            "nodeadm (AL2023) sets {} by default (no vCPU cap, no PD or custom-networking awareness) unless maxPodsExpression or maxPods is set; \
             the calculator recommends {}.",
            eni.value, calc.value
        ));
    }
    let mp = MaxPods {
        eni_max_pods: eni.value,
        calculator: calc.value,
        calculator_max_allowed: allowed.value,
        nodeadm: eni.value,
        kubelet,
        kubelet_source,
        ip_capacity: capacity.value,
        formulas: MaxPodsFormulas {
            eni_max_pods: eni.formula.clone(),
            calculator: calc.formula,
            calculator_max_allowed: allowed.formula,
            nodeadm: eni.formula,
            ip_capacity: capacity.formula,
        },
        notes,
    };
    (mp, assumed)
}
