//! Today's `aws-node` settings, read from what a user already has: the DaemonSet (`kubectl get ds aws-node
//! -n kube-system -o json` or `-o yaml`), a whole multi-document manifest, `kubectl set env … --list`, an
//! add-on's `configurationValues` (raw, or inside `aws eks describe-addon` output as a JSON string) and Helm
//! values (`env:`). Only the `aws-node` container counts; the init container's settings are reported apart.
//! The page's wasm reads JSON and `--list` output; YAML is read by the CLI only (`documents::not_json`).

use super::known;
use crate::config::{self, CniEnv};
use crate::warning::Warning;
use std::fmt::Write as _;

mod documents;

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
        documents::from_documents(trimmed)?
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
