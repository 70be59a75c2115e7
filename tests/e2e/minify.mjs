// Shrinks dist/'s stylesheet and scripts in place, changing nothing they mean:
// - CSS: comments out, runs of whitespace to one space, no space next to `{`, `}` or `;`; quoted text kept.
// - JavaScript: whole-line `//` comments, block comments that start a line, indentation and blank lines out.
//   Only lines change, never what is inside one, so it is refused (the file left as it is) when a template
//   literal could span lines (a line with an odd number of backticks).
// - wasm-bindgen's glue and its wasm (a .js beside a _bg.wasm): every import gets a short name in both, in place
//   of `__wbg_<name>_<16 hex digits>` (a hash gzip cannot shrink, written twice), and the import module one too.
//   Refused (both left as they are) unless each old name is a key exactly once in the script.
// Usage: node tests/e2e/minify.mjs FILE... (.css or .js)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function minifyCss(css) {
  let out = '';
  for (let i = 0; i < css.length; i++) {
    const c = css[i];
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      i = end < 0 ? css.length : end + 1;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < css.length && css[j] !== c) j += css[j] === '\\' ? 2 : 1;
      out += css.slice(i, j + 1);
      i = j;
      continue;
    }
    if (/\s/.test(c)) {
      while (i + 1 < css.length && /\s/.test(css[i + 1])) i++;
      const next = css[i + 1];
      if (out === '' || '{};'.includes(out.at(-1)) || next === undefined || '{};'.includes(next)) continue;
      out += ' ';
      continue;
    }
    out += c;
  }
  return out;
}

export function minifyJs(js) {
  const lines = js.split('\n');
  if (lines.some((l) => (l.match(/`/g) || []).length % 2 === 1)) return js;
  const out = [];
  let inComment = false;
  for (const line of lines) {
    const t = line.trim();
    if (inComment) {
      inComment = !t.includes('*/');
      continue;
    }
    if (t.startsWith('/*')) {
      inComment = !t.includes('*/');
      continue;
    }
    if (t === '' || t.startsWith('//')) continue;
    out.push(t);
  }
  return out.join('\n') + '\n';
}

/** Unsigned LEB128, as the wasm binary format writes lengths and counts. */
function leb(n) {
  const out = [];
  do {
    out.push((n & 127) | (n > 127 ? 128 : 0));
    n >>>= 7;
  } while (n);
  return out;
}

/** The i-th short name: a, b, …, Z, then two letters. */
const shortName = (i) => {
  const A = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return (i < A.length ? '' : A[Math.floor(i / A.length) - 1]) + A[i % A.length];
};

/**
 * Renames the imports of `wasm` (bytes) and the keys of the glue `js` that provide them. Returns
 * `{ wasm, js }`, or null when the script does not have each import as a key exactly once (then nothing changes).
 */
export function shortenImports(wasm, js) {
  const b = Uint8Array.from(wasm);
  let p = 8;
  const u = () => {
    let r = 0;
    let shift = 0;
    let x;
    do {
      x = b[p++];
      r += (x & 127) * 2 ** shift;
      shift += 7;
    } while (x & 128);
    return r;
  };
  const str = () => {
    const n = u();
    p += n;
    return Buffer.from(b.subarray(p - n, p)).toString();
  };
  while (p < b.length) {
    const id = b[p++];
    const size = u();
    const end = p + size;
    if (id !== 2) {
      p = end;
      continue;
    }
    const start = p - 1 - leb(size).length;
    const count = u();
    const out = leb(count);
    const modules = new Map();
    const names = new Map();
    for (let i = 0; i < count; i++) {
      const module = str();
      const name = str();
      // The import's kind and description, copied as they are (func: type index; table, memory: limits; global).
      const descStart = p;
      const kind = b[p++];
      if (kind === 0 || kind === 4) {
        if (kind === 4) p++;
        u();
      } else if (kind === 1 || kind === 2) {
        if (kind === 1) p++;
        const flags = b[p++];
        u();
        if (flags & 1) u();
      } else if (kind === 3) {
        p += 2;
      } else {
        return null;
      }
      if (!modules.has(module)) modules.set(module, shortName(modules.size));
      if (!names.has(name)) names.set(name, shortName(names.size));
      for (const s of [modules.get(module), names.get(name)]) out.push(...leb(s.length), ...Buffer.from(s));
      out.push(...b.subarray(descStart, p));
    }
    let script = js;
    for (const [table, quote] of [[names, ''], [modules, '"']]) {
      for (const [old, short] of table) {
        const key = `${quote}${old}${quote}:`;
        const at = script.indexOf(key);
        // A key: once in the script, at the start of a line or after `{` or `,`.
        if (at < 0 || script.indexOf(key, at + 1) >= 0 || !(at === 0 || /[\s{,]/.test(script[at - 1]))) return null;
        script = script.slice(0, at) + `${quote}${short}${quote}:` + script.slice(at + key.length);
      }
    }
    const section = [2, ...leb(out.length), ...out];
    return { wasm: Buffer.concat([b.subarray(0, start), Uint8Array.from(section), b.subarray(end)]), js: script };
  }
  return { wasm: Buffer.from(b), js };
}

for (const path of process.argv.slice(2)) {
  const text = readFileSync(path, 'utf8');
  let small = path.endsWith('.css') ? minifyCss(text) : minifyJs(text);
  const wasmPath = path.replace(/\.js$/, '_bg.wasm');
  if (path.endsWith('.js') && existsSync(wasmPath)) {
    const short = shortenImports(readFileSync(wasmPath), small);
    if (short) {
      writeFileSync(wasmPath, short.wasm);
      small = short.js;
    } else {
      console.error(`minify: ${path} does not name each import of ${wasmPath} once; imports left as they are`);
    }
  }
  writeFileSync(path, small);
}
