// Fails when the whole web UI (every file under web/, each gzipped as csms-lite would send it) exceeds
// the budget: the Pi Zero serves it over Wi-Fi to a phone in the driveway.
//   node tests/web/check_size.mjs [budget_bytes]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../web');
const budget = Number(process.argv[2] || 200 * 1024);

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
let raw = 0; let gz = 0;
const rows = files(root).sort().map((f) => {
  const data = fs.readFileSync(f);
  const z = zlib.gzipSync(data, { level: 9 }).length;
  raw += data.length; gz += z;
  return `${String(data.length).padStart(8)} ${String(z).padStart(7)}  ${path.relative(root, f)}`;
});
console.log('     raw    gzip  file');
console.log(rows.join('\n'));
console.log(`${String(raw).padStart(8)} ${String(gz).padStart(7)}  total (budget ${budget} bytes gzipped)`);
if (gz > budget) { console.error(`web/ is ${gz} bytes gzipped, over the ${budget}-byte budget`); process.exit(1); }
