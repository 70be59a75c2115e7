//! The input panel: presets, the workload, the subnet and the CNI settings. Each field shows the value
//! ipamd uses when it is empty, and why it is disabled in the chosen mode.

use super::cluster_editor::cluster_editor;
use super::field::{text_field, FieldProps};
use super::instance_picker::InstancePicker;
use crate::form::{presets, Cell, Field, Form};
use crate::ipamd::Arrival;
use crate::mode::Mode;
use crate::scenario::Report;
use crate::ui::dom::{Attrs, H, NONE, S};
use crate::ui::state::{Action, FieldErrors};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The panel, drawn by the page: a plain function rather than a component, which would cost the page's
/// wasm its own lifecycle code (and the page hands it a new `on_action` each render, so a component would
/// re-render with it anyway).
pub fn inputs(
    h: &mut H,
    form: &Form,
    errors: &FieldErrors,
    // The cluster editor's cell errors.
    cells: &[(Cell, String)],
    report: Option<&Report>,
    on_action: &Callback<Action>,
) {
    let text = |h: &mut H, field: Field, placeholder: String, numeric: bool| {
        text_field(
            h,
            FieldProps {
                field,
                value: form.get(field),
                placeholder,
                numeric,
                error: errors.get(&field),
                disabled: form.applies(field).err(),
                on_action,
            },
        )
    };
    // A setting's placeholder is what ipamd uses when it is empty, from the `SETTINGS` table.
    let setting = |h: &mut H, field: Field| text(h, field, field.default_text().unwrap_or_default(), true);
    let on_preset = on_action.reform(|e: Event| {
        let v = e.target_unchecked_into::<HtmlSelectElement>().value();
        v.parse().map_or(Action::DismissNotices, Action::LoadPreset)
    });
    let slider_max = report.map_or(110, |r| r.max_pods.ip_capacity.max(r.max_pods.kubelet).clamp(10, 2000));
    let on_slider = on_action
        .reform(|e: InputEvent| Action::SetField(Field::Pods, e.target_unchecked_into::<HtmlInputElement>().value()));
    // MAX_ENI's default is the instance's ENI limit: the number for the chosen type.
    let eni_limit = report.map_or(String::new(), |r| r.instance.eni_limit.to_string());
    let calc = report.map_or(String::new(), |r| format!("{} (calculator)", r.max_pods.calculator));

    h.open("section", &[("class", S("inputs")), ("aria-label", S("Inputs"))])
        .open("div", &[("class", S("field"))])
        .text("label", &[("for", S("f-preset"))], "Preset");
    h.node(html! {
        <select id="f-preset" onchange={on_preset}>
            <option value="" selected=true>{"Choose an example…"}</option>
            { for presets().iter().enumerate().map(|(i, p)| html! { <option value={i.to_string()}>{p.name}</option> }) }
        </select>
    });
    h.close();
    cluster_editor(h, form, cells, on_action);
    h.open("fieldset", NONE).text("legend", NONE, "Selected node group");
    h.node(html! {
        <InstancePicker value={form.get(Field::InstanceType)} error={errors.get(&Field::InstanceType).cloned()} types={form.types.clone()} on_action={on_action.clone()} />
    });
    text(h, Field::Pods, "0".into(), true);
    h.node(html! {
        <input type="range" class="slider" aria-label="Pods per node (slider)" min="0" max={slider_max.to_string()}
            value={form.get(Field::Pods)} oninput={on_slider} />
    });
    text(h, Field::ThenPods, "no scale-down".into(), true);
    radios(
        h,
        Field::Arrival,
        &[("ramp", "Ramp (one pod per pass)"), ("burst", "Burst (all at once)")],
        if form.arrival == Arrival::Burst {
            "burst"
        } else {
            "ramp"
        },
        None,
        on_action,
    );
    text(h, Field::Nodes, "1".into(), true);
    text(h, Field::Subnet, "e.g. 10.0.0.0/24".into(), false);
    text(h, Field::NodeSubnet, "e.g. 10.0.0.0/24".into(), false);
    h.close()
        .open("fieldset", NONE)
        .text("legend", NONE, "VPC CNI settings (aws-node)");
    radios(
        h,
        Field::Mode,
        &Mode::ALL.map(|m| (m.key(), m.label())),
        form.mode.key(),
        errors.get(&Field::Mode),
        on_action,
    );
    setting(h, Field::WarmEniTarget);
    setting(h, Field::WarmIpTarget);
    setting(h, Field::MinimumIpTarget);
    setting(h, Field::WarmPrefixTarget);
    text(h, Field::MaxEni, eni_limit, true);
    checkbox(h, Field::CustomNetworking, form, on_action);
    checkbox(h, Field::PodEni, form, on_action);
    text(h, Field::MaxPods, calc, false);
    text(h, Field::Seed, "tight packing".into(), true);
    h.close().close();
}

fn radios(
    h: &mut H,
    field: Field,
    options: &[(&'static str, &'static str)],
    current: &str,
    error: Option<&String>,
    on_action: &Callback<Action>,
) {
    let class: Attrs = if error.is_some() {
        &[("class", S("radios invalid"))]
    } else {
        &[("class", S("radios"))]
    };
    h.open("fieldset", class).text("legend", NONE, field.label());
    for &(key, label) in options {
        let onchange = on_action.reform(move |_: Event| Action::SetField(field, key.to_string()));
        let id = format!("f-{}-{key}", field.key());
        h.node(html! {
            <label for={id.clone()} class="radio">
                <input type="radio" id={id} name={field.key()} value={key} checked={current == key} {onchange} />
                {label}
            </label>
        });
    }
    h.text("small", NONE, field.help());
    match error {
        Some(e) => h.owned("p", &[("class", S("error")), ("role", S("alert"))], e.clone()),
        None => h.node(Html::default()),
    };
    h.close();
}

fn checkbox(h: &mut H, field: Field, form: &Form, on_action: &Callback<Action>) {
    let id = format!("f-{}", field.key());
    let checked = form.get(field) == "true";
    let disabled = form.applies(field).err();
    let onchange = on_action.reform(move |e: Event| {
        Action::SetField(
            field,
            e.target_unchecked_into::<HtmlInputElement>().checked().to_string(),
        )
    });
    let class: Attrs = if disabled.is_some() {
        &[("class", S("field check disabled"))]
    } else {
        &[("class", S("field check"))]
    };
    h.open("div", class).node(html! { <>
        <label for={id.clone()}>
            <input type="checkbox" id={id.clone()} checked={checked && disabled.is_none()} disabled={disabled.is_some()}
                aria-describedby={format!("{id}-help")} {onchange} />
            {field.label()}
        </label>
        <small id={format!("{id}-help")}>{ disabled.map_or(field.help().to_string(), |w| format!("Disabled: {w}.")) }</small>
    </> });
    h.close();
}
