// csms-lite's REST API from a test: completes the first-start setup with the one-time code that
// csms-lite writes next to its database (<storage.database>.setup-code, mode 0600), then creates an
// API token, exactly as a user would with curl (docs/api.md). Nothing is bypassed: every later
// request carries `Authorization: Bearer <token>`.
import { existsSync, readFileSync, statSync } from 'node:fs';

import { HOST } from './net.mjs';
import { waitFor } from './wait.mjs';

export const TEST_PASSWORD = 'integration test passphrase';

async function send(url, { method = 'GET', body, headers = {}, timeoutMs = 3000 } = {}) {
  const init = { method, headers: { ...headers }, signal: AbortSignal.timeout(timeoutMs) };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    // AbortSignal.timeout rejects with a DOMException that node:test prints as "{}".
    if (error?.name === 'TimeoutError') throw new Error(`${method} ${url}: no answer within ${timeoutMs} ms`);
    throw error;
  }
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, headers: response.headers, body: text, json };
}

// The setup code csms-lite wrote for `databasePath` (line 1 of the file); waits for the file.
export async function readSetupCode(databasePath, { timeoutMs = 10000 } = {}) {
  const path = `${databasePath}.setup-code`;
  await waitFor(() => existsSync(path), { timeoutMs, what: `${path} to be written` });
  const mode = statSync(path).mode & 0o777;
  if (mode !== 0o600) throw new Error(`${path} has mode ${mode.toString(8)}, expected 600`);
  return readFileSync(path, 'utf8').split('\n')[0];
}

// An API client for csms-lite on `port`; `client.token` is null until login() ran.
export class CsmsApi {
  constructor(port) {
    this.base = `http://${HOST}:${port}`;
    this.token = null;
  }

  // First start: setup with the code from the file, then an API token made with that session.
  // A csms-lite already set up (a restart on the same database) keeps its tokens: pass `token`.
  async login(databasePath, { token = null } = {}) {
    if (token) {
      this.token = token;
      return this;
    }
    const code = await readSetupCode(databasePath);
    // The password is hashed with scrypt (docs/api.md: N=2^15, r=8): most of a second on a loaded
    // machine, several when many csms-lite instances start at once.
    const setup = await send(`${this.base}/api/setup`, { method: 'POST', body: { code, password: TEST_PASSWORD }, timeoutMs: 20000 });
    if (setup.status !== 201) throw new Error(`POST /api/setup: ${setup.status} ${setup.body}`);
    const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
    const created = await send(`${this.base}/api/tokens`, {
      method: 'POST',
      body: { name: 'integration test' },
      headers: { Cookie: cookie, 'X-CSRF-Token': setup.json.csrfToken },
      timeoutMs: 20000,
    });
    if (created.status !== 201) throw new Error(`POST /api/tokens: ${created.status} ${created.body}`);
    this.token = created.json.token;
    return this;
  }

  request(path, { method = 'GET', body, timeoutMs } = {}) {
    const headers = this.token ? { Authorization: `Bearer ${this.token}` } : {};
    return send(`${this.base}${path}`, { method, body, headers, timeoutMs });
  }
  get(path, options) { return this.request(path, options); }
  post(path, body, options = {}) { return this.request(path, { ...options, method: 'POST', body }); }
}

// Starts nothing: waits until csms-lite on `port` answers HTTP at all (the setup page is public).
export async function waitForCsmsHttp(api, proc, { timeoutMs = 10000 } = {}) {
  await waitFor(async () => {
    if (!proc.alive) throw new Error(`${proc.name} exited: ${JSON.stringify(proc.exitStatus)}`);
    try {
      return (await send(`${api.base}/api/session`)).status === 200;
    } catch {
      return false;
    }
  }, { timeoutMs, what: `${proc.name} to serve HTTP` });
}
