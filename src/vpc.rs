//! The EC2 instance catalog: per-type ENI and IPv4 limits, hypervisor, bare metal and vCPUs.
//! Mirrors `pkg/vpc/vpc_ip_resource_limit.go` (the generated `InstanceNetworkingInfo` table). `build.rs`
//! joins the three CSVs in `data/` (limits, vCPUs, trunk compatibility) into one sorted table at build time,
//! checking every row; it is embedded and read once, in one pass.

use std::sync::LazyLock;

/// `P suffix,enis,ipv4_per_eni,hypervisor,bare_metal,default_card,cards,vcpus,trunking_compatible`, names
/// front-coded against the previous row's (see build.rs).
const CATALOG_CSV: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog.csv"));

/// One row of the limits table, joined with its vCPU count. Read from JSON (a cluster spec's
/// `instance_data`, the JavaScript API) only within `check`'s ranges.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "LimitsJson")]
pub struct InstanceTypeLimits {
    pub name: String,
    /// `ENILimit`: the default network card's `MaximumNetworkInterfaces`.
    pub eni_limit: u32,
    /// `IPv4Limit`: IPv4 addresses per interface, the ENI's primary address included.
    pub ipv4_limit: u32,
    /// `HypervisorType`: `nitro`, `xen` or `unknown` (bare metal and two old types).
    pub hypervisor: String,
    pub bare_metal: bool,
    pub default_network_card_index: u32,
    /// `(index, max_enis)` for every network card.
    pub network_cards: Vec<(u32, u32)>,
    /// `VCpuInfo.DefaultVCpus`; `None` for the five types with no published figure.
    pub vcpus: Option<u32>,
    /// The VPC resource controller's `IsTrunkingCompatible`; `true` for a type missing from its table.
    pub trunking_compatible: bool,
}

/// The ENI ceiling ipamd knows (`maxENIs` in `pkg/awsutils`): device indices stop at 100.
pub const MAX_ENIS: u32 = 100;
/// The most IPv4 addresses per ENI accepted for a type defined by the user; EC2's largest is 50.
pub const MAX_IPV4_PER_ENI: u32 = 1000;

/// `InstanceTypeLimits` as JSON spells it; optional fields default as for a new Nitro type.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct LimitsJson {
    name: String,
    eni_limit: u32,
    ipv4_limit: u32,
    hypervisor: String,
    #[serde(default)]
    bare_metal: bool,
    #[serde(default)]
    default_network_card_index: u32,
    #[serde(default)]
    network_cards: Vec<(u32, u32)>,
    #[serde(default)]
    vcpus: Option<u32>,
    #[serde(default = "yes")]
    trunking_compatible: bool,
}

fn yes() -> bool {
    true
}

impl TryFrom<LimitsJson> for InstanceTypeLimits {
    type Error = String;
    fn try_from(j: LimitsJson) -> Result<InstanceTypeLimits, String> {
        let mut t = InstanceTypeLimits {
            name: j.name.trim().to_ascii_lowercase(),
            eni_limit: j.eni_limit,
            ipv4_limit: j.ipv4_limit,
            hypervisor: j.hypervisor,
            bare_metal: j.bare_metal,
            default_network_card_index: j.default_network_card_index,
            network_cards: j.network_cards,
            vcpus: j.vcpus,
            trunking_compatible: j.trunking_compatible,
        };
        if t.network_cards.is_empty() {
            t.network_cards.push((t.default_network_card_index, t.eni_limit));
        }
        t.check()?;
        Ok(t)
    }
}

impl InstanceTypeLimits {
    /// The ranges a user-defined type must keep (the built-in rows all do), so that every count derived
    /// from it stays small: a name like `m5.large`, 1 to `MAX_ENIS` ENIs (each card too), 2 to
    /// `MAX_IPV4_PER_ENI` IPv4 addresses per ENI (the primary and at least one more), and the default card
    /// among the cards with the ENI limit.
    pub fn check(&self) -> Result<(), String> {
        let name = &self.name;
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        {
            return Err(format!(
                "instance type '{}' is not a name like m5.large",
                crate::suggest::clip(name)
            ));
        }
        if !(1..=MAX_ENIS).contains(&self.eni_limit) || self.network_cards.iter().any(|&(_, m)| m > MAX_ENIS) {
            return Err(format!(
                "{name}: MaximumNetworkInterfaces must be from 1 to {MAX_ENIS}, got {}",
                self.eni_limit
            ));
        }
        if !(2..=MAX_IPV4_PER_ENI).contains(&self.ipv4_limit) {
            return Err(format!(
                "{name}: Ipv4AddressesPerInterface must be from 2 to {MAX_IPV4_PER_ENI} (the primary address and at least one more), got {}",
                self.ipv4_limit
            ));
        }
        if !self
            .network_cards
            .contains(&(self.default_network_card_index, self.eni_limit))
        {
            return Err(format!(
                "{name}: DefaultNetworkCardIndex {} is not among its NetworkCards with {} ENIs",
                self.default_network_card_index, self.eni_limit
            ));
        }
        Ok(())
    }

    /// Mirrors `IsPrefixDelegationSupported` in `pkg/awsutils/awsutils.go`: Nitro or bare metal.
    pub fn is_prefix_delegation_supported(&self) -> bool {
        self.hypervisor == "nitro" || self.bare_metal
    }

    /// Mirrors `IsTrunkingCompatible` in `pkg/awsutils/awsutils.go` (v1.23.1, lines 2035–2041): the type's
    /// `IsTrunkingCompatible` in the VPC resource controller's `vpc.Limits` table
    /// (`data/trunk-compatibility.csv`), and `true` when the type is missing from that table.
    pub fn is_trunking_compatible(&self) -> bool {
        self.trunking_compatible
    }

    /// The `eni-max-pods.txt` value: `ENILimit × (IPv4Limit − 1) + 2` (`printPodLimit`).
    pub fn eni_max_pods(&self) -> u32 {
        self.eni_limit * (self.ipv4_limit - 1) + 2
    }
}

/// Why a lookup failed, with the nearest names to offer instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownInstanceType {
    pub name: String,
    pub suggestions: Vec<String>,
}

impl std::fmt::Display for UnknownInstanceType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown instance type '{}'", crate::suggest::clip(&self.name))?;
        if !self.suggestions.is_empty() {
            write!(f, "; did you mean {}?", self.suggestions.join(", "))?;
        }
        Ok(())
    }
}

static CATALOG: LazyLock<Vec<InstanceTypeLimits>> = LazyLock::new(|| parse_catalog(CATALOG_CSV));

/// Every instance type, sorted by name.
pub fn catalog() -> &'static [InstanceTypeLimits] {
    &CATALOG
}

/// Exact, case-insensitive lookup (`M5.Large` finds `m5.large`). Surrounding blanks are ignored.
pub fn lookup(name: &str) -> Result<&'static InstanceTypeLimits, UnknownInstanceType> {
    let wanted = name.trim().to_ascii_lowercase();
    match CATALOG.binary_search_by(|row| row.name.as_str().cmp(&wanted)) {
        Ok(idx) => Ok(&CATALOG[idx]),
        Err(_) => Err(UnknownInstanceType {
            name: name.trim().to_string(),
            suggestions: crate::suggest::nearest(&wanted, &mut names() as &mut dyn Iterator<Item = &str>, 3),
        }),
    }
}

/// `lookup`, where `extra` (types from `--instance-data` or a pasted `describe-instance-types`) adds to the
/// catalog and wins over a catalog row of the same name. A name defined twice in `extra` takes its last
/// definition, as `data import` does (a later page or file overrides an earlier one).
pub fn lookup_in<'a>(
    extra: &'a [InstanceTypeLimits],
    name: &str,
) -> Result<&'a InstanceTypeLimits, UnknownInstanceType> {
    let wanted = name.trim();
    match extra.iter().rev().find(|t| t.name.eq_ignore_ascii_case(wanted)) {
        Some(t) => Ok(t),
        None => lookup(name),
    }
}

/// Every type's name, in name order. Callers pass it to `suggest::nearest` as `&mut dyn Iterator`, as every
/// caller does, so the page's wasm holds one copy of `nearest` and its sort rather than one per iterator type.
fn names() -> impl Iterator<Item = &'static str> {
    CATALOG.iter().map(|r| r.name.as_str())
}

/// Types whose name starts with `prefix` (case-insensitive), in name order.
pub fn with_prefix(prefix: &str) -> impl Iterator<Item = &'static InstanceTypeLimits> {
    let prefix = prefix.trim().to_ascii_lowercase();
    CATALOG.iter().filter(move |row| row.name.starts_with(&prefix))
}

/// Up to `limit` types for a search box: exact and prefix matches first, then names containing the query,
/// then the nearest names by edit distance (so `m5.larg` and `m5large` still find `m5.large`).
pub fn search(query: &str, limit: usize) -> Vec<&'static InstanceTypeLimits> {
    let q = query.trim().to_ascii_lowercase();
    if q.is_empty() {
        return CATALOG.iter().take(limit).collect();
    }
    let mut out: Vec<&'static InstanceTypeLimits> =
        CATALOG.iter().filter(|r| r.name.starts_with(&q)).take(limit).collect();
    crate::order::sort_by_key(&mut out, |r| (r.name != q, r.name.len()));
    for r in CATALOG
        .iter()
        .filter(|r| !r.name.starts_with(&q) && r.name.contains(&q))
    {
        if out.len() >= limit {
            return out;
        }
        out.push(r);
    }
    for name in crate::suggest::nearest(&q, &mut names() as &mut dyn Iterator<Item = &str>, limit) {
        if out.len() >= limit {
            break;
        }
        if let Ok(r) = lookup(&name) {
            if !out.iter().any(|o| o.name == r.name) {
                out.push(r);
            }
        }
    }
    out
}

/// Reads build.rs's table. Every field was checked when the crate was built, so a bad field here is
/// unreachable; it reads as 0 rather than panicking.
fn parse_catalog(table: &str) -> Vec<InstanceTypeLimits> {
    let mut prev = String::new();
    table
        .lines()
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            let field = |i: usize| f.get(i).copied().unwrap_or_default();
            let num = |i: usize| field(i).parse::<u32>().unwrap_or_default();
            // The first character is '0' plus the length of the prefix shared with the previous name.
            let head = field(0);
            let shared = usize::from(head.bytes().next().unwrap_or(b'0').saturating_sub(b'0'));
            let name = format!(
                "{}{}",
                prev.get(..shared).unwrap_or_default(),
                head.get(1..).unwrap_or_default()
            );
            prev.clone_from(&name);
            let (eni_limit, default_network_card_index) = (num(1), num(5));
            let network_cards = match field(6) {
                "" => vec![(default_network_card_index, eni_limit)],
                cards => cards
                    .split(';')
                    .filter_map(|card| {
                        let (i, n) = card.split_once(':')?;
                        Some((i.parse().ok()?, n.parse().ok()?))
                    })
                    .collect(),
            };
            InstanceTypeLimits {
                name,
                eni_limit,
                ipv4_limit: num(2),
                hypervisor: match field(3) {
                    "n" => "nitro",
                    "x" => "xen",
                    _ => "unknown",
                }
                .to_string(),
                bare_metal: field(4) == "1",
                default_network_card_index,
                network_cards,
                vcpus: field(7).parse().ok(),
                trunking_compatible: field(8) == "1",
            }
        })
        .collect()
}
