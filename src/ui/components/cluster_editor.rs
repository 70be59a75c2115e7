//! The cluster editor: node groups and subnet rows, each cell a labelled text field with its inline error;
//! add, remove and select buttons. The rows, their rules and their link keys are the core's `form::rows`.

use crate::form::{Cell, Form, List, MAX_ROWS};
use crate::ui::dom::{self, Attrs, H, NONE, S};
use crate::ui::state::Action;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The element id of a cell (`c-type`, `c-g1-type`).
pub fn id(c: Cell) -> String {
    format!("c-{}", c.key().replace('.', "-"))
}

/// The editor, drawn by the inputs panel: a plain function rather than a component, which would cost the
/// page's wasm its own lifecycle code.
pub fn cluster_editor(h: &mut H, form: &Form, cells: &[(Cell, String)], on_action: &Callback<Action>) {
    let list_html = |h: &mut H, list: List, legend: &'static str, noun: &str, hint: &'static str| {
        if !form.list_applies(list) {
            h.node(Html::default());
            return;
        }
        let rows = form.rows(list);
        let add = on_action.reform(move |_: MouseEvent| Action::AddRow(list));
        h.open("fieldset", &[("class", S("rows"))])
            .text("legend", NONE, legend)
            .text("small", NONE, hint);
        for row in 0..rows {
            row_html(h, form, cells, on_action, list, row);
        }
        h.node(html! {
            <button type="button" class="apply add" disabled={rows >= MAX_ROWS} onclick={add}>{format!("Add {noun}")}</button>
        });
        h.close();
    };
    let custom = form.list_applies(List::NodeSubnets);
    h.open(
        "section",
        &[("class", S("cluster-editor")), ("aria-label", S("Cluster"))],
    );
    list_html(h, List::Groups, "Node groups", "node group",
        "Nodes spread over the group's AZs round-robin, in the order given; the selected group's node is shown step by step.");
    list_html(
        h,
        List::Subnets,
        if custom { "Pod subnets (ENIConfig)" } else { "Subnets" },
        "subnet",
        "One or more per AZ; within an AZ nodes fill the subnets in order. Used: addresses other things hold.",
    );
    list_html(
        h,
        List::NodeSubnets,
        "Node subnets",
        "node subnet",
        "Custom networking: the nodes' own subnets.",
    );
    h.close();
}

fn row_html(h: &mut H, form: &Form, cells: &[(Cell, String)], on_action: &Callback<Action>, list: List, row: usize) {
    let first = Cell {
        list,
        row,
        col: list.cols()[0],
    };
    let title = match (list, form.groups.get(row).map(|g| g.name.trim())) {
        (List::Groups, Some(name)) if !name.is_empty() => format!("{}: {name}", first.row_name()),
        _ => first.row_name(),
    };
    let remove = on_action.reform(move |_: MouseEvent| Action::RemoveRow(list, row));
    h.open("fieldset", &[("class", S("row"))])
        .owned("legend", NONE, title.clone());
    if list == List::Groups {
        let onchange = on_action.reform(move |_: Event| Action::SelectGroup(row));
        let rid = format!("c-sel-{row}");
        h.node(html! {
            <label for={rid.clone()} class="radio">
                <input type="radio" id={rid} name="c-sel" checked={form.selected == row} {onchange} />
                {"Show this group's node"}
            </label>
        });
    }
    for &col in list.cols() {
        cell_html(h, form, cells, on_action, Cell { list, row, col });
    }
    h.node(html! {
        <button type="button" class="apply remove" aria-label={format!("Remove {title}")} onclick={remove}>{"Remove"}</button>
    });
    h.close();
}

fn cell_html(h: &mut H, form: &Form, cells: &[(Cell, String)], on_action: &Callback<Action>, c: Cell) {
    let id = id(c);
    let err_id = format!("{id}-err");
    let error = cells.iter().find(|(x, _)| *x == c).map(|(_, e)| e);
    let oninput = on_action
        .reform(move |e: InputEvent| Action::SetCell(c, e.target_unchecked_into::<HtmlInputElement>().value()));
    let class: Attrs = if error.is_some() {
        &[("class", S("field invalid"))]
    } else {
        &[("class", S("field"))]
    };
    // The label, the input and the error name the cell's id, computed: they stay in `html!`.
    let row_name = dom::el(
        "span",
        &[("class", S("sr-only"))],
        vec![dom::s(c.row_name()), dom::t(" ")],
    );
    h.open("div", class).node(html! { <>
        <label for={id.clone()}>{row_name}{c.col_name()}</label>
        <input id={id} type="text" autocomplete="off" spellcheck="false" value={form.get_cell(c)}
            placeholder={c.placeholder()} aria-invalid={error.is_some().then_some("true")}
            aria-describedby={error.is_some().then(|| err_id.clone())} {oninput} />
        if let Some(e) = error {
            <p class="error" id={err_id} role="alert">{e}</p>
        }
    </> });
    h.close();
}
