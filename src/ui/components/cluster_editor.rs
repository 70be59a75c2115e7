//! The cluster editor: node groups and subnet rows, each cell a labelled text field with its inline error;
//! add, remove and select buttons. The rows, their rules and their link keys are the core's `form::rows`.

use crate::form::{Cell, Form, List, MAX_ROWS};
use crate::ui::state::Action;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The element id of a cell (`c-type`, `c-g1-type`).
pub fn id(c: Cell) -> String {
    format!("c-{}", c.key().replace('.', "-"))
}

/// The editor, drawn by the inputs panel: a plain function rather than a component, which would cost the
/// page's wasm its own lifecycle code.
pub fn cluster_editor(form: &Form, cells: &[(Cell, String)], on_action: &Callback<Action>) -> Html {
    let list_html = |list: List, legend: &str, noun: &str, hint: &str| {
        if !form.list_applies(list) {
            return html! {};
        }
        let rows = form.rows(list);
        let add = on_action.reform(move |_: MouseEvent| Action::AddRow(list));
        html! {
            <fieldset class="rows">
                <legend>{legend}</legend>
                <small>{hint}</small>
                { for (0..rows).map(|row| row_html(form, cells, on_action, list, row)) }
                <button type="button" class="apply add" disabled={rows >= MAX_ROWS} onclick={add}>{format!("Add {noun}")}</button>
            </fieldset>
        }
    };
    let custom = form.list_applies(List::NodeSubnets);
    html! {
        <section class="cluster-editor" aria-label="Cluster">
            { list_html(List::Groups, "Node groups", "node group",
                "Nodes spread over the group's AZs round-robin, in the order given; the selected group's node is shown step by step.") }
            { list_html(List::Subnets, if custom { "Pod subnets (ENIConfig)" } else { "Subnets" }, "subnet",
                "One or more per AZ; within an AZ nodes fill the subnets in order. Used: addresses other things hold.") }
            { list_html(List::NodeSubnets, "Node subnets", "node subnet", "Custom networking: the nodes' own subnets.") }
        </section>
    }
}

fn row_html(form: &Form, cells: &[(Cell, String)], on_action: &Callback<Action>, list: List, row: usize) -> Html {
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
    let select = (list == List::Groups).then(|| {
        let onchange = on_action.reform(move |_: Event| Action::SelectGroup(row));
        let rid = format!("c-sel-{row}");
        html! {
            <label for={rid.clone()} class="radio">
                <input type="radio" id={rid} name="c-sel" checked={form.selected == row} {onchange} />
                {"Show this group's node"}
            </label>
        }
    });
    html! {
        <fieldset class="row">
            <legend>{title.clone()}</legend>
            { for select }
            { for list.cols().iter().map(|&col| cell_html(form, cells, on_action, Cell { list, row, col })) }
            <button type="button" class="apply remove" aria-label={format!("Remove {title}")} onclick={remove}>{"Remove"}</button>
        </fieldset>
    }
}

fn cell_html(form: &Form, cells: &[(Cell, String)], on_action: &Callback<Action>, c: Cell) -> Html {
    let id = id(c);
    let err_id = format!("{id}-err");
    let error = cells.iter().find(|(x, _)| *x == c).map(|(_, e)| e);
    let oninput = on_action
        .reform(move |e: InputEvent| Action::SetCell(c, e.target_unchecked_into::<HtmlInputElement>().value()));
    html! {
        <div class={classes!("field", error.is_some().then_some("invalid"))}>
            <label for={id.clone()}><span class="sr-only">{c.row_name()}{" "}</span>{c.col_name()}</label>
            <input id={id} type="text" autocomplete="off" spellcheck="false" value={form.get_cell(c)}
                placeholder={c.placeholder()} aria-invalid={error.is_some().then_some("true")}
                aria-describedby={error.is_some().then(|| err_id.clone())} {oninput} />
            if let Some(e) = error {
                <p class="error" id={err_id} role="alert">{e}</p>
            }
        </div>
    }
}
