//! The cluster's subnets, one row each: usable, used, addresses at desired and at max + surge, free, fits,
//! the node of each group at which it runs out and the smallest prefix that fits; under prefix delegation
//! the free /28 blocks and the `create-subnet-cidr-reservation` commands with a copy button.

use crate::cluster::report::{SubnetRole, SubnetUse};
use crate::cluster::ClusterReport;
use crate::ui::browser;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SubnetTableProps {
    pub report: Rc<ClusterReport>,
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
    html! {
        <section class="card subnet-table" aria-labelledby="subnets-title">
            <h2 id="subnets-title">{"Subnets at desired and at max + surge"}</h2>
            <div class="table-wrap">
                <table class="burn">
                    <thead><tr>
                        <th scope="col">{"Subnet"}</th><th scope="col">{"Usable"}</th><th scope="col">{"Used"}</th>
                        <th scope="col">{"At desired"}</th><th scope="col">{"At max + surge"}</th><th scope="col">{"Free"}</th>
                        <th scope="col">{"Fits"}</th><th scope="col">{"Runs out at"}</th><th scope="col">{"Smallest fit"}</th>
                    </tr></thead>
                    <tbody>
                        { for r.subnets.iter().map(|s| html! {
                            <tr class={classes!((!s.fits).then_some("bad"))}>
                                <th scope="row">{&s.cidr}<small class="dim">{format!(" {} · {}", s.az, role(s.role))}</small></th>
                                <td class="num">{s.usable}</td>
                                <td class="num">{s.used}</td>
                                <td class="num">{s.addresses}</td>
                                <td class="num">{s.addresses_at_max}</td>
                                <td class="num">{s.free}</td>
                                <td>{if s.fits { "yes" } else { "no" }}</td>
                                <td class="runs-out">{runs_out(s)}</td>
                                <td>{s.min_prefix_length.map_or("none: more than a /16".into(), |l| format!("/{l}"))}</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            { for r.subnets.iter().enumerate().filter_map(|(i, s)| {
                let b = s.prefix_blocks.as_ref()?;
                let counts = format!("{}: {} aligned /28 blocks free, {} needed at max + surge", s.cidr, b.free_blocks, b.needed_at_max);
                // The core reserves only in a subnet that fits: a reservation of every free block would not.
                if b.commands.is_empty() {
                    return Some(html! { <p class="reservation">{format!("{counts}: too few, so no reservation until the subnet fits.")}</p> });
                }
                let text = b.commands.join("\n");
                let onclick = {
                    let (copied, text) = (copied.clone(), text.clone());
                    Callback::from(move |_: MouseEvent| {
                        let copied = copied.clone();
                        browser::copy(&text, move |ok| copied.set(Some((i, ok))));
                    })
                };
                let status = match *copied {
                    Some((j, true)) if j == i => "Copied",
                    Some((j, false)) if j == i => "Copy failed: select the text instead",
                    _ => "",
                };
                let id = format!("reserve-{i}");
                Some(html! {
                    <div class="reservation">
                        <p>{format!("{counts}. Reserve them for prefixes (assuming the used addresses sit at the bottom of the subnet):")}</p>
                        <div class="snippet-head">
                            <button type="button" class="copy" aria-describedby={format!("{id}-status")} {onclick}>{format!("Copy the reservation for {}", s.cidr)}</button>
                            <span id={format!("{id}-status")} class="copied" role="status" aria-live="polite">{status}</span>
                        </div>
                        <pre id={id} tabindex="0"><code>{text}</code></pre>
                    </div>
                })
            }) }
        </section>
    }
}

fn role(r: SubnetRole) -> &'static str {
    match r {
        SubnetRole::Node => "nodes",
        SubnetRole::Pod => "pods (ENIConfig)",
    }
}
