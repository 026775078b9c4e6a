// The simulated EO box's control socket (docs/simulator.md): one text line in, one line out, "ok ..."
// or "error: ...". Each command uses its own short connection, like eo-simctl does.
import net from 'node:net';

import { waitFor } from './wait.mjs';

// Sends one command line; resolves with the reply line (without the newline).
export function simCommand(socketPath, line, { timeoutMs = 3000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ path: socketPath });
    let reply = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`simulator at ${socketPath}: no reply to "${line}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = (error, value) => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(value);
    };
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${line}\n`));
    socket.on('data', (chunk) => {
      reply += chunk;
      const end = reply.indexOf('\n');
      if (end >= 0) finish(null, reply.slice(0, end));
    });
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish(new Error(`simulator at ${socketPath} closed without a reply to "${line}"`)));
  });
}

// A simulator behind `socketPath` (Harness.chargePointState(name)['simulator.control_socket']).
export class SimControl {
  constructor(socketPath) {
    this.path = socketPath;
  }

  // Sends a command that must succeed; returns what follows "ok".
  async run(line) {
    const reply = await simCommand(this.path, line);
    if (!reply.startsWith('ok')) throw new Error(`simulator: "${line}" failed: ${reply}`);
    return reply.slice(2).trim();
  }

  async status() {
    return JSON.parse(await this.run('status'));
  }

  // Until the daemon has opened its control socket (it does so after start-up).
  async ready({ timeoutMs = 10000 } = {}) {
    return waitFor(() => this.status(), { timeoutMs, intervalMs: 50, what: `the simulator socket ${this.path}` });
  }

  // Polls `status` until `check(status)` is truthy; returns that status.
  waitStatus(check, { timeoutMs = 10000, what = 'a simulator state' } = {}) {
    return waitFor(async () => {
      const status = await this.status();
      return check(status) ? status : null;
    }, { timeoutMs, intervalMs: 50, what });
  }

  plugIn() {
    return this.run('plug-in');
  }

  unplug() {
    return this.run('unplug');
  }
}
