// The JavaScript API of vpc-cni-calc: the calculator's core in its own wasm (pkg/vpc-cni-calc-api*), without the page. Import it from the same
// origin; it loads the wasm once (top-level await), then each call is synchronous:
//
//   import { plan, cluster, snippet } from './www/api.js';
//   plan({ instance_type: 'm5.large', pods: 20, settings: { WARM_IP_TARGET: '2' } }).steady_state.total_ips   // 22
//
// Each returns the object `vpc-cni-calc … --json` prints (a snippet: its text) and throws an Error with the
// CLI's one-line message. Types: api.d.ts beside this file.
import init, * as wasm from '../pkg/vpc-cni-calc-api.js';

await init({ module_or_path: new URL('../pkg/vpc-cni-calc-api_bg.wasm', import.meta.url) });

export const plan = (scenario) => wasm.plan(scenario);
export const cluster = (spec) => wasm.cluster(spec);
export const snippet = (format, settings = {}) => wasm.snippet(format, settings);
