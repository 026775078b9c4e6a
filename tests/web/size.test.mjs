// The size budget as a test, so CI fails when the UI grows past 200 KB gzipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('the whole web UI is under 200 KB gzipped', () => {
  const out = execFileSync(process.execPath, [fileURLToPath(new URL('./check_size.mjs', import.meta.url))], { encoding: 'utf8' });
  const total = Number(/(\d+)\s+total/.exec(out)[1]);
  assert.ok(total > 5000 && total < 200 * 1024, `${total} bytes`);
});
