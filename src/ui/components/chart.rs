//! One subnet's addresses against the cluster's node count, drawn as SVG by the page: the current settings
//! and one proposed setting (the best alternative, or the one picked) as lines, the subnet's room
//! (usable − used) as a horizontal line and the exhaustion points marked. The same numbers as a table
//! on request; a `<title>` and a `<desc>` sentence for screen readers. The series are the core's
//! (`cluster::series`).

use crate::cluster::{self, ClusterAlternative, ClusterReport, ClusterSpec, Series};
use crate::edit::Edit;
use crate::ui::browser::measure;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    pub spec: ClusterSpec,
    pub report: Rc<ClusterReport>,
}

/// `spec` with `edits` applied to its settings (an unset removes the spec's value).
pub fn with_edits(spec: &ClusterSpec, edits: &[Edit]) -> ClusterSpec {
    let mut s = spec.clone();
    for e in edits {
        match &e.value {
            Some(v) => s.settings.insert(e.name.clone(), v.clone()),
            None => s.settings.remove(&e.name),
        };
    }
    s
}

/// The subnet a chart opens on: the first that does not fit, else the first.
pub fn first_failing(r: &ClusterReport) -> usize {
    r.subnets.iter().position(|s| !s.fits).unwrap_or(0)
}

/// The SVG's view box and its margins, in whole units (integer arithmetic keeps float formatting out of
/// the wasm).
const W: i64 = 600;
const H: i64 = 260;
const LEFT: i64 = 56;
const BOTTOM: i64 = 28;
const TOP: i64 = 12;
const RIGHT: i64 = 16;

/// The sentence a screen reader hears for one line.
fn line_words(name: &str, s: &Series, total: u64) -> String {
    match s.exhausts_at_nodes {
        Some(n) => format!("{name} runs out at node {n} of {total}"),
        None => format!("{name} still fits at {total} nodes"),
    }
}

#[component]
pub fn Chart(props: &ChartProps) -> Html {
    let ChartProps { spec, report } = props;
    let index = use_state(|| first_failing(report));
    let picked = use_state(|| None::<usize>);
    let as_table = use_state(|| false);
    let alternatives = use_memo(spec.clone(), |spec| {
        let _m = measure("vpc:cluster-advise");
        cluster::advise(spec).unwrap_or_default()
    });
    // The best alternative is the advisor's first after "Your settings".
    let alt_index = picked.unwrap_or(1).min(alternatives.len().saturating_sub(1));
    let alt: Option<ClusterAlternative> = alternatives.get(alt_index).filter(|_| alt_index > 0).cloned();
    let proposed = use_memo(
        (spec.clone(), alt.as_ref().map(|a| a.edits.clone())),
        |(spec, edits)| {
            let _m = measure("vpc:cluster-proposed");
            edits.as_ref().and_then(|e| cluster::plan(&with_edits(spec, e)).ok())
        },
    );
    let i = (*index).min(report.subnets.len().saturating_sub(1));
    let Some(current) = cluster::series(report, i) else {
        return html! {};
    };
    let proposed_series = proposed.as_ref().as_ref().and_then(|p| cluster::series(p, i));
    let alt_name = alt.as_ref().map_or(String::new(), |a| {
        let edits: Vec<String> = a.edits.iter().map(ToString::to_string).collect();
        format!("{} ({})", a.title, edits.join(" "))
    });

    let total = current.points.last().map_or(0, |p| p.nodes);
    let top = current
        .points
        .iter()
        .chain(proposed_series.iter().flat_map(|s| &s.points))
        .map(|p| p.addresses)
        .chain([current.capacity, 1])
        .max()
        .unwrap_or(1);
    // 8% head room above the highest line.
    let top = i128::from(top.saturating_add(top / 12).max(1));
    let scale = |v: i128, of: i128, span: i64| i64::try_from(v * i128::from(span) / of.max(1)).unwrap_or(span);
    let x = |n: u64| LEFT + scale(i128::from(n), i128::from(total), W - LEFT - RIGHT);
    let y = |a: i64| H - BOTTOM - scale(i128::from(a.max(0)), top, H - BOTTOM - TOP);
    let line = |s: &Series| -> String {
        s.points
            .iter()
            .map(|p| format!("{},{}", x(p.nodes), y(p.addresses)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    // The exhaustion point: the first point on the path that does not fit.
    let marker = |s: &Series, class: &'static str, color: &'static str| -> Html {
        let Some(p) = s.exhausts_at_nodes.and_then(|n| s.points.iter().find(|p| p.nodes >= n)) else {
            return html! {};
        };
        html! {
            <g class={classes!("exhausted", class)}>
                <circle cx={x(p.nodes).to_string()} cy={y(p.addresses).to_string()} r="5" fill={color} />
                <text x={(x(p.nodes) - 7).to_string()} y={(y(p.addresses) - 9).to_string()} fill="currentColor" font-size="12" text-anchor="end">
                    {format!("runs out at node {}", s.exhausts_at_nodes.unwrap_or(p.nodes))}
                </text>
            </g>
        }
    };
    let cap_y = y(current.capacity).to_string();
    let desc = format!(
        "Addresses {} holds as the cluster grows from 0 to {total} nodes (max + surge), against its room of {} (usable − used). {}.{}",
        current.cidr,
        current.capacity,
        line_words("With the current settings it", &current, total),
        proposed_series.as_ref().map_or(String::new(), |p| format!(
            " {}.",
            line_words(&format!("With {alt_name} it"), p, total)
        ))
    );
    let on_subnet = {
        let index = index.clone();
        Callback::from(move |e: Event| {
            if let Ok(v) = e.target_unchecked_into::<HtmlSelectElement>().value().parse() {
                index.set(v);
            }
        })
    };
    let on_alt = {
        let picked = picked.clone();
        Callback::from(move |e: Event| picked.set(e.target_unchecked_into::<HtmlSelectElement>().value().parse().ok()))
    };
    let toggle = {
        let as_table = as_table.clone();
        Callback::from(move |_: MouseEvent| as_table.set(!*as_table))
    };
    let view = if *as_table {
        let prop_at = |k: usize| proposed_series.as_ref().and_then(|s| s.points.get(k));
        html! {
            <div class="table-wrap">
                <table class="burn chart-table">
                    <caption class="sr-only">{desc.clone()}</caption>
                    <thead><tr>
                        <th scope="col">{"Nodes"}</th><th scope="col">{"Current"}</th>
                        if proposed_series.is_some() { <th scope="col">{"Proposed"}</th> }
                        <th scope="col">{"Room"}</th>
                    </tr></thead>
                    <tbody>
                        { for current.points.iter().enumerate().map(|(k, p)| html! {
                            <tr class={classes!((!p.fits).then_some("bad"))}>
                                <th scope="row">{p.nodes}</th>
                                <td class="num">{p.addresses}{if p.fits { "" } else { " (does not fit)" }}</td>
                                if let Some(q) = prop_at(k) { <td class="num">{q.addresses}{if q.fits { "" } else { " (does not fit)" }}</td> }
                                <td class="num">{current.capacity}</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        }
    } else {
        html! {
            <svg class="chart" viewBox={format!("0 0 {W} {H}")} role="img" aria-labelledby="chart-title chart-desc"
                width="100%" preserveAspectRatio="xMidYMid meet">
                <title id="chart-title">{format!("{} addresses against cluster nodes", current.cidr)}</title>
                <desc id="chart-desc">{desc.clone()}</desc>
                <line x1={LEFT.to_string()} y1={(H - BOTTOM).to_string()} x2={(W - RIGHT).to_string()} y2={(H - BOTTOM).to_string()} stroke="currentColor" />
                <line x1={LEFT.to_string()} y1={TOP.to_string()} x2={LEFT.to_string()} y2={(H - BOTTOM).to_string()} stroke="currentColor" />
                <text x={LEFT.to_string()} y={(H - 8).to_string()} fill="currentColor" font-size="12">{"0"}</text>
                <text x={(W - RIGHT).to_string()} y={(H - 8).to_string()} fill="currentColor" font-size="12" text-anchor="end">{format!("{total} nodes")}</text>
                <text x={(LEFT - 4).to_string()} y={(H - BOTTOM).to_string()} fill="currentColor" font-size="12" text-anchor="end">{"0"}</text>
                <line class="capacity" x1={LEFT.to_string()} y1={cap_y.clone()} x2={(W - RIGHT).to_string()} y2={cap_y.clone()}
                    stroke="#dc2626" stroke-dasharray="6 4" stroke-width="2" />
                <text x={(LEFT - 4).to_string()} y={cap_y.clone()} fill="currentColor" font-size="12" text-anchor="end">{current.capacity}</text>
                <polyline class="current" points={line(&current)} fill="none" stroke="#2563eb" stroke-width="2.5" />
                if let Some(p) = &proposed_series {
                    <polyline class="proposed" points={line(p)} fill="none" stroke="#16a34a" stroke-width="2.5" stroke-dasharray="8 4" />
                    { marker(p, "proposed", "#16a34a") }
                }
                { marker(&current, "current", "#2563eb") }
            </svg>
        }
    };
    html! {
        <section class="card chart-card" aria-labelledby="chart-heading">
            <h2 id="chart-heading">{"Subnet use as the cluster grows"}</h2>
            <div class="controls">
                if report.subnets.len() > 1 {
                    <label for="chart-subnet">{"Subnet"}</label>
                    <select id="chart-subnet" onchange={on_subnet}>
                        { for report.subnets.iter().enumerate().map(|(k, s)| html! {
                            <option value={k.to_string()} selected={k == i}>{format!("{} ({})", s.cidr, s.az)}</option>
                        }) }
                    </select>
                }
                if alternatives.len() > 1 {
                    <label for="chart-alt">{"Proposed"}</label>
                    <select id="chart-alt" onchange={on_alt}>
                        { for alternatives.iter().enumerate().skip(1).map(|(k, a)| html! {
                            <option value={k.to_string()} selected={k == alt_index}>{a.title}</option>
                        }) }
                    </select>
                }
                <button type="button" aria-pressed={(*as_table).to_string()} onclick={toggle}>{"Show as a table"}</button>
            </div>
            <ul class="legend">
                <li><span class="key-current">{"━ current settings"}</span></li>
                if proposed_series.is_some() { <li><span class="key-proposed">{format!("╍ {alt_name}")}</span></li> }
                <li><span class="key-capacity">{format!("┅ room: {} addresses (usable − used)", current.capacity)}</span></li>
            </ul>
            { view }
            <p class="hint">{desc}</p>
        </section>
    }
}
