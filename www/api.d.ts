// Types of the vpc-cni-calc JavaScript API (www/api.js). The outputs are the objects the CLI prints with
// --json; the fields a docs page most often reads are typed here, the rest is open (`[key: string]: unknown`).

/** aws-node environment variables overlaying the shipped manifest, as in the DaemonSet: names to strings. */
export type Settings = Record<string, string>;

/** `vpc-cni-calc plan` options as fields. */
export interface Scenario {
  instance_type: string;
  /** Pods per node that need a VPC IP. */
  pods: number;
  then_pods?: number;
  arrival?: 'ramp' | 'burst';
  nodes?: number;
  subnet?: string;
  node_subnet?: string;
  max_pods?: number;
  seed?: number;
  settings?: Settings;
  /** Instance types to add or override for this plan, as `vpc-cni-calc instances --json` prints them. */
  instance_data?: InstanceType[];
}

/** One instance type's limits; `network_cards` defaults to the default card with `eni_limit` ENIs. */
export interface InstanceType {
  name: string;
  eni_limit: number;
  /** IPv4 addresses per ENI, the primary included. */
  ipv4_limit: number;
  hypervisor: string;
  bare_metal?: boolean;
  default_network_card_index?: number;
  network_cards?: Array<[number, number]>;
  vcpus?: number | null;
  trunking_compatible?: boolean;
}

export interface Warning { code: string; message: string; [key: string]: unknown }

/** `vpc-cni-calc plan … --json`. */
export interface Report {
  instance: { name: string; eni_limit: number; ipv4_limit: number; hypervisor: string; bare_metal: boolean; vcpus: number | null; [key: string]: unknown };
  mode: string;
  max_pods: { eni_max_pods: number; calculator: number; kubelet: number; [key: string]: unknown };
  steady_state: { pods: number; enis: number; total_ips: number; assigned_ips: number; unused_ips: number; prefixes: number; [key: string]: unknown };
  subnet: { cidr: string | null; addresses_per_node: number; peak_addresses_per_node: number; cluster_addresses: number; fits: boolean | null; exhausts_at_nodes: number | null; [key: string]: unknown };
  trace: unknown[];
  warnings: Warning[];
  [key: string]: unknown;
}

export interface SubnetSpec { cidr: string; az: string; used?: number }

export interface NodeGroupSpec {
  name: string;
  instance_type: string;
  pods: number;
  nodes: number;
  max_nodes?: number;
  /** A node count or a percentage such as "25%". */
  surge?: number | string;
  azs?: string[];
}

/** `vpc-cni-calc cluster SPEC.json`'s spec. */
export interface ClusterSpec {
  settings?: Settings;
  subnets: SubnetSpec[];
  pod_subnets?: SubnetSpec[];
  node_groups: NodeGroupSpec[];
}

/** `vpc-cni-calc cluster SPEC.json --json`. */
export interface ClusterReport {
  verdict: string;
  fits: boolean;
  subnets: Array<{ cidr: string; az: string; usable: number; used: number; addresses: number; addresses_at_max: number; free: number; fits: boolean; min_prefix_length: number | null; [key: string]: unknown }>;
  node_groups: Array<{ name: string; addresses_per_node: number; peak_addresses_per_node: number; [key: string]: unknown }>;
  warnings: Warning[];
  [key: string]: unknown;
}

export type SnippetFormat = 'kubectl' | 'cdk' | 'addon' | 'eksctl' | 'terraform' | 'helm' | 'ipv6-iam' | 'ipv6-cluster';

/** Plans one node group; throws an Error with the CLI's one-line message. */
export function plan(scenario: Scenario): Report;
/** Plans a whole cluster; throws an Error with the CLI's one-line message. */
export function cluster(spec: ClusterSpec): ClusterReport;
/** The config that applies `settings` (changes to the shipped manifest), as `vpc-cni-calc snippet` prints it. */
export function snippet(format: SnippetFormat, settings?: Settings): string;
