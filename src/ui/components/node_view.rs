//! The picture of the node at the current step: one row per ENI, one box per address slot — the primary
//! IP, IPs assigned to pods, warm, cooling, and slots not yet allocated; in prefix mode, /28s of 16.

use super::SharedReport;
use crate::ipamd::trace::{EniRole, EniView};
use crate::mode::Mode;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NodeViewProps {
    pub report: SharedReport,
    pub index: usize,
}

#[component]
pub fn NodeView(props: &NodeViewProps) -> Html {
    let NodeViewProps { report, index } = props;
    let Some(r) = report.ok() else { return html! {} };
    let Some(step) = r.trace.get(*index) else {
        return html! {};
    };
    let per_eni = (r.instance.ipv4_limit - 1) as usize;
    let pd = r.mode == Mode::PrefixDelegation;
    let free_slots = (r.config.max_eni as usize).saturating_sub(step.enis.len());
    html! {
        <section class="node" aria-label="The node at this step">
            <h2>{"The node"}</h2>
            <ul class="legend" aria-label="Legend">
                <li><span class="slot primary"></span>{"primary IP (never a pod's)"}</li>
                <li><span class="slot assigned"></span>{"assigned to a pod"}</li>
                <li><span class="slot warm"></span>{"warm (allocated, free)"}</li>
                <li><span class="slot cooling"></span>{"cooling (released < IP_COOLDOWN_PERIOD ago)"}</li>
                <li><span class="slot empty"></span>{ if pd { "prefix slot not allocated" } else { "slot not allocated" } }</li>
            </ul>
            <ol class="enis">
                { for step.enis.iter().map(|e| eni_row(e, per_eni, pd)) }
            </ol>
            if free_slots > 0 {
                <p class="dim free-enis">{format!("{free_slots} more ENI slot{} not attached (maxENI {})", if free_slots == 1 { "" } else { "s" }, r.config.max_eni)}</p>
            }
        </section>
    }
}

fn eni_row(e: &EniView, per_eni: usize, pd: bool) -> Html {
    let role = match e.role {
        EniRole::Primary => "primary",
        EniRole::Secondary => "secondary",
        EniRole::Trunk => "trunk",
    };
    let (summary, slots) = if !e.for_pods {
        let why = if e.role == EniRole::Trunk {
            "trunk ENI: no pod IPs"
        } else {
            "custom networking: no pod IPs on the primary ENI"
        };
        (why.to_string(), Html::default())
    } else if e.ipv6_prefix {
        (
            "one /80 IPv6 prefix serves every pod".to_string(),
            html! { <span class="v6">{"/80"}</span> },
        )
    } else if pd {
        let assigned: u32 = e.prefix_slots().map(|p| u32::from(p[0])).sum();
        let empty = per_eni.saturating_sub(e.prefix_count());
        (
            format!("{} of {per_eni} prefixes · {assigned} pods", e.prefix_count()),
            html! {
                <>
                { for e.prefix_slots().map(|p| {
                    let (a, c) = (usize::from(p[0]), usize::from(p[1]));
                    html! {
                        <span class="prefix">
                            { cells("assigned", a) }{ cells("cooling", c) }{ cells("warm", 16usize.saturating_sub(a + c)) }
                        </span>
                    }
                }) }
                { for (0..empty).map(|_| html! { <span class="prefix empty"></span> }) }
                </>
            },
        )
    } else {
        let ips = &e.ips;
        let allocated = (ips.assigned + ips.cooling + ips.warm) as usize;
        (
            format!(
                "{allocated} of {per_eni} IPs · {} assigned · {} warm · {} cooling",
                ips.assigned, ips.warm, ips.cooling
            ),
            html! {
                <>
                { cells("assigned", ips.assigned as usize) }
                { cells("cooling", ips.cooling as usize) }
                { cells("warm", ips.warm as usize) }
                { cells("empty", per_eni.saturating_sub(allocated)) }
                </>
            },
        )
    };
    html! {
        <li class={classes!("eni", role)} data-eni={e.id.clone()}>
            <div class="eni-head"><strong>{&e.id}</strong>{" "}<span class="role">{role}</span>{" "}<span class="dim">{&summary}</span></div>
            <div class="slots" role="img" aria-label={format!("{}: {role}; primary IP; {summary}", e.id)}>
                <span class="slot primary"></span>
                { slots }
            </div>
        </li>
    }
}

fn cells(class: &'static str, n: usize) -> Html {
    (0..n)
        .map(|_| html! { <span class={classes!("slot", class)}></span> })
        .collect()
}
