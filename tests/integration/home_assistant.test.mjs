// eo-chargepoint against a central system that behaves like the Home Assistant OCPP integration
// (lbbrhzn/ocpp), emulated with ocpp-rpc in strict mode. What the integration does, as observed in
// its OCPP 1.6 code:
// - a charger it has never seen may have its socket closed on first contact, BootNotification
//   unanswered: the charger must reconnect and boot again;
// - after the boot it reads SupportedFeatureProfiles, NumberOfConnectors and HeartbeatInterval,
//   offers MeterValuesSampledData (all measurands at once, and then one at a time to find the
//   accepted ones), sets MeterValueSampleInterval=60 and ClockAlignedDataInterval=900 (reading each
//   key first), sends ChangeAvailability(0, Operative) and, when RemoteTrigger is listed,
//   TriggerMessage(BootNotification) and TriggerMessage(StatusNotification) for connectors 0..N,
//   giving up on the rest at the first one not Accepted;
// - it waits 10 s for each answer and pings every 20 s (here every 300 ms: what matters is that
//   every ping is answered, else the integration drops the connection);
// - its transaction ids are seconds since the epoch.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { Harness } from './lib/processes.mjs';
import { NOREPLY, accepted, startRpcServer } from './lib/ocpp.mjs';
import { ALL_MEASURANDS, configurationMap } from './lib/ocpp_checks.mjs';
import { EVENT_TIMEOUT_MS, chargePointSettings } from './lib/session.mjs';
import { SimControl } from './lib/simctl.mjs';
import { waitFor } from './lib/wait.mjs';

const ANSWER_TIMEOUT_MS = 10000;  // the integration's wait for each answer
const PING_INTERVAL_MS = 300;

const harness = new Harness();
const servers = [];
after(async () => {
  await harness.stopAll();
  await Promise.all(servers.map((s) => s.close().catch(() => {})));
});

// The integration's answers to what the charger sends.
function homeAssistantServer() {
  let lastTransactionId = 0;
  let boots = 0;
  return startRpcServer({
    pingIntervalMs: PING_INTERVAL_MS,
    onBoot: (params, link) => {
      // First contact with an unknown charger: the socket is closed, the boot left unanswered.
      if (boots++ === 0) {
        setImmediate(() => link.client.close({ code: 1000, reason: 'new charger: configuring' }));
        return NOREPLY;
      }
      return accepted(60);
    },
    handlers: {
      Authorize: () => ({ idTagInfo: { status: 'Accepted' } }),
      StartTransaction: () => {
        lastTransactionId = Math.max(Math.floor(Date.now() / 1000), lastTransactionId + 1);
        return { idTagInfo: { status: 'Accepted' }, transactionId: lastTransactionId };
      },
      StopTransaction: () => ({}),
    },
  });
}

// Reads one key as the integration does, insisting on a value.
async function readKey(link, key) {
  const answer = await link.call('GetConfiguration', { key: [key] }, ANSWER_TIMEOUT_MS);
  assert.equal(answer.unknownKey, undefined, `${key} is unknown`);
  const entry = configurationMap(answer).get(key);
  assert.ok(entry, `${key} missing from the answer`);
  assert.equal(typeof entry.value, 'string', `${key} has no value`);
  return entry;
}

// The integration's configure(): read the key, change it only when it differs and is writable.
async function configure(link, key, value) {
  const entry = await readKey(link, key);
  assert.equal(entry.readonly, false, `${key} is read-only`);
  if (entry.value === value) return 'Unchanged';
  return (await link.call('ChangeConfiguration', { key, value }, ANSWER_TIMEOUT_MS)).status;
}

describe('Home Assistant OCPP integration as the central system', () => {
  test('first contact dropped, then the post-connect sequence, pings and a session', harness.wrap(async (t) => {
    const server = await homeAssistantServer();
    servers.push(server);
    const state = harness.chargePointState('ha');
    const cp = harness.startChargePoint('ha', chargePointSettings(`${server.url}`, { 'charging.plug_and_charge_id_tag': 'EO-PLUG' }));

    // First contact: the integration closes the socket without answering.
    const first = await server.nextChargePoint(EVENT_TIMEOUT_MS);
    await first.next('BootNotification', EVENT_TIMEOUT_MS);
    await first.closed;
    const link = await server.nextChargePoint(EVENT_TIMEOUT_MS);
    const boot = await link.next('BootNotification', EVENT_TIMEOUT_MS);
    t.diagnostic(`booted again ${link.connectedAt - first.connectedAt} ms after the first contact`);
    assert.equal(boot.answer.status, 'Accepted');

    // post_connect.
    const features = (await readKey(link, 'SupportedFeatureProfiles')).value.split(',').map((f) => f.trim());
    assert.ok(features.includes('Core'), `features ${features}`);
    assert.equal((await readKey(link, 'NumberOfConnectors')).value, '1');
    assert.equal((await readKey(link, 'HeartbeatInterval')).value, '60', 'the interval of the BootNotification answer');

    // All 22 measurands at once: more than the box measures, so Rejected; the list stays ours.
    const ours = (await readKey(link, 'MeterValuesSampledData')).value;
    assert.equal(ALL_MEASURANDS.length, 22);
    assert.equal((await link.call('ChangeConfiguration', { key: 'MeterValuesSampledData', value: ALL_MEASURANDS.join(',') }, ANSWER_TIMEOUT_MS)).status,
                 'Rejected');
    assert.equal((await readKey(link, 'MeterValuesSampledData')).value, ours);
    // Then one at a time, keeping the accepted ones, and the accepted list configured.
    const acceptedMeasurands = [];
    for (const measurand of ALL_MEASURANDS) {
      const { status } = await link.call('ChangeConfiguration', { key: 'MeterValuesSampledData', value: measurand }, ANSWER_TIMEOUT_MS);
      assert.ok(['Accepted', 'Rejected'].includes(status), `${measurand}: ${status}`);
      if (status === 'Accepted') acceptedMeasurands.push(measurand);
    }
    t.diagnostic(`accepted measurands: ${acceptedMeasurands.join(', ')}`);
    for (const measurand of ['Energy.Active.Import.Register', 'Power.Active.Import', 'Current.Import', 'Voltage']) {
      assert.ok(acceptedMeasurands.includes(measurand), `${measurand} is measured`);
    }
    for (const measurand of ours.split(',')) assert.ok(acceptedMeasurands.includes(measurand), `${measurand} was in our list`);
    assert.ok(['Accepted', 'Unchanged'].includes(await configure(link, 'MeterValuesSampledData', acceptedMeasurands.join(','))));
    assert.equal((await readKey(link, 'MeterValuesSampledData')).value, acceptedMeasurands.join(','));

    // The integration's defaults (meter interval 60 s, idle interval 900 s), configured and set anyway.
    for (const [key, value] of [['MeterValueSampleInterval', '60'], ['ClockAlignedDataInterval', '900']]) {
      assert.ok(['Accepted', 'Unchanged'].includes(await configure(link, key, value)), key);
      assert.deepEqual(await link.call('ChangeConfiguration', { key, value }, ANSWER_TIMEOUT_MS), { status: 'Accepted' }, key);
      assert.equal((await readKey(link, key)).value, value);
    }
    assert.deepEqual(await link.call('ChangeAvailability', { connectorId: 0, type: 'Operative' }, ANSWER_TIMEOUT_MS),
                     { status: 'Accepted' });

    // TriggerMessage is offered (RemoteTrigger): the boot, then the statuses of connectors 0 and 1.
    assert.ok(features.includes('RemoteTrigger'), 'TriggerMessage works, so RemoteTrigger must be listed, else the integration never uses it');
    const triggers = [
      [{ requestedMessage: 'BootNotification' }, (c) => c.method === 'BootNotification'],
      [{ requestedMessage: 'StatusNotification', connectorId: 0 }, (c) => c.method === 'StatusNotification' && c.params.connectorId === 0],
      [{ requestedMessage: 'StatusNotification', connectorId: 1 }, (c) => c.method === 'StatusNotification' && c.params.connectorId === 1],
    ];
    const triggeredAt = Date.now();
    for (const [request, pred] of triggers) {
      const from = link.frames.length;
      const { answer, index } = await link.callTracked('TriggerMessage', request, ANSWER_TIMEOUT_MS);
      assert.deepEqual(answer, { status: 'Accepted' }, `TriggerMessage ${JSON.stringify(request)}`);
      const call = await link.waitForCall(pred, { from, timeoutMs: EVENT_TIMEOUT_MS, what: JSON.stringify(request) });
      assert.ok(call.index > index, `${call.method} follows the TriggerMessage answer`);
      if (call.method === 'StatusNotification') assert.equal(call.params.status, 'Available');
    }
    assert.ok(Date.now() - triggeredAt < 3000, 'within the 3 s the integration allows for the triggers');

    // A session: the integration's transaction ids are seconds since the epoch.
    const sim = new SimControl(state['simulator.control_socket']);
    await sim.ready();
    await sim.plugIn();
    const start = await link.next('StartTransaction', EVENT_TIMEOUT_MS);
    await link.waitForCall((c) => c.method === 'StatusNotification' && c.params.status === 'Charging',
                           { timeoutMs: EVENT_TIMEOUT_MS, what: 'Charging' });
    const { answer: meterAnswer } = await link.callTracked('TriggerMessage', { requestedMessage: 'MeterValues', connectorId: 1 }, ANSWER_TIMEOUT_MS);
    assert.deepEqual(meterAnswer, { status: 'Accepted' });
    const meter = await link.next('MeterValues', EVENT_TIMEOUT_MS);
    assert.equal(meter.params.connectorId, 1);
    await sim.unplug();
    const stop = await link.next('StopTransaction', EVENT_TIMEOUT_MS);
    assert.equal(stop.params.transactionId, start.answer.transactionId);
    assert.equal(stop.params.reason, 'EVDisconnected');

    // Every ping of the integration was answered: the connection is still the same one.
    const pongsBefore = link.pongs.length;
    await waitFor(() => link.pongs.length >= pongsBefore + 3, { timeoutMs: 10 * PING_INTERVAL_MS + 5000, what: 'three more pongs' });
    t.diagnostic(`${link.pongs.length} pongs, longest round trip ${Math.max(...link.pongs.map((p) => p.rtt))} ms`);
    assert.equal(link.isClosed, false, 'the connection survived the pings');
    assert.equal(server.all.length, 2, 'no reconnect after the first contact');
    assert.equal(link.countCalls('BootNotification'), 2, 'the boot and the triggered one');
    assert.deepEqual(server.strictFailures(), [], 'ocpp-rpc strict mode found schema violations');
    assert.ok(cp.alive);
  }));
});
