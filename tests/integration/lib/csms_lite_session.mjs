// eo-chargepoint on the simulated box connected to a real csms-lite, everything observed and driven
// the way a user does it: through csms-lite's REST API with an API token (docs/api.md) and the
// simulator's control socket. Nothing reads either program's database.
import { CsmsApi, waitForCsmsHttp } from './csms_api.mjs';
import { webRoot } from './processes.mjs';
import { HOST, freePort } from './net.mjs';
import { EVENT_TIMEOUT_MS, chargePointSettings } from './session.mjs';
import { SimControl } from './simctl.mjs';
import { waitFor } from './wait.mjs';

export const CHARGER_ID = 'CP1';
export const ID_TAG = 'EO-PLUG';
// Starting up is the slowest part on a loaded machine: SQLite migrations with their fsyncs, several
// programs starting at once (the csms-lite tests run concurrently).
const STARTUP_TIMEOUT_MS = 30000;

// Starts csms-lite on `port` (a free one unless given) and logs in. A restart on the same data passes
// the same `database` and the `token` of the first start: the setup happens once per database.
// With `ca` (PEM text), csms-lite serves https/wss (settings http.tls_*) and the API client trusts it.
export async function startCsms(harness, name, { port, database, token, settings = {}, ca } = {}) {
  const httpPort = port ?? await freePort();
  const storage = database ?? harness.csmsLiteState(name)['storage.database'];
  const proc = harness.startCsmsLite(name, {
    'http.port': httpPort,
    'http.web_root': webRoot(),
    'ocpp.heartbeat_interval_s': 60,
    'storage.database': storage,
    // Meter values reach the API's series without waiting for the default minute.
    'storage.flush_interval_s': 1,
    ...settings,
  });
  const api = new CsmsApi(httpPort, { ca });
  await waitForCsmsHttp(api, proc, { timeoutMs: STARTUP_TIMEOUT_MS });
  await api.login(storage, { token });
  return { proc, api, port: httpPort, database: storage, url: `${ca ? 'wss' : 'ws'}://${HOST}:${httpPort}/ocpp` };
}

// A charge point with plug-and-charge (EO boxes have no card reader) on a fast simulator.
export async function startChargePoint(harness, name, url, extra = {}) {
  const cp = harness.startChargePoint(name, chargePointSettings(url, { 'charging.plug_and_charge_id_tag': ID_TAG, ...extra }));
  const sim = new SimControl(harness.chargePointState(name)['simulator.control_socket']);
  await sim.ready({ timeoutMs: STARTUP_TIMEOUT_MS });
  return { cp, sim };
}

// One charger as csms-lite's API shows it.
export class ApiCharger {
  constructor(api, id = CHARGER_ID) {
    this.api = api;
    this.id = id;
  }

  // GET /api/chargers/{id}, or null while csms-lite does not know the charger.
  async get() {
    const response = await this.api.get(`/api/chargers/${encodeURIComponent(this.id)}`);
    if (response.status === 404) return null;
    if (response.status !== 200) throw new Error(`GET /api/chargers/${this.id}: ${response.status} ${response.body}`);
    return response.json;
  }

  static connector(charger, connectorId = 1) {
    return charger?.connectors?.find((c) => c.connectorId === connectorId) ?? null;
  }

  // Polls until `check(charger, connector 1)` is truthy; returns the charger.
  waitFor(check, what, { timeoutMs = EVENT_TIMEOUT_MS } = {}) {
    return waitFor(async () => {
      const charger = await this.get();
      return charger && check(charger, ApiCharger.connector(charger)) ? charger : null;
    }, { timeoutMs, intervalMs: 100, what: `${this.id} in the API: ${what}` });
  }

  // Connected, accepted, its BootNotification and the status of connector 1 seen.
  booted() {
    return this.waitFor((c, k) => c.connected && c.registration === 'Accepted' && c.vendor && k?.status === 'Available',
                        'connected, accepted and Available', { timeoutMs: STARTUP_TIMEOUT_MS });
  }

  // What the charger reports it offers on connector 1 (its OfferedLimit DataTransfer).
  waitForOffer(currentA, source, options) {
    return this.waitFor((c, k) => k?.offered?.currentA === currentA && k.offered.source === source,
                        `offering ${currentA} A (${source})`, options);
  }

  // POST /api/chargers/{id}/commands/{action}: the charge point's answer, or an error that says why not.
  async command(action, payload, { timeoutMs = 40000 } = {}) {
    const response = await this.api.post(`/api/chargers/${encodeURIComponent(this.id)}/commands/${action}`, payload, { timeoutMs });
    if (response.status !== 200) throw new Error(`${action} through csms-lite: ${response.status} ${response.body}`);
    return response.json.result;
  }

  // GET /api/transactions for this charger (one page is plenty in a test).
  async transactions(query = '') {
    const response = await this.api.get(`/api/transactions?charger=${encodeURIComponent(this.id)}&limit=100${query}`);
    if (response.status !== 200) throw new Error(`GET /api/transactions: ${response.status} ${response.body}`);
    return response.json.items;
  }
}
