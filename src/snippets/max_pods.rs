//! Where kubelet's maxPods is set, for the value the plan uses: AL2023 nodeadm, AL2 bootstrap.sh, eksctl,
//! Karpenter and Bottlerocket.

pub(super) fn generate(max_pods: i64) -> String {
    format!(
        "# Amazon Linux 2023 (nodeadm user data)
apiVersion: node.eks.aws/v1alpha1
kind: NodeConfig
spec:
  kubelet:
    config:
      maxPods: {max_pods}

# Amazon Linux 2 (bootstrap.sh)
/etc/eks/bootstrap.sh my-cluster --use-max-pods false --kubelet-extra-args '--max-pods={max_pods}'

# eksctl managed node group (managed node groups without a custom AMI cap at 110 / 250)
managedNodeGroups:
- name: ng-1
  maxPodsPerNode: {max_pods}

# Karpenter v1 EC2NodeClass
spec:
  kubelet:
    maxPods: {max_pods}

# Bottlerocket
[settings.kubernetes]
max-pods = {max_pods}
"
    )
}
