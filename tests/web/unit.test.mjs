// The UI's pure logic under Node: schedules, aggregation, state wording, staleness, OCPP payloads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segments, overlaps, next_charge, validate, week_minute, to_min } from '../../web/js/schedule.js';
import { aggregate } from '../../web/js/aggregate.js';
import { describe, is_stale, offered_reason, recalibrate, tx_profile, max_profile, remote_start, STALE_AFTER_MS } from '../../web/js/model.js';
import { normalize_charger } from '../../web/js/api.js';
import { fmt_kw, fmt_duration, fmt_kwh } from '../../web/js/format.js';

const ZONE = 'Europe/London';
// Wednesday 2026-11-18 12:00 UTC = 12:00 London (GMT in November).
const WED_NOON = Date.parse('2026-11-18T12:00:00Z');

test('times parse strictly', () => {
  assert.equal(to_min('00:30'), 30);
  assert.equal(to_min('23:59'), 1439);
  for (const bad of ['24:00', '7:30', '12:60', '', null, '12:3']) assert.equal(to_min(bad), null, String(bad));
});

test('a window past midnight continues into the next day, and Sunday night into Monday', () => {
  const segs = segments([{ days: ['sun'], start: '22:00', end: '06:00', current_a: 16 }]);
  assert.deepEqual(segs.map((s) => [s.start, s.end]), [[0, 360], [6 * 1440 + 1320, 7 * 1440]]);
});

test('overlaps name both windows and only the shared stretch', () => {
  const o = overlaps([
    { days: ['mon'], start: '00:30', end: '05:30', current_a: 32 },
    { days: ['mon', 'tue'], start: '04:00', end: '07:00', current_a: 16 },
  ]);
  assert.deepEqual(o, [{ start: 240, end: 330, indexes: [0, 1] }]);
  assert.deepEqual(overlaps([{ days: ['mon'], start: '01:00', end: '02:00', current_a: 6 }, { days: ['mon'], start: '02:00', end: '03:00', current_a: 6 }]), []);
});

test('next charge: the next window start in the schedule zone, or the window on now', () => {
  const windows = [{ days: ['thu'], start: '00:30', end: '05:30', current_a: 32 }];
  const n = next_charge(windows, WED_NOON, ZONE);
  assert.equal(new Date(n.start_ms).toISOString(), '2026-11-19T00:30:00.000Z');
  assert.equal(new Date(n.end_ms).toISOString(), '2026-11-19T05:30:00.000Z');
  assert.equal(n.active, false);
  const on = next_charge([{ days: ['wed'], start: '11:00', end: '13:00', current_a: 10 }], WED_NOON, ZONE);
  assert.equal(on.active, true);
  assert.equal(new Date(on.end_ms).toISOString(), '2026-11-18T13:00:00.000Z');
  // Next week's Monday when this week's has passed; zero-current windows are not charges.
  const later = next_charge([{ days: ['mon'], start: '01:00', end: '02:00', current_a: 6 }, { days: ['wed'], start: '13:00', end: '14:00', current_a: 0 }], WED_NOON, ZONE);
  assert.equal(new Date(later.start_ms).toISOString(), '2026-11-23T01:00:00.000Z');
  assert.equal(next_charge([], WED_NOON, ZONE), null);
});

test('week minutes follow the zone, summer time included', () => {
  assert.equal(week_minute(WED_NOON, ZONE), 2 * 1440 + 720);
  assert.equal(week_minute(Date.parse('2026-07-01T12:00:00Z'), ZONE), 2 * 1440 + 780); // BST
});

test('validation names the window and field', () => {
  const errors = validate({ windows: [{ days: [], start: '25:00', end: '05:30', current_a: 3 }], otherwise_a: 40 });
  assert.deepEqual(errors.map((e) => [e.index, e.field]), [[0, 'days'], [0, 'start'], [0, 'current_a'], [null, 'otherwise_a']]);
  assert.deepEqual(validate({ windows: [{ days: ['mon'], start: '00:30', end: '05:30', current_a: 32 }], otherwise_a: 0 }), []);
});

test('sessions add up per day, Monday-first week and month', () => {
  const now = Date.parse('2026-11-18T20:00:00Z'); // a Wednesday
  const tx = (iso, kwh, cost) => ({ start: iso, energy_wh: kwh * 1000, cost });
  const agg = aggregate([
    tx('2026-11-18T01:00:00Z', 10, 1), // today
    tx('2026-11-16T01:00:00Z', 5, 0.5), // Monday: this week
    tx('2026-11-15T23:30:00Z', 7, 0.7), // Sunday: last week
    tx('2026-10-20T01:00:00Z', 20, 2), // October
    tx('2026-11-19T01:00:00Z', 99, 9), // future: ignored
  ], now, ZONE, 6);
  assert.deepEqual(agg.days.map((d) => d.kwh), [0, 0, 0, 7, 5, 0, 10]);
  assert.equal(agg.days[6].label, 'Today');
  assert.deepEqual(agg.weeks.map((d) => d.kwh), [0, 0, 7, 15]);
  assert.deepEqual(agg.months.map((d) => d.kwh), [0, 0, 0, 0, 20, 22]);
  assert.ok(Math.abs(agg.months[5].cost - 2.2) < 1e-9);
});

const charger = (over = {}) => normalize_charger({
  id: 'A', connected: true, accepted: true, connectors: [{ id: 1, status: 'Charging', error_code: 'NoError' }],
  offered: { current_a: 32, source: 'TxDefault' }, readings: { current_a: 31.8, power_w: 7200, voltage_v: 230, energy_wh: 5, ct: { site_a: 55, solar_a: 0, vehicle_a: 0 } },
  readings_at: new Date(WED_NOON - 5000).toISOString(), configuration: { EO_SiteLimitA: { value: '60', readonly: false } }, ...over,
});

test('the state in words', () => {
  const opts = { now_ms: WED_NOON, zone: ZONE };
  assert.equal(describe(charger(), opts).text, 'Charging at 7.2 kW');
  const paused = { status: 'SuspendedEVSE', connectors: [{ id: 1, status: 'SuspendedEVSE' }] };
  assert.equal(describe(charger({ ...paused, offered: { current_a: 0, source: 'SiteLoad' } }), opts).text, 'Paused: house is using 55 A of your 60 A supply');
  assert.equal(describe(charger({ ...paused, offered: { current_a: 0, source: 'TxDefault' } }), { ...opts, next_window: { start: '2026-11-19T00:30:00Z' } }).text,
    'Car connected — waiting for the 00:30 schedule');
  assert.equal(describe(charger({ ...paused, offered: { current_a: 0, source: 'Tx' } }), opts).text, 'Paused by you');
  assert.match(describe(charger({ connected: false }), opts).text, /offline/);
  assert.match(describe(charger({ pending: true }), opts).text, /accept/);
  assert.match(describe(charger(), { ...opts, link_up: false }).text, /Lost contact/);
  assert.equal(offered_reason(charger()), 'Offering up to 32 A — set by your charging schedule.');
});

test('old readings are stale even while connected', () => {
  assert.equal(is_stale(charger(), WED_NOON), false);
  assert.equal(is_stale(charger(), WED_NOON + STALE_AFTER_MS), true);
  assert.equal(is_stale(charger({ connected: false }), WED_NOON), true);
  assert.equal(is_stale(charger({ readings_at: null }), WED_NOON), true);
  assert.equal(is_stale(charger(), WED_NOON, false), true);
  assert.match(describe(charger(), { now_ms: WED_NOON + STALE_AFTER_MS }).text, /readings stopped/);
});

test('calibration preview undoes the current calibration before applying the new one', () => {
  const current = { scale: 1.1, offset: 0.5 };
  const reported = 10 * 1.1 + 0.5;
  assert.ok(Math.abs(recalibrate(reported, current, { scale: 1, offset: 0 }) - 10) < 1e-9);
  assert.ok(Math.abs(recalibrate(reported, current, { scale: 0.9, offset: -1 }) - 8) < 1e-9);
  assert.equal(recalibrate(null, current, current), null);
});

test('OCPP payloads follow OCPP 1.6 SetChargingProfile / RemoteStartTransaction', () => {
  assert.deepEqual(tx_profile(77, 0), { connectorId: 1, csChargingProfiles: { chargingProfileId: 900, transactionId: 77, stackLevel: 5,
    chargingProfilePurpose: 'TxProfile', chargingProfileKind: 'Relative', chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 0 }] } } });
  const max = max_profile(10, Date.parse('2026-11-18T12:00:00.700Z'));
  assert.equal(max.connectorId, 0);
  assert.equal(max.csChargingProfiles.chargingProfileKind, 'Absolute');
  assert.equal(max.csChargingProfiles.chargingSchedule.startSchedule, '2026-11-18T12:00:00.000Z');
  const start = remote_start(16);
  assert.equal('transactionId' in start.chargingProfile, false);
  assert.equal(start.chargingProfile.chargingProfilePurpose, 'TxProfile');
});

test('normalize_charger accepts object or list configuration and keeps unknowns as null', () => {
  const c = normalize_charger({ id: 7, configuration: [{ key: 'K', value: '1', readonly: true }], readings: { power_w: 'x' } });
  assert.equal(c.id, '7');
  assert.deepEqual(c.configuration.K, { value: '1', readonly: true });
  assert.equal(c.readings.power_w, null);
  assert.equal(c.readings.ct, null);
  assert.equal(normalize_charger(null), null);
});

test('live events keep the configuration a page learned, also when the list had none', () => {
  const wire = (power) => ({ id: 'LIVE-1', connected: true, registration: 'Accepted', status: 'Available', lastSeen: '2026-11-22T10:00:00Z',
    connectors: [{ connectorId: 1, status: 'Charging', powerW: power, transactionId: 5, transactionStartedAt: '2026-11-22T09:00:00Z' }], ct: [] });
  const first = normalize_charger(wire(100)); // an SSE event: no configuration on the wire
  first.configuration.MeterValueSampleInterval = { value: '1', readonly: false }; // read by the Chargers page
  const next = normalize_charger(wire(200));
  assert.equal(next.readings.power_w, 200);
  assert.deepEqual(next.configuration.MeterValueSampleInterval, { value: '1', readonly: false });
  assert.equal(next.transaction.started_at, '2026-11-22T09:00:00Z');
  // The list's configuration replaces what was known.
  const listed = normalize_charger({ ...wire(300), configuration: { HeartbeatInterval: '300' } });
  assert.deepEqual(Object.keys(listed.configuration), ['HeartbeatInterval']);
  assert.deepEqual(Object.keys(normalize_charger(wire(400)).configuration), ['HeartbeatInterval']);
});

test('formatting never invents a number', () => {
  assert.equal(fmt_kw(null), '—');
  assert.equal(fmt_kw(7200), '7.2 kW');
  assert.equal(fmt_kwh(12345), '12.3 kWh');
  assert.equal(fmt_duration(3 * 3600e3 + 5 * 60e3), '3 h 05 min');
});

test('csms-lite CT readings reach the pages: by clamp with raw value and time, Inlet phases ignored', () => {
  const c = normalize_charger({
    id: 'CP1', connected: true, registration: 'Accepted', status: 'Available', lastSeen: '2026-11-22T12:00:05Z',
    connectors: [{ connectorId: 1, status: 'Available' }],
    ct: [{ channel: 'site', currentA: 28.2, rawA: 23.5, at: '2026-11-22T12:00:01.234Z' },
      { channel: 'L1', currentA: 17, rawA: null, at: '2026-11-22T12:00:00Z' }],
  });
  assert.deepEqual(c.readings.ct, { site_a: 28.2, solar_a: null, vehicle_a: null });
  assert.deepEqual(c.readings.ct_channels, { site: { current_a: 28.2, raw_a: 23.5, at_ms: Date.parse('2026-11-22T12:00:01.234Z') } });
  assert.deepEqual(normalize_charger(c).readings.ct_channels, c.readings.ct_channels, 'idempotent');
});
