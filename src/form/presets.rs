//! The presets: ready-made input sets from the seed example and the upstream doc tables.

use super::Form;
use crate::mode::Mode;

/// A ready-made input set; `doc_note` says where AWS's doc table disagrees with ipamd's code for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preset {
    pub name: &'static str,
    pub form: Form,
    pub doc_note: Option<&'static str>,
}

/// The presets: the seed example and the upstream doc examples (`docs/eni-and-ip-target.md`,
/// `docs/prefix-and-ip-target.md`), including the rows where the docs and the code disagree.
pub fn presets() -> Vec<Preset> {
    let make = |name, t: &str, pods: &str, mode: Mode, wit: &str, mit: &str, doc_note| {
        let mut form = Form::blank(t);
        form.groups[0].pods = pods.into();
        form.mode = mode;
        form.warm_ip_target = wit.into();
        form.minimum_ip_target = mit.into();
        Preset { name, form, doc_note }
    };
    use Mode::{PrefixDelegation as Pd, SecondaryIp as Sip};
    vec![
        make("m5.large, WARM_IP_TARGET=2, 5 pods: 7 IPs held", "m5.large", "5", Sip, "2", "", None),
        make("t3.small defaults, 5 pods (docs: 3 ENIs, 9 IPs)", "t3.small", "5", Sip, "", "", None),
        make("t3.small WARM_IP_TARGET=2 MINIMUM_IP_TARGET=5, 5 pods (docs)", "t3.small", "5", Sip, "2", "5", None),
        make(
            "t3.small WARM_IP_TARGET=2 MINIMUM_IP_TARGET=5, 0 pods (docs)",
            "t3.small",
            "0",
            Sip,
            "2",
            "5",
            Some("docs/eni-and-ip-target.md lists 2 and 3 IPs on the two ENIs; ipamd fills the primary ENI first, so the code gives 3 and 2."),
        ),
        make("t3.small prefix delegation, 58 pods (docs)", "t3.small", "58", Pd, "", "", None),
        make(
            "t3.small prefixes, WARM_IP_TARGET=7 MINIMUM_IP_TARGET=20, 0 pods (docs)",
            "t3.small",
            "0",
            Pd,
            "7",
            "20",
            Some("docs/prefix-and-ip-target.md says 1 prefix and 16 unused IPs here, but also \"prefixes per ENI 2\". The code is short max(7 − 0, 20 − 0) = 20 IPs, which is 2 prefixes: 32 unused."),
        ),
        make("p3dn.24xlarge defaults, 95 pods (docs)", "p3dn.24xlarge", "95", Sip, "", "", None),
        make(
            "p3dn.24xlarge prefixes, 95 pods (docs)",
            "p3dn.24xlarge",
            "95",
            Pd,
            "",
            "",
            Some("docs/prefix-and-ip-target.md shows 3 ENIs (\"7,0,0\"). Prefix mode ignores WARM_ENI_TARGET and the primary ENI has 49 prefix slots, so the code keeps 1 ENI with 7 prefixes."),
        ),
        make(
            "p3dn.24xlarge prefixes, WARM_IP_TARGET=5 MINIMUM_IP_TARGET=10, 45 pods (docs)",
            "p3dn.24xlarge",
            "45",
            Pd,
            "5",
            "10",
            Some("docs/prefix-and-ip-target.md shows 2 ENIs (\"4,0\"); the code keeps 1 ENI with 4 prefixes, because new prefixes go onto the primary ENI first."),
        ),
        make("m5.24xlarge prefixes, 737 pods: the max-pods ceiling", "m5.24xlarge", "737", Pd, "", "", None),
    ]
}

/// `preset` loaded into `form`: its instance type, pods and settings on the selected group; the node
/// counts, the other groups, the subnets and the defined instance types stay.
pub fn load_preset(form: &Form, preset: &Form) -> Form {
    let mut f = preset.clone();
    (f.groups, f.selected) = (form.groups.clone(), form.selected);
    (f.subnets, f.node_subnets) = (form.subnets.clone(), form.node_subnets.clone());
    f.types = form.types.clone();
    let p = preset.group();
    (f.group_mut().instance_type, f.group_mut().pods) = (p.instance_type.clone(), p.pods.clone());
    f
}

/// The docs-versus-code note for a form that matches a doc preset (the cluster around it aside).
pub fn doc_note(form: &Form) -> Option<&'static str> {
    presets()
        .into_iter()
        .find_map(|p| (load_preset(form, &p.form) == *form).then_some(p.doc_note).flatten())
}
