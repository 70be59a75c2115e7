//! The warm-pool decisions of `pkg/ipamd/ipamd.go`, as pure functions of the settings and the datastore
//! statistics: too low, too high, how short or over, how many prefixes to ask for, whether to try freeing
//! an ENI. Each returns its verdict with the arithmetic in words for the trace.

use super::datastore::DataStoreStats;
use super::text::Text;
use crate::config::CniConfig;
use crate::subnet::{div_ceil, IPS_PER_PREFIX};

/// Per-node numbers ipamd derives at start-up (`initENIAndIPLimits`, `getMaxENI`, `nodeInit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// `maxIPsPerENI`: `IPv4Limit − 1` (SIP) or `16 × (IPv4Limit − 1)` (PD).
    pub max_ips_per_eni: i64,
    /// `maxPrefixesPerENI`: `IPv4Limit − 1` in PD, else 0.
    pub max_prefixes_per_eni: i64,
    /// `maxENI` after `MAX_ENI`.
    pub max_eni: i64,
    /// The kubelet's maxPods, ipamd's growth ceiling.
    pub max_pods: i64,
    /// `IPv4Limit − 1`, the clamp in `AllocIPAddresses` and `createENI`.
    pub ipv4_limit_minus_one: i64,
}

impl Limits {
    pub fn new(ipv4_limit: u32, cfg: &CniConfig, max_pods: i64) -> Limits {
        let per = i64::from(ipv4_limit) - 1;
        let pd = cfg.enable_prefix_delegation;
        Limits {
            max_ips_per_eni: if pd { per * IPS_PER_PREFIX } else { per },
            max_prefixes_per_eni: if pd { per } else { 0 },
            max_eni: i64::from(cfg.max_eni),
            max_pods,
            ipv4_limit_minus_one: per,
        }
    }
}

/// `datastoreTargetState`'s answer when WARM_IP_TARGET or MINIMUM_IP_TARGET is set: IPs (SIP) or
/// prefixes (PD) short of and over the targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetState {
    pub short: i64,
    pub over: i64,
}

/// Mirrors `datastoreTargetState`; `None` where Go returns `enabled = false`.
pub fn datastore_target_state(cfg: &CniConfig, stats: &DataStoreStats, free_prefixes: i64) -> Option<TargetState> {
    if !cfg.warm_ip_targets_defined() {
        return None;
    }
    let (wit, mit) = (cfg.warm_ip_target, cfg.minimum_ip_target);
    let available = stats.available_addresses();
    let mut short = wit.saturating_sub(available).max(0);
    short = short.max(mit.saturating_sub(stats.total_ips));
    let mut over = available.saturating_sub(wit).max(0);
    over = over.min(stats.total_ips.saturating_sub(mit)).max(0);
    if cfg.enable_prefix_delegation {
        let short = div_ceil(short, IPS_PER_PREFIX);
        let need_for_warm = div_ceil(stats.assigned_ips.saturating_add(wit), IPS_PER_PREFIX);
        let need_for_min = div_ceil(mit, IPS_PER_PREFIX);
        let over = free_prefixes.min(stats.total_prefixes - need_for_warm).max(0);
        let over = over.min(stats.total_prefixes - need_for_min).max(0);
        return Some(TargetState { short, over });
    }
    Some(TargetState { short, over })
}

/// Mirrors `datastorePrefixTargetState`: prefixes short of `WARM_PREFIX_TARGET`, if PD is on.
pub fn datastore_prefix_target_state(cfg: &CniConfig, free_prefixes: i64) -> Option<i64> {
    cfg.warm_prefix_target_defined()
        .then(|| (cfg.warm_prefix_target - free_prefixes).max(0))
}

/// A verdict and the arithmetic behind it (formatted when read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub yes: bool,
    pub why: Text,
}

/// Mirrors `isDatastorePoolTooLow`.
pub fn is_pool_too_low(cfg: &CniConfig, lim: &Limits, stats: &DataStoreStats, free_prefixes: i64) -> Verdict {
    pool_too_low(cfg, lim, stats, free_prefixes, true)
}

/// `is_pool_too_low`, with the arithmetic in words only when `explain` (else `why` is empty).
pub fn pool_too_low(
    cfg: &CniConfig,
    lim: &Limits,
    stats: &DataStoreStats,
    free_prefixes: i64,
    explain: bool,
) -> Verdict {
    let total = stats.total_ips;
    let available = stats.available_addresses();
    let max_pods = lim.max_pods;
    if total >= max_pods {
        return Verdict {
            yes: false,
            why: Text::later_if(explain, move || {
                format!("total {total} ≥ maxPods {max_pods}: growth stops at the max-pods ceiling")
            }),
        };
    }
    if let Some(ts) = datastore_target_state(cfg, stats, free_prefixes) {
        return Verdict {
            yes: ts.short > 0,
            why: explain_short(explain, cfg, *stats, ts.short),
        };
    }
    let (per, target, name, unit) = if cfg.enable_prefix_delegation {
        (
            IPS_PER_PREFIX,
            cfg.warm_prefix_target,
            "WARM_PREFIX_TARGET",
            "IPs per prefix",
        )
    } else {
        (
            lim.max_ips_per_eni,
            cfg.warm_eni_target,
            "WARM_ENI_TARGET",
            "IPs per ENI",
        )
    };
    let need = per.saturating_mul(target);
    let low = available < need || (target == 0 && available == 0);
    let why = Text::later_if(explain, move || {
        if target == 0 {
            if available == 0 {
                format!("{name} 0 and no address available: too low")
            } else {
                format!("{name} 0 and {available} available: enough")
            }
        } else if low {
            format!("available {available} < {name} {target} × {per} {unit} = {need}: too low")
        } else {
            format!("available {available} ≥ {name} {target} × {per} {unit} = {need}: enough")
        }
    });
    Verdict { yes: low, why }
}

fn explain_short(explain: bool, cfg: &CniConfig, stats: DataStoreStats, short: i64) -> Text {
    let (wit, mit, pd) = (cfg.warm_ip_target, cfg.minimum_ip_target, cfg.enable_prefix_delegation);
    Text::later_if(explain, move || short_text(wit, mit, pd, &stats, short))
}

fn short_text(wit: i64, mit: i64, pd: bool, stats: &DataStoreStats, short: i64) -> String {
    let available = stats.available_addresses();
    let total = stats.total_ips;
    let warm_short = wit - available;
    let min_short = mit - total;
    let unit = if pd {
        format!(" → {short} prefix{}", if short == 1 { "" } else { "es" })
    } else {
        String::new()
    };
    if short == 0 {
        let mut parts = Vec::new();
        if wit != 0 {
            parts.push(format!("available {available} ≥ WARM_IP_TARGET {wit}"));
        }
        if mit != 0 {
            parts.push(format!("total {total} ≥ MINIMUM_IP_TARGET {mit}"));
        }
        format!("{}: not short", parts.join(" and "))
    } else if warm_short >= min_short {
        format!("available {available} < WARM_IP_TARGET {wit}: short by {warm_short}{unit}")
    } else {
        format!("total {total} < MINIMUM_IP_TARGET {mit}: short by {min_short}{unit}")
    }
}

/// Mirrors `isDatastorePoolTooHigh`.
pub fn is_pool_too_high(cfg: &CniConfig, stats: &DataStoreStats, free_prefixes: i64) -> Verdict {
    pool_too_high(cfg, stats, free_prefixes, true)
}

/// `is_pool_too_high`, with the arithmetic in words only when `explain` (else `why` is empty).
pub fn pool_too_high(cfg: &CniConfig, stats: &DataStoreStats, free_prefixes: i64, explain: bool) -> Verdict {
    if let Some(ts) = datastore_target_state(cfg, stats, free_prefixes) {
        let unit = if cfg.enable_prefix_delegation {
            "prefixes"
        } else {
            "IPs"
        };
        return Verdict {
            yes: ts.over > 0,
            why: Text::later_if(explain && ts.over > 0, move || {
                format!("{} {unit} over WARM_IP_TARGET/MINIMUM_IP_TARGET: too high", ts.over)
            }),
        };
    }
    if cfg.warm_prefix_target_defined() {
        let target = cfg.warm_prefix_target;
        let high = free_prefixes > target;
        return Verdict {
            yes: high,
            why: Text::later_if(explain && high, move || {
                format!("free prefixes {free_prefixes} > WARM_PREFIX_TARGET {target}: too high")
            }),
        };
    }
    // Secondary-IP mode with WARM_ENI_TARGET never releases single IPs.
    Verdict {
        yes: false,
        why: Text::default(),
    }
}

/// Mirrors `getPrefixesNeeded`: at least 1; WARM_IP_TARGET's shortage takes precedence over WARM_PREFIX_TARGET's.
pub fn get_prefixes_needed(cfg: &CniConfig, stats: &DataStoreStats, free_prefixes: i64) -> i64 {
    if let Some(ts) = datastore_target_state(cfg, stats, free_prefixes) {
        return ts.short.max(1);
    }
    match datastore_prefix_target_state(cfg, free_prefixes) {
        Some(short) => short.max(1),
        None => 1,
    }
}

/// Mirrors `computeExtraPrefixesOverWarmTarget`.
pub fn compute_extra_prefixes_over_warm_target(cfg: &CniConfig, free_prefixes: i64) -> i64 {
    if !cfg.warm_prefix_target_defined() {
        return 0;
    }
    (free_prefixes - cfg.warm_prefix_target).max(0)
}

/// Mirrors `shouldRemoveExtraENIs`. `freeable_eni_exists` is `CheckFreeableENIexists`.
pub fn should_remove_extra_enis(
    cfg: &CniConfig,
    lim: &Limits,
    stats: &DataStoreStats,
    freeable_eni_exists: bool,
) -> bool {
    if cfg.warm_ip_targets_defined() {
        return true;
    }
    let target = if cfg.enable_prefix_delegation {
        cfg.warm_prefix_target
    } else {
        cfg.warm_eni_target
    };
    let remove = stats.available_addresses() >= target.saturating_add(1).saturating_mul(lim.max_ips_per_eni);
    if cfg.enable_prefix_delegation && !remove {
        return freeable_eni_exists;
    }
    remove
}

/// Why `increaseDatastorePool` added nothing: numbers, written when the trace is read.
#[derive(Clone, Copy)]
pub(super) enum Why {
    NoRoom {
        in_use: usize,
        max_eni: i64,
        reserve: &'static str,
    },
    NothingNeeded,
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Why::NoRoom {
                in_use,
                max_eni,
                reserve,
            } => write!(
                f,
                "no ENI has room and no ENI slot is left: {in_use} of maxENI {max_eni} in use{reserve}"
            ),
            Why::NothingNeeded => f.write_str("0 IPs needed, so no ENI is created"),
        }
    }
}
