// A central system for fault-injection tests: an ocpp-rpc RPCServer (strict mode, ocpp1.6) that can be
// stopped and started again on the same port, and one record of every CALL it ever received across
// all its lives and connections, in arrival order. That record is what the test judges the charge
// point by: only what reached the central system counts.
import ocppRpc from 'ocpp-rpc';

import { HOST } from './net.mjs';
import { SUBPROTOCOL } from './ocpp.mjs';
import { delay, withTimeout } from './wait.mjs';

const { RPCServer } = ocppRpc;

// The actions the charge point must deliver through its persistent outbox (OCPP 1.6 §4.10).
export function isTransactionMessage(call) {
  return call.method === 'StartTransaction' || call.method === 'StopTransaction' ||
    (call.method === 'MeterValues' && call.params.transactionId !== undefined);
}

export class FaultCsms {
  constructor({ heartbeatIntervalS = 300, answerDelayMs = () => 0 } = {}) {
    this.heartbeatIntervalS = heartbeatIntervalS;
    this.answerDelayMs = answerDelayMs;  // per CALL: widens the window between receipt and answer
    this.calls = [];  // {index, method, params, at, connection, life, answer}
    this.connections = [];  // RPC clients, in order; a CALL's `connection` indexes this
    this.strictFailures = [];
    this.lives = 0;
    this.nextTransactionId = 1000;
    this.startIds = new Map();  // StartTransaction payload (JSON) -> the transactionId given for it
    this.duplicateStarts = 0;
    this.server = null;
    this.waiters = new Set();
  }

  get running() {
    return this.server !== null;
  }

  async start(port = 0) {
    const server = new RPCServer({ protocols: [SUBPROTOCOL], strictMode: true, callTimeoutMs: 10000 });
    server.auth((accept) => accept({}, SUBPROTOCOL));
    server.on('client', (client) => this.attach(client));
    const deadline = Date.now() + 5000;
    for (;;) {
      try {
        const httpServer = await server.listen(port, HOST);
        this.port = httpServer.address().port;
        break;
      } catch (error) {
        // The previous life's socket may still be closing.
        if (error.code !== 'EADDRINUSE' || Date.now() > deadline) throw error;
        await delay(50);
      }
    }
    this.server = server;
    ++this.lives;
    return this;
  }

  // Connections are dropped without a close handshake, answers not yet sent are lost: a crash.
  async stop() {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await withTimeout(server.close({ code: 1001, force: true }), 5000, 'the central system to close');
  }

  get url() {
    return `ws://${HOST}:${this.port}/ocpp`;
  }

  attach(client) {
    const connection = this.connections.length;
    const life = this.lives;
    this.connections.push(client);
    client.on('strictValidationFailure', (event) => {
      this.strictFailures.push({ method: event.method, outbound: event.outbound, error: String(event.error?.message ?? event.error) });
    });
    client.handle(async ({ method, params }) => {
      const call = { index: this.calls.length, method, params, at: Date.now(), connection, life, answer: null };
      this.calls.push(call);
      call.answer = this.answer(method, params);
      this.notify();
      const wait = this.answerDelayMs(method);
      if (wait > 0) await delay(wait);
      return call.answer;
    });
  }

  answer(method, params) {
    const now = new Date().toISOString();
    switch (method) {
      case 'BootNotification':
        return { status: 'Accepted', currentTime: now, interval: this.heartbeatIntervalS };
      case 'Heartbeat':
        return { currentTime: now };
      case 'Authorize':
        return { idTagInfo: { status: 'Accepted' } };
      case 'StartTransaction': {
        // A StartTransaction sent again unchanged (its answer was lost) is the same transaction: a
        // careful central system gives it the same id (OCPP 1.6 has no message-level idempotency).
        const key = JSON.stringify(params);
        let id = this.startIds.get(key);
        if (id === undefined) {
          id = this.nextTransactionId++;
          this.startIds.set(key, id);
        } else {
          ++this.duplicateStarts;
        }
        return { transactionId: id, idTagInfo: { status: 'Accepted' } };
      }
      case 'StopTransaction':
        return { idTagInfo: { status: 'Accepted' } };
      case 'DataTransfer':
        return { status: 'UnknownVendorId' };  // no vendor extensions known here
      default:
        return {};  // StatusNotification, MeterValues …
    }
  }

  notify() {
    for (const waiter of this.waiters) waiter();
  }

  // The client of the newest connection, or null.
  get current() {
    return this.connections.at(-1) ?? null;
  }

  countByMethod() {
    const counts = {};
    for (const call of this.calls) counts[call.method] = (counts[call.method] ?? 0) + 1;
    return counts;
  }
}
