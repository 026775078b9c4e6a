// csms-lite's database: a whole charging session of eo-chargepoint (on the simulated box) is stored and
// still there after csms-lite restarts; and an independent charge point (ocpp-rpc, strict mode) sends
// StopTransaction for -1 and for an id csms-lite never gave, and gets normal answers.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import ocppRpc from 'ocpp-rpc';

import { Harness, webRoot } from './lib/processes.mjs';
import { CsmsApi, waitForCsmsHttp } from './lib/csms_api.mjs';
import { HOST, freePort } from './lib/net.mjs';
import { EVENT_TIMEOUT_MS, Servers, bootedChargePoint, chargePointSettings } from './lib/session.mjs';
import { waitFor } from './lib/wait.mjs';

const { RPCClient } = ocppRpc;

const harness = new Harness();
const servers = new Servers();
after(async () => {
  await harness.stopAll();
  await servers.closeAll();
});

// Reads csms-lite's database with the sqlite3 CLI (WAL: a reader sees every committed write).
function query(database, sql) {
  const out = execFileSync('sqlite3', ['-json', database, sql], { encoding: 'utf8' });
  return out.trim() === '' ? [] : JSON.parse(out);
}

function startCsms(name, port, database, extra = {}) {
  return harness.startCsmsLite(name, {
    'http.port': port,
    'http.web_root': webRoot(),
    'storage.database': database,
    'storage.flush_interval_s': 2,
    ...extra,
  });
}

// One token per database: set up on its first start, kept across restarts (it is stored there).
const tokens = new Map();
let api = null;

async function apiReady(port, proc, database) {
  api = new CsmsApi(port);
  await waitForCsmsHttp(api, proc, { timeoutMs: EVENT_TIMEOUT_MS });
  await api.login(database, { token: tokens.get(database) });
  tokens.set(database, api.token);
}

describe('csms-lite stores what charge points report', () => {
  test('a charging session is in the database, also after a csms-lite restart', harness.wrap(async (t) => {
    // A 1 s sample interval, set through a first run against ocpp-rpc (csms-lite keeps it in its database).
    const settings = { 'charging.plug_and_charge_id_tag': 'EO-PLUG' };
    const seeded = await bootedChargePoint(harness, servers, 'stored', { settings });
    assert.deepEqual(await seeded.link.call('ChangeConfiguration', { key: 'MeterValueSampleInterval', value: '1' }), { status: 'Accepted' });
    assert.deepEqual(await seeded.cp.stop(), { code: 0, signal: null });

    const dir = mkdtempSync(join(tmpdir(), 'eo-csms-store-'));
    const database = join(dir, 'csms-lite.db');
    const port = await freePort();
    // The id tag table is empty, so the plug-and-charge tag is accepted only as an unknown tag.
    let csms = startCsms('csms-lite', port, database);
    await apiReady(port, csms, database);
    const cp = harness.startChargePoint('stored', chargePointSettings(`ws://${HOST}:${port}/ocpp`, settings));
    await csms.waitForLog(/CP1: connector 1 is Available/, { timeoutMs: EVENT_TIMEOUT_MS });

    await seeded.sim.plugIn();
    const started = await csms.waitForLog(/CP1: transaction (\d+) started on connector 1 by EO-PLUG at (\d+) Wh/, { timeoutMs: EVENT_TIMEOUT_MS });
    const transactionId = Number(started.match[1]);
    // A few periodic MeterValues of the transaction reach the database (flushed every 2 s).
    await waitFor(() => query(database, `SELECT count(*) AS n FROM meter_samples WHERE transaction_id = ${transactionId}`)[0].n >= 6,
                  { timeoutMs: EVENT_TIMEOUT_MS, intervalMs: 250, what: 'meter values of the transaction in the database' });
    await seeded.sim.unplug();
    const stopped = await csms.waitForLog(new RegExp(`CP1: transaction ${transactionId} stopped at (\\d+) Wh`), { timeoutMs: EVENT_TIMEOUT_MS });
    const meterStop = Number(stopped.match[1]);
    await csms.waitForLog(/CP1: connector 1 is Available/, { from: stopped.index, timeoutMs: EVENT_TIMEOUT_MS });

    assert.deepEqual(await csms.stop(), { code: 0, signal: null }, 'csms-lite stops cleanly and flushes');
    const rows = query(database, `SELECT * FROM transactions WHERE id = ${transactionId}`);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].charge_point_id, 'CP1');
    assert.equal(rows[0].id_tag, 'EO-PLUG');
    assert.equal(rows[0].meter_start_wh, Number(started.match[2]));
    assert.equal(rows[0].meter_stop_wh, meterStop);
    assert.equal(rows[0].stop_reason, 'EVDisconnected');
    const samples = query(database, `SELECT count(*) AS n, max(value_milli) AS top FROM meter_samples
                                     WHERE transaction_id = ${transactionId} AND measurand = 'Energy.Active.Import.Register'`)[0];
    t.diagnostic(`${samples.n} energy register samples stored, the last at ${samples.top / 1000} Wh, meterStop ${meterStop} Wh`);
    assert.ok(samples.n >= 2);
    assert.ok(samples.top / 1000 <= meterStop);
    assert.equal(query(database, "SELECT status FROM connectors WHERE charge_point_id = 'CP1' AND connector_id = 1")[0].status, 'Available');
    assert.ok(query(database, "SELECT count(*) AS n FROM configuration_snapshots WHERE charge_point_id = 'CP1'")[0].n === 1);

    // Restarted on the same file, now refusing unknown charge points: CP1 is known from the database.
    csms = startCsms('csms-lite (restarted)', port, database, { 'ocpp.unknown_charge_points': 'reject' });
    await apiReady(port, csms, database);
    await waitFor(async () => (await api.get('/api/chargers/CP1')).json?.connected,
                  { timeoutMs: EVENT_TIMEOUT_MS, what: 'CP1 to reconnect to the restarted csms-lite' });
    assert.equal(query(database, `SELECT meter_stop_wh FROM transactions WHERE id = ${transactionId}`)[0].meter_stop_wh, meterStop);
    assert.ok(query(database, `SELECT count(*) AS n FROM meter_samples WHERE transaction_id = ${transactionId}`)[0].n >= samples.n);
    assert.equal(csms.countLog(/^\S+ \S+ (error|critical) /), 0, 'no errors in the restarted csms-lite');
    assert.deepEqual(await cp.stop(), { code: 0, signal: null });
    assert.deepEqual(await csms.stop(), { code: 0, signal: null });
  }));

  test('an ocpp-rpc charge point (strict) stops transactions -1 and unknown: normal answers, kept as orphans', harness.wrap(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eo-csms-store-'));
    const database = join(dir, 'csms-lite.db');
    const port = await freePort();
    const csms = startCsms('csms-lite (rpc)', port, database, { 'ocpp.unknown_charge_points': 'pending', 'ocpp.unknown_id_tags': 'invalid' });
    await apiReady(port, csms, database);
    const client = new RPCClient({ endpoint: `ws://${HOST}:${port}/ocpp`, identity: 'RPC1', protocols: ['ocpp1.6'], strictMode: true, reconnect: false });
    const strictFailures = [];
    client.on('strictValidationFailure', (event) => strictFailures.push(String(event.error?.message ?? event.error)));
    await client.connect();
    try {
      // Unknown charge point, policy pending: held Pending with a retry interval.
      const boot = await client.call('BootNotification', { chargePointVendor: 'ocpp-rpc', chargePointModel: 'strict' });
      assert.equal(boot.status, 'Pending');
      assert.equal(boot.interval, 60);
      assert.deepEqual(await client.call('Authorize', { idTag: 'NOBODY' }), { idTagInfo: { status: 'Invalid' } });
      const timestamp = new Date().toISOString();
      assert.deepEqual(await client.call('StopTransaction', { transactionId: -1, meterStop: 100, timestamp }), {});
      assert.deepEqual(await client.call('StopTransaction', { transactionId: 987654321, meterStop: 200, timestamp, idTag: 'NOBODY', reason: 'Local' }),
                       { idTagInfo: { status: 'Invalid' } });
      assert.deepEqual(await client.call('SecurityEventNotification', { type: 'StartupOfTheDevice', timestamp }), {});
      assert.deepEqual(await client.call('DataTransfer', { vendorId: 'org.eo-ocpp', messageId: 'OfferedLimit',
                                                           data: JSON.stringify({ connectorId: 1, limit_a: 16.0, source: 'TxDefault', phases: 3 }) }),
                       { status: 'Accepted' });
    } finally {
      await client.close({ force: true });
    }
    assert.deepEqual(strictFailures, [], 'csms-lite answered within the schemas');
    assert.deepEqual(await csms.stop(), { code: 0, signal: null });
    const orphans = query(database, "SELECT transaction_id, meter_stop_wh FROM orphan_stops WHERE charge_point_id = 'RPC1' ORDER BY id");
    assert.deepEqual(orphans, [{ transaction_id: -1, meter_stop_wh: 100 }, { transaction_id: 987654321, meter_stop_wh: 200 }]);
    assert.equal(query(database, "SELECT registration FROM charge_points WHERE id = 'RPC1'")[0].registration, 'Pending');
    const kinds = query(database, "SELECT kind FROM charge_point_events WHERE charge_point_id = 'RPC1' ORDER BY id").map((r) => r.kind);
    assert.ok(kinds.includes('SecurityEvent') && kinds.includes('DataTransfer'), `events stored: ${kinds}`);
  }));
});
