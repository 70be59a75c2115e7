//! The instance types the user defined by pasting `describe-instance-types` output: part of the form, so
//! they travel in the link. One `itype` parameter per type; its value is the type's row of
//! `data/ec2-instance-network-limits.csv` (`import::instances::limits_csv`) followed by its vCPUs (empty when
//! unknown) and its trunk compatibility:
//!
//! ```text
//! itype=zz9.large,3,10,nitro,false,0,0:3,2,true
//! ```
//!
//! (name, ENIs, IPv4 per ENI, hypervisor, bare metal, default network card, `index:ENIs` per card joined by
//! `;`, vCPUs, trunking compatible; percent-encoded in the link as every value is).

use super::fields::searchable;
use super::Form;
use crate::import::instances::limits_csv;
use crate::suggest::clip;
use crate::vpc::InstanceTypeLimits;

/// The link key of one defined type.
pub const TYPE_KEY: &str = "itype";
/// The most types a form (and a link) defines; a paste beyond it forgets the oldest.
pub const MAX_TYPES: usize = 8;
/// The longest `itype` value read (a 64-character name and 32 network cards fit in 400).
pub const MAX_TYPE_CHARS: usize = 512;

/// A defined type as its `itype` value: its `data/` limits CSV row (`limits_csv`, one writer for both), then
/// its vCPUs and trunk compatibility.
pub fn type_row(t: &InstanceTypeLimits) -> String {
    let csv = limits_csv(std::slice::from_ref(t));
    format!(
        "{},{},{}",
        csv.lines().nth(1).unwrap_or_default(),
        t.vcpus.map_or(String::new(), |v| v.to_string()),
        t.trunking_compatible
    )
}

/// Reads an `itype` value, or the rule it breaks. Strict: nine fields, numbers in digits, booleans as
/// `true`/`false`, a lower-case name the picker searches, a hypervisor of letters and digits, and
/// `InstanceTypeLimits::check`'s ranges.
pub fn parse_type_row(v: &str) -> Result<InstanceTypeLimits, String> {
    // Bytes, not characters: any character outside ASCII breaks the rule anyway.
    if v.len() > MAX_TYPE_CHARS {
        return Err(format!("an instance type has at most {MAX_TYPE_CHARS} characters"));
    }
    let t = fields(v).ok_or_else(|| {
        "an instance type is name,ENIs,IPv4 per ENI,hypervisor,bare metal,default card,cards (index:ENIs;…),\
         vCPUs,trunking compatible"
            .to_string()
    })?;
    t.check()?;
    Ok(t)
}

/// The nine fields of an `itype` value, each in its own form (`check`'s ranges aside).
fn fields(v: &str) -> Option<InstanceTypeLimits> {
    let f: Vec<&str> = v.split(',').collect();
    let [name, enis, ipv4, hypervisor, bare_metal, default_card, cards, vcpus, trunk] = f[..] else {
        return None;
    };
    let num = |s: &str| s.bytes().all(|b| b.is_ascii_digit()).then(|| s.parse().ok()).flatten();
    let word = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric());
    if !searchable(name) || name.bytes().any(|b| b.is_ascii_uppercase()) || !word(hypervisor) {
        return None;
    }
    let network_cards = cards
        .split(';')
        .map(|c| {
            let (i, n) = c.split_once(':')?;
            Some((num(i)?, num(n)?))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(InstanceTypeLimits {
        name: name.to_string(),
        eni_limit: num(enis)?,
        ipv4_limit: num(ipv4)?,
        hypervisor: hypervisor.to_string(),
        bare_metal: bare_metal.parse().ok()?,
        default_network_card_index: num(default_card)?,
        network_cards,
        vcpus: match vcpus {
            "" => None,
            v => Some(num(v)?),
        },
        trunking_compatible: trunk.parse().ok()?,
    })
}

/// Whether `types` (what a paste read) can be defined: at least one, at most `MAX_TYPES`, each one a link
/// carries unchanged (a name the picker searches, a hypervisor of letters and digits).
pub fn check_types(types: &[InstanceTypeLimits]) -> Result<(), String> {
    if types.is_empty() {
        return Err("the paste lists no instance type".into());
    }
    if types.len() > MAX_TYPES {
        return Err(format!(
            "the paste lists {} instance types: paste at most {MAX_TYPES} at a time",
            types.len()
        ));
    }
    for t in types {
        match parse_type_row(&type_row(t)) {
            Ok(back) if back == *t => {}
            Ok(_) => return Err(format!("{}: a link cannot carry this type", clip(&t.name))),
            Err(e) => return Err(format!("{}: a link cannot carry this type: {e}", clip(&t.name))),
        }
    }
    Ok(())
}

impl Form {
    /// Defines `types` (a paste that passed `check_types`; anything else is ignored) and picks the first
    /// in the selected group. A type already defined under the same name is replaced; past `MAX_TYPES`, the
    /// oldest definitions are forgotten.
    pub fn define_types(&mut self, types: Vec<InstanceTypeLimits>) {
        let Some(first) = types.first().filter(|_| check_types(&types).is_ok()) else {
            return;
        };
        self.group_mut().instance_type = first.name.clone();
        for t in types {
            self.add_type(t);
        }
    }

    /// Adds one definition at the end, replacing one of the same name, keeping the newest `MAX_TYPES`.
    pub(super) fn add_type(&mut self, t: InstanceTypeLimits) {
        self.types.retain(|o| o.name != t.name);
        self.types.push(t);
        if self.types.len() > MAX_TYPES {
            self.types.remove(0);
        }
    }
}

/// Whether `name` (any case, blanks around) is one of `types`.
pub fn defined(types: &[InstanceTypeLimits], name: &str) -> bool {
    types.iter().any(|t| t.name.eq_ignore_ascii_case(name.trim()))
}
