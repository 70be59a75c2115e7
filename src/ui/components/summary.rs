//! The summary beside the picture: max pods in every variant and where they disagree, the steady state,
//! the subnet burn for the node group, settled and at the peak side by side (the verdict in words is the
//! page's first line), and the core's warnings.

use super::{count, SharedReport};
use crate::mode::Mode;
use crate::scenario::Report;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub report: SharedReport,
    /// `Some("if web were alone in 10.0.0.0/24")` when the cluster has more groups or subnets than the
    /// one this report prices: the subnet burn is labelled so, and its subnet-only warnings are left to
    /// the cluster table.
    #[prop_or_default]
    pub alone: Option<String>,
}

/// The warnings about the selected group alone in subnet 1 (`report::subnet_report`), which the
/// cluster table answers for the whole cluster.
const SUBNET_ONLY: [&str; 2] = ["subnet-exhausted", "no-room-to-replace"];

#[component]
pub fn Summary(props: &SummaryProps) -> Html {
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
    html! {
        <section class="summary" aria-label="Summary">
            <div class="card maxpods-card">
                <h2>{"Max pods"}</h2>
                <div class="table-wrap">
                <table class="maxpods">
                    <thead><tr><th scope="col">{"Variant"}</th><th scope="col">{"Value"}</th><th scope="col">{"Formula"}</th></tr></thead>
                    <tbody>
                        { for rows.iter().map(|(name, v, formula)| html! {
                            <tr><th scope="row">{*name}</th><td class="num">{value(name, *v)}</td><td class="formula">{*formula}</td></tr>
                        }) }
                        <tr class="kubelet"><th scope="row">{"kubelet maxPods used here"}</th><td class="num" data-testid="kubelet-max-pods">{m.kubelet.to_string()}</td>
                            <td>{ if m.kubelet_source == "override" { "your value" } else { "the calculator's recommendation" } }</td></tr>
                    </tbody>
                </table>
                </div>
                { for m.notes.iter().map(|n| html! { <p class="note">{n}</p> }) }
            </div>
            <div class="card">
                <h2>{"Steady state (one node)"}</h2>
                <dl class="kv">
                    <dt>{"Pods"}</dt><dd data-testid="steady-pods">{pods_line(st)}</dd>
                    <dt>{"ENIs"}</dt><dd data-testid="steady-enis">{st.enis.to_string()}</dd>
                    <dt>{per_eni_label}</dt><dd>{per_eni.join(", ")}</dd>
                    <dt>{"IPs held"}</dt><dd data-testid="ips-held">{total}</dd>
                    <dt>{"Used by pods"}</dt><dd>{st.assigned_ips.to_string()}</dd>
                    <dt>{"Held but unused"}</dt><dd>{unused}</dd>
                    if r.mode == Mode::PrefixDelegation {
                        <dt>{"/28 prefixes"}</dt><dd data-testid="prefixes">{st.prefixes.to_string()}</dd>
                    }
                </dl>
                if !st.settled {
                    <p class="note">{"The pool had not settled when the simulation stopped; this is its last state."}</p>
                }
            </div>
            { subnet_card(r, props.alone.as_deref()) }
            if !warnings.is_empty() {
                <div class="card warnings">
                    <h2>{"Warnings"}</h2>
                    <ul>{ for warnings.iter().map(|w| html! { <li><code>{w.code}</code>{" "}{&w.message}</li> }) }</ul>
                </div>
            }
        </section>
    }
}

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

fn subnet_card(r: &Report, alone: Option<&str>) -> Html {
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
    html! {
        <div class="card">
            <h2>{"Subnet burn"}{alone.map(|a| format!(" {a}"))}</h2>
            if alone.is_some() { <p class="note">{"The subnet table has the whole cluster's answer."}</p> }
            <div class="table-wrap">
            <table class="burn">
                <thead><tr><th scope="col"><span class="sr-only">{"Addresses"}</span></th><th scope="col">{"Settled"}</th><th scope="col">{"Peak"}</th></tr></thead>
                <tbody>
                    <tr><th scope="row">{"Per node"}</th>
                        <td class="num" data-testid="per-node">{count(sb.addresses_per_node, "address", "addresses")}</td>
                        <td class="num" data-testid="peak-per-node">{count(sb.peak_addresses_per_node, "address", "addresses")}</td></tr>
                    <tr><th scope="row">{format!("Node group ({})", count(sb.nodes, "node", "nodes"))}</th>
                        <td class="num">{settled_cluster.to_string()}</td><td class="num">{peak_cluster.to_string()}</td></tr>
                    if sb.cidr.is_some() {
                        <tr><th scope="row">{"Runs out at"}</th>
                            <td class="num">{runs_out(sb.settled_exhausts_at_nodes)}</td><td class="num" data-testid="peak-exhausts">{runs_out(sb.peak_exhausts_at_nodes)}</td></tr>
                    }
                </tbody>
            </table>
            </div>
            if let (Some(c), Some(u)) = (&sb.cidr, sb.subnet_usable) {
                <p class="dim">{format!("{c}: {u} usable (AWS reserves 5)")}
                    // IPv6 pods draw from the /80s; only ENI primaries come from this subnet, no /28s.
                    { sb.prefix_blocks_usable.filter(|_| !ipv6).map_or(String::new(), |b| format!(" · {b} aligned /28 blocks")) }</p>
            }
            { meter }
            if let Some(ns) = &sb.node_subnet {
                <p>{format!("Node subnet: {} per node, {} for the group", count(ns.addresses_per_node, "address", "addresses"), ns.cluster_addresses)}
                    { ns.exhausts_at_nodes.map_or(String::new(), |n| format!("; runs out at {}", count(n, "node", "nodes"))) }</p>
            }
        </div>
    }
}
