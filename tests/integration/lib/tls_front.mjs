// A TLS terminator on loopback in front of a plain-TCP server, the way csms-lite is put behind
// stunnel, HAProxy or nginx's stream module for wss:// (csms-lite itself listens without TLS). The
// bytes inside TLS pass unchanged, so the HTTP upgrade and its Basic auth are csms-lite's to judge.
import net from 'node:net';
import tls from 'node:tls';

import { HOST, closeServer, listenOn } from './net.mjs';

export class TlsFront {
  constructor(targetPort, { key, cert }) {
    this.targetPort = targetPort;
    this.sockets = new Set();
    this.handshakes = 0;  // completed TLS handshakes
    this.failures = [];  // why handshakes failed, as Node saw it (the client's alert)
    this.server = tls.createServer({ key, cert, minVersion: 'TLSv1.2' }, (socket) => this.accept(socket));
    this.server.on('tlsClientError', (error) => this.failures.push(error.message));
  }

  async listen(port = 0) {
    await listenOn(this.server, port);
    this.port = this.server.address().port;
    return this;
  }

  accept(downstream) {
    ++this.handshakes;
    const upstream = net.connect({ port: this.targetPort, host: HOST });
    for (const socket of [downstream, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        this.sockets.delete(socket);
        downstream.destroy();
        upstream.destroy();
      });
    }
    downstream.pipe(upstream);
    upstream.pipe(downstream);
  }

  async close() {
    for (const socket of this.sockets) socket.destroy();
    await closeServer(this.server);
  }
}
