//! The alternatives: each usual fix re-planned on the same workload, with what it saves in addresses and
//! costs in EC2 calls, and a button that applies it to the form.

use super::SharedReport;
use crate::advisor::advise;
use crate::scenario::Scenario;
use crate::ui::state::Action;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AdviceProps {
    pub report: SharedReport,
    pub scenario: Scenario,
    pub on_action: Callback<Action>,
}

#[component]
pub fn Advice(props: &AdviceProps) -> Html {
    let AdviceProps {
        report,
        scenario,
        on_action,
    } = props;
    let alts = use_memo((report.clone(), scenario.clone()), |(r, s)| {
        r.ok().map(|r| advise(s, r)).unwrap_or_default()
    });
    if alts.len() < 2 {
        return html! {};
    }
    let base = alts[0].addresses_per_node;
    html! {
        <section class="card advice" aria-label="Alternatives">
            <h2>{"Alternatives"}</h2>
            <p class="dim">{"The same workload under each usual fix. Addresses are what one node takes from your subnet."}</p>
            <div class="table-wrap">
            <table>
                <thead><tr>
                    <th scope="col">{"Option"}</th><th scope="col">{"Per node"}</th><th scope="col">{"Peak"}</th>
                    <th scope="col">{"Runs out at"}</th><th scope="col">{"EC2 calls"}</th><th scope="col"><span class="sr-only">{"Apply"}</span></th>
                </tr></thead>
                <tbody>
                { for alts.iter().enumerate().map(|(i, a)| {
                    let saves = base - a.addresses_per_node;
                    let delta = if i == 0 || saves == 0 { String::new() } else if saves > 0 { format!(" (−{saves})") } else { format!(" (+{})", -saves) };
                    let apply = {
                        let edits: Vec<(&'static str, Option<String>)> = a.edits.clone();
                        on_action.reform(move |_: MouseEvent| Action::ApplyEdits(edits.clone()))
                    };
                    html! {
                        <tr class={classes!((i == 0).then_some("current"))}>
                            <th scope="row">
                                {a.title}
                                if a.pods_without_ip > 0 { <span class="bad">{format!(" · {} pods without an IP", a.pods_without_ip)}</span> }
                                if !a.caveat.is_empty() { <small>{a.caveat}</small> }
                            </th>
                            <td class="num">{format!("{}{delta}", a.addresses_per_node)}</td>
                            <td class="num">{a.peak_addresses_per_node.to_string()}</td>
                            <td class="num">{a.exhausts_at_nodes.map_or("—".to_string(), |n| format!("{n} nodes"))}</td>
                            <td class="num">{a.ec2_calls.to_string()}</td>
                            <td>if i > 0 { <button type="button" class="apply" onclick={apply} aria-label={format!("Apply: {}", a.title)}>{"Apply"}</button> }</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            </div>
        </section>
    }
}
