//! The IAM policy an IPv6 cluster's VPC CNI needs (`docs/iam-policy.md`, "IPv6 mode"): AssignIpv6Addresses
//! and the Describe calls, plus CreateTags on network interfaces. Pure JSON, so that
//! `vpc-cni-calc snippet ipv6-iam > p.json && aws iam create-policy --policy-document file://p.json` works.
//! Attach it to the node role, or to aws-node's IRSA / Pod Identity role (CDK managed node groups add it
//! only when CDK creates the node role).

pub(super) fn generate() -> String {
    r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "ec2:AssignIpv6Addresses",
        "ec2:DescribeInstances",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeSubnets",
        "ec2:DescribeTags",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeInstanceTypes"
      ],
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": ["ec2:CreateTags"],
      "Resource": ["arn:aws:ec2:*:*:network-interface/*"]
    }
  ]
}
"#
    .to_string()
}
