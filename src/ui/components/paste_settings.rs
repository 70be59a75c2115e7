//! "Paste your current config": today's `aws-node` settings, pasted, fill the settings fields. The page reads
//! JSON (a DaemonSet, a manifest as a JSON `List`, `aws eks describe-addon` output, add-on
//! `configurationValues` or Helm values as JSON) and `kubectl set env daemonset/aws-node -n kube-system
//! --list` output; YAML is the CLI's only (a YAML parser would break the page's size budget).
//! Read by the same importer as `vpc-cni-calc settings import`.

use super::paste::{with_warnings, Kind};
use crate::import::settings::{import, ImportedSettings};
use crate::ui::dom::S;
use crate::ui::state::Action;

pub const SETTINGS: &Kind = &Kind {
    attrs: &[("class", S("paste"))],
    summary: "Paste your current config",
    fields: &[(
        "f-paste-settings",
        "aws-node's settings: kubectl get ds aws-node -n kube-system -o json, or kubectl set env daemonset/aws-node -n kube-system --list",
    )],
    hint: HINT,
    button: "Fill the settings",
    read,
};

/// The page models exactly the pasted env: a variable it lacks is unset (ipamd's default, a `-` in its
/// field), and one without ENABLE_IPv4=true or ENABLE_IPv6=true gets the CLI's refusal.
fn read(texts: &[String]) -> Result<(String, Action), String> {
    let i = import(texts.first().map_or("", String::as_str))?;
    crate::config::check_ip_families(&i.cni_env()).map_err(|e| e.to_string())?;
    Ok((outcome(&i), Action::PasteSettings(i.cni_env().changes())))
}

/// What a paste did, said in one line (with the importer's warnings).
fn outcome(i: &ImportedSettings) -> String {
    let changes = i.cni_env().changes();
    let out = format!(
        "Read the aws-node settings of {}: {} to the shipped ones.",
        i.source,
        match changes.len() {
            0 => "no change".to_string(),
            1 => "1 change".to_string(),
            n => format!("{n} changes"),
        }
    );
    let mut out = with_warnings(out, &i.warnings);
    // What the page does not model (other aws-node variables, unknown names, the init container's) is named,
    // never dropped in silence: the CLI's `settings import` keeps it, the fields, link and snippets do not.
    let others = i.not_carried();
    if !others.is_empty() {
        out.push_str(" Not sizing settings, so not in the fields, the link or the snippets: ");
        out.push_str(&others.join(", "));
        out.push('.');
    }
    out
}

const HINT: &str = "The page reads JSON (the DaemonSet, a manifest as a JSON List, aws eks describe-addon \
    output, add-on configurationValues or Helm values as JSON) and kubectl set env --list output; for YAML use \
    the CLI: vpc-cni-calc settings import FILE. A setting the paste does not set shows as - (unset: ipamd's \
    default applies). Nothing is sent anywhere: it is read in your browser.";
