//! Where kubelet's maxPods is set, for the value the plan uses: AL2023 nodeadm, eksctl, Karpenter,
//! Bottlerocket, and AL2's bootstrap.sh (legacy).

use super::section;

pub(super) fn generate(max_pods: i64) -> String {
    let mut out = section("Amazon Linux 2023 (nodeadm NodeConfig in the user data)");
    // nodeadm sizes kubeReserved memory from the maxPods its own formula or maxPodsExpression gives
    // (11 × maxPods + 255 MiB, `getMemoryMebibytesToReserve`), never from kubelet.config.maxPods.
    out += &format!(
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
    out += &format!(
        "# Managed node groups without a custom AMI cap at 110 (30 vCPUs or fewer) or 250.
managedNodeGroups:
- name: ng-1
  maxPodsPerNode: {max_pods}
"
    );
    out += &section("Karpenter v1 EC2NodeClass");
    out += &format!("spec:\n  kubelet:\n    maxPods: {max_pods}\n");
    out += &section("Bottlerocket (user data TOML)");
    out += &format!("[settings.kubernetes]\nmax-pods = {max_pods}\n");
    out += &section("Amazon Linux 2 bootstrap.sh (legacy: amazon-eks-ami no longer builds AL2 AMIs)");
    out += &format!(
        "/etc/eks/bootstrap.sh my-cluster --use-max-pods false --kubelet-extra-args '--max-pods={max_pods}'\n"
    );
    out
}
