// First paint of the web UI (issue 7: "first paint under 1 s on the Pi"), measured in Debian's
// Chromium against a real csms-lite serving the real web/ folder. Run through bench/web_paint.sh,
// which sets the variables below; bench/README.md ("web_paint.sh") says what the figures mean.
//
//   EO_CSMS_LITE_BIN     the host's csms-lite (x86-64)            required
//   EO_ARMEL_CSMS_LITE   the static armel csms-lite, run under qemu-arm-static -cpu arm1176 (the Pi
//                        Zero W's core) through tests/cross/qemu_arm1176.sh          optional
//   EO_CHARGEPOINT_BIN   eo-chargepoint on the simulated board, connected for the Now page  optional
//   EO_PAINT_RUNS        runs per page and server (10)
//
// The phone: CPU 4x slower than this machine's core (Emulation.setCPUThrottlingRate 4, what Chrome's
// own "mid-tier mobile" preset uses) and home Wi-Fi to the garage: 20 ms round trip, 20 Mbit/s each
// way (a 2.4 GHz 802.11n link at one or two walls, as the Pi Zero W's single-stream radio gets).
// Every run is a new browser context: cold HTTP cache, no service worker, no memory cache.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { launch, PHONE } from '../tests/web/lib/browser.mjs';
import { Harness, webRoot } from '../tests/integration/lib/processes.mjs';
import { CsmsApi, TEST_PASSWORD } from '../tests/integration/lib/csms_api.mjs';
import { HOST, freePort } from '../tests/integration/lib/net.mjs';
import { waitFor } from '../tests/integration/lib/wait.mjs';

const RUNS = Number(process.env.EO_PAINT_RUNS || 10);
const NETWORK = { offline: false, latency: 20, downloadThroughput: 20e6 / 8, uploadThroughput: 20e6 / 8 };
const CPU_RATE = 4;
const CP = 'CP1';
const root = join(fileURLToPath(import.meta.url), '..', '..');

// The page's main content: the login form, or the Now page's status sentence once it says something
// (it is empty until the first /api answers arrive). Recorded in the page by a MutationObserver so the
// time is the page's own clock, not Playwright's polling.
const MAIN = {
  login: { route: '/', selector: 'form input[name=password]', text: false },
  now: { route: '/#/now', selector: '#now-state', text: true },
};
function watch_main({ selector, text }) {
  const check = () => {
    const el = document.querySelector(selector);
    if (!el || (text && !el.textContent.trim())) return false;
    window.__main_ms = performance.now();
    return true;
  };
  new MutationObserver((_, observer) => { if (check()) observer.disconnect(); })
    .observe(document, { childList: true, subtree: true, characterData: true });
}

async function one_run(browser, base, page_name, cookie) {
  const context = await browser.newContext({ viewport: PHONE, locale: 'en-GB', timezoneId: 'Europe/London' });
  try {
    if (cookie) await context.addCookies([{ ...cookie, url: base }]);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
    let bytes = 0; let requests = 0;
    // encodedDataLength: what came over the wire, headers included (compressed if the server compressed).
    cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; requests += 1; });
    const main = MAIN[page_name];
    await page.addInitScript(`(${watch_main})(${JSON.stringify(main)})`);
    await page.goto(`${base}${main.route}`, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForFunction(() => window.__main_ms !== undefined
      && performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 60_000 });
    const t = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime,
      dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
      main: window.__main_ms,
      text: document.querySelector('#now-state')?.textContent ?? '',
    }));
    // The static files of a page are done by the time it shows its content; the event stream stays open.
    if (errors.length) throw new Error(`${page_name}: page errors: ${errors.join('; ')}`);
    return { ...t, kb: bytes / 1024, requests };
  } finally {
    await context.close();
  }
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const row = (cells) => `| ${cells.join(' | ')} |`;

async function bench_server(label, bin, executable, browser) {
  const harness = new Harness();
  try {
    const port = await freePort();
    const settings = { ...harness.csmsLiteState('csms'), 'http.port': port, 'http.web_root': webRoot(),
      'ocpp.unknown_charge_points': 'accept', 'ocpp.unknown_id_tags': 'accept' };
    const csms = harness.start(`csms-lite (${label})`, bin, settings, { logLevel: 'info' });
    const api = new CsmsApi(port);
    let status = 0;
    await waitFor(async () => {
      if (!csms.alive) throw new Error(`${csms.name} exited: ${JSON.stringify(csms.exitStatus)}`);
      status = await fetch(`${api.base}/api/session`).then((r) => r.status, () => 0);
      return status === 200 || status === 404;
    }, { timeoutMs: 60_000, what: `${csms.name} to serve HTTP` });
    // A csms-lite built before the web UI's session API answers 404 forever: say so instead of waiting.
    if (status === 404) throw new Error(`${executable} has no GET /api/session (404): an old build, rebuild it`);
    await api.login(settings['storage.database']);
    const login = await fetch(`${api.base}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ password: TEST_PASSWORD }) });
    if (login.status !== 200) throw new Error(`POST /api/session: ${login.status}`);
    const [name, value] = login.headers.get('set-cookie').split(';')[0].split('=');
    let charger = 'none connected';
    if (process.env.EO_CHARGEPOINT_BIN) {
      harness.startChargePoint(CP, { 'ocpp.central_system_url': `ws://${HOST}:${port}/ocpp`, 'ocpp.charge_point_id': CP,
        'simulator.tick_ms': 100 }, { logLevel: 'info' });
      await waitFor(async () => ((await api.get('/api/chargers')).json?.chargers ?? [])
        .some((c) => c.id === CP && c.connected), { timeoutMs: 60_000, what: `${CP} to connect` });
      charger = `${CP} (eo-chargepoint, simulated board) connected`;
    }
    const results = {};
    for (const page_name of Object.keys(MAIN)) {
      const runs = [];
      for (let i = 0; i < RUNS; ++i) runs.push(await one_run(browser, api.base, page_name, page_name === 'now' ? { name, value } : null));
      results[page_name] = runs;
      console.error(`${label} ${page_name}: ${runs.map((r) => r.main.toFixed(0)).join(' ')} ms; now says "${runs.at(-1).text}"`);
    }
    return { label, charger, results };
  } catch (error) {
    harness.dumpLogs(label);
    throw error;
  } finally {
    await harness.stopAll();
  }
}

const servers = [['x86-64 native', process.env.EO_CSMS_LITE_BIN, process.env.EO_CSMS_LITE_BIN]];
if (process.env.EO_ARMEL_CSMS_LITE) {
  process.env.EO_ARMEL_EXECUTABLE = process.env.EO_ARMEL_CSMS_LITE;
  servers.push(['armel, qemu arm1176', join(root, 'tests', 'cross', 'qemu_arm1176.sh'), process.env.EO_ARMEL_CSMS_LITE]);
}
const browser = await launch();
const out = [];
try {
  for (const [label, bin, executable] of servers) out.push(await bench_server(label, bin, executable, browser));
} finally {
  await browser.close();
}
console.log(`phone: CPU throttling ${CPU_RATE}x, ${NETWORK.latency} ms latency, ${NETWORK.downloadThroughput * 8 / 1e6} Mbit/s down/up, ${RUNS} cold runs each`);
console.log(row(['server', 'page', 'FCP median / max (ms)', 'DOMContentLoaded median / max (ms)', 'main content median / max (ms)', 'transferred (KiB)', 'requests']));
console.log(row(['---', '---', '---:', '---:', '---:', '---:', '---:']));
for (const { label, charger, results } of out) {
  for (const [page_name, runs] of Object.entries(results)) {
    const f = (key) => `${median(runs.map((r) => r[key])).toFixed(0)} / ${Math.max(...runs.map((r) => r[key])).toFixed(0)}`;
    console.log(row([label, page_name === 'now' ? `Now (${charger})` : 'login', f('fcp'), f('dcl'), f('main'),
      median(runs.map((r) => r.kb)).toFixed(1), median(runs.map((r) => r.requests))]));
  }
}
