// A stand-in for csms-lite's REST API + SSE with scripted charge points, speaking the real server's JSON
// (csms-lite/api/openapi.json, docs/api.md) so the web UI is tested against the shapes it will meet. The
// scripted charge point (mock_chargepoint.mjs) and this file's state keep the UI's own shapes; the
// wire_* functions below convert at the edge. No dependencies.
//   node tests/web/mock_server.mjs [--port 8080] [--live]   (--live: the charge point moves on its own)
// Tests import createMockServer() and drive the charge point directly (plug, tick, go offline).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { segments, next_charge, week_minute, to_min } from '../../web/js/schedule.js';
import { CpModel } from './mock_chargepoint.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' };
const ZONE = 'Europe/London';

export async function createMockServer({ port = 0, web_root = path.join(here, '../../web'), log = () => {}, now = () => Date.now() } = {}) {
  const setup_code = crypto.randomBytes(3).toString('hex').toUpperCase();
  log(`First-run setup: open /setup?code=${setup_code}`);
  const m = {
    password: null, setup_code, sessions: new Map(), failures: 0, locked_until: 0,
    settings: { zone: ZONE, ocpp_port: 9000, ocpp_path: '/ocpp/' },
    schedule: { zone: ZONE, windows: [], otherwise_a: 32 },
    tariffs: { currency: 'GBP', periods: [{ start: '00:00', end: '00:00', price_per_kwh: 0.245 }, { start: '00:30', end: '05:30', price_per_kwh: 0.075 }] },
    tokens: [], tokens_made: 0, tariff_versions: 1, commands: [], message_log: [], chargers: new Map(), clients: new Set(),
    transactions: history_transactions(now()), fail_next: null, events_down: false,
  };
  const add_charger = (id, opts = {}) => {
    const cp = new CpModel(id, { now, ...opts });
    m.chargers.set(id, cp);
    return cp;
  };
  add_charger('EO-MINI-PRO-2-1234');

  const price_at = (ms) => {
    const minute = week_minute(ms, m.settings.zone) % 1440;
    let price = 0;
    for (const p of m.tariffs.periods) {
      const s = to_min(p.start); const e = to_min(p.end);
      const inside = s === e || (s < e ? minute >= s && minute < e : minute >= s || minute < e);
      if (inside) price = p.price_per_kwh;
    }
    return price;
  };
  const schedule_limit = (ms) => {
    const minute = week_minute(ms, m.schedule.zone || m.settings.zone);
    const active = segments(m.schedule.windows).filter((s) => (minute >= s.start && minute < s.end));
    return active.length ? Math.max(...active.map((s) => s.current_a)) : m.schedule.otherwise_a;
  };
  const next_window = () => {
    const n = next_charge(m.schedule.windows, now(), m.schedule.zone || m.settings.zone);
    return n ? { start: new Date(n.start_ms).toISOString(), end: new Date(n.end_ms).toISOString(), current_a: n.current_a } : null;
  };
  const env = { schedule_limit, price_at, get currency() { return m.tariffs.currency; }, on_stop: (tx) => m.transactions.push({ ...tx, currency: m.tariffs.currency }) };

  // csms-lite's message log keeps OCPP-J frames as text; the mock logs the commands it answers.
  function log_frame(charger, direction, type, message_id, action, frame) {
    const text = JSON.stringify(frame);
    m.message_log.push({ charger, at: new Date(now()).toISOString(), direction, type, messageId: message_id, action, frame: text,
      bytes: Buffer.byteLength(text), truncated: false });
  }

  function broadcast(event, data) {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of m.clients) res.write(frame);
  }
  const publish = (cp) => broadcast('charger', wire_charger(cp.json(env)));

  const server = http.createServer((req, res) => handle(req, res).catch((e) => {
    log(`mock: ${req.method} ${req.url} failed: ${e.stack}`);
    if (!res.headersSent) send_error(res, 500, 'Mock server error');
  }));

  async function handle(req, res) {
    const url = new URL(req.url, 'http://x');
    const p = url.pathname;
    if (!p.startsWith('/api/')) return serve_static(p, res);
    const body = ['POST', 'PUT', 'PATCH'].includes(req.method) ? await read_json(req) : undefined;
    if (body === BAD_JSON) return send_error(res, 400, 'Body is not valid JSON');
    const session = session_of(req);
    const route = `${req.method} ${p}`;

    if (route === 'POST /api/setup') {
      if (m.password) return send_error(res, 409, 'Setup is already done');
      if (!body || body.code !== m.setup_code) return send_error(res, 403, 'wrong setup code: use the link from csms-lite\'s log', 'code');
      if (typeof body.password !== 'string' || body.password.length < 8) return send_error(res, 422, 'Password needs at least 8 characters', 'password');
      m.password = body.password;
      return log_in(res, 201);
    }
    if (route === 'GET /api/session') {
      if (!session) return send(res, 200, { authenticated: false, setupRequired: !m.password });
      return send(res, 200, { authenticated: true, user: 'admin', via: 'session', csrfToken: session.csrf });
    }
    if (route === 'POST /api/session') {
      const wait_s = Math.ceil((m.locked_until - now()) / 1000);
      if (wait_s > 0) return send(res, 429, { error: { status: 429, message: 'Too many attempts' } }, { 'Retry-After': String(wait_s) });
      if (!m.password || !body || body.password !== m.password) {
        if (++m.failures >= 5) { m.failures = 0; m.locked_until = now() + 30_000; }
        return send_error(res, 401, 'Wrong password', 'password');
      }
      m.failures = 0;
      return log_in(res, 200);
    }
    if (!session) return send_error(res, 401, m.password ? 'Not logged in' : 'Setup required');
    if (req.method !== 'GET' && req.headers['x-csrf-token'] !== session.csrf) return send_error(res, 403, 'Missing or wrong X-CSRF-Token');

    if (route === 'DELETE /api/session') { m.sessions.delete(session.token); return send(res, 204, undefined, { 'Set-Cookie': 'csms_session=; Max-Age=0; Path=/' }); }
    if (route === 'POST /api/password') {
      if (body.currentPassword !== m.password) return send_error(res, 403, 'Current password is wrong', 'currentPassword');
      if (typeof body.newPassword !== 'string' || body.newPassword.length < 8) return send_error(res, 422, 'At least 8 characters', 'newPassword');
      m.password = body.newPassword;
      return send(res, 204);
    }
    if (route === 'GET /api/events') return m.events_down ? send_error(res, 503, 'Hub restarting') : open_events(req, res);
    if (route === 'GET /api/chargers') return send(res, 200, { chargers: [...m.chargers.values()].map((cp) => wire_charger(cp.json(env), true)) });

    let match;
    if ((match = /^\/api\/chargers\/([^/]+)(\/.*)?$/.exec(p))) {
      const cp = m.chargers.get(decodeURIComponent(match[1]));
      if (!cp) return send_error(res, 404, 'No such charger');
      const rest = match[2] || '';
      if (req.method === 'GET' && rest === '') return send(res, 200, wire_charger(cp.json(env), true));
      if (req.method === 'POST' && (rest === '/accept' || rest === '/reject')) {
        if (!cp.pending) return send_error(res, 409, `charge point "${cp.id}" is Accepted, not Pending`);
        if (rest === '/reject') { m.chargers.delete(cp.id); broadcast('status', { message: `${cp.id} rejected` }); return send(res, 200, { id: cp.id, registration: 'Rejected' }); }
        cp.pending = false; publish(cp); return send(res, 200, { id: cp.id, registration: 'Accepted' });
      }
      if (req.method === 'GET' && rest === '/log') {
        const items = m.message_log.filter((x) => x.charger === cp.id).slice(-200).reverse().map(({ charger, ...frame }) => frame);
        return send(res, 200, { chargerId: cp.id, capacity: 200, items });
      }
      if (req.method === 'GET' && rest === '/series') return send_series(cp, url, res);
      const cmd = /^\/commands\/([A-Za-z]+)$/.exec(rest);
      if (req.method === 'POST' && cmd) {
        const action = cmd[1];
        m.commands.push({ charger: cp.id, action, payload: body });
        const message_id = String(m.commands.length);
        log_frame(cp.id, 'out', 'CALL', message_id, action, [2, message_id, action, body || {}]);
        if (m.fail_next) { const f = m.fail_next; m.fail_next = null; return send_error(res, f.status, f.message); }
        if (!cp.connected) return send(res, 409, { error: { status: 409, message: 'The charger is not connected', code: 'not_connected' } });
        const out = cp.command(action, body || {}, env);
        if (out.error) return send_error(res, out.error, out.message, out.field);
        log_frame(cp.id, 'in', 'CALLRESULT', message_id, action, [3, message_id, out.result]);
        send(res, 200, { result: out.result });
        publish(cp);
        return;
      }
      return send_error(res, 404, 'No such route');
    }
    if (route === 'GET /api/transactions' || route === 'GET /api/transactions.csv') {
      const from = Date.parse(url.searchParams.get('from') || '') || -Infinity;
      const to = Date.parse(url.searchParams.get('to') || '') || Infinity;
      const charger = url.searchParams.get('charger');
      const items = m.transactions.filter((t) => Date.parse(t.start) >= from && Date.parse(t.start) <= to && (!charger || t.charger === charger));
      if (p.endsWith('.csv')) {
        const csv = [CSV_COLUMNS.join(','), ...items.map((t) => csv_row(t, m.settings.zone).map(csv_cell).join(','))].join('\r\n') + '\r\n';
        return send_raw(res, 200, csv, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="transactions.csv"' });
      }
      const offset = Number(url.searchParams.get('offset') || 0);
      const limit = Number(url.searchParams.get('limit') || 50);
      const newest = [...items].reverse();
      return send(res, 200, { items: newest.slice(offset, offset + limit).map(wire_transaction), total: items.length, offset, limit });
    }
    if (route === 'GET /api/schedules') return send(res, 200, wire_schedule(m.schedule, next_window()));
    if (route === 'PUT /api/schedules') {
      const plan = { zone: body.time_zone || m.settings.zone, windows: (body.windows || []).map((w) => ({ ...w, days: (w.days || []).map((d) => String(d).toLowerCase()) })), otherwise_a: body.otherwise_a ?? 0 };
      const err = check_schedule(plan);
      if (err) return send_error(res, 422, err.message, err.field);
      m.schedule = plan;
      for (const cp of m.chargers.values()) { cp.txdefault_installed = true; publish(cp); }
      return send(res, 200, { ...wire_schedule(m.schedule, next_window()), sent_to: [...m.chargers.keys()] });
    }
    if (route === 'GET /api/tariffs') return send(res, 200, wire_tariff(m.tariffs, m.tariff_versions));
    if (route === 'PUT /api/tariffs') {
      if (!body || !/^[A-Z]{3}$/.test(body.currency || '')) return send_error(res, 422, 'Currency must be an ISO 4217 code', 'currency');
      const price = (x) => Number(x);
      if (!(price(body.default_price_per_kwh) >= 0) || !Array.isArray(body.periods ?? []) ||
          (body.periods || []).some((x) => to_min(x.start) === null || to_min(x.end === '24:00' ? '00:00' : x.end) === null || !(price(x.price_per_kwh) >= 0))) {
        return send_error(res, 422, 'Each period needs start, end (HH:MM) and price_per_kwh >= 0', 'periods');
      }
      m.tariffs = { currency: body.currency, periods: [{ start: '00:00', end: '00:00', price_per_kwh: price(body.default_price_per_kwh) },
        ...(body.periods || []).map((x) => ({ start: x.start, end: x.end === '24:00' ? '00:00' : x.end, price_per_kwh: price(x.price_per_kwh) }))] };
      m.tariff_versions += 1;
      return send(res, 200, wire_tariff(m.tariffs, m.tariff_versions));
    }
    if (route === 'GET /api/settings') return send(res, 200, wire_settings(m.settings));
    if (route === 'PUT /api/settings') {
      for (const key of Object.keys(body || {})) if (key !== 'timeZone') return send_error(res, 422, `"${key}" is set in csms-lite's configuration file`, key);
      try { new Intl.DateTimeFormat('en', { timeZone: body.timeZone }); } catch { return send_error(res, 422, '"timeZone" must be an IANA zone name', 'timeZone'); }
      m.settings = { ...m.settings, zone: body.timeZone };
      return send(res, 200, wire_settings(m.settings));
    }
    if (route === 'GET /api/tokens') return send(res, 200, { items: m.tokens.map(wire_token) });
    if (route === 'POST /api/tokens') {
      if (!body || typeof body.name !== 'string' || !body.name.trim()) return send_error(res, 422, 'Name required', 'name');
      const t = { id: m.tokens.length + 1 + m.tokens_made, name: body.name.trim(), created_at: new Date(now()).toISOString(), last_used_at: null, secret: `csms_${crypto.randomBytes(20).toString('hex')}` };
      m.tokens_made += 1;
      m.tokens.push(t);
      return send(res, 201, { ...wire_token(t), token: t.secret });
    }
    if ((match = /^DELETE \/api\/tokens\/([^/]+)$/.exec(route))) {
      const before = m.tokens.length;
      m.tokens = m.tokens.filter((t) => String(t.id) !== match[1]);
      return before === m.tokens.length ? send_error(res, 404, 'No such token') : send(res, 204);
    }
    return send_error(res, 404, 'No such route');
  }

  function log_in(res, status) {
    const token = crypto.randomBytes(16).toString('hex');
    const csrf = crypto.randomBytes(16).toString('hex');
    m.sessions.set(token, { csrf });
    return send(res, status, { authenticated: true, user: 'admin', csrfToken: csrf }, { 'Set-Cookie': `csms_session=${token}; Path=/; Max-Age=604800; HttpOnly; SameSite=Strict` });
  }

  function session_of(req) {
    const token = /(?:^|;\s*)csms_session=([0-9a-f]+)/.exec(req.headers.cookie || '');
    const s = token && m.sessions.get(token[1]);
    return s ? { ...s, token: token[1] } : null;
  }

  function open_events(req, res) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    for (const cp of m.chargers.values()) res.write(`event: charger\ndata: ${JSON.stringify(wire_charger(cp.json(env)))}\n\n`);
    m.clients.add(res);
    const beat = setInterval(() => res.write(': heartbeat\n\n'), 15_000);
    req.on('close', () => { clearInterval(beat); m.clients.delete(res); });
  }

  function send_series(cp, url, res) {
    const from = Date.parse(url.searchParams.get('from'));
    const to = Date.parse(url.searchParams.get('to'));
    const step_s = Number(url.searchParams.get('step') || 60);
    if (!Number.isFinite(from) || !Number.isFinite(to) || !(to > from)) return send_error(res, 400, 'from and to must be ISO times, from before to', 'from');
    if (!(step_s >= 1) || (to - from) / 1000 / step_s > 5000) return send_error(res, 400, 'step too small for this range', 'step');
    return send(res, 200, wire_series(cp.id, step_s, cp.series(from, to, step_s, env)));
  }

  function serve_static(p, res) {
    let file = path.normalize(path.join(web_root, decodeURIComponent(p)));
    if (!file.startsWith(path.normalize(web_root))) return send_error(res, 403, 'Forbidden');
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      // Hash routing: every page is index.html (including /setup?code=…); missing assets stay 404.
      if (path.extname(p)) return send_error(res, 404, 'Not found');
      file = path.join(web_root, 'index.html');
    }
    return send_raw(res, 200, fs.readFileSync(file), { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' });
  }

  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  log(`Mock csms-lite on ${url}`);
  return {
    url, setup_code, state: m, env, add_charger, publish, broadcast,
    cp: (id) => m.chargers.get(id || 'EO-MINI-PRO-2-1234'),
    // Drops every live-event stream and answers new ones with 503 until restored (a hub restart).
    events_down(down) { m.events_down = down; if (down) { for (const res of m.clients) res.end(); m.clients.clear(); } },
    commands: (action) => m.commands.filter((c) => !action || c.action === action),
    async close() {
      for (const res of m.clients) res.end();
      server.closeAllConnections && server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// ---- The real server's JSON, from the mock's own (UI-shaped) state ----
function wire_charger(c, detail = false) {
  const r = c.readings || {};
  // csms-lite's view of the CtReadings DataTransfer: the newest reading per clamp.
  const ct = Object.entries(r.ct_channels || {}).filter(([, v]) => v && v.current_a != null)
    .map(([channel, v]) => ({ channel, currentA: v.current_a, rawA: v.raw_a ?? null, at: v.at_ms != null ? new Date(v.at_ms).toISOString() : null }));
  const tx = c.transaction;
  const out = {
    id: c.id, connected: c.connected, registration: c.pending ? 'Pending' : 'Accepted', status: c.status,
    // The scripted board's readings are its messages: its last reading is when the hub last heard it.
    vendor: 'EO Charging', model: 'EO Mini Pro 2', firmware: null, lastSeen: c.readings_at,
    connectors: (c.connectors || []).map((k) => ({
      connectorId: k.id, status: k.status, errorCode: k.error_code, info: null, statusAt: c.readings_at,
      offered: c.offered ? { currentA: c.offered.current_a, source: c.offered.source } : null,
      currentA: r.current_a ?? null, powerW: r.power_w ?? null, voltageV: r.voltage_v ?? null,
      energyRegisterWh: r.energy_wh ?? null, sessionEnergyWh: tx ? tx.energy_wh : null, transactionId: tx ? tx.id : null,
      transactionStartedAt: tx ? tx.started_at : null,
      // csms-lite's cost so far: a decimal string in the major unit, as in its CSV.
      sessionCost: tx && tx.cost != null ? Number(tx.cost).toFixed(2) : null,
      currency: tx && tx.cost != null ? tx.currency || 'GBP' : null,
    })),
    ct, messagesIn: 0, messagesOut: 0, errors: 0,
  };
  if (detail) {
    out.configuration = Object.fromEntries(Object.entries(c.configuration || {}).map(([k, v]) => [k, v && typeof v === 'object' ? v.value : v]));
    out.configurationAt = c.last_seen;
  }
  return out;
}
function wire_transaction(t) {
  return { id: t.id, chargerId: t.charger, connectorId: t.connector, idTag: t.id_tag, startedAt: t.start, stoppedAt: t.stop || null,
    meterStartWh: 0, meterStopWh: t.stop ? t.energy_wh : null, energyWh: t.stop ? t.energy_wh : null, stopReason: t.stop_reason || null,
    // As csms-lite: the CSV's decimal string in the major unit, null without a tariff.
    cost: t.cost == null ? null : Number(t.cost).toFixed(2), currency: t.cost == null ? null : t.currency || null };
}
function wire_series(id, step_s, { series }) {
  const points = new Map();
  const fields = { current_a: 'currentA', power_w: 'powerW', voltage_v: 'voltageV',
    // CT fields only where the clamp reported (csms-lite leaves them out otherwise).
    ct_site_a: 'ctSiteA', ct_solar_a: 'ctSolarA', ct_vehicle_a: 'ctVehicleA',
    ct_site_raw_a: 'ctSiteRawA', ct_solar_raw_a: 'ctSolarRawA', ct_vehicle_raw_a: 'ctVehicleRawA' };
  for (const [name, wire] of Object.entries(fields)) {
    for (const [t, v] of series[name] || []) {
      const at = new Date(Math.floor(Date.parse(t) / (step_s * 1000)) * step_s * 1000).toISOString();
      const p = points.get(at) || { at, currentA: null, powerW: null, voltageV: null, energyWh: null };
      p[wire] = v;
      points.set(at, p);
    }
  }
  return { chargerId: id, stepS: step_s, points: [...points.values()].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)) };
}
function wire_schedule(plan, next) {
  const day = (d) => d.charAt(0).toUpperCase() + d.slice(1);
  return { charger: null, inherited: false, next_window: next,
    plan: { time_zone: plan.zone, otherwise_a: plan.otherwise_a, windows: plan.windows.map((w) => ({ ...w, days: w.days.map(day) })) } };
}
function wire_tariff(t, versions) {
  // The mock keeps the UI's form (00:00–00:00 = the base price, first); the server a default price.
  const [base, ...rest] = t.periods;
  return { versions, tariff: { id: 'home', version: versions, effective_from: new Date(0).toISOString(), currency: t.currency, minor_digits: 2,
    default_price_per_kwh: String(base ? base.price_per_kwh : 0),
    periods: rest.map((p) => ({ days: [], start: p.start, end: p.end, price_per_kwh: String(p.price_per_kwh), label: '' })) } };
}
function wire_settings(s) {
  return { timeZone: s.zone, ocppPort: s.ocpp_port, ocppPathPrefix: s.ocpp_path, unknownChargePoints: 'pending' };
}
function wire_token(t) {
  return { id: t.id, name: t.name, prefix: t.secret.slice(0, 11), createdAt: t.created_at, lastUsedAt: t.last_used_at };
}

const BAD_JSON = Symbol('bad json');
async function read_json(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  if (!text) return {};
  try { return JSON.parse(text); } catch { return BAD_JSON; }
}
function send(res, status, body, headers = {}) {
  if (body === undefined) { res.writeHead(status, headers); res.end(); return; }
  send_raw(res, status, JSON.stringify(body), { 'Content-Type': 'application/json', ...headers });
}
function send_raw(res, status, text, headers) { res.writeHead(status, headers); res.end(text); }
function send_error(res, status, message, field) { send(res, status, { error: { status, message, ...(field ? { field } : {}) } }); }
// csms-lite's columns (csms-lite/domain csv_export.hpp): local times with their offset, kWh with
// three decimals, cost in the major unit.
export const CSV_COLUMNS = ['session_id', 'charge_point', 'connector', 'id_tag', 'start_local', 'stop_local', 'duration_s', 'energy_kwh', 'cost', 'currency', 'stop_reason'];
export function csv_row(t, zone) {
  const stopped = Boolean(t.stop);
  return [t.id, t.charger, t.connector, t.id_tag, local_iso(t.start, zone), stopped ? local_iso(t.stop, zone) : '',
    stopped ? Math.round((Date.parse(t.stop) - Date.parse(t.start)) / 1000) : '', (t.energy_wh / 1000).toFixed(3),
    t.cost == null ? '' : Number(t.cost).toFixed(2), t.cost == null ? '' : t.currency, stopped ? t.stop_reason : ''];
}
function local_iso(iso, zone) {
  const ms = Date.parse(iso);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(ms).map((p) => [p.type, p.value]));
  const local_ms = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offset_min = Math.round((local_ms - Math.floor(ms / 1000) * 1000) / 60000);
  const abs = Math.abs(offset_min);
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset_min < 0 ? '-' : '+'}` +
    `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
function csv_cell(v) {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function check_schedule(s) {
  if (!s || !Array.isArray(s.windows)) return { message: 'windows must be a list', field: 'windows' };
  for (const [i, w] of s.windows.entries()) {
    if (!Array.isArray(w.days) || !w.days.length) return { message: `window ${i + 1}: days required`, field: `windows[${i}].days` };
    if (to_min(w.start) === null) return { message: `window ${i + 1}: start must be HH:MM`, field: `windows[${i}].start` };
    if (to_min(w.end) === null) return { message: `window ${i + 1}: end must be HH:MM`, field: `windows[${i}].end` };
    if (!(w.current_a === 0 || (w.current_a >= 6 && w.current_a <= 32))) return { message: `window ${i + 1}: current 0 or 6-32 A`, field: `windows[${i}].current_a` };
  }
  if (!(s.otherwise_a === 0 || (s.otherwise_a >= 6 && s.otherwise_a <= 32))) return { message: 'otherwise_a: 0 or 6-32 A', field: 'otherwise_a' };
  return null;
}

// Half a year of plausible past sessions, the same every run (a fixed-seed generator).
function history_transactions(now_ms) {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out = [];
  const day0 = Math.floor(now_ms / 86_400_000) * 86_400_000;
  for (let d = 200; d >= 1; d--) {
    if (rand() < 0.35) continue;
    const start = day0 - d * 86_400_000 + 30 * 60_000 + Math.floor(rand() * 60) * 60_000;
    const energy_wh = Math.round(4000 + rand() * 26000);
    const stop = start + Math.round((energy_wh / 7200) * 3600_000);
    out.push({ id: 1000 + out.length, charger: 'EO-MINI-PRO-2-1234', connector: 1, id_tag: d % 9 === 0 ? 'web-ui' : 'FREEVEND',
      start: new Date(start).toISOString(), stop: new Date(stop).toISOString(), energy_wh, cost: Math.round(energy_wh * 0.075) / 1000,
      currency: 'GBP', stop_reason: d % 5 === 0 ? 'Remote' : 'EVDisconnected' });
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
  const mock = await createMockServer({ port: Number(arg('--port', 8080)), log: (s) => console.log(s) });
  if (process.argv.includes('--live')) {
    mock.cp().backfill(3600, 10, mock.env);
    mock.cp().plug();
    setInterval(() => { for (const cp of mock.state.chargers.values()) { cp.wander(); cp.tick(5, mock.env); mock.publish(cp); } }, 5000);
  }
}
