// Fault injection: many short charging sessions (plug-and-charge, a MeterValues sample every second)
// while, at random moments, the daemon is SIGKILLed and restarted on the same database, the network
// between it and the central system is cut or black-holed (a TCP proxy), and the central system is
// restarted on the same port. At the end everything is allowed to settle and what the central system
// received is judged (lib/fault_checks.mjs): one Start and one Stop per transaction, nothing
// duplicated beyond counted resends after a lost answer, a register that never goes backwards.
//
// EO_FAULT_RUNS (default 20) sessions and one long central system outage, schedule from EO_FAULT_SEED (default: random, printed; set it
// to replay a schedule — the timing of the processes still varies).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { checkFaultRun, K_VOLATILE_BATCH } from './lib/fault_checks.mjs';
import { FaultCsms } from './lib/fault_csms.mjs';
import { Harness } from './lib/processes.mjs';
import { simCommand, simOk } from './lib/sim_control.mjs';
import { TcpProxy } from './lib/tcp_proxy.mjs';
import { delay, waitFor } from './lib/wait.mjs';

const RUNS = Number(process.env.EO_FAULT_RUNS ?? 20);
const SEED = Number(process.env.EO_FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));
const SAMPLE_INTERVAL_S = 1;
const CALL_TIMEOUT_S = 10;
const ID_TAG = 'PNC-FAULT';

// mulberry32: small, seedable, good enough to pick moments.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const harness = new Harness();
const cleanups = [];
after(async () => {
  await harness.stopAll();
  for (const cleanup of cleanups) await cleanup().catch(() => {});
});

class Scenario {
  constructor(t) {
    this.t = t;
    this.random = prng(SEED);
    this.counts = { runs: 0, longOutages: 0, kills: 0, cuts: 0, freezesDropped: 0, freezesResumed: 0, csRestarts: 0, plugIns: 0 };
    this.kills = [];  // Date.now() of each SIGKILL
    this.events = [];  // {at, kind}: every fault, to name the cause of a resend
  }

  event(kind) {
    this.events.push({ at: Date.now(), kind });
  }

  between(low, high) {
    return low + (high - low) * this.random();
  }

  async setUp() {
    this.csms = await new FaultCsms({
      heartbeatIntervalS: 20,
      // A central system that takes a moment to store a transaction widens the window in which an
      // answer can be lost.
      answerDelayMs: (method) => (method.endsWith('Transaction') || method === 'MeterValues' ? Math.floor(this.random() * 30) : 0),
    }).start();
    cleanups.push(() => this.csms.stop());
    this.proxy = await new TcpProxy(this.csms.port).listen();
    cleanups.push(() => this.proxy.close());
    this.settings = {
      'ocpp.central_system_url': `ws://127.0.0.1:${this.proxy.port}/ocpp`,
      'ocpp.charge_point_id': 'FAULT1',
      'ocpp.call_timeout_s': CALL_TIMEOUT_S,
      'network.reconnect_min_s': 1,
      'network.reconnect_max_s': 2,
      'charging.plug_and_charge_id_tag': ID_TAG,
      'simulator.tick_ms': 100,
    };
    this.socket = harness.chargePointState('fault-cp')['simulator.control_socket'];
    await this.startChargePoint();
    await waitFor(() => this.csms.calls.some((c) => c.method === 'BootNotification'), { timeoutMs: 10000, what: 'the first BootNotification' });
    // Persisted in the charge point's database, so every restart keeps them.
    for (const [key, value] of Object.entries({
      MeterValueSampleInterval: SAMPLE_INTERVAL_S,
      ClockAlignedDataInterval: 0,  // only periodic samples: their grid is checked
      TransactionMessageRetryInterval: 1,
    })) {
      const answer = await this.csms.current.call('ChangeConfiguration', { key, value: String(value) });
      assert.equal(answer.status, 'Accepted', `ChangeConfiguration ${key}`);
    }
  }

  async startChargePoint() {
    this.ready = false;
    this.cp = harness.startChargePoint('fault-cp', this.settings, { logLevel: process.env.EO_FAULT_LOG_LEVEL ?? 'info' });
    // Ready when the simulator answers on its socket.
    await waitFor(async () => this.cp.alive && (await simCommand(this.socket, 'status', { timeoutMs: 1000 })).startsWith('ok'),
      { timeoutMs: 10000, what: 'the restarted charge point to answer on its simulator socket' });
    this.ready = true;
  }

  // A command to the box; a dead or starting box hears nothing (the car's state dies with the
  // simulator).
  async sim(command) {
    if (!this.ready) return;
    const cp = this.cp;
    try {
      await simOk(this.socket, command);
    } catch (error) {
      if (cp === this.cp && cp.alive) throw error;
    }
  }

  async kill() {
    ++this.counts.kills;
    this.kills.push(Date.now());
    this.event('kill');
    this.ready = false;
    this.cp.child.kill('SIGKILL');
    await this.cp.exited;
    await delay(this.between(0, 1500));
    await this.startChargePoint();
  }

  async networkFault() {
    const kind = this.random();
    if (kind < 0.4) {
      ++this.counts.cuts;
      this.event('network cut');
      this.proxy.cut();
    } else if (kind < 0.75) {
      // Black hole, then TCP gives up: sometimes longer than the call timeout, so that calls time out.
      ++this.counts.freezesDropped;
      this.event('black hole, then reset');
      this.proxy.freeze();
      await delay(this.random() < 0.15 ? this.between(CALL_TIMEOUT_S * 1000, CALL_TIMEOUT_S * 1000 + 3000) : this.between(500, 4000));
      this.proxy.thaw({ drop: true });
    } else {
      // A short black hole that heals: everything arrives late, but before any call times out.
      ++this.counts.freezesResumed;
      this.event('black hole, then healed');
      this.proxy.freeze();
      await delay(this.between(300, 4000));
      this.proxy.thaw({ drop: false });
    }
  }

  async restartCentralSystem() {
    ++this.counts.csRestarts;
    this.event('central system restart');
    await this.csms.stop();
    await delay(this.between(0, 3000));
    await this.csms.start(this.csms.port);
  }

  // One session: plug in, unplug a few seconds later; each fault may strike at a random moment in or
  // just after it.
  async run() {
    ++this.counts.runs;
    const sessionMs = this.between(800, 4500);
    const faults = [];
    const at = (ms, action) => faults.push(delay(ms).then(action));
    if (this.random() < 0.3) at(this.between(0, sessionMs + 800), () => this.kill());
    if (this.random() < 0.35) at(this.between(0, sessionMs + 800), () => this.networkFault());
    if (this.random() < 0.25) at(this.between(0, sessionMs + 800), () => this.restartCentralSystem());
    ++this.counts.plugIns;
    await this.sim('plug-in');
    await delay(sessionMs);
    await this.sim('unplug');
    await Promise.all(faults);
    await delay(this.between(0, 1000));
  }

  // One session through a long central system outage: the samples pile up in memory, a batch of
  // them is written (k_volatile_batch), then the box is killed: what was written must arrive after the
  // restart, what was only in memory (less than a batch) is lost, the transaction ends PowerLoss.
  async longOutage() {
    ++this.counts.longOutages;
    await this.sim('plug-in');
    await delay(this.between(1500, 2500));
    this.event('long central system outage');
    await this.csms.stop();
    await delay(this.between((K_VOLATILE_BATCH + 2) * SAMPLE_INTERVAL_S * 1000, (K_VOLATILE_BATCH + 4) * SAMPLE_INTERVAL_S * 1000));
    const restart = this.kill();
    await this.csms.start(this.csms.port);
    await restart;
  }

  // Everything back to normal, then wait until the charge point has nothing left to say: no message
  // for a few seconds and the connector reported Available last.
  async settle() {
    if (!this.cp.alive) await this.startChargePoint();
    this.proxy.thaw({ drop: false });
    if (!this.csms.running) await this.csms.start(this.csms.port);
    await this.sim('unplug');
    const quietMs = 6000;
    await waitFor(() => {
      const last = this.csms.calls.at(-1);
      const status = this.csms.calls.findLast((c) => c.method === 'StatusNotification' && c.params.connectorId === 1);
      return last && Date.now() - last.at > quietMs && status?.params.status === 'Available';
    }, { timeoutMs: 90000, intervalMs: 200, what: 'the charge point to settle (quiet, connector Available)' });
    // A graceful restart writes what is still in memory; the new life must find an empty outbox.
    await this.cp.stop();
    const bootsBefore = this.csms.calls.filter((c) => c.method === 'BootNotification').length;
    await this.startChargePoint();
    await waitFor(() => this.csms.calls.filter((c) => c.method === 'BootNotification').length > bootsBefore,
      { timeoutMs: 15000, what: 'the BootNotification after the final restart' });
    await waitFor(() => Date.now() - this.csms.calls.at(-1).at > 3000, { timeoutMs: 30000, what: 'quiet after the final restart' });
    return this.cp.findLog(/outbox: \d+ transaction message\(s\) to deliver/);
  }
}

test(`transactions survive kills, network faults and central system restarts (${RUNS} runs)`, { timeout: (RUNS * 12 + 300) * 1000 }, async (t) => {
  t.diagnostic(`EO_FAULT_SEED=${SEED} EO_FAULT_RUNS=${RUNS}`);
  const scenario = new Scenario(t);
  const firstProcess = harness.processes.length;
  try {
    await scenario.setUp();
    const longOutageAt = Math.floor(scenario.random() * RUNS);
    for (let run = 0; run < RUNS; ++run) {
      if (run === longOutageAt) await scenario.longOutage();
      await scenario.run();
    }
    const leftInOutbox = await scenario.settle();

    const { csms } = scenario;
    if (process.env.EO_IT_LOG_DIR) {
      // Everything the central system received, for looking into a run afterwards.
      mkdirSync(process.env.EO_IT_LOG_DIR, { recursive: true });
      writeFileSync(join(process.env.EO_IT_LOG_DIR, `fault-csms-calls-${SEED}.json`), JSON.stringify({ kills: scenario.kills, calls: csms.calls }, null, 1));
    }
    const cpLines = harness.processes.slice(firstProcess).flatMap((p) => p.lines.map((l) => l.text));
    const givenUp = cpLines.filter((line) => /outbox: giving up/.test(line));
    const result = checkFaultRun(csms.calls, {
      sampleIntervalMs: SAMPLE_INTERVAL_S * 1000, kills: scenario.kills, unknownIdAllowed: givenUp.length > 0,
    });
    const powerLoss = result.transactions.filter((tx) => tx.stop?.params.reason === 'PowerLoss').length;
    const explained = result.duplicates.filter((d) => d.explained);

    t.diagnostic(`faults: ${JSON.stringify(scenario.counts)}, proxy ${JSON.stringify(scenario.proxy.counts)}, central system lives ${csms.lives}, connections ${csms.connections.length}`);
    t.diagnostic(`messages received: ${JSON.stringify(csms.countByMethod())}`);
    t.diagnostic(`transactions: ${result.transactions.length} (${powerLoss} stopped with PowerLoss), transaction messages ${result.stream.length}`);
    // What lost each answer: the faults between the first copy's arrival and the resend.
    const causes = explained.map((d) => {
      const kinds = scenario.events.filter((e) => e.at >= d.first.at - 50 && e.at <= d.again.at).map((e) => e.kind);
      return `${d.again.method} after ${[...new Set(kinds)].join(' + ') || 'no recorded fault'}`;
    });
    t.diagnostic(`resends after a lost answer (allowed, counted): ${explained.length}${causes.length ? ` — ${causes.join('; ')}` : ''}; StartTransaction resends answered with the same id: ${csms.duplicateStarts}`);
    t.diagnostic(`largest register step ${result.maxJumpWh} Wh; samples lost in kills ${result.lostTrailingSamples} (≤ ${K_VOLATILE_BATCH + 1} per kill allowed); messages with transactionId -1: ${result.unknownIdMessages}; outbox gave up ${givenUp.length} time(s)`);

    assert.deepEqual(csms.strictFailures, [], 'every message valid against the OCPP 1.6 schemas');
    assert.deepEqual(givenUp, [], 'no transaction message dropped after TransactionMessageAttempts');
    assert.equal(leftInOutbox, null, 'the outbox is empty once everything settled');
    assert.ok(result.transactions.length >= RUNS / 3, `only ${result.transactions.length} transactions in ${RUNS} runs`);
    assert.ok(powerLoss <= scenario.counts.kills, `${powerLoss} PowerLoss stops but only ${scenario.counts.kills} kills`);
    assert.deepEqual(result.problems, [], `EO_FAULT_SEED=${SEED}: what the central system received breaks the charge point's promises`);
  } catch (error) {
    console.error(`fault injection failed with EO_FAULT_SEED=${SEED} EO_FAULT_RUNS=${RUNS}`);
    harness.dumpLogs(t.name, Math.max(firstProcess, harness.processes.length - 3));
    throw error;
  } finally {
    await Promise.all(harness.processes.slice(firstProcess).map((p) => p.stop()));
  }
});
