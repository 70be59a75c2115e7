// The README's docs-page example: import the API, plan, write the number into the text.
import { plan } from '../www/api.js';

const report = plan({ instance_type: 'm5.large', pods: 20, settings: { WARM_IP_TARGET: '2' } });
document.getElementById('ips').textContent = String(report.steady_state.total_ips);
