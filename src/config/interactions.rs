//! The precedence rules between the targets, said as warnings where the user's settings trip them.

use super::{setting, CniConfig, CniEnv};
use crate::subnet::{div_ceil, IPS_PER_PREFIX};
use crate::warning::Warning;

/// The precedence rules between the targets, said where the user's settings trip them: WARM_IP_TARGET or
/// MINIMUM_IP_TARGET replaces WARM_ENI_TARGET; prefix mode ignores WARM_ENI_TARGET; with prefixes,
/// WARM_IP_TARGET/MINIMUM_IP_TARGET override WARM_PREFIX_TARGET except as a guard on freeing an ENI;
/// MINIMUM_IP_TARGET without WARM_IP_TARGET stops growing at MINIMUM_IP_TARGET; zero warm targets grow the
/// pool only when no address is free (a whole ENI's worth of IPs, or one prefix). IPv6 runs no warm pool.
pub(super) fn interaction_warnings(env: &CniEnv, c: &CniConfig) -> Vec<Warning> {
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
    if c.enable_prefix_delegation && c.minimum_ip_target % IPS_PER_PREFIX != 0 {
        out.push(Warning::new(
            "minimum-rounded-to-prefix",
            format!(
                "In prefix mode MINIMUM_IP_TARGET={} is met in whole /28s: {} addresses.",
                c.minimum_ip_target,
                div_ceil(c.minimum_ip_target, IPS_PER_PREFIX).saturating_mul(IPS_PER_PREFIX)
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
