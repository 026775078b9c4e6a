// csms-lite's REST API end to end, as a user meets it: the first-start setup with the one-time code
// (from the file next to the database), a session, an API token; eo-chargepoint on the simulated box
// listed by GET /api/chargers; a RemoteStartTransaction sent through the API; the transaction it
// started seen in GET /api/transactions. Nothing is read from the database directly.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { CsmsApi, TEST_PASSWORD, readSetupCode, waitForCsmsHttp } from './lib/csms_api.mjs';
import { Harness, webRoot } from './lib/processes.mjs';
import { HOST, freePort } from './lib/net.mjs';
import { EVENT_TIMEOUT_MS, chargePointSettings } from './lib/session.mjs';
import { SimControl } from './lib/simctl.mjs';
import { waitFor } from './lib/wait.mjs';

const harness = new Harness();
after(() => harness.stopAll());

describe('csms-lite REST API with eo-chargepoint', () => {
  test('setup, login, list the charger, remote start, see the transaction', harness.wrap(async (t) => {
    const port = await freePort();
    const csms = harness.startCsmsLite('csms-lite (api)', { 'http.port': port, 'http.web_root': webRoot() });
    const database = harness.csmsLiteState('csms-lite (api)')['storage.database'];
    const anonymous = new CsmsApi(port);
    await waitForCsmsHttp(anonymous, csms);

    // Locked until set up: no data, and the session endpoint says setup is needed.
    assert.equal((await anonymous.get('/api/chargers')).status, 401);
    assert.deepEqual((await anonymous.get('/api/session')).json, { authenticated: false, setupRequired: true });
    await csms.waitForLog(/first start: set the admin password at http:\/\/\S+\/setup\?code=/, { timeoutMs: 5000 });
    const code = await readSetupCode(database);
    const wrong = await anonymous.post('/api/setup', { code: 'not-the-code', password: TEST_PASSWORD });
    assert.equal(wrong.status, 403);

    // Setup logs in (a session cookie with its CSRF token); the cookie then creates an API token.
    const setup = await anonymous.post('/api/setup', { code, password: TEST_PASSWORD });
    assert.equal(setup.status, 201, setup.body);
    assert.equal((await anonymous.post('/api/setup', { code, password: TEST_PASSWORD })).status, 409, 'setup happens once');
    const login = await anonymous.post('/api/session', { password: TEST_PASSWORD });
    assert.equal(login.status, 200, login.body);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const created = await fetch(`${anonymous.base}/api/tokens`, {
      method: 'POST',
      headers: { Cookie: cookie, 'X-CSRF-Token': login.json.csrfToken, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'integration' }),
    });
    assert.equal(created.status, 201);
    const token = await created.json();
    const api = new CsmsApi(port);
    api.token = token.token;

    // eo-chargepoint on the simulator connects (unknown ids are accepted by the harness' default).
    const state = harness.chargePointState('eo-chargepoint (api)');
    harness.startChargePoint('eo-chargepoint (api)', chargePointSettings(`ws://${HOST}:${port}/ocpp`));
    const sim = new SimControl(state['simulator.control_socket']);
    await sim.ready();
    const charger = await waitFor(async () => {
      const list = await api.get('/api/chargers');
      assert.equal(list.status, 200);
      const cp = list.json.chargers.find((c) => c.id === 'CP1');
      return cp && cp.connected && cp.connectors[0]?.status === 'Available' ? cp : null;
    }, { timeoutMs: EVENT_TIMEOUT_MS, what: 'CP1 listed, connected and Available' });
    assert.equal(charger.registration, 'Accepted');
    assert.equal(charger.model, 'EO Mini Pro 2');

    // The car is plugged in; the user starts charging from the API.
    await sim.plugIn();
    const started = await api.post('/api/chargers/CP1/commands/RemoteStartTransaction', { connectorId: 1, idTag: 'API-1' },
                                   { timeoutMs: 40000 });
    assert.equal(started.status, 200, started.body);
    assert.deepEqual(started.json, { result: { status: 'Accepted' } });
    const session = await waitFor(async () => {
      const list = await api.get('/api/transactions?charger=CP1&active=true');
      return list.json?.items?.find((x) => x.idTag === 'API-1') ?? null;
    }, { timeoutMs: EVENT_TIMEOUT_MS, what: 'the remote-started transaction in GET /api/transactions' });
    t.diagnostic(`transaction ${session.id} started at ${session.startedAt}`);
    assert.equal(session.chargerId, 'CP1');
    assert.equal(session.connectorId, 1);
    assert.equal(session.stoppedAt, null);

    // The command is in the audit log under the token's name.
    const audit = await api.get('/api/audit?kind=command&charger=CP1');
    const entry = audit.json.items.find((e) => e.details?.action === 'RemoteStartTransaction');
    assert.ok(entry, 'RemoteStartTransaction is in the audit log');
    assert.equal(entry.actor, `token:${token.id}`);
  }));
});
