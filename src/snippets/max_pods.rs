//! Where kubelet's maxPods is set, for the value the plan uses: AL2023 nodeadm, eksctl, Karpenter,
//! Bottlerocket, and AL2's bootstrap.sh (legacy).

use super::section;
use std::fmt::Write as _;

pub(super) fn generate(max_pods: i64) -> String {
    let mut out = section("Amazon Linux 2023 (nodeadm NodeConfig in the user data)");
    // nodeadm sizes kubeReserved memory from the maxPods its own formula or maxPodsExpression gives
    // (11 × maxPods + 255 MiB, `getMemoryMebibytesToReserve`), never from kubelet.config.maxPods.
    let _ =
        write!(out,
        "# maxPodsExpression sets maxPods and sizes nodeadm's kubeReserved memory (11 MiB per pod + 255 MiB) for it.
# A static kubelet.config.maxPods: {max_pods} would leave kubeReserved sized for nodeadm's own default instead.
apiVersion: node.eks.aws/v1alpha1
kind: NodeConfig
spec:
  kubelet:
    maxPodsExpression: \"{max_pods}\"
"
    );
    out += &section("eksctl managed node group");
    let _ = write!(
        out,
        "# Managed node groups without a custom AMI cap at 110 (30 vCPUs or fewer) or 250.
managedNodeGroups:
- name: ng-1
  maxPodsPerNode: {max_pods}
"
    );
    out += &section("Karpenter v1 EC2NodeClass");
    let _ = writeln!(out, "spec:\n  kubelet:\n    maxPods: {max_pods}");
    out += &section("Bottlerocket (user data TOML)");
    let _ = writeln!(out, "[settings.kubernetes]\nmax-pods = {max_pods}");
    out += &section("Amazon Linux 2 bootstrap.sh (legacy: amazon-eks-ami no longer builds AL2 AMIs)");
    let _ = writeln!(
        out,
        "/etc/eks/bootstrap.sh my-cluster --use-max-pods false --kubelet-extra-args '--max-pods={max_pods}'"
    );
    out
}
