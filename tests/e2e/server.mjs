// A tiny static server for dist/ with the Content-Security-Policy the page must work under. It sends the
// precompressed .br or .gz copy beside a file when the browser accepts that encoding (make dist writes
// them). Used by `make serve`, the end-to-end tests and the browser benchmark. Listens on 127.0.0.1 only.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
};

/** The precompressed copy of `file` in the best encoding `accept` allows, if there is one. */
async function precompressed(file, accept) {
  const accepted = new Set(accept.split(',').map((e) => e.split(';')[0].trim()).filter(Boolean));
  for (const [name, ext] of [['br', '.br'], ['gzip', '.gz']]) {
    if (!accepted.has(name)) continue;
    try {
      if ((await stat(file + ext)).isFile()) return { name, file: file + ext };
    } catch { /* no copy in this encoding */ }
  }
  return null;
}

export function serve(root, port = 0) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    let file = normalize(join(base, path));
    if (!file.startsWith(base)) { res.writeHead(403).end(); return; }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const headers = { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Content-Security-Policy': CSP, 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' };
      const encoding = await precompressed(file, req.headers['accept-encoding'] || '');
      if (encoding) headers['Content-Encoding'] = encoding.name;
      const body = await readFile(encoding ? encoding.file : file);
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] || 'dist';
  const port = Number(process.argv[3] || process.env.PORT || 8080);
  const server = await serve(root, port);
  console.log(`vpc-cni-calc on http://127.0.0.1:${server.address().port}/ (serving ${root}, Ctrl-C to stop)`);
}
