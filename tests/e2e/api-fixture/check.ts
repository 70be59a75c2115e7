// Type-checked (tsc --noEmit --strict) by tests/e2e/api.test.mjs against www/api.d.ts.
import { cluster, plan, snippet, type ClusterSpec, type Report } from '../../../www/api.js';

const report: Report = plan({ instance_type: 'm5.large', pods: 20, arrival: 'burst', settings: { WARM_IP_TARGET: '2' } });
const held: number = report.steady_state.total_ips;
const spec: ClusterSpec = {
  subnets: [{ cidr: '10.0.0.0/24', az: 'a', used: 20 }],
  node_groups: [{ name: 'general', instance_type: 'm5.large', pods: 20, nodes: 6, surge: '25%', azs: ['a'] }],
};
const fits: boolean = cluster(spec).fits;
const text: string = snippet('kubectl', { WARM_IP_TARGET: '2' });
console.log(held, fits, text);
