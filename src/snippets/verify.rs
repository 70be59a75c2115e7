//! Commands that compare the plan with a live node: kubelet's pod capacity and ipamd's own Prometheus
//! gauges (`awscni_eni_allocated`, `awscni_total_ip_addresses`, …) next to the numbers the plan expects.

use crate::mode::Mode;
use crate::scenario::Report;
use std::fmt::Write as _;

pub(super) fn generate(r: &Report) -> String {
    let st = &r.steady_state;
    let mut out =
        String::from("# Compare the plan with a real node (pick one running this workload).\nNODE=<node-name>\n");
    let _ = write!(
        out,
        "kubectl get node \"$NODE\" -o jsonpath='{{.status.capacity.pods}}{{\"\\n\"}}'   # plan: {}\n\n",
        r.max_pods.kubelet
    );
    out += "# ipamd's gauges on that node, through the API server (aws-node serves metrics on :61678)\n";
    out += "POD=$(kubectl -n kube-system get pod -l k8s-app=aws-node --field-selector spec.nodeName=\"$NODE\" -o name | cut -d/ -f2)\n";
    out += "kubectl get --raw \"/api/v1/namespaces/kube-system/pods/$POD:61678/proxy/metrics\" \\\n";
    out += "  | grep -E '^awscni_(eni_allocated|total_ip_addresses|assigned_ip_addresses|total_ipv4_prefixes) '\n";
    if r.mode == Mode::Ipv6 {
        out += "# plan: IPv6 mode keeps one /80 on the primary ENI; the IPv4 gauges stay near 0.\n";
    } else {
        // The ENI gauge counts ENIs in the datastore, the trunk included.
        let _ = writeln!(out,
            "# plan at steady state: awscni_eni_allocated {} · awscni_total_ip_addresses {} · awscni_assigned_ip_addresses {} · awscni_total_ipv4_prefixes {}",
            st.enis, st.total_ips, st.assigned_ips, st.prefixes
        );
    }
    out += "# Real placement is random, so after a scale-down a node can hold more ENIs or prefixes than the plan's tight packing.\n";
    out
}
