// Smart charging against an independent central system (ocpp-rpc, strict schema validation): our real
// eo-chargepoint on the simulated box, a car charging, and the profiles a central system sends —
// the Relative ChargePointMaxProfile at the top stack level that Home Assistant sends to set the
// current, a TxDefaultProfile, a TxProfile for the running transaction — set and cleared. After each
// step: GetCompositeSchedule's values (every limit with at most one decimal), the current the
// simulated box offers (its control socket), and the OfferedLimit DataTransfer with the winning
// source (docs/smart-charging.md, "The OfferedLimit DataTransfer").
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { Harness } from './lib/processes.mjs';
import { transactionHandlers } from './lib/ocpp.mjs';
import { EVENT_TIMEOUT_MS, Servers, bootedChargePoint } from './lib/session.mjs';

const harness = new Harness();
const servers = new Servers();
after(async () => {
  await harness.stopAll();
  await servers.closeAll();
});

// A limit has at most one decimal (issue #5: truncated to 0.1 A / 0.1 W, never rounded up).
function assertOneDecimal(limit, what) {
  assert.equal(typeof limit, 'number', `${what}: ${limit}`);
  assert.ok(Math.abs(Math.round(limit * 10) - limit * 10) < 1e-9, `${what}: ${limit} has more than one decimal`);
}

// The composite schedule as "start:limit" pairs, every limit checked for its decimals.
async function composite(link, connectorId, duration, chargingRateUnit = 'A') {
  const answer = await link.call('GetCompositeSchedule', { connectorId, duration, chargingRateUnit });
  assert.equal(answer.status, 'Accepted', JSON.stringify(answer));
  assert.equal(answer.connectorId, connectorId);
  const schedule = answer.chargingSchedule;
  assert.equal(schedule.chargingRateUnit, chargingRateUnit);
  for (const period of schedule.chargingSchedulePeriod) assertOneDecimal(period.limit, `composite ${JSON.stringify(period)}`);
  return schedule.chargingSchedulePeriod.map((p) => `${p.startPeriod}:${p.limit}`).join(' ');
}

function profile(id, purpose, stackLevel, periods, { kind = 'Relative', transactionId, startSchedule, unit = 'A' } = {}) {
  const chargingSchedule = {
    chargingRateUnit: unit,
    chargingSchedulePeriod: periods.map(([startPeriod, limit]) => ({ startPeriod, limit })),
  };
  if (startSchedule) chargingSchedule.startSchedule = startSchedule;
  return {
    chargingProfileId: id, stackLevel, chargingProfilePurpose: purpose, chargingProfileKind: kind,
    ...(transactionId === undefined ? {} : { transactionId }),
    chargingSchedule,
  };
}

describe('smart charging with a strict central system', () => {
  test('profiles set and cleared: composite schedules, the offered current and the OfferedLimit reports', harness.wrap(async (t) => {
    const reports = [];  // parsed data of every OfferedLimit DataTransfer, with its arrival time
    const handlers = {
      ...transactionHandlers({ firstTransactionId: 5000 }),
      DataTransfer: (params) => {
        if (params.vendorId === 'org.eo-ocpp' && params.messageId === 'OfferedLimit') {
          reports.push({ at: Date.now(), data: JSON.parse(params.data) });
          return { status: 'Accepted' };
        }
        return { status: 'UnknownVendorId' };
      },
    };
    const { server, link, sim, cp } = await bootedChargePoint(harness, servers, 'smart', {
      settings: { 'charging.plug_and_charge_id_tag': 'EO-PLUG' },
      server: { handlers },
    });
    assert.equal((await link.call('ChangeConfiguration', { key: 'MeterValueSampleInterval', value: '1' })).status, 'Accepted');

    // The report for a state: waits for a DataTransfer whose data matches, newer than `from`.
    const reportOf = (check, what, from = 0) => waitForReport(reports, (r) => r.at >= from && check(r.data), what);
    const offered = (amps) => sim.waitStatus((s) => s.requested_a === amps && s.offered_a === amps,
                                              { timeoutMs: EVENT_TIMEOUT_MS, what: `the box to offer ${amps} A` });

    await sim.plugIn();
    const start = await link.next('StartTransaction', EVENT_TIMEOUT_MS);
    const transactionId = start.answer.transactionId;
    await offered(32);
    let report = await reportOf((d) => d.limit_a === 32 && d.source === 'Hardware', '32 A (Hardware)');
    assert.deepEqual(Object.keys(report).sort(), ['connectorId', 'limit_a', 'phases', 'source']);
    assert.equal(report.connectorId, 1);
    assert.equal(report.phases, 1);
    t.diagnostic(`transaction ${transactionId}: first report ${JSON.stringify(report)}`);

    // Home Assistant's "set the current": ChargePointMaxProfile, Relative, connector 0, at the
    // highest stack level the charge point allows (it reads ChargeProfileMaxStackLevel first).
    const maxStack = Number((await link.call('GetConfiguration', { key: ['ChargeProfileMaxStackLevel'] })).configurationKey[0].value);
    assert.equal(maxStack, 8);
    let mark = Date.now();
    assert.deepEqual(await link.call('SetChargingProfile', {
      connectorId: 0, csChargingProfiles: profile(8, 'ChargePointMaxProfile', maxStack, [[0, 10]]),
    }), { status: 'Accepted' });
    await offered(10);
    report = await reportOf((d) => d.limit_a === 10 && d.source === 'ChargePointMax', '10 A (ChargePointMax)', mark);
    assert.equal(await composite(link, 1, 600), '0:10');
    assert.equal(await composite(link, 0, 600), '0:10');
    // In W: 10 A × 230 V (EO_NominalVoltageV) × 1 phase.
    assert.equal(await composite(link, 1, 600, 'W'), '0:2300');

    // A TxDefault below the cap for an hour, then above it: the composite shows the boundary; the
    // report says when the offer changes next.
    mark = Date.now();
    const startSchedule = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
    assert.deepEqual(await link.call('SetChargingProfile', {
      connectorId: 1,
      csChargingProfiles: profile(20, 'TxDefaultProfile', 0, [[0, 7.2], [3600, 16]], { kind: 'Absolute', startSchedule }),
    }), { status: 'Accepted' });
    await offered(7.2);
    report = await reportOf((d) => d.limit_a === 7.2 && d.source === 'TxDefault', '7.2 A (TxDefault)', mark);
    assert.ok(report.next_change, `next_change in ${JSON.stringify(report)}`);
    assert.equal(Date.parse(report.next_change), Date.parse(startSchedule) + 3600 * 1000);
    const withBoundary = await composite(link, 1, 7200);
    const boundary = withBoundary.match(/^0:7\.2 (\d+):10$/);
    assert.ok(boundary, withBoundary);
    assert.ok(Number(boundary[1]) > 3500 && Number(boundary[1]) <= 3600, withBoundary);

    // A TxProfile for the running transaction overrules the TxDefault. In W, as a central system
    // working in power sends it: 3000 W on the box's one phase at 230 V is 13.04 A, offered as
    // 13.0 A (truncated to one decimal, never rounded up) — first under the 10 A cap, then alone.
    mark = Date.now();
    assert.deepEqual(await link.call('SetChargingProfile', {
      connectorId: 1, csChargingProfiles: profile(30, 'TxProfile', 1, [[0, 3000]], { transactionId, unit: 'W' }),
    }), { status: 'Accepted' });
    report = await reportOf((d) => d.limit_a === 10 && d.source === 'ChargePointMax', 'the cap over the TxProfile', mark);
    assert.deepEqual(await link.call('ClearChargingProfile', { id: 8 }), { status: 'Accepted' });
    await offered(13);
    report = await reportOf((d) => d.limit_a === 13 && d.source === 'Tx', '13.0 A (Tx)', mark);
    assert.equal(await composite(link, 1, 600), '0:13');
    // In W the profile's value keeps its precision to the end: 3000 W, not 13.0 A × 230 V = 2990 W.
    assert.equal(await composite(link, 1, 600, 'W'), '0:3000');

    // A TxProfile for another transaction is rejected; clearing ours brings the TxDefault back.
    assert.deepEqual(await link.call('SetChargingProfile', {
      connectorId: 1, csChargingProfiles: profile(31, 'TxProfile', 2, [[0, 6]], { transactionId: transactionId + 1 }),
    }), { status: 'Rejected' });
    mark = Date.now();
    assert.deepEqual(await link.call('ClearChargingProfile', { chargingProfilePurpose: 'TxProfile' }), { status: 'Accepted' });
    await offered(7.2);
    await reportOf((d) => d.limit_a === 7.2 && d.source === 'TxDefault', 'back to the TxDefault', mark);

    // The offered current is also a standard measurand: Current.Offered in the periodic MeterValues.
    const sampled = await link.waitForCall((c) => c.method === 'MeterValues' && c.params.meterValue.some(
      (mv) => mv.sampledValue.some((v) => v.measurand === 'Current.Offered' && v.value === '7.2')),
    { timeoutMs: EVENT_TIMEOUT_MS, what: 'MeterValues with Current.Offered 7.2' });
    assert.equal(sampled.params.transactionId, transactionId);

    // Everything cleared: the hardware maximum, and its report.
    mark = Date.now();
    assert.deepEqual(await link.call('ClearChargingProfile', {}), { status: 'Accepted' });
    await offered(32);
    await reportOf((d) => d.limit_a === 32 && d.source === 'Hardware', 'back to the hardware maximum', mark);
    assert.equal(await composite(link, 1, 300), '0:32');
    assert.deepEqual(await link.call('ClearChargingProfile', {}), { status: 'Unknown' });

    // The car leaves: 0 A, no transaction. Then the report can be switched off.
    mark = Date.now();
    await sim.unplug();
    await link.next('StopTransaction', EVENT_TIMEOUT_MS);
    await reportOf((d) => d.limit_a === 0 && d.source === 'None', '0 A (None) after the car left', mark);
    assert.equal((await link.call('ChangeConfiguration', { key: 'EO_OfferedLimitReport', value: 'false' })).status, 'Accepted');
    const before = reports.length;
    await sim.plugIn();
    await link.next('StartTransaction', EVENT_TIMEOUT_MS);
    await offered(32);
    await link.next('MeterValues', EVENT_TIMEOUT_MS);  // a second later, still no report
    assert.equal(reports.length, before, 'no OfferedLimit while EO_OfferedLimitReport is false');

    // Rate: never two reports within a second of each other.
    for (let i = 1; i < reports.length; ++i) {
      assert.ok(reports[i].at - reports[i - 1].at >= 800, `reports ${i - 1} and ${i} ${reports[i].at - reports[i - 1].at} ms apart`);
    }
    t.diagnostic(`${reports.length} OfferedLimit reports: ${reports.map((r) => `${r.data.limit_a} A ${r.data.source}`).join(', ')}`);
    assert.deepEqual(server.strictFailures(), [], 'ocpp-rpc strict mode found schema violations');
    assert.ok(cp.alive);
  }));
});

async function waitForReport(reports, pred, what) {
  const deadline = Date.now() + EVENT_TIMEOUT_MS;
  for (;;) {
    const found = reports.find(pred);
    if (found) return found.data;
    if (Date.now() > deadline) {
      throw new Error(`no OfferedLimit report of ${what} within ${EVENT_TIMEOUT_MS} ms; got ${JSON.stringify(reports.map((r) => r.data))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
