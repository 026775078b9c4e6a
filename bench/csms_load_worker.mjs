// One worker thread of the csms-lite load generator (bench/csms_load.mjs): a fleet of simulated
// OCPP 1.6J charge points on plain `ws` sockets. Each one connects (subprotocol ocpp1.6), sends
// BootNotification, then StatusNotification, then MeterValues every `interval_s`, and answers the
// central system's own CALLs. Latency is CALL sent → CALLRESULT received, on this thread's clock, so
// it includes this thread's own scheduling delays: an upper bound of what csms-lite adds.
import { parentPort, workerData } from 'node:worker_threads';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import WebSocket from 'ws';

const { url, local_address: localAddress, worker_index: workerIndex } = workerData;
const call_timeout_ms = 30000;
// Like eo-chargepoint's defaults (network.reconnect_min_s 1, reconnect_max_s 60, ±25 % jitter):
// min · 2^attempt capped at max, scaled by 1 ± jitter.
const backoff = { min_ms: 1000, max_ms: 60000, jitter: 0.25 };

const now_ms = () => performance.timeOrigin + performance.now(); // comparable across threads

let fleet = []; // every ChargePoint of this worker
let reconnect = false; // reconnect after a close (the restart scenarios)
let meter = null; // { interval_ms, t0_ms, index_of, total } while MeterValues run
let window_open = false; // latencies are kept only inside a measurement window
// This thread's own event-loop delay inside the window: how much of a latency is the generator's.
const loop_delay = monitorEventLoopDelay({ resolution: 1 });
const counters_zero = () => ({
  opened: 0, open_failed: 0, closed: 0, boots_accepted: 0, boots_other: 0, call_errors: 0,
  timeouts: 0, skipped_busy: 0, sent: 0, answered: 0, server_calls: {}, reconnect_attempts: 0,
});
let counters = counters_zero();
let latencies = { meter: [], boot: [], status: [], connect: [] };

class ChargePoint {
  constructor(id, index) {
    this.id = id;
    this.index = index; // position in the whole fleet (all workers), for spreading the sends
    this.ws = null;
    this.next_id = 1;
    this.pending = null; // { id, action, sent_ms, timer } — OCPP-J allows one CALL in flight
    this.booted_at = 0; // now_ms() of the last Accepted BootNotification answer
    this.attempt = 0;
    this.meter_timer = null;
    this.energy_wh = 1000 * index;
    this.retry_timer = null;
  }

  open() {
    this.retry_timer = null;
    const started = now_ms();
    this.booted_at = 0;
    this.was_open = false;
    const ws = new WebSocket(url + encodeURIComponent(this.id), 'ocpp1.6', {
      localAddress, perMessageDeflate: false, handshakeTimeout: 15000,
    });
    this.ws = ws;
    ws.on('open', () => {
      counters.opened++;
      this.was_open = true;
      latencies.connect.push(now_ms() - started);
      this.call('BootNotification', {
        chargePointVendor: 'EO', chargePointModel: 'EO Mini Pro 2',
        chargePointSerialNumber: this.id, firmwareVersion: 'bench',
      });
    });
    ws.on('message', (data, binary) => this.on_message(binary ? null : data.toString()));
    ws.on('error', () => {}); // 'close' follows and says what matters
    ws.on('unexpected-response', (req, res) => { ws.emit('error', new Error(`HTTP ${res.statusCode}`)); });
    ws.on('close', () => {
      if (ws !== this.ws) return;
      if (this.was_open) counters.closed++;
      else counters.open_failed++;
      this.ws = null;
      this.booted_at = 0;
      this.stop_meter();
      if (this.pending) { clearTimeout(this.pending.timer); this.pending = null; }
      if (reconnect) this.schedule_reconnect();
    });
  }

  schedule_reconnect() {
    const base = Math.min(backoff.max_ms, backoff.min_ms * 2 ** Math.min(this.attempt, 16));
    const delay = base * (1 + backoff.jitter * (2 * Math.random() - 1));
    this.attempt++;
    counters.reconnect_attempts++;
    this.retry_timer = setTimeout(() => this.open(), delay);
  }

  close() {
    clearTimeout(this.retry_timer);
    this.stop_meter();
    if (this.ws) { const ws = this.ws; this.ws = null; ws.terminate(); }
  }

  call(action, payload) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return;
    if (this.pending) { counters.skipped_busy++; return; }
    const id = String(this.next_id++);
    const timer = setTimeout(() => {
      counters.timeouts++;
      this.pending = null;
    }, call_timeout_ms);
    this.pending = { id, action, sent_ms: now_ms(), timer };
    counters.sent++;
    this.ws.send(JSON.stringify([2, id, action, payload]));
  }

  on_message(text) {
    let frame;
    try { frame = JSON.parse(text); } catch { counters.call_errors++; return; }
    if (!Array.isArray(frame)) { counters.call_errors++; return; }
    if (frame[0] === 2) return this.answer_server_call(frame);
    const pending = this.pending;
    if (!pending || frame[1] !== pending.id) return; // late answer after a timeout
    clearTimeout(pending.timer);
    this.pending = null;
    counters.answered++;
    const took = now_ms() - pending.sent_ms;
    if (frame[0] !== 3) { counters.call_errors++; return; }
    if (pending.action === 'BootNotification') {
      if (frame[2]?.status !== 'Accepted') { counters.boots_other++; return; }
      counters.boots_accepted++;
      this.booted_at = now_ms();
      this.attempt = 0; // simplification of eo-chargepoint's "stayed up 30 s" reset
      latencies.boot.push(took);
      this.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' });
      return;
    }
    if (pending.action === 'StatusNotification') {
      latencies.status.push(took);
      if (meter) this.start_meter();
      return;
    }
    if (window_open) latencies.meter.push(took);
  }

  answer_server_call([, id, action]) {
    counters.server_calls[action] = (counters.server_calls[action] ?? 0) + 1;
    let reply;
    if (action === 'GetConfiguration') {
      reply = [3, id, { configurationKey: [
        { key: 'HeartbeatInterval', readonly: false, value: '300' },
        { key: 'MeterValueSampleInterval', readonly: false, value: '60' },
        { key: 'MeterValuesSampledData', readonly: false, value: 'Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage' },
        { key: 'NumberOfConnectors', readonly: true, value: '1' },
      ], unknownKey: [] }];
    } else {
      reply = [4, id, 'NotImplemented', `the load generator does not handle ${action}`, {}];
    }
    this.ws?.send(JSON.stringify(reply));
  }

  // MeterValues every interval, at a phase given by the charge point's place in the whole fleet, so
  // that the fleet's sends are spread evenly over the interval instead of coming in bursts.
  start_meter() {
    this.stop_meter();
    const { interval_ms, t0_ms, total } = meter;
    const phase = (this.index / total) * interval_ms;
    const now = now_ms();
    let due = t0_ms + phase;
    if (due < now) due += Math.ceil((now - due) / interval_ms) * interval_ms;
    const tick = () => {
      this.send_meter();
      due += interval_ms;
      this.meter_timer = setTimeout(tick, Math.max(0, due - now_ms()));
    };
    this.meter_timer = setTimeout(tick, due - now);
  }

  stop_meter() {
    clearTimeout(this.meter_timer);
    this.meter_timer = null;
  }

  send_meter() {
    const power_w = 7000 + (this.index % 400);
    this.energy_wh += power_w * (meter.interval_ms / 3600000);
    this.call('MeterValues', {
      connectorId: 1,
      meterValue: [{
        timestamp: new Date().toISOString(),
        sampledValue: [
          { value: this.energy_wh.toFixed(1), measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
          { value: String(power_w), measurand: 'Power.Active.Import', unit: 'W' },
          { value: (power_w / 230).toFixed(2), measurand: 'Current.Import', phase: 'L1', unit: 'A' },
          { value: '230.1', measurand: 'Voltage', unit: 'V' },
        ],
      }],
    });
  }
}

// `booted`: charge points whose last Accepted BootNotification answer came at or after `since_ms`.
function status(since_ms = 0) {
  let connected = 0, booted = 0, last_boot_ms = 0;
  for (const cp of fleet) {
    if (cp.ws && cp.ws.readyState === WebSocket.OPEN) connected++;
    if (cp.booted_at && cp.booted_at >= since_ms) {
      booted++;
      last_boot_ms = Math.max(last_boot_ms, cp.booted_at);
    }
  }
  return { connected, booted, last_boot_ms };
}

// Opens the fleet at `rate_per_s` connections a second (this worker's share of the whole ramp).
function connect_all(ids, first_index, rate_per_s) {
  fleet = ids.map((id, i) => new ChargePoint(id, first_index + i));
  const started = now_ms();
  let next = 0;
  const step = () => {
    const due = Math.min(fleet.length, Math.floor(((now_ms() - started) / 1000) * rate_per_s) + 1);
    while (next < due) fleet[next++].open();
    if (next < fleet.length) setTimeout(step, Math.max(1, 1000 / rate_per_s));
  };
  step();
}

parentPort.on('message', (msg) => {
  switch (msg.cmd) {
    case 'connect': connect_all(msg.ids, msg.first_index, msg.rate_per_s); break;
    case 'meter':
      meter = { interval_ms: msg.interval_s * 1000, t0_ms: msg.t0_ms, total: msg.total };
      for (const cp of fleet) if (cp.booted_at && cp.ws) cp.start_meter();
      break;
    case 'stop_meter': meter = null; for (const cp of fleet) cp.stop_meter(); break;
    case 'window':
      window_open = msg.open;
      if (msg.open) { loop_delay.reset(); loop_delay.enable(); } else loop_delay.disable();
      break;
    case 'reconnect': reconnect = msg.on; break;
    case 'status': parentPort.postMessage({ reply: msg.seq, ...status(msg.since_ms) }); break;
    case 'collect': {
      // Latencies as typed arrays (transferred, not copied); then a fresh window.
      const lat = Object.fromEntries(Object.entries(latencies).map(([k, v]) => [k, Float64Array.from(v)]));
      const delay = { p99_ms: loop_delay.percentile(99) / 1e6, max_ms: loop_delay.max / 1e6 };
      parentPort.postMessage({ reply: msg.seq, counters, latencies: lat, delay, ...status() },
        Object.values(lat).map((a) => a.buffer));
      counters = counters_zero();
      latencies = { meter: [], boot: [], status: [], connect: [] };
      break;
    }
    case 'close_all':
      reconnect = false;
      for (const cp of fleet) cp.close();
      fleet = [];
      parentPort.postMessage({ reply: msg.seq });
      break;
    default: throw new Error(`worker ${workerIndex}: unknown command ${msg.cmd}`);
  }
});
