// Malformed input, on the wire, to both programs. Every frame that is (or may be) a CALL must get the
// CALLERROR that OCPP-J 1.6 §4.2.3 describes, with errorDetails an object; CALLRESULTs and CALLERRORs
// nobody asked for get no answer; frames that break the WebSocket rules close the connection with the
// RFC 6455 code; and afterwards the program still works and is still running.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { Harness, webRoot } from './lib/processes.mjs';
import { CsmsApi, waitForCsmsHttp } from './lib/csms_api.mjs';
import { HOST, fetchJson, freePort, rawExchange } from './lib/net.mjs';
import { accepted, connectRaw, startRawServer } from './lib/ocpp.mjs';
import { waitFor } from './lib/wait.mjs';

const harness = new Harness();
const cleanups = [];
after(async () => {
  await harness.stopAll();
  for (const cleanup of cleanups) await cleanup().catch(() => {});
});

const UNREADABLE_ID = '-1';  // the id answered when a frame's own id cannot be read (common OCPP-J practice)

// Frames that must each be answered with a CALLERROR [4, id, code, description, details].
// `to` is the peer the case applies to ('cp', 'csms' or both).
const callErrorCases = [
  { name: 'not JSON', frame: 'this is not json', code: 'FormationViolation', id: UNREADABLE_ID },
  { name: 'truncated JSON', frame: '[2,"t1","Heartbeat",{', code: 'FormationViolation', id: UNREADABLE_ID },
  { name: 'empty text', frame: '', code: 'FormationViolation', id: UNREADABLE_ID },
  { name: 'JSON object, not an array', frame: '{"a":1}', code: 'FormationViolation', id: UNREADABLE_ID },
  { name: 'JSON string', frame: '"hello"', code: 'FormationViolation', id: UNREADABLE_ID },
  { name: 'empty array', frame: '[]', code: 'FormationViolation', id: UNREADABLE_ID },
  { name: 'message type id not a number', frame: '["2","t2","GetConfiguration",{}]', code: 'FormationViolation', id: UNREADABLE_ID },
  { name: 'unknown message type id 5', frame: '[5,"t3","GetConfiguration",{}]', code: 'FormationViolation', id: 't3' },
  { name: 'unknown message type id 0', frame: '[0]', code: 'FormationViolation', id: UNREADABLE_ID },
  { name: 'CALL without an id', frame: '[2]', code: 'FormationViolation', id: UNREADABLE_ID },
  { name: 'CALL with a numeric id', frame: '[2,17,"GetConfiguration",{}]', code: 'FormationViolation', id: UNREADABLE_ID },
  { name: 'CALL without action and payload', frame: '[2,"t4"]', code: 'FormationViolation', id: 't4' },
  { name: 'CALL without payload', frame: '[2,"t5","GetConfiguration"]', code: 'FormationViolation', id: 't5' },
  { name: 'CALL with 5 elements', frame: '[2,"t6","GetConfiguration",{},{}]', code: 'FormationViolation', id: 't6' },
  { name: 'action not a string', frame: '[2,"t7",42,{}]', code: 'FormationViolation', id: 't7' },
  { name: 'payload an array', frame: '[2,"t8","GetConfiguration",[]]', code: 'FormationViolation', id: 't8' },
  { name: 'payload null', frame: '[2,"t9","GetConfiguration",null]', code: 'FormationViolation', id: 't9' },
  // OCPP-J 1.6 §4.1.3: the unique id has at most 36 characters. The implementation answers ProtocolError.
  { name: 'id of 37 characters', frame: `[2,"${'x'.repeat(37)}","GetConfiguration",{}]`, code: 'ProtocolError', id: UNREADABLE_ID },
  { name: 'empty id', frame: '[2,"","GetConfiguration",{}]', code: 'ProtocolError', id: UNREADABLE_ID },
  { name: 'nested 100 levels deep', frame: `${'['.repeat(100)}${']'.repeat(100)}`, code: 'FormationViolation', id: UNREADABLE_ID },
  { name: 'unknown action', frame: '[2,"u1","FlyToTheMoon",{}]', code: 'NotImplemented', id: 'u1' },
  { name: 'unknown action of 1000 characters', frame: `[2,"u2","${'A'.repeat(1000)}",{}]`, code: 'NotImplemented', id: 'u2' },
];

// Schema violations in actions the charge point handles (GetConfiguration, ChangeConfiguration), and
// known actions it does not support.
const chargePointSchemaCases = [
  { name: 'wrong type (value is a number)', frame: '[2,"s1","ChangeConfiguration",{"key":"HeartbeatInterval","value":5}]', code: 'TypeConstraintViolation', id: 's1' },
  { name: 'wrong type (key list is a string)', frame: '[2,"s2","GetConfiguration",{"key":"HeartbeatInterval"}]', code: 'TypeConstraintViolation', id: 's2' },
  { name: 'wrong type (list item is a number)', frame: '[2,"s3","GetConfiguration",{"key":[1]}]', code: 'TypeConstraintViolation', id: 's3' },
  { name: 'missing required field', frame: '[2,"s4","ChangeConfiguration",{"key":"HeartbeatInterval"}]', code: 'OccurenceConstraintViolation', id: 's4' },
  { name: 'empty payload, fields required', frame: '[2,"s5","ChangeConfiguration",{}]', code: 'OccurenceConstraintViolation', id: 's5' },
  { name: 'unknown field', frame: '[2,"s6","ChangeConfiguration",{"key":"HeartbeatInterval","value":"5","extra":1}]', code: 'FormationViolation', id: 's6' },
  { name: 'string over maxLength (key, 51 > 50)', frame: `[2,"s7","ChangeConfiguration",{"key":"${'K'.repeat(51)}","value":"1"}]`, code: 'PropertyConstraintViolation', id: 's7' },
  { name: '200 kB value, over maxLength 500', frame: `[2,"s8","ChangeConfiguration",{"key":"HeartbeatInterval","value":"${'9'.repeat(200000)}"}]`, code: 'PropertyConstraintViolation', id: 's8' },
  // Known actions without a handler: NotSupported comes before validation, so even a bad enum gets it.
  { name: 'known but unsupported action (ReserveNow)', frame: `[2,"n1","ReserveNow",{"connectorId":1,"expiryDate":"2030-01-01T00:00:00Z","idTag":"TAG","reservationId":1}]`, code: 'NotSupported', id: 'n1' },
  { name: 'known but unsupported action with a bad enum (SendLocalList)', frame: '[2,"n2","SendLocalList",{"listVersion":1,"updateType":"Sideways"}]', code: 'NotSupported', id: 'n2' },
  { name: 'SetChargingProfile with limit 8.15', frame: JSON.stringify([2, 'n3', 'SetChargingProfile', {
    connectorId: 1,
    csChargingProfiles: {
      chargingProfileId: 1, stackLevel: 0, chargingProfilePurpose: 'TxDefaultProfile', chargingProfileKind: 'Absolute',
      chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 8.15 }] },
    },
  }]), code: 'PropertyConstraintViolation', id: 'n3' },  // multipleOf 0.1, decided on the decimal text
];

// Schema violations in actions csms-lite handles (it handles everything a charge point sends).
const csmsSchemaCases = [
  { name: 'wrong type (connectorId is a string)', frame: '[2,"c1","StatusNotification",{"connectorId":"1","errorCode":"NoError","status":"Available"}]', code: 'TypeConstraintViolation', id: 'c1' },
  { name: 'missing required field (status)', frame: '[2,"c2","StatusNotification",{"connectorId":1,"errorCode":"NoError"}]', code: 'OccurenceConstraintViolation', id: 'c2' },
  { name: 'unknown field', frame: '[2,"c3","Heartbeat",{"extra":true}]', code: 'FormationViolation', id: 'c3' },
  { name: 'bad enum value', frame: '[2,"c4","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Exploded"}]', code: 'PropertyConstraintViolation', id: 'c4' },
  { name: 'string over maxLength (info, 51 > 50)', frame: `[2,"c5","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Available","info":"${'i'.repeat(51)}"}]`, code: 'PropertyConstraintViolation', id: 'c5' },
  { name: 'not a date-time', frame: '[2,"c6","MeterValues",{"connectorId":1,"meterValue":[{"timestamp":"yesterday","sampledValue":[{"value":"1"}]}]}]', code: 'PropertyConstraintViolation', id: 'c6' },
  { name: 'missing required field in a list item', frame: '[2,"c7","MeterValues",{"connectorId":1,"meterValue":[{"timestamp":"2024-01-01T00:00:00Z"}]}]', code: 'OccurenceConstraintViolation', id: 'c7' },
  { name: 'integer beyond 32 bits', frame: '[2,"c8","StatusNotification",{"connectorId":4294967296,"errorCode":"NoError","status":"Available"}]', code: 'PropertyConstraintViolation', id: 'c8' },
  { name: 'a central-system-to-charge-point action (Reset)', frame: '[2,"c9","Reset",{"type":"Hard"}]', code: 'NotSupported', id: 'c9' },
];

// Answers and errors nobody asked for: OCPP-J never answers them.
const noAnswerCases = [
  { name: 'CALLRESULT with an unknown id', frame: '[3,"nobody-asked",{}]' },
  { name: 'CALLERROR with an unknown id', frame: '[4,"nobody-asked","GenericError","",{}]' },
  { name: 'CALLRESULT without payload', frame: '[3,"nobody-asked"]' },
  { name: 'CALLRESULT without id', frame: '[3]' },
  { name: 'CALLERROR with an unknown code and details not an object', frame: '[4,"nobody-asked","NoSuchCode","x",42]' },
  { name: 'CALLRESULT with a payload that is not an object', frame: '[3,"nobody-asked",[1,2]]' },
];

function checkCallError(answer, expected) {
  assert.ok(Array.isArray(answer), `${expected.name}: answer is an array`);
  assert.equal(answer[0], 4, `${expected.name}: expected a CALLERROR, got ${JSON.stringify(answer).slice(0, 300)}`);
  assert.equal(answer.length, 5, `${expected.name}: a CALLERROR has 5 elements`);
  assert.equal(answer[1], expected.id, `${expected.name}: message id`);
  assert.equal(answer[2], expected.code, `${expected.name}: error code (description: ${answer[3]})`);
  assert.equal(typeof answer[3], 'string', `${expected.name}: errorDescription is a string`);
  assert.ok(answer[3].length <= 1000, `${expected.name}: errorDescription is not an echo of the input`);
  assert.ok(answer[4] !== null && typeof answer[4] === 'object' && !Array.isArray(answer[4]),
            `${expected.name}: errorDetails must be an object, got ${JSON.stringify(answer[4])}`);
}

// Sends each case and checks its CALLERROR. One at a time: each answer arrives before the next frame goes.
async function expectCallErrors(peer, cases) {
  for (const c of cases) {
    const from = peer.mark();
    peer.sendText(c.frame);
    const answer = await peer.nextAnswer({ from, timeoutMs: 3000, what: `the CALLERROR for "${c.name}"` });
    checkCallError(answer, c);
  }
}

// Sends each frame that must not be answered, then a valid probe: the next answer must be the probe's.
async function expectNoAnswers(peer, cases, probe) {
  for (const c of cases) {
    const from = peer.mark();
    peer.sendText(c.frame);
    const id = `probe-${Math.random().toString(36).slice(2, 10)}`;
    peer.sendJson([2, id, probe.action, probe.payload]);
    const answer = await peer.nextAnswer({ from, timeoutMs: 3000, what: `the answer to the probe after "${c.name}"` });
    assert.equal(answer[1], id, `"${c.name}" was answered: ${JSON.stringify(answer).slice(0, 300)}`);
    assert.equal(answer[0], 3, `the probe after "${c.name}" failed: ${JSON.stringify(answer).slice(0, 300)}`);
  }
}

// Frames that break the WebSocket (not the OCPP) rules: the receiver closes the connection.
const INVALID_UTF8 = Buffer.from([0x5b, 0x32, 0x2c, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x5d]);  // [2,"<bad>"]
const closingCases = [
  { name: '1 MB text frame (limit 256 KiB)', send: (p) => p.sendText(`[2,"big","GetConfiguration",{"key":["${'k'.repeat(1024 * 1024)}"]}]`), code: 1009 },
  { name: 'invalid UTF-8 in a text frame', send: (p) => p.sendText(INVALID_UTF8), code: 1007 },
  { name: 'binary frame', send: (p) => p.sendBinary(Buffer.from('[2,"bin","GetConfiguration",{}]')), code: 1003 },
];

describe('malformed input', () => {
  test('eo-chargepoint answers malformed frames from a raw central system correctly and keeps working', harness.wrap(async (t) => {
    const server = await startRawServer({
      autoAnswer: {
        BootNotification: () => accepted(300),
        Heartbeat: () => ({ currentTime: new Date().toISOString() }),
      },
    });
    cleanups.push(server.close);
    const cp = harness.startChargePoint('eo-chargepoint', {
      'ocpp.central_system_url': server.url,
      'ocpp.charge_point_id': 'FUZZ-CP',
      'network.reconnect_min_s': 1,
      'network.reconnect_max_s': 2,
    });
    let peer = await server.nextPeer(10000);
    assert.equal(peer.url, '/ocpp/FUZZ-CP');
    assert.equal(peer.protocol, 'ocpp1.6');
    await peer.waitFrame((f) => f.json?.[2] === 'BootNotification' && f.autoAnswered, { what: 'a BootNotification' });

    await expectCallErrors(peer, callErrorCases);
    await expectCallErrors(peer, chargePointSchemaCases);
    const probe = { action: 'GetConfiguration', payload: { key: ['HeartbeatInterval'] } };
    await expectNoAnswers(peer, noAnswerCases, probe);
    // A valid CALL in between is still answered normally.
    const ok = await peer.call('GetConfiguration', { key: ['NumberOfConnectors'] });
    assert.deepEqual(ok[2], { configurationKey: [{ key: 'NumberOfConnectors', readonly: true, value: '1' }] });
    t.diagnostic(`${callErrorCases.length + chargePointSchemaCases.length} CALLERRORs and ` +
                 `${noAnswerCases.length} silent drops checked`);

    // Frames that end the connection: each closes it with its RFC 6455 code; the charge point reconnects.
    for (const c of closingCases) {
      c.send(peer);
      const closed = await Promise.race([
        peer.closed,
        peer.nextAnswer({ timeoutMs: 5000, from: peer.mark() }).then((a) => ({ answer: a })),
      ]);
      t.diagnostic(`${c.name}: ${closed.code ? `closed with ${closed.code} ${closed.reason}` : JSON.stringify(closed)}`);
      assert.equal(closed.code, c.code, `${c.name}: expected the charge point to close with ${c.code}`);
      peer = await server.nextPeer(6000);
      assert.ok(cp.alive);
    }

    // Still the same process, still answering, and no BootNotification on the reconnects (accepted before).
    const answer = await peer.call('GetConfiguration', {});
    assert.equal(answer[0], 3);
    assert.ok(answer[2].configurationKey.length >= 20);
    assert.equal(cp.countLog(/registration: \w+ -> booting/), 1, 'booted once');
    assert.ok(cp.alive, 'eo-chargepoint is still running');
    assert.deepEqual(await cp.stop(), { code: 0, signal: null });
  }));

  test('csms-lite answers malformed frames and bad HTTP and keeps serving', harness.wrap(async (t) => {
    const port = await freePort();
    const csms = harness.startCsmsLite('csms-lite', { 'http.port': port, 'http.web_root': webRoot() });
    const api = new CsmsApi(port);
    await waitForCsmsHttp(api, csms);
    await api.login(harness.csmsLiteState('csms-lite')['storage.database']);
    const wsUrl = `ws://${HOST}:${port}/ocpp/FUZZ1`;
    const autoAnswer = { GetConfiguration: () => ({ configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }] }) };

    let peer = await connectRaw(wsUrl, { autoAnswer });
    assert.equal(peer.ws.protocol, 'ocpp1.6');
    await expectCallErrors(peer, callErrorCases);
    await expectCallErrors(peer, csmsSchemaCases);
    await expectNoAnswers(peer, noAnswerCases, { action: 'Heartbeat', payload: {} });
    let boot = await peer.call('BootNotification', { chargePointVendor: 'Fuzz', chargePointModel: 'F1' });
    assert.equal(boot[0], 3);
    assert.equal(boot[2].status, 'Accepted');
    t.diagnostic(`${callErrorCases.length + csmsSchemaCases.length} CALLERRORs and ${noAnswerCases.length} silent drops checked`);

    for (const c of closingCases) {
      c.send(peer);
      const closed = await Promise.race([
        peer.closed,
        peer.nextAnswer({ timeoutMs: 5000, from: peer.mark() }).then((a) => ({ answer: a })),
      ]);
      t.diagnostic(`${c.name}: ${closed.code ? `closed with ${closed.code} ${closed.reason}` : JSON.stringify(closed)}`);
      assert.equal(closed.code, c.code, `${c.name}: expected csms-lite to close with ${c.code}`);
      peer = await connectRaw(wsUrl, { autoAnswer });
    }
    boot = await peer.call('BootNotification', { chargePointVendor: 'Fuzz', chargePointModel: 'F2' });
    assert.equal(boot[2].status, 'Accepted', 'a valid BootNotification is still answered');

    // Bad HTTP.
    const garbage = await rawExchange(port, Buffer.from('\x00\xff\xfe garbage that is not HTTP\r\n\r\n', 'latin1'));
    t.diagnostic(`garbage over TCP: ${JSON.stringify(garbage.data.toString('latin1').split('\r\n')[0])}, then ${garbage.closedBy}`);
    assert.match(garbage.data.toString('latin1'), /^HTTP\/1\.1 400 /, 'garbage gets 400 Bad Request');

    const hugeHeader = await rawExchange(port, `GET /api/chargers HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20000)}\r\n\r\n`);
    t.diagnostic(`20 kB header: ${JSON.stringify(hugeHeader.data.toString('latin1').split('\r\n')[0])}`);
    assert.match(hugeHeader.data.toString('latin1'), /^HTTP\/1\.1 431 /, 'an oversized header gets 431');

    const noSubprotocol = await connectRaw(`ws://${HOST}:${port}/ocpp/FUZZ2`, { protocols: [] }).then(
      () => assert.fail('an upgrade without subprotocol was accepted'), (error) => error);
    assert.equal(noSubprotocol.statusCode, 400, `upgrade without subprotocol: ${noSubprotocol.message}`);
    const otherSubprotocol = await connectRaw(`ws://${HOST}:${port}/ocpp/FUZZ2`, { protocols: ['ocpp2.0.1'] }).then(
      () => assert.fail('an upgrade offering only ocpp2.0.1 was accepted'), (error) => error);
    assert.equal(otherSubprotocol.statusCode, 400);
    const wrongPath = await connectRaw(`ws://${HOST}:${port}/elsewhere/FUZZ2`).then(
      () => assert.fail('an upgrade outside /ocpp was accepted'), (error) => error);
    assert.equal(wrongPath.statusCode, 404);

    const nope = await api.get('/api/nope');
    assert.equal(nope.status, 404);
    assert.match(nope.headers.get('content-type') ?? '', /application\/json/);
    assert.equal(typeof nope.json?.error?.message, 'string', `404 body is JSON with an error: ${nope.body}`);
    const unknownCp = await api.get('/api/chargers/NOBODY');
    assert.equal(unknownCp.status, 404);
    assert.equal(typeof unknownCp.json?.error?.message, 'string');
    const post = await api.post('/api/chargers', {});
    assert.equal(post.status, 405);
    const anonymous = await fetchJson(`http://${HOST}:${port}/api/chargers`);
    assert.equal(anonymous.status, 401, 'no data without logging in');

    // Still alive and serving, with the fuzzing charge point's record.
    assert.ok(csms.alive, 'csms-lite is still running');
    const list = await api.get('/api/chargers');
    assert.equal(list.status, 200);
    const fuzz = list.json.chargers.find((c) => c.id === 'FUZZ1');
    assert.ok(fuzz, 'FUZZ1 is listed');
    assert.equal(fuzz.connected, true);
    assert.equal((await api.get('/api/chargers/FUZZ1/record')).json?.boot?.chargePointModel, 'F2');
    assert.ok(!list.json.chargers.some((c) => c.id === 'FUZZ2'), 'refused upgrades register nothing');
    peer.ws.close(1000);
    await peer.closed;
    await waitFor(async () => (await api.get('/api/chargers/FUZZ1')).json?.connected === false,
                  { timeoutMs: 3000, what: 'csms-lite to see FUZZ1 disconnect' });
    assert.deepEqual(await csms.stop(), { code: 0, signal: null });
  }));

  // OCPP 1.6 §6.3: chargePointVendor is CiString20Type (the npm schema copy allowed 50; the build restores
  // the official limits).
  test('csms-lite refuses a BootNotification whose chargePointVendor exceeds CiString20Type',
       harness.wrap(async () => {
    const port = await freePort();
    const csms = harness.startCsmsLite('csms-lite (lengths)', { 'http.port': port, 'http.web_root': webRoot() });
    await waitForCsmsHttp(new CsmsApi(port), csms);
    const peer = await connectRaw(`ws://${HOST}:${port}/ocpp/FUZZ3`);
    await expectCallErrors(peer, [
      { name: 'chargePointVendor of 21 characters', frame: `[2,"l1","BootNotification",{"chargePointVendor":"${'V'.repeat(21)}","chargePointModel":"M"}]`, code: 'PropertyConstraintViolation', id: 'l1' },
      { name: 'chargePointModel of 21 characters', frame: `[2,"l2","BootNotification",{"chargePointVendor":"V","chargePointModel":"${'M'.repeat(21)}"}]`, code: 'PropertyConstraintViolation', id: 'l2' },
      { name: 'chargePointSerialNumber of 26 characters', frame: `[2,"l3","BootNotification",{"chargePointVendor":"V","chargePointModel":"M","chargePointSerialNumber":"${'S'.repeat(26)}"}]`, code: 'PropertyConstraintViolation', id: 'l3' },
    ]);
    peer.ws.close(1000);
  }));
});
