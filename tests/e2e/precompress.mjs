// Writes a brotli (.br) and a gzip (.gz) copy beside every text and wasm file under a folder (dist/),
// so a static host, or tests/e2e/server.mjs, can send the smallest encoding the browser accepts.
// The .gz comes from zopfli when it is installed (`make compress-tools`): the same gzip format, about 4%
// smaller than zlib's level 9, which is the fallback.
// Usage: node tests/e2e/precompress.mjs dist
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

export const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.wasm', '.svg', '.json']);

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (COMPRESSIBLE.has(extname(path))) yield path;
  }
}

function hasZopfli() {
  try {
    execFileSync('zopfli', ['-h'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const zopfli = hasZopfli();
const root = process.argv[2] || 'dist';
for (const path of files(root)) {
  const body = readFileSync(path);
  // zopfli -c writes the gzip stream to stdout; its default 15 iterations (50 gain 0.01%, at 3× the time).
  const gz = zopfli ? execFileSync('zopfli', ['-c', path], { maxBuffer: 1 << 30 }) : gzipSync(body, { level: 9 });
  writeFileSync(`${path}.gz`, gz);
  writeFileSync(`${path}.br`, brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  }));
}
