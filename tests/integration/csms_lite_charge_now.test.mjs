// "Charge now", pause, resume and stop (issue #6) while a weekly plan holds the car at 0 A: the same
// OCPP commands the web UI's Control page sends (web/js/model.js: a TxProfile with id 900 at stack
// level 5 for the running transaction, ClearChargingProfile of id 900, RemoteStopTransaction),
// sent through csms-lite's command API. Each must change what the simulated car is offered within
// a couple of seconds of the charge point's answer; the stop must end the transaction with a
// StopTransaction that csms-lite records.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { ApiCharger, CHARGER_ID, ID_TAG, startChargePoint, startCsms } from './lib/csms_lite_session.mjs';
import { Harness } from './lib/processes.mjs';
import { EVENT_TIMEOUT_MS } from './lib/session.mjs';
import { localHour, plan, windowFrom } from './lib/weekly_windows.mjs';

// The tests run at once, each with its own processes (a Harness stops what it started since a test
// began, so concurrent tests need one each).
const harnesses = [];
after(() => Promise.all(harnesses.map((h) => h.stopAll())));

function isolated(fn) {
  const harness = new Harness();
  harnesses.push(harness);
  return harness.wrap((t) => fn(t, harness));
}

// The box must follow a command this soon after the charge point answered it.
const FOLLOW_MS = 3000;
const UI_TX_PROFILE_ID = 900;
const UI_STACK_LEVEL = 5;

function txProfile(transactionId, limitA) {
  return {
    connectorId: 1,
    csChargingProfiles: {
      chargingProfileId: UI_TX_PROFILE_ID, transactionId, stackLevel: UI_STACK_LEVEL,
      chargingProfilePurpose: 'TxProfile', chargingProfileKind: 'Relative',
      chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: limitA }] },
    },
  };
}

// The offers the charge point's governor logged since `mark` ("offer: 16 A (TxDefault) → 0 A (Tx)"):
// what the board was told, in order.
function offersSince(cp, mark) {
  return cp.lines.slice(mark).map((l) => l.text.match(/ offer: .* → (.*)$/)).filter(Boolean).map((m) => m[1]);
}

describe('charge now, pause, resume and stop through csms-lite', { concurrency: true }, () => {
  test('a TxProfile overrules the plan that pauses the car, and goes with its transaction', isolated(async (t, harness) => {
    const csms = await startCsms(harness, 'csms-lite (charge now)');
    const charger = new ApiCharger(csms.api);
    // The plan exists before the charger connects: it arrives two seconds after the boot.
    const later = windowFrom(localHour(4), 2, 32);
    const saved = await csms.api.request('/api/schedules', { method: 'PUT', body: plan([later]) });
    assert.equal(saved.status, 200, saved.body);
    assert.deepEqual(saved.json.sent_to, [], 'no charger connected yet');
    const { cp, sim } = await startChargePoint(harness, 'eo-chargepoint (charge now)', csms.url);
    await charger.booted();
    await cp.waitForLog(/charging profile 100 installed \(TxDefaultProfile/, { timeoutMs: EVENT_TIMEOUT_MS });

    // The car arrives outside the plan's window: a transaction, but no current, not even briefly.
    const plugged = cp.mark();
    await sim.plugIn();
    const started = await csms.proc.waitForLog(/CP1: transaction (\d+) started on connector 1 by EO-PLUG at (\d+) Wh/, { timeoutMs: EVENT_TIMEOUT_MS });
    const transactionId = Number(started.match[1]);
    const meterStartWh = Number(started.match[2]);
    await charger.waitForOffer(0, 'TxDefault');
    assert.equal((await sim.status()).offered_a, 0);
    assert.equal((await sim.status()).current_a, 0);
    const early = offersSince(cp, plugged).filter((offer) => !offer.startsWith('0 A'));
    assert.deepEqual(early, [], 'no current offered before charge now');

    // Each step: the command through the API, then the box and the API's offer.
    const step = async (what, action, payload, amps, source) => {
      const sentAt = Date.now();
      assert.deepEqual(await charger.command(action, payload), { status: 'Accepted' }, what);
      const answeredAt = Date.now();
      await sim.waitStatus((s) => s.offered_a === amps, { timeoutMs: EVENT_TIMEOUT_MS, what: `${what}: the box to offer ${amps} A` });
      const followedMs = Date.now() - answeredAt;
      await charger.waitForOffer(amps, source);
      t.diagnostic(`${what}: answered after ${answeredAt - sentAt} ms, the box offered ${amps} A ${followedMs} ms later, ` +
                   `the API showed it ${Date.now() - answeredAt} ms later`);
      assert.ok(followedMs <= FOLLOW_MS, `${what}: the box followed after ${followedMs} ms`);
    };

    await step('charge now at 16 A', 'SetChargingProfile', txProfile(transactionId, 16), 16, 'Tx');
    await sim.waitStatus((s) => s.state === 'charging', { timeoutMs: EVENT_TIMEOUT_MS, what: 'the car to charge' });
    await charger.waitFor((c, k) => k.status === 'Charging', 'Charging');
    const { energy_wh: beforeWh } = await sim.status();
    await sim.waitStatus((s) => s.energy_wh >= beforeWh + 2, { timeoutMs: EVENT_TIMEOUT_MS, what: 'the car to take 2 Wh' });

    await step('pause', 'SetChargingProfile', txProfile(transactionId, 0), 0, 'Tx');
    await charger.waitFor((c, k) => k.status === 'SuspendedEVSE', 'SuspendedEVSE while paused');

    // Resume hands control back to the plan, which still says 0 A here.
    await step('resume', 'ClearChargingProfile', { id: UI_TX_PROFILE_ID }, 0, 'TxDefault');
    await step('charge now at 10 A', 'SetChargingProfile', txProfile(transactionId, 10), 10, 'Tx');
    await sim.waitStatus((s) => s.state === 'charging', { timeoutMs: EVENT_TIMEOUT_MS, what: 'the car to charge again' });

    // Stop: the charge point ends the transaction; csms-lite records it.
    assert.deepEqual(await charger.command('RemoteStopTransaction', { transactionId }), { status: 'Accepted' });
    const stopped = await csms.proc.waitForLog(new RegExp(`CP1: transaction ${transactionId} stopped at (\\d+) Wh`), { timeoutMs: EVENT_TIMEOUT_MS });
    const meterStopWh = Number(stopped.match[1]);
    await sim.waitStatus((s) => s.offered_a === 0, { timeoutMs: EVENT_TIMEOUT_MS, what: 'the box to stop offering current' });
    await cp.waitForLog(/smart charging: the transaction ended; 1 TxProfile\(s\) removed/, { timeoutMs: EVENT_TIMEOUT_MS });
    const [session] = await charger.transactions(`&idTag=${ID_TAG}`);
    t.diagnostic(`session ${JSON.stringify(session)}`);
    assert.equal(session.id, transactionId);
    assert.equal(session.stopReason, 'Remote');
    assert.equal(session.meterStartWh, meterStartWh);
    assert.equal(session.meterStopWh, meterStopWh);
    assert.equal(session.energyWh, meterStopWh - meterStartWh);
    assert.ok(session.energyWh >= 2, `the charge-now energy is in the session: ${session.energyWh} Wh`);
    assert.ok(Date.parse(session.stoppedAt) >= Date.parse(session.startedAt));
    assert.equal((await charger.transactions('&active=true')).length, 0, 'no transaction left running');
    const finished = await charger.waitFor((c, k) => k.transactionId === null && k.status === 'Finishing',
                                           'Finishing without a transaction (the car is still plugged in)');
    assert.equal(finished.id, CHARGER_ID);
    // Every command is in the audit log, under the token that sent it.
    const audit = (await csms.api.get(`/api/audit?kind=command&charger=${CHARGER_ID}&limit=100`)).json.items;
    const actions = audit.map((e) => e.details?.action);
    for (const action of ['SetChargingProfile', 'ClearChargingProfile', 'RemoteStopTransaction']) {
      assert.ok(actions.includes(action), `${action} in the audit log: ${actions}`);
    }
    assert.equal(cp.countLog(/SetChargingProfile .* rejected/), 0);
  }));

  test('charge now before a transaction: RemoteStartTransaction with the TxProfile, never the plan\'s 0 A first', isolated(async (t, harness) => {
    const csms = await startCsms(harness, 'csms-lite (remote start)');
    const charger = new ApiCharger(csms.api);
    const later = windowFrom(localHour(4), 2, 32);
    assert.equal((await csms.api.request('/api/schedules', { method: 'PUT', body: plan([later]) })).status, 200);
    // No plug-and-charge: the car waits in Preparing until someone starts it.
    const { cp, sim } = await startChargePoint(harness, 'eo-chargepoint (remote start)', csms.url, { 'charging.plug_and_charge_id_tag': '' });
    await charger.booted();
    await cp.waitForLog(/charging profile 100 installed \(TxDefaultProfile/, { timeoutMs: EVENT_TIMEOUT_MS });
    await sim.plugIn();
    await charger.waitFor((c, k) => k.status === 'Preparing', 'Preparing');

    // web/js/model.js remote_start(): the UI's TxProfile without a transactionId (there is none yet).
    const { transactionId: _none, ...profile } = txProfile(0, 12).csChargingProfiles;
    const mark = cp.mark();
    assert.deepEqual(await charger.command('RemoteStartTransaction', { connectorId: 1, idTag: 'web-ui', chargingProfile: profile }),
                     { status: 'Accepted' });
    const started = await csms.proc.waitForLog(/CP1: transaction (\d+) started on connector 1 by web-ui/, { timeoutMs: EVENT_TIMEOUT_MS });
    const transactionId = Number(started.match[1]);
    await sim.waitStatus((s) => s.offered_a === 12 && s.state === 'charging', { timeoutMs: EVENT_TIMEOUT_MS, what: 'the box to offer 12 A' });
    await charger.waitForOffer(12, 'Tx');
    // The first offer of the transaction is the profile's, not the plan's 0 A or the box's 32 A.
    const offers = offersSince(cp, mark);
    t.diagnostic(`offers after the remote start: ${offers.join(', ')}`);
    assert.equal(offers[0], '12 A (Tx)');

    // Pause and stop as before.
    assert.deepEqual(await charger.command('SetChargingProfile', txProfile(transactionId, 0)), { status: 'Accepted' });
    await sim.waitStatus((s) => s.offered_a === 0, { timeoutMs: FOLLOW_MS, what: 'the box to pause' });
    assert.deepEqual(await charger.command('RemoteStopTransaction', { transactionId }), { status: 'Accepted' });
    await csms.proc.waitForLog(new RegExp(`CP1: transaction ${transactionId} stopped at`), { timeoutMs: EVENT_TIMEOUT_MS });
    const [session] = await charger.transactions('&idTag=web-ui');
    assert.equal(session.id, transactionId);
    assert.equal(session.stopReason, 'Remote');
  }));

  test('the current slider: a ChargePointMaxProfile caps the plan\'s window, a TxProfile sets the session', isolated(async (t, harness) => {
    const csms = await startCsms(harness, 'csms-lite (slider)');
    const charger = new ApiCharger(csms.api);
    const { cp, sim } = await startChargePoint(harness, 'eo-chargepoint (slider)', csms.url);
    await charger.booted();
    const around = windowFrom(localHour(-2), 5, 16);
    assert.equal((await csms.api.request('/api/schedules', { method: 'PUT', body: plan([around]) })).status, 200);
    await cp.waitForLog(/charging profile 100 installed \(TxDefaultProfile/, { timeoutMs: EVENT_TIMEOUT_MS });

    // No session: the slider is a ceiling for every session (web/js/model.js max_profile()).
    const startSchedule = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
    assert.deepEqual(await charger.command('SetChargingProfile', {
      connectorId: 0,
      csChargingProfiles: {
        chargingProfileId: 901, stackLevel: 0, chargingProfilePurpose: 'ChargePointMaxProfile', chargingProfileKind: 'Absolute',
        chargingSchedule: { chargingRateUnit: 'A', startSchedule, chargingSchedulePeriod: [{ startPeriod: 0, limit: 10 }] },
      },
    }), { status: 'Accepted' });
    await sim.plugIn();
    const started = await csms.proc.waitForLog(/CP1: transaction (\d+) started/, { timeoutMs: EVENT_TIMEOUT_MS });
    const transactionId = Number(started.match[1]);
    await sim.waitStatus((s) => s.offered_a === 10 && s.state === 'charging', { timeoutMs: EVENT_TIMEOUT_MS, what: 'the box to offer 10 A' });
    await charger.waitForOffer(10, 'ChargePointMax');

    // In a session the slider sets the session's current, still under the ceiling.
    assert.deepEqual(await charger.command('SetChargingProfile', txProfile(transactionId, 8)), { status: 'Accepted' });
    await sim.waitStatus((s) => s.offered_a === 8, { timeoutMs: FOLLOW_MS, what: 'the box to offer 8 A' });
    await charger.waitForOffer(8, 'Tx');
    assert.deepEqual(await charger.command('SetChargingProfile', txProfile(transactionId, 20)), { status: 'Accepted' });
    await sim.waitStatus((s) => s.offered_a === 10, { timeoutMs: FOLLOW_MS, what: 'the ceiling to hold at 10 A' });
    await charger.waitForOffer(10, 'ChargePointMax');
    // The ceiling cleared: the session's 20 A.
    assert.deepEqual(await charger.command('ClearChargingProfile', { id: 901 }), { status: 'Accepted' });
    await sim.waitStatus((s) => s.offered_a === 20, { timeoutMs: FOLLOW_MS, what: 'the box to offer 20 A' });
    await charger.waitForOffer(20, 'Tx');
    t.diagnostic(`offers: ${offersSince(cp, 0).join(', ')}`);
  }));
});
