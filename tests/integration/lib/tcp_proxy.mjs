// A TCP proxy on loopback between a charge point and its central system that can break the network the
// ways a real one breaks:
// - cut(): every connection is reset at once (a router reboot, a Wi-Fi drop the kernel notices);
// - freeze(): nothing passes any more in either direction and new connections hang unanswered (a
//   black hole: packets vanish, no RST, no FIN). thaw({ drop: true }) then resets the frozen
//   connections and throws away what was held (TCP gave up); thaw({ drop: false }) delivers it late
//   (TCP retransmitted once the route came back).
import net from 'node:net';

import { HOST, closeServer, listenOn } from './net.mjs';

export class TcpProxy {
  constructor(targetPort) {
    this.targetPort = targetPort;
    this.frozen = false;
    this.pairs = new Set();
    this.counts = { connections: 0, cuts: 0, freezes: 0, resetConnections: 0 };
    this.server = net.createServer((socket) => this.accept(socket));
  }

  async listen(port = 0) {
    await listenOn(this.server, port);
    this.port = this.server.address().port;
    return this;
  }

  accept(downstream) {
    ++this.counts.connections;
    const pair = { downstream, upstream: null, held: { up: [], down: [] } };
    this.pairs.add(pair);
    downstream.on('error', () => {});
    downstream.on('close', () => this.closePair(pair));
    downstream.on('data', (chunk) => this.forward(pair, 'up', chunk));
    if (!this.frozen) this.connectUpstream(pair);
  }

  connectUpstream(pair) {
    const upstream = net.connect({ port: this.targetPort, host: HOST });
    pair.upstream = upstream;
    upstream.on('error', () => {});
    upstream.on('close', () => this.closePair(pair));
    upstream.on('data', (chunk) => this.forward(pair, 'down', chunk));
    upstream.on('connect', () => this.release(pair));
  }

  forward(pair, direction, chunk) {
    if (this.frozen || !pair.upstream || pair.upstream.connecting) {
      pair.held[direction].push(chunk);
      return;
    }
    (direction === 'up' ? pair.upstream : pair.downstream).write(chunk);
  }

  release(pair) {
    if (this.frozen) return;
    for (const chunk of pair.held.up.splice(0)) pair.upstream.write(chunk);
    for (const chunk of pair.held.down.splice(0)) pair.downstream.write(chunk);
  }

  // Either side gone: the other goes too, at once and without a goodbye.
  closePair(pair) {
    if (!this.pairs.delete(pair)) return;
    pair.downstream.destroy();
    pair.upstream?.destroy();
  }

  resetAll() {
    for (const pair of [...this.pairs]) {
      ++this.counts.resetConnections;
      // resetAndDestroy sends an RST like a dead route eventually does; older Node versions lack it.
      if (pair.downstream.resetAndDestroy) pair.downstream.resetAndDestroy();
      this.closePair(pair);
    }
  }

  cut() {
    ++this.counts.cuts;
    this.resetAll();
  }

  freeze() {
    ++this.counts.freezes;
    this.frozen = true;
  }

  thaw({ drop }) {
    this.frozen = false;
    if (drop) {
      this.resetAll();
      return;
    }
    for (const pair of this.pairs) {
      if (!pair.upstream) this.connectUpstream(pair);
      else if (!pair.upstream.connecting) this.release(pair);
    }
  }

  async close() {
    this.resetAll();
    await closeServer(this.server);
  }
}
