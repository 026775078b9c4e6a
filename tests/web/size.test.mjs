// The size budget as a test, so CI fails when the UI grows past 200 KB gzipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

test('the whole web UI is under 200 KB gzipped', () => {
  const out = execFileSync(process.execPath, [fileURLToPath(new URL('./check_size.mjs', import.meta.url))], { encoding: 'utf8' });
  const total = Number(/(\d+)\s+total/.exec(out)[1]);
  assert.ok(total > 5000 && total < 200 * 1024, `${total} bytes`);
});

test('index.html preloads every module of the UI (no import waterfall on a slow link)', () => {
  const web = fileURLToPath(new URL('../../web/', import.meta.url));
  const modules = (dir) => fs.readdirSync(path.join(web, dir)).filter((f) => f.endsWith('.js')).map((f) => `/${dir}/${f}`);
  const expected = [...modules('js'), ...modules('js/pages')].filter((f) => f !== '/js/app.js').sort();
  const html = fs.readFileSync(path.join(web, 'index.html'), 'utf8');
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]).sort();
  assert.deepEqual(preloaded, expected);
});
