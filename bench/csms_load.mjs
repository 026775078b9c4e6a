// The csms-lite load benchmark (bench/csms_load.sh runs it; bench/README.md has the figures).
// N simulated charge points (bench/csms_load_worker.mjs, in worker threads) connect to a fresh
// csms-lite on loopback at a controlled rate, boot, and send MeterValues every S seconds, spread
// evenly; it prints messages/s, CALL → CALLRESULT latency, csms-lite's memory per connection and CPU,
// and the time 5,000 charge points take to reconnect and boot after csms-lite is restarted.
//
// EO_CSMS_LITE_BIN   the csms-lite executable (bench/csms_load.sh sets it)
// EO_LOAD_SCENARIOS  comma-separated: smoke | steady | connected | restart (default all but smoke)
// EO_LOAD_WORKERS    generator threads (2)          EO_LOAD_RAMP      connections/s while ramping (500)
// EO_LOAD_WINDOW_S   steady measurement window (30)  EO_LOAD_KEEP=1    keep the temp folders (logs)
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  Workers, cpu_s, free_port, load_average, now_ms, rss_kib, sleep, start_csms, stop_csms, summary,
  wait_until,
} from './csms_load_lib.mjs';

const bin = process.env.EO_CSMS_LITE_BIN;
if (!bin) throw new Error('EO_CSMS_LITE_BIN must name the csms-lite executable');
const web_root = process.env.EO_WEB_ROOT ?? new URL('../web', import.meta.url).pathname;
const worker_count = Number(process.env.EO_LOAD_WORKERS ?? 2);
const ramp_per_s = Number(process.env.EO_LOAD_RAMP ?? 500);
const window_s = Number(process.env.EO_LOAD_WINDOW_S ?? 30);
const scenarios = (process.env.EO_LOAD_SCENARIOS ?? 'steady,connected,restart').split(',');
const keep = process.env.EO_LOAD_KEEP === '1';

const rows = []; // the steady-state table
const restarts = []; // the restart table
const log = (...args) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...args);

// A fresh csms-lite, then N charge points at the ramp rate until every one is booted.
async function fleet_up(n, interval_s) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'csms-load-'));
  const port = await free_port();
  const csms = await start_csms({ bin, dir, port, web_root });
  await sleep(2000);
  const rss_idle = rss_kib(csms.pid);
  const workers = new Workers(worker_count, `ws://127.0.0.1:${port}/ocpp/`);
  workers.tell({ cmd: 'reconnect', on: true }); // real charge points retry; failures are counted
  workers.tell({ cmd: 'meter', interval_s, t0_ms: now_ms(), total: n });
  log(`${n} charge points, ramp ${ramp_per_s}/s, MeterValues every ${interval_s} s; csms-lite idle RSS ${rss_idle} KiB`);
  const started = now_ms();
  const cpu_before = cpu_s(csms.pid);
  workers.connect(n, ramp_per_s);
  const booted = await wait_until(async () => {
    const s = await workers.status();
    return s.booted === n ? s : null;
  }, (n / ramp_per_s) * 1000 + 120000, 200);
  if (!booted) throw new Error(`not all ${n} charge points booted: ${JSON.stringify(await workers.status())}`);
  const ramp = {
    seconds: (booted.last_boot_ms - started) / 1000,
    cpu_s: cpu_s(csms.pid) - cpu_before,
    ...(await workers.collect()),
  };
  const c = ramp.counters;
  log(`  all booted after ${ramp.seconds.toFixed(1)} s (${(n / ramp.seconds).toFixed(0)}/s); ` +
      `connect ${fmt(summary(ramp.latencies.connect))}, boot ${fmt(summary(ramp.latencies.boot))}; ` +
      `failed opens ${c.open_failed}, closes ${c.closed}, errors ${c.call_errors}, timeouts ${c.timeouts}; ` +
      `server CALLs ${JSON.stringify(c.server_calls)}; csms-lite CPU ${ramp.cpu_s.toFixed(1)} s`);
  await sleep(5000);
  const rss_up = rss_kib(csms.pid);
  log(`  csms-lite RSS ${rss_up} KiB: ${((rss_up - rss_idle) / n).toFixed(1)} KiB per connection`);
  return { dir, port, csms, workers, n, rss_idle, rss_up, ramp };
}

const fmt = (s) => `p50 ${s.p50} / p99 ${s.p99} / max ${s.max} ms (n ${s.n})`;

// One measurement window of MeterValues at the current rate.
async function measure(fleet, interval_s, seconds, label) {
  const { csms, workers, n } = fleet;
  workers.tell({ cmd: 'meter', interval_s, t0_ms: now_ms(), total: n });
  await sleep(Math.min(interval_s, 10) * 1000 + 1000); // the new schedule settles in
  await workers.collect();
  const load_before = load_average();
  const cpu_before = cpu_s(csms.pid);
  const gen_before = process.cpuUsage();
  const started = now_ms();
  workers.tell({ cmd: 'window', open: true });
  await sleep(seconds * 1000);
  workers.tell({ cmd: 'window', open: false });
  const took_s = (now_ms() - started) / 1000;
  const { counters: c, latencies, delay } = await workers.collect();
  const gen = process.cpuUsage(gen_before);
  const row = {
    label, n, interval_s, seconds: took_s,
    rate: c.answered / took_s,
    latency: summary(latencies.meter),
    errors: c.call_errors + c.timeouts + c.boots_other + c.open_failed + c.closed,
    skipped: c.skipped_busy,
    csms_cpu: (100 * (cpu_s(csms.pid) - cpu_before)) / took_s,
    gen_cpu: (100 * (gen.user + gen.system)) / 1e6 / took_s,
    gen_delay: delay,
    rss_idle: fleet.rss_idle, rss: rss_kib(csms.pid),
    load: `${load_before} → ${load_average()}`,
  };
  row.per_connection = (row.rss - row.rss_idle) / n;
  rows.push(row);
  log(`  ${label}: ${row.rate.toFixed(0)} msg/s, ${fmt(row.latency)}, errors ${row.errors}, ` +
      `skipped ${row.skipped}, csms-lite CPU ${row.csms_cpu.toFixed(1)} %, generator CPU ${row.gen_cpu.toFixed(1)} % ` +
      `(its loop delay p99 ${row.gen_delay.p99_ms.toFixed(1)} / max ${row.gen_delay.max_ms.toFixed(1)} ms), ` +
      `RSS ${row.rss} KiB, load ${row.load}`);
  return row;
}

async function fleet_down(fleet) {
  // The WAL grows when checkpoints fall behind the writes.
  const wal = statSync(path.join(fleet.dir, 'csms.db-wal'), { throwIfNoEntry: false });
  const db = statSync(path.join(fleet.dir, 'csms.db'));
  log(`  database ${(db.size / 1048576).toFixed(1)} MiB, WAL ${((wal?.size ?? 0) / 1048576).toFixed(1)} MiB`);
  await fleet.workers.end();
  const exit = await stop_csms(fleet.csms);
  const text = readFileSync(path.join(fleet.dir, 'csms-lite.log'), 'utf8');
  const count = (level) => (text.match(new RegExp(`^\\S+ \\S+ ${level} `, 'gm')) ?? []).length;
  log(`  csms-lite exit ${JSON.stringify(exit)}; log: ${count('error')} errors, ${count('warning')} warnings`);
  if (keep) log(`  kept ${fleet.dir}`);
  else rmSync(fleet.dir, { recursive: true, force: true });
}

// csms-lite stopped with `signal`, started again on the same database: until all N booted again.
async function restart(fleet, signal) {
  const { workers, n, dir, port } = fleet;
  await workers.collect();
  const load_before = load_average();
  const stop_at = now_ms();
  await stop_csms(fleet.csms, signal);
  const exited_at = now_ms();
  fleet.csms = await start_csms({ bin, dir, port, web_root });
  const { spawned_ms, listening_ms } = fleet.csms;
  const done = await wait_until(async () => {
    const s = await workers.status(spawned_ms);
    return s.booted === n ? s : null;
  }, 300000, 50);
  const { counters: c, latencies } = await workers.collect();
  const row = {
    signal, n,
    stop_s: (exited_at - stop_at) / 1000,
    listen_s: (listening_ms - spawned_ms) / 1000,
    all_booted_s: done ? (done.last_boot_ms - spawned_ms) / 1000 : NaN,
    booted: done ? n : (await workers.status(spawned_ms)).booted,
    attempts: c.reconnect_attempts, refused: c.open_failed,
    errors: c.call_errors + c.timeouts + c.boots_other,
    boot: summary(latencies.boot), connect: summary(latencies.connect),
    load: `${load_before} → ${load_average()}`,
    rss: rss_kib(fleet.csms.pid),
  };
  restarts.push(row);
  log(`  ${signal}: exited after ${row.stop_s.toFixed(2)} s; listening ${row.listen_s.toFixed(2)} s after spawn; ` +
      `all ${row.booted}/${n} booted ${row.all_booted_s.toFixed(2)} s after spawn; ${row.attempts} reconnect attempts ` +
      `(${row.refused} failed), errors ${row.errors}; boot ${fmt(row.boot)}; connect ${fmt(row.connect)}; load ${row.load}`);
}

log(`csms-lite: ${bin}; ${worker_count} generator threads; ${os.cpus().length} CPUs; nice ${os.getPriority()}; load ${load_average()}`);
for (const scenario of scenarios) {
  if (scenario === 'smoke') {
    const fleet = await fleet_up(50, 1);
    await measure(fleet, 1, 5, 'smoke: 50 × 1/s');
    await fleet_down(fleet);
  } else if (scenario === 'steady') {
    const fleet = await fleet_up(1000, 1);
    await measure(fleet, 1, window_s, '1,000 × 1/s');
    await measure(fleet, 1, window_s, '1,000 × 1/s (again)');
    await fleet_down(fleet);
  } else if (scenario === 'connected') {
    const fleet = await fleet_up(10000, 60);
    await measure(fleet, 60, 60, '10,000 × 1/60 s');
    await measure(fleet, 10, window_s, '10,000 × 1/10 s');
    await fleet_down(fleet);
  } else if (scenario === 'restart') {
    const fleet = await fleet_up(5000, 60);
    await restart(fleet, 'SIGTERM');
    await restart(fleet, 'SIGKILL');
    await fleet_down(fleet);
  } else {
    throw new Error(`unknown scenario ${scenario} (smoke, steady, connected, restart)`);
  }
}

console.log('\n| scenario | connected | msg/s | p50 / p99 / max ms | errors | csms-lite CPU | generator CPU | RSS idle → loaded | per connection | load avg |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(`| ${r.label} | ${r.n} | ${r.rate.toFixed(0)} | ${r.latency.p50} / ${r.latency.p99} / ${r.latency.max} (n ${r.latency.n}) | ` +
    `${r.errors}${r.skipped ? ` (+${r.skipped} skipped)` : ''} | ${r.csms_cpu.toFixed(1)} % | ${r.gen_cpu.toFixed(1)} % | ` +
    `${(r.rss_idle / 1024).toFixed(1)} → ${(r.rss / 1024).toFixed(1)} MiB | ${r.per_connection.toFixed(1)} KiB | ${r.load} |`);
}
if (restarts.length) {
  console.log('\n| restart | charge points | stop | spawn → listening | spawn → all booted | reconnect attempts (failed) | errors | boot p50 / p99 ms | load avg |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of restarts) {
    console.log(`| ${r.signal} | ${r.booted}/${r.n} | ${r.stop_s.toFixed(2)} s | ${r.listen_s.toFixed(2)} s | ` +
      `**${r.all_booted_s.toFixed(2)} s** | ${r.attempts} (${r.refused}) | ${r.errors} | ${r.boot.p50} / ${r.boot.p99} | ${r.load} |`);
  }
}
process.exit(0);
