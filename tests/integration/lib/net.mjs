// Loopback networking helpers: free ports, JSON over HTTP, raw TCP exchanges. Only 127.0.0.1 is used.
import net from 'node:net';

import { withTimeout, delay } from './wait.mjs';

export const HOST = '127.0.0.1';

// A port that was free a moment ago: bind port 0, read the port, close. Another process could take it in
// between, but on a test machine that is rare; a program that cannot bind says so in its log.
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen({ port: 0, host: HOST, exclusive: true }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Listens on exactly `port`, retrying briefly while the previous owner releases it.
export async function listenOn(server, port, { timeoutMs = 3000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await new Promise((resolve, reject) => {
        const onError = (error) => {
          server.off('listening', onListening);
          reject(error);
        };
        const onListening = () => {
          server.off('error', onError);
          resolve();
        };
        server.once('error', onError);
        server.once('listening', onListening);
        server.listen({ port, host: HOST });
      });
      return server;
    } catch (error) {
      if (error.code !== 'EADDRINUSE' || Date.now() > deadline) throw error;
      await delay(50);
    }
  }
}

export function closeServer(server) {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
  });
}

// GET (or another method) returning {status, headers, body, json}; json is null when the body is not JSON.
export async function fetchJson(url, { method = 'GET', timeoutMs = 3000 } = {}) {
  const response = await fetch(url, { method, signal: AbortSignal.timeout(timeoutMs) });
  const body = await response.text();
  let json = null;
  try {
    json = JSON.parse(body);
  } catch {
    // not JSON
  }
  return { status: response.status, headers: response.headers, body, json };
}

// Writes `bytes` to a fresh TCP connection and collects everything the server sends until it closes
// the connection (or `timeoutMs` passes, which rejects). Returns {data: Buffer, closedBy}.
export function rawExchange(port, bytes, { timeoutMs = 5000, endAfterWrite = false } = {}) {
  const socket = net.connect({ port, host: HOST });
  const chunks = [];
  const finished = new Promise((resolve, reject) => {
    socket.on('connect', () => {
      socket.write(bytes);
      if (endAfterWrite) socket.end();
    });
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error) => {
      // A reset after the server's answer still counts as an answer.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') resolve({ data: Buffer.concat(chunks), closedBy: error.code });
      else reject(error);
    });
    socket.on('close', () => resolve({ data: Buffer.concat(chunks), closedBy: 'close' }));
  });
  return withTimeout(finished, timeoutMs, `the server to answer and close a raw TCP connection on port ${port}`)
    .finally(() => socket.destroy());
}

// A TCP server that accepts and immediately destroys every connection, counting them (with times).
export async function startCountingServer(port) {
  const accepted = [];
  const server = net.createServer((socket) => {
    accepted.push(Date.now());
    socket.destroy();
  });
  await listenOn(server, port);
  return { server, accepted };
}
