// wss:// with Basic auth (OCPP 1.6 security profile 2) between eo-chargepoint and csms-lite, with
// csms-lite's own TLS (http.tls_certificate, http.tls_private_key) and certificates made by
// certs/make-certs.sh, as a user would. The charge point trusts the CA through network.ca_file and
// checks the server's address; csms-lite checks the password. Checked: a boot is Accepted over wss
// and the API answers over https with a Secure cookie; a charge point that does not trust the CA,
// one that reaches a server certified for another address, and one with a wrong password are
// refused, each with a log line on both sides that says why, and keep retrying.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ApiCharger, startChargePoint, startCsms } from './lib/csms_lite_session.mjs';
import { Harness, webRoot } from './lib/processes.mjs';
import { HOST, freePort } from './lib/net.mjs';
import { EVENT_TIMEOUT_MS } from './lib/session.mjs';
import { TestPki } from './lib/test_pki.mjs';

const harness = new Harness();
after(() => harness.stopAll());

const MAKE_CERTS = fileURLToPath(new URL('../../certs/make-certs.sh', import.meta.url));
// OCPP 1.6 security whitepaper: the AuthorizationKey is 16 to 40 bytes.
const PASSWORD = 'wss integration secret';

const work = mkdtempSync(join(tmpdir(), 'eo-wss-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

// make-certs.sh into `dir` for these addresses; returns its paths and what it printed.
function makeCerts(dir, addresses) {
  const output = execFileSync('bash', [MAKE_CERTS, '--dir', dir, '--no-hostname', ...addresses], { encoding: 'utf8' });
  return { output, ca: join(dir, 'ca.pem'), cert: join(dir, 'server.pem'), key: join(dir, 'server.key') };
}

function tlsSettings(certs) {
  return { 'http.tls_certificate': certs.cert, 'http.tls_private_key': certs.key };
}

describe('wss with Basic auth between eo-chargepoint and csms-lite', () => {
  test('trusted CA and the right password: Accepted; an untrusted CA, a wrong address or a wrong password: refused',
       harness.wrap(async (t) => {
    const good = makeCerts(join(work, 'box'), [HOST]);
    // The same CA (copied, as make-certs.sh keeps an existing one), a certificate for another address.
    const otherDir = join(work, 'elsewhere');
    mkdirSync(otherDir);
    for (const file of ['ca.pem', 'ca.key']) copyFileSync(join(work, 'box', file), join(otherDir, file));
    const elsewhere = makeCerts(otherDir, ['127.0.0.2']);
    assert.match(elsewhere.output, /kept the existing CA/);
    const untrustedCa = new TestPki().ca('other-ca');

    const settings = { 'ocpp.charge_points': `CP1:${PASSWORD}`, 'ocpp.unknown_charge_points': 'reject' };
    const ca = readFileSync(good.ca, 'utf8');
    const csms = await startCsms(harness, 'csms-lite (wss)', { settings: { ...settings, ...tlsSettings(good) }, ca });
    // A second csms-lite whose certificate names 127.0.0.2 only: nothing can log in to it at
    // 127.0.0.1 (that is the point), so it is started bare and watched through its log.
    const otherPort = await freePort();
    const otherProc = harness.startCsmsLite('csms-lite (wss, other address)', {
      ...settings, ...tlsSettings(elsewhere), 'http.port': otherPort, 'http.web_root': webRoot(),
    });
    await otherProc.waitForLog(/listening on https:\/\/\S+ \(charge points: wss:/, { timeoutMs: EVENT_TIMEOUT_MS });

    assert.ok(csms.proc.findLog(/listening on https:\/\/\S+ \(charge points: wss:\/\//), 'csms-lite says it serves wss');
    assert.ok(csms.proc.findLog(/TLS certificate: .*IP:127\.0\.0\.1/), 'csms-lite logs the certificate it serves');
    assert.match(csms.api.setupCookie, /; Secure/, 'the session cookie is Secure over https');
    const wss = (port) => `wss://${HOST}:${port}/ocpp`;

    const refusals = [
      { name: 'untrusted CA', url: wss(csms.port), proc: csms.proc, extra: { 'network.ca_file': untrustedCa, 'ocpp.authorization_key': PASSWORD },
        log: /connection attempt 1 to wss:\/\/\S+ failed: TLS handshake failed: certificate verify failed.*: unable to get local issuer certificate/ },
      { name: 'wrong address', url: wss(otherPort), proc: otherProc, extra: { 'network.ca_file': good.ca, 'ocpp.authorization_key': PASSWORD },
        log: /connection attempt 1 to wss:\/\/\S+ failed: TLS handshake failed: certificate verify failed.*: IP address mismatch/ },
      { name: 'wrong password', url: wss(csms.port), proc: csms.proc, extra: { 'network.ca_file': good.ca, 'ocpp.authorization_key': 'not the wss secret' },
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
    // csms-lite's side of the two refused handshakes, and of the refused password.
    for (const proc of [csms.proc, otherProc]) {
      const line = proc.findLog(/TLS handshake with \S+ failed: .*\(the client does not trust this server's certificate/);
      assert.ok(line, `${proc.name} says why the handshake failed`);
      t.diagnostic(`${proc.name}: ${line.line.text}`);
    }
    assert.ok(csms.proc.findLog(/refused WebSocket upgrade from \S+ to \/ocpp\/CP1: 401/), 'csms-lite says it refused the password');
    const charger = new ApiCharger(csms.api);
    const before = await charger.get();
    assert.equal(before.connected, false);
    assert.equal(before.messagesIn, 0, 'no OCPP message from a refused charge point');

    // Trusting the CA, with the right password: connected over wss and Accepted.
    const { cp } = await startChargePoint(harness, 'eo-chargepoint (wss)', wss(csms.port),
                                          { 'network.ca_file': good.ca, 'ocpp.authorization_key': PASSWORD });
    const booted = await charger.booted();
    assert.equal(booted.vendor, 'EO Charging');
    await cp.waitForLog(new RegExp(`ws: connected to wss://${HOST}:${csms.port}/ocpp/CP1`), { timeoutMs: EVENT_TIMEOUT_MS });
    await cp.waitForLog(/registration: \w+ -> accepted/i, { timeoutMs: EVENT_TIMEOUT_MS });
    assert.equal(cp.countLog(/connection attempt \d+ .* failed/), 0);
    // An OCPP round trip over wss, driven from csms-lite's API.
    // The key is write-only (OCPP 1.6 security whitepaper): listed, its value never sent.
    const answer = await charger.command('GetConfiguration', { key: ['AuthorizationKey'] });
    assert.deepEqual(answer, { configurationKey: [{ key: 'AuthorizationKey', readonly: false }] });
    assert.deepEqual(await cp.stop(), { code: 0, signal: null });
    assert.deepEqual(await csms.proc.stop(), { code: 0, signal: null });
    assert.deepEqual(await otherProc.stop(), { code: 0, signal: null });
  }));
});
