//! IPv6 is chosen when an EKS cluster is created and cannot be changed later, so IPv6 mode comes as a
//! new-cluster kit: eksctl (`kubernetesNetworkConfig.ipFamily: IPv6`, OIDC, the vpc-cni, coredns and
//! kube-proxy add-ons), CDK (`eks.IpFamily.IP_V6`), self-managed node bootstrap for AL2 and AL2023, and the
//! network-policy agent's IPv6 flag for a self-managed VPC CNI.

use super::section;
use crate::max_pods::CURRENT_CNI_VERSION;
use std::fmt::Write as _;

pub(super) fn generate() -> String {
    let mut out = String::from(
        "# IPv6 is chosen when the cluster is created; an IPv4 cluster cannot switch. Pods get addresses from a /80\n\
         # prefix per node (no warm pool), nodes still take one IPv4 address each, and the CNI needs the IPv6 IAM\n\
         # policy (vpc-cni-calc snippet ipv6-iam).\n",
    );
    out += &section("eksctl ClusterConfig (eksctl create cluster -f cluster.yaml)");
    out += "apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: my-cluster
  region: us-west-2
kubernetesNetworkConfig:
  ipFamily: IPv6
iam:
  withOIDC: true
addons:
- name: vpc-cni
- name: coredns
- name: kube-proxy
managedNodeGroups:
- name: ng-1
  instanceType: m5.large
";
    out += &section("AWS CDK (TypeScript)");
    out += "import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import { KubectlV35Layer } from '@aws-cdk/lambda-layer-kubectl-v35';

// IPv6 pods need subnets with IPv6 CIDRs: a dual-stack VPC gives every subnet a /64.
const vpc = new ec2.Vpc(this, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK });
const cluster = new eks.Cluster(this, 'Cluster', {
  version: eks.KubernetesVersion.V1_35,
  kubectlLayer: new KubectlV35Layer(this, 'Kubectl'),
  vpc,
  ipFamily: eks.IpFamily.IP_V6,
});
";
    out += &section("Self-managed nodes, Amazon Linux 2023 (nodeadm NodeConfig in the user data)");
    out += "# cidr is the cluster's service IPv6 CIDR; nodeadm configures an IPv6 node from it:
#   aws eks describe-cluster --name my-cluster --query cluster.kubernetesNetworkConfig.serviceIpv6Cidr --output text
apiVersion: node.eks.aws/v1alpha1
kind: NodeConfig
spec:
  cluster:
    name: my-cluster
    apiServerEndpoint: https://REPLACE.gr7.us-west-2.eks.amazonaws.com
    certificateAuthority: REPLACE-base64-ca
    cidr: fd00:REPLACE::/108
";
    out += &section("Self-managed nodes, Amazon Linux 2 bootstrap.sh (legacy)");
    out += "/etc/eks/bootstrap.sh my-cluster --ip-family ipv6 --service-ipv6-cidr fd00:REPLACE::/108\n";
    out += &section("Self-managed VPC CNI (Helm): IPv6 for ipamd, the init container and the network-policy agent");
    out += "# The EKS add-on sets all of these itself in an IPv6 cluster.\n";
    let _ = write!(out,
        "helm upgrade --install aws-vpc-cni eks/aws-vpc-cni -n kube-system --version {CURRENT_CNI_VERSION} --reuse-values \\
  --set-string env.ENABLE_IPv6=true \\
  --set-string env.ENABLE_IPv4=false \\
  --set-string env.ENABLE_PREFIX_DELEGATION=true \\
  --set-string init.env.ENABLE_IPv6=true \\
  --set-string nodeAgent.enableIpv6=true
"
    );
    out
}
