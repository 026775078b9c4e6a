// OCPP peers for the tests: an ocpp-rpc RPCServer in strict mode (an independent implementation that
// validates every message against the official OCPP 1.6 schemas in both directions), and a raw
// WebSocket peer that can put any bytes on the wire.
import { randomUUID } from 'node:crypto';

import ocppRpc from 'ocpp-rpc';
import WebSocket, { WebSocketServer } from 'ws';

import { HOST, listenOn } from './net.mjs';
import { AsyncQueue, waitFor, withTimeout } from './wait.mjs';

const { RPCServer, NOREPLY } = ocppRpc;
export { NOREPLY };

export const SUBPROTOCOL = 'ocpp1.6';

export function accepted(interval) {
  return { status: 'Accepted', currentTime: new Date().toISOString(), interval };
}

// Answers of a minimal central system to the transaction-related CALLs (pass as `handlers` to
// startRpcServer): every idTag gets `idTagStatus(idTag)`, transaction ids count up from
// `firstTransactionId` across all connections of the server (a reconnect never reuses one).
export function transactionHandlers({ firstTransactionId = 1, idTagStatus = () => 'Accepted' } = {}) {
  let nextId = firstTransactionId;
  return {
    Authorize: (params) => ({ idTagInfo: { status: idTagStatus(params.idTag) } }),
    StartTransaction: (params) => ({ idTagInfo: { status: idTagStatus(params.idTag) }, transactionId: nextId++ }),
    StopTransaction: (params) => (params.idTag ? { idTagInfo: { status: idTagStatus(params.idTag) } } : {}),
  };
}

// The charge point as the ocpp-rpc server sees it: every CALL it sent, per action, in order.
// `handlers` maps an action to (params, chargePoint) => answer (or a promise of one, or NOREPLY); other
// actions than BootNotification and Heartbeat without a handler are answered {}.
export class RpcChargePoint {
  constructor(client, { onBoot, handlers = {} }) {
    this.client = client;
    this.identity = client.identity;
    this.handshake = client.handshake;
    this.connectedAt = Date.now();
    this.calls = [];  // {method, params, at, answer}
    this.frames = [];  // every message in both directions, in wire order: {at, outbound, json}
    this.pongs = [];  // {at, rtt} for each pong answering one of the server's pings
    this.queues = new Map();
    this.strictFailures = [];
    client.on('message', ({ message, outbound }) => {
      let json;
      try {
        json = JSON.parse(message.toString());
      } catch {
        json = undefined;
      }
      this.frames.push({ at: Date.now(), outbound, json });
    });
    client.on('ping', ({ rtt }) => this.pongs.push({ at: Date.now(), rtt }));
    this.closed = new Promise((resolve) => client.once('close', resolve));
    this.isClosed = false;
    client.once('close', () => {
      this.isClosed = true;
    });
    client.on('strictValidationFailure', (event) => {
      this.strictFailures.push({
        method: event.method, outbound: event.outbound, isCall: event.isCall,
        error: String(event.error?.message ?? event.error), params: event.params, result: event.result,
      });
    });
    client.handle('BootNotification', async ({ params }) => {
      const bootsSoFar = this.countCalls('BootNotification');
      const answer = await onBoot(params, this, bootsSoFar);
      this.record('BootNotification', params, answer);
      return answer;
    });
    client.handle('Heartbeat', ({ params }) => {
      const answer = { currentTime: new Date().toISOString() };
      this.record('Heartbeat', params, answer);
      return answer;
    });
    for (const [method, handler] of Object.entries(handlers)) {
      client.handle(method, async ({ params }) => {
        const answer = await handler(params, this);
        this.record(method, params, answer === NOREPLY ? undefined : answer);
        return answer;
      });
    }
    client.handle(({ method, params }) => {
      // Anything else the charge point sends is recorded and answered like a minimal central system
      // (which knows no vendor's DataTransfer: OCPP 1.6 §4.3).
      const answer = method === 'DataTransfer' ? { status: 'UnknownVendorId' } : {};
      this.record(method, params, answer);
      return answer;
    });
  }

  record(method, params, answer) {
    const entry = { method, params, at: Date.now(), answer };
    this.calls.push(entry);
    this.queue(method).push(entry);
  }

  queue(method) {
    if (!this.queues.has(method)) this.queues.set(method, new AsyncQueue(`${method} from ${this.identity}`));
    return this.queues.get(method);
  }

  // Index in `frames` of the answer (CALLRESULT or CALLERROR) the charge point sent to our CALL `id`.
  answerIndex(id) {
    return this.frames.findIndex((f) => !f.outbound && Array.isArray(f.json) && (f.json[0] === 3 || f.json[0] === 4) && f.json[1] === id);
  }

  // The charge point's CALLs in wire order, [{index, id, method, params}], optionally from frame `from`.
  incomingCalls(from = 0) {
    const calls = [];
    for (let i = from; i < this.frames.length; ++i) {
      const f = this.frames[i];
      if (!f.outbound && Array.isArray(f.json) && f.json[0] === 2) calls.push({ index: i, id: f.json[1], method: f.json[2], params: f.json[3], at: f.at });
    }
    return calls;
  }

  countCalls(method) {
    return this.calls.filter((c) => c.method === method).length;
  }

  // The next CALL of this action (in arrival order), answered already.
  next(method, timeoutMs = 5000) {
    return this.queue(method).take(timeoutMs, `${method} from charge point ${this.identity}`);
  }

  call(method, params = {}, timeoutMs = 5000) {
    return this.client.call(method, params, { callTimeoutMs: timeoutMs });
  }

  // Like call(), and also where its answer is in `frames`: {answer, index}. (The tests send one CALL at
  // a time, so the last CALL of this action is ours.)
  async callTracked(method, params = {}, timeoutMs = 5000) {
    const answer = await this.call(method, params, timeoutMs);
    const sent = this.frames.findLast((f) => f.outbound && Array.isArray(f.json) && f.json[0] === 2 && f.json[2] === method);
    return { answer, index: this.answerIndex(sent.json[1]) };
  }

  // The first CALL of the charge point at frame index >= from for which pred({method, params}) holds.
  waitForCall(pred, { from = 0, timeoutMs = 5000, what = 'a CALL from the charge point' } = {}) {
    return waitFor(() => this.incomingCalls(from).find(pred), { timeoutMs, intervalMs: 20, what });
  }
}

// An RPCServer (strict mode, ocpp1.6) on loopback. `onBoot(params, chargePoint, bootsSoFar)` decides the
// BootNotification answer (NOREPLY: none). `auth(handshake, n)` returns true (accept) or an HTTP status.
// `handlers`: see RpcChargePoint. `pingIntervalMs`: how often the server pings each connection (ocpp-rpc
// closes a connection whose previous ping was not answered by then).
export async function startRpcServer({ port = 0, onBoot = () => accepted(300), auth, handlers, pingIntervalMs } = {}) {
  const server = new RPCServer({
    protocols: [SUBPROTOCOL], strictMode: true, callTimeoutMs: 5000,
    ...(pingIntervalMs === undefined ? {} : { pingIntervalMs }),
  });
  const chargePoints = new AsyncQueue('charge point connections');
  const all = [];
  const handshakes = [];
  server.auth((accept, reject, handshake) => {
    handshakes.push({ ...handshake, password: handshake.password && Buffer.from(handshake.password), at: Date.now() });
    const verdict = auth ? auth(handshake, handshakes.length) : true;
    if (verdict === true) accept({}, SUBPROTOCOL);
    else reject(verdict, 'refused by the test');
  });
  server.on('client', (client) => {
    const chargePoint = new RpcChargePoint(client, { onBoot, handlers });
    all.push(chargePoint);
    chargePoints.push(chargePoint);
  });
  const httpServer = await server.listen(port, HOST);
  const bound = httpServer.address().port;
  return {
    server,
    port: bound,
    url: `ws://${HOST}:${bound}/ocpp`,
    chargePoints,  // AsyncQueue of RpcChargePoint, one per accepted connection
    all,
    handshakes,
    strictFailures: () => all.flatMap((c) => c.strictFailures),
    nextChargePoint: (timeoutMs = 5000) => chargePoints.take(timeoutMs, `a charge point to connect to port ${bound}`),
    // force: drop the connections without a close handshake; otherwise close them with 1001 (going away).
    close: ({ force = true } = {}) => withTimeout(server.close({ code: 1001, force }), 5000, 'the ocpp-rpc server to close'),
  };
}

// Frames of a raw WebSocket, parsed where possible. CALLs from the other side whose action is in
// `autoAnswer` are answered at once (so heartbeats and the like never get in the way of a test).
export class RawPeer {
  constructor(ws, { autoAnswer = {} } = {}) {
    this.ws = ws;
    this.autoAnswer = autoAnswer;
    this.received = [];  // {at, binary, text, json}
    this.waiters = new Set();
    this.closeInfo = null;
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.closeInfo = { code, reason: reason.toString(), at: Date.now() };
        resolve(this.closeInfo);  // before the waiters reject: a race on both sees the close first
        this.notify();
      });
    });
    ws.on('error', () => {});  // surfaced as close
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? null : data.toString('utf8');
      let json;
      if (text !== null) {
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
      }
      const frame = { at: Date.now(), binary: isBinary, text, json };
      this.received.push(frame);
      if (Array.isArray(json) && json[0] === 2 && typeof json[2] === 'string' && this.autoAnswer[json[2]]) {
        const answer = this.autoAnswer[json[2]](json[3]);
        this.sendJson([3, json[1], answer]);
        frame.autoAnswered = true;
      }
      this.notify();
    });
  }

  notify() {
    for (const waiter of this.waiters) waiter();
  }

  get open() {
    return this.ws.readyState === WebSocket.OPEN;
  }

  mark() {
    return this.received.length;
  }

  sendText(data) {
    this.ws.send(data, { binary: false });
  }

  sendBinary(data) {
    this.ws.send(data, { binary: true });
  }

  sendJson(value) {
    this.sendText(JSON.stringify(value));
  }

  // The first frame at index >= from for which pred(frame) holds. Rejects on timeout or close.
  waitFrame(pred, { from = 0, timeoutMs = 5000, what = 'a frame' } = {}) {
    return new Promise((resolve, reject) => {
      const check = () => {
        for (let i = from; i < this.received.length; ++i) {
          if (pred(this.received[i])) {
            done();
            return resolve(this.received[i]);
          }
        }
        if (this.closeInfo) {
          done();
          reject(new Error(`connection closed (${this.closeInfo.code} ${this.closeInfo.reason}) while waiting for ${what}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  // The next CALLRESULT or CALLERROR received at index >= from (CALLs of the other side are skipped).
  nextAnswer({ from, timeoutMs = 5000, what = 'a CALLRESULT or CALLERROR' } = {}) {
    return this.waitFrame((f) => isAnswer(f.json), { from, timeoutMs, what }).then((f) => f.json);
  }

  // Sends a CALL and resolves with the whole answer frame ([3, id, payload] or [4, id, code, text, details]).
  async call(action, payload, { timeoutMs = 5000 } = {}) {
    const id = randomUUID();
    const from = this.mark();
    this.sendJson([2, id, action, payload]);
    const frame = await this.waitFrame((f) => isAnswer(f.json) && f.json[1] === id,
                                       { from, timeoutMs, what: `the answer to ${action} ${id}` });
    return frame.json;
  }
}

export function isAnswer(json) {
  return Array.isArray(json) && (json[0] === 3 || json[0] === 4);
}

// A bare `ws` server on loopback that speaks ocpp1.6 and hands each connection over as a RawPeer.
export async function startRawServer({ port = 0, autoAnswer } = {}) {
  const { createServer } = await import('node:http');
  const httpServer = createServer((req, res) => {
    res.statusCode = 404;
    res.end();
  });
  const wss = new WebSocketServer({
    server: httpServer,
    maxPayload: 64 * 1024 * 1024,
    handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
  });
  const peers = new AsyncQueue('raw connections');
  const all = [];
  wss.on('connection', (ws, request) => {
    const peer = new RawPeer(ws, { autoAnswer });
    peer.url = request.url;
    peer.protocol = ws.protocol;
    all.push(peer);
    peers.push(peer);
  });
  await listenOn(httpServer, port);
  const bound = httpServer.address().port;
  return {
    port: bound,
    url: `ws://${HOST}:${bound}/ocpp`,
    all,
    nextPeer: (timeoutMs = 5000) => peers.take(timeoutMs, `a connection to the raw server on port ${bound}`),
    close: async () => {
      for (const peer of all) peer.ws.terminate();
      await new Promise((resolve) => wss.close(() => resolve()));
      await new Promise((resolve) => httpServer.close(() => resolve()));
    },
  };
}

// A raw WebSocket client (to csms-lite). Resolves once open; rejects with the HTTP status if refused.
export function connectRaw(url, { protocols = [SUBPROTOCOL], autoAnswer, headers, timeoutMs = 5000 } = {}) {
  const ws = new WebSocket(url, protocols, { headers, maxPayload: 64 * 1024 * 1024, handshakeTimeout: timeoutMs });
  const peer = new RawPeer(ws, { autoAnswer });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(peer));
    ws.once('unexpected-response', (request, response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () => {
        const error = new Error(`upgrade refused: HTTP ${response.statusCode}`);
        error.statusCode = response.statusCode;
        error.body = body;
        ws.terminate();
        reject(error);
      });
    });
    ws.once('error', (error) => reject(error));
  });
}
