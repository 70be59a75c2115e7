//! "Paste an instance type": `aws ec2 describe-instance-types` output pasted on the page defines its types
//! (read by the same importer as `--instance-data`, `import::instances::parse_page`) and picks the first in
//! the selected node group. The definitions are form inputs, so the link carries them (`form::types`).

use super::paste::Kind;
use crate::form::check_types;
use crate::import::instances::parse_page;
use crate::ui::dom::S;
use crate::ui::state::Action;
use crate::vpc::InstanceTypeLimits;

pub const TYPES: &Kind = &Kind {
    attrs: &[("class", S("paste-types"))],
    summary: "Paste an instance type",
    fields: &[(
        "f-paste-types",
        "Output of aws ec2 describe-instance-types --instance-types TYPE",
    )],
    hint: HINT,
    button: "Define the type",
    read,
};

fn read(texts: &[String]) -> Result<(String, Action), String> {
    let types = parse_page(texts.first().map_or("", String::as_str))?;
    check_types(&types)?;
    Ok((outcome(&types), Action::DefineTypes(types)))
}

/// What a paste defined, in one line: each type with its ENIs × IPv4 per ENI, and the one picked.
fn outcome(types: &[InstanceTypeLimits]) -> String {
    let each: Vec<String> = types
        .iter()
        .map(|t| format!("{} ({} ENIs × {} IPv4 per ENI)", t.name, t.eni_limit, t.ipv4_limit))
        .collect();
    format!(
        "Defined {}; {} is the selected node group's instance type.",
        each.join(", "),
        types.first().map_or("", |t| t.name.as_str())
    )
}

const HINT: &str = "One type's JSON, or a few (at most 8), read as --instance-data reads it; the link keeps \
    their limits. Nothing is sent anywhere: it is read in your browser.";
