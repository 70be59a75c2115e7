//! The importers' commands: `settings import FILE`, and the `--settings-from FILE` that `plan`, `snippet`
//! (and `cluster`) take. The file is read through the caller's `Files`.

use super::files::Files;
use crate::config::CniEnv;
use crate::import::settings;

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
