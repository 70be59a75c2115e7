//! Instance types from the account: `aws ec2 describe-instance-types` JSON pages (`{"InstanceTypes": [...]}`)
//! as catalog rows, the way ipamd's generator `scripts/gen_vpc_ip_limits.go` fills `vpc_ip_resource_limit.go`:
//! `ENILimit` is the default network card's `MaximumNetworkInterfaces`, `IPv4Limit` the
//! `Ipv4AddressesPerInterface`, and a type with no `Hypervisor` (bare metal) is stored as `unknown`. Also the
//! `data/*.csv` text `build.rs` reads, and what an import adds, changes and removes.

use crate::vpc::{self, InstanceTypeLimits};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Page {
    instance_types: Vec<InstanceTypeInfo>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct InstanceTypeInfo {
    instance_type: String,
    hypervisor: Option<String>,
    #[serde(default)]
    bare_metal: bool,
    network_info: NetworkInfo,
    v_cpu_info: Option<VCpuInfo>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct NetworkInfo {
    maximum_network_interfaces: Option<u32>,
    ipv4_addresses_per_interface: u32,
    #[serde(default)]
    default_network_card_index: u32,
    #[serde(default)]
    network_cards: Vec<NetworkCardInfo>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct NetworkCardInfo {
    network_card_index: u32,
    maximum_network_interfaces: u32,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct VCpuInfo {
    default_v_cpus: Option<u32>,
}

/// Reads one `describe-instance-types` page. A type the built-in catalog has keeps its trunk compatibility
/// (not in `describe-instance-types`); a new one is trunking-compatible, as `IsTrunkingCompatible` answers
/// for a type missing from the resource controller's table.
pub fn parse_page(text: &str) -> Result<Vec<InstanceTypeLimits>, String> {
    let page: Page = serde_json::from_str(text)
        .map_err(|e| format!("not describe-instance-types JSON ({{\"InstanceTypes\": [...]}}): {e}"))?;
    page.instance_types.into_iter().map(limits).collect()
}

/// The types of several pages as one table: sorted by name, as the catalog is; a type listed twice takes its
/// last entry.
pub fn table(types: Vec<InstanceTypeLimits>) -> Vec<InstanceTypeLimits> {
    let by_name: BTreeMap<String, InstanceTypeLimits> = types.into_iter().map(|t| (t.name.clone(), t)).collect();
    by_name.into_values().collect()
}

fn limits(t: InstanceTypeInfo) -> Result<InstanceTypeLimits, String> {
    let name = t.instance_type.trim().to_ascii_lowercase();
    let n = &t.network_info;
    let mut cards: Vec<(u32, u32)> = n
        .network_cards
        .iter()
        .map(|c| (c.network_card_index, c.maximum_network_interfaces))
        .collect();
    cards.sort_unstable();
    let enis = match cards.iter().find(|(i, _)| *i == n.default_network_card_index) {
        Some(&(_, max)) => max,
        None if cards.is_empty() => n.maximum_network_interfaces.ok_or_else(|| {
            format!(
                "{}: NetworkInfo has neither NetworkCards nor MaximumNetworkInterfaces",
                crate::suggest::clip(&name)
            )
        })?,
        None => {
            return Err(format!(
                "{}: DefaultNetworkCardIndex {} is not among its NetworkCards",
                crate::suggest::clip(&name),
                n.default_network_card_index
            ))
        }
    };
    if cards.is_empty() {
        cards.push((n.default_network_card_index, enis));
    }
    let trunking_compatible = vpc::lookup(&name).map_or(true, |c| c.trunking_compatible);
    let t = InstanceTypeLimits {
        eni_limit: enis,
        ipv4_limit: n.ipv4_addresses_per_interface,
        hypervisor: t
            .hypervisor
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "unknown".to_string()),
        bare_metal: t.bare_metal,
        default_network_card_index: n.default_network_card_index,
        network_cards: cards,
        vcpus: t.v_cpu_info.and_then(|v| v.default_v_cpus),
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
