// csms-lite's REST API from a test: completes the first-start setup with the one-time code that
// csms-lite writes next to its database (<storage.database>.setup-code, mode 0600), then creates an
// API token, exactly as a user would with curl (docs/api.md). Nothing is bypassed: every later
// request carries `Authorization: Bearer <token>`.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';

import { HOST } from './net.mjs';
import { waitFor } from './wait.mjs';

export const TEST_PASSWORD = 'integration test passphrase';

// https with a test CA: fetch() cannot be given one, node:https can. Same shape as fetch's answer.
function httpsFetch(url, { method, headers, body, signal }, ca) {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(url, { method, headers, ca, signal }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const raw = response.headers;
        resolve({
          status: response.statusCode,
          headers: { get: (name) => { const v = raw[name.toLowerCase()]; return Array.isArray(v) ? v.join(', ') : v ?? null; } },
          text: async () => text,
        });
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function send(url, { method = 'GET', body, headers = {}, timeoutMs = 3000, ca } = {}) {
  const init = { method, headers: { ...headers }, signal: AbortSignal.timeout(timeoutMs) };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = ca ? await httpsFetch(url, init, ca) : await fetch(url, init);
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

// An API client for csms-lite on `port`; `client.token` is null until login() ran. With `ca` (PEM
// text of the CA that signed csms-lite's certificate), it speaks https and checks the certificate.
export class CsmsApi {
  constructor(port, { ca } = {}) {
    this.base = `${ca ? 'https' : 'http'}://${HOST}:${port}`;
    this.ca = ca;
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
    const setup = await send(`${this.base}/api/setup`, { method: 'POST', body: { code, password: TEST_PASSWORD }, timeoutMs: 20000, ca: this.ca });
    if (setup.status !== 201) throw new Error(`POST /api/setup: ${setup.status} ${setup.body}`);
    this.setupCookie = setup.headers.get('set-cookie') ?? '';  // attributes too (Secure over https)
    const cookie = this.setupCookie.split(';')[0];
    const created = await send(`${this.base}/api/tokens`, {
      method: 'POST',
      body: { name: 'integration test' },
      headers: { Cookie: cookie, 'X-CSRF-Token': setup.json.csrfToken },
      timeoutMs: 20000,
      ca: this.ca,
    });
    if (created.status !== 201) throw new Error(`POST /api/tokens: ${created.status} ${created.body}`);
    this.token = created.json.token;
    return this;
  }

  request(path, { method = 'GET', body, timeoutMs } = {}) {
    const headers = this.token ? { Authorization: `Bearer ${this.token}` } : {};
    return send(`${this.base}${path}`, { method, body, headers, timeoutMs, ca: this.ca });
  }
  get(path, options) { return this.request(path, options); }
  post(path, body, options = {}) { return this.request(path, { ...options, method: 'POST', body }); }
}

// Starts nothing: waits until csms-lite on `port` answers HTTP at all (the setup page is public).
export async function waitForCsmsHttp(api, proc, { timeoutMs = 10000 } = {}) {
  await waitFor(async () => {
    if (!proc.alive) throw new Error(`${proc.name} exited: ${JSON.stringify(proc.exitStatus)}`);
    try {
      return (await send(`${api.base}/api/session`, { ca: api.ca })).status === 200;
    } catch {
      return false;
    }
  }, { timeoutMs, what: `${proc.name} to serve HTTP` });
}
