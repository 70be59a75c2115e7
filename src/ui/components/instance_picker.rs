//! The instance-type combobox: type to search all 1391 types (typo-tolerant, from `vpc::search`) and the
//! types defined by a paste (listed first, and winning over a catalog row of the same name), arrow keys and
//! Enter to pick, Escape to close. Shows the selected type's ENIs × IPv4, hypervisor and vCPUs, and says
//! when it is "from your paste".

use crate::form::{defined, searchable, Field};
use crate::ui::browser;
use crate::ui::dom::{self, Attrs, H, NONE, S};
use crate::ui::state::Action;
use crate::vpc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InstancePickerProps {
    pub value: String,
    pub error: Option<String>,
    /// The form's defined types (`Form::types`).
    pub types: Vec<vpc::InstanceTypeLimits>,
    pub on_action: Callback<Action>,
}

#[component]
pub fn InstancePicker(props: &InstancePickerProps) -> Html {
    let InstancePickerProps {
        value,
        error,
        types,
        on_action,
    } = props;
    let open = use_state(|| false);
    let active = use_state(|| None::<usize>);
    // The list shows only while the field has focus, so the search runs only then.
    let matches = use_memo((value.clone(), *open, types.clone()), |(v, open, types)| {
        if !*open || !searchable(v) {
            return Vec::new();
        }
        let _m = browser::measure("vpc:search");
        let q = v.trim().to_ascii_lowercase();
        let mut out: Vec<vpc::InstanceTypeLimits> = types.iter().filter(|t| t.name.contains(&q)).cloned().collect();
        for r in vpc::search(v, 8) {
            if !defined(types, &r.name) {
                out.push(r.clone());
            }
        }
        out.truncate(8);
        out
    });

    let pick = {
        let (open, active, on_action) = (open.clone(), active.clone(), on_action.clone());
        Callback::from(move |name: String| {
            on_action.emit(Action::SetField(Field::InstanceType, name));
            open.set(false);
            active.set(None);
        })
    };
    let oninput = {
        let (open, active, on_action) = (open.clone(), active.clone(), on_action.clone());
        Callback::from(move |e: InputEvent| {
            on_action.emit(Action::SetField(
                Field::InstanceType,
                e.target_unchecked_into::<HtmlInputElement>().value(),
            ));
            open.set(true);
            active.set(None);
        })
    };
    let onkeydown = {
        let (open, active, pick, matches) = (open.clone(), active.clone(), pick.clone(), matches.clone());
        Callback::from(move |e: KeyboardEvent| {
            let n = matches.len();
            match e.key().as_str() {
                "ArrowDown" | "ArrowUp" if !*open => {
                    e.prevent_default();
                    open.set(true);
                }
                "ArrowDown" if n > 0 => {
                    e.prevent_default();
                    open.set(true);
                    active.set(Some(active.map_or(0, |i| (i + 1) % n)));
                }
                "ArrowUp" if n > 0 => {
                    e.prevent_default();
                    open.set(true);
                    active.set(Some(active.map_or(n - 1, |i| (i + n - 1) % n)));
                }
                "Enter" => {
                    if let Some(r) = active.and_then(|i| matches.get(i)).filter(|_| *open) {
                        e.prevent_default();
                        pick.emit(r.name.clone());
                    }
                }
                "Escape" => open.set(false),
                _ => {}
            }
        })
    };
    let onfocus = {
        let open = open.clone();
        Callback::from(move |_: FocusEvent| open.set(true))
    };
    let onblur = {
        let open = open.clone();
        Callback::from(move |_: FocusEvent| open.set(false))
    };

    let selected = searchable(value).then(|| vpc::lookup_in(types, value).ok()).flatten();
    let pasted = from_paste(types, value);
    let info = selected.map(|r| {
        let vcpus = r.vcpus.map_or("vCPUs unknown".to_string(), |v| format!("{v} vCPUs"));
        let hv = if r.bare_metal {
            "bare metal".to_string()
        } else {
            r.hypervisor.clone()
        };
        format!(
            "{} ENIs × {} IPv4 per ENI · {hv} · {vcpus}{pasted}",
            r.eni_limit, r.ipv4_limit
        )
    });
    let expanded = *open && !matches.is_empty();
    let active_id = active.filter(|_| expanded).map(|i| format!("f-type-opt-{i}"));
    let class: Attrs = if error.is_some() {
        &[("class", S("field combobox invalid"))]
    } else {
        &[("class", S("field combobox"))]
    };
    let mut h = H::new();
    h.open("div", class).text(
        "label",
        &[("for", S("f-type")), ("id", S("f-type-label"))],
        Field::InstanceType.label(),
    );
    h.node(html! {
        <input
            id="f-type"
            type="text"
            role="combobox"
            autocomplete="off"
            spellcheck="false"
            aria-autocomplete="list"
            aria-expanded={if expanded { "true" } else { "false" }}
            aria-controls="f-type-list"
            aria-activedescendant={active_id}
            aria-invalid={error.is_some().then_some("true")}
            aria-describedby="f-type-help"
            value={value.clone()}
            {oninput} {onkeydown} {onfocus} {onblur}
        />
    });
    if expanded {
        h.open(
            "ul",
            &[
                ("id", S("f-type-list")),
                ("role", S("listbox")),
                ("aria-labelledby", S("f-type-label")),
            ],
        );
        for (i, r) in matches.iter().enumerate() {
            let name = r.name.clone();
            let pick = pick.clone();
            let onmousedown = Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                pick.emit(name.clone());
            });
            let selected = Some(i) == *active;
            h.node(html! {
                <li id={format!("f-type-opt-{i}")} role="option" aria-selected={if selected { "true" } else { "false" }}
                    class={selected.then_some("active")} {onmousedown}>
                    { dom::owned("span", NONE, r.name.clone()) }
                    { dom::owned("span", &[("class", S("dim"))], format!("{} × {}{}", r.eni_limit, r.ipv4_limit,
                        from_paste(types, &r.name))) }
                </li>
            });
        }
        h.close();
    } else {
        h.node(Html::default());
    }
    h.owned(
        "small",
        &[("id", S("f-type-help"))],
        info.unwrap_or_else(|| Field::InstanceType.help().to_string()),
    );
    match error {
        Some(e) => h.owned("p", &[("class", S("error")), ("role", S("alert"))], e.clone()),
        None => h.node(Html::default()),
    };
    h.finish()
}

/// " · from your paste" after a defined type's limits; nothing after a catalog type's.
fn from_paste(types: &[vpc::InstanceTypeLimits], name: &str) -> &'static str {
    if defined(types, name) {
        " · from your paste"
    } else {
        ""
    }
}
