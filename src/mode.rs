//! The pod address mode ipamd runs in: secondary IPs, /28 prefix delegation or IPv6. One type for the
//! report, the CLI, the advisor and the page, so a misspelt mode fails to compile.

use crate::config::CniConfig;
use std::fmt;

/// How ipamd gives pods addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// IPv4 secondary IPs on each ENI (the default).
    SecondaryIp,
    /// IPv4 /28 prefixes on each ENI (`ENABLE_PREFIX_DELEGATION=true`).
    PrefixDelegation,
    /// One IPv6 /80 on the primary ENI (`ENABLE_IPv6=true`).
    Ipv6,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::SecondaryIp, Mode::PrefixDelegation, Mode::Ipv6];

    /// The mode ipamd runs in with these settings (`isIPv6Enabled` wins over `usePrefixDelegation`).
    pub fn of(cfg: &CniConfig) -> Mode {
        if cfg.enable_ipv6 {
            Mode::Ipv6
        } else if cfg.enable_prefix_delegation {
            Mode::PrefixDelegation
        } else {
            Mode::SecondaryIp
        }
    }

    /// The name in the CLI's text and JSON, in kebab-case (`secondary-ip`, `prefix-delegation`, `ipv6`).
    pub fn name(self) -> &'static str {
        match self {
            Mode::SecondaryIp => "secondary-ip",
            Mode::PrefixDelegation => "prefix-delegation",
            Mode::Ipv6 => "ipv6",
        }
    }

    /// The page's short URL key (`mode=pd`).
    pub fn key(self) -> &'static str {
        match self {
            Mode::SecondaryIp => "sip",
            Mode::PrefixDelegation => "pd",
            Mode::Ipv6 => "ipv6",
        }
    }

    /// The page's label.
    pub fn label(self) -> &'static str {
        match self {
            Mode::SecondaryIp => "IPv4 secondary IPs",
            Mode::PrefixDelegation => "IPv4 prefix delegation",
            Mode::Ipv6 => "IPv6",
        }
    }

    /// The mode whose URL key is `key`.
    pub fn from_key(key: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.key() == key)
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl serde::Serialize for Mode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}
