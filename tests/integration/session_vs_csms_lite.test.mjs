// A whole charging session between the two programs: eo-chargepoint on the simulated box, csms-lite
// as the central system, observed through csms-lite's REST API and both programs' logs.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { Harness, webRoot } from './lib/processes.mjs';
import { CsmsApi, waitForCsmsHttp } from './lib/csms_api.mjs';
import { HOST, freePort } from './lib/net.mjs';
import { ENERGY, checkTransactionMeterValues, registerWh } from './lib/ocpp_checks.mjs';
import { EVENT_TIMEOUT_MS, Servers, bootedChargePoint, chargePointSettings } from './lib/session.mjs';
import { waitFor } from './lib/wait.mjs';

const harness = new Harness();
const servers = new Servers();
after(async () => {
  await harness.stopAll();
  await servers.closeAll();
});

let api = null;  // the csms-lite of the running test, logged in with an API token

async function chargePointRecord() {
  const response = await api.get('/api/chargers/CP1/record');
  return response.status === 200 ? response.json : null;
}

function waitForRecord(port, check, what, timeoutMs = EVENT_TIMEOUT_MS) {
  return waitFor(async () => {
    const record = await chargePointRecord(port);
    return record && check(record) ? record : null;
  }, { timeoutMs, intervalMs: 50, what });
}

const connectorStatus = (record, id) => record.connectors?.[String(id)]?.status;

describe('a charging session between eo-chargepoint and csms-lite', () => {
  test('TC_003 plug in, charge, unplug: what csms-lite shows and both logs say', harness.wrap(async (t) => {
    // csms-lite cannot change configuration keys yet: a first run against ocpp-rpc sets a 1 s sample
    // interval, which the charge point keeps in its database.
    const settings = { 'charging.plug_and_charge_id_tag': 'EO-PLUG' };
    const seeded = await bootedChargePoint(harness, servers, 'csms', { settings });
    assert.deepEqual(await seeded.link.call('ChangeConfiguration', { key: 'MeterValueSampleInterval', value: '1' }), { status: 'Accepted' });
    assert.deepEqual(await seeded.cp.stop(), { code: 0, signal: null });

    const port = await freePort();
    const csms = harness.startCsmsLite('csms-lite', { 'http.port': port, 'http.web_root': webRoot(), 'ocpp.heartbeat_interval_s': 10 });
    api = new CsmsApi(port);
    await waitForCsmsHttp(api, csms, { timeoutMs: EVENT_TIMEOUT_MS });
    await api.login(harness.csmsLiteState('csms-lite')['storage.database']);
    const cp = harness.startChargePoint('csms', chargePointSettings(`ws://${HOST}:${port}/ocpp`, settings));
    const sim = seeded.sim;

    const booted = await waitForRecord(port, (r) => r.connected && r.boot && connectorStatus(r, 1) === 'Available' &&
                                                    r.configuration?.MeterValueSampleInterval,
                                       'CP1 booted, Available and its configuration read');
    assert.equal(booted.configuration.MeterValueSampleInterval.value, '1', 'the interval survived the restart');
    assert.equal(connectorStatus(booted, 0), 'Available');

    await sim.plugIn();
    const charging = await waitForRecord(port, (r) => connectorStatus(r, 1) === 'Charging', 'csms-lite to show Charging');
    assert.equal(charging.connectors['1'].errorCode, 'NoError');
    const started = await csms.waitForLog(/CP1: transaction (\d+) started on connector 1 by EO-PLUG at (\d+) Wh/, { timeoutMs: EVENT_TIMEOUT_MS });
    const transactionId = Number(started.match[1]);
    const meterStart = Number(started.match[2]);
    await cp.waitForLog(/transactions: transaction \d+ started for 'EO-PLUG'/, { timeoutMs: EVENT_TIMEOUT_MS });
    assert.ok(cp.findLog(/authorization: 'EO-PLUG' is Accepted \(central system\)/), 'csms-lite authorised the tag');

    // Two periodic samples reach csms-lite, each newer than the last and with the transaction's id.
    const seen = [];
    for (let i = 0; i < 2; ++i) {
      const record = await waitForRecord(port, (r) => r.lastMeterValues?.transactionId === transactionId &&
                                                      !seen.includes(r.lastMeterValues.meterValue[0].timestamp),
                                         'a new MeterValues of the transaction in csms-lite');
      const values = record.lastMeterValues;
      checkTransactionMeterValues(values, { transactionId, measurands: booted.configuration.MeterValuesSampledData.value.split(',') });
      seen.push(values.meterValue[0].timestamp);
      const wh = registerWh(values.meterValue[0]);
      t.diagnostic(`csms-lite shows ${ENERGY} = ${wh} Wh at ${values.meterValue[0].timestamp}`);
      seen.register = Math.max(seen.register ?? 0, wh);
    }
    assert.ok(seen.register >= meterStart);

    await sim.unplug();
    const stopped = await csms.waitForLog(new RegExp(`CP1: transaction ${transactionId} stopped at (\\d+) Wh`), { timeoutMs: EVENT_TIMEOUT_MS });
    const meterStop = Number(stopped.match[1]);
    assert.ok(meterStop >= seen.register, `meterStop ${meterStop} >= every register shown (${seen.register})`);
    const cpStopped = await cp.waitForLog(/transactions: transaction \d+ stopped \(EVDisconnected\) at (\d+) Wh/, { timeoutMs: EVENT_TIMEOUT_MS });
    assert.equal(Number(cpStopped.match[1]), meterStop, 'both programs agree on meterStop');
    const available = await waitForRecord(port, (r) => connectorStatus(r, 1) === 'Available', 'csms-lite to show Available again');
    assert.ok(available.messagesIn >= 8, `messagesIn ${available.messagesIn}`);
    // Every StartTransaction and StopTransaction was answered: nothing waits in the outbox.
    assert.equal(cp.countLog(/outbox: .*(failed|giving up)/), 0);
    // Besides the first start's setup link, which csms-lite logs as a warning on purpose (no admin yet).
    for (const proc of [cp, csms]) {
      assert.equal(proc.countLog(/^\S+ \S+ (warning|error|critical) (?!\[csms-lite\] first start: )/), 0,
                   `${proc.name} logged a warning or an error`);
    }
    assert.deepEqual(await cp.stop(), { code: 0, signal: null });
    assert.deepEqual(await csms.stop(), { code: 0, signal: null });
  }));
});
