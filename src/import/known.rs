//! The names the `aws-node` container's environment may hold in VPC CNI v1.23.1: an imported name outside
//! this list is kept but warned about (a typo such as `WARM_IP_TARGT` would otherwise do nothing, silently).

/// The union, sorted, of: the `Env` properties of the add-on's configuration schema
/// (`data/vpc-cni-addon-configuration-schema.json`), the `aws-node` container's `env` in the released
/// manifest (`tests/upstream/aws-k8s-cni-v1.23.1.yaml`: adds `ENABLE_IPv4`, `ENABLE_IPv6`,
/// `VPC_CNI_VERSION`, `MY_NODE_NAME`, `MY_POD_NAME`) and the chart's `values.yaml` `env:` (nothing more).
/// `tests/it/import.rs` checks the list against those three files.
pub const AWS_NODE_ENV: &[&str] = &[
    "ADDITIONAL_ENI_TAGS",
    "ANNOTATE_POD_IP",
    "AWS_EC2_ENDPOINT",
    "AWS_EXTERNAL_SERVICE_CIDRS",
    "AWS_MANAGE_ENIS_NON_SCHEDULABLE",
    "AWS_VPC_CNI_NODE_PORT_SUPPORT",
    "AWS_VPC_ENI_MTU",
    "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG",
    "AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS",
    "AWS_VPC_K8S_CNI_EXTERNALSNAT",
    "AWS_VPC_K8S_CNI_LOGLEVEL",
    "AWS_VPC_K8S_CNI_LOG_FILE",
    "AWS_VPC_K8S_CNI_RANDOMIZESNAT",
    "AWS_VPC_K8S_CNI_VETHPREFIX",
    "AWS_VPC_K8S_PLUGIN_LOG_FILE",
    "AWS_VPC_K8S_PLUGIN_LOG_LEVEL",
    "CLUSTER_ENDPOINT",
    "DISABLE_INTROSPECTION",
    "DISABLE_LEAKED_ENI_CLEANUP",
    "DISABLE_METRICS",
    "DISABLE_NETWORK_RESOURCE_PROVISIONING",
    "DISABLE_POD_V6",
    "ENABLE_BANDWIDTH_PLUGIN",
    "ENABLE_IMDS_ONLY_MODE",
    "ENABLE_IPv4",
    "ENABLE_IPv6",
    "ENABLE_MULTI_NIC",
    "ENABLE_POD_ENI",
    "ENABLE_PREFIX_DELEGATION",
    "ENABLE_SUBNET_DISCOVERY",
    "ENABLE_V4_EGRESS",
    "ENABLE_V6_EGRESS",
    "ENI_CONFIG_ANNOTATION_DEF",
    "ENI_CONFIG_LABEL_DEF",
    "INTROSPECTION_BIND_ADDRESS",
    "IP_COOLDOWN_PERIOD",
    "MAX_ENI",
    "MINIMUM_IP_TARGET",
    "MY_NODE_NAME",
    "MY_POD_NAME",
    "NETWORK_POLICY_ENFORCING_MODE",
    "POD_MTU",
    "POD_SECURITY_GROUP_ENFORCING_MODE",
    "VPC_CNI_VERSION",
    "WARM_ENI_TARGET",
    "WARM_IP_TARGET",
    "WARM_PREFIX_TARGET",
];

/// Whether `name` is a variable aws-node v1.23.1 knows (exact, case-sensitive, as the environment is).
pub fn is_known(name: &str) -> bool {
    AWS_NODE_ENV.binary_search(&name).is_ok()
}
