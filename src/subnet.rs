//! Subnet arithmetic: parsing an IPv4 CIDR, the addresses AWS leaves usable, aligned /28 blocks for prefix
//! delegation, and the node count at which a node group no longer fits (`InsufficientFreeAddressesInSubnet`
//! for single IPs, `InsufficientCidrBlocks` for prefixes).

/// Addresses in one /28 prefix (`GetPrefixDelegationDefaults`: a prefix holds 16 IPv4 addresses).
pub const IPS_PER_PREFIX: i64 = 16;

/// `DivCeil`: `(x + y − 1) / y`, for non-negative `x` and positive `y`.
pub fn div_ceil(x: i64, y: i64) -> i64 {
    x.saturating_add(y - 1) / y
}

/// An IPv4 subnet as AWS accepts it: `/16` to `/28`, no host bits set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ipv4Cidr {
    pub addr: u32,
    pub len: u8,
}

impl std::fmt::Display for Ipv4Cidr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [a, b, c, d] = self.addr.to_be_bytes();
        write!(f, "{a}.{b}.{c}.{d}/{}", self.len)
    }
}

/// Parses `10.0.0.0/24`. The error names the rule that failed.
pub fn parse_cidr(s: &str) -> Result<Ipv4Cidr, String> {
    let s = s.trim();
    let (ip, len) = s
        .split_once('/')
        .ok_or_else(|| format!("'{s}' is not a CIDR: expected a.b.c.d/len, e.g. 10.0.0.0/24"))?;
    if ip.split('.').count() != 4 {
        return Err(format!(
            "'{s}' is not a CIDR: an IPv4 address has four dot-separated numbers"
        ));
    }
    // std's parser, so `010.0.0.0` is refused (no leading zeros) rather than read as 10.0.0.0.
    let addr: core::net::Ipv4Addr = ip
        .parse()
        .map_err(|_| format!("'{s}' is not a CIDR: each IPv4 number is 0 to 255, without leading zeros"))?;
    let addr = u32::from(addr);
    let len: u8 = match len.parse() {
        Ok(l) if len.bytes().all(|b| b.is_ascii_digit()) && l <= 32 => l,
        _ => return Err(format!("'{s}' is not a CIDR: the prefix length is 0 to 32")),
    };
    if !(16..=28).contains(&len) {
        return Err(format!("'{s}': AWS subnets are /16 to /28"));
    }
    let mask = u32::MAX << (32 - u32::from(len));
    if addr & !mask != 0 {
        let net = Ipv4Cidr { addr: addr & mask, len };
        return Err(format!("'{s}' has host bits set; did you mean {net}?"));
    }
    Ok(Ipv4Cidr { addr, len })
}

/// Usable addresses: AWS reserves the first four and the last (`2^(32−len) − 5`).
pub fn usable_addresses(len: u8) -> i64 {
    (1i64 << (32 - u32::from(len))) - 5
}

/// Whole, aligned /28 blocks free of reserved addresses: `2^(28−len) − 2`, at least 0.
pub fn usable_prefix_blocks(len: u8) -> i64 {
    if len > 28 {
        return 0;
    }
    ((1i64 << (28 - u32::from(len))) - 2).max(0)
}

/// What one node takes from a subnet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct NodeCost {
    /// Single addresses: ENI primary IPs and secondary /32s.
    pub single: i64,
    /// /28 prefixes (16 aligned addresses each).
    pub prefixes: i64,
}

impl NodeCost {
    pub fn addresses(&self) -> i64 {
        self.single + IPS_PER_PREFIX * self.prefixes
    }
}

/// Whether `nodes` nodes of `cost` fit in an empty subnet of length `len` (`holds` with nothing used).
pub fn fits(cost: NodeCost, nodes: i64, len: u8) -> bool {
    let total = NodeCost {
        single: cost.single.saturating_mul(nodes),
        prefixes: cost.prefixes.saturating_mul(nodes),
    };
    holds(total, 0, len)
}

/// Whether a subnet of length `len` with `used` addresses already taken holds `demand`. `used` is assumed
/// packed from the start of the subnet, right after AWS's four reserved addresses. Prefixes need whole
/// aligned free /28s (`free_prefix_blocks`); single addresses fill the partly used edge blocks first and
/// then take whole blocks — the best case, since EC2 may place primaries anywhere and fragment the rest.
pub fn holds(demand: NodeCost, used: i64, len: u8) -> bool {
    let free = usable_addresses(len).saturating_sub(used);
    if demand.prefixes == 0 {
        return demand.single <= free;
    }
    let blocks = free_prefix_blocks(used, len);
    // Free addresses outside the whole free blocks: the rest of the used block(s) and the last block.
    let spare = free - IPS_PER_PREFIX * blocks;
    let blocks_for_singles = div_ceil(demand.single.saturating_sub(spare).max(0), IPS_PER_PREFIX);
    demand.prefixes.saturating_add(blocks_for_singles) <= blocks
}

/// The index of the first /28 block after AWS's four reserved addresses and `used` packed behind them.
fn first_free_block(used: i64) -> i64 {
    div_ceil(used.max(0).saturating_add(4), IPS_PER_PREFIX)
}

/// /28 blocks in a subnet of length `len` (0 past /28).
fn blocks_in(len: u8) -> i64 {
    if len > 28 {
        0
    } else {
        1i64 << (28 - u32::from(len))
    }
}

/// Aligned /28 blocks wholly free when `used` addresses sit packed after the four reserved at the front:
/// every block from the first one clear of them up to, not including, the last block (which holds the
/// reserved broadcast address). With nothing used this is `usable_prefix_blocks`.
pub fn free_prefix_blocks(used: i64, len: u8) -> i64 {
    (blocks_in(len) - 1 - first_free_block(used)).max(0)
}

/// The CIDRs that reserve `blocks` /28s (at most the free ones) for prefixes: from the top of the subnet
/// down, below the last block, split into the fewest aligned CIDRs.
pub fn prefix_reservation(cidr: Ipv4Cidr, used: i64, blocks: i64) -> Vec<Ipv4Cidr> {
    let end = blocks_in(cidr.len) - 1;
    let mut start = end - blocks.clamp(0, free_prefix_blocks(used, cidr.len));
    let mut out = Vec::new();
    while start < end {
        // The largest aligned run of blocks that starts at `start` and stays below `end`.
        let mut size = 1i64;
        while start % (size * 2) == 0 && start + size * 2 <= end {
            size *= 2;
        }
        out.push(Ipv4Cidr {
            addr: cidr.addr + (start * IPS_PER_PREFIX) as u32,
            len: 28 - size.trailing_zeros() as u8,
        });
        start += size;
    }
    out
}

/// The longest prefix length (/16 to /28) whose subnet holds `demand` beside `used`, if any.
pub fn min_prefix_length(demand: NodeCost, used: i64) -> Option<u8> {
    (16..=28).rev().find(|&len| holds(demand, used, len))
}

impl Ipv4Cidr {
    /// The first and last address.
    fn range(self) -> (u32, u32) {
        let size = 1u64 << (32 - u32::from(self.len));
        (self.addr, (u64::from(self.addr) + size - 1) as u32)
    }

    /// Whether the two share an address.
    pub fn overlaps(self, other: Ipv4Cidr) -> bool {
        let (a0, a1) = self.range();
        let (b0, b1) = other.range();
        a0 <= b1 && b0 <= a1
    }
}

/// The smallest node count that no longer fits, or `None` when a node takes nothing from the subnet.
pub fn exhausts_at(cost: NodeCost, len: u8) -> Option<i64> {
    if cost.single == 0 && cost.prefixes == 0 {
        return None;
    }
    // `fits` is monotone in the node count; the answer is at most usable + 1.
    let (mut lo, mut hi) = (0i64, usable_addresses(len) + 1);
    while lo + 1 < hi {
        let mid = lo + (hi - lo) / 2;
        if fits(cost, mid, len) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(hi)
}
