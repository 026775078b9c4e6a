// A charge point on the simulated EO box, connected to an ocpp-rpc central system (strict mode) that
// answers the transaction messages: the setting every session test starts from.
import { SimControl } from './simctl.mjs';
import { startRpcServer, transactionHandlers } from './ocpp.mjs';

// Deadline for anything the charge point does on its own (a loaded 2-core CI machine is slow).
export const EVENT_TIMEOUT_MS = 10000;

// Settings for fast tests: a 100 ms simulator tick, quick reconnects.
export function chargePointSettings(url, extra = {}) {
  return {
    'ocpp.central_system_url': url,
    'ocpp.charge_point_id': 'CP1',
    'network.reconnect_min_s': 1,
    'network.reconnect_max_s': 2,
    'simulator.tick_ms': 100,
    ...extra,
  };
}

// Starts ocpp-rpc servers for a test file and closes them all at the end.
export class Servers {
  constructor() {
    this.all = [];
  }

  async start(options = {}) {
    const server = await startRpcServer({ handlers: transactionHandlers({ firstTransactionId: 1000 }), ...options });
    this.all.push(server);
    return server;
  }

  async closeAll() {
    await Promise.all(this.all.map((s) => s.close().catch(() => {})));
  }
}

// Waits for the charge point's next connection to `server`, its BootNotification and the status of
// connector 1 that follows the boot. Returns the RpcChargePoint.
export async function nextBootedLink(server, { timeoutMs = EVENT_TIMEOUT_MS } = {}) {
  const link = await server.nextChargePoint(timeoutMs);
  await link.next('BootNotification', timeoutMs);
  await link.waitForCall((c) => c.method === 'StatusNotification' && c.params.connectorId === 1,
                         { timeoutMs, what: 'the StatusNotification of connector 1 after the boot' });
  return link;
}

// A charge point named `name` (its own database and simulator socket), booted at a new server.
export async function bootedChargePoint(harness, servers, name, { settings = {}, server: serverOptions = {} } = {}) {
  const server = await servers.start(serverOptions);
  const state = harness.chargePointState(name);
  const cp = harness.startChargePoint(name, chargePointSettings(server.url, settings));
  const link = await nextBootedLink(server);
  const sim = new SimControl(state['simulator.control_socket']);
  await sim.ready();
  return { server, cp, link, sim, state };
}
