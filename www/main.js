// Loads the wasm app. A separate file (not an inline script) so the page works under a strict CSP.
import init from '../pkg/vpc-cni-calc-web.js';

const loading = document.getElementById('loading');

// A panic in the wasm traps (the shipped build carries no panic messages: Makefile 'small-wasm'), and the trap
// reaches here as a WebAssembly.RuntimeError, thrown from an event handler or a scheduled render. Replace the
// page with a visible banner rather than leave a dead page.
function panicBanner(err) {
  if (!(err instanceof WebAssembly.RuntimeError)) return;
  const div = document.createElement('div');
  div.className = 'panic-banner';
  div.setAttribute('role', 'alert');
  div.textContent = 'vpc-cni-calc hit an internal error and stopped. Reload the page; if it happens again, '
    + 'please report it with the link you used. (' + err + ')';
  document.body.replaceChildren(div);
}
window.addEventListener('error', (e) => panicBanner(e.error));
window.addEventListener('unhandledrejection', (e) => panicBanner(e.reason));

init()
  .then(() => {
    if (loading) loading.remove();
    postHeight();
  })
  .catch((err) => {
    if (loading) {
      loading.className = 'panic-banner';
      loading.setAttribute('role', 'alert');
      loading.textContent = 'vpc-cni-calc could not start: ' + err;
    }
  });

// In an iframe: tell the host the app's height on load and on every change (README, "The page").
function postHeight() {
  const root = document.getElementById('vpc-cni-calc');
  if (window.parent === window || !root) return;
  new ResizeObserver(() => window.parent.postMessage(
    { type: 'vpc-cni-calc:height', height: Math.ceil(root.getBoundingClientRect().height) }, '*')).observe(root);
}

// "Copy link": the address without `embed`, so a link copied in a wiki's embed opens the full page.
document.addEventListener('click', (e) => {
  if (!(e.target instanceof Element) || !e.target.closest('[data-copy-link]')) return;
  const status = document.querySelector('[data-copy-status]');
  const say = (text) => { status.textContent = text; setTimeout(() => { status.textContent = ''; }, 2000); };
  navigator.clipboard.writeText(location.href.replace(/[?&]embed=(1|true)\b/, (m) => (m[0] === '?' ? '?' : '')).replace('?&', '?'))
    // In a frame the address bar shows the host page: point at "Open full page" instead.
    .then(() => say('Link copied'), () => say(window.parent === window
      ? 'Copy failed: copy the address bar instead'
      : 'Copy failed: use "Open full page" and copy its address'));
});
