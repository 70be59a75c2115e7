//! The cluster's subnets, one row each: usable, used, addresses at desired and at max + surge, free, fits,
//! the node of each group at which it runs out and the smallest prefix that fits; under prefix delegation
//! the free /28 blocks and the `create-subnet-cidr-reservation` commands with a copy button.

use super::snippets::copy_button;
use crate::cluster::report::{SubnetRole, SubnetUse};
use crate::cluster::ClusterReport;
use crate::ui::browser;
use crate::ui::dom::{self, Attrs, COL, H, NONE, NUM, ROW, S};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SubnetTableProps {
    pub report: super::Same<ClusterReport>,
}

/// Where a subnet runs out: `node 6 of general`, one entry per group placing nodes there.
pub fn runs_out(s: &SubnetUse) -> String {
    let each: Vec<String> = s
        .runs_out
        .iter()
        .map(|r| match r.at_nodes {
            Some(n) => format!("node {n} of {}", r.group),
            None => format!("never ({})", r.group),
        })
        .collect();
    if each.is_empty() {
        "—".into()
    } else {
        each.join("; ")
    }
}

#[component]
pub fn SubnetTable(props: &SubnetTableProps) -> Html {
    let r = &props.report;
    let copied = use_state(|| None::<(usize, bool)>);
    let mut h = H::new();
    h.open(
        "section",
        &[
            ("class", S("card subnet-table")),
            ("aria-labelledby", S("subnets-title")),
        ],
    );
    h.text(
        "h2",
        &[("id", S("subnets-title"))],
        "Subnets at desired and at max + surge",
    );
    h.open("div", &[("class", S("table-wrap"))])
        .open("table", &[("class", S("burn"))]);
    h.open("thead", NONE).open("tr", NONE);
    for head in [
        "Subnet",
        "Usable",
        "Used",
        "At desired",
        "At max + surge",
        "Free",
        "Fits",
        "Runs out at",
        "Smallest fit",
    ] {
        h.text("th", COL, head);
    }
    h.close().close().open("tbody", NONE);
    for s in &r.subnets {
        let row: Attrs = if s.fits { NONE } else { &[("class", S("bad"))] };
        h.open("tr", row).open("th", ROW).s(s.cidr.clone());
        h.owned("small", &[("class", S("dim"))], format!(" {} · {}", s.az, role(s.role)))
            .close();
        h.num("td", NUM, s.usable)
            .num("td", NUM, s.used)
            .num("td", NUM, s.addresses)
            .num("td", NUM, s.addresses_at_max)
            .num("td", NUM, s.free);
        h.text("td", NONE, if s.fits { "yes" } else { "no" });
        h.owned("td", &[("class", S("runs-out"))], runs_out(s));
        h.owned(
            "td",
            NONE,
            s.min_prefix_length
                .map_or("none: more than a /16".into(), |l| format!("/{l}")),
        )
        .close();
    }
    h.close().close().close();
    for (i, s) in r.subnets.iter().enumerate() {
        let Some(b) = s.prefix_blocks.as_ref() else {
            continue;
        };
        let counts = format!(
            "{}: {} aligned /28 blocks free, {} needed at max + surge",
            s.cidr, b.free_blocks, b.needed_at_max
        );
        // The core reserves only in a subnet that fits: a reservation of every free block would not.
        if b.commands.is_empty() {
            h.owned(
                "p",
                RESERVATION,
                format!("{counts}: too few, so no reservation until the subnet fits."),
            );
            continue;
        }
        let text = b.commands.join("\n");
        let onclick = {
            let (copied, text) = (copied.clone(), text.clone());
            Callback::from(move |_: MouseEvent| {
                let copied = copied.clone();
                browser::copy(&text, move |ok| copied.set(Some((i, ok))));
            })
        };
        let id = format!("reserve-{i}");
        h.open("div", RESERVATION).owned(
            "p",
            NONE,
            format!(
                "{counts}. Reserve them for prefixes (assuming the used addresses sit at the bottom of the subnet):"
            ),
        );
        h.open("div", &[("class", S("snippet-head"))]);
        copy_button(
            &mut h,
            &id,
            format!("Copy the reservation for {}", s.cidr),
            onclick,
            *copied,
            i,
        );
        h.close();
        let code = dom::owned("code", NONE, text);
        h.node(html! { <pre id={id} tabindex="0">{code}</pre> }).close();
    }
    h.finish()
}

const RESERVATION: Attrs = &[("class", S("reservation"))];

fn role(r: SubnetRole) -> &'static str {
    match r {
        SubnetRole::Node => "nodes",
        SubnetRole::Pod => "pods (ENIConfig)",
    }
}
