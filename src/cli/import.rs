//! The importers' commands: `settings import FILE`, `data import FILE...`, and the `--settings-from FILE` and
//! `--instance-data FILE` options other commands take. Files are read and written through the caller's `Files`.

use super::files::Files;
use crate::config::CniEnv;
use crate::import::{instances, settings};
use crate::vpc::{self, InstanceTypeLimits};
use std::fmt::Write as _;

/// `settings import FILE [--json]`: the `aws-node` environment found in FILE, as `kubectl set env --list`
/// prints it (or the `ImportedSettings` as JSON).
pub(super) fn settings_cmd(args: &[String], files: &dyn Files) -> Result<String, String> {
    let a = super::args::settings_import(args)?;
    let imported = import_file(files, &a.file)?;
    if a.json {
        serde_json::to_string_pretty(&imported)
            .map(|j| j + "\n")
            .map_err(|e| e.to_string())
    } else {
        Ok(imported.to_list())
    }
}

/// `--settings-from FILE`: the environment ipamd would run with, the edits given after it on the command
/// line applied on top, and the import's warnings (an unknown name, a value from elsewhere) to report.
pub(super) fn settings_from(
    files: &dyn Files,
    path: &str,
    edits: &[String],
) -> Result<(CniEnv, Vec<crate::warning::Warning>), String> {
    let imported = import_file(files, path)?;
    let mut env = imported.cni_env();
    for e in edits {
        super::args::apply_setting(&mut env, e)?;
    }
    Ok((env, imported.warnings))
}

/// `snippet FORMAT --settings-from FILE [KEY=VALUE ...]`: the snippet of the imported settings, edits on top,
/// saying in a comment which imported variables it does not carry. The add-on's `configurationValues`
/// (`addon`, `eksctl`, `terraform`) replaces its whole configuration, so from add-on or Helm values that set
/// such variables it would reset them: refused, in one line.
pub(super) fn snippet_from(files: &dyn Files, fmt: &str, path: &str, edits: &[String]) -> Result<String, String> {
    let imported = import_file(files, path)?;
    let mut env = imported.cni_env();
    for e in edits {
        super::args::apply_setting(&mut env, e)?;
    }
    let snippet = super::snippet_for(fmt, &env)?;
    let dropped = imported.not_carried();
    if dropped.is_empty() {
        return Ok(snippet);
    }
    let list = dropped.join(", ");
    if !imported.whole && matches!(fmt, "addon" | "eksctl" | "terraform") {
        return Err(format!(
            "{path}: the {fmt} snippet's configurationValues replaces the add-on's whole configuration and \
             carries only sizing settings, so it would reset {list}: use snippet kubectl or helm, or add them by hand"
        ));
    }
    let comment = if fmt == "cdk" { "//" } else { "#" };
    Ok(format!(
        "{comment} Not carried from {path} (this snippet sets sizing settings only; they stay as they \
         are): {list}\n{snippet}"
    ))
}

fn import_file(files: &dyn Files, path: &str) -> Result<settings::ImportedSettings, String> {
    let text = files.read(path)?;
    settings::import(&text).map_err(|e| format!("{path}: {e}"))
}

/// `--instance-data FILE...`: the types the files define, to add to the catalog for one run.
pub(super) fn instance_data(files: &dyn Files, paths: &[String]) -> Result<Vec<InstanceTypeLimits>, String> {
    let mut all = Vec::new();
    for path in paths {
        all.extend(instances::parse_page(&files.read(path)?).map_err(|e| format!("{path}: {e}"))?);
    }
    Ok(all)
}

/// `data import FILE... [--out DIR]`: the tables in DIR rewritten from the pages, and what changed against the
/// catalog this binary was built with.
pub(super) fn data_cmd(args: &[String], files: &dyn Files) -> Result<String, String> {
    let a = super::args::data_import(args)?;
    let types = instances::table(instance_data(files, &a.files)?);
    let dir = a.out.trim_end_matches('/');
    let limits = format!("{dir}/ec2-instance-network-limits.csv");
    let vcpus = format!("{dir}/ec2-instance-vcpus.csv");
    files.write(&limits, &instances::limits_csv(&types))?;
    files.write(&vcpus, &instances::vcpus_csv(&types))?;
    let c = instances::changes(vpc::catalog(), &types);
    let mut out = format!("Read {} instance types from {} file(s).\n", types.len(), a.files.len());
    let _ = writeln!(out, "Added ({}): {}", c.added.len(), c.added.join(", "));
    let _ = writeln!(out, "Changed ({}):", c.changed.len());
    for (name, fields) in &c.changed {
        let _ = writeln!(out, "  {name}: {}", fields.join(", "));
    }
    let _ = writeln!(out, "Removed ({}): {}", c.removed.len(), c.removed.join(", "));
    let _ = writeln!(out, "Wrote {limits} and {vcpus}; rebuild to embed them.");
    Ok(out)
}

/// `cluster`'s importer options, taken off its command line before the rest goes to `cluster::run`:
/// `--from-kubectl NODES.json [PODS.json]` (node groups from the real cluster; a SPEC.json, given before it,
/// supplies the subnets), `--settings-from FILE` (today's settings, the spec's own `settings` on top),
/// `--instance-data FILE` (instance types for this run, as for `plan`) and `--print-spec` (print the spec
/// instead of planning it). The planner places each group's nodes round-robin over its AZs from the first,
/// so the printed spec lists a group's AZs by their node count, most first. Nodes left out (aws-node does
/// not run there, or no instance type) are warned about after the plan's text.
pub(super) fn cluster_cmd(args: &[String], files: &dyn Files) -> Result<String, String> {
    let mut rest = Vec::new();
    let (mut kubectl, mut settings_from, mut print_spec) = (Vec::new(), None, false);
    let mut instance_files = Vec::new();
    let mut it = args.iter().peekable();
    while let Some(a) = it.next() {
        let mut value = |flag: &str| match a.strip_prefix(&format!("{flag}=")) {
            Some(v) => Ok(v.to_string()),
            None => it.next().cloned().ok_or_else(|| format!("{flag} needs a value")),
        };
        if a == "--print-spec" {
            print_spec = true;
        } else if a == "--instance-data" || a.starts_with("--instance-data=") {
            instance_files.push(value("--instance-data")?);
        } else if a == "--settings-from" || a.starts_with("--settings-from=") {
            settings_from = Some(value("--settings-from")?);
        } else if a == "--from-kubectl" || a.starts_with("--from-kubectl=") {
            kubectl.push(value("--from-kubectl")?);
            if let Some(pods) = it.next_if(|p| !p.starts_with('-')) {
                kubectl.push(pods.clone());
            }
        } else {
            rest.push(a.clone());
        }
    }
    let extra = instance_data(files, &instance_files)?;
    if kubectl.is_empty() && settings_from.is_none() && !print_spec {
        return super::cluster::run(&rest, &|path: &str| files.read(path), &extra);
    }
    let spec_path = rest.iter().find(|a| !a.starts_with('-')).cloned();
    let mut spec = match &spec_path {
        Some(p) => crate::cluster::parse_json(&files.read(p)?).map_err(|e| format!("{p}: {e}"))?,
        None if kubectl.is_empty() => return Err("cluster needs a spec file: vpc-cni-calc cluster SPEC.json".into()),
        None => crate::cluster::ClusterSpec::default(),
    };
    let mut warnings = Vec::new();
    if let Some((nodes, pods)) = kubectl.split_first() {
        let pods = match pods.first() {
            Some(p) => Some(files.read(p)?),
            None => None,
        };
        let (from, w) = crate::import::kubectl::read_cluster(&files.read(nodes)?, pods.as_deref())?;
        spec.node_groups = from.node_groups;
        warnings = w;
    }
    if let Some(path) = settings_from {
        // The imported environment's changes from the manifest, a variable it lacks as `unset` (ipamd's own
        // default); the spec file's own settings win. Its warnings (an unknown name, say) are said.
        let imported = import_file(files, &path)?;
        let mut from = spec.with_env(&imported.cni_env());
        from.settings.append(&mut spec.settings);
        from.unset.retain(|n| from.settings.get(n).is_none());
        spec.settings = from.settings;
        spec.unset = from.unset;
        warnings.extend(imported.warnings);
    }
    let text = serde_json::to_string_pretty(&spec).map_err(|e| e.to_string())? + "\n";
    if print_spec {
        return Ok(text);
    }
    if spec.subnets.is_empty() {
        return Err(
            "the cluster from kubectl has no subnets: run with --print-spec, fill in \"subnets\" and run \
                    vpc-cni-calc cluster SPEC.json (or give SPEC.json with the subnets before --from-kubectl)"
                .into(),
        );
    }
    let name = spec_path.unwrap_or_else(|| "the spec from kubectl".to_string());
    let mut args: Vec<String> = rest.into_iter().filter(|a| a.starts_with('-')).collect();
    args.push(name.clone());
    let mut out = super::cluster::run(
        &args,
        &|path: &str| {
            if path == name {
                Ok(text.clone())
            } else {
                files.read(path)
            }
        },
        &extra,
    )?;
    if !args.iter().any(|a| a == "--json") {
        for w in &warnings {
            let _ = writeln!(out, "warning [{}]: {}", w.code, w.message);
        }
    }
    Ok(out)
}
