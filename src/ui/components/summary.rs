//! The summary beside the picture: max pods in every variant and where they disagree, the steady state,
//! the subnet burn for the node group, settled and at the peak side by side (the verdict in words is the
//! page's first line), and the core's warnings.

use super::{count, SharedReport};
use crate::mode::Mode;
use crate::report;
use crate::scenario::Report;
use crate::ui::dom::{Attrs, COL, H, NONE, NUM, ROW, S};
use yew::prelude::*;

/// What the parent passes (a plain function: it has no hooks, and the parent re-renders it with
/// every report anyway).
pub struct SummaryProps {
    pub report: SharedReport,
    /// `Some("if web were alone in 10.0.0.0/24")` when the cluster has more groups or subnets than the
    /// one this report prices: the subnet burn is labelled so, and its subnet-only warnings are left to
    /// the cluster table.
    pub alone: Option<String>,
}

/// The warnings about the selected group alone in subnet 1 (`report::subnet_report`), which the
/// cluster table answers for the whole cluster.
const SUBNET_ONLY: [&str; 2] = [report::SUBNET_EXHAUSTED, report::NO_ROOM_TO_REPLACE];

pub fn summary(props: &SummaryProps) -> Html {
    let Some(r) = props.report.ok() else { return html! {} };
    let m = &r.max_pods;
    let f = &m.formulas;
    let rows = [
        ("eni-max-pods.txt", m.eni_max_pods, f.eni_max_pods.as_str()),
        ("max-pods-calculator.sh", m.calculator, f.calculator.as_str()),
        (
            "… --show-max-allowed",
            m.calculator_max_allowed,
            f.calculator_max_allowed.as_str(),
        ),
        ("nodeadm default (AL2023)", m.nodeadm, f.nodeadm.as_str()),
        ("ipamd's real IP capacity", m.ip_capacity, f.ip_capacity.as_str()),
    ];
    let ipv6 = r.mode == Mode::Ipv6;
    // In IPv6 each ENI's /80 holds 2^48 addresses: no node reaches that, maxPods is the limit.
    let value = |name: &str, v: i64| {
        if ipv6 && name == "ipamd's real IP capacity" {
            crate::words::IPV6_POOL.to_string()
        } else {
            v.to_string()
        }
    };
    let st = &r.steady_state;
    let per_eni_label = if r.mode == Mode::PrefixDelegation {
        "prefixes per ENI"
    } else {
        "IPs per ENI"
    };
    let per_eni: Vec<String> = st.per_eni.iter().map(i64::to_string).collect();
    let total = if ipv6 {
        crate::words::IPV6_POOL.to_string()
    } else {
        st.total_ips.to_string()
    };
    let unused = if ipv6 {
        "—".to_string()
    } else {
        st.unused_ips.to_string()
    };
    let warnings: Vec<_> = r
        .warnings
        .iter()
        .filter(|w| props.alone.is_none() || !SUBNET_ONLY.contains(&w.code))
        .collect();
    let mut h = H::new();
    h.open("section", &[("class", S("summary")), ("aria-label", S("Summary"))]);
    h.open("div", &[("class", S("card maxpods-card"))])
        .text("h2", NONE, "Max pods");
    h.open("div", &[("class", S("table-wrap"))])
        .open("table", &[("class", S("maxpods"))]);
    h.open("thead", NONE).open("tr", NONE);
    h.text("th", COL, "Variant")
        .text("th", COL, "Value")
        .text("th", COL, "Formula");
    h.close().close().open("tbody", NONE);
    for (name, v, formula) in rows {
        h.open("tr", NONE)
            .text("th", ROW, name)
            .owned("td", NUM, value(name, v));
        h.owned("td", &[("class", S("formula"))], formula.to_string()).close();
    }
    h.open("tr", &[("class", S("kubelet"))])
        .text("th", ROW, "kubelet maxPods used here");
    h.num(
        "td",
        &[("class", S("num")), ("data-testid", S("kubelet-max-pods"))],
        m.kubelet,
    );
    h.text(
        "td",
        NONE,
        if m.kubelet_source == "override" {
            "your value"
        } else {
            "the calculator's recommendation"
        },
    );
    h.close().close().close().close();
    for n in &m.notes {
        h.owned("p", NOTE, n.clone());
    }
    h.close();
    h.open("div", CARD)
        .text("h2", NONE, "Steady state (one node)")
        .open("dl", &[("class", S("kv"))]);
    h.text("dt", NONE, "Pods")
        .owned("dd", &[("data-testid", S("steady-pods"))], pods_line(st));
    h.text("dt", NONE, "ENIs")
        .num("dd", &[("data-testid", S("steady-enis"))], st.enis);
    h.text("dt", NONE, per_eni_label).owned("dd", NONE, per_eni.join(", "));
    h.text("dt", NONE, "IPs held")
        .owned("dd", &[("data-testid", S("ips-held"))], total);
    h.text("dt", NONE, "Used by pods").num("dd", NONE, st.assigned_ips);
    h.text("dt", NONE, "Held but unused").owned("dd", NONE, unused);
    if r.mode == Mode::PrefixDelegation {
        h.text("dt", NONE, "/28 prefixes")
            .num("dd", &[("data-testid", S("prefixes"))], st.prefixes);
    }
    h.close();
    if !st.settled {
        h.text(
            "p",
            NOTE,
            "The pool had not settled when the simulation stopped; this is its last state.",
        );
    }
    h.close();
    subnet_card(&mut h, r, props.alone.as_deref());
    if !warnings.is_empty() {
        h.open("div", &[("class", S("card warnings"))])
            .text("h2", NONE, "Warnings")
            .open("ul", NONE);
        for w in warnings {
            h.open("li", NONE)
                .text("code", NONE, w.code)
                .t(" ")
                .s(w.message.clone())
                .close();
        }
    }
    h.finish()
}

const NOTE: Attrs = &[("class", S("note"))];
const CARD: Attrs = &[("class", S("card"))];

/// Pods on the node, then the two reasons a pod can lack an address: no slot (kubelet maxPods, Pending) or
/// no IP from ipamd. The three counts add up to the pods asked for.
fn pods_line(st: &crate::scenario::SteadyState) -> String {
    let running = st.pods - st.pods_without_ip - st.pods_pending;
    let pending = if st.pods_pending > 0 {
        format!(", {} Pending over maxPods", st.pods_pending)
    } else {
        String::new()
    };
    format!(
        "{} ({running} running, {} without an IP{pending})",
        st.pods, st.pods_without_ip
    )
}

fn subnet_card(h: &mut H, r: &Report, alone: Option<&str>) {
    let sb = &r.subnet;
    let ipv6 = r.mode == Mode::Ipv6;
    // The core judges `fits` and `cluster_addresses` at the peak and keeps the settled ones beside them.
    let (peak_cluster, settled_cluster) = (sb.cluster_addresses, sb.settled_cluster_addresses);
    let runs_out = |at: Option<i64>| at.map_or("—".to_string(), |n| count(n, "node", "nodes"));
    // The verdict in words is the page's first line (`crate::verdict`), with the room left; here the meter.
    let meter = match sb.subnet_usable {
        Some(u) => html! {
            <meter min="0" max={u.to_string()} value={peak_cluster.clamp(0, u).to_string()} high={(u * 8 / 10).to_string()}
                optimum="0" aria-label="Share of the subnet used at the peak"></meter>
        },
        _ => Html::default(),
    };
    h.open("div", CARD).open("h2", NONE).t("Subnet burn");
    if let Some(a) = alone {
        h.s(format!(" {a}"));
    }
    h.close();
    if alone.is_some() {
        h.text("p", NOTE, "The subnet table has the whole cluster's answer.");
    }
    h.open("div", &[("class", S("table-wrap"))])
        .open("table", &[("class", S("burn"))]);
    h.open("thead", NONE)
        .open("tr", NONE)
        .open("th", COL)
        .text("span", &[("class", S("sr-only"))], "Addresses");
    h.close()
        .text("th", COL, "Settled")
        .text("th", COL, "Peak")
        .close()
        .close();
    h.open("tbody", NONE).open("tr", NONE).text("th", ROW, "Per node");
    h.owned(
        "td",
        &[("class", S("num")), ("data-testid", S("per-node"))],
        count(sb.addresses_per_node, "address", "addresses"),
    );
    h.owned(
        "td",
        &[("class", S("num")), ("data-testid", S("peak-per-node"))],
        count(sb.peak_addresses_per_node, "address", "addresses"),
    );
    h.close().open("tr", NONE);
    h.owned("th", ROW, format!("Node group ({})", count(sb.nodes, "node", "nodes")));
    h.num("td", NUM, settled_cluster).num("td", NUM, peak_cluster).close();
    if sb.cidr.is_some() {
        h.open("tr", NONE)
            .text("th", ROW, "Runs out at")
            .owned("td", NUM, runs_out(sb.settled_exhausts_at_nodes));
        h.owned(
            "td",
            &[("class", S("num")), ("data-testid", S("peak-exhausts"))],
            runs_out(sb.peak_exhausts_at_nodes),
        );
        h.close();
    }
    h.close().close().close();
    if let (Some(c), Some(u)) = (&sb.cidr, sb.subnet_usable) {
        // IPv6 pods draw from the /80s; only ENI primaries come from this subnet, no /28s.
        let blocks = sb
            .prefix_blocks_usable
            .filter(|_| !ipv6)
            .map_or(String::new(), |b| format!(" · {b} aligned /28 blocks"));
        h.owned(
            "p",
            &[("class", S("dim"))],
            format!("{c}: {u} usable (AWS reserves 5){blocks}"),
        );
    }
    h.node(meter);
    if let Some(ns) = &sb.node_subnet {
        let out = ns.exhausts_at_nodes.map_or(String::new(), |n| {
            format!("; runs out at {}", count(n, "node", "nodes"))
        });
        h.owned(
            "p",
            NONE,
            format!(
                "Node subnet: {} per node, {} for the group{out}",
                count(ns.addresses_per_node, "address", "addresses"),
                ns.cluster_addresses
            ),
        );
    }
    h.close();
}
