//! Numbers as a person reads them, shared by the CLI's text and the page: a count with its noun in the
//! right number, and IPv6's pool, whose size (2^48 addresses per /80) is said rather than printed.

use crate::mode::Mode;

/// How an IPv6 node's pool is described: each ENI's /80 holds 2^48 addresses, which no node reaches, so
/// kubelet's maxPods is what limits the pods.
pub const IPV6_POOL: &str = "a /80 per ENI: maxPods is the limit";

/// `n` with the noun in the right number: "1 address", "2 addresses".
pub fn count(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A pool size or capacity in addresses: the number, or `IPV6_POOL` in IPv6 mode.
pub fn pool_size(mode: Mode, n: i64) -> String {
    if mode == Mode::Ipv6 {
        IPV6_POOL.to_string()
    } else {
        n.to_string()
    }
}
