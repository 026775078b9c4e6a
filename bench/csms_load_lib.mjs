// Helpers of the csms-lite load benchmark (bench/csms_load.mjs): the csms-lite process, /proc
// figures, the worker threads and the statistics.
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const now_ms = () => performance.timeOrigin + performance.now();

export async function free_port() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function port_open(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

// csms-lite on loopback with its database in `dir`; its log (info, as installed) goes to a file.
// Unknown charge points are accepted at once (ocpp.unknown_charge_points=accept). EO_LOAD_SET adds
// settings for experiments: "storage.flush_rows=5000 ocpp.ping_interval_s=60".
const extra_settings = (process.env.EO_LOAD_SET ?? '').split(/\s+/).filter(Boolean);
export async function start_csms({ bin, dir, port, web_root, log_name = 'csms-lite.log' }) {
  const log = createWriteStream(path.join(dir, log_name), { flags: 'a' });
  const child = spawn(bin, [
    '--set', `storage.database=${path.join(dir, 'csms.db')}`,
    '--set', `http.port=${port}`,
    '--set', 'http.address=127.0.0.1',
    '--set', `http.web_root=${web_root}`,
    '--set', 'ocpp.unknown_charge_points=accept',
    ...extra_settings.flatMap((setting) => ['--set', setting]),
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const spawned_ms = now_ms();
  let exited = null;
  child.once('exit', (code, signal) => { exited = { code, signal }; });
  child.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  for (;;) {
    if (exited) throw new Error(`csms-lite exited at start (${JSON.stringify(exited)}); see ${dir}/${log_name}`);
    if (await port_open(port)) break;
    await sleep(5);
  }
  child.spawned_ms = spawned_ms;
  child.listening_ms = now_ms();
  return child;
}

export async function stop_csms(child, signal = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return child.exited;
  child.kill(signal);
  const timeout = setTimeout(() => child.kill('SIGKILL'), 20000);
  const result = await child.exited;
  clearTimeout(timeout);
  return result;
}

export function rss_kib(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]);
}

// utime + stime of a process in seconds (/proc/<pid>/stat fields 14 and 15, clock ticks of 10 ms).
export function cpu_s(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export const load_average = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

// The generator's worker threads; each opens its connections from its own loopback address
// (127.0.0.<10+i>), so that each has the whole ephemeral port range for itself.
export class Workers {
  constructor(count, url) {
    this.seq = 0;
    this.waiting = new Map();
    this.threads = Array.from({ length: count }, (_, i) => {
      const worker = new Worker(new URL('./csms_load_worker.mjs', import.meta.url), {
        workerData: { url, local_address: `127.0.0.${10 + i}`, worker_index: i },
      });
      worker.on('message', (msg) => {
        const resolve = this.waiting.get(msg.reply);
        this.waiting.delete(msg.reply);
        resolve?.(msg);
      });
      worker.on('error', (e) => { console.error(`worker ${i}:`, e); process.exit(3); });
      return worker;
    });
  }
  tell(msg) { for (const w of this.threads) w.postMessage(msg); }
  ask(msg) {
    return Promise.all(this.threads.map((w) => new Promise((resolve) => {
      const seq = ++this.seq;
      this.waiting.set(seq, resolve);
      w.postMessage({ ...msg, seq });
    })));
  }
  // Charge points BENCH-00000 … split into contiguous slices, one per thread.
  connect(total, rate_per_s) {
    const per = Math.ceil(total / this.threads.length);
    this.threads.forEach((w, i) => {
      const first = i * per;
      const ids = [];
      for (let n = first; n < Math.min(total, first + per); n++) ids.push(`BENCH-${String(n).padStart(5, '0')}`);
      w.postMessage({ cmd: 'connect', ids, first_index: first, rate_per_s: rate_per_s / this.threads.length });
    });
  }
  async status(since_ms = 0) {
    const parts = await this.ask({ cmd: 'status', since_ms });
    return {
      connected: parts.reduce((a, p) => a + p.connected, 0),
      booted: parts.reduce((a, p) => a + p.booted, 0),
      last_boot_ms: Math.max(...parts.map((p) => p.last_boot_ms)),
    };
  }
  // Counters summed and latencies merged since the last collect.
  async collect() {
    const parts = await this.ask({ cmd: 'collect' });
    const counters = {};
    const latencies = {};
    for (const p of parts) {
      for (const [k, v] of Object.entries(p.counters)) {
        if (typeof v === 'number') counters[k] = (counters[k] ?? 0) + v;
        else for (const [a, n] of Object.entries(v)) (counters[k] ??= {})[a] = (counters[k]?.[a] ?? 0) + n;
      }
      for (const [k, v] of Object.entries(p.latencies)) (latencies[k] ??= []).push(v);
    }
    for (const k of Object.keys(latencies)) latencies[k] = merge_sorted(latencies[k]);
    // The worst thread's event-loop delay (p99 and max): the generator's share of a latency.
    const delay = {
      p99_ms: Math.max(...parts.map((p) => p.delay.p99_ms || 0)),
      max_ms: Math.max(...parts.map((p) => p.delay.max_ms || 0)),
    };
    return { counters, latencies, delay };
  }
  async end() { await this.ask({ cmd: 'close_all' }); await Promise.all(this.threads.map((w) => w.terminate())); }
}

function merge_sorted(arrays) {
  const all = new Float64Array(arrays.reduce((a, x) => a + x.length, 0));
  let at = 0;
  for (const a of arrays) { all.set(a, at); at += a.length; }
  return all.sort();
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summary(sorted) {
  const ms = (v) => (Number.isNaN(v) ? '–' : v < 10 ? v.toFixed(2) : v.toFixed(1));
  return {
    n: sorted.length,
    p50: ms(percentile(sorted, 50)),
    p99: ms(percentile(sorted, 99)),
    max: ms(sorted.length ? sorted[sorted.length - 1] : NaN),
  };
}

export async function wait_until(predicate, timeout_ms, poll_ms = 100) {
  const until = now_ms() + timeout_ms;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (now_ms() > until) return null;
    await sleep(poll_ms);
  }
}
