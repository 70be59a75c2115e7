//! The settings in a structured document, JSON or YAML: the DaemonSet or a manifest holding it (`List` items),
//! `aws eks describe-addon` output and add-on `configurationValues` or Helm values. The page's wasm reads the
//! JSON ones (`not_json` says so for the rest).

use super::{imported, EnvValue, EnvVar, ImportedSettings, AWS_NODE, INIT};
use crate::import::json::Json;
use crate::warning::Warning;

/// A DaemonSet, a manifest, describe-addon output or add-on/Helm values, as JSON or YAML: the first aws-node
/// environment found.
pub(super) fn from_documents(text: &str) -> Result<ImportedSettings, String> {
    let mut hits = Vec::new();
    for d in &documents(text)? {
        find(d, &mut hits)?;
    }
    let mut hits = hits.into_iter();
    let mut first = hits.next().ok_or_else(|| {
        "no aws-node settings found: expected the aws-node DaemonSet, a manifest holding it, \
         `kubectl set env … --list` output, add-on configurationValues or Helm values with env:"
            .to_string()
    })?;
    if hits.next().is_some() {
        first.warnings.push(Warning::new(
            "several-sources",
            "the input holds more than one aws-node environment; the first is used",
        ));
    }
    Ok(first)
}

/// The documents of a JSON or YAML text (YAML in the CLI only).
fn documents(text: &str) -> Result<Vec<Json>, String> {
    match Json::parse(text) {
        Ok(v) => Ok(vec![v]),
        Err(e) => not_json(text, e),
    }
}

/// Text that is not JSON: YAML, which the CLI reads.
#[cfg(not(target_arch = "wasm32"))]
fn not_json(text: &str, _error: String) -> Result<Vec<Json>, String> {
    crate::import::yaml::documents(text)
}

/// Text that is not JSON: the page's wasm has no YAML reader (its size budget), so it says what it reads;
/// the JSON error is given when the text looks like JSON.
#[cfg(target_arch = "wasm32")]
fn not_json(text: &str, error: String) -> Result<Vec<Json>, String> {
    let first = text.bytes().find(|b| !b.is_ascii_whitespace());
    let why = if matches!(first, Some(b'{' | b'[')) {
        format!("not JSON ({error}); ")
    } else {
        String::new()
    };
    Err(format!(
        "{why}the page reads JSON and the output of kubectl set env daemonset/aws-node -n kube-system --list; \
         for YAML use the CLI: vpc-cni-calc settings import FILE"
    ))
}

/// Collects every aws-node environment in `v`: a DaemonSet with an `aws-node` container, a `List` of
/// objects, `describe-addon` output (its `configurationValues` string parsed in turn), and add-on or Helm
/// values (`env:` and `init.env:` maps).
fn find(v: &Json, hits: &mut Vec<ImportedSettings>) -> Result<(), String> {
    if let Some(items) = v.get("items").and_then(Json::as_array) {
        for item in items {
            find(item, hits)?;
        }
    } else if let Some(addon) = v.get("addon").filter(|a| a.is_object()) {
        find(addon, hits)?;
    } else if let Some(name) = v.get("addonName").and_then(Json::as_str) {
        hits.push(from_addon(name, v)?);
    } else if let Some(values) = v.get("configurationValues").and_then(Json::as_str) {
        for d in documents(values).map_err(|e| format!("configurationValues: {e}"))? {
            hits.extend(from_values(&d, "add-on configurationValues").map(with_addon_base));
        }
    } else if let Some(hit) = from_daemon_set(v) {
        hits.push(hit);
    } else if let Some(hit) = from_values(v, "add-on configurationValues or Helm values") {
        hits.push(hit);
    }
    Ok(())
}

/// `aws eks describe-addon` output: its `configurationValues` (a JSON or YAML string), which may be absent or
/// hold no `env` (the add-on's defaults: aws-node's env unchanged).
fn from_addon(name: &str, addon: &Json) -> Result<ImportedSettings, String> {
    let source = format!("{name} add-on configurationValues");
    let values = match addon.get("configurationValues").and_then(Json::as_str) {
        Some(text) => documents(text).map_err(|e| format!("configurationValues: {e}"))?,
        None => Vec::new(),
    };
    let mut hit = values
        .iter()
        .find_map(|d| from_values(d, &source))
        .unwrap_or_else(|| imported(&source, false));
    if hit.env.is_empty() {
        hit.warnings.push(Warning::new(
            "addon-defaults",
            "add-on defaults: no change to aws-node's env",
        ));
    }
    Ok(with_addon_base(hit))
}

/// Says that an add-on's changes are taken over the released manifest, which is not what the add-on starts
/// from on every cluster.
fn with_addon_base(mut hit: ImportedSettings) -> ImportedSettings {
    hit.warnings.push(Warning::new(
        "addon-base",
        "the add-on's settings are taken as changes to the released manifest (IPv4); on an IPv6 cluster \
         the add-on defaults to IPv6 with prefix delegation, so there set ENABLE_IPv4=false, \
         ENABLE_IPv6=true and ENABLE_PREFIX_DELEGATION=true",
    ));
    hit
}

fn from_daemon_set(v: &Json) -> Option<ImportedSettings> {
    let spec = v.pointer("/spec/template/spec")?;
    let named = |list: &str, name: &str| {
        spec.get(list)
            .and_then(Json::as_array)
            .and_then(|cs| cs.iter().find(|c| c.get("name").and_then(Json::as_str) == Some(name)))
    };
    let node = named("containers", AWS_NODE)?;
    let kind = v.get("kind").and_then(Json::as_str).unwrap_or("DaemonSet");
    let name = v.pointer("/metadata/name").and_then(Json::as_str).unwrap_or(AWS_NODE);
    let mut out = imported(&format!("{kind} {name}"), true);
    out.env = env_list(node.get("env"));
    if node.get("envFrom").is_some() {
        out.warnings.push(Warning::new(
            "env-from",
            "the aws-node container also takes variables from envFrom (a ConfigMap or Secret), which is not in this input",
        ));
    }
    out.init_env = named("initContainers", INIT)
        .map(|c| env_list(c.get("env")))
        .unwrap_or_default();
    Some(out)
}

/// A container's `env:` list, literal values and `valueFrom` alike.
fn env_list(env: Option<&Json>) -> Vec<EnvVar> {
    let Some(list) = env.and_then(Json::as_array) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|e| {
            let name = e.get("name").and_then(Json::as_str)?.to_string();
            let value = match e.get("valueFrom") {
                Some(from) => EnvValue::From(value_from(from)),
                None => EnvValue::Value(e.get("value").map(scalar).unwrap_or_default()),
            };
            Some(EnvVar { name, value })
        })
        .collect()
}

/// `valueFrom` in `kubectl set env --list`'s words.
fn value_from(from: &Json) -> String {
    let text = |p: &str| from.pointer(p).and_then(Json::as_str).unwrap_or_default();
    if from.get("fieldRef").is_some() {
        format!("field path {}", text("/fieldRef/fieldPath"))
    } else if from.get("resourceFieldRef").is_some() {
        format!("resource {}", text("/resourceFieldRef/resource"))
    } else if from.get("configMapKeyRef").is_some() {
        format!(
            "configmap {}, key {}",
            text("/configMapKeyRef/name"),
            text("/configMapKeyRef/key")
        )
    } else if from.get("secretKeyRef").is_some() {
        format!(
            "secret {}, key {}",
            text("/secretKeyRef/name"),
            text("/secretKeyRef/key")
        )
    } else {
        "unknown source".to_string()
    }
}

/// Add-on `configurationValues` or Helm values: `env:` (aws-node) and `init.env:` maps, and the chart's
/// `extraEnv:` list. Helm renders a map's keys in sorted order (`range $key, $value := .Values.env`), and so
/// the DaemonSet lists them; the chart's `templates/daemonset.yaml` appends `extraEnv` after them, so a name
/// in both takes the `extraEnv` value (the later entry wins).
fn from_values(v: &Json, source: &str) -> Option<ImportedSettings> {
    let env = v.get("env").and_then(Json::as_object);
    let extra = v.get("extraEnv").filter(|e| e.as_array().is_some());
    let init = v.pointer("/init/env").and_then(Json::as_object);
    if env.is_none() && extra.is_none() && init.is_none() {
        return None;
    }
    let mut out = imported(source, false);
    // By key, a key given twice taking its last value, as serde_json's map kept them (and Helm's map does).
    let vars = |m: &[(String, Json)]| -> Vec<EnvVar> {
        let mut sorted = crate::order::SortedMap::new();
        for (k, v) in m {
            sorted.insert(k.clone(), scalar(v));
        }
        sorted
            .iter()
            .map(|(name, value)| EnvVar {
                name: name.clone(),
                value: EnvValue::Value(value.clone()),
            })
            .collect()
    };
    out.env = env.map(vars).unwrap_or_default();
    out.env.extend(env_list(extra));
    out.init_env = init.map(vars).unwrap_or_default();
    Some(out)
}

/// A scalar as the environment holds it (Helm quotes numbers and booleans: `2` becomes `"2"`). A number keeps
/// the text it was written with (serde_json, before `Json`, re-printed a float: `1.10` became `1.1`).
fn scalar(v: &Json) -> String {
    match v {
        Json::Str(s) => s.clone(),
        Json::Null => String::new(),
        other => other.to_text(),
    }
}
