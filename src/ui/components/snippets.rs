//! The config snippets with one-click copy and visible "Copied" feedback.

use crate::config::CniEnv;
use crate::snippets::{generate, Format};
use crate::ui::browser;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SnippetsProps {
    pub env: CniEnv,
}

#[component]
pub fn Snippets(props: &SnippetsProps) -> Html {
    let copied = use_state(|| None::<(Format, bool)>);
    html! {
        <section class="snippets" aria-label="Config to apply">
            <h2>{"Apply it"}</h2>
            { for Format::ALL.iter().map(|&format| {
                let text = generate(format, &props.env);
                let title = match format {
                    Format::Kubectl => "kubectl (self-managed aws-node)",
                    Format::Cdk => "AWS CDK (TypeScript, eks.KubernetesPatch)",
                };
                let onclick = {
                    let copied = copied.clone();
                    let text = text.clone();
                    Callback::from(move |_: MouseEvent| {
                        let copied = copied.clone();
                        browser::copy(&text, move |ok| {
                            copied.set(Some((format, ok)));
                            let reset = copied.clone();
                            browser::after(2000, move || reset.set(None));
                        });
                    })
                };
                let status = match *copied {
                    Some((f, true)) if f == format => "Copied",
                    Some((f, false)) if f == format => "Copy failed: select the text instead",
                    _ => "",
                };
                let id = format!("snippet-{}", format.name());
                html! {
                    <div class="snippet">
                        <div class="snippet-head">
                            <h3 id={format!("{id}-title")}>{title}</h3>
                            <button type="button" class="copy" aria-describedby={format!("{id}-status")} {onclick}>
                                {format!("Copy {}", format.name())}
                            </button>
                            <span id={format!("{id}-status")} class="copied" role="status" aria-live="polite">{status}</span>
                        </div>
                        <pre id={id.clone()} aria-labelledby={format!("{id}-title")} tabindex="0"><code>{text}</code></pre>
                    </div>
                }
            }) }
        </section>
    }
}
