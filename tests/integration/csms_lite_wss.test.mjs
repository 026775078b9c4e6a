// wss:// with Basic auth (OCPP 1.6 security profile 2) between eo-chargepoint and csms-lite. csms-lite
// listens without TLS and is meant to sit behind a TLS terminator for wss (docs/csms-lite.md); here
// that is a Node TLS server on loopback (lib/tls_front.mjs) with certificates made for the test
// (lib/test_pki.mjs). The charge point trusts the CA through network.ca_file and checks the
// server's name; csms-lite checks the password. Checked: a boot is Accepted over wss; a charge
// point that does not trust the CA, one that reaches a server certified for another address, and
// one with a wrong password are refused, each with a log line that says why, and keep retrying.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { ApiCharger, startChargePoint, startCsms } from './lib/csms_lite_session.mjs';
import { Harness } from './lib/processes.mjs';
import { HOST } from './lib/net.mjs';
import { EVENT_TIMEOUT_MS } from './lib/session.mjs';
import { TestPki } from './lib/test_pki.mjs';
import { TlsFront } from './lib/tls_front.mjs';

const harness = new Harness();
const fronts = [];
after(async () => {
  await harness.stopAll();
  await Promise.all(fronts.map((f) => f.close()));
});

// OCPP 1.6 security whitepaper: the AuthorizationKey is 16 to 40 bytes.
const PASSWORD = 'wss integration secret';

async function front(csmsPort, certificate) {
  const f = await new TlsFront(csmsPort, certificate).listen();
  fronts.push(f);
  return f;
}

describe('wss with Basic auth between eo-chargepoint and csms-lite', () => {
  test('trusted CA and the right password: Accepted; an untrusted CA, a wrong address or a wrong password: refused',
       harness.wrap(async (t) => {
    const pki = new TestPki();
    const trustedCa = pki.ca('trusted-ca');
    const otherCa = pki.ca('other-ca');
    const csms = await startCsms(harness, 'csms-lite (wss)', {
      settings: { 'ocpp.charge_points': `CP1:${PASSWORD}`, 'ocpp.unknown_charge_points': 'reject' },
    });
    const good = await front(csms.port, pki.server('csms', 'trusted-ca', [`IP:${HOST}`, 'DNS:localhost']));
    // Signed by the trusted CA, but for another address than the one the charge point dials.
    const elsewhere = await front(csms.port, pki.server('elsewhere', 'trusted-ca', ['IP:127.0.0.2']));
    const wss = (f) => `wss://${HOST}:${f.port}/ocpp`;

    const refusals = [
      { name: 'untrusted CA', url: wss(good), extra: { 'network.ca_file': otherCa, 'ocpp.authorization_key': PASSWORD },
        log: /connection attempt 1 to wss:\/\/\S+ failed: TLS handshake failed: certificate verify failed.*: unable to get local issuer certificate/ },
      { name: 'wrong address', url: wss(elsewhere), extra: { 'network.ca_file': trustedCa, 'ocpp.authorization_key': PASSWORD },
        log: /connection attempt 1 to wss:\/\/\S+ failed: TLS handshake failed: certificate verify failed.*: IP address mismatch/ },
      { name: 'wrong password', url: wss(good), extra: { 'network.ca_file': trustedCa, 'ocpp.authorization_key': 'not the wss secret' },
        log: /connection attempt 1 to wss:\/\/\S+ failed: server declined the WebSocket upgrade: HTTP 401/ },
    ];
    await Promise.all(refusals.map(async (refusal) => {
      const { cp } = await startChargePoint(harness, `eo-chargepoint (${refusal.name})`, refusal.url, refusal.extra);
      const line = await cp.waitForLog(refusal.log, { timeoutMs: EVENT_TIMEOUT_MS });
      t.diagnostic(`${refusal.name}: ${line.line.text}`);
      await cp.waitForLog(/ws: next connection attempt in/, { timeoutMs: EVENT_TIMEOUT_MS });
      assert.equal(cp.countLog(/ws: connected to/), 0, `${refusal.name}: never connected`);
      assert.ok(cp.alive, `${refusal.name}: the charge point keeps running`);
      assert.deepEqual(await cp.stop(), { code: 0, signal: null });
    }));
    // The refused TLS handshakes never reached csms-lite; the wrong password did, and was turned away.
    assert.ok(good.failures.length >= 1 && elsewhere.failures.length >= 1,
              `the fronts saw the clients' alerts: ${JSON.stringify([good.failures, elsewhere.failures])}`);
    assert.ok(csms.proc.findLog(/refused WebSocket upgrade from \S+ to \/ocpp\/CP1: 401/), 'csms-lite says it refused the password');
    const charger = new ApiCharger(csms.api);
    const before = await charger.get();
    assert.equal(before.connected, false);
    assert.equal(before.messagesIn, 0, 'no OCPP message from a refused charge point');

    // Trusting the CA, with the right password: connected over wss and Accepted.
    const { cp } = await startChargePoint(harness, 'eo-chargepoint (wss)', wss(good),
                                          { 'network.ca_file': trustedCa, 'ocpp.authorization_key': PASSWORD });
    const booted = await charger.booted();
    assert.equal(booted.vendor, 'EO Charging');
    await cp.waitForLog(new RegExp(`ws: connected to wss://${HOST}:${good.port}/ocpp/CP1`), { timeoutMs: EVENT_TIMEOUT_MS });
    await cp.waitForLog(/registration: \w+ -> accepted/i, { timeoutMs: EVENT_TIMEOUT_MS });
    assert.equal(cp.countLog(/connection attempt \d+ .* failed/), 0);
    assert.ok(good.handshakes >= 2, 'the wrong password and this one passed the TLS handshake');
    // An OCPP round trip over wss, driven from csms-lite's API.
    // The key is write-only (OCPP 1.6 security whitepaper): listed, its value never sent.
    const answer = await charger.command('GetConfiguration', { key: ['AuthorizationKey'] });
    assert.deepEqual(answer, { configurationKey: [{ key: 'AuthorizationKey', readonly: false }] });
    assert.deepEqual(await cp.stop(), { code: 0, signal: null });
    assert.deepEqual(await csms.proc.stop(), { code: 0, signal: null });
  }));
});
