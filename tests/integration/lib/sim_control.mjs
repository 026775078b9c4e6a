// The simulated box's control socket (docs/simulator.md): one command line in, one reply line out.
import net from 'node:net';

import { withTimeout } from './wait.mjs';

// Sends one command on a fresh connection; resolves with the reply line (without the newline).
// Rejects when the socket cannot be reached or nothing comes back within `timeoutMs`.
export function simCommand(socketPath, command, { timeoutMs = 3000 } = {}) {
  const socket = net.connect({ path: socketPath });
  const reply = new Promise((resolve, reject) => {
    let data = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${command}\n`));
    socket.on('data', (chunk) => {
      data += chunk;
      const end = data.indexOf('\n');
      if (end >= 0) resolve(data.slice(0, end));
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`${socketPath} closed without answering "${command}"`)));
  });
  return withTimeout(reply, timeoutMs, `the simulator at ${socketPath} to answer "${command}"`)
    .finally(() => socket.destroy());
}

// Like simCommand, but a reply other than `ok…` is an error.
export async function simOk(socketPath, command, options) {
  const reply = await simCommand(socketPath, command, options);
  if (!reply.startsWith('ok')) throw new Error(`simulator: "${command}" answered "${reply}"`);
  return reply;
}

// The `status` JSON (the line after "ok").
export async function simStatus(socketPath, options) {
  const reply = await simOk(socketPath, 'status', options);
  return JSON.parse(reply.replace(/^ok\s*/, ''));
}
