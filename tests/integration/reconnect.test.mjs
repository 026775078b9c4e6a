// Reconnecting with back-off: the central system goes away, a TCP server that drops every connection
// takes its port for a while (the charge point must back off, not spin), then the central system is
// back on the same port and the charge point reconnects within a few seconds.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';

import { Harness } from './lib/processes.mjs';
import { accepted, startRpcServer } from './lib/ocpp.mjs';
import { closeServer, startCountingServer } from './lib/net.mjs';
import { delay } from './lib/wait.mjs';

const harness = new Harness();
const cleanups = [];
after(async () => {
  await harness.stopAll();
  for (const cleanup of cleanups) await cleanup().catch(() => {});
});

const WINDOW_MS = 6000;

test('reconnects with back-off (reconnect_min_s=1, reconnect_max_s=2) and no busy loop', harness.wrap(async (t) => {
  const first = await startRpcServer({ onBoot: () => accepted(300) });
  cleanups.push(first.close);
  const { port } = first;
  const cp = harness.startChargePoint('eo-chargepoint', {
    'ocpp.central_system_url': first.url,
    'ocpp.charge_point_id': 'CP1',
    'network.reconnect_min_s': 1,
    'network.reconnect_max_s': 2,
  });
  const link = await first.nextChargePoint(10000);
  await link.next('BootNotification');

  // The central system goes away (closing its connections), and a server that accepts TCP connections
  // and destroys them at once takes the port: every attempt fails during the WebSocket handshake.
  await first.close({ force: false });
  const counting = await startCountingServer(port);
  cleanups.push(() => closeServer(counting.server));
  const windowStart = Date.now();
  await delay(WINDOW_MS);  // a measurement window, not a wait for an event
  const count = counting.accepted.length;
  await closeServer(counting.server);
  const times = counting.accepted.map((at) => at - windowStart);
  t.diagnostic(`${count} connection attempts in ${WINDOW_MS} ms, at ${times.join(', ')} ms`);
  const gaps = times.slice(1).map((at, i) => at - times[i]);
  if (gaps.length) t.diagnostic(`gaps between attempts: ${gaps.join(', ')} ms`);
  assert.ok(count >= 2, `only ${count} attempts in ${WINDOW_MS} ms: the charge point gave up or waits too long`);
  assert.ok(count <= 8, `${count} attempts in ${WINDOW_MS} ms: the back-off is not working`);
  for (const gap of gaps) assert.ok(gap >= 500, `attempts only ${gap} ms apart (reconnect_min_s = 1, jitter 25 %)`);
  assert.ok(cp.alive, 'the charge point survives a central system that drops every connection');

  // The central system is back on the same port.
  const second = await startRpcServer({ port, onBoot: () => accepted(300) });
  cleanups.push(second.close);
  const backAt = Date.now();
  const again = await second.nextChargePoint(5000);
  t.diagnostic(`reconnected ${again.connectedAt - backAt} ms after the central system was back`);
  assert.equal(again.identity, 'CP1');
  // Accepted before in this process: no new BootNotification (it would be sent right at connect, so it
  // would arrive before the answer to this call).
  const config = await again.call('GetConfiguration', { key: ['HeartbeatInterval'] });
  assert.equal(config.configurationKey[0].value, '300');
  assert.equal(again.countCalls('BootNotification'), 0, 'no BootNotification after a reconnect once accepted');
  assert.deepEqual(second.strictFailures(), []);
  assert.deepEqual(first.strictFailures(), []);

  const status = await cp.stop();
  assert.deepEqual(status, { code: 0, signal: null });
}));
