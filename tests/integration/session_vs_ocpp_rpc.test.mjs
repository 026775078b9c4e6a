// Charging sessions on the simulated EO box against ocpp-rpc in strict mode (every message checked
// against the official OCPP 1.6 schemas). Test names follow the OCA OCPP 1.6 test tool (OCTT) where a
// case applies. The simulator is driven through its control socket (docs/simulator.md).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { Harness } from './lib/processes.mjs';
import {
  assertEveryPeriodicSample, assertNonDecreasing, checkTransactionMeterValues, configurationMap, reportedRegisters, statusesOf,
} from './lib/ocpp_checks.mjs';
import { EVENT_TIMEOUT_MS, Servers, bootedChargePoint, chargePointSettings, nextBootedLink } from './lib/session.mjs';

// The tests run concurrently, each with its own harness (processes, logs, state folder) and servers.
const harnesses = [];
const servers = new Servers();
after(async () => {
  await Promise.all(harnesses.map((h) => h.stopAll()));
  await servers.closeAll();
});

function isolated(fn) {
  const harness = new Harness();
  harnesses.push(harness);
  return harness.wrap((t) => fn(t, harness));
}

function assertNoStrictFailures(server) {
  assert.deepEqual(server.strictFailures(), [], 'ocpp-rpc strict mode found schema violations');
}

const isStatus = (connectorId, status) => (c) =>
  c.method === 'StatusNotification' && c.params.connectorId === connectorId && (!status || c.params.status === status);

describe('charging sessions against ocpp-rpc (strict mode)', { concurrency: true }, () => {
  test('TC_003 plug-and-charge: Authorize, StartTransaction, statuses, MeterValues, EVDisconnected', isolated(async (t, harness) => {
    const { server, link, sim } = await bootedChargePoint(harness, servers, 'tc003', {
      settings: { 'charging.plug_and_charge_id_tag': 'EO-PLUG' },
    });
    assert.deepEqual(await link.call('ChangeConfiguration', { key: 'MeterValueSampleInterval', value: '1' }),
                     { status: 'Accepted' });
    const measurands = configurationMap(await link.call('GetConfiguration', { key: ['MeterValuesSampledData'] }))
      .get('MeterValuesSampledData').value.split(',');
    const from = link.frames.length;

    await sim.plugIn();
    const authorize = await link.next('Authorize', EVENT_TIMEOUT_MS);
    assert.deepEqual(authorize.params, { idTag: 'EO-PLUG' });
    const start = await link.next('StartTransaction', EVENT_TIMEOUT_MS);
    assert.equal(start.params.connectorId, 1);
    assert.equal(start.params.idTag, 'EO-PLUG');
    assert.ok(Number.isInteger(start.params.meterStart) && start.params.meterStart >= 0);
    const transactionId = start.answer.transactionId;
    await link.waitForCall(isStatus(1, 'Charging'), { from, timeoutMs: EVENT_TIMEOUT_MS, what: 'Charging' });
    // Two periodic samples (every second from the start), then the car leaves.
    await link.next('MeterValues', EVENT_TIMEOUT_MS);
    await link.next('MeterValues', EVENT_TIMEOUT_MS);
    await sim.unplug();
    const stop = await link.next('StopTransaction', EVENT_TIMEOUT_MS);
    await link.waitForCall(isStatus(1, 'Available'), { from, timeoutMs: EVENT_TIMEOUT_MS, what: 'Available after the stop' });

    const calls = link.incomingCalls(from);
    const indexOf = (pred) => calls.findIndex(pred);
    t.diagnostic(`sequence: ${calls.map((c) => (c.method === 'StatusNotification' ? c.params.status : c.method)).join(' ')}`);
    // Statuses: Preparing, then only SuspendedEV/Charging while the transaction runs, Available at the end.
    const statuses = statusesOf(calls, 1);
    assert.equal(statuses[0], 'Preparing');
    assert.equal(statuses.at(-1), 'Available');
    assert.ok(statuses.includes('Charging'));
    for (const status of statuses.slice(1, -1)) assert.ok(['SuspendedEV', 'Charging'].includes(status), `status ${status} during a normal session: ${statuses}`);
    assert.ok(indexOf((c) => c.method === 'Authorize') < indexOf((c) => c.method === 'StartTransaction'));
    assert.ok(indexOf((c) => c.method === 'StartTransaction') < indexOf((c) => isStatus(1)(c) && c.params.status !== 'Preparing'),
              'StartTransaction comes before the status it causes');

    // MeterValues: this transaction, decimal strings, the configured measurands, the register never falls.
    const meterValues = calls.filter((c) => c.method === 'MeterValues');
    assert.ok(meterValues.length >= 2);
    const registers = meterValues.flatMap((c) => checkTransactionMeterValues(c.params, { transactionId, measurands }));
    const timestamps = meterValues.map((c) => Date.parse(c.params.meterValue[0].timestamp));
    for (let i = 1; i < timestamps.length; ++i) assert.ok(timestamps[i] > timestamps[i - 1], 'one sample per period, in order');
    assertNonDecreasing([start.params.meterStart, ...registers, stop.params.meterStop], 'the energy register');
    assertEveryPeriodicSample(meterValues.map((c) => c.params), start.params.timestamp, stop.params.timestamp, 1);
    const power = meterValues.map((c) => Number(c.params.meterValue[0].sampledValue.find((v) => v.measurand === 'Power.Active.Import')?.value ?? 0));
    assert.ok(power.some((w) => w > 1000), `the car charged: ${power} W`);
    t.diagnostic(`meterStart ${start.params.meterStart}, registers ${registers}, meterStop ${stop.params.meterStop}`);

    assert.equal(stop.params.transactionId, transactionId);
    assert.equal(stop.params.reason, 'EVDisconnected');
    assert.equal(stop.params.idTag, undefined, 'no idTag: nobody presented one to stop');
    assert.ok(Date.parse(stop.params.timestamp) >= Date.parse(start.params.timestamp));
    assertNoStrictFailures(server);
  }));

  test('TC_027, TC_011_1, TC_028, TC_012, TC_010: remote start before and after plug-in, remote stop', isolated(async (t, harness) => {
    const { server, link, sim } = await bootedChargePoint(harness, servers, 'remote');
    // TC_027: connectorId 0 is not a connector.
    assert.deepEqual(await link.call('RemoteStartTransaction', { connectorId: 0, idTag: 'REMOTE-1' }), { status: 'Rejected' });

    const from = link.frames.length;
    const started = await link.callTracked('RemoteStartTransaction', { connectorId: 1, idTag: 'REMOTE-1' });
    assert.deepEqual(started.answer, { status: 'Accepted' });
    const preparing = await link.waitForCall(isStatus(1, 'Preparing'), { from, timeoutMs: EVENT_TIMEOUT_MS, what: 'Preparing' });
    assert.ok(preparing.index > started.index, 'the status follows the answer');
    await sim.plugIn();
    const start = await link.next('StartTransaction', EVENT_TIMEOUT_MS);
    assert.equal(start.params.idTag, 'REMOTE-1');
    assert.equal(link.countCalls('Authorize'), 0, 'AuthorizeRemoteTxRequests is false: no Authorize');
    const transactionId = start.answer.transactionId;
    await link.waitForCall(isStatus(1, 'Charging'), { from, timeoutMs: EVENT_TIMEOUT_MS, what: 'Charging' });
    await sim.waitStatus((s) => s.state === 'charging' && s.current_a > 0, { what: 'the car to charge' });

    // TC_028: an unknown transaction is not stopped.
    assert.deepEqual(await link.call('RemoteStopTransaction', { transactionId: transactionId + 1 }), { status: 'Rejected' });
    const stopped = await link.callTracked('RemoteStopTransaction', { transactionId });
    assert.deepEqual(stopped.answer, { status: 'Accepted' });
    const stop = await link.next('StopTransaction', EVENT_TIMEOUT_MS);
    assert.equal(stop.params.reason, 'Remote');
    assert.equal(stop.params.transactionId, transactionId);
    assert.ok(stop.params.meterStop >= start.params.meterStart);
    const stopCall = link.incomingCalls(from).find((c) => c.method === 'StopTransaction');
    assert.ok(stopCall.index > stopped.index, 'StopTransaction follows the answer');
    await link.waitForCall(isStatus(1, 'Finishing'), { from: stopCall.index, timeoutMs: EVENT_TIMEOUT_MS, what: 'Finishing' });
    // The box stops offering current: the car stops drawing.
    await sim.waitStatus((s) => s.offered_a === 0 && s.current_a === 0, { what: 'the offer to go to 0 A' });
    await sim.unplug();
    await link.waitForCall(isStatus(1, 'Available'), { from: stopCall.index, timeoutMs: EVENT_TIMEOUT_MS, what: 'Available after unplugging' });
    assert.equal(link.countCalls('StopTransaction'), 1);

    // TC_010: the cable first, then the remote start (the second transaction of this process).
    const second = link.frames.length;
    await sim.plugIn();
    await link.waitForCall(isStatus(1, 'Preparing'), { from: second, timeoutMs: EVENT_TIMEOUT_MS, what: 'Preparing' });
    assert.deepEqual(await link.call('RemoteStartTransaction', { idTag: 'REMOTE-2' }), { status: 'Accepted' });
    await link.waitForCall(isStatus(1, 'Charging'), { from: second, timeoutMs: EVENT_TIMEOUT_MS, what: 'Charging' });
    const calls = link.incomingCalls(second);
    const startIndex = calls.findIndex((c) => c.method === 'StartTransaction');
    assert.equal(calls[startIndex].params.idTag, 'REMOTE-2');
    assert.deepEqual(statusesOf(calls.slice(0, startIndex), 1), ['Preparing']);
    const during = statusesOf(calls.slice(startIndex), 1);
    assert.ok(during.every((s) => ['SuspendedEV', 'Charging'].includes(s)),
              `after StartTransaction only SuspendedEV or Charging while the car takes the offer: ${during}`);
    await sim.unplug();
    const secondStop = await link.next('StopTransaction', EVENT_TIMEOUT_MS);
    assert.equal(secondStop.params.reason, 'EVDisconnected');
    assert.notEqual(secondStop.params.transactionId, transactionId);
    assertNoStrictFailures(server);
  }));

  test('TC_016 soft reset during a transaction: SoftReset stop, the same process boots again', isolated(async (t, harness) => {
    const { server, cp, link, sim } = await bootedChargePoint(harness, servers, 'reset', {
      settings: { 'charging.plug_and_charge_id_tag': 'EO-PLUG' },
    });
    const pid = cp.pid;
    await sim.plugIn();
    const start = await link.next('StartTransaction', EVENT_TIMEOUT_MS);
    await link.waitForCall(isStatus(1, 'Charging'), { timeoutMs: EVENT_TIMEOUT_MS, what: 'Charging' });

    const resetAt = Date.now();
    const reset = await link.callTracked('Reset', { type: 'Soft' });
    assert.deepEqual(reset.answer, { status: 'Accepted' });
    const stop = await link.next('StopTransaction', EVENT_TIMEOUT_MS);
    assert.equal(stop.params.reason, 'SoftReset');
    assert.equal(stop.params.transactionId, start.answer.transactionId);
    assert.ok(stop.params.meterStop >= start.params.meterStart);
    await link.closed;

    // execv: the same pid starts from scratch and registers again.
    const again = await nextBootedLink(server);
    t.diagnostic(`booted again ${Date.now() - resetAt} ms after the Reset`);
    assert.equal(cp.pid, pid);
    assert.ok(cp.alive, 'the process is still running');
    assert.equal(cp.countLog(/eo-chargepoint \S+ starting with/), 2, 'started twice in one process');
    assert.equal(again.countCalls('BootNotification'), 1);
    // The simulated car does not survive the restart of the simulator; nothing is left to stop.
    assert.deepEqual(statusesOf(again.calls, 1), ['Available']);
    assert.equal(server.all.reduce((n, c) => n + c.countCalls('StopTransaction'), 0), 1, 'one StopTransaction in all');
    assertNoStrictFailures(server);
  }));

  test('TC_034 ChangeAvailability Inoperative survives a restart; Operative again', isolated(async (t, harness) => {
    const settings = { 'charging.plug_and_charge_id_tag': 'EO-PLUG' };
    const first = await bootedChargePoint(harness, servers, 'availability', { settings });
    const from = first.link.frames.length;
    const changed = await first.link.callTracked('ChangeAvailability', { connectorId: 0, type: 'Inoperative' });
    assert.deepEqual(changed.answer, { status: 'Accepted' });
    await first.link.waitForCall(isStatus(0, 'Unavailable'), { from, what: 'connector 0 Unavailable' });
    await first.link.waitForCall(isStatus(1, 'Unavailable'), { from, what: 'connector 1 Unavailable' });
    assert.deepEqual(await first.cp.stop(), { code: 0, signal: null });

    // Same database: it comes back Unavailable.
    const cp = harness.startChargePoint('availability', chargePointSettings(first.server.url, settings));
    const link = await nextBootedLink(first.server);
    assert.deepEqual(link.calls.filter((c) => c.method === 'StatusNotification').map((c) => [c.params.connectorId, c.params.status]),
                     [[0, 'Unavailable'], [1, 'Unavailable']]);
    // Plugged in while Unavailable: no plug-and-charge. (The trigger's answer is the barrier: a plug-in
    // handled before it would have sent Authorize before it.)
    await first.sim.plugIn();
    await first.sim.waitStatus((s) => s.state === 'connected', { what: 'the car to be seen' });
    assert.deepEqual(await link.call('TriggerMessage', { requestedMessage: 'StatusNotification', connectorId: 1 }), { status: 'Accepted' });
    const triggered = await link.next('StatusNotification', EVENT_TIMEOUT_MS);
    assert.equal(triggered.params.status, 'Unavailable');
    assert.equal(link.countCalls('Authorize') + link.countCalls('StartTransaction'), 0);
    assert.deepEqual(await link.call('RemoteStartTransaction', { idTag: 'REMOTE-1' }), { status: 'Rejected' });

    const back = link.frames.length;
    assert.deepEqual(await link.call('ChangeAvailability', { connectorId: 0, type: 'Operative' }), { status: 'Accepted' });
    await link.waitForCall(isStatus(0, 'Available'), { from: back, what: 'connector 0 Available' });
    await link.waitForCall(isStatus(1, 'Preparing'), { from: back, what: 'connector 1 Preparing (the car is plugged in)' });
    assert.ok(cp.alive);
    assertNoStrictFailures(first.server);
  }));

  test('TC_054/TC_055 TriggerMessage, TC_062 DataTransfer, UnlockConnector, TC_019_1 GetConfiguration, bad measurands',
       isolated(async (t, harness) => {
    const { server, link } = await bootedChargePoint(harness, servers, 'commands', {
      settings: { 'ocpp.authorization_key': 'a-secret-key' },
    });
    // Each trigger is answered first; the message follows the answer.
    const triggers = [
      [{ requestedMessage: 'StatusNotification' }, (c) => isStatus(0)(c), (c) => isStatus(1)(c)],
      [{ requestedMessage: 'StatusNotification', connectorId: 1 }, (c) => isStatus(1)(c)],
      [{ requestedMessage: 'MeterValues' }, (c) => c.method === 'MeterValues'],
      [{ requestedMessage: 'Heartbeat' }, (c) => c.method === 'Heartbeat'],
      [{ requestedMessage: 'BootNotification' }, (c) => c.method === 'BootNotification'],
    ];
    for (const [request, ...expected] of triggers) {
      const from = link.frames.length;
      const { answer, index } = await link.callTracked('TriggerMessage', request);
      assert.deepEqual(answer, { status: 'Accepted' }, JSON.stringify(request));
      for (const pred of expected) {
        const call = await link.waitForCall(pred, { from, timeoutMs: EVENT_TIMEOUT_MS, what: `what ${JSON.stringify(request)} asked for` });
        assert.ok(call.index > index, `${call.method} follows the TriggerMessage answer`);
        if (call.method === 'MeterValues') {
          assert.equal(call.params.transactionId, undefined, 'no transaction runs');
          checkTransactionMeterValues(call.params, { transactionId: undefined, contexts: ['Trigger'] });
        }
      }
    }
    // TC_055: a connector this box does not have.
    assert.deepEqual(await link.call('TriggerMessage', { requestedMessage: 'StatusNotification', connectorId: 2 }), { status: 'Rejected' });

    assert.deepEqual(await link.call('DataTransfer', { vendorId: 'com.example.unknown', messageId: 'x', data: 'y' }),
                     { status: 'UnknownVendorId' });
    // The EO boxes have a tethered cable or a socket without a lock actuator.
    assert.deepEqual(await link.call('UnlockConnector', { connectorId: 1 }), { status: 'NotSupported' });

    // A measurand the box cannot measure makes the whole list Rejected; the old list stays.
    const before = configurationMap(await link.call('GetConfiguration', { key: ['MeterValuesSampledData'] })).get('MeterValuesSampledData').value;
    assert.deepEqual(await link.call('ChangeConfiguration', {
      key: 'MeterValuesSampledData', value: 'Energy.Active.Import.Register,Energy.Reactive.Import.Register',
    }), { status: 'Rejected' });
    assert.deepEqual(await link.call('ChangeConfiguration', { key: 'MeterValuesSampledData', value: 'Energy.Active.Import.Register,Banana' }),
                     { status: 'Rejected' });
    const afterwards = configurationMap(await link.call('GetConfiguration', { key: ['MeterValuesSampledData'] })).get('MeterValuesSampledData');
    assert.equal(afterwards.value, before);

    // TC_019_1: every key has a value; the write-only AuthorizationKey is not listed and never revealed.
    const all = await link.call('GetConfiguration', {});
    assert.equal(all.unknownKey, undefined);
    for (const entry of all.configurationKey) {
      assert.equal(typeof entry.value, 'string', `${entry.key} has no value`);
      assert.equal(typeof entry.readonly, 'boolean', `${entry.key}: readonly`);
    }
    assert.ok(!configurationMap(all).has('AuthorizationKey'), 'AuthorizationKey is listed');
    assert.ok(!JSON.stringify(all).includes('a-secret-key'), 'the key leaks');
    assertNoStrictFailures(server);
  }));
});
