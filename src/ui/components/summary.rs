//! The summary beside the picture: max pods in every variant and where they disagree, the steady state,
//! the subnet burn for the node group with "exhausts at N nodes", and the core's warnings.

use super::SharedReport;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub report: SharedReport,
}

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
    let st = &r.steady_state;
    let sb = &r.subnet;
    let per_eni_label = if r.mode == "prefix-delegation" {
        "prefixes per ENI"
    } else {
        "IPs per ENI"
    };
    let per_eni: Vec<String> = st.per_eni.iter().map(i64::to_string).collect();
    let total = if r.mode == "ipv6" {
        "2^48 (one /80)".to_string()
    } else {
        st.total_ips.to_string()
    };
    let unused = if r.mode == "ipv6" {
        "—".to_string()
    } else {
        st.unused_ips.to_string()
    };
    html! {
        <section class="summary" aria-label="Summary">
            <div class="card maxpods-card">
                <h2>{"Max pods"}</h2>
                <div class="table-wrap">
                <table class="maxpods">
                    <thead><tr><th scope="col">{"Variant"}</th><th scope="col">{"Value"}</th><th scope="col">{"Formula"}</th></tr></thead>
                    <tbody>
                        { for rows.iter().map(|(name, v, formula)| html! {
                            <tr><th scope="row">{*name}</th><td class="num">{v.to_string()}</td><td class="formula">{*formula}</td></tr>
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
                    <dt>{"Pods"}</dt><dd>{format!("{} ({} without an IP)", st.pods, st.pods_without_ip)}</dd>
                    <dt>{"ENIs"}</dt><dd data-testid="steady-enis">{st.enis.to_string()}</dd>
                    <dt>{per_eni_label}</dt><dd>{per_eni.join(", ")}</dd>
                    <dt>{"IPs held"}</dt><dd data-testid="ips-held">{total}</dd>
                    <dt>{"Used by pods"}</dt><dd>{st.assigned_ips.to_string()}</dd>
                    <dt>{"Held but unused"}</dt><dd>{unused}</dd>
                    if r.mode == "prefix-delegation" {
                        <dt>{"/28 prefixes"}</dt><dd data-testid="prefixes">{st.prefixes.to_string()}</dd>
                    }
                </dl>
                if !st.settled {
                    <p class="note">{"The pool had not settled when the simulation stopped; this is its last state."}</p>
                }
            </div>
            <div class="card">
                <h2>{"Subnet burn"}</h2>
                <dl class="kv">
                    <dt>{"Per node"}</dt><dd data-testid="per-node">{format!("{} addresses (peak {})", sb.addresses_per_node, sb.peak_addresses_per_node)}</dd>
                    <dt>{"Node group"}</dt><dd>{format!("{} × {} = {}", sb.nodes, sb.addresses_per_node, sb.cluster_addresses)}</dd>
                    if let (Some(c), Some(u)) = (&sb.cidr, sb.subnet_usable) {
                        <dt>{"Subnet"}</dt><dd>{format!("{c}: {u} usable (AWS reserves 5)")}</dd>
                        if let Some(b) = sb.prefix_blocks_usable {
                            <dt>{"Aligned /28 blocks"}</dt><dd>{b.to_string()}</dd>
                        }
                    }
                </dl>
                if let (Some(u), Some(fits)) = (sb.subnet_usable, sb.fits) {
                    <meter min="0" max={u.to_string()} value={sb.cluster_addresses.min(u).to_string()} high={(u * 8 / 10).to_string()}
                        optimum="0" aria-label="Share of the subnet used"></meter>
                    <p class={classes!("verdict", (!fits).then_some("bad"))} data-testid="exhausts">
                        { match sb.exhausts_at_nodes {
                            Some(n) if fits => format!("Fits. The subnet runs out at {n} nodes."),
                            Some(n) => format!("Does not fit: the subnet runs out at {n} nodes."),
                            None => "Takes no addresses from this subnet.".to_string(),
                        } }
                    </p>
                }
                if let Some(h) = sb.headroom_nodes.filter(|h| *h >= 0) {
                    <p class="dim" data-testid="headroom">{format!("Room for {h} more node{} beside the group (rolling updates surge into it).", if h == 1 { "" } else { "s" })}</p>
                }
                if let Some(ns) = &sb.node_subnet {
                    <p>{format!("Node subnet: 1 address per node, {} for the group", ns.cluster_addresses)}
                        { ns.exhausts_at_nodes.map_or(String::new(), |n| format!("; runs out at {n} nodes")) }</p>
                }
            </div>
            if !r.warnings.is_empty() {
                <div class="card warnings">
                    <h2>{"Warnings"}</h2>
                    <ul>{ for r.warnings.iter().map(|w| html! { <li><code>{w.code}</code>{" "}{&w.message}</li> }) }</ul>
                </div>
            }
        </section>
    }
}
