//! Instance types from the account: `aws ec2 describe-instance-types` JSON pages (`{"InstanceTypes": [...]}`)
//! as catalog rows, the way ipamd's generator `scripts/gen_vpc_ip_limits.go` fills `vpc_ip_resource_limit.go`:
//! `ENILimit` is the default network card's `MaximumNetworkInterfaces`, `IPv4Limit` the
//! `Ipv4AddressesPerInterface`, and a type with no `Hypervisor` (bare metal) is stored as `unknown`. Also the
//! `data/*.csv` text `build.rs` reads, and what an import adds, changes and removes.

use super::json::Json;
use crate::vpc::{self, InstanceTypeLimits};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// What a page is, for the messages.
const PAGE: &str = "not describe-instance-types JSON ({\"InstanceTypes\": [...]})";

/// Reads one `describe-instance-types` page. A type the built-in catalog has keeps its trunk compatibility
/// (not in `describe-instance-types`); a new one is trunking-compatible, as `IsTrunkingCompatible` answers
/// for a type missing from the resource controller's table. Members the importer does not use are ignored,
/// and a `null` member is taken as absent.
pub fn parse_page(text: &str) -> Result<Vec<InstanceTypeLimits>, String> {
    let page = Json::parse(text).map_err(|e| format!("{PAGE}: {e}"))?;
    let types = member(&page, "InstanceTypes")
        .and_then(Json::as_array)
        .ok_or_else(|| format!("{PAGE}: no InstanceTypes list"))?;
    types
        .iter()
        .enumerate()
        .map(|(n, t)| limits(t, &format!("InstanceTypes[{n}]")))
        .collect()
}

/// The types of several pages as one table: sorted by name, as the catalog is; a type listed twice takes its
/// last entry.
pub fn table(types: Vec<InstanceTypeLimits>) -> Vec<InstanceTypeLimits> {
    let by_name: BTreeMap<String, InstanceTypeLimits> = types.into_iter().map(|t| (t.name.clone(), t)).collect();
    by_name.into_values().collect()
}

/// The member `key` of `v`; absent when `v` is not an object or the member is `null`.
fn member<'a>(v: &'a Json, key: &str) -> Option<&'a Json> {
    v.get(key).filter(|m| **m != Json::Null)
}

/// A `u32` member, if present (`at` says where, for the message).
fn count(v: &Json, key: &str, at: &str) -> Result<Option<u32>, String> {
    match member(v, key) {
        None => Ok(None),
        Some(n) => match n.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(n) => Ok(Some(n)),
            None => Err(format!("{PAGE}: {at}.{key} is not a whole number from 0 to 4294967295")),
        },
    }
}

/// A `u32` member that must be there.
fn needed(v: &Json, key: &str, at: &str) -> Result<u32, String> {
    count(v, key, at)?.ok_or_else(|| format!("{PAGE}: {at}.{key} is missing"))
}

/// A member that is a string or absent.
fn text<'a>(v: &'a Json, key: &str, at: &str) -> Result<Option<&'a str>, String> {
    match member(v, key) {
        None => Ok(None),
        Some(s) => s
            .as_str()
            .map(Some)
            .ok_or_else(|| format!("{PAGE}: {at}.{key} is not a string")),
    }
}

/// One `InstanceTypeInfo`, found at `at`.
fn limits(t: &Json, at: &str) -> Result<InstanceTypeLimits, String> {
    let name = text(t, "InstanceType", at)?
        .ok_or_else(|| format!("{PAGE}: {at}.InstanceType is missing"))?
        .trim()
        .to_ascii_lowercase();
    let bare_metal = match member(t, "BareMetal") {
        None => false,
        Some(b) => b
            .as_bool()
            .ok_or_else(|| format!("{PAGE}: {at}.BareMetal is not true or false"))?,
    };
    let net = format!("{at}.NetworkInfo");
    let n = member(t, "NetworkInfo").ok_or_else(|| format!("{PAGE}: {net} is missing"))?;
    let default_card = count(n, "DefaultNetworkCardIndex", &net)?.unwrap_or(0);
    let max_enis = count(n, "MaximumNetworkInterfaces", &net)?;
    let mut cards = Vec::new();
    if let Some(list) = member(n, "NetworkCards") {
        let list = list
            .as_array()
            .ok_or_else(|| format!("{PAGE}: {net}.NetworkCards is not a list"))?;
        for (i, c) in list.iter().enumerate() {
            let at = format!("{net}.NetworkCards[{i}]");
            cards.push((
                needed(c, "NetworkCardIndex", &at)?,
                needed(c, "MaximumNetworkInterfaces", &at)?,
            ));
        }
    }
    // A type has a handful of cards: the short-list sort, not a quicksort in the page's wasm.
    crate::order::sort_by(&mut cards, |a, b| a.cmp(b));
    let enis = match cards.iter().find(|(i, _)| *i == default_card) {
        Some(&(_, max)) => max,
        None if cards.is_empty() => max_enis.ok_or_else(|| {
            format!(
                "{}: NetworkInfo has neither NetworkCards nor MaximumNetworkInterfaces",
                crate::suggest::clip(&name)
            )
        })?,
        None => {
            return Err(format!(
                "{}: DefaultNetworkCardIndex {} is not among its NetworkCards",
                crate::suggest::clip(&name),
                default_card
            ))
        }
    };
    if cards.is_empty() {
        cards.push((default_card, enis));
    }
    let vcpus = match member(t, "VCpuInfo") {
        Some(v) => count(v, "DefaultVCpus", &format!("{at}.VCpuInfo"))?,
        None => None,
    };
    let trunking_compatible = vpc::lookup(&name).map_or(true, |c| c.trunking_compatible);
    let t = InstanceTypeLimits {
        eni_limit: enis,
        ipv4_limit: needed(n, "Ipv4AddressesPerInterface", &net)?,
        hypervisor: text(t, "Hypervisor", at)?
            .filter(|h| !h.is_empty())
            .unwrap_or("unknown")
            .to_string(),
        bare_metal,
        default_network_card_index: default_card,
        network_cards: cards,
        vcpus,
        trunking_compatible,
        name,
    };
    t.check()?;
    Ok(t)
}

/// `data/ec2-instance-network-limits.csv` for `types` (sorted by name), in the format `build.rs` checks.
pub fn limits_csv(types: &[InstanceTypeLimits]) -> String {
    let mut out = String::from(
        "instance_type,enis,ipv4_per_eni,hypervisor,bare_metal,default_network_card_index,network_cards\n",
    );
    for t in types {
        let cards: Vec<String> = t.network_cards.iter().map(|(i, n)| format!("{i}:{n}")).collect();
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{}",
            t.name,
            t.eni_limit,
            t.ipv4_limit,
            t.hypervisor,
            t.bare_metal,
            t.default_network_card_index,
            cards.join(";")
        );
    }
    out
}

/// `data/ec2-instance-vcpus.csv` for `types`: the ones with a vCPU count.
pub fn vcpus_csv(types: &[InstanceTypeLimits]) -> String {
    let mut out = String::from("instance_type,vcpus\n");
    for t in types {
        if let Some(v) = t.vcpus {
            let _ = writeln!(out, "{},{v}", t.name);
        }
    }
    out
}

/// What an import does to a table: names added and removed, and each changed type with its changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    pub added: Vec<String>,
    pub changed: Vec<(String, Vec<String>)>,
    pub removed: Vec<String>,
}

/// Compares two tables by name (both sorted by name). Trunk compatibility is not compared: it does not come
/// from `describe-instance-types`.
pub fn changes(old: &[InstanceTypeLimits], new: &[InstanceTypeLimits]) -> Changes {
    let old: BTreeMap<&str, &InstanceTypeLimits> = old.iter().map(|t| (t.name.as_str(), t)).collect();
    let new: BTreeMap<&str, &InstanceTypeLimits> = new.iter().map(|t| (t.name.as_str(), t)).collect();
    let mut out = Changes::default();
    for (name, n) in &new {
        match old.get(name) {
            None => out.added.push(name.to_string()),
            Some(o) => {
                let fields = field_changes(o, n);
                if !fields.is_empty() {
                    out.changed.push((name.to_string(), fields));
                }
            }
        }
    }
    out.removed = old
        .keys()
        .filter(|k| !new.contains_key(*k))
        .map(|k| k.to_string())
        .collect();
    out
}

fn field_changes(o: &InstanceTypeLimits, n: &InstanceTypeLimits) -> Vec<String> {
    let cards = |t: &InstanceTypeLimits| {
        let c: Vec<String> = t.network_cards.iter().map(|(i, m)| format!("{i}:{m}")).collect();
        c.join(";")
    };
    let vcpus = |t: &InstanceTypeLimits| t.vcpus.map_or("unknown".to_string(), |v| v.to_string());
    let pairs = [
        ("enis", o.eni_limit.to_string(), n.eni_limit.to_string()),
        ("ipv4_per_eni", o.ipv4_limit.to_string(), n.ipv4_limit.to_string()),
        ("hypervisor", o.hypervisor.clone(), n.hypervisor.clone()),
        ("bare_metal", o.bare_metal.to_string(), n.bare_metal.to_string()),
        (
            "default_network_card_index",
            o.default_network_card_index.to_string(),
            n.default_network_card_index.to_string(),
        ),
        ("network_cards", cards(o), cards(n)),
        ("vcpus", vcpus(o), vcpus(n)),
    ];
    pairs
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(f, a, b)| format!("{f} {a} → {b}"))
        .collect()
}
