//! One edit of the `aws-node` environment, in the grammar `kubectl set env` takes: `KEY=VALUE` sets a
//! variable, `KEY-` removes it. The CLI's positionals, its renderings and `CniEnv::apply` all go through
//! this one type.

/// `KEY=VALUE` (`value: Some`) or `KEY-` (`value: None`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edit {
    pub name: String,
    pub value: Option<String>,
}

impl Edit {
    /// An edit that sets `name` to `value`, or removes `name` when `value` is `None`.
    pub fn new(name: &str, value: Option<&str>) -> Edit {
        Edit {
            name: name.to_string(),
            value: value.map(str::to_string),
        }
    }

    /// Reads `KEY=VALUE` (split at the first `=`, so the value may hold more) or `KEY-`. A bare word is no
    /// edit: `None`.
    pub fn parse(arg: &str) -> Option<Edit> {
        match arg.split_once('=') {
            Some((name, value)) => Some(Edit::new(name, Some(value))),
            None => arg.strip_suffix('-').map(|name| Edit::new(name, None)),
        }
    }

    /// Whether `arg` reads as an edit rather than a bare word.
    pub fn is_edit(arg: &str) -> bool {
        arg.contains('=') || arg.ends_with('-')
    }
}

/// In JSON, `["KEY", "VALUE"]` or `["KEY", null]` (the `--advise --json` shape).
impl serde::Serialize for Edit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (&self.name, &self.value).serialize(s)
    }
}

impl std::fmt::Display for Edit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.value {
            Some(v) => write!(f, "{}={v}", self.name),
            None => write!(f, "{}-", self.name),
        }
    }
}

/// Edits as one line, separated by spaces (`WARM_ENI_TARGET- WARM_IP_TARGET=2`).
pub fn join(edits: &[Edit]) -> String {
    edits.iter().map(Edit::to_string).collect::<Vec<_>>().join(" ")
}
