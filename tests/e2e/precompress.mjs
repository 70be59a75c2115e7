// Writes a brotli (.br) and a gzip (.gz) copy beside every text and wasm file under a folder (dist/),
// so a static host, or tests/e2e/server.mjs, can send the smallest encoding the browser accepts.
// Usage: node tests/e2e/precompress.mjs dist
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

export const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.wasm', '.svg', '.json']);

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (COMPRESSIBLE.has(extname(path))) yield path;
  }
}

const root = process.argv[2] || 'dist';
for (const path of files(root)) {
  const body = readFileSync(path);
  writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
  writeFileSync(`${path}.br`, brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  }));
}
