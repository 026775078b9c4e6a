// The daemon's resource figures on the simulated box (bench/README.md): start to BootNotification,
// resident memory, CPU per hour and bytes written to disk per day, idle and while charging.
// Reads everything from /proc/<pid>/{stat,status,smaps_rollup,io}; prints a table. Not a test: there
// is no pass or fail, only figures next to their goals.
//
// Env: EO_CHARGEPOINT_BIN, EO_CSMS_LITE_BIN (bench/run.sh sets them), EO_BENCH_WINDOW_S (length of each
// CPU / disk window, default 300), EO_BENCH_BOOT_RUNS (default 9), EO_BENCH_SETTLE_S (default 10).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

import { Harness, webRoot } from '../tests/integration/lib/processes.mjs';
import { HOST, freePort } from '../tests/integration/lib/net.mjs';
import { CsmsApi, waitForCsmsHttp } from '../tests/integration/lib/csms_api.mjs';
import { accepted, startRpcServer } from '../tests/integration/lib/ocpp.mjs';
import { simOk } from '../tests/integration/lib/sim_control.mjs';
import { delay, waitFor } from '../tests/integration/lib/wait.mjs';

const WINDOW_S = Number(process.env.EO_BENCH_WINDOW_S ?? 300);
const BOOT_RUNS = Number(process.env.EO_BENCH_BOOT_RUNS ?? 9);
const SETTLE_S = Number(process.env.EO_BENCH_SETTLE_S ?? 10);
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
const ID_TAG = 'BENCH-PNC';

const harness = new Harness();

function procFields(pid, file) {
  const fields = {};
  for (const line of readFileSync(`/proc/${pid}/${file}`, 'utf8').split('\n')) {
    const match = line.match(/^([A-Za-z_()]+):\s+(\d+)/);
    if (match) fields[match[1]] = Number(match[2]);
  }
  return fields;
}

// utime + stime in seconds (fields 14 and 15 of /proc/<pid>/stat, counted after the command name).
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(after[11]) + Number(after[12])) / CLK_TCK;
}

// CPU time in nanoseconds of every thread (/proc/<pid>/task/*/schedstat, first field): /proc/<pid>/stat
// counts in clock ticks (10 ms), too coarse for a daemon that is idle most of the time.
function cpuNanoseconds(pid) {
  let total = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    total += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
  }
  return total;
}

function memory(pid) {
  const status = procFields(pid, 'status');
  const rollup = procFields(pid, 'smaps_rollup');
  return {
    vmRssKb: status.VmRSS,
    vmHwmKb: status.VmHWM,
    pssKb: rollup.Pss,
    privateKb: (rollup.Private_Clean ?? 0) + (rollup.Private_Dirty ?? 0),
  };
}

// Where the resident memory is: /proc/<pid>/smaps summed per mapped file (basename), [heap], [stack] and
// anonymous mappings (malloc arenas of other threads, thread stacks, mmap'd blocks). Largest first.
function residentByMapping(pid) {
  const totals = new Map();
  let name = null;
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const header = line.match(/^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \d+\s*(.*)$/);
    if (header) {
      const path = header[1].trim();
      name = path === '' ? '[anonymous]' : path.startsWith('[') ? path : path.split('/').pop();
      if (!totals.has(name)) totals.set(name, { rssKb: 0, privateKb: 0 });
      continue;
    }
    const field = line.match(/^(Rss|Private_Clean|Private_Dirty):\s+(\d+) kB/);
    if (field && name) {
      const entry = totals.get(name);
      if (field[1] === 'Rss') entry.rssKb += Number(field[2]);
      else entry.privateKb += Number(field[2]);
    }
  }
  return [...totals.entries()].filter(([, e]) => e.rssKb > 0).sort((a, b) => b[1].rssKb - a[1].rssKb);
}

function counters(pid) {
  const io = procFields(pid, 'io');
  return { at: performance.now(), cpuS: cpuSeconds(pid), cpuNs: cpuNanoseconds(pid), writeBytes: io.write_bytes, wchar: io.wchar };
}

function fileSize(path) {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

// CPU and disk over a window, scaled: CPU seconds per hour, MB written per day.
async function window(pid, seconds) {
  const before = counters(pid);
  await delay(seconds * 1000);  // the measurement window itself
  const after = counters(pid);
  const elapsedS = (after.at - before.at) / 1000;
  return {
    elapsedS,
    cpuSPerHour: ((after.cpuS - before.cpuS) * 3600) / elapsedS,
    schedSPerHour: ((after.cpuNs - before.cpuNs) / 1e9 * 3600) / elapsedS,
    writeMbPerDay: ((after.writeBytes - before.writeBytes) * 86400) / elapsedS / 1e6,
    writeBytes: after.writeBytes - before.writeBytes,
    wcharMbPerDay: ((after.wchar - before.wchar) * 86400) / elapsedS / 1e6,
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// Spawn to BootNotification received by an ocpp-rpc server, on a fresh database and on the same one again.
async function bootTimes() {
  const server = await startRpcServer({ onBoot: () => accepted(300) });
  const fresh = [];
  const existing = [];
  for (let run = 0; run < BOOT_RUNS; ++run) {
    for (const list of [fresh, existing]) {
      const cp = harness.startChargePoint(`boot-${run}`, {
        'ocpp.central_system_url': server.url, 'ocpp.charge_point_id': `BOOT${run}`,
      }, { logLevel: 'info' });
      const link = await server.nextChargePoint(10000);
      const boot = await link.next('BootNotification', 10000);
      list.push(boot.at - cp.startedAt);
      await cp.stop();
    }
  }
  await server.close();
  return { fresh, existing };
}

async function main() {
  const started = new Date();
  const boot = await bootTimes();

  const port = await freePort();
  const csms = harness.startCsmsLite('csms-lite', { 'http.port': port, 'http.web_root': webRoot() }, { logLevel: 'info' });
  await waitForCsmsHttp(new CsmsApi(port), csms);
  const state = harness.chargePointState('bench');
  const cp = harness.startChargePoint('bench', {
    'ocpp.central_system_url': `ws://${HOST}:${port}/ocpp`,
    'ocpp.charge_point_id': 'BENCH1',
    'charging.plug_and_charge_id_tag': ID_TAG,
  }, { logLevel: 'info' });
  await cp.waitForLog(/registration: .* -> accepted/, { timeoutMs: 15000 });
  await delay(SETTLE_S * 1000);  // idle means idle: after the start-up writes and statuses
  const idleMemory = memory(cp.pid);
  const idleMappings = residentByMapping(cp.pid);
  const idleThreads = procFields(cp.pid, 'status').Threads;
  const dbBefore = fileSize(state['storage.database']) + fileSize(`${state['storage.database']}-wal`);
  const idle = await window(cp.pid, WINDOW_S);

  const from = cp.mark();
  await simOk(state['simulator.control_socket'], 'plug-in');
  await cp.waitForLog(/transactions: transaction \d+ started/, { from, timeoutMs: 15000 });
  await cp.waitForLog(/connector 1: Charging/, { from, timeoutMs: 15000 });
  await delay(5000);  // past the transaction's start writes
  const charging = await window(cp.pid, WINDOW_S);
  const chargingMemory = memory(cp.pid);
  const dbAfter = fileSize(state['storage.database']) + fileSize(`${state['storage.database']}-wal`);
  await harness.stopAll();
  if (csms.exitStatus?.code) throw new Error(`csms-lite exited ${JSON.stringify(csms.exitStatus)}`);

  const kb = (value) => `${(value / 1024).toFixed(2)} MB`;
  const rows = [
    ['start → BootNotification, fresh database (median of ' + BOOT_RUNS + ')', `${median(boot.fresh)} ms (min ${Math.min(...boot.fresh)}, max ${Math.max(...boot.fresh)})`, '< 300 ms'],
    ['start → BootNotification, existing database (median)', `${median(boot.existing)} ms (min ${Math.min(...boot.existing)}, max ${Math.max(...boot.existing)})`, '< 300 ms'],
    [`idle memory after ${SETTLE_S} s: VmRSS`, kb(idleMemory.vmRssKb), '< 8 MB'],
    ['idle memory: Pss / private', `${kb(idleMemory.pssKb)} / ${kb(idleMemory.privateKb)}`, ''],
    ['charging memory: VmRSS / Pss / private (peak VmHWM)', `${kb(chargingMemory.vmRssKb)} / ${kb(chargingMemory.pssKb)} / ${kb(chargingMemory.privateKb)} (${kb(chargingMemory.vmHwmKb)})`, ''],
    [`CPU idle, utime+stime (${idle.elapsedS.toFixed(0)} s window)`, `${idle.cpuSPerHour.toFixed(2)} s/h (schedstat ${idle.schedSPerHour.toFixed(3)} s/h)`, ''],
    [`CPU charging, utime+stime (${charging.elapsedS.toFixed(0)} s window)`, `${charging.cpuSPerHour.toFixed(2)} s/h (schedstat ${charging.schedSPerHour.toFixed(3)} s/h)`, ''],
    ['disk writes idle (write_bytes)', `${idle.writeMbPerDay.toFixed(3)} MB/day (${idle.writeBytes} B in window)`, '< 1 MB/day'],
    ['disk writes charging (write_bytes)', `${charging.writeMbPerDay.toFixed(3)} MB/day (${charging.writeBytes} B in window)`, '< 10 MB/day'],
    ['all write() bytes idle / charging (wchar: + sockets, logs)', `${idle.wcharMbPerDay.toFixed(2)} / ${charging.wcharMbPerDay.toFixed(2)} MB/day`, ''],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  const valueWidth = Math.max(...rows.map((r) => r[1].length));
  console.log(`\neo-chargepoint on the simulator (tick 1000 ms, MeterValueSampleInterval 60 s) — ${started.toISOString()}`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`${'figure'.padEnd(width)} | ${'measured'.padEnd(valueWidth)} | goal`);
  console.log(`${'-'.repeat(width)}-|-${'-'.repeat(valueWidth)}-|-----------`);
  for (const [name, value, goal] of rows) console.log(`${name.padEnd(width)} | ${value.padEnd(valueWidth)} | ${goal}`);
  console.log(`\nidle resident memory by mapping (${idleThreads} threads; env MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? 'unset'}):`);
  for (const [mapping, entry] of idleMappings) {
    console.log(`  ${mapping.padEnd(28)} ${kb(entry.rssKb).padStart(9)} resident, ${kb(entry.privateKb).padStart(9)} private`);
  }
  console.log(`(database + WAL files grew by ${dbAfter - dbBefore} B from the idle window's start to the charging window's end, the transaction's start included)`);
}

main().catch(async (error) => {
  console.error(error);
  harness.dumpLogs('benchmark');
  await harness.stopAll();
  process.exit(1);
});
