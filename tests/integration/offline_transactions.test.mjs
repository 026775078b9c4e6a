// Transactions while the central system is away (OCTT TC_036-TC_039): the transaction messages wait
// in the persistent outbox and are delivered in order when the connection is back, with the
// central system's transactionId patched in, before the StatusNotifications that describe the present.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { Harness } from './lib/processes.mjs';
import { startRpcServer, transactionHandlers } from './lib/ocpp.mjs';
import {
  assertEveryPeriodicSample, assertNonDecreasing, checkTransactionMeterValues, configurationMap, reportedRegisters, statusesOf,
} from './lib/ocpp_checks.mjs';
import { EVENT_TIMEOUT_MS, chargePointSettings, nextBootedLink } from './lib/session.mjs';
import { SimControl } from './lib/simctl.mjs';

const harnesses = [];
const servers = [];
after(async () => {
  await Promise.all(harnesses.map((h) => h.stopAll()));
  await Promise.all(servers.map((s) => s.close().catch(() => {})));
});

function isolated(fn) {
  const harness = new Harness();
  harnesses.push(harness);
  return harness.wrap((t) => fn(t, harness));
}

// One central system that can be stopped and started again on the same port; transaction ids go on
// counting across its restarts, like a real one with a database.
class CentralSystem {
  constructor() {
    this.handlers = transactionHandlers({ firstTransactionId: 500 });
    this.instances = [];
  }

  async start() {
    this.server = await startRpcServer({ port: this.port ?? 0, handlers: this.handlers });
    servers.push(this.server);
    this.instances.push(this.server);
    this.port = this.server.port;
    return this.server;
  }

  async stop() {
    await this.server.close({ force: true });
  }

  // Every CALL of the charge point over every connection, in order.
  calls() {
    return this.instances.flatMap((s) => s.all).flatMap((link) => link.incomingCalls());
  }
}

async function sampledMeasurands(link) {
  const answer = await link.call('GetConfiguration', { key: ['MeterValuesSampledData'] });
  return configurationMap(answer).get('MeterValuesSampledData').value.split(',');
}

async function charge(sim, wh) {
  const { energy_wh: before } = await sim.status();
  await sim.waitStatus((s) => s.energy_wh >= before + wh, { timeoutMs: EVENT_TIMEOUT_MS, what: `the car to take ${wh} Wh` });
}

async function unplugAndWaitForTheStop(cp, sim) {
  const mark = cp.mark();
  await sim.unplug();
  await cp.waitForLog(/transaction \d+ stopped \(EVDisconnected\)/, { from: mark, timeoutMs: EVENT_TIMEOUT_MS });
}

// The central system back on the same port: the charge point reconnects, delivers its queue, then
// reports its statuses. Returns the new connection once connector 1's status has arrived.
async function restartAndWaitForTheStatuses(central) {
  const restarted = await central.start();
  const back = await restarted.nextChargePoint(EVENT_TIMEOUT_MS);
  await back.waitForCall((c) => c.method === 'StatusNotification' && c.params.connectorId === 1,
                         { timeoutMs: EVENT_TIMEOUT_MS, what: 'the statuses after the queue' });
  return back;
}

function assertNoStrictFailures() {
  assert.deepEqual(servers.flatMap((s) => s.strictFailures()), [], 'ocpp-rpc strict mode found schema violations');
}

describe('transactions while the central system is away', { concurrency: true }, () => {
  test('TC_036/TC_038 link lost while charging; TC_037 a cached idTag starts offline; all delivered in order',
       isolated(async (t, harness) => {
    const central = new CentralSystem();
    const server = await central.start();
    const cp = harness.startChargePoint('offline', chargePointSettings(server.url, { 'charging.plug_and_charge_id_tag': 'EO-PLUG' }));
    const sim = new SimControl(harness.chargePointState('offline')['simulator.control_socket']);
    const link = await nextBootedLink(server);
    await sim.ready();
    assert.deepEqual(await link.call('ChangeConfiguration', { key: 'MeterValueSampleInterval', value: '1' }), { status: 'Accepted' });
    const measurands = await sampledMeasurands(link);
    await sim.plugIn();
    const start = await link.next('StartTransaction', EVENT_TIMEOUT_MS);
    const firstId = start.answer.transactionId;
    await link.next('MeterValues', EVENT_TIMEOUT_MS);

    // The central system goes away; the car charges on and leaves (TC_036, TC_038).
    let mark = cp.mark();
    await central.stop();
    await cp.waitForLog(/central system link lost/, { from: mark, timeoutMs: EVENT_TIMEOUT_MS });
    await charge(sim, 4);  // about two periodic samples
    await unplugAndWaitForTheStop(cp, sim);

    // TC_037: plugged in again, still offline: the idTag is in the authorization cache.
    mark = cp.mark();
    await sim.plugIn();
    await cp.waitForLog(/authorization: 'EO-PLUG' is Accepted \(cache \(offline\)\)/, { from: mark, timeoutMs: EVENT_TIMEOUT_MS });
    await cp.waitForLog(/transaction \d+ started/, { from: mark, timeoutMs: EVENT_TIMEOUT_MS });
    await charge(sim, 3);
    await unplugAndWaitForTheStop(cp, sim);

    // Back on the same port: the charge point reconnects (no reboot, so no BootNotification).
    const back = await restartAndWaitForTheStatuses(central);
    const delivered = back.incomingCalls();
    t.diagnostic(`after the reconnect: ${delivered.map((c) => `${c.method}${c.params.transactionId ? `(${c.params.transactionId})` : ''}`).join(' ')}`);
    assert.equal(back.countCalls('BootNotification'), 0, 'a reconnect is no reboot');
    const firstStatus = delivered.findIndex((c) => c.method === 'StatusNotification');
    const queued = delivered.slice(0, firstStatus);
    assert.ok(queued.length >= 4, 'the queue comes first');
    assert.ok(queued.every((c) => ['MeterValues', 'StartTransaction', 'StopTransaction'].includes(c.method)),
              `only transaction messages before the statuses: ${queued.map((c) => c.method)}`);
    assert.ok(delivered.slice(firstStatus).every((c) => c.method !== 'StartTransaction' && c.method !== 'StopTransaction'));
    assert.deepEqual(statusesOf(delivered, 1), ['Available']);

    // The first transaction: samples taken offline, then its stop, all with its id.
    const calls = central.calls();
    const stops = calls.filter((c) => c.method === 'StopTransaction');
    assert.equal(stops.length, 2, 'two StopTransactions in all');
    const firstStop = queued.findIndex((c) => c.method === 'StopTransaction');
    assert.ok(firstStop > 0);
    const offlineSamples = queued.slice(0, firstStop);
    assert.ok(offlineSamples.length >= 1 && offlineSamples.every((c) => c.method === 'MeterValues'),
              'the samples taken offline precede the stop of their transaction');
    assert.equal(queued[firstStop].params.transactionId, firstId);
    assert.equal(queued[firstStop].params.reason, 'EVDisconnected');
    const firstSamples = calls.filter((c) => c.method === 'MeterValues' && c.params.transactionId === firstId);
    const firstRegisters = firstSamples.flatMap((c) => checkTransactionMeterValues(c.params, { transactionId: firstId, measurands }));
    assertNonDecreasing([start.params.meterStart, ...firstRegisters, queued[firstStop].params.meterStop], 'the register of the first transaction');
    // (A sample in flight when the link broke is sent again.)
    assertEveryPeriodicSample(firstSamples.map((c) => c.params), start.params.timestamp, queued[firstStop].params.timestamp, 1,
                              { allowRepeats: true });

    // The second transaction, entirely offline: started, sampled and stopped with the id it got now.
    const rest = queued.slice(firstStop + 1);
    assert.equal(rest[0].method, 'StartTransaction');
    assert.equal(rest[0].params.idTag, 'EO-PLUG');
    assert.ok(rest[0].params.meterStart >= queued[firstStop].params.meterStop);
    const secondId = back.calls.find((c) => c.method === 'StartTransaction').answer.transactionId;
    assert.notEqual(secondId, firstId);
    assert.equal(rest.at(-1).method, 'StopTransaction');
    assert.equal(rest.at(-1).params.transactionId, secondId, 'the id is patched into the queued stop');
    const secondSamples = rest.slice(1, -1);
    assert.ok(secondSamples.length >= 1, 'samples of the offline transaction');
    const secondRegisters = secondSamples.flatMap((c) => checkTransactionMeterValues(c.params, { transactionId: secondId, measurands }));
    assertNonDecreasing([rest[0].params.meterStart, ...secondRegisters, rest.at(-1).params.meterStop], 'the register of the second transaction');
    assertEveryPeriodicSample(secondSamples.map((c) => c.params), rest[0].params.timestamp, rest.at(-1).params.timestamp, 1);
    assert.ok(Date.parse(rest[0].params.timestamp) < back.connectedAt, 'the start keeps the time it happened');
    assert.ok(cp.alive);
    assertNoStrictFailures();
  }));

  test('TC_039 AllowOfflineTxForUnknownId: a transaction of an unknown idTag, entirely offline, is delivered',
       isolated(async (t, harness) => {
    const central = new CentralSystem();
    const server = await central.start();
    const cp = harness.startChargePoint('unknown-id', chargePointSettings(server.url, { 'charging.plug_and_charge_id_tag': 'NEVER-SEEN' }));
    const sim = new SimControl(harness.chargePointState('unknown-id')['simulator.control_socket']);
    const link = await nextBootedLink(server);
    await sim.ready();
    for (const [key, value] of [['AllowOfflineTxForUnknownId', 'true'], ['MeterValueSampleInterval', '1']]) {
      assert.deepEqual(await link.call('ChangeConfiguration', { key, value }), { status: 'Accepted' }, key);
    }
    const measurands = await sampledMeasurands(link);
    let mark = cp.mark();
    await central.stop();
    await cp.waitForLog(/central system link lost/, { from: mark, timeoutMs: EVENT_TIMEOUT_MS });
    mark = cp.mark();
    await sim.plugIn();
    await cp.waitForLog(/authorization: 'NEVER-SEEN' is Accepted \(offline, unknown ids allowed\)/, { from: mark, timeoutMs: EVENT_TIMEOUT_MS });
    await charge(sim, 4);
    await unplugAndWaitForTheStop(cp, sim);

    const back = await restartAndWaitForTheStatuses(central);
    const delivered = back.incomingCalls();
    const firstStatus = delivered.findIndex((c) => c.method === 'StatusNotification');
    const queued = delivered.slice(0, firstStatus);
    t.diagnostic(`after the reconnect: ${delivered.map((c) => c.method).join(' ')}`);
    assert.equal(queued[0].method, 'StartTransaction');
    assert.equal(queued[0].params.idTag, 'NEVER-SEEN');
    assert.equal(queued.at(-1).method, 'StopTransaction');
    const transactionId = back.calls.find((c) => c.method === 'StartTransaction').answer.transactionId;
    assert.equal(queued.at(-1).params.transactionId, transactionId);
    const samples = queued.slice(1, -1);
    assert.ok(samples.length >= 1 && samples.every((c) => c.method === 'MeterValues'));
    const registers = samples.flatMap((c) => checkTransactionMeterValues(c.params, { transactionId, measurands }));
    assertNonDecreasing([queued[0].params.meterStart, ...registers, queued.at(-1).params.meterStop], 'the register');
    assertEveryPeriodicSample(samples.map((c) => c.params), queued[0].params.timestamp, queued.at(-1).params.timestamp, 1);
    assert.ok(reportedRegisters(samples.map((c) => c.params)).every((wh) => wh <= queued.at(-1).params.meterStop));
    assert.equal(link.countCalls('Authorize'), 0, 'never asked about: it was unknown and offline');
    assert.ok(cp.alive);
    assertNoStrictFailures();
  }));
});
