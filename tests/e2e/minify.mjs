// Shrinks dist/'s stylesheet and scripts in place, changing nothing they mean:
// - CSS: comments out, runs of whitespace to one space, no space next to `{`, `}` or `;`; quoted text kept.
// - JavaScript: whole-line `//` comments, block comments that start a line, indentation and blank lines out.
//   Only lines change, never what is inside one, so it is refused (the file left as it is) when a template
//   literal could span lines (a line with an odd number of backticks).
// Usage: node tests/e2e/minify.mjs FILE... (.css or .js)
import { readFileSync, writeFileSync } from 'node:fs';

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

for (const path of process.argv.slice(2)) {
  const text = readFileSync(path, 'utf8');
  writeFileSync(path, path.endsWith('.css') ? minifyCss(text) : minifyJs(text));
}
