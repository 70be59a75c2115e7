// The shipped stylesheet and scripts are minified (tests/e2e/minify.mjs). Chromium must read the same rules from
// the stylesheet as from www/style.css, rule for rule, as its CSS object model writes them back; the scripts run
// in every end-to-end test, and here must keep every statement.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { minifyCss, minifyJs, shortenImports } from './minify.mjs';

test('the minified stylesheet holds the same rules as www/style.css', async () => {
  const css = readFileSync('www/style.css', 'utf8');
  const small = minifyCss(css);
  assert.ok(small.length < css.length * 0.95, `${small.length} of ${css.length}`);
  assert.match(small, /content: attr\(data-label\) ": ";/);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'], headless: true });
  const page = await browser.newPage();
  const rules = (text) => page.evaluate((t) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(t);
    return [...sheet.cssRules].map((r) => r.cssText);
  }, text);
  const [a, b] = [await rules(css), await rules(small)];
  assert.ok(a.length > 50);
  assert.deepEqual(b, a);
  await browser.close();
});

test('the minified scripts keep their code: only comments, indentation and blank lines go', () => {
  const js = readFileSync('www/main.js', 'utf8');
  const small = minifyJs(js);
  assert.ok(small.length < js.length * 0.8, `${small.length} of ${js.length}`);
  const code = (text) => text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('//'));
  assert.deepEqual(code(small), code(js));
  // A template literal that could span lines: left as it is.
  const literal = 'const a = `one\n  two`;\n';
  assert.equal(minifyJs(literal), literal);
  assert.equal(minifyJs('/**\n * doc\n */\nf();\n    // note\n\n  g();\n'), 'f();\ng();\n');
});

test('the glue and its wasm get short import names that still link', async () => {
  // A module importing two functions from "./x_bg.js" and exporting one minus the other (so a swap shows), written byte by byte
  // (the wasm binary format: type, import, function, export and code sections).
  const name = (s) => [s.length, ...Buffer.from(s)];
  const section = (id, bytes) => [id, bytes.length, ...bytes];
  const [one, two] = ['__wbg_one_0123456789abcdef', '__wbg_two_fedcba9876543210'];
  const wasm = Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, [1, 0x60, 0, 1, 0x7f]),
    ...section(2, [2, ...name('./x_bg.js'), ...name(one), 0, 0, ...name('./x_bg.js'), ...name(two), 0, 0]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('diff'), 0, 2]),
    ...section(10, [1, 7, 0, 0x10, 0, 0x10, 1, 0x6b, 0x0b]),
  ]);
  const js = `const import0 = {\n__proto__: null,\n${one}: function() { return 1; },\n${two}: function() { return 2; },\n};\n` +
    'return { __proto__: null, "./x_bg.js": import0 };\n';
  const short = shortenImports(wasm, js);
  assert.ok(short.wasm.length < wasm.length - 40, `${short.wasm.length} of ${wasm.length}`);
  assert.ok(!short.js.includes('__wbg_') && !short.js.includes('x_bg'), short.js);
  const { instance } = await WebAssembly.instantiate(short.wasm, new Function(short.js)());
  assert.equal(instance.exports.diff(), -1);
  // The unchanged pair links too, and a script that does not provide an import as a key is refused.
  assert.equal((await WebAssembly.instantiate(wasm, new Function(js)())).instance.exports.diff(), -1);
  assert.equal(shortenImports(wasm, js.replace(`${two}:`, 'other:')), null);
  assert.equal(shortenImports(wasm, js + `// ${one}: twice\n`), null);
});
