// Shrinks a stylesheet in place for dist/: comments out, runs of whitespace to one space, and no space next to
// `{`, `}` or `;`. Text in quotes (`content: ": "`) is copied as it is. Nothing else changes, so every rule
// means what it meant. Usage: node tests/e2e/minify-css.mjs dist/www/style.css
import { readFileSync, writeFileSync } from 'node:fs';

export function minify(css) {
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

const path = process.argv[2];
if (path) writeFileSync(path, minify(readFileSync(path, 'utf8')));
