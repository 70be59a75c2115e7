//! The CLI's argument parsing, with `lexopt` (so `--pods 5` and `--pods=5` both work): each command's
//! arguments into a typed value, or the one-line message that refuses them. Positionals are the instance
//! type, the snippet format, or `KEY=VALUE` / `KEY-` edits of the `aws-node` environment.

use crate::config::{self, CniEnv};
use crate::edit::Edit;
use crate::ipamd::Arrival;
use crate::max_pods::{self, CalculatorArgs};
use crate::scenario::Scenario;
use lexopt::{Arg, Parser};

/// `plan`'s arguments.
pub(super) struct Plan {
    pub scenario: Scenario,
    /// `--max-pods-expression`: nodeadm's `maxPodsExpression`, evaluated for the instance as kubelet's maxPods.
    pub max_pods_expression: Option<String>,
    pub json: bool,
    pub advise: bool,
    pub verify: bool,
    /// `--settings-from FILE`: the environment to start from instead of the manifest.
    pub settings_from: Option<String>,
    /// `--instance-data FILE`, each a `describe-instance-types` output adding to the catalog.
    pub instance_data: Vec<String>,
    /// The `KEY=VALUE` / `KEY-` arguments in order (already applied to the scenario's manifest env; applied
    /// again over `--settings-from`).
    pub edits: Vec<String>,
}

/// `max-pods`' arguments, as `max-pods-calculator.sh` names them.
pub(super) struct MaxPods {
    pub instance_type: String,
    pub calculator: CalculatorArgs,
    /// `--instance-data FILE`, as for `plan`.
    pub instance_data: Vec<String>,
}

/// `instances`' arguments.
pub(super) struct Instances {
    pub prefix: String,
    pub json: bool,
}

pub(super) fn plan(args: &[String]) -> Result<Plan, String> {
    let mut p = Parser::from_args(args);
    let mut instance = None;
    let mut pods = None;
    let mut plan = Plan {
        scenario: Scenario::new(""),
        max_pods_expression: None,
        json: false,
        advise: false,
        verify: false,
        settings_from: None,
        instance_data: Vec::new(),
        edits: Vec::new(),
    };
    let s = &mut plan.scenario;
    while let Some(arg) = p.next().map_err(|e| message(e, "plan"))? {
        match arg {
            Arg::Long("pods") => pods = Some(number("--pods", &mut p)?),
            Arg::Long("then-pods") => s.then_pods = Some(number("--then-pods", &mut p)?),
            Arg::Long("nodes") => s.nodes = number("--nodes", &mut p)?,
            Arg::Long("max-pods") => s.max_pods = Some(number("--max-pods", &mut p)?),
            Arg::Long("max-pods-expression") => {
                plan.max_pods_expression = Some(value("--max-pods-expression", &mut p)?)
            }
            Arg::Long("seed") => s.seed = Some(number("--seed", &mut p)?),
            Arg::Long("subnet") => s.subnet = Some(value("--subnet", &mut p)?),
            Arg::Long("node-subnet") => s.node_subnet = Some(value("--node-subnet", &mut p)?),
            Arg::Long("arrival") => {
                s.arrival = match value("--arrival", &mut p)?.as_str() {
                    "ramp" => Arrival::Ramp,
                    "burst" => Arrival::Burst,
                    other => return Err(format!("--arrival expects ramp or burst, got '{other}'")),
                }
            }
            Arg::Long("json") => plan.json = true,
            Arg::Long("advise") => plan.advise = true,
            Arg::Long("verify") => plan.verify = true,
            Arg::Long("settings-from") => plan.settings_from = Some(value("--settings-from", &mut p)?),
            Arg::Long("instance-data") => plan.instance_data.push(value("--instance-data", &mut p)?),
            Arg::Value(v) => {
                let v = utf8(v)?;
                if is_setting_arg(&v) {
                    apply_setting(&mut s.env, &v)?;
                    plan.edits.push(v);
                } else if instance.is_none() {
                    instance = Some(v);
                } else {
                    return Err(format!("unexpected argument '{v}': settings are KEY=VALUE"));
                }
            }
            option => return Err(unknown(&option, "plan")),
        }
    }
    s.instance_type = instance.ok_or("plan needs an instance type, e.g. vpc-cni-calc plan m5.large --pods 20")?;
    s.pods = pods.ok_or("plan needs --pods N, the pods per node that need a VPC IP")?;
    if plan.max_pods_expression.is_some() && s.max_pods.is_some() {
        return Err("--max-pods and --max-pods-expression both set kubelet's maxPods; pass one".into());
    }
    Ok(plan)
}

pub(super) fn max_pods(args: &[String]) -> Result<MaxPods, String> {
    let mut p = Parser::from_args(args);
    let mut instance = None;
    let mut instance_data = Vec::new();
    let mut calculator = CalculatorArgs {
        cni_version: max_pods::parse_cni_version(max_pods::CURRENT_CNI_VERSION).unwrap_or((1, 23)),
        custom_networking: false,
        prefix_delegation: false,
        max_eni: None,
        show_max_allowed: false,
    };
    while let Some(arg) = p.next().map_err(|e| message(e, "max-pods"))? {
        match arg {
            Arg::Long("instance-type") => instance = Some(value("--instance-type", &mut p)?),
            Arg::Long("cni-version") => {
                let v = value("--cni-version", &mut p)?;
                calculator.cni_version = max_pods::parse_cni_version(&v)
                    .ok_or_else(|| format!("--cni-version expects a version like 1.23.1, got '{v}'"))?;
            }
            Arg::Long("cni-custom-networking-enabled") => calculator.custom_networking = true,
            Arg::Long("cni-prefix-delegation-enabled") => calculator.prefix_delegation = true,
            Arg::Long("cni-max-eni") => calculator.max_eni = Some(number("--cni-max-eni", &mut p)?),
            Arg::Long("show-max-allowed") => calculator.show_max_allowed = true,
            Arg::Long("instance-data") => instance_data.push(value("--instance-data", &mut p)?),
            Arg::Long("instance-type-from-imds") => {
                return Err("--instance-type-from-imds needs a running instance; pass --instance-type".into())
            }
            other => return Err(unknown(&other, "max-pods")),
        }
    }
    Ok(MaxPods {
        instance_type: instance.ok_or("max-pods needs --instance-type")?,
        calculator,
        instance_data,
    })
}

/// `snippet`'s positionals (the format, then settings) and its one option, `--settings-from FILE`.
pub(super) struct Snippet {
    pub words: Vec<String>,
    pub settings_from: Option<String>,
}

pub(super) fn snippet(args: &[String]) -> Result<Snippet, String> {
    let mut p = Parser::from_args(args);
    let mut out = Snippet {
        words: Vec::new(),
        settings_from: None,
    };
    while let Some(arg) = p.next().map_err(|e| message(e, "snippet"))? {
        match arg {
            Arg::Value(v) => out.words.push(utf8(v)?),
            Arg::Long("settings-from") => out.settings_from = Some(value("--settings-from", &mut p)?),
            option => return Err(unknown(&option, "snippet")),
        }
    }
    Ok(out)
}

/// `data import FILE... [--out DIR]`.
pub(super) struct DataImport {
    pub files: Vec<String>,
    pub out: String,
}

pub(super) fn data_import(args: &[String]) -> Result<DataImport, String> {
    const USAGE: &str = "usage: vpc-cni-calc data import FILE... [--out DIR]";
    let mut p = Parser::from_args(args);
    let mut words = Vec::new();
    let mut out = "data".to_string();
    while let Some(arg) = p.next().map_err(|e| message(e, "data"))? {
        match arg {
            Arg::Value(v) => words.push(utf8(v)?),
            Arg::Long("out") => out = value("--out", &mut p)?,
            option => return Err(unknown(&option, "data import")),
        }
    }
    match words.split_first() {
        Some((cmd, files)) if cmd == "import" && !files.is_empty() => Ok(DataImport {
            files: files.to_vec(),
            out,
        }),
        _ => Err(USAGE.to_string()),
    }
}

/// `settings import FILE [--json]`.
pub(super) struct SettingsImport {
    pub file: String,
    pub json: bool,
}

pub(super) fn settings_import(args: &[String]) -> Result<SettingsImport, String> {
    const USAGE: &str = "usage: vpc-cni-calc settings import FILE [--json]";
    let mut p = Parser::from_args(args);
    let (mut words, mut json) = (Vec::new(), false);
    while let Some(arg) = p.next().map_err(|e| message(e, "settings"))? {
        match arg {
            Arg::Value(v) => words.push(utf8(v)?),
            Arg::Long("json") => json = true,
            option => return Err(unknown(&option, "settings import")),
        }
    }
    match <[String; 2]>::try_from(words) {
        Ok([cmd, file]) if cmd == "import" => Ok(SettingsImport { file, json }),
        _ => Err(USAGE.to_string()),
    }
}

pub(super) fn instances(args: &[String]) -> Result<Instances, String> {
    let mut p = Parser::from_args(args);
    let mut out = Instances {
        prefix: String::new(),
        json: false,
    };
    let mut prefix = None;
    while let Some(arg) = p.next().map_err(|e| message(e, "instances"))? {
        match arg {
            Arg::Long("json") => out.json = true,
            Arg::Value(v) if prefix.is_none() => prefix = Some(utf8(v)?),
            Arg::Value(v) => {
                return Err(format!(
                    "unexpected argument '{}': instances takes one PREFIX",
                    v.to_string_lossy()
                ))
            }
            other => return Err(unknown(&other, "instances")),
        }
    }
    out.prefix = prefix.unwrap_or_default();
    Ok(out)
}

/// A whole number ≥ 0: digits only, so `-1`, `+1` and `1e3` are refused with the flag's name.
pub(super) fn number<T: std::str::FromStr>(flag: &str, p: &mut Parser) -> Result<T, String> {
    let v = value(flag, p)?;
    parse_number(flag, &v)
}

pub(super) fn parse_number<T: std::str::FromStr>(flag: &str, v: &str) -> Result<T, String> {
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{flag} expects a whole number ≥ 0, got '{v}'"));
    }
    v.parse().map_err(|_| format!("{flag} value '{v}' is too large"))
}

/// The option's value: the next argument (even one starting with `-`) or the part after `=`.
fn value(flag: &str, p: &mut Parser) -> Result<String, String> {
    let v = p.value().map_err(|_| format!("{flag} needs a value"))?;
    utf8(v)
}

fn utf8(v: std::ffi::OsString) -> Result<String, String> {
    // `run_os` has already refused arguments that are not UTF-8.
    v.into_string()
        .map_err(|v| format!("argument is not valid UTF-8: '{}'", v.to_string_lossy()))
}

fn unknown(arg: &Arg, command: &str) -> String {
    match arg {
        Arg::Long(name) => format!("unknown option '--{name}' for {command} (see --help)"),
        Arg::Short(c) => format!("unknown option '-{c}' for {command} (see --help)"),
        Arg::Value(v) => format!("unexpected argument '{}' for {command}", v.to_string_lossy()),
    }
}

/// lexopt's own refusals, in the CLI's words.
fn message(e: lexopt::Error, command: &str) -> String {
    match e {
        lexopt::Error::UnexpectedValue { option, value } => format!(
            "{option} takes no value, got '{}' (for {command})",
            value.to_string_lossy()
        ),
        other => other.to_string(),
    }
}

/// A positional that edits a setting: `KEY=VALUE`, `KEY-`, or a bare setting name (refused with a hint).
fn is_setting_arg(arg: &str) -> bool {
    Edit::is_edit(arg) || config::setting(arg).is_some()
}

/// Applies one `KEY=VALUE` or `KEY-`, as `kubectl set env` takes them. A bare known name is an error:
/// `kubectl set env` would refuse it too, and silently ignoring it would hide a missing value.
pub(super) fn apply_setting(env: &mut CniEnv, arg: &str) -> Result<(), String> {
    match (Edit::parse(arg), config::setting(arg)) {
        (Some(e), _) => env.edit(&e),
        (None, Some(s)) => return Err(format!("{0} needs a value: {0}=VALUE sets it, {0}- removes it", s.name)),
        (None, None) => env.apply(arg),
    }
    .map_err(|e| e.to_string())
}
