// Starting the project's executables as real child processes, with their output captured.
//
// Every process started here is registered; a Harness kills what its test file started (after hook),
// and as a last resort every registered process is SIGKILLed when this Node process exits, so a test
// that crashes or times out never leaves a daemon behind.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { waitFor } from './wait.mjs';

const live = new Set();

function killAllNow() {
  for (const proc of live) {
    try {
      proc.child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
}

process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAllNow();
    process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 })[signal]);
  });
}

// The binaries come from CTest (set_tests_properties ENVIRONMENT); running a file by hand needs them too.
export function binaryPath(variable) {
  const path = process.env[variable];
  if (!path) throw new Error(`${variable} is not set: run these tests through CTest (ctest -L integration)`);
  if (!existsSync(path)) throw new Error(`${variable}=${path} does not exist: build it first`);
  return path;
}

export function webRoot() {
  return process.env.EO_WEB_ROOT || new URL('../../../web', import.meta.url).pathname;
}

// An empty configuration file, so that a file in /etc/eo-ocpp on a developer's machine cannot change
// what the tests see: only the --set options count.
let emptyConfigPath;
function emptyConfig() {
  if (!emptyConfigPath) {
    const dir = mkdtempSync(join(tmpdir(), 'eo-it-'));
    emptyConfigPath = join(dir, 'empty.conf');
    writeFileSync(emptyConfigPath, '# integration tests: every setting comes from --set\n');
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return emptyConfigPath;
}

export class ManagedProcess {
  constructor(name, bin, settings, { logLevel = 'debug', extraArgs = [] } = {}) {
    this.name = name;
    this.lines = [];  // {at: ms since start, stream, text}
    this.startedAt = Date.now();
    const args = ['--config', emptyConfig(), '--log-level', logLevel];
    for (const [key, value] of Object.entries(settings)) args.push('--set', `${key}=${value}`);
    args.push(...extraArgs);
    this.commandLine = [bin, ...args].join(' ');
    this.child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.pid = this.child.pid;
    this.exitStatus = null;
    this.waiters = new Set();
    live.add(this);
    for (const stream of ['stdout', 'stderr']) {
      let partial = '';
      this.child[stream].setEncoding('utf8');
      this.child[stream].on('data', (chunk) => {
        partial += chunk;
        const parts = partial.split('\n');
        partial = parts.pop();
        for (const text of parts) this.addLine(stream, text);
      });
      this.child[stream].on('end', () => {
        if (partial) this.addLine(stream, partial);
        partial = '';
      });
    }
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exitStatus = { code, signal };
        live.delete(this);
        this.notify();
        this.saveLog();
        resolve(this.exitStatus);
      });
    });
    this.child.on('error', (error) => this.addLine('spawn', String(error)));
  }

  // With EO_IT_LOG_DIR set, every process's whole output is kept there (for looking at passing runs too).
  saveLog() {
    const dir = process.env.EO_IT_LOG_DIR;
    if (!dir) return;
    try {
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${this.name.replace(/[^A-Za-z0-9._-]+/g, '_')}-${this.pid}.log`);
      writeFileSync(file, `$ ${this.commandLine}\n${this.lines.map((l) => l.text).join('\n')}\n`);
    } catch (error) {
      console.error(`could not save the log of ${this.name}: ${error.message}`);
    }
  }

  addLine(stream, text) {
    this.lines.push({ at: Date.now() - this.startedAt, stream, text });
    this.notify();
  }

  notify() {
    for (const waiter of this.waiters) waiter();
  }

  get alive() {
    return this.exitStatus === null;
  }

  // Index of the next log line: pass as `from` to look only at what is logged after now.
  mark() {
    return this.lines.length;
  }

  findLog(pattern, from = 0) {
    for (let i = from; i < this.lines.length; ++i) {
      const match = this.lines[i].text.match(pattern);
      if (match) return { index: i, match, line: this.lines[i] };
    }
    return null;
  }

  countLog(pattern, from = 0) {
    let count = 0;
    for (let i = from; i < this.lines.length; ++i) if (pattern.test(this.lines[i].text)) ++count;
    return count;
  }

  // Resolves with the first line at or after `from` that matches; rejects on timeout or exit.
  waitForLog(pattern, { from = 0, timeoutMs = 5000 } = {}) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.findLog(pattern, from);
        if (found) {
          done();
          resolve(found);
        } else if (!this.alive) {
          done();
          reject(new Error(`${this.name} exited (${JSON.stringify(this.exitStatus)}) before logging ${pattern}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${this.name} did not log ${pattern} within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  output({ last = 400 } = {}) {
    const lines = this.lines.slice(-last).map((l) => `${String(l.at).padStart(6)} ms ${l.text}`);
    const skipped = this.lines.length - lines.length;
    return (skipped > 0 ? `  … ${skipped} earlier line(s) not shown\n` : '') + lines.join('\n');
  }

  // SIGTERM, then SIGKILL if it has not exited within `graceMs`. Resolves with {code, signal}.
  async stop({ graceMs = 5000 } = {}) {
    if (!this.alive) return this.exitStatus;
    this.child.kill('SIGTERM');
    let timer;
    const killed = new Promise((resolve) => {
      timer = setTimeout(() => {
        this.addLine('harness', `did not exit within ${graceMs} ms of SIGTERM: SIGKILL`);
        this.child.kill('SIGKILL');
        resolve();
      }, graceMs);
    });
    await Promise.race([this.exited, killed]);
    clearTimeout(timer);
    return this.exited;
  }
}

// One per test file: starts processes, prints their logs when a test fails, stops them all at the end.
export class Harness {
  constructor() {
    this.processes = [];
  }

  start(name, bin, settings, options) {
    const proc = new ManagedProcess(name, bin, settings, options);
    this.processes.push(proc);
    return proc;
  }

  // Each charge point gets its own database and simulator socket in a temporary folder unless the test
  // names them (a test that restarts a charge point passes the same ones again).
  chargePointState(name) {
    if (!this.stateDir) this.stateDir = mkdtempSync(join(tmpdir(), 'eo-cp-'));
    const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_');
    return { 'storage.database': join(this.stateDir, `${safe}.db`), 'simulator.control_socket': join(this.stateDir, `${safe}.sock`) };
  }

  startChargePoint(name, settings, options) {
    return this.start(name, binaryPath('EO_CHARGEPOINT_BIN'), { ...this.chargePointState(name), ...settings }, options);
  }

  // csms-lite keeps its state in SQLite: each instance gets its own file unless the test names one (a
  // test that restarts csms-lite on the same data passes the same storage.database again). The tests
  // written before the registration and id tag tables run it as an open lab central system: unknown
  // charge points and id tags accepted; a test that checks those policies sets them.
  csmsLiteState(name) {
    if (!this.stateDir) this.stateDir = mkdtempSync(join(tmpdir(), 'eo-cp-'));
    const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_');
    return { 'storage.database': join(this.stateDir, `csms-${safe}.db`) };
  }

  startCsmsLite(name, settings, options) {
    const defaults = { ...this.csmsLiteState(name), 'ocpp.unknown_charge_points': 'accept', 'ocpp.unknown_id_tags': 'accept' };
    return this.start(name, binaryPath('EO_CSMS_LITE_BIN'), { ...defaults, ...settings }, options);
  }

  // The logs of the processes started since index `from`, and of those still running.
  dumpLogs(title, from = 0) {
    for (const [index, proc] of this.processes.entries()) {
      if (index < from && !proc.alive) continue;
      const status = proc.alive ? `running, pid ${proc.pid}` : `exited ${JSON.stringify(proc.exitStatus)}`;
      console.error(`\n----- ${title}: log of ${proc.name} (${status}) -----\n$ ${proc.commandLine}\n${proc.output()}`);
    }
  }

  // Wraps a test body: on failure the logs of every process this file started are printed.
  wrap(fn) {
    return async (t) => {
      const from = this.processes.length;
      try {
        await fn(t);
      } catch (error) {
        this.dumpLogs(t.name, from);
        throw error;
      } finally {
        // A test's own processes do not outlive it.
        await Promise.all(this.processes.slice(from).map((p) => p.stop()));
      }
    };
  }

  async stopAll() {
    await Promise.all(this.processes.map((p) => p.stop()));
  }
}

export { waitFor };
