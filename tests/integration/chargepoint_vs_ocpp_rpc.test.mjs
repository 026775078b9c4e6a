// eo-chargepoint against ocpp-rpc, an independent OCPP-J implementation. Its RPCServer runs in strict
// mode: every CALL the charge point sends and every answer it gives is validated against the official
// OCPP 1.6 JSON schemas; any failure is recorded and fails the test.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { Harness, waitFor } from './lib/processes.mjs';
import { NOREPLY, accepted, startRpcServer } from './lib/ocpp.mjs';

const harness = new Harness();
const servers = [];
after(async () => {
  await harness.stopAll();
  await Promise.all(servers.map((s) => s.close().catch(() => {})));
});

async function rpcServer(options) {
  const server = await startRpcServer(options);
  servers.push(server);
  return server;
}

function chargePoint(name, url, extra = {}) {
  return harness.startChargePoint(name, {
    'ocpp.central_system_url': url,
    'ocpp.charge_point_id': 'CP1',
    'network.reconnect_min_s': 1,
    'network.reconnect_max_s': 2,
    ...extra,
  });
}

function assertNoStrictFailures(server) {
  assert.deepEqual(server.strictFailures(), [], 'ocpp-rpc strict mode found schema violations');
}

// Exits 0 on SIGTERM (the daemon's documented way to stop).
async function stopCleanly(proc) {
  const status = await proc.stop();
  assert.deepEqual(status, { code: 0, signal: null }, `${proc.name} did not exit cleanly on SIGTERM`);
}

describe('eo-chargepoint against ocpp-rpc (strict mode)', () => {
  test('boots, heartbeats and serves GetConfiguration / ChangeConfiguration', harness.wrap(async (t) => {
    const server = await rpcServer({ onBoot: () => accepted(2) });
    const cp = chargePoint('eo-chargepoint', server.url);

    const link = await server.nextChargePoint(10000);
    assert.equal(link.identity, 'CP1');
    assert.equal(link.handshake.endpoint, '/ocpp');
    assert.equal(link.client.protocol, 'ocpp1.6');
    assert.equal(link.handshake.headers.authorization, undefined, 'no Authorization header without a key');

    const boot = await link.next('BootNotification');
    assert.equal(boot.params.chargePointVendor, 'EO Charging');
    assert.equal(boot.params.chargePointModel, 'EO Mini Pro 2');
    assert.equal(typeof boot.params.firmwareVersion, 'string');

    // Accepted with interval 2: heartbeats every 2 s, the first one 2 s after the answer.
    const heartbeat = await link.next('Heartbeat', 5000);
    const firstGap = heartbeat.at - boot.at;
    t.diagnostic(`first Heartbeat ${firstGap} ms after the Accepted BootNotification (interval 2 s)`);
    assert.ok(firstGap >= 1500 && firstGap <= 4000, `first heartbeat after ${firstGap} ms, expected about 2000`);
    assert.deepEqual(heartbeat.params, {});

    // GetConfiguration without keys: every readable key, each with a value.
    const all = await link.call('GetConfiguration', {});
    assert.ok(Array.isArray(all.configurationKey), 'configurationKey is a list');
    assert.equal(all.unknownKey, undefined);
    const byKey = new Map(all.configurationKey.map((entry) => [entry.key, entry]));
    t.diagnostic(`GetConfiguration returned ${byKey.size} keys`);
    assert.ok(byKey.size >= 20, `only ${byKey.size} keys`);
    assert.equal(byKey.size, all.configurationKey.length, 'no key is listed twice');
    for (const entry of all.configurationKey) {
      assert.equal(typeof entry.readonly, 'boolean', `${entry.key}: readonly`);
      assert.equal(typeof entry.value, 'string', `${entry.key}: value must be a string`);
    }
    assert.ok(!byKey.has('AuthorizationKey') || byKey.get('AuthorizationKey').value === undefined,
              'AuthorizationKey must never be reported with a value');
    assert.equal(byKey.get('HeartbeatInterval')?.value, '2', 'HeartbeatInterval is the interval of the Accepted answer');
    assert.equal(byKey.get('HeartbeatInterval').readonly, false);
    assert.equal(byKey.get('NumberOfConnectors')?.value, '1');
    assert.equal(byKey.get('NumberOfConnectors').readonly, true);
    assert.match(byKey.get('SupportedFeatureProfiles')?.value ?? '', /\bCore\b/);
    for (const key of ['ConnectionTimeOut', 'MeterValueSampleInterval', 'WebSocketPingInterval',
                       'GetConfigurationMaxKeys', 'LocalAuthorizeOffline', 'MeterValuesSampledData']) {
      assert.ok(byKey.has(key), `${key} is a required Core key`);
    }

    // Specific keys, one unknown; the write-only key exists but has no value.
    const some = await link.call('GetConfiguration', {
      key: ['HeartbeatInterval', 'NumberOfConnectors', 'AuthorizationKey', 'NoSuchKey'],
    });
    const someByKey = new Map((some.configurationKey ?? []).map((entry) => [entry.key, entry]));
    assert.deepEqual([...someByKey.keys()].sort(), ['AuthorizationKey', 'HeartbeatInterval', 'NumberOfConnectors']);
    assert.equal(someByKey.get('AuthorizationKey').value, undefined, 'AuthorizationKey is write-only');
    assert.equal(someByKey.get('AuthorizationKey').readonly, false);
    assert.equal(someByKey.get('HeartbeatInterval').value, '2');
    assert.deepEqual(some.unknownKey, ['NoSuchKey']);

    // ChangeConfiguration: accepted, rejected (bad value, read-only), not supported (unknown key).
    const changedAt = Date.now();
    assert.deepEqual(await link.call('ChangeConfiguration', { key: 'HeartbeatInterval', value: '3' }),
                     { status: 'Accepted' });
    const answeredAt = Date.now();
    for (const value of ['abc', '-1', '1.5', '', '86401']) {
      assert.deepEqual(await link.call('ChangeConfiguration', { key: 'HeartbeatInterval', value }),
                       { status: 'Rejected' }, `HeartbeatInterval = "${value}"`);
    }
    assert.deepEqual(await link.call('ChangeConfiguration', { key: 'NoSuchKey', value: '1' }),
                     { status: 'NotSupported' });
    assert.deepEqual(await link.call('ChangeConfiguration', { key: 'NumberOfConnectors', value: '2' }),
                     { status: 'Rejected' }, 'NumberOfConnectors is read-only');
    assert.deepEqual(await link.call('ChangeConfiguration', { key: 'LocalAuthorizeOffline', value: 'maybe' }),
                     { status: 'Rejected' });
    const after = await link.call('GetConfiguration', { key: ['HeartbeatInterval', 'NumberOfConnectors'] });
    assert.deepEqual(after.configurationKey.find((e) => e.key === 'HeartbeatInterval').value, '3');
    assert.deepEqual(after.configurationKey.find((e) => e.key === 'NumberOfConnectors').value, '1');

    // The new interval applies: the next heartbeat comes about 3 s after the change, not 2.
    // (A heartbeat sent before the change was processed arrives before its answer: skip those.)
    let nextHeartbeat;
    do nextHeartbeat = await link.next('Heartbeat', 6000); while (nextHeartbeat.at <= answeredAt);
    const gap = nextHeartbeat.at - changedAt;
    t.diagnostic(`first Heartbeat ${gap} ms after HeartbeatInterval was changed to 3`);
    assert.ok(gap >= 2500 && gap <= 5000, `heartbeat ${gap} ms after the change, expected about 3000`);

    assert.equal(link.countCalls('BootNotification'), 1, 'one BootNotification per connection');
    // Besides those: after the boot, the status of the charge point (connector 0) and of connector 1.
    const others = link.calls.filter((c) => !['BootNotification', 'Heartbeat'].includes(c.method));
    assert.deepEqual(others.map((c) => [c.method, c.params.connectorId, c.params.status, c.params.errorCode]),
                     [['StatusNotification', 0, 'Available', 'NoError'], ['StatusNotification', 1, 'Available', 'NoError']]);
    assertNoStrictFailures(server);
    assert.ok(cp.alive);
    await stopCleanly(cp);
  }));

  test('Basic auth: the central system sees the id and the password; a 401 is retried', harness.wrap(async () => {
    // The first attempt is refused with 401, the next accepted.
    const server = await rpcServer({ onBoot: () => accepted(300), auth: (handshake, n) => (n === 1 ? 401 : true) });
    const cp = chargePoint('eo-chargepoint (auth)', server.url, { 'ocpp.authorization_key': 'secret' });

    const link = await server.nextChargePoint(10000);
    await link.next('BootNotification');
    assert.equal(server.handshakes.length, 2, 'one refused attempt, then the accepted one');
    for (const handshake of server.handshakes) {
      assert.equal(handshake.identity, 'CP1');
      assert.equal(handshake.endpoint, '/ocpp');
      assert.ok(handshake.protocols.has('ocpp1.6'));
      assert.ok(handshake.password, 'a password was sent with user name = charge point id');
      assert.equal(handshake.password.toString('utf8'), 'secret');
      assert.equal(handshake.headers.authorization, `Basic ${Buffer.from('CP1:secret').toString('base64')}`);
    }
    const retryAfter = server.handshakes[1].at - server.handshakes[0].at;
    assert.ok(retryAfter >= 500, `retried ${retryAfter} ms after a 401: expected a back-off`);
    // The key is write-only: listed when asked for by name, but its value never leaves the charge point.
    const all = await link.call('GetConfiguration', {});
    assert.ok(!JSON.stringify(all).includes('secret'), 'GetConfiguration reveals the AuthorizationKey');
    const named = await link.call('GetConfiguration', { key: ['AuthorizationKey'] });
    assert.deepEqual(named, { configurationKey: [{ key: 'AuthorizationKey', readonly: false }] });
    assert.equal(cp.countLog(/secret/), 0, 'the password appears in the debug log');
    assertNoStrictFailures(server);
    await stopCleanly(cp);
  }));

  test('Pending, then Rejected, then Accepted: BootNotification is repeated after each interval', harness.wrap(async (t) => {
    const answers = [
      { status: 'Pending', currentTime: new Date().toISOString(), interval: 1 },
      { status: 'Rejected', currentTime: new Date().toISOString(), interval: 1 },
    ];
    const server = await rpcServer({ onBoot: (params, cp, n) => answers[n] ?? accepted(300) });
    const cp = chargePoint('eo-chargepoint (pending)', server.url);
    const link = await server.nextChargePoint(10000);

    const first = await link.next('BootNotification');
    assert.equal(first.answer.status, 'Pending');
    // While Pending the central system may configure the charge point (OCPP 1.6 §4.2.1).
    const during = await link.call('GetConfiguration', { key: ['HeartbeatInterval'] });
    assert.equal(during.configurationKey[0].key, 'HeartbeatInterval');

    const second = await link.next('BootNotification', 4000);
    assert.equal(second.answer.status, 'Rejected');
    const third = await link.next('BootNotification', 4000);
    assert.equal(third.answer.status, 'Accepted');
    const gaps = [second.at - first.at, third.at - second.at];
    t.diagnostic(`BootNotification repeated after ${gaps.join(' ms and ')} ms (interval 1 s)`);
    for (const gap of gaps) assert.ok(gap >= 800 && gap <= 2500, `repeated after ${gap} ms, expected about 1000`);
    assert.deepEqual(third.params, first.params, 'the same identity each time');
    // No heartbeat before acceptance, and no other message either.
    assert.ok(link.calls.slice(0, 3).every((c) => c.method === 'BootNotification'));
    assert.equal(link.client.state, 1, 'the connection stayed open throughout');
    assertNoStrictFailures(server);
    await stopCleanly(cp);
  }));

  // OCPP 1.6 §6.3: chargePointVendor is CiString20Type. The npm schema copy allowed 50; the build restores
  // the official limits, and the charge point refuses such a setting at start-up (exit 2).
  test('an identity.vendor longer than CiString20Type never reaches the wire as an invalid BootNotification',
       harness.wrap(async (t) => {
    const server = await rpcServer({ onBoot: () => accepted(300) });
    const vendor = 'EO Charging Solutions';  // 21 characters
    const cp = chargePoint('eo-chargepoint (long vendor)', server.url, { 'identity.vendor': vendor });
    // Whichever comes first: the program refuses the setting, or a BootNotification reaches the server.
    await waitFor(() => !cp.alive || server.strictFailures().length > 0 || server.all.some((c) => c.countCalls('BootNotification')),
                  { timeoutMs: 10000, what: 'a BootNotification or the program to exit' });
    t.diagnostic(`exit: ${JSON.stringify(cp.exitStatus)}, strict-mode failures: ${JSON.stringify(server.strictFailures())}`);
    assertNoStrictFailures(server);
    if (cp.alive) {
      const boot = await server.all[0].next('BootNotification');
      assert.ok(boot.params.chargePointVendor.length <= 20);
    } else {
      assert.equal(cp.exitStatus.code, 2, 'refused as a configuration error');
    }
  }));

  test('a central system that drops the connection instead of answering the first BootNotification', harness.wrap(async (t) => {
    // Home Assistant's OCPP integration closes the socket on first contact with a new charger. Here: the
    // first connection is closed politely, the second one dropped without a close frame, the third accepted.
    let boots = 0;  // across connections
    const server = await rpcServer({
      onBoot: (params, link) => {
        const n = boots++;
        if (n === 0) setImmediate(() => link.client.close({ code: 1000, reason: 'new charger, please reconnect' }));
        if (n === 1) setImmediate(() => link.client.close({ force: true }));
        return n < 2 ? NOREPLY : accepted(300);
      },
    });
    const cp = chargePoint('eo-chargepoint (dropped boot)', server.url);

    const links = [];
    for (let i = 0; i < 3; ++i) {
      const link = await server.nextChargePoint(8000);
      links.push(link);
      const boot = await link.next('BootNotification', 4000);
      assert.equal(boot.params.chargePointVendor, 'EO Charging');
      if (i < 2) await link.closed;
    }
    t.diagnostic(`reconnected after ${links[1].connectedAt - links[0].connectedAt} ms and ` +
                 `${links[2].connectedAt - links[1].connectedAt} ms`);
    assert.equal(boots, 3);
    // Both unanswered BootNotifications were sent again on the next connection; the accepted one is final.
    assert.equal(links[2].countCalls('BootNotification'), 1);
    const config = await links[2].call('GetConfiguration', { key: ['HeartbeatInterval'] });
    assert.equal(config.configurationKey[0].value, '300');
    assertNoStrictFailures(server);
    assert.ok(cp.alive);
    await stopCleanly(cp);
  }));
});
