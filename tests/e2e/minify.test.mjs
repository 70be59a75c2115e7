// The shipped stylesheet and scripts are minified (tests/e2e/minify.mjs). Chromium must read the same rules from
// the stylesheet as from www/style.css, rule for rule, as its CSS object model writes them back; the scripts run
// in every end-to-end test, and here must keep every statement.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { minifyCss, minifyJs } from './minify.mjs';

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
