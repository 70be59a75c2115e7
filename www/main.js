// Loads the wasm app. A separate file (not an inline script) so the page works under a strict CSP.
import init from '../pkg/vpc-cni-calc-web.js';

const loading = document.getElementById('loading');
init()
  .then(() => loading && loading.remove())
  .catch((err) => {
    if (loading) {
      loading.className = 'panic-banner';
      loading.setAttribute('role', 'alert');
      loading.textContent = 'vpc-cni-calc could not start: ' + err;
    }
  });
