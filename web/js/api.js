// Every request the UI makes to csms-lite goes through this file. Each function documents the server's
// JSON (csms-lite/api/openapi.json, docs/api.md) and turns it into the shapes the pages use, so the
// pages never see the wire format.
//
// Errors: the server answers {"error":{"status":400,"message":"...","field":"..."}}; every failure
// becomes an ApiError. Status 401 fires 'unauthorized' (the app shows the login page), 429 carries
// retry_after_s from the Retry-After header.

export class ApiError extends Error {
  constructor(status, message, { field = null, retry_after_s = null, setup_required = false } = {}) {
    super(message);
    this.status = status;
    this.field = field;
    this.retry_after_s = retry_after_s;
    this.setup_required = setup_required;
  }
}

const listeners = { unauthorized: new Set() };
export function on_unauthorized(fn) { listeners.unauthorized.add(fn); }

// Returned by GET /api/session; sent back as X-CSRF-Token on every state-changing request.
let csrf_token = null;

async function request(method, path, body, { quiet401 = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrf_token) headers['X-CSRF-Token'] = csrf_token;
  let response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'Cannot reach the hub. Check that your phone is on the home Wi-Fi.');
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!response.ok) {
    const err = (json && json.error) || {};
    const retry = Number(response.headers.get('Retry-After'));
    const e = new ApiError(err.status || response.status, err.message || default_message(response.status), {
      field: err.field || null,
      retry_after_s: Number.isFinite(retry) && retry > 0 ? retry : null,
      setup_required: Boolean(json && json.setup_required),
    });
    if (e.status === 401 && !quiet401) for (const fn of listeners.unauthorized) fn(e);
    throw e;
  }
  return json;
}

function default_message(status) {
  switch (status) {
    case 401: return 'Please log in.';
    case 409: return 'The charger is not connected to the hub.';
    case 429: return 'Too many attempts.';
    case 502: return 'The charger refused the request.';
    case 504: return 'The charger did not answer in time.';
    default: return `The hub answered with an error (${status}).`;
  }
}

const enc = encodeURIComponent;

// ---- Session and first run -------------------------------------------------------------------------
// GET /api/session (public) → {authenticated:true, user:"admin", via:"session", csrfToken:"..."} or
// {authenticated:false, setupRequired:bool}. Resolves to {user, csrf_token} or {user:null, setup_required}.
export async function get_session() {
  try {
    const s = await request('GET', '/api/session', undefined, { quiet401: true });
    if (!s || !s.authenticated) { csrf_token = null; return { user: null, setup_required: Boolean(s && s.setupRequired) }; }
    csrf_token = s.csrfToken || null;
    return { user: s.user || 'admin', csrf_token };
  } catch (e) {
    if (e.status === 401) { csrf_token = null; return { user: null, setup_required: e.setup_required }; }
    throw e;
  }
}
// POST /api/session {password} → 200 {authenticated, user, csrfToken} and the session cookie.
export async function login(password) {
  await request('POST', '/api/session', { password }, { quiet401: true });
  return get_session();
}
// DELETE /api/session
export async function logout() {
  try { await request('DELETE', '/api/session'); } finally { csrf_token = null; }
}
// POST /api/setup {code, password} → 201 {authenticated, user, csrfToken}: setup also logs us in.
export async function setup(code, password) {
  await request('POST', '/api/setup', { code, password }, { quiet401: true });
  return get_session();
}
// POST /api/password {currentPassword, newPassword} → 204 (this session stays, others end).
export function change_password(current_password, new_password) {
  return request('POST', '/api/password', { currentPassword: current_password, newPassword: new_password });
}

// ---- Chargers --------------------------------------------------------------------------------------
// Charger on the wire (GET /api/chargers, GET /api/chargers/{id}, each SSE `charger` event):
// {id, connected, registration:"Accepted"|"Pending"|"Rejected", status (connector 0), vendor, model,
//  firmware, lastSeen:ISO, connectors:[{connectorId, status, errorCode, info, statusAt,
//  offered:{currentA, source}|null, currentA, powerW, voltageV, energyRegisterWh, sessionEnergyWh,
//  transactionId, transactionStartedAt:ISO|null, sessionCost:"0.38"|null, currency|null}], ct:[{channel:"site"|"solar"|"vehicle"|"L1"..,
//  currentA, rawA|null, at:ISO|null}], messagesIn, messagesOut, errors}
// plus, in the list and for one charger (not in SSE events), configuration:{key: value} and configurationAt.
// The pages' Charger: {id, connected, pending, status, connectors:[{id, status, error_code}],
//  offered:{current_a, source}|null, readings:{current_a, power_w, voltage_v, energy_wh, ct:{site_a, solar_a,
//  vehicle_a}|null, ct_channels:{site:{current_a, raw_a, at_ms}, ...}}, readings_at,
//  last_seen, transaction:{id, started_at, energy_wh, cost, currency}|null, configuration:{key:{value, readonly}}}.
// normalize_charger also takes the pages' own shape (and then only fills in defaults), so that it is
// idempotent: a charger the pages built or kept can go through it again.
export function normalize_charger(c) {
  if (!c || typeof c !== 'object') return null;
  const wire = 'registration' in c || (Array.isArray(c.connectors) && c.connectors.some((k) => k && 'connectorId' in k));
  const out = wire ? charger_from_wire(c) : normalize_page_charger(c);
  // The live events carry no configuration: every later copy of this charger shares the last one read
  // (the list's, or the first copy's, which a page fills from GetConfiguration or ChangeConfiguration).
  if (c.configuration || !known_configuration.has(out.id)) known_configuration.set(out.id, out.configuration);
  else out.configuration = known_configuration.get(out.id);
  return out;
}
const known_configuration = new Map();

function charger_from_wire(c) {
  const connectors = Array.isArray(c.connectors) ? c.connectors : [];
  const main = connectors[0] || {};
  const configuration = {};
  for (const [k, v] of Object.entries(c.configuration || {})) {
    configuration[k] = v && typeof v === 'object' ? { value: v.value ?? null, readonly: Boolean(v.readonly) }
      : { value: v == null ? null : String(v), readonly: false };
  }
  // CT clamps by name when the charger names them; the phases of one clamp (L1..L3) are not a site.
  const ct_of = (name) => {
    const hit = (c.ct || []).find((r) => String(r.channel).toLowerCase() === name);
    return hit ? num(hit.currentA) : null;
  };
  const ct = { site_a: ct_of('site'), solar_a: ct_of('solar'), vehicle_a: ct_of('vehicle') };
  const ct_channels = {};
  for (const r of c.ct || []) {
    const name = String(r.channel).toLowerCase();
    if (['site', 'solar', 'vehicle'].includes(name) && num(r.currentA) !== null) {
      ct_channels[name] = { current_a: num(r.currentA), raw_a: num(r.rawA), at_ms: r.at ? Date.parse(r.at) : null };
    }
  }
  const status = main.status && (!c.status || c.status === 'Available') ? main.status : (c.status || 'Unknown');
  return {
    id: String(c.id),
    connected: Boolean(c.connected),
    pending: c.registration === 'Pending',
    status,
    connectors: connectors.map((k) => ({ id: Number(k.connectorId), status: k.status || 'Unknown', error_code: k.errorCode || 'NoError' })),
    offered: main.offered ? { current_a: num(main.offered.currentA), source: main.offered.source || null } : null,
    readings: {
      current_a: num(main.currentA), power_w: num(main.powerW), voltage_v: num(main.voltageV),
      energy_wh: num(main.energyRegisterWh),
      ct: Object.values(ct).some((v) => v !== null) ? ct : null,
      ct_channels,
    },
    // The last message from the charger: MeterValues arrive every sample interval, so an old one
    // means the readings stopped.
    readings_at: c.lastSeen || null,
    last_seen: c.lastSeen || null,
    transaction: main.transactionId != null ? {
      id: main.transactionId, started_at: main.transactionStartedAt || null, energy_wh: num(main.sessionEnergyWh),
      cost: num(main.sessionCost), currency: main.currency || null,
    } : null,
    configuration,
  };
}
function normalize_page_charger(c) {
  const connectors = Array.isArray(c.connectors) ? c.connectors
    : Object.entries(c.connectors || {}).map(([id, v]) => ({ id: Number(id), ...v }));
  const configuration = {};
  if (Array.isArray(c.configuration)) { // OCPP GetConfiguration style [{key, value, readonly}]
    for (const k of c.configuration) configuration[k.key] = { value: k.value ?? null, readonly: Boolean(k.readonly) };
  } else {
    for (const [k, v] of Object.entries(c.configuration || {})) {
      configuration[k] = v && typeof v === 'object' ? { value: v.value ?? null, readonly: Boolean(v.readonly) }
        : { value: v == null ? null : String(v), readonly: false };
    }
  }
  const readings = c.readings || {};
  return {
    id: String(c.id),
    connected: Boolean(c.connected),
    pending: c.pending === true || c.accepted === false,
    status: c.status || (connectors[0] && connectors[0].status) || 'Unknown',
    connectors: connectors.map((k) => ({ id: Number(k.id), status: k.status || 'Unknown', error_code: k.error_code || 'NoError' })),
    offered: c.offered ? { current_a: num(c.offered.current_a), source: c.offered.source || null } : null,
    readings: {
      current_a: num(readings.current_a), power_w: num(readings.power_w), voltage_v: num(readings.voltage_v),
      energy_wh: num(readings.energy_wh),
      ct: readings.ct ? { site_a: num(readings.ct.site_a), solar_a: num(readings.ct.solar_a), vehicle_a: num(readings.ct.vehicle_a) } : null,
      ct_channels: readings.ct_channels || {},
    },
    readings_at: c.readings_at || null,
    last_seen: c.last_seen || null,
    transaction: c.transaction ? {
      id: c.transaction.id, started_at: c.transaction.started_at || null,
      energy_wh: num(c.transaction.energy_wh), cost: num(c.transaction.cost), currency: c.transaction.currency || null,
    } : null,
    configuration,
  };
}
function num(v) { return v === null || v === undefined || v === '' || !Number.isFinite(Number(v)) ? null : Number(v); }

// GET /api/chargers → {chargers:[Charger with configuration and configurationAt]}: one request.
export async function list_chargers() {
  const body = await request('GET', '/api/chargers');
  return ((body && body.chargers) || []).map(normalize_charger).filter(Boolean);
}
export async function get_charger(id) { return normalize_charger(await request('GET', `/api/chargers/${enc(id)}`)); }
export function accept_charger(id) { return request('POST', `/api/chargers/${enc(id)}/accept`); }
export function reject_charger(id) { return request('POST', `/api/chargers/${enc(id)}/reject`); }

// POST /api/chargers/{id}/commands/{Action} with the OCPP 1.6 request payload → {result:<OCPP response>}.
// 504 timeout, 409 not connected, 502 CALLERROR (message carries the OCPP error code).
export async function command(id, action, payload) {
  const body = await request('POST', `/api/chargers/${enc(id)}/commands/${enc(action)}`, payload);
  return body ? body.result : null;
}

// GET /api/chargers/{id}/log → {chargerId, capacity, items:[{at:ISO, direction:"in"|"out",
// type:"CALL"|"CALLRESULT"|"CALLERROR"|"invalid", messageId, action, frame:"<OCPP-J text>", bytes,
// truncated}]} (newest first, the last `capacity` frames, kept in memory only). Resolves to
// {capacity, items:[{t, direction, type, action, frame, bytes, truncated}]}, or null when the hub
// keeps no log (404 from an older csms-lite).
export async function message_log(id) {
  try {
    const body = await request('GET', `/api/chargers/${enc(id)}/log`);
    return {
      capacity: (body && body.capacity) || 0,
      items: ((body && body.items) || []).map((m) => ({
        t: m.at, direction: m.direction, type: m.type || null, action: m.action || null,
        frame: String(m.frame ?? ''), bytes: num(m.bytes), truncated: Boolean(m.truncated),
      })),
    };
  } catch (e) { if (e.status === 404) return null; throw e; }
}

// GET /api/chargers/{id}/series?from&to&step → {chargerId, stepS, points:[{at:ISO, currentA, powerW,
// voltageV, energyWh, ctSiteA?, ctSolarA?, ctVehicleA?, ctSiteRawA?, ctSolarRawA?, ctVehicleRawA?}]}
// (steps without samples are left out; a CT field only where that clamp reported). Resolves to
// {series:{current_a:[[ms, v]...], power_w, voltage_v, energy_wh, ct_site_a, ct_site_raw_a, ...},
// sources:[]}: the server keeps no history of the offered current or its source.
export async function series(id, from_ms, to_ms, step_s) {
  const q = `from=${enc(new Date(from_ms).toISOString())}&to=${enc(new Date(to_ms).toISOString())}&step=${Math.max(1, Math.round(step_s))}`;
  const body = await request('GET', `/api/chargers/${enc(id)}/series?${q}`);
  const fields = { current_a: 'currentA', power_w: 'powerW', voltage_v: 'voltageV', energy_wh: 'energyWh' };
  for (const ct of ['site', 'solar', 'vehicle']) {
    const cap = ct[0].toUpperCase() + ct.slice(1);
    fields[`ct_${ct}_a`] = `ct${cap}A`; fields[`ct_${ct}_raw_a`] = `ct${cap}RawA`;
  }
  const out = Object.fromEntries(Object.keys(fields).map((k) => [k, []]));
  for (const p of (body && body.points) || []) {
    const t = time_ms(p.at);
    if (!Number.isFinite(t)) continue;
    for (const [name, wire] of Object.entries(fields)) if (p[wire] != null) out[name].push([t, Number(p[wire])]);
  }
  return { series: out, sources: [] };
}
export function time_ms(t) { return typeof t === 'number' ? t : Date.parse(t); }

// ---- Transactions -----------------------------------------------------------------------------------
// GET /api/transactions?charger&from&to&offset&limit → {items:[{id, chargerId, connectorId, idTag,
// startedAt:ISO, stoppedAt:ISO|null, meterStartWh, meterStopWh, energyWh, stopReason, cost:"12.34"|null,
// currency:"GBP"|null}], total, offset, limit} (newest first, at most 500 a page; cost as in the CSV,
// so far while running, null without a tariff). Resolves to every page as [{id, charger, connector,
// id_tag, start, stop, energy_wh, cost (a number), currency, stop_reason}].
export async function transactions({ charger, from_ms, to_ms } = {}) {
  const base = '/api/transactions' + transactions_query({ charger, from_ms, to_ms });
  const items = [];
  for (let offset = 0; ; offset += 500) {
    const body = await request('GET', `${base}${base.includes('?') ? '&' : '?'}offset=${offset}&limit=500`);
    const page = (body && body.items) || [];
    items.push(...page);
    if (page.length < 500 || items.length >= (body.total || 0)) break;
  }
  return items.map((t) => ({
    id: t.id, charger: t.chargerId, connector: t.connectorId, id_tag: t.idTag, start: t.startedAt,
    stop: t.stoppedAt || null, energy_wh: num(t.energyWh), cost: num(t.cost), currency: t.currency || null,
    stop_reason: t.stopReason || null,
  }));
}
export function transactions_csv_url(filter = {}) { return '/api/transactions.csv' + transactions_query(filter); }
function transactions_query({ charger, from_ms, to_ms }) {
  const q = [];
  if (charger) q.push(`charger=${enc(charger)}`);
  if (from_ms != null) q.push(`from=${enc(new Date(from_ms).toISOString())}`);
  if (to_ms != null) q.push(`to=${enc(new Date(to_ms).toISOString())}`);
  return q.length ? '?' + q.join('&') : '';
}

// ---- Schedules, tariffs, settings, tokens -----------------------------------------------------------
// GET /api/schedules → {charger:null, plan:{time_zone, otherwise_a, windows:[{days:["Mon",...], start:"00:30",
// end:"05:30", current_a:32}]}|null, inherited:false, next_window:{start:ISO, end:ISO, current_a}|null};
// PUT /api/schedules with the plan → the same plus sent_to:[charger ids]. (?charger=<id> for one
// charger's own plan.) Resolves to the pages' {zone, windows:[{days:["mon",...], ...}], otherwise_a,
// next_window}.
function schedule_from_wire(body) {
  const plan = (body && body.plan) || {};
  return {
    zone: plan.time_zone || null,
    windows: (plan.windows || []).map((w) => ({ days: (w.days || []).map((d) => String(d).toLowerCase()), start: w.start, end: w.end, current_a: num(w.current_a) })),
    otherwise_a: num(plan.otherwise_a) ?? 0,
    next_window: (body && body.next_window) || null,
  };
}
const day_wire = (d) => d.charAt(0).toUpperCase() + d.slice(1).toLowerCase();
export async function get_schedules() { return schedule_from_wire(await request('GET', '/api/schedules')); }
export async function put_schedules(s) {
  const plan = {
    windows: (s.windows || []).map((w) => ({ days: (w.days || []).map(day_wire), start: w.start, end: w.end, current_a: w.current_a })),
    otherwise_a: s.otherwise_a ?? 0,
  };
  if (s.zone) plan.time_zone = s.zone;
  return schedule_from_wire(await request('PUT', '/api/schedules', plan));
}

// GET /api/tariffs → {tariff:{id, version, effective_from, currency, minor_digits, default_price_per_kwh:"0.30",
// periods:[{days, start, end, price_per_kwh:"0.075", label}]}|null, versions}; PUT a tariff saves a new
// version (in force from now). The pages edit {currency, periods:[{start, end, price_per_kwh}]} where
// 00:00–00:00 is all day and later rows win; the server wants a default price and periods that do not
// overlap, so the day is flattened minute by minute: the most common price becomes the default.
function tariff_from_wire(body) {
  const t = body && body.tariff;
  if (!t) return { currency: null, periods: [] };
  const periods = [{ start: '00:00', end: '00:00', price_per_kwh: Number(t.default_price_per_kwh) || 0 }];
  for (const p of t.periods || []) periods.push({ start: p.start, end: p.end, price_per_kwh: Number(p.price_per_kwh) });
  return { currency: t.currency, periods };
}
const clock_min = (text) => { const m = /^(\d\d):(\d\d)$/.exec(text || ''); return m ? Number(m[1]) * 60 + Number(m[2]) : null; };
const min_clock = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
export function tariff_to_wire(t) {
  const price = new Array(1440).fill(null);
  for (const p of t.periods || []) {
    const s = clock_min(p.start); const e = clock_min(p.end);
    if (s === null || e === null) continue;
    for (let i = 0, m = s; i < (e > s ? e - s : 1440 - s + e); i++, m = (m + 1) % 1440) price[m] = p.price_per_kwh;
  }
  const counts = new Map();
  for (const v of price) if (v !== null) counts.set(v, (counts.get(v) || 0) + 1);
  const base = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  const default_price = base ? base[0] : 0;
  const periods = [];
  for (let m = 0; m < 1440;) {
    const v = price[m] ?? default_price;
    let e = m + 1;
    while (e < 1440 && (price[e] ?? default_price) === v) e++;
    if (v !== default_price) periods.push({ start: min_clock(m), end: e === 1440 ? '24:00' : min_clock(e), price_per_kwh: String(v) });
    m = e;
  }
  return { currency: t.currency, default_price_per_kwh: String(default_price), periods };
}
export async function get_tariffs() { return tariff_from_wire(await request('GET', '/api/tariffs')); }
export async function put_tariffs(t) { return tariff_from_wire(await request('PUT', '/api/tariffs', tariff_to_wire(t))); }

// GET/PUT /api/settings: {timeZone:"Europe/London", ocppPort:8080, ocppPathPrefix:"/ocpp",
// unknownChargePoints:"pending"}; only timeZone can change here (the rest is csms-lite.conf).
function settings_from_wire(s) {
  return { zone: (s && s.timeZone) || null, ocpp_port: (s && s.ocppPort) || null, ocpp_path: (s && s.ocppPathPrefix) || null };
}
export async function get_settings() { return settings_from_wire(await request('GET', '/api/settings')); }
export async function put_settings(s) { return settings_from_wire(await request('PUT', '/api/settings', { timeZone: s.zone })); }
// GET /api/tokens → {items:[{id, name, prefix, createdAt, lastUsedAt}]}; POST {name} → 201 {id, name,
// prefix, createdAt, lastUsedAt, token} (the secret is shown once); DELETE /api/tokens/{id}.
export async function list_tokens() {
  const body = await request('GET', '/api/tokens');
  return ((body && body.items) || []).map((t) => ({ id: t.id, name: t.name, created_at: t.createdAt, last_used_at: t.lastUsedAt }));
}
export const create_token = (name) => request('POST', '/api/tokens', { name });
export const delete_token = (id) => request('DELETE', `/api/tokens/${enc(id)}`);

// ---- Live events --------------------------------------------------------------------------------------
// GET /api/events (Server-Sent Events): `event: charger` data = Charger JSON; `event: status` data =
// {ok:bool, message} (free-form hub status); comments are heartbeats. EventSource reconnects by itself;
// handlers.on_state(true|false) reports whether the stream is up.
export function subscribe(handlers) {
  let source = null;
  let retry = null;
  let closed = false;
  const open = () => {
    source = new EventSource('/api/events', { withCredentials: true });
    source.addEventListener('open', () => handlers.on_state && handlers.on_state(true));
    source.addEventListener('error', () => {
      handlers.on_state && handlers.on_state(false);
      // The browser retries network drops itself but gives up after an HTTP error answer (a restarting
      // hub, a 401): then we reopen after a pause, unless the app logged out meanwhile.
      if (source.readyState === EventSource.CLOSED && !closed) retry = setTimeout(open, 5000);
    });
    source.addEventListener('charger', (ev) => {
      try { const c = normalize_charger(JSON.parse(ev.data)); if (c) handlers.on_charger(c); } catch { /* bad frame */ }
    });
    source.addEventListener('status', (ev) => {
      try { handlers.on_status && handlers.on_status(JSON.parse(ev.data)); } catch { /* bad frame */ }
    });
  };
  open();
  return () => { closed = true; clearTimeout(retry); source.close(); };
}
