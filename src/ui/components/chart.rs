//! One subnet's addresses against the cluster's node count, drawn as SVG by the page: the current settings
//! and one proposed setting (the best alternative, or the one picked) as lines, the subnet's room
//! (usable − used) as a horizontal line and the exhaustion points marked. The same numbers as a table
//! on request; a `<title>` and a `<desc>` sentence for screen readers. The series are the core's
//! (`cluster::series`). "Apply proposed" applies the proposed setting, as the Alternatives' buttons do.

use crate::cluster::{self, ClusterAlternative, ClusterReport, ClusterSpec, Series};
use crate::ui::browser::measure;
use crate::ui::dom::{self, Attrs, COL, NONE, NUM, ROW, S};
use crate::ui::state::Action;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    pub spec: ClusterSpec,
    pub report: super::Same<ClusterReport>,
    /// `cluster::advise`'s rows, "Your settings" first (worked out by the page, shared with the
    /// Alternatives); empty until asked for when there are very many pods.
    pub alternatives: super::Same<Vec<ClusterAlternative>>,
    /// Asks for the alternatives, when they wait for a click.
    pub ask: Option<Callback<MouseEvent>>,
    /// The page's node plans, which the alternatives filled: the proposed line simulates no node again.
    pub nodes: super::Same<std::cell::RefCell<cluster::NodePlans>>,
    pub on_action: Callback<Action>,
}

/// The subnet a chart opens on: the first that does not fit, else the first.
pub fn first_failing(r: &ClusterReport) -> usize {
    r.subnets.iter().position(|s| !s.fits).unwrap_or(0)
}

/// The most pods per node, summed over the groups, for which the proposed line is computed on every edit.
pub const AUTO_MAX_PODS: u64 = 2_000;

/// The SVG's view box and its margins, in whole units (integer arithmetic keeps float formatting out of
/// the wasm).
const W: i64 = 600;
const H: i64 = 260;
const LEFT: i64 = 56;
const BOTTOM: i64 = 28;
const TOP: i64 = 12;
const RIGHT: i64 = 16;

/// Text as SVG or HTML content: `&`, `<`, `>` and `"` escaped.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The chart's SVG markup: axes, the room line, the current (solid) and proposed (dashed) lines and each
/// one's exhaustion point. Built as text, with integer coordinates, to keep the wasm small.
pub fn svg(current: &Series, proposed: Option<&Series>, title: &str, desc: &str) -> String {
    use std::fmt::Write as _;
    let total = current.points.last().map_or(0, |p| p.nodes);
    let top = current
        .points
        .iter()
        .chain(proposed.iter().flat_map(|s| &s.points))
        .map(|p| p.addresses)
        .chain([current.capacity, 1])
        .max()
        .unwrap_or(1);
    // 8% head room above the highest line.
    let top = i128::from(top.saturating_add(top / 12).max(1));
    let scale = |v: i128, of: i128, span: i64| i64::try_from(v * i128::from(span) / of.max(1)).unwrap_or(span);
    let x = |n: u64| LEFT + scale(i128::from(n), i128::from(total), W - LEFT - RIGHT);
    let y = |a: i64| H - BOTTOM - scale(i128::from(a.max(0)), top, H - BOTTOM - TOP);
    let mut o = String::new();
    let label = |o: &mut String, x: i64, y: i64, anchor: &str, text: &str| {
        let _ = write!(
            o,
            r#"<text x="{x}" y="{y}" fill="currentColor" font-size="12" text-anchor="{anchor}">{text}</text>"#
        );
    };
    let _ = write!(
        o,
        r#"<svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-labelledby="chart-title chart-desc" width="100%"><title id="chart-title">{}</title><desc id="chart-desc">{}</desc><path d="M{LEFT} {TOP}V{}H{}" fill="none" stroke="currentColor"/>"#,
        esc(title),
        esc(desc),
        H - BOTTOM,
        W - RIGHT
    );
    label(&mut o, LEFT, H - 8, "start", "0");
    label(&mut o, W - RIGHT, H - 8, "end", &format!("{total} nodes"));
    label(&mut o, LEFT - 4, H - BOTTOM, "end", "0");
    let cap_y = y(current.capacity);
    let _ = write!(
        o,
        r##"<path class="capacity" d="M{LEFT} {cap_y}H{}" stroke="#dc2626" stroke-dasharray="6 4" stroke-width="2"/>"##,
        W - RIGHT
    );
    label(&mut o, LEFT - 4, cap_y, "end", &current.capacity.to_string());
    for (s, class, color, dash) in [
        (Some(current), "current", "#2563eb", "none"),
        (proposed, "proposed", "#16a34a", "8 4"),
    ] {
        let Some(s) = s else { continue };
        let _ = write!(
            o,
            r#"<polyline class="{class}" fill="none" stroke="{color}" stroke-width="2.5" stroke-dasharray="{dash}" points=""#
        );
        for p in &s.points {
            let _ = write!(o, "{},{} ", x(p.nodes), y(p.addresses));
        }
        o.push_str(r#""/>"#);
        // The exhaustion point: the first point on the path that does not fit.
        if let Some((n, p)) = s
            .exhausts_at_nodes
            .and_then(|n| Some((n, s.points.iter().find(|p| p.nodes >= n)?)))
        {
            let (px, py) = (x(p.nodes), y(p.addresses));
            let _ = write!(
                o,
                r#"<g class="exhausted {class}"><circle cx="{px}" cy="{py}" r="5" fill="{color}"/>"#
            );
            label(&mut o, px - 7, py - 9, "end", &format!("runs out at node {n}"));
            o.push_str("</g>");
        }
    }
    o.push_str("</svg>");
    o
}

/// The sentence a screen reader hears for one line.
fn line_words(name: &str, s: &Series, total: u64) -> String {
    match s.exhausts_at_nodes {
        Some(n) => format!("{name} runs out at node {n} of {total}"),
        None => format!("{name} still fits at {total} nodes"),
    }
}

#[component]
pub fn Chart(props: &ChartProps) -> Html {
    let ChartProps {
        spec,
        report,
        alternatives,
        ask,
        nodes,
        on_action,
    } = props;
    let index = use_state(|| first_failing(report));
    let picked = use_state(|| None::<usize>);
    let as_table = use_state(|| false);
    // Unless one is picked, the verdict's best IPv4 fix (else the advisor's first after "Your settings").
    let alt_index = picked
        .unwrap_or_else(|| cluster::best_ipv4_fix(alternatives).unwrap_or(1))
        .min(alternatives.len().saturating_sub(1));
    let alt: Option<ClusterAlternative> = alternatives.get(alt_index).filter(|_| alt_index > 0).cloned();
    let proposed = use_memo(
        (spec.clone(), alt.as_ref().map(|a| a.edits.clone())),
        |(spec, edits)| {
            let _m = measure("vpc:cluster-proposed");
            edits
                .as_ref()
                .and_then(|e| cluster::plan_in(&spec.with_edits(e), &mut nodes.borrow_mut()).ok())
        },
    );
    let i = (*index).min(report.subnets.len().saturating_sub(1));
    let (current, proposed_series) = {
        let _m = measure("vpc:cluster-series");
        let p = proposed.as_ref().as_ref().and_then(|p| cluster::series(p, i));
        (cluster::series(report, i), p)
    };
    let Some(current) = current else {
        return html! {};
    };
    let alt_name = alt.as_ref().map_or(String::new(), |a| {
        let edits: Vec<String> = a.edits.iter().map(ToString::to_string).collect();
        format!("{} ({})", a.title, edits.join(" "))
    });

    let total = current.points.last().map_or(0, |p| p.nodes);
    // The table's "node N of web" counts other nodes: say which, so the two are not read as two answers.
    let desc = format!(
        "Addresses {} holds as the cluster grows from 0 to {total} nodes (max + surge), against its room of {} (usable − used). {}.{} \
         Nodes here are the whole cluster's, all groups grown together; the subnet table's \u{201c}node N of a group\u{201d} grows that group alone, the others at desired.",
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
    let mut h = dom::H::new();
    h.open(
        "section",
        &[("class", S("card chart-card")), ("aria-labelledby", S("chart-heading"))],
    )
    .text("h2", &[("id", S("chart-heading"))], "Subnet use as the cluster grows");
    // Each `if` below is one child of the controls whether it shows or not, as `html!` lays them out, so
    // a control that comes or goes leaves the others on their own DOM nodes.
    h.open("div", &[("class", S("controls"))]);
    h.node(html! {
        if report.subnets.len() > 1 {
            {dom::text("label", &[("for", S("chart-subnet"))], "Subnet")}
            <select id="chart-subnet" onchange={on_subnet}>
                { for report.subnets.iter().enumerate().map(|(k, s)| html! {
                    <option value={k.to_string()} selected={k == i}>{format!("{} ({})", s.cidr, s.az)}</option>
                }) }
            </select>
        }
    });
    h.node(html! {
        if let Some(ask) = ask {
            <button type="button" onclick={ask.clone()}>{"Propose a setting (slow with this many pods)"}</button>
        }
    });
    h.node(html! {
        if alternatives.len() > 1 {
            {dom::text("label", &[("for", S("chart-alt"))], "Proposed")}
            <select id="chart-alt" onchange={on_alt}>
                { for alternatives.iter().enumerate().skip(1).map(|(k, a)| html! {
                    <option value={k.to_string()} selected={k == alt_index}>{a.title}</option>
                }) }
            </select>
        }
    });
    h.node(html! {
        if let Some(a) = &alt {
            <button type="button" class="apply" data-testid="chart-apply"
                onclick={{ let edits = a.edits.clone(); on_action.reform(move |_: MouseEvent| Action::ApplyEdits(edits.clone())) }}>
                {"Apply proposed"}</button>
        }
    });
    h.node(html! {
        <button type="button" aria-pressed={(*as_table).to_string()} onclick={toggle}>{"Show as a table"}</button>
    });
    h.close().open("ul", &[("class", S("legend"))]);
    h.open("li", NONE)
        .text("span", &[("class", S("key-current"))], "━ current settings")
        .close();
    if proposed_series.is_some() {
        h.open("li", NONE)
            .owned("span", &[("class", S("key-proposed"))], format!("╍ {alt_name}"))
            .close();
    }
    h.open("li", NONE).owned(
        "span",
        &[("class", S("key-capacity"))],
        format!("┅ room: {} addresses (usable − used)", current.capacity),
    );
    h.close().close();
    if *as_table {
        table(&mut h, &current, proposed_series.as_ref(), desc.clone());
    } else {
        let title = format!("{} addresses against cluster nodes", current.cidr);
        h.node(Html::from_html_unchecked(
            svg(&current, proposed_series.as_ref(), &title, &desc).into(),
        ));
    }
    h.owned("p", &[("class", S("hint"))], desc);
    h.finish()
}

/// The chart's numbers as a table: one row per point, the proposed column when there is a proposal.
fn table(h: &mut dom::H, current: &Series, proposed: Option<&Series>, caption: String) {
    let cell = |h: &mut dom::H, p: &cluster::Point| {
        h.open("td", NUM)
            .s(p.addresses.to_string())
            .t(if p.fits { "" } else { " (does not fit)" })
            .close();
    };
    h.open("div", &[("class", S("table-wrap"))])
        .open("table", &[("class", S("burn chart-table"))])
        .owned("caption", &[("class", S("sr-only"))], caption);
    h.open("thead", NONE)
        .open("tr", NONE)
        .text("th", COL, "Nodes")
        .text("th", COL, "Current");
    if proposed.is_some() {
        h.text("th", COL, "Proposed");
    }
    h.text("th", COL, "Room").close().close().open("tbody", NONE);
    for (k, p) in current.points.iter().enumerate() {
        let row: Attrs = if p.fits { NONE } else { &[("class", S("bad"))] };
        h.open("tr", row).owned("th", ROW, p.nodes.to_string());
        cell(h, p);
        if let Some(q) = proposed.and_then(|s| s.points.get(k)) {
            cell(h, q);
        }
        h.num("td", NUM, current.capacity).close();
    }
    h.close().close().close();
}
