// Smart charging latencies of eo-chargepoint (bench/README.md, "Smart charging latencies"):
//  1. SetChargingProfile sent by the central system → the new duty applied by the board: the real EO
//     driver on a pseudo-terminal played by eo-board-sim (its `status` polled on stdin every ~1 ms);
//  2. a house-load step over the site limit → the reduced current requested from the board: the
//     simulated box (its control socket polled every ~2 ms), at a 1000 ms sample period (what the EO
//     board's polling gives) and at 100 ms (which shows the daemon's own share).
// Figures only, next to their goals. Env: EO_CHARGEPOINT_BIN, EO_BOARD_SIM_BIN (bench/smart_charging.sh
// sets them), EO_BENCH_PROFILE_RUNS (default 200), EO_BENCH_STEP_RUNS (default 60).
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';

import { Harness } from '../tests/integration/lib/processes.mjs';
import { startRpcServer, transactionHandlers } from '../tests/integration/lib/ocpp.mjs';
import { SimControl } from '../tests/integration/lib/simctl.mjs';
import { delay } from '../tests/integration/lib/wait.mjs';

const PROFILE_RUNS = Number(process.env.EO_BENCH_PROFILE_RUNS ?? 200);
const STEP_RUNS = Number(process.env.EO_BENCH_STEP_RUNS ?? 60);
const TIMEOUT_MS = 10000;

const harness = new Harness();

function percentile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))];
}
function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  return `n ${sorted.length}, min ${sorted[0].toFixed(1)}, p50 ${percentile(sorted, 0.5).toFixed(1)}, ` +
    `mean ${mean.toFixed(1)}, p99 ${percentile(sorted, 0.99).toFixed(1)}, max ${sorted.at(-1).toFixed(1)} ms`;
}

function nowMs() {
  return Number(process.hrtime.bigint()) / 1e6;
}

// Polls until `check()` resolves truthy; returns the time (ms, hrtime) it first did.
async function pollUntil(check, what) {
  const deadline = nowMs() + TIMEOUT_MS;
  for (;;) {
    if (await check()) return nowMs();
    if (nowMs() > deadline) throw new Error(`no ${what} within ${TIMEOUT_MS} ms`);
  }
}

function txDefault(limit) {
  return {
    connectorId: 1,
    csChargingProfiles: {
      chargingProfileId: 1, stackLevel: 0, chargingProfilePurpose: 'TxDefaultProfile', chargingProfileKind: 'Relative',
      chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit }] },
    },
  };
}

// eo-board-sim on a pty: one command line in, one reply line out.
class BoardSim {
  constructor(bin) {
    this.child = spawn(bin, ['--car-demand', '32'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.lines = createInterface({ input: this.child.stdout });
    this.waiting = [];
    this.first = new Promise((resolve) => {
      this.lines.once('line', (line) => {
        resolve(line.trim());
        this.lines.on('line', (reply) => this.waiting.shift()?.(reply));
      });
    });
  }
  ptyPath() {
    return this.first;
  }
  command(line) {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.child.stdin.write(`${line}\n`);
    });
  }
  async limitA() {
    const match = (await this.command('status')).match(/limit ([\d.]+) A/);
    return match ? Number(match[1]) : NaN;
  }
  stop() {
    this.child.stdin.end('quit\n');
  }
}

async function bootedDaemon(name, settings) {
  const server = await startRpcServer({ handlers: transactionHandlers({ firstTransactionId: 1 }) });
  const cp = harness.startChargePoint(name, {
    'ocpp.central_system_url': server.url, 'ocpp.charge_point_id': name,
    'charging.plug_and_charge_id_tag': 'BENCH', ...settings,
  }, { logLevel: 'info' });
  const link = await server.nextChargePoint(TIMEOUT_MS);
  await link.next('BootNotification', TIMEOUT_MS);
  return { server, cp, link };
}

async function profileToDuty() {
  const board = new BoardSim(process.env.EO_BOARD_SIM_BIN);
  const pty = await board.ptyPath();
  const { server, cp, link } = await bootedDaemon('bench-eo', {
    'hardware.driver': 'tty', 'hardware.tty': pty, 'hardware.poll_interval_ms': 1000, 'hardware.min_pause_s': 0,
  });
  try {
    // Plugged in once the central system can authorise the plug-and-charge tag.
    await link.waitForCall((c) => c.method === 'StatusNotification' && c.params.connectorId === 1, { timeoutMs: TIMEOUT_MS });
    await board.command('plug');
    await link.next('StartTransaction', TIMEOUT_MS);
    await pollUntil(async () => (await board.limitA()) > 31, 'the first 32 A duty');
    const latencies = [];
    for (let i = 0; i < PROFILE_RUNS; ++i) {
      const amps = i % 2 === 0 ? 10 : 16;
      const sent = nowMs();
      const answer = link.call('SetChargingProfile', txDefault(amps));
      const applied = await pollUntil(async () => Math.abs((await board.limitA()) - amps) < 0.5, `the ${amps} A duty`);
      if ((await answer).status !== 'Accepted') throw new Error('SetChargingProfile not accepted');
      latencies.push(applied - sent);
      await delay(5 + (i * 37) % 50);  // spread the sends over the 1 s poll cycle
    }
    return latencies;
  } finally {
    board.stop();
    await cp.stop();
    await server.close();
  }
}

async function loadStepToDuty(tickMs) {
  const name = `bench-sim-${tickMs}`;
  const state = harness.chargePointState(name);
  const { server, cp, link } = await bootedDaemon(name, {
    'simulator.tick_ms': tickMs, 'hardware.driver': 'sim',
  });
  const sim = new SimControl(state['simulator.control_socket']);
  try {
    await sim.ready();
    await sim.run('house-load 500');
    await link.call('ChangeConfiguration', { key: 'EO_SiteLimitA', value: '40' });
    await link.call('ChangeConfiguration', { key: 'EO_SiteIncreaseDelayS', value: '0' });
    await link.call('ChangeConfiguration', { key: 'EO_MaxContactorSwitchesPerHour', value: '0' });
    await sim.plugIn();
    await link.next('StartTransaction', TIMEOUT_MS);
    await sim.waitStatus((s) => s.requested_a === 32, { what: '32 A offered' });
    const latencies = [];
    for (let i = 0; i < STEP_RUNS; ++i) {
      // 4.8 kW more in the house (20 A at 240 V): 32 A for the car would put the site at ~54 A.
      const stepped = nowMs();
      await sim.run('house-load 5300');
      const cut = await pollUntil(async () => (await sim.status()).requested_a < 32, 'the cut');
      latencies.push(cut - stepped);
      await sim.run('house-load 500');
      await sim.waitStatus((s) => s.requested_a === 32, { what: '32 A again' });
      await delay((i * 53) % tickMs);  // spread the steps over the sample period
    }
    return latencies;
  } finally {
    await cp.stop();
    await server.close();
  }
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
try {
  const profile = await profileToDuty();
  console.log(`SetChargingProfile sent → new duty applied by eo-board-sim (EO driver, pty): ${summary(profile)}   goal p99 < 100 ms`);
  for (const tick of [1000, 100]) {
    const step = await loadStepToDuty(tick);
    console.log(`house-load step over the site limit → reduced duty requested (simulator, ${tick} ms samples): ${summary(step)}   goal p99 < 1000 ms`);
  }
} finally {
  await harness.stopAll();
}
