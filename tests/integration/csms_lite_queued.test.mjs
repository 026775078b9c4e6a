// Transactions while csms-lite is out of reach (issue #6). A whole transaction while csms-lite is
// down (OCTT TC_039's shape with csms-lite on the other side): plugged in, charged and unplugged with
// no central system, then csms-lite comes back on the same port and database. The charge point
// replays StartTransaction, the MeterValues taken offline and StopTransaction in that order;
// csms-lite gives the transaction its id and records the session with the energy and the times of
// the offline period, once. Also a transaction that outlives a network black hole, and one whose
// StartTransaction answer is lost (the Start comes again: the same transaction). Checked through the
// API (/api/transactions, the meter series) and the CSV export, like a user would.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { AnswerLossProxy } from './lib/answer_loss_proxy.mjs';
import { ApiCharger, ID_TAG, startChargePoint, startCsms } from './lib/csms_lite_session.mjs';
import { assertNonDecreasing, reportedRegisters } from './lib/ocpp_checks.mjs';
import { Harness } from './lib/processes.mjs';
import { EVENT_TIMEOUT_MS } from './lib/session.mjs';
import { TcpProxy } from './lib/tcp_proxy.mjs';
import { waitFor } from './lib/wait.mjs';

// The tests run at once, each with its own processes (a Harness stops what it started since a test
// began, so concurrent tests need one each).
const harnesses = [];
const proxies = [];
after(async () => {
  await Promise.all(harnesses.map((h) => h.stopAll()));
  await Promise.all(proxies.map((p) => p.close()));
});

function isolated(fn) {
  const harness = new Harness();
  harnesses.push(harness);
  return harness.wrap((t) => fn(t, harness));
}

// RFC 4180 as csms-lite writes it (docs/schedules.md, "CSV export"): CRLF, no field here needs quotes.
function parseCsv(text) {
  assert.ok(text.endsWith('\r\n'), 'CRLF line ends');
  const [header, ...rows] = text.slice(0, -2).split('\r\n').map((line) => line.split(','));
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
}

const seconds = (ms) => Math.floor(ms / 1000);

// The CSV export holds exactly the sessions `ids`, and `session` (from GET /api/transactions) as the
// API shows it: the same energy (in kWh with three decimals), times (to the second) and reason.
async function checkCsv(api, ids, session) {
  const csv = await api.get('/api/transactions.csv?charger=CP1');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  const rows = parseCsv(csv.body);
  const sorted = (list) => [...list].sort((a, b) => a - b);
  assert.deepEqual(sorted(rows.map((r) => Number(r.session_id))), sorted(ids), `one row per session: ${csv.body}`);
  const row = rows.find((r) => Number(r.session_id) === session.id);
  assert.equal(row.charge_point, 'CP1');
  assert.equal(row.connector, '1');
  assert.equal(row.id_tag, session.idTag);
  assert.equal(row.energy_kwh, (session.energyWh / 1000).toFixed(3), `energy_kwh in ${JSON.stringify(row)}`);
  assert.equal(row.stop_reason, session.stopReason);
  const startedS = seconds(Date.parse(session.startedAt));
  const stoppedS = seconds(Date.parse(session.stoppedAt));
  assert.equal(seconds(Date.parse(row.start_local)), startedS, `start_local ${row.start_local}`);
  assert.equal(seconds(Date.parse(row.stop_local)), stoppedS, `stop_local ${row.stop_local}`);
  assert.equal(Number(row.duration_s), stoppedS - startedS);
}

// Every CALL csms-lite received from CP1, from its debug log of the frames ("CP1 <- [2,…]").
function receivedCalls(proc) {
  const calls = [];
  for (const { text } of proc.lines) {
    const frame = text.match(/ CP1 <- (\[2,.*\])$/);
    if (!frame) continue;
    const [, , action, payload] = JSON.parse(frame[1]);
    calls.push({ action, payload });
  }
  return calls;
}

// The messages of OCPP 1.6 §4.10 that the charge point queues while offline.
const isTransactionMessage = (call) => call.action === 'StartTransaction' || call.action === 'StopTransaction' ||
  (call.action === 'MeterValues' && call.payload.transactionId !== undefined);

describe('transactions queued while csms-lite is out of reach', { concurrency: true }, () => {
  test('replayed in order after the reconnect, recorded once with the offline energy and times', isolated(async (t, harness) => {
    let csms = await startCsms(harness, 'csms-lite (queued)');
    const { port, database, url } = csms;
    const token = csms.api.token;
    const { cp, sim } = await startChargePoint(harness, 'eo-chargepoint (queued)', url);
    let charger = new ApiCharger(csms.api);
    await charger.booted();
    assert.deepEqual(await charger.command('ChangeConfiguration', { key: 'MeterValueSampleInterval', value: '1' }), { status: 'Accepted' });

    // A first session online puts the idTag into the charge point's authorization cache.
    await sim.plugIn();
    const online = await csms.proc.waitForLog(/CP1: transaction (\d+) started on connector 1 by EO-PLUG/, { timeoutMs: EVENT_TIMEOUT_MS });
    const onlineId = Number(online.match[1]);
    await sim.waitStatus((s) => s.state === 'charging' && s.energy_wh >= 3, { timeoutMs: EVENT_TIMEOUT_MS, what: 'the car to take 3 Wh' });
    await sim.unplug();
    await csms.proc.waitForLog(new RegExp(`CP1: transaction ${onlineId} stopped at`), { timeoutMs: EVENT_TIMEOUT_MS });
    await charger.waitFor((c, k) => k?.status === 'Available', 'Available after the first session');

    // csms-lite goes away.
    let mark = cp.mark();
    assert.deepEqual(await csms.proc.stop(), { code: 0, signal: null });
    const offlineFrom = Date.now();
    await cp.waitForLog(/central system link lost/, { from: mark, timeoutMs: EVENT_TIMEOUT_MS });

    // A whole transaction on the box meanwhile.
    mark = cp.mark();
    await sim.plugIn();
    await cp.waitForLog(/authorization: 'EO-PLUG' is Accepted \(cache \(offline\)\)/, { from: mark, timeoutMs: EVENT_TIMEOUT_MS });
    const started = await cp.waitForLog(/transactions: transaction (\d+) started for 'EO-PLUG' at (\d+) Wh/, { from: mark, timeoutMs: EVENT_TIMEOUT_MS });
    const meterStartWh = Number(started.match[2]);
    assert.ok(meterStartWh >= 3, 'the register goes on from the first session');
    const { energy_wh: plugWh } = await sim.status();
    await sim.waitStatus((s) => s.energy_wh >= plugWh + 6, { timeoutMs: EVENT_TIMEOUT_MS, what: 'the car to take 6 Wh (a few 1 s samples)' });
    await sim.unplug();
    const stopped = await cp.waitForLog(/transactions: transaction \d+ stopped \(EVDisconnected\) at (\d+) Wh, (\d+) Wh charged/, { from: mark, timeoutMs: EVENT_TIMEOUT_MS });
    const meterStopWh = Number(stopped.match[1]);
    assert.equal(Number(stopped.match[2]), meterStopWh - meterStartWh);
    const offlineTo = Date.now();
    t.diagnostic(`offline transaction: ${meterStartWh} → ${meterStopWh} Wh between ${new Date(offlineFrom).toISOString()} and ${new Date(offlineTo).toISOString()}`);

    // csms-lite is back on the same port and database (and the same API token).
    mark = cp.mark();
    csms = await startCsms(harness, 'csms-lite (queued, restarted)', { port, database, token });
    charger = new ApiCharger(csms.api);
    const outbox = await cp.waitForLog(/outbox: (\d+) transaction message\(s\) to deliver/, { from: mark, timeoutMs: EVENT_TIMEOUT_MS });
    assert.ok(Number(outbox.match[1]) >= 3, `a Start, MeterValues and a Stop waited: ${outbox.line.text}`);
    const startLine = await csms.proc.waitForLog(/CP1: transaction (\d+) started on connector 1 by EO-PLUG at (\d+) Wh/, { timeoutMs: EVENT_TIMEOUT_MS });
    const transactionId = Number(startLine.match[1]);
    assert.equal(Number(startLine.match[2]), meterStartWh);
    const stopLine = await csms.proc.waitForLog(new RegExp(`CP1: transaction ${transactionId} stopped at (\\d+) Wh`), { timeoutMs: EVENT_TIMEOUT_MS });
    assert.ok(stopLine.index > startLine.index, 'the Start before the Stop');
    assert.equal(Number(stopLine.match[1]), meterStopWh);
    // What the restarted csms-lite received, in order (its debug log has every frame): the queue —
    // the Start, the samples taken offline with the id csms-lite gave, the Stop — before the statuses.
    const calls = await waitFor(() => {
      const received = receivedCalls(csms.proc);
      return received.some((c) => c.action === 'StatusNotification' && c.payload.connectorId === 1) ? received : null;
    }, { timeoutMs: EVENT_TIMEOUT_MS, what: 'the status of connector 1 after the queue' });
    t.diagnostic(`received after the restart: ${calls.map((c) => c.action).join(' ')}`);
    const queued = calls.filter(isTransactionMessage);
    const firstStatus = calls.findIndex((c) => c.action === 'StatusNotification');
    assert.ok(calls.indexOf(queued.at(-1)) < firstStatus, 'the queue before the statuses');
    assert.equal(calls.find((c) => c.action === 'StatusNotification' && c.payload.connectorId === 1).payload.status, 'Available');
    assert.equal(queued[0].action, 'StartTransaction');
    assert.equal(queued[0].payload.meterStart, meterStartWh);
    assert.equal(queued.at(-1).action, 'StopTransaction');
    assert.equal(queued.at(-1).payload.transactionId, transactionId, 'the id csms-lite gave is patched into the queued Stop');
    const samples = queued.slice(1, -1);
    assert.ok(samples.length >= 2 && samples.every((c) => c.action === 'MeterValues' && c.payload.transactionId === transactionId),
              `the offline samples with the new id: ${JSON.stringify(samples)}`);
    const sampledAt = samples.flatMap((c) => c.payload.meterValue.map((v) => Date.parse(v.timestamp)));
    assertNonDecreasing([Date.parse(queued[0].payload.timestamp), ...sampledAt, Date.parse(queued.at(-1).payload.timestamp)], 'the timestamps');
    assertNonDecreasing([meterStartWh, ...reportedRegisters(samples.map((c) => c.payload)), meterStopWh], 'the register');
    await charger.waitFor((c, k) => c.connected && k?.status === 'Available', 'connected and Available after the queue');

    const sessions = await charger.transactions();
    t.diagnostic(`sessions: ${JSON.stringify(sessions)}`);
    assert.deepEqual(sessions.map((s) => s.id).sort((a, b) => a - b), [onlineId, transactionId].sort((a, b) => a - b),
                     'the online session and the offline one, each recorded once');
    assert.notEqual(transactionId, onlineId);
    const session = sessions.find((s) => s.id === transactionId);
    assert.equal(session.idTag, ID_TAG);
    assert.equal(session.connectorId, 1);
    assert.equal(session.meterStartWh, meterStartWh);
    assert.equal(session.meterStopWh, meterStopWh);
    assert.equal(session.energyWh, meterStopWh - meterStartWh);
    assert.equal(session.stopReason, 'EVDisconnected');
    // The times are when it happened, not when csms-lite heard of it. The charge point keeps
    // csms-lite's time (OCPP 1.6 §4.2: currentTime of the BootNotification answer), which trails this
    // machine's clock by that answer's delay: a loaded machine makes that tens of milliseconds.
    const startedAt = Date.parse(session.startedAt);
    const stoppedAt = Date.parse(session.stoppedAt);
    const skewMs = 1000;
    assert.ok(offlineFrom - skewMs <= startedAt && startedAt <= stoppedAt && stoppedAt <= offlineTo + skewMs,
              `started ${session.startedAt} and stopped ${session.stoppedAt} while csms-lite was down`);

    // The samples taken offline are in the meter series, within the session's register. One-second
    // buckets from the first whole second after the start: the second of the start may hold a
    // sample of the session before.
    const from = new Date((seconds(startedAt) + 1) * 1000).toISOString();
    const to = new Date((seconds(stoppedAt) + 1) * 1000).toISOString();
    const series = await waitFor(async () => {
      const answer = await csms.api.get(`/api/chargers/CP1/series?from=${from}&to=${to}&step=1&connector=1`);
      assert.equal(answer.status, 200, answer.body);
      return answer.json.points.some((p) => p.energyWh !== null) ? answer.json.points : null;
    }, { timeoutMs: EVENT_TIMEOUT_MS, what: 'the offline samples in the meter series' });
    for (const point of series.filter((p) => p.energyWh !== null)) {
      assert.ok(point.energyWh >= meterStartWh && point.energyWh <= meterStopWh, `series point ${JSON.stringify(point)} within the session`);
    }

    await checkCsv(csms.api, [onlineId, transactionId], session);

    // Nothing is delivered twice: no repeated Stop, no orphan, and the outbox stays empty.
    assert.equal(csms.proc.countLog(/stopped again|orphan stop/), 0);
    assert.equal(csms.proc.countLog(/CP1: transaction \d+ started/), 1, 'the restarted csms-lite saw one StartTransaction');
    assert.equal(cp.countLog(/outbox: .*failed/), 0);
    assert.ok(cp.alive);
  }));

  test('a transaction that outlives a network black hole: stopped offline, recorded once', isolated(async (t, harness) => {
    const csms = await startCsms(harness, 'csms-lite (black hole)');
    const proxy = await new TcpProxy(csms.port).listen();
    proxies.push(proxy);
    // Half-open links are the charge point's to notice: it pings every second and gives up 2 s later.
    const { cp, sim } = await startChargePoint(harness, 'eo-chargepoint (black hole)', `ws://127.0.0.1:${proxy.port}/ocpp`,
                                               { 'network.pong_timeout_s': 2, 'network.connect_timeout_s': 3 });
    const charger = new ApiCharger(csms.api);
    await charger.booted();
    for (const [key, value] of [['MeterValueSampleInterval', '1'], ['WebSocketPingInterval', '1']]) {
      assert.deepEqual(await charger.command('ChangeConfiguration', { key, value }), { status: 'Accepted' }, key);
    }

    // Started online.
    await sim.plugIn();
    const started = await csms.proc.waitForLog(/CP1: transaction (\d+) started on connector 1 by EO-PLUG at (\d+) Wh/, { timeoutMs: EVENT_TIMEOUT_MS });
    const transactionId = Number(started.match[1]);
    const meterStartWh = Number(started.match[2]);
    await csms.proc.waitForLog(new RegExp(`CP1 <- \\[2,"[^"]+","MeterValues",\\{.*"transactionId":${transactionId}`), { timeoutMs: EVENT_TIMEOUT_MS });

    // The network swallows everything: no reset, no FIN. The charge point notices by its pings;
    // csms-lite still holds the dead connection. The car charges on and leaves meanwhile.
    let mark = cp.mark();
    proxy.freeze();
    await cp.waitForLog(/central system link lost/, { from: mark, timeoutMs: EVENT_TIMEOUT_MS });
    const { energy_wh: lostWh } = await sim.status();
    await sim.waitStatus((s) => s.energy_wh >= lostWh + 4, { timeoutMs: EVENT_TIMEOUT_MS, what: 'the car to take 4 Wh offline' });
    await sim.unplug();
    const stopped = await cp.waitForLog(/transactions: transaction \d+ stopped \(EVDisconnected\) at (\d+) Wh/, { from: mark, timeoutMs: EVENT_TIMEOUT_MS });
    const meterStopWh = Number(stopped.match[1]);
    assert.equal(csms.proc.countLog(new RegExp(`CP1: transaction ${transactionId} stopped`)), 0, 'nothing got through');

    // The route comes back; what was in flight is lost (TCP gave up). The charge point reconnects and
    // delivers the samples taken offline and the stop.
    mark = cp.mark();
    proxy.thaw({ drop: true });
    await cp.waitForLog(/ws: connected to/, { from: mark, timeoutMs: EVENT_TIMEOUT_MS });
    await csms.proc.waitForLog(new RegExp(`CP1: transaction ${transactionId} stopped at ${meterStopWh} Wh`), { timeoutMs: EVENT_TIMEOUT_MS });
    await charger.waitFor((c, k) => c.connected && k?.status === 'Available' && k.transactionId === null, 'connected and Available again');

    const sessions = await charger.transactions();
    assert.deepEqual(sessions.map((x) => x.id), [transactionId], `one session: ${JSON.stringify(sessions)}`);
    const [session] = sessions;
    t.diagnostic(`session ${JSON.stringify(session)}`);
    assert.equal(session.meterStartWh, meterStartWh);
    assert.equal(session.meterStopWh, meterStopWh);
    assert.equal(session.energyWh, meterStopWh - meterStartWh);
    assert.equal(session.stopReason, 'EVDisconnected');
    assert.ok(Date.parse(session.stoppedAt) < Date.now(), 'stopped when it happened');
    await checkCsv(csms.api, [transactionId], session);

    // Every sample of the transaction that reached csms-lite (some after the reconnect) is within the
    // session's register, in order; a sample in flight when the route died may come twice (OCPP 1.6
    // §4.10: at least once), a Start or a Stop never.
    const calls = receivedCalls(csms.proc).filter(isTransactionMessage);
    assert.equal(calls.filter((c) => c.action === 'StartTransaction').length, 1);
    assert.equal(calls.filter((c) => c.action === 'StopTransaction').length, 1);
    assert.equal(calls.at(-1).action, 'StopTransaction');
    const registers = reportedRegisters(calls.filter((c) => c.action === 'MeterValues').map((c) => c.payload));
    assertNonDecreasing([meterStartWh, ...registers, meterStopWh], 'the register');
    assert.ok(registers.some((wh) => wh > meterStartWh + 1), `samples from the outage arrived: ${registers}`);
    assert.equal(csms.proc.countLog(/stopped again|orphan stop/), 0);
    t.diagnostic(`proxy: ${JSON.stringify(proxy.counts)}`);
  }));

  test('the answer to a StartTransaction lost: the repeated Start is the same transaction', isolated(async (t, harness) => {
    const csms = await startCsms(harness, 'csms-lite (lost answer)');
    const proxy = await new AnswerLossProxy(csms.port).listen();
    proxies.push(proxy);
    const { cp, sim } = await startChargePoint(harness, 'eo-chargepoint (lost answer)', `ws://127.0.0.1:${proxy.port}/ocpp`);
    const charger = new ApiCharger(csms.api);
    await charger.booted();

    // csms-lite stores the transaction and answers; the answer never arrives.
    const dropped = proxy.dropNextAnswer(/\[3,"[^"]+",\{"idTagInfo":\{[^}]*\},"transactionId":\d+\}\]/);
    await sim.plugIn();
    t.diagnostic(`dropped: ${JSON.stringify((await dropped).replace(/^[^[]*/, ''))}`);
    const first = await csms.proc.waitForLog(/CP1: transaction (\d+) started on connector 1 by EO-PLUG/, { timeoutMs: EVENT_TIMEOUT_MS });
    const transactionId = Number(first.match[1]);
    // The charge point reconnects and sends the same StartTransaction again.
    await waitFor(() => receivedCalls(csms.proc).filter((c) => c.action === 'StartTransaction').length >= 2,
                  { timeoutMs: EVENT_TIMEOUT_MS, what: 'the StartTransaction sent again' });
    const starts = receivedCalls(csms.proc).filter((c) => c.action === 'StartTransaction');
    assert.deepEqual(starts[1].payload, starts[0].payload, 'the same message');
    await csms.proc.waitForLog(new RegExp(`CP1: transaction ${transactionId} started again \\(a repeated StartTransaction\\)`), { timeoutMs: EVENT_TIMEOUT_MS });
    await sim.waitStatus((s) => s.state === 'charging' && s.energy_wh >= 2, { timeoutMs: EVENT_TIMEOUT_MS, what: 'the car to charge' });
    await sim.unplug();
    const stopped = await csms.proc.waitForLog(/CP1: transaction (\d+) stopped at (\d+) Wh/, { timeoutMs: EVENT_TIMEOUT_MS });
    assert.equal(Number(stopped.match[1]), transactionId, 'the Stop is for the one transaction');

    const sessions = await charger.transactions();
    t.diagnostic(`sessions: ${JSON.stringify(sessions)}`);
    assert.deepEqual(sessions.map((x) => x.id), [transactionId], 'one session, none left running');
    assert.equal(sessions[0].stopReason, 'EVDisconnected');
    await checkCsv(csms.api, [transactionId], sessions[0]);
  }));
});
