//! An aws-cdk-lib `eks.KubernetesPatch` (TypeScript) on `daemonset/aws-node` in `kube-system`: a strategic
//! patch whose env list merges by name, string values only, and a `restorePatch` that puts the manifest
//! back (`$patch: 'delete'` for variables the manifest does not set).

use super::{nothing_to_change, Change, Changes};

pub(super) fn generate(changes: &Changes) -> String {
    if changes.aws_node.is_empty() {
        return nothing_to_change("//");
    }
    let apply = patch(changes, |c| c.value.as_deref());
    let restore = patch(changes, |c| c.restore);
    let mut out = String::from("import * as eks from 'aws-cdk-lib/aws-eks';\n\n");
    out += &changes.recycle_note("//");
    out += "// For a vpc-cni managed add-on (new eks.Addon), put these in configurationValues instead.\n";
    out += "new eks.KubernetesPatch(this, 'AwsNodeEnv', {\n";
    out += "  cluster,\n";
    out += "  resourceName: 'daemonset/aws-node',\n";
    out += "  resourceNamespace: 'kube-system',\n";
    out += "  patchType: eks.PatchType.STRATEGIC,\n";
    out += &format!("  applyPatch: {apply},\n");
    out += &format!("  restorePatch: {restore},\n");
    out += "});\n";
    out
}

fn patch(changes: &Changes, value: impl Fn(&Change) -> Option<&str>) -> String {
    let mut spec = format!(
        "{{ containers: [{}] }}",
        container("aws-node", &changes.aws_node, &value)
    );
    if !changes.init.is_empty() {
        spec = format!(
            "{{\n      containers: [{}],\n      initContainers: [{}],\n    }}",
            container("aws-node", &changes.aws_node, &value),
            container("aws-vpc-cni-init", &changes.init, &value)
        );
    }
    format!("{{\n    spec: {{ template: {{ spec: {spec} }} }},\n  }}")
}

fn container(name: &str, changes: &[Change], value: &impl Fn(&Change) -> Option<&str>) -> String {
    let env: Vec<String> = changes
        .iter()
        .map(|c| match value(c) {
            Some(v) => format!("        {{ name: '{}', value: '{}' }},", c.name, ts_escape(v)),
            None => format!("        {{ name: '{}', $patch: 'delete' }},", c.name),
        })
        .collect();
    format!(
        "{{\n      name: '{name}',\n      env: [\n{}\n      ],\n    }}",
        env.join("\n")
    )
}

/// Escapes a value for a single-quoted TypeScript string.
fn ts_escape(v: &str) -> String {
    v.replace('\\', r"\\").replace('\'', r"\'").replace('\n', r"\n")
}
