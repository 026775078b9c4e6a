// The EO board link as the central system sees it (bench/README.md, "EO board link"): eo-chargepoint
// with the real EO driver on eo-board-sim's pty, connected to an ocpp-rpc server on loopback. The board
// goes silent (`silent on`): time until StatusNotification Faulted/Unavailable for connector 1
// arrives; after 8 s it answers again (`silent off`): time until the next non-fault StatusNotification.
// Env: EO_CHARGEPOINT_BIN, EO_BOARD_SIM_BIN (bench/eo_link.sh sets them), EO_BENCH_LINK_RUNS (5).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

import { Harness } from '../tests/integration/lib/processes.mjs';
import { startRpcServer } from '../tests/integration/lib/ocpp.mjs';
import { delay } from '../tests/integration/lib/wait.mjs';

const RUNS = Number(process.env.EO_BENCH_LINK_RUNS ?? 5);
const FAULT = ['Faulted', 'Unavailable'];

const sim = spawn(process.env.EO_BOARD_SIM_BIN, ['--ct-site', '12'], { stdio: ['pipe', 'pipe', 'inherit'] });
const lines = createInterface({ input: sim.stdout });
const pty = await new Promise((resolve) => lines.once('line', resolve));
const command = (text) => sim.stdin.write(`${text}\n`);

const server = await startRpcServer();
const harness = new Harness();
harness.startChargePoint('eo-link', {
  'ocpp.central_system_url': server.url,
  'hardware.driver': 'tty',
  'hardware.tty': pty,
}, { logLevel: 'info' });
const peer = await server.nextChargePoint(15000);
const isStatus = (pred) => (c) => c.method === 'StatusNotification' && c.params.connectorId === 1 && pred(c.params.status);
await peer.waitForCall(isStatus((s) => !FAULT.includes(s)), { timeoutMs: 15000, what: 'the first status' });

const lost = [];
const restored = [];
for (let run = 0; run < RUNS; ++run) {
  await delay(1500 + (337 * run) % 1000);  // off the poll grid by a different amount each run
  let from = peer.frames.length;
  const cut = Date.now();
  command('silent on');
  const down = await peer.waitForCall(isStatus((s) => FAULT.includes(s)), { from, timeoutMs: 15000, what: 'Faulted' });
  lost.push({ ms: down.at - cut, status: down.params.status });
  await delay(Math.max(0, 8000 - (Date.now() - cut)));
  from = peer.frames.length;
  const back = Date.now();
  command('silent off');
  const up = await peer.waitForCall(isStatus((s) => !FAULT.includes(s)), { from, timeoutMs: 15000, what: 'the status after the restore' });
  restored.push({ ms: up.at - back, status: up.params.status });
}

const summary = (values) => {
  const ms = values.map((v) => v.ms).sort((a, b) => a - b);
  const at = (p) => ms[Math.min(ms.length - 1, Math.round((p / 100) * (ms.length - 1)))];
  return `n=${ms.length}  p50 ${at(50)} ms  max ${ms[ms.length - 1]} ms  (${[...new Set(values.map((v) => v.status))].join(', ')})`;
};
console.log(`${'link loss -> StatusNotification (1 Hz, 3 misses)'.padEnd(50)} ${summary(lost)}`);
console.log(`${'link restore -> StatusNotification'.padEnd(50)} ${summary(restored)}`);

command('quit');
await harness.stopAll();
await server.close();
