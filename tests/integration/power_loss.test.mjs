// Power loss during a transaction (OCTT TC_032): the daemon is SIGKILLed (no goodbye, no flush) and
// started again on the same database. The interrupted transaction is closed with reason PowerLoss,
// exactly once, never below an energy register the central system has already seen.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { Harness } from './lib/processes.mjs';
import {
  assertEveryPeriodicSample, assertNonDecreasing, checkTransactionMeterValues, configurationMap,
} from './lib/ocpp_checks.mjs';
import { EVENT_TIMEOUT_MS, Servers, bootedChargePoint, chargePointSettings, nextBootedLink } from './lib/session.mjs';

const harness = new Harness();
const servers = new Servers();
after(async () => {
  await harness.stopAll();
  await servers.closeAll();
});

describe('power loss', () => {
  test('TC_032 SIGKILL while charging: one StopTransaction with reason PowerLoss after the restart', harness.wrap(async (t) => {
    const settings = { 'charging.plug_and_charge_id_tag': 'EO-PLUG' };
    const { server, cp, link, sim } = await bootedChargePoint(harness, servers, 'power-loss', { settings });
    assert.deepEqual(await link.call('ChangeConfiguration', { key: 'MeterValueSampleInterval', value: '1' }), { status: 'Accepted' });
    const measurands = configurationMap(await link.call('GetConfiguration', { key: ['MeterValuesSampledData'] }))
      .get('MeterValuesSampledData').value.split(',');
    await sim.plugIn();
    const start = await link.next('StartTransaction', EVENT_TIMEOUT_MS);
    const transactionId = start.answer.transactionId;
    await link.next('MeterValues', EVENT_TIMEOUT_MS);
    await link.next('MeterValues', EVENT_TIMEOUT_MS);
    const reported = link.calls.filter((c) => c.method === 'MeterValues')
      .flatMap((c) => checkTransactionMeterValues(c.params, { transactionId, measurands }));
    const samples = link.calls.filter((c) => c.method === 'MeterValues').map((c) => c.params);
    assertEveryPeriodicSample(samples, start.params.timestamp, samples.at(-1).meterValue[0].timestamp, 1);

    // The power goes: no SIGTERM handler runs, nothing is flushed.
    cp.child.kill('SIGKILL');
    assert.equal((await cp.exited).signal, 'SIGKILL');
    await link.closed;

    const restarted = harness.startChargePoint('power-loss', chargePointSettings(server.url, settings));
    const after1 = await nextBootedLink(server);
    const stops = after1.calls.filter((c) => c.method === 'StopTransaction');
    assert.equal(stops.length, 1, 'one StopTransaction for the interrupted transaction');
    const stop = stops[0].params;
    t.diagnostic(`reported ${reported} Wh, then StopTransaction ${JSON.stringify(stop)}`);
    assert.equal(stop.reason, 'PowerLoss');
    assert.equal(stop.transactionId, transactionId);
    assert.equal(stop.idTag, undefined);
    assertNonDecreasing([start.params.meterStart, ...reported, stop.meterStop], 'the energy register');
    assert.ok(Date.parse(stop.timestamp) >= Date.parse(start.params.timestamp));
    // Delivered before the statuses of the new connection, after its BootNotification.
    const order = after1.incomingCalls().map((c) => c.method);
    assert.ok(order.indexOf('BootNotification') < order.indexOf('StopTransaction'));
    assert.ok(order.indexOf('StopTransaction') < order.indexOf('StatusNotification'), `order: ${order}`);
    assert.ok(restarted.findLog(/transaction \d+ was interrupted .*PowerLoss/), 'the log says why');

    // Once only: a further restart finds nothing left to close. (Its statuses follow the outbox,
    // so they are the barrier.)
    assert.deepEqual(await restarted.stop(), { code: 0, signal: null });
    harness.startChargePoint('power-loss', chargePointSettings(server.url, settings));
    const after2 = await nextBootedLink(server);
    assert.equal(after2.countCalls('StopTransaction'), 0, 'the PowerLoss stop is sent once');
    assert.equal(server.all.reduce((n, c) => n + c.countCalls('StopTransaction'), 0), 1);
    assert.deepEqual(server.strictFailures(), [], 'ocpp-rpc strict mode found schema violations');
  }));
});
