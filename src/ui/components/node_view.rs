//! The picture of the node at the current step: one row per ENI, one box per address slot — the primary
//! IP, IPs assigned to pods, warm, cooling, and slots not yet allocated; in prefix mode, /28s of 16.

use super::SharedReport;
use crate::ipamd::trace::{EniRole, EniView};
use crate::mode::Mode;
use crate::ui::dom::{Attrs, H, NONE, S};
use yew::prelude::*;

/// What the parent passes (a plain function: it has no hooks, and the parent re-renders it with
/// every report anyway).
pub struct NodeViewProps {
    pub report: SharedReport,
    pub index: usize,
}

pub fn node_view(props: &NodeViewProps) -> Html {
    let NodeViewProps { report, index } = props;
    let Some(r) = report.ok() else { return html! {} };
    let Some(step) = r.trace.get(*index) else {
        return html! {};
    };
    let per_eni = (r.instance.ipv4_limit - 1) as usize;
    let pd = r.mode == Mode::PrefixDelegation;
    let free_slots = (r.config.max_eni as usize).saturating_sub(step.enis.len());
    let mut h = H::new();
    h.open(
        "section",
        &[("class", S("node")), ("aria-label", S("The node at this step"))],
    )
    .text("h2", NONE, "The node");
    h.open("ul", &[("class", S("legend")), ("aria-label", S("Legend"))]);
    let empty = if pd {
        "prefix slot not allocated"
    } else {
        "slot not allocated"
    };
    let legend = [
        (PRIMARY, "primary IP (never a pod's)"),
        (ASSIGNED, "assigned to a pod"),
        (WARM, "warm (allocated, free)"),
        (COOLING, "cooling (released < IP_COOLDOWN_PERIOD ago)"),
        (EMPTY, empty),
    ];
    for (slot, text) in legend {
        h.open("li", NONE).open("span", slot).close().t(text).close();
    }
    h.close().open("ol", &[("class", S("enis"))]);
    for e in &step.enis {
        eni_row(&mut h, e, per_eni, pd);
    }
    h.close();
    if free_slots > 0 {
        h.owned(
            "p",
            &[("class", S("dim free-enis"))],
            format!(
                "{free_slots} more ENI slot{} not attached (maxENI {})",
                if free_slots == 1 { "" } else { "s" },
                r.config.max_eni
            ),
        );
    }
    h.finish()
}

const PRIMARY: Attrs = &[("class", S("slot primary"))];
const ASSIGNED: Attrs = &[("class", S("slot assigned"))];
const WARM: Attrs = &[("class", S("slot warm"))];
const COOLING: Attrs = &[("class", S("slot cooling"))];
const EMPTY: Attrs = &[("class", S("slot empty"))];

/// One ENI: its id, role and counts, then its slots. The `li` and the slots' `div` carry computed
/// attributes (`data-eni`, `aria-label`), so they stay in `html!` around what `H` builds.
fn eni_row(h: &mut H, e: &EniView, per_eni: usize, pd: bool) {
    let role = match e.role {
        EniRole::Primary => "primary",
        EniRole::Secondary => "secondary",
        EniRole::Trunk => "trunk",
    };
    let mut slots = H::new();
    slots.open("span", PRIMARY).close();
    let summary = if !e.for_pods {
        let why = if e.role == EniRole::Trunk {
            "trunk ENI: no pod IPs"
        } else {
            "custom networking: no pod IPs on the primary ENI"
        };
        why.to_string()
    } else if e.ipv6_prefix {
        slots.text("span", &[("class", S("v6"))], "/80");
        "one /80 IPv6 prefix serves every pod".to_string()
    } else if pd {
        let assigned: u32 = e.prefix_slots().map(|p| u32::from(p[0])).sum();
        let empty = per_eni.saturating_sub(e.prefix_count());
        for p in e.prefix_slots() {
            let (a, c) = (usize::from(p[0]), usize::from(p[1]));
            slots.open("span", &[("class", S("prefix"))]);
            cells(&mut slots, ASSIGNED, a);
            cells(&mut slots, COOLING, c);
            cells(&mut slots, WARM, 16usize.saturating_sub(a + c));
            slots.close();
        }
        for _ in 0..empty {
            slots.open("span", &[("class", S("prefix empty"))]).close();
        }
        format!("{} of {per_eni} prefixes · {assigned} pods", e.prefix_count())
    } else {
        let ips = &e.ips;
        let allocated = (ips.assigned + ips.cooling + ips.warm) as usize;
        cells(&mut slots, ASSIGNED, ips.assigned as usize);
        cells(&mut slots, COOLING, ips.cooling as usize);
        cells(&mut slots, WARM, ips.warm as usize);
        cells(&mut slots, EMPTY, per_eni.saturating_sub(allocated));
        format!(
            "{allocated} of {per_eni} IPs · {} assigned · {} warm · {} cooling",
            ips.assigned, ips.warm, ips.cooling
        )
    };
    let label = format!("{}: {role}; primary IP; {summary}", e.id);
    let mut row = H::new();
    row.open("div", &[("class", S("eni-head"))])
        .owned("strong", NONE, e.id.clone())
        .t(" ")
        .text("span", &[("class", S("role"))], role)
        .t(" ")
        .owned("span", &[("class", S("dim"))], summary)
        .close();
    let slots = slots.finish();
    row.node(html! { <div class="slots" role="img" aria-label={label}>{slots}</div> });
    let row = row.finish();
    h.node(html! { <li class={format!("eni {role}")} data-eni={e.id.clone()}>{row}</li> });
}

/// `n` slots of one kind.
fn cells(h: &mut H, slot: Attrs, n: usize) {
    for _ in 0..n {
        h.open("span", slot).close();
    }
}
