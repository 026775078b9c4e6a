// The armel (ARMv5TE soft-float, fully static) eo-chargepoint, run under user-mode QEMU as the Pi Zero's
// ARM1176, on the simulated box: does the binary we ship for the Pi boot and charge?
//
// EO_CHARGEPOINT_BIN is tests/cross/qemu_arm1176.sh, which runs EO_ARMEL_EXECUTABLE under
// qemu-arm-static -cpu arm1176; EO_CSMS_LITE_BIN is the host's (x86) csms-lite. Set by CTest
// (tests/cross/CMakeLists.txt). Emulation is several times slower than native: the deadlines are long.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { CsmsApi, waitForCsmsHttp } from '../integration/lib/csms_api.mjs';
import { freePort, HOST } from '../integration/lib/net.mjs';
import { Harness, waitFor, webRoot } from '../integration/lib/processes.mjs';
import { startRpcServer, transactionHandlers } from '../integration/lib/ocpp.mjs';
import { SimControl } from '../integration/lib/simctl.mjs';

const EMULATED_TIMEOUT_MS = 60000;

const harness = new Harness();
const servers = [];
after(async () => {
  await harness.stopAll();
  await Promise.all(servers.map((s) => s.close().catch(() => {})));
});

function chargePoint(name, url, extra = {}) {
  return harness.startChargePoint(name, {
    'ocpp.central_system_url': url,
    'ocpp.charge_point_id': 'PI1',
    'network.reconnect_min_s': 1,
    'network.reconnect_max_s': 2,
    'simulator.tick_ms': 200,
    ...extra,
  });
}

const isStatus = (connectorId, status) => (c) =>
  c.method === 'StatusNotification' && c.params.connectorId === connectorId && c.params.status === status;

describe('armel eo-chargepoint under qemu-arm-static -cpu arm1176', () => {
  test('boots at the x86 csms-lite: Accepted, connector 1 Available', harness.wrap(async (t) => {
    const port = await freePort();
    const name = 'csms-lite (x86)';
    const csms = harness.startCsmsLite(name, { 'http.port': port, 'http.web_root': webRoot() });
    // csms-lite's API needs a login: the first-start setup and an API token, as a user would (docs/api.md).
    const api = new CsmsApi(port);
    await waitForCsmsHttp(api, csms);
    await api.login(harness.csmsLiteState(name)['storage.database']);
    const startedAt = Date.now();
    const cp = chargePoint('eo-chargepoint (armel)', `ws://${HOST}:${port}/ocpp`);

    const record = await waitFor(async () => {
      if (!cp.alive) throw new Error(`eo-chargepoint exited: ${JSON.stringify(cp.exitStatus)}`);
      const response = await api.get('/api/chargers/PI1/record');
      const r = response.status === 200 ? response.json : null;
      return r?.connected && r.bootedAt && r.connectors?.['1']?.status === 'Available' ? r : null;
    }, { timeoutMs: EMULATED_TIMEOUT_MS, intervalMs: 200, what: 'PI1 booted with connector 1 Available at csms-lite' });
    t.diagnostic(`booted and Available at csms-lite ${Date.now() - startedAt} ms after the start under emulation`);
    assert.equal(record.boot.chargePointVendor, 'EO Charging');
    assert.equal(record.boot.chargePointModel, 'EO Mini Pro 2');
    assert.deepEqual(await cp.stop({ graceMs: 20000 }), { code: 0, signal: null }, 'exits 0 on SIGTERM');
    assert.ok(csms.alive);
  }));

  test('a plug-and-charge session against ocpp-rpc (strict schemas)', harness.wrap(async (t) => {
    const server = await startRpcServer({ handlers: transactionHandlers({ firstTransactionId: 7 }) });
    servers.push(server);
    const name = 'eo-chargepoint (armel, session)';
    const sim = new SimControl(harness.chargePointState(name)['simulator.control_socket']);
    chargePoint(name, server.url, { 'charging.plug_and_charge_id_tag': 'PI-PLUG' });

    const link = await server.nextChargePoint(EMULATED_TIMEOUT_MS);
    const boot = await link.next('BootNotification', EMULATED_TIMEOUT_MS);
    assert.equal(boot.answer.status, 'Accepted');
    await link.waitForCall(isStatus(1, 'Available'), { timeoutMs: EMULATED_TIMEOUT_MS, what: 'connector 1 Available' });
    assert.deepEqual(await link.call('ChangeConfiguration', { key: 'MeterValueSampleInterval', value: '1' }),
                     { status: 'Accepted' });

    await sim.ready();
    const from = link.frames.length;
    await sim.plugIn();
    const start = await link.next('StartTransaction', EMULATED_TIMEOUT_MS);
    assert.equal(start.params.idTag, 'PI-PLUG');
    assert.ok(Number.isInteger(start.params.meterStart) && start.params.meterStart >= 0);
    await link.waitForCall(isStatus(1, 'Charging'), { from, timeoutMs: EMULATED_TIMEOUT_MS, what: 'Charging' });
    const sample = await link.next('MeterValues', EMULATED_TIMEOUT_MS);
    assert.equal(sample.params.transactionId, start.answer.transactionId);
    await sim.unplug();
    const stop = await link.next('StopTransaction', EMULATED_TIMEOUT_MS);
    assert.equal(stop.params.transactionId, start.answer.transactionId);
    assert.ok(stop.params.meterStop >= start.params.meterStart, 'the register does not run backwards');
    t.diagnostic(`session ${start.params.meterStart} → ${stop.params.meterStop} Wh on the emulated ARM1176`);
    assert.deepEqual(server.strictFailures(), [], 'ocpp-rpc strict mode found schema violations');
  }));
});
