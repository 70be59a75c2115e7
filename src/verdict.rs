//! The one-line answer the page opens with: what the node group needs at its peak, what the subnet has,
//! the node at which it runs out, and the smallest subnet that would hold it.

use crate::mode::Mode;
use crate::report::Report;
use crate::subnet::{fits, NodeCost, IPS_PER_PREFIX};
use crate::words::count;

/// A verdict as plain data: the sentence, and whether it fits (`None`: no subnet to judge).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub text: String,
    pub fits: Option<bool>,
}

/// AWS subnets are /16 to /28 (`subnet::parse_cidr`).
const LENGTHS: std::ops::RangeInclusive<u8> = 16..=28;

/// The sentence for one node group, judged at its peak as `SubnetReport::fits` is, e.g. "20 × m5.xlarge
/// need 300 addresses at peak; 10.0.0.0/24 has 251: node 17 fails. Smallest fit: /23."
pub fn verdict(r: &Report) -> Verdict {
    let sb = &r.subnet;
    let need = format!(
        "{} × {} {} {} at peak",
        sb.nodes,
        r.instance.name,
        if sb.nodes == 1 { "needs" } else { "need" },
        count(sb.cluster_addresses, "address", "addresses")
    );
    let smallest = match smallest_fit(r) {
        Some(len) => format!("Smallest fit: /{len}."),
        None => "No subnet up to /16 fits.".to_string(),
    };
    let ipv6 = if r.mode == Mode::Ipv6 {
        " (IPv4: one per ENI; pods draw from /80s)"
    } else {
        ""
    };
    let text = match (&sb.cidr, sb.subnet_usable) {
        (Some(cidr), Some(usable)) => {
            let has = format!("{need}{ipv6}; {cidr} has {usable}");
            match (sb.fits, sb.exhausts_at_nodes) {
                (_, None) => format!("{} × {} take no addresses from {cidr}.", sb.nodes, r.instance.name),
                (Some(true), Some(at)) => format!(
                    "{has}: fits, with room for {}. {smallest}",
                    count(at - 1 - sb.nodes, "more node", "more nodes")
                ),
                (_, Some(at)) => format!("{has}: node {at} fails. {smallest}"),
            }
        }
        _ => format!("{need}{ipv6}. {smallest} Enter a subnet to check yours."),
    };
    // Custom networking: nodes keep their primary IP in the node subnet, which can run out on its own.
    let node_subnet = sb.node_subnet.as_ref().and_then(|ns| {
        let at = ns.exhausts_at_nodes.filter(|&at| at <= sb.nodes)?;
        Some(format!(
            " The node subnet {} runs out at node {at}.",
            ns.cidr.as_deref()?
        ))
    });
    match node_subnet {
        Some(more) => Verdict {
            text: text + &more,
            fits: Some(false),
        },
        None => Verdict { text, fits: sb.fits },
    }
}

/// The longest prefix length (the smallest subnet) that holds the group at its peak, by the rule
/// `subnet::fits` applies. The report gives the peak as addresses; in prefix mode they split into ENI
/// primaries and /28s exactly while a node has fewer than 16 ENIs (primaries < 16 = `IPS_PER_PREFIX`);
/// past that every address is counted as part of a /28, which can only ask for more.
pub fn smallest_fit(r: &Report) -> Option<u8> {
    let sb = &r.subnet;
    let peak = sb.peak_addresses_per_node;
    let cost = if r.mode != Mode::PrefixDelegation {
        NodeCost {
            single: peak,
            prefixes: 0,
        }
    } else if i64::from(r.config.max_eni) < IPS_PER_PREFIX {
        NodeCost {
            single: peak % IPS_PER_PREFIX,
            prefixes: peak / IPS_PER_PREFIX,
        }
    } else {
        NodeCost {
            single: 0,
            prefixes: crate::subnet::div_ceil(peak, IPS_PER_PREFIX),
        }
    };
    LENGTHS.rev().find(|&len| fits(cost, sb.nodes, len))
}

/// The answer for several node groups before any subnet is named: the single-group sentence would size a
/// subnet for the selected group alone, so it is not given; `groups` counts the editor's node groups.
pub fn groups_without_subnet(groups: usize) -> Verdict {
    Verdict {
        text: format!(
            "{groups} node groups: add a subnet for each AZ to see what the cluster needs and the smallest subnet that \
             holds it. The step-by-step view below is the selected group's node."
        ),
        fits: None,
    }
}
