// Every request the UI makes to csms-lite goes through this file. The JSON shapes are being designed in
// parallel with the server, so each function documents the shape it expects and normalises what comes
// back: adapting to the final server should touch this file only.
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
// GET /api/session → {user:"admin", csrf_token:"..."}; 401 {error, setup_required:true} before setup.
// Resolves to {user, csrf_token} or {user:null, setup_required:bool}.
export async function get_session() {
  try {
    const s = await request('GET', '/api/session', undefined, { quiet401: true });
    csrf_token = s.csrf_token || null;
    return { user: s.user || 'admin', csrf_token };
  } catch (e) {
    if (e.status === 401) { csrf_token = null; return { user: null, setup_required: e.setup_required }; }
    throw e;
  }
}
// POST /api/session {password} → sets the cookie (body ignored); then we fetch the CSRF token.
export async function login(password) {
  await request('POST', '/api/session', { password }, { quiet401: true });
  return get_session();
}
// DELETE /api/session
export async function logout() {
  try { await request('DELETE', '/api/session'); } finally { csrf_token = null; }
}
// POST /api/setup {code, password} → 200/204; the server may or may not log us in, so log in after.
export async function setup(code, password) {
  await request('POST', '/api/setup', { code, password }, { quiet401: true });
  return login(password);
}
// ASSUMED (not in the contract yet): POST /api/password {current_password, new_password} → 204.
export function change_password(current_password, new_password) {
  return request('POST', '/api/password', { current_password, new_password });
}

// ---- Chargers --------------------------------------------------------------------------------------
// Charger (GET /api/chargers/{id}, and each SSE `charger` event):
// {id, connected:bool, accepted:bool | pending:bool, status:"Charging", last_seen:ISO,
//  connectors:[{id:1, status:"Charging", error_code:"NoError"}],
//  offered:{current_a:16, source:"TxDefault"|"Tx"|"ChargePointMax"|"Hardware"|"Solar"|"SiteLoad"|"Schedule"|"Manual"},
//  readings:{current_a, power_w, voltage_v, energy_wh, ct:{site_a, solar_a, vehicle_a}}, readings_at:ISO,
//  transaction:{id, started_at:ISO, energy_wh, cost} | null,
//  configuration:{EO_SolarEnabled:{value:"false", readonly:false}, ...}}
export function normalize_charger(c) {
  if (!c || typeof c !== 'object') return null;
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
    },
    readings_at: c.readings_at || null,
    last_seen: c.last_seen || null,
    transaction: c.transaction ? {
      id: c.transaction.id, started_at: c.transaction.started_at || null,
      energy_wh: num(c.transaction.energy_wh), cost: num(c.transaction.cost),
    } : null,
    configuration,
  };
}
function num(v) { return v === null || v === undefined || v === '' || !Number.isFinite(Number(v)) ? null : Number(v); }

// GET /api/chargers → [Charger] or {items:[Charger]} (either accepted).
export async function list_chargers() {
  const body = await request('GET', '/api/chargers');
  const items = Array.isArray(body) ? body : (body.items || body.chargers || []);
  return items.map(normalize_charger).filter(Boolean);
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

// OPTIONAL: GET /api/chargers/{id}/log → {items:[{t:ISO, direction:"in"|"out", action, payload}]}.
// Resolves to null when the server has no log (404).
export async function message_log(id) {
  try {
    const body = await request('GET', `/api/chargers/${enc(id)}/log`);
    return (body && body.items) || [];
  } catch (e) { if (e.status === 404) return null; throw e; }
}

// GET /api/chargers/{id}/series?from&to&step → {series:{current_a:[[t,v]...], power_w, voltage_v, offered_a,
// ct_site_a, ct_solar_a, ct_vehicle_a}, sources:[[t,"TxDefault"]...]}; t is ISO text or epoch ms.
// Resolves to {series:{name:[[ms, value]...]}, sources:[[ms, source]]}.
export async function series(id, from_ms, to_ms, step_s) {
  const q = `from=${enc(new Date(from_ms).toISOString())}&to=${enc(new Date(to_ms).toISOString())}&step=${step_s}`;
  const body = await request('GET', `/api/chargers/${enc(id)}/series?${q}`);
  const out = {};
  for (const [name, points] of Object.entries((body && body.series) || {})) {
    out[name] = (points || []).map(([t, v]) => [time_ms(t), v == null ? null : Number(v)]).filter(([t]) => Number.isFinite(t));
  }
  return { series: out, sources: ((body && body.sources) || []).map(([t, s]) => [time_ms(t), s]) };
}
export function time_ms(t) { return typeof t === 'number' ? t : Date.parse(t); }

// ---- Transactions -----------------------------------------------------------------------------------
// GET /api/transactions?charger&from&to → {items:[{id, charger, connector, id_tag, start:ISO, stop:ISO|null,
// energy_wh, cost, currency, stop_reason}]}
export async function transactions({ charger, from_ms, to_ms } = {}) {
  const body = await request('GET', '/api/transactions' + transactions_query({ charger, from_ms, to_ms }));
  return ((body && body.items) || []).map((t) => ({ ...t, energy_wh: num(t.energy_wh), cost: num(t.cost) }));
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
// GET/PUT /api/schedules: {zone:"Europe/London", windows:[{days:["mon",...], start:"00:30", end:"05:30",
// current_a:32}], otherwise_a:0}; both answer with that plus next_window:{start:ISO, end:ISO, current_a}|null.
export const get_schedules = () => request('GET', '/api/schedules');
export const put_schedules = (s) => request('PUT', '/api/schedules', s);
// GET/PUT /api/tariffs: {currency:"GBP", periods:[{start:"00:30", end:"05:30", price_per_kwh:0.075}]}
export const get_tariffs = () => request('GET', '/api/tariffs');
export const put_tariffs = (t) => request('PUT', '/api/tariffs', t);
// GET/PUT /api/settings: {zone:"Europe/London", ocpp_port:9000, ocpp_path:"/ocpp/"} (ocpp_* ASSUMED; a
// missing port falls back to the UI's own host and port 9000).
export const get_settings = () => request('GET', '/api/settings');
export const put_settings = (s) => request('PUT', '/api/settings', s);
// GET /api/tokens → {items:[{id, name, created_at, last_used_at}]}; POST {name} → {id, name, token}
// (the secret is shown once); DELETE /api/tokens/{id}.
export async function list_tokens() {
  const body = await request('GET', '/api/tokens');
  return Array.isArray(body) ? body : (body.items || body.tokens || []);
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
