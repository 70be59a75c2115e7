// The shipped stylesheet is minified (tests/e2e/minify-css.mjs): Chromium must read the same rules from it as
// from www/style.css, rule for rule, as its CSS object model writes them back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { minify } from './minify-css.mjs';

test('the minified stylesheet holds the same rules as www/style.css', async () => {
  const css = readFileSync('www/style.css', 'utf8');
  const small = minify(css);
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
