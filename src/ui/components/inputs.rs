//! The input panel: presets, the workload, the subnet and the CNI settings. Each field shows the value
//! ipamd uses when it is empty, and why it is disabled in the chosen mode.

use super::cluster_editor::cluster_editor;
use super::field::{text_field, FieldProps};
use super::instance_picker::InstancePicker;
use super::SharedReport;
use crate::form::{presets, Cell, Field, Form};
use crate::ipamd::Arrival;
use crate::mode::Mode;
use crate::ui::state::{Action, FieldErrors};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InputsProps {
    pub form: Form,
    pub errors: Rc<FieldErrors>,
    /// The cluster editor's cell errors.
    pub cells: Rc<Vec<(Cell, String)>>,
    pub report: SharedReport,
    pub on_action: Callback<Action>,
}

#[component]
pub fn Inputs(props: &InputsProps) -> Html {
    let InputsProps {
        form,
        errors,
        cells,
        report,
        on_action,
    } = props;
    let report = report.ok();
    let text = |field: Field, placeholder: String, numeric: bool| {
        text_field(FieldProps {
            field,
            value: form.get(field),
            placeholder,
            numeric,
            error: errors.get(&field),
            disabled: form.applies(field).err(),
            on_action,
        })
    };
    // A setting's placeholder is what ipamd uses when it is empty, from the `SETTINGS` table.
    let setting = |field: Field| text(field, field.default_text().unwrap_or_default(), true);
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

    html! {
        <section class="inputs" aria-label="Inputs">
            <div class="field">
                <label for="f-preset">{"Preset"}</label>
                <select id="f-preset" onchange={on_preset}>
                    <option value="" selected=true>{"Choose an example…"}</option>
                    { for presets().iter().enumerate().map(|(i, p)| html! { <option value={i.to_string()}>{p.name}</option> }) }
                </select>
            </div>
            { cluster_editor(form, cells, on_action) }
            <fieldset>
                <legend>{"Selected node group"}</legend>
                <InstancePicker value={form.get(Field::InstanceType)} error={errors.get(&Field::InstanceType).cloned()} on_action={on_action.clone()} />
                { text(Field::Pods, "0".into(), true) }
                <input type="range" class="slider" aria-label="Pods per node (slider)" min="0" max={slider_max.to_string()}
                    value={form.get(Field::Pods)} oninput={on_slider} />
                { text(Field::ThenPods, "no scale-down".into(), true) }
                { radios(Field::Arrival, &[("ramp", "Ramp (one pod per pass)"), ("burst", "Burst (all at once)")],
                    if form.arrival == Arrival::Burst { "burst" } else { "ramp" }, None, on_action) }
                { text(Field::Nodes, "1".into(), true) }
                { text(Field::Subnet, "e.g. 10.0.0.0/24".into(), false) }
                { text(Field::NodeSubnet, "e.g. 10.0.0.0/24".into(), false) }
            </fieldset>
            <fieldset>
                <legend>{"VPC CNI settings (aws-node)"}</legend>
                { radios(Field::Mode, &Mode::ALL.map(|m| (m.key(), m.label())), form.mode.key(), errors.get(&Field::Mode), on_action) }
                { setting(Field::WarmEniTarget) }
                { setting(Field::WarmIpTarget) }
                { setting(Field::MinimumIpTarget) }
                { setting(Field::WarmPrefixTarget) }
                { text(Field::MaxEni, eni_limit, true) }
                { checkbox(Field::CustomNetworking, form, on_action) }
                { checkbox(Field::PodEni, form, on_action) }
                { text(Field::MaxPods, calc, false) }
                { text(Field::Seed, "tight packing".into(), true) }
            </fieldset>
        </section>
    }
}

fn radios(
    field: Field,
    options: &[(&'static str, &'static str)],
    current: &str,
    error: Option<&String>,
    on_action: &Callback<Action>,
) -> Html {
    html! {
        <fieldset class={classes!("radios", error.is_some().then_some("invalid"))}>
            <legend>{field.label()}</legend>
            { for options.iter().map(|&(key, label)| {
                let onchange = on_action.reform(move |_: Event| Action::SetField(field, key.to_string()));
                let id = format!("f-{}-{key}", field.key());
                html! {
                    <label for={id.clone()} class="radio">
                        <input type="radio" id={id} name={field.key()} value={key} checked={current == key} {onchange} />
                        {label}
                    </label>
                }
            }) }
            <small>{field.help()}</small>
            if let Some(e) = error {
                <p class="error" role="alert">{e}</p>
            }
        </fieldset>
    }
}

fn checkbox(field: Field, form: &Form, on_action: &Callback<Action>) -> Html {
    let id = format!("f-{}", field.key());
    let checked = form.get(field) == "true";
    let disabled = form.applies(field).err();
    let onchange = on_action.reform(move |e: Event| {
        Action::SetField(
            field,
            e.target_unchecked_into::<HtmlInputElement>().checked().to_string(),
        )
    });
    html! {
        <div class={classes!("field", "check", disabled.is_some().then_some("disabled"))}>
            <label for={id.clone()}>
                <input type="checkbox" id={id.clone()} checked={checked && disabled.is_none()} disabled={disabled.is_some()}
                    aria-describedby={format!("{id}-help")} {onchange} />
                {field.label()}
            </label>
            <small id={format!("{id}-help")}>{ disabled.map_or(field.help().to_string(), |w| format!("Disabled: {w}.")) }</small>
        </div>
    }
}
