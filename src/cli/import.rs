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

/// `--settings-from FILE`: the environment ipamd would run with, and the edits given after it on the
/// command line applied on top.
pub(super) fn settings_from(files: &dyn Files, path: &str, edits: &[String]) -> Result<CniEnv, String> {
    let mut env = import_file(files, path)?.cni_env();
    for e in edits {
        super::args::apply_setting(&mut env, e)?;
    }
    Ok(env)
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
