// The two products together: eo-chargepoint connected to csms-lite, observed through csms-lite's REST API.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { Harness, webRoot } from './lib/processes.mjs';
import { CsmsApi, waitForCsmsHttp } from './lib/csms_api.mjs';
import { HOST, freePort } from './lib/net.mjs';
import { waitFor } from './lib/wait.mjs';

const harness = new Harness();
after(() => harness.stopAll());

// The lowest heartbeat interval csms-lite accepts (ocpp.heartbeat_interval_s; its schema's minimum).
const HEARTBEAT_S = 10;

function startCsms(name, port, extra = {}) {
  return harness.startCsmsLite(name, {
    'http.port': port,
    'http.web_root': webRoot(),
    'ocpp.heartbeat_interval_s': HEARTBEAT_S,
    ...extra,
  });
}

function startChargePoint(name, port, extra = {}) {
  return harness.startChargePoint(name, {
    'ocpp.central_system_url': `ws://${HOST}:${port}/ocpp`,
    'ocpp.charge_point_id': 'CP1',
    'network.reconnect_min_s': 1,
    'network.reconnect_max_s': 2,
    ...extra,
  });
}

// The API client of the csms-lite on each port: every start has its own database, so each one is set
// up afresh with its setup code and gets its own token.
const apis = new Map();

async function apiReady(port, proc) {
  const api = new CsmsApi(port);
  await waitForCsmsHttp(api, proc);
  apis.set(port, await api.login(harness.csmsLiteState(proc.name)['storage.database']));
}

async function chargePointRecord(port, id = 'CP1') {
  const response = await apis.get(port).get(`/api/chargers/${id}/record`);
  return response.status === 200 ? response.json : null;
}

// Polls the charge point's record until `check(record)` is truthy; returns the record.
function waitForRecord(port, check, what, timeoutMs = 10000) {
  return waitFor(async () => {
    const record = await chargePointRecord(port);
    return record && check(record) ? record : null;
  }, { timeoutMs, intervalMs: 100, what });
}

describe('eo-chargepoint against csms-lite', () => {
  test('connects, boots, is read and heartbeats; survives a csms-lite restart', harness.wrap(async (t) => {
    const port = await freePort();
    let csms = startCsms('csms-lite', port);
    await apiReady(port, csms);
    const cp = startChargePoint('eo-chargepoint', port);
    const startedAt = Date.now();

    const record = await waitForRecord(port, (r) => r.connected && r.boot?.chargePointVendor &&
                                                    Object.keys(r.configuration ?? {}).length >= 20,
                                       'CP1 connected, booted and its configuration read');
    t.diagnostic(`connected, booted and read after ${Date.now() - startedAt} ms`);
    assert.equal(record.id, 'CP1');
    assert.equal(record.boot.chargePointVendor, 'EO Charging');
    assert.equal(record.boot.chargePointModel, 'EO Mini Pro 2');
    assert.ok(record.bootedAt, 'bootedAt is set');
    const config = record.configuration;
    t.diagnostic(`csms-lite read ${Object.keys(config).length} configuration keys`);
    assert.deepEqual(config.HeartbeatInterval, { value: String(HEARTBEAT_S), readonly: false },
                     'HeartbeatInterval is the interval csms-lite gave in its BootNotification answer');
    assert.deepEqual(config.NumberOfConnectors, { value: '1', readonly: true });
    assert.ok(config.SupportedFeatureProfiles?.value.includes('Core'));
    assert.equal(config.AuthorizationKey, undefined, 'the write-only key is not listed');
    for (const [key, entry] of Object.entries(config)) {
      assert.equal(typeof entry.value, 'string', `${key}: value`);
      assert.equal(typeof entry.readonly, 'boolean', `${key}: readonly`);
    }

    const list = await apis.get(port).get('/api/chargers');
    assert.equal(list.status, 200);
    assert.match(list.headers.get('content-type') ?? '', /application\/json/);
    assert.deepEqual(list.json.chargers.map((c) => c.id), ['CP1']);
    assert.equal((await new CsmsApi(port).get('/api/chargers')).status, 401, 'no token, no data');

    const beat = await waitForRecord(port, (r) => r.lastHeartbeat, 'a Heartbeat from CP1', (HEARTBEAT_S + 5) * 1000);
    t.diagnostic(`first heartbeat seen ${Date.now() - startedAt} ms after start (interval ${HEARTBEAT_S} s)`);
    assert.ok(beat.messagesIn >= 3, `messagesIn = ${beat.messagesIn}: BootNotification, the GetConfiguration answer, Heartbeat`);

    // csms-lite stops: the charge point notices, keeps trying, and does not exit.
    const mark = cp.mark();
    const csmsStatus = await csms.stop();
    assert.deepEqual(csmsStatus, { code: 0, signal: null }, 'csms-lite exits cleanly on SIGTERM');
    await cp.waitForLog(/central system link lost/, { from: mark, timeoutMs: 5000 });
    await cp.waitForLog(/connection attempt \d+ to .* failed/, { from: mark, timeoutMs: 5000 });
    assert.ok(cp.alive, 'the charge point survives losing csms-lite');

    // csms-lite is back on the same port: the charge point reconnects.
    csms = startCsms('csms-lite (restarted)', port);
    const backAt = Date.now();
    await apiReady(port, csms);
    const again = await waitForRecord(port, (r) => r.connected, 'CP1 to reconnect to the restarted csms-lite', 8000);
    t.diagnostic(`reconnected ${Date.now() - backAt} ms after csms-lite was restarted`);
    // Accepted before, so it does not boot again; the new csms-lite knows it only from its connection.
    assert.equal(again.boot, null, 'no BootNotification on a reconnect (the charge point did not reboot)');
    assert.equal(cp.countLog(/registration: \w+ -> booting/), 1, 'one boot in this process');
    // Without a boot, csms-lite reads the configuration once the connection has been quiet for 5 s.
    const read = await waitForRecord(port, (r) => Object.keys(r.configuration || {}).length >= 20,
                                     'the restarted csms-lite to read the configuration of CP1', 9000);
    assert.equal(read.configuration.NumberOfConnectors.value, '1');
    assert.ok(cp.alive);
    assert.deepEqual(await cp.stop(), { code: 0, signal: null });
    await waitForRecord(port, (r) => !r.connected, 'csms-lite to see CP1 disconnect', 5000);
    assert.deepEqual(await csms.stop(), { code: 0, signal: null });
  }));

  test('Basic auth: a wrong password is refused, the right one admitted', harness.wrap(async (t) => {
    const port = await freePort();
    const csms = startCsms('csms-lite (auth)', port, {
      'ocpp.charge_points': 'CP1:secret',
      'ocpp.unknown_charge_points': 'reject',
    });
    await apiReady(port, csms);

    // Wrong password, no password, unknown id: each refused at the upgrade, and retried with back-off.
    const refusals = [
      { name: 'wrong password', extra: { 'ocpp.authorization_key': 'not-the-secret' }, status: 401 },
      { name: 'no password', extra: {}, status: 401 },
      { name: 'unknown id', extra: { 'ocpp.charge_point_id': 'CP2', 'ocpp.authorization_key': 'secret' }, status: 404 },
    ];
    await Promise.all(refusals.map(async (refusal) => {
      const cp = startChargePoint(`eo-chargepoint (${refusal.name})`, port, refusal.extra);
      const declined = new RegExp(`declined the WebSocket upgrade: HTTP ${refusal.status}`);
      await cp.waitForLog(declined, { timeoutMs: 5000 });
      await cp.waitForLog(/next connection attempt in/, { timeoutMs: 5000 });
      assert.ok(cp.alive, `${refusal.name}: the charge point keeps running`);
      t.diagnostic(`${refusal.name}: refused with HTTP ${refusal.status}`);
      assert.deepEqual(await cp.stop(), { code: 0, signal: null });
    }));
    let record = await chargePointRecord(port);
    assert.ok(record, 'CP1 is known from ocpp.charge_points');
    assert.equal(record.connected, false, 'never connected');
    assert.equal(record.boot, null);
    assert.equal(record.messagesIn, 0);
    assert.equal(await chargePointRecord(port, 'CP2'), null, 'an unknown id is not registered');

    const cp = startChargePoint('eo-chargepoint (right password)', port, { 'ocpp.authorization_key': 'secret' });
    record = await waitForRecord(port, (r) => r.connected && r.boot, 'CP1 with the right password to connect and boot');
    assert.equal(record.boot.chargePointVendor, 'EO Charging');
    assert.equal(cp.countLog(/declined the WebSocket upgrade/), 0);
    assert.deepEqual(await cp.stop(), { code: 0, signal: null });
    assert.deepEqual(await csms.stop(), { code: 0, signal: null });
  }));
});
