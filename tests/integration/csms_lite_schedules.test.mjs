// A weekly charging plan taking effect (issue #6): saved through csms-lite's REST API, compiled into
// a Recurring Weekly TxDefaultProfile and installed on eo-chargepoint, which then offers the car the
// window's current — and 0 A outside the windows. Observed from every side: csms-lite's answer and
// its next window, the charge point's log, its GetCompositeSchedule (asked through csms-lite's
// command API), the simulated box's offer, the charge point's OfferedLimit report as the API shows
// it, and Current.Offered in its MeterValues. A restarted csms-lite sends the plan again on the
// reconnect without disturbing the offer.
//
// The plan's zone has a fixed offset (lib/weekly_windows.mjs) and its windows lie hours away from
// now, so the test means the same on any day, at any hour, on a slow machine.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { ApiCharger, CHARGER_ID, startChargePoint, startCsms } from './lib/csms_lite_session.mjs';
import { Harness } from './lib/processes.mjs';
import { EVENT_TIMEOUT_MS } from './lib/session.mjs';
import { waitFor } from './lib/wait.mjs';
import { ZONE, localHour, plan, windowFrom } from './lib/weekly_windows.mjs';

const harness = new Harness();
after(() => harness.stopAll());

// GetCompositeSchedule of connector 1 through csms-lite: [[startPeriod, limit], ...] and the start.
async function composite(charger, durationS) {
  const answer = await charger.command('GetCompositeSchedule', { connectorId: 1, duration: durationS, chargingRateUnit: 'A' });
  assert.equal(answer.status, 'Accepted', JSON.stringify(answer));
  const startMs = Date.parse(answer.scheduleStart);
  assert.ok(Math.abs(startMs - Date.now()) < 60000, `scheduleStart ${answer.scheduleStart} is now`);
  return { startMs, periods: answer.chargingSchedule.chargingSchedulePeriod.map((p) => [p.startPeriod, p.limit]) };
}

// Periods equal to `expected`, where each boundary is given as an instant (ms) and must lie within a
// second of it (scheduleStart has whole seconds).
function assertPeriods(actual, expected, what) {
  const text = JSON.stringify(actual.periods);
  assert.equal(actual.periods.length, expected.length, `${what}: ${text}`);
  for (const [i, [atMs, limit]] of expected.entries()) {
    const [startPeriod, actualLimit] = actual.periods[i];
    const want = i === 0 ? 0 : Math.round((atMs - actual.startMs) / 1000);
    assert.ok(Math.abs(startPeriod - want) <= 1, `${what}: period ${i} starts at ${startPeriod} s, expected ${want} s: ${text}`);
    assert.equal(actualLimit, limit, `${what}: period ${i}: ${text}`);
  }
}

// The Current.Offered of the newest MeterValues csms-lite received (its diagnostic record).
async function lastCurrentOffered(api) {
  const record = (await api.get(`/api/chargers/${CHARGER_ID}/record`)).json;
  const sampled = record?.lastMeterValues?.meterValue?.[0]?.sampledValue ?? [];
  const offered = sampled.find((v) => v.measurand === 'Current.Offered');
  return offered === undefined ? undefined : { value: Number(offered.value), at: record.lastMeterValues.meterValue[0].timestamp };
}

async function savePlan(api, body) {
  const saved = await api.request('/api/schedules', { method: 'PUT', body });
  assert.equal(saved.status, 200, saved.body);
  return saved.json;
}

describe('a weekly charging plan from csms-lite on eo-chargepoint', () => {
  test('a window around now: installed, in the composite schedule, offered to the car; a window later: paused',
       harness.wrap(async (t) => {
    const csms = await startCsms(harness, 'csms-lite (schedules)');
    const { cp, sim } = await startChargePoint(harness, 'eo-chargepoint (schedules)', csms.url);
    const charger = new ApiCharger(csms.api);
    await charger.booted();
    assert.deepEqual(await charger.command('ChangeConfiguration', { key: 'MeterValueSampleInterval', value: '1' }), { status: 'Accepted' });

    // A window from two hours ago to three hours from now at 16 A; nothing outside it.
    const around = windowFrom(localHour(-2), 5, 16);
    let mark = cp.mark();
    const saved = await savePlan(csms.api, plan([around]));
    t.diagnostic(`plan ${JSON.stringify(saved.plan)}; next window ${JSON.stringify(saved.next_window)}`);
    assert.deepEqual(saved.sent_to, [CHARGER_ID], 'sent to the connected charger');
    assert.equal(saved.plan.time_zone, ZONE);
    assert.equal(Date.parse(saved.next_window.start), around.startMs, 'the window in progress is the next window');
    assert.equal(Date.parse(saved.next_window.end), around.endMs);
    assert.equal(saved.next_window.current_a, 16);
    // A zone without clock changes gets one profile (docs/schedules.md): id 100, level 0, connector 0.
    await cp.waitForLog(/charging profile 100 installed \(TxDefaultProfile, connector 0, stack level 0\)/, { from: mark, timeoutMs: EVENT_TIMEOUT_MS });
    assert.equal(cp.countLog(/SetChargingProfile .* rejected/, mark), 0);

    // The charge point's own view of the coming hours: 16 A until the window ends, then 0 A.
    assertPeriods(await composite(charger, Math.round((around.endMs - Date.now()) / 1000) + 3600),
                  [[null, 16], [around.endMs, 0]], 'composite inside the window');

    // The car arrives: its transaction is offered the window's current.
    await sim.plugIn();
    const started = await csms.proc.waitForLog(/CP1: transaction (\d+) started on connector 1/, { timeoutMs: EVENT_TIMEOUT_MS });
    const transactionId = Number(started.match[1]);
    await sim.waitStatus((s) => s.offered_a === 16 && s.state === 'charging', { timeoutMs: EVENT_TIMEOUT_MS, what: 'the box to offer 16 A and the car to charge' });
    await charger.waitForOffer(16, 'TxDefault');
    const charging = await charger.waitFor((c, k) => k.status === 'Charging', 'Charging');
    assert.equal(ApiCharger.connector(charging).transactionId, transactionId);
    await waitForCurrentOffered(csms.api, 16);

    // The plan moves its window to hours from now: now lies outside it, the car is paused by the plan.
    const later = windowFrom(localHour(3), 2, 20);
    mark = cp.mark();
    const moved = await savePlan(csms.api, plan([later]));
    assert.deepEqual(moved.sent_to, [CHARGER_ID]);
    assert.equal(Date.parse(moved.next_window.start), later.startMs);
    assert.equal(moved.next_window.current_a, 20);
    await cp.waitForLog(/charging profile 100 installed/, { from: mark, timeoutMs: EVENT_TIMEOUT_MS });
    await cp.waitForLog(/offer: 16 A \(TxDefault\) → 0 A \(TxDefault\)/, { from: mark, timeoutMs: EVENT_TIMEOUT_MS });
    await sim.waitStatus((s) => s.offered_a === 0 && s.state === 'evse-suspended', { timeoutMs: EVENT_TIMEOUT_MS, what: 'the box to offer 0 A' });
    const paused = await charger.waitForOffer(0, 'TxDefault');
    assert.equal(ApiCharger.connector(paused).transactionId, transactionId, 'paused, not stopped');
    await charger.waitFor((c, k) => k.status === 'SuspendedEVSE', 'SuspendedEVSE');
    await waitForCurrentOffered(csms.api, 0);
    assertPeriods(await composite(charger, Math.round((later.endMs - Date.now()) / 1000) + 3600),
                  [[null, 0], [later.startMs, 20], [later.endMs, 0]], 'composite before the window');

    // GET shows what was saved.
    const read = (await csms.api.get('/api/schedules')).json;
    assert.deepEqual(read.plan.windows, [later.window]);
    assert.equal(csms.proc.countLog(/plans: /), 0, 'csms-lite logged no trouble sending the plan');

    // csms-lite restarts: on the reconnect it sends the stored plan again (docs/api.md); the profile
    // replaces itself (same id) and the paused car sees no change of its offer.
    assert.deepEqual(await csms.proc.stop(), { code: 0, signal: null });
    mark = cp.mark();
    const restarted = await startCsms(harness, 'csms-lite (schedules, restarted)', { port: csms.port, database: csms.database, token: csms.api.token });
    await cp.waitForLog(/ws: connected to/, { from: mark, timeoutMs: EVENT_TIMEOUT_MS });
    await cp.waitForLog(/charging profile 100 installed \(TxDefaultProfile, connector 0, stack level 0\)/, { from: mark, timeoutMs: EVENT_TIMEOUT_MS });
    assert.equal(cp.countLog(/ offer: /, mark), 0, `the offer did not change: ${cp.findLog(/ offer: /, mark)?.line.text}`);
    assert.equal((await sim.status()).offered_a, 0);
    assertPeriods(await composite(new ApiCharger(restarted.api), Math.round((later.endMs - Date.now()) / 1000) + 3600),
                  [[null, 0], [later.startMs, 20], [later.endMs, 0]], 'composite after the re-send');
    assert.equal(restarted.proc.countLog(/plans: /), 0);
  }));
  test('a zone with clock changes: the profiles of both eras are installed', harness.wrap(async (t) => {
    const csms = await startCsms(harness, 'csms-lite (two eras)');
    const { cp } = await startChargePoint(harness, 'eo-chargepoint (two eras)', csms.url);
    const charger = new ApiCharger(csms.api);
    await charger.booted();
    // Europe/London changes its offset twice a year: one profile until the next change, one after it
    // (docs/schedules.md). Which hours the window covers does not matter here.
    const saved = await savePlan(csms.api, {
      time_zone: 'Europe/London', otherwise_a: 0,
      windows: [{ days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], start: '00:30', end: '05:30', current_a: 32 }],
    });
    assert.deepEqual(saved.sent_to, [CHARGER_ID]);
    await cp.waitForLog(/charging profile 100 installed \(TxDefaultProfile, connector 0, stack level 0\)/, { timeoutMs: EVENT_TIMEOUT_MS });
    await cp.waitForLog(/charging profile 101 installed \(TxDefaultProfile, connector 0, stack level 1\)/, { timeoutMs: EVENT_TIMEOUT_MS });
    assert.equal(cp.countLog(/SetChargingProfile .* rejected/), 0);
    const audit = await waitFor(async () => {
      const items = (await csms.api.get(`/api/audit?charger=${CHARGER_ID}&limit=100`)).json.items;
      return items.filter((e) => e.actor === 'schedule').length >= 2 ? items : null;
    }, { timeoutMs: EVENT_TIMEOUT_MS, what: 'both SetChargingProfile in the audit log' });
    const sent = audit.filter((e) => e.actor === 'schedule')
      .map((e) => `${e.details.payload.csChargingProfiles.chargingProfileId} ${e.details.outcome}`).sort();
    assert.deepEqual(sent, ['100 Accepted', '101 Accepted'], 'the audit log has both, answered Accepted');
    t.diagnostic(`era 2 from ${audit.find((e) => e.details?.payload?.csChargingProfiles?.chargingProfileId === 101).details.payload.csChargingProfiles.validFrom}`);
    assert.equal(csms.proc.countLog(/plans: /), 0, 'both answered Accepted');
  }));
});

// Current.Offered in a MeterValues that csms-lite received after now.
async function waitForCurrentOffered(api, amps) {
  const since = Date.now() - 1000;
  return waitFor(async () => {
    const offered = await lastCurrentOffered(api);
    return offered && Date.parse(offered.at) >= since && offered.value === amps ? offered : null;
  }, { timeoutMs: EVENT_TIMEOUT_MS, intervalMs: 100, what: `Current.Offered = ${amps} A in a new MeterValues at csms-lite` });
}
