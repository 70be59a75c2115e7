//! Today's `aws-node` settings, read from what a user already has: the DaemonSet (`kubectl get ds aws-node
//! -n kube-system -o json` or `-o yaml`), a whole multi-document manifest, `kubectl set env … --list`, an
//! add-on's `configurationValues` (raw, or inside `aws eks describe-addon` output as a JSON string) and Helm
//! values (`env:`). Only the `aws-node` container counts; the init container's settings are reported apart.
//! The page's wasm reads JSON and `--list` output; YAML is read by the CLI only (`not_json`).

use super::json::Json;
use super::known;
use crate::config::{self, CniEnv};
use crate::warning::Warning;
use std::fmt::Write as _;

/// The container whose environment ipamd reads.
const AWS_NODE: &str = "aws-node";
/// The init container of the manifest and the chart (`aws-vpc-cni-init`); `--list` names it like any
/// container, so it is known by this name there.
const INIT: &str = "aws-vpc-cni-init";

/// One variable of a container's environment, in the order the source lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EnvVar {
    pub name: String,
    pub value: EnvValue,
}

/// A literal value, or where Kubernetes takes it from at run time (`valueFrom`), said the way
/// `kubectl set env --list` says it (`field path spec.nodeName`). A `valueFrom` value is not in the file:
/// such a variable is listed but does not change the plan.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EnvValue {
    Value(String),
    From(String),
}

/// What was found, and where.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportedSettings {
    /// The kind of input, e.g. `DaemonSet aws-node` or `add-on configurationValues`.
    pub source: String,
    /// `true` when the source lists the container's whole environment (a DaemonSet, `--list`); `false` for
    /// add-on `configurationValues` and Helm values, which change the shipped settings.
    pub whole: bool,
    /// The `aws-node` container's variables.
    pub env: Vec<EnvVar>,
    /// The init container's variables: reported, never counted (it runs once, before aws-node starts).
    pub init_env: Vec<EnvVar>,
    pub warnings: Vec<Warning>,
}

impl ImportedSettings {
    /// The environment ipamd would run with: the imported values over nothing (a whole environment) or
    /// over the shipped manifest (changes). Variables that do not change sizing are not part of `CniEnv`.
    pub fn cni_env(&self) -> CniEnv {
        let mut env = if self.whole {
            CniEnv::default()
        } else {
            CniEnv::manifest()
        };
        for v in &self.env {
            if let (EnvValue::Value(value), Some(s)) = (&v.value, config::setting(&v.name)) {
                // A duplicate name: the later entry wins, as in a pod's environment.
                let _ = env.set(s.name, value);
            }
        }
        env
    }

    /// The imported literal variables a snippet does not carry, as `NAME=VALUE`: those that change no sizing
    /// (the snippets set only the settings the calculator models) and the init container's (`init NAME=VALUE`).
    pub fn not_carried(&self) -> Vec<String> {
        let literal = |v: &EnvVar| match &v.value {
            EnvValue::Value(x) => Some(format!("{}={x}", v.name)),
            EnvValue::From(_) => None,
        };
        let env = self.env.iter().filter(|v| config::setting(&v.name).is_none());
        let init = self.init_env.iter().filter_map(literal).map(|l| format!("init {l}"));
        env.filter_map(literal).chain(init).collect()
    }

    /// The import as `kubectl set env --list` prints it (`KEY=VALUE`, `# NAME from …`), one header per
    /// container, the warnings last as comments.
    pub fn to_list(&self) -> String {
        let mut out = if self.whole {
            format!("# {}, container {AWS_NODE}\n", self.source)
        } else {
            format!(
                "# {}: changes to the shipped settings, container {AWS_NODE}\n",
                self.source
            )
        };
        list_lines(&mut out, &self.env);
        if !self.init_env.is_empty() {
            let _ = writeln!(
                out,
                "# {}, container {INIT} (the init container: runs once before aws-node; not counted)",
                self.source
            );
            list_lines(&mut out, &self.init_env);
        }
        for w in &self.warnings {
            let _ = writeln!(out, "# warning {}: {}", w.code, w.message);
        }
        out
    }
}

fn list_lines(out: &mut String, vars: &[EnvVar]) {
    for v in vars {
        let _ = match &v.value {
            EnvValue::Value(value) => writeln!(out, "{}={value}", v.name),
            EnvValue::From(from) => writeln!(out, "# {} from {from}", v.name),
        };
    }
}

/// The largest settings input read: the released manifest is 30 KiB, a whole `kubectl get ds -o yaml` a few.
pub const MAX_SETTINGS_BYTES: usize = 8 << 20;
/// Unknown names given a "did you mean" hint; the rest are warned about without one, so a long list stays fast.
const MAX_HINTS: usize = 20;

/// Reads `text` in any of the accepted formats. In wasm (the page) JSON and `--list` output only: the YAML
/// reader is native-only, for the page's size budget.
pub fn import(text: &str) -> Result<ImportedSettings, String> {
    if text.len() > MAX_SETTINGS_BYTES {
        return Err(format!(
            "not read: settings are at most {} MiB",
            MAX_SETTINGS_BYTES >> 20
        ));
    }
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return Err("no settings: the input is empty".to_string());
    }
    let mut found = if is_env_list(trimmed) {
        from_list(trimmed)
    } else {
        from_documents(trimmed)?
    };
    let unknown: Vec<String> = found
        .env
        .iter()
        .filter(|v| !known::is_known(&v.name))
        .map(|v| v.name.clone())
        .collect();
    for (n, name) in unknown.into_iter().enumerate() {
        let hint = if n < MAX_HINTS {
            crate::suggest::nearest(
                &name,
                &mut known::AWS_NODE_ENV.iter().copied() as &mut dyn Iterator<Item = &str>,
                1,
            )
        } else {
            Vec::new()
        };
        let hint = hint
            .first()
            .map(|h| format!(" (did you mean {h}?)"))
            .unwrap_or_default();
        found.warnings.push(Warning::new(
            "unknown-setting",
            format!("{name} is not a variable aws-node v1.23.1 reads{hint}; kept as it is"),
        ));
    }
    for v in &found.env {
        if let (EnvValue::From(from), Some(s)) = (&v.value, config::setting(&v.name)) {
            found.warnings.push(Warning::new(
                "setting-from-elsewhere",
                format!(
                    "{} comes from {from}, which is not in this input; the plan does not use it",
                    s.name
                ),
            ));
        }
    }
    Ok(found)
}

/// `kubectl set env --list` output: every line a comment or `NAME=VALUE`.
fn is_env_list(text: &str) -> bool {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).all(|l| {
        l.starts_with('#')
            || l.split_once('=').is_some_and(|(k, _)| {
                !k.is_empty()
                    && k.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.')
            })
    })
}

/// Reads `--list` output. Its headers (`# DaemonSet aws-node, container NAME`) say which container the
/// lines below belong to; lines before any header are the `aws-node` container's.
fn from_list(text: &str) -> ImportedSettings {
    let mut out = imported("kubectl set env --list", true);
    let mut container = AWS_NODE.to_string();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            if let Some((owner, c)) = comment.split_once(", container ") {
                container = c.split_whitespace().next().unwrap_or_default().to_string();
                if container == AWS_NODE {
                    out.source = owner.to_string();
                }
            } else if let Some((name, from)) = comment.split_once(" from ") {
                if !name.contains(' ') {
                    push(&mut out, &container, name, EnvValue::From(from.to_string()));
                }
            }
        } else if let Some((name, value)) = line.split_once('=') {
            push(&mut out, &container, name, EnvValue::Value(value.to_string()));
        }
    }
    out
}

fn imported(source: &str, whole: bool) -> ImportedSettings {
    ImportedSettings {
        source: source.to_string(),
        whole,
        env: Vec::new(),
        init_env: Vec::new(),
        warnings: Vec::new(),
    }
}

fn push(out: &mut ImportedSettings, container: &str, name: &str, value: EnvValue) {
    let var = EnvVar {
        name: name.to_string(),
        value,
    };
    match container {
        AWS_NODE => out.env.push(var),
        INIT => out.init_env.push(var),
        _ => {}
    }
}

/// A DaemonSet, a manifest, describe-addon output or add-on/Helm values, as JSON or YAML: the first aws-node
/// environment found.
fn from_documents(text: &str) -> Result<ImportedSettings, String> {
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
    super::yaml::documents(text)
}

/// Text that is not JSON: the page's wasm has no YAML reader (its size budget), so it says what it reads;
/// the JSON error is given when the text looks like JSON.
#[cfg(target_arch = "wasm32")]
fn not_json(text: &str, error: String) -> Result<Vec<Json>, String> {
    let why = if text.trim_start().starts_with(['{', '[']) {
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
    // In key order: a `Json` object keeps its members sorted.
    let vars = |m: &[(String, Json)]| -> Vec<EnvVar> {
        m.iter()
            .map(|(k, v)| EnvVar {
                name: k.clone(),
                value: EnvValue::Value(scalar(v)),
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
