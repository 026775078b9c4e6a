// End-to-end on the real stack: the web UI in headless Debian Chromium against the real csms-lite
// (its own data folder, a loopback port) and the real eo-chargepoint on the simulated EO board, whose
// car the test plugs in through the simulator's control socket. What the page shows is checked
// against what the charge point does (the simulator's offered current, GetCompositeSchedule through
// csms-lite's command API) and what csms-lite stores (its transactions). No sleeps: every wait is for
// a page element, a log line or a state, with a deadline. Run through CTest (ctest -L web), which
// passes the binaries' paths; screenshots land in tests/web/screenshots/real-*.png.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

import { launch, new_page, screenshot, PHONE, DESKTOP } from './lib/browser.mjs';
import { Harness, webRoot } from '../integration/lib/processes.mjs';
import { CsmsApi, readSetupCode, waitForCsmsHttp } from '../integration/lib/csms_api.mjs';
import { HOST, freePort } from '../integration/lib/net.mjs';
import { SimControl } from '../integration/lib/simctl.mjs';
import { waitFor } from '../integration/lib/wait.mjs';

const PASSWORD = 'real-stack driveway';
const CP = 'CP1';
const EVENT_MS = 15_000; // what the charge point does on its own, on a loaded two-core machine

// `npm test` in tests/web runs every file: without the binaries' paths (CTest passes them) this one
// says so and skips instead of failing.
const SKIP = !process.env.EO_CSMS_LITE_BIN || !process.env.EO_CHARGEPOINT_BIN
  ? 'EO_CSMS_LITE_BIN and EO_CHARGEPOINT_BIN are not set: run it through CTest (ctest -L web)' : false;

const harness = new Harness();
let csms; let api; let base; let db; let sim; let browser; let page;

before(async () => {
  if (SKIP) return;
  const port = await freePort();
  csms = harness.startCsmsLite('csms', {
    'http.port': port, 'http.web_root': webRoot(), 'ocpp.unknown_charge_points': 'pending',
  });
  db = harness.csmsLiteState('csms')['storage.database'];
  api = new CsmsApi(port);
  base = api.base;
  await waitForCsmsHttp(api, csms, { timeoutMs: EVENT_MS });
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
  await harness.stopAll();
});
afterEach(async () => {
  if (!page) return;
  const errors = page.errors;
  await page.context().close();
  page = null;
  assert.deepEqual(errors, [], 'the page logged errors');
});

// A test whose failure prints both programs' logs. (Not harness.wrap: the charge point a test starts
// lives on for the tests after it.)
const real_test = (name, fn) => test(name, { skip: SKIP }, async (t) => {
  try {
    await fn(t);
  } catch (error) {
    harness.dumpLogs(t.name);
    throw error;
  }
});

async function logged_in(route = 'now', viewport = PHONE) {
  page = await new_page(browser, viewport);
  await page.goto(`${base}/#/${route}`);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator(`nav a[data-route=${route}][aria-current=page]`).waitFor();
  return page;
}
const text = (selector) => page.locator(selector).textContent();
const command = async (action, payload) => {
  const r = await api.post(`/api/chargers/${CP}/commands/${action}`, payload, { timeoutMs: EVENT_MS });
  assert.equal(r.status, 200, `${action}: ${r.body}`);
  return r.json.result;
};
const composite = async () => {
  const r = await command('GetCompositeSchedule', { connectorId: 1, duration: 3600, chargingRateUnit: 'A' });
  assert.equal(r.status, 'Accepted', JSON.stringify(r));
  return r.chargingSchedule.chargingSchedulePeriod;
};
const transactions = async () => (await api.get(`/api/transactions?charger=${CP}`)).json.items;

real_test('first-run setup with the code csms-lite wrote next to its database, log out, log in', async () => {
  page = await new_page(browser, PHONE);
  await page.goto(`${base}/`);
  await page.getByRole('heading', { name: 'Welcome — choose a password' }).waitFor();
  await screenshot(page, 'real-phone-setup');
  await page.getByLabel('Setup code').fill(await readSetupCode(db));
  await page.getByLabel('New password').fill(PASSWORD);
  await page.getByLabel('Repeat the password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Set password' }).click();
  await page.locator('#now-state', { hasText: 'No charger has connected to the hub yet' }).waitFor();

  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Log in to your charger' }).waitFor();
  await screenshot(page, 'real-phone-login');
  await page.locator('input[name=password]').fill('not the password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByText('Wrong password.').waitFor();
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('#now-state').waitFor();
});

real_test('an API token made on the Settings page works for csms-lite\'s API', async () => {
  await logged_in('settings');
  await page.getByLabel('Name').fill('real-stack test');
  await page.getByRole('button', { name: 'Create token' }).click();
  api.token = await page.locator('#new-token .secret').textContent();
  const chargers = await api.get('/api/chargers');
  assert.equal(chargers.status, 200, chargers.body);
  assert.deepEqual(chargers.json.chargers, []);
});

real_test('a new charge point shows up pending, is accepted, and its configuration is set from the page', async () => {
  await logged_in('chargers');
  const state = harness.chargePointState(CP);
  harness.startChargePoint(CP, {
    'ocpp.central_system_url': `ws://${HOST}:${new URL(base).port}/ocpp`, 'ocpp.charge_point_id': CP,
    'network.reconnect_min_s': 1, 'network.reconnect_max_s': 2, 'simulator.tick_ms': 100,
    'charging.plug_and_charge_id_tag': 'EO-PLUG',
  });
  sim = new SimControl(state['simulator.control_socket']);
  await sim.ready();
  // It arrives through the event stream: no reload.
  const accept = page.getByRole('button', { name: `Accept ${CP}` });
  await accept.waitFor({ timeout: EVENT_MS });
  await page.locator('#state', { hasText: 'New charger waiting for you to accept it' }).waitFor();
  await screenshot(page, 'real-phone-chargers-pending');
  await accept.click();
  await page.getByText(`${CP} accepted.`).waitFor();
  // csms-lite asks the charge point to boot again (TriggerMessage), now Accepted.
  await page.locator(`tr[data-charger=${CP}]`, { hasText: 'online' }).waitFor({ timeout: EVENT_MS });
  await page.locator(`tr[data-charger=${CP}]`, { hasText: 'Available' }).waitFor({ timeout: EVENT_MS });

  // The configuration as the charge point reports it, then one key changed through the table.
  await page.getByRole('button', { name: 'Refresh configuration' }).click();
  const interval = page.locator('li.cfg', { has: page.getByLabel('MeterValueSampleInterval', { exact: true }) });
  await interval.waitFor({ timeout: EVENT_MS });
  assert.equal(await page.getByLabel('MeterValueSampleInterval', { exact: true }).inputValue(), '60');
  await page.getByLabel('MeterValueSampleInterval', { exact: true }).fill('1');
  await interval.getByRole('button', { name: 'Set' }).click();
  await page.getByText('MeterValueSampleInterval: Accepted').waitFor({ timeout: EVENT_MS });
  const keys = await command('GetConfiguration', { key: ['MeterValueSampleInterval'] });
  assert.equal(keys.configurationKey[0].value, '1');
});

real_test('the page loads every charger with one request, configuration included', async () => {
  const requests = [];
  page = await new_page(browser, PHONE);
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/api/chargers')) requests.push(`${r.method()} ${new URL(r.url()).pathname}`); });
  await page.goto(`${base}/#/solar`);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('nav a[data-route=solar][aria-current=page]').waitFor();
  assert.deepEqual(requests, ['GET /api/chargers']);
  // The Solar page reads the charge point's keys from that list: none is "not supported".
  await page.getByLabel('Home supply limit (A, 0 = none)').waitFor();
  assert.equal(await page.getByText('not supported by this charger').count(), 0);
});

real_test('plugging in the simulated car: the Now page says charging, with live values', async () => {
  await logged_in('now');
  await page.locator('#now-state', { hasText: 'No car plugged in' }).waitFor({ timeout: EVENT_MS });
  await sim.plugIn();
  await page.locator('#now-state', { hasText: /^Charging at \d+(\.\d+)? kW$/ }).waitFor({ timeout: EVENT_MS });
  const status = await sim.status();
  assert.equal(status.state, 'charging');
  // The page's numbers are the charge point's: power within a sample of the simulator's.
  const live = await text('#now-live');
  const kw = Number(/Power([\d.]+) kW/.exec(live)[1]);
  assert.ok(Math.abs(kw * 1000 - status.power_w) < 500, `page ${kw} kW, simulator ${status.power_w} W`);
  assert.match(live, /Voltage2\d\d V/);
  assert.match(live, /Offered32 A/);
  assert.match(await text('#now-age'), /^Live — updated \d+ s ago$/);
  assert.match(await text('#now-why'), /^Offering up to 32 A — set by /);
  // Live: the session's energy grows on the page without a reload (1 s samples, shown to 10 Wh).
  const energy = async () => /Energy([\d.]+) kWh/.exec(await text('#now-session'))?.[1];
  await page.waitForFunction(() => /Energy[\d.]+ kWh/.test(document.querySelector('#now-session').textContent));
  const first = await energy();
  await page.waitForFunction((was) => {
    const m = /Energy([\d.]+) kWh/.exec(document.querySelector('#now-session').textContent);
    return m && m[1] !== was;
  }, first, { timeout: 30_000 });
  assert.ok(Number(await energy()) > Number(first));
  // The session's start comes with the charger (transactionStartedAt): duration and start are shown.
  const session = await text('#now-session');
  assert.match(session, /Duration\d+ min/);
  assert.doesNotMatch(session, /Started—/);
  await screenshot(page, 'real-phone-now-charging', { full_page: false });
});

real_test('pause: the page says paused and the charge point offers 0 A; resume charges again', async () => {
  await logged_in('control');
  await page.locator('#control-state', { hasText: /^Charging at/ }).waitFor({ timeout: EVENT_MS });
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByText('Charger answered: Accepted').waitFor({ timeout: EVENT_MS });
  await sim.waitStatus((s) => s.offered_a === 0, { timeoutMs: 5000, what: 'the box to offer 0 A within 5 s' });
  await page.locator('#control-state', { hasText: 'Paused by you' }).waitFor({ timeout: EVENT_MS });
  assert.equal(await text('#control-why'), 'Offering 0 A (paused) because of your choice for this charging session.');
  await screenshot(page, 'real-phone-control-paused', { full_page: false });

  await page.getByRole('button', { name: 'Resume' }).click();
  await sim.waitStatus((s) => s.offered_a === 32 && s.state === 'charging', { timeoutMs: 5000, what: 'the box to offer 32 A again' });
  await page.locator('#control-state', { hasText: /^Charging at/ }).waitFor({ timeout: EVENT_MS });
});

// "HH:MM" of `ms` in `zone`, rounded down to 10 minutes.
function clock(ms, zone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(ms).map((p) => [p.type, p.value]));
  return `${parts.hour}:${String(Math.floor(Number(parts.minute) / 10) * 10).padStart(2, '0')}`;
}

real_test('a schedule window saved on the Schedules page changes the charge point\'s composite schedule', async () => {
  const before_periods = await composite();
  assert.equal(before_periods[0].limit, 32, JSON.stringify(before_periods));

  await logged_in('schedules');
  await page.locator('#timeline').waitFor();
  const zone = await text('#zone');
  // A window from an hour ago to two hours from now, every day, at 10 A; nothing outside it.
  await page.getByRole('button', { name: 'Add window' }).click();
  const w = page.locator('.window[data-index="0"]');
  await w.getByLabel('From').fill(clock(Date.now() - 3600e3, zone));
  await w.getByLabel('To').fill(clock(Date.now() + 2 * 3600e3, zone));
  await w.getByLabel('Current (A)').fill('10');
  await page.locator('#next-charge', { hasText: /^Charging window on now until .* at 10 A\.$/ }).waitFor();
  await page.getByRole('button', { name: 'Save schedule' }).click();
  await page.getByText(/^Saved and sent to the charger\. Charging window on now until /).waitFor({ timeout: EVENT_MS });
  await page.evaluate(() => window.scrollTo(0, 0)); // the week at a glance, not the Save button
  await screenshot(page, 'real-phone-schedules-saved', { full_page: false });

  const after_periods = await waitFor(async () => {
    const periods = await composite();
    return periods[0].limit === 10 ? periods : null;
  }, { timeoutMs: EVENT_MS, what: 'the composite schedule to start at 10 A' });
  assert.notDeepEqual(after_periods, before_periods);
  await sim.waitStatus((s) => s.offered_a === 10, { timeoutMs: EVENT_MS, what: 'the box to offer 10 A' });
  // What the page says now comes from the charge point's own report (OfferedLimit, source TxDefault).
  await page.getByRole('link', { name: 'Now' }).click();
  await page.locator('#now-why', { hasText: 'Offering up to 10 A — set by your charging schedule.' }).waitFor({ timeout: EVENT_MS });
});

real_test('CT calibration: the site clamp\'s real readings, a preview before saving, Save changes the charge point\'s key', async () => {
  // A reading a second instead of every 10 s, and a house load the clamp sees on top of the car.
  assert.equal((await command('ChangeConfiguration', { key: 'EO_CtReportIntervalS', value: '1' })).status, 'Accepted');
  await sim.run('house-load 2300');
  await logged_in('calibrate');
  await page.locator('#ct-preview', { hasText: 'Latest:' }).waitFor({ timeout: EVENT_MS });
  // The page's points come from csms-lite's series and the live CtReadings: they follow the box.
  const site_a = (await sim.status()).ct.site_a;
  assert.ok(site_a > 5, `the simulated site clamp reads the house and the car: ${site_a} A`);
  await page.waitForFunction(() => document.querySelectorAll('path[data-series=reported]').length === 1 &&
    document.querySelector('path[data-series=reported]').getAttribute('d').length > 10);
  const before_preview = Number(await page.locator('#ct-preview').getAttribute('data-preview'));
  assert.ok(Math.abs(before_preview - site_a) < 2, `preview ${before_preview} A ≈ the clamp's ${site_a} A`);

  await page.locator('#ct-scale').evaluate((el) => { el.value = '1.1'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.locator('#ct-scale-out', { hasText: '× 1.100' }).waitFor();
  const after_preview = Number(await page.locator('#ct-preview').getAttribute('data-preview'));
  assert.ok(after_preview > before_preview, `${after_preview} > ${before_preview}: the preview moves before saving`);
  const [before_key] = (await command('GetConfiguration', { key: ['EO_CtSiteScale'] })).configurationKey;
  assert.equal(Number(before_key.value), 1, 'nothing is sent before Save');
  await screenshot(page, 'real-phone-calibrate-preview', { full_page: false });

  await page.getByRole('button', { name: 'Save calibration' }).click();
  await page.getByText('Charger answered: scale Accepted, offset Accepted').waitFor({ timeout: EVENT_MS });
  const [after_key] = (await command('GetConfiguration', { key: ['EO_CtSiteScale'] })).configurationKey;
  assert.equal(Number(after_key.value), 1.1);
  // Back as it was for the tests after this one.
  assert.equal((await command('ChangeConfiguration', { key: 'EO_CtSiteScale', value: '1.000' })).status, 'Accepted');
  assert.equal((await command('ChangeConfiguration', { key: 'EO_CtReportIntervalS', value: '10' })).status, 'Accepted');
});

real_test('the message log on the Chargers page shows what really went over the WebSocket', async () => {
  await logged_in('chargers');
  await page.getByText('Show the OCPP messages (for power users)').click();
  await page.locator('#message-log-items > li').first().waitFor();
  const shown = await page.locator('#message-log-items > li').evaluateAll((items) => items.map((li) => ({
    direction: li.dataset.direction, type: li.dataset.type, action: li.dataset.action })));
  // Newest first, as csms-lite's API lists it; the UI's own commands and their answers are in it.
  const log = (await api.get(`/api/chargers/${CP}/log`)).json;
  assert.equal(log.capacity, 200);
  assert.ok(shown.length >= 20 && shown.length <= 200, `${shown.length} items`);
  const times = log.items.map((i) => Date.parse(i.at));
  assert.deepEqual([...times].sort((a, b) => b - a), times, 'newest first');
  const has = (direction, type, action) => shown.some((m) => m.direction === direction && m.type === type && m.action === action);
  assert.ok(has('out', 'CALL', 'SetChargingProfile'), 'the pause went out');
  assert.ok(has('in', 'CALLRESULT', 'SetChargingProfile'), 'and was answered');
  assert.ok(has('in', 'CALL', 'MeterValues'), 'meter values came in');
  assert.ok(has('out', 'CALLRESULT', 'MeterValues'), 'and were answered');
  // The newest MeterValues from the charge point, opened: the frame as it came, pretty-printed.
  const meter = page.locator('#message-log-items > li[data-direction=in][data-type=CALL][data-action=MeterValues]').first();
  await meter.locator('summary').click();
  const frame = JSON.parse(await meter.locator('pre').textContent());
  assert.deepEqual([frame[0], frame[2], frame[3].connectorId], [2, 'MeterValues', 1]);
  assert.ok(log.items.some((i) => i.type === 'CALL' && i.messageId === frame[1] && JSON.parse(i.frame)[3].connectorId === 1));
  // The log's top as a phone shows it (the whole page is long: the configuration and 200 messages).
  await page.locator('#message-log > summary').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'real-phone-chargers-log', { full_page: false });
});

real_test('stop from the Control page; the Sessions CSV has the session as csms-lite stored it', async () => {
  await logged_in('control');
  await page.getByRole('button', { name: 'Stop session' }).click(); // the confirm() is accepted
  await page.getByText('Charger answered: Accepted').waitFor({ timeout: EVENT_MS });
  await page.locator('#control-state', { hasText: 'Charging finished — unplug when ready' }).waitFor({ timeout: EVENT_MS });
  const tx = await waitFor(async () => (await transactions()).find((t) => t.stoppedAt), { timeoutMs: EVENT_MS, what: 'the stopped transaction' });
  assert.equal(tx.stopReason, 'Remote');
  assert.equal(tx.idTag, 'EO-PLUG');

  await page.getByRole('link', { name: 'Sessions' }).click();
  await page.locator('#sessions tbody tr', { hasText: 'Stopped here' }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#csv').click()]);
  const lines = fs.readFileSync(await download.path(), 'utf8').split('\r\n');
  assert.equal(lines.at(-1), '', 'CRLF after every row (RFC 4180)');
  assert.equal(lines[0], 'session_id,charge_point,connector,id_tag,start_local,stop_local,duration_s,energy_kwh,cost,currency,stop_reason');
  const rows = lines.slice(1, -1).map((l) => l.split(','));
  assert.equal(rows.length, 1, lines.join('\n'));
  const [id, cp, connector, tag, start, stop, duration_s, kwh, cost, currency, reason] = rows[0];
  // GET /api/transactions costs a session as the CSV does (here: no tariff saved, so none).
  assert.deepEqual([tx.cost ?? '', tx.currency ?? ''], [cost, currency]);
  assert.deepEqual([id, cp, connector, tag, reason], [String(tx.id), CP, '1', 'EO-PLUG', 'Remote']);
  const seconds = (iso) => Math.floor(Date.parse(iso) / 1000);
  assert.equal(seconds(start), seconds(tx.startedAt));
  assert.equal(seconds(stop), seconds(tx.stoppedAt));
  assert.ok(Math.abs(Number(duration_s) - (Date.parse(tx.stoppedAt) - Date.parse(tx.startedAt)) / 1000) <= 1, `${duration_s} s`);
  assert.equal(kwh, (Math.round(tx.energyWh) / 1000).toFixed(3));
  assert.ok(tx.energyWh > 0, `${tx.energyWh} Wh charged`);
});

// Once the car is plugged in again: every page with real data, at phone and desktop width.
const READY = {
  now: '#now-live dt', control: '#control-state', schedules: '#timeline', solar: '#flow', sessions: '#sessions tbody tr',
  stats: '#range-from', calibrate: '#ct-scale', chargers: '#config-table li', settings: '#tokens li',
};
real_test('screenshots of every page with real data (phone and desktop)', async () => {
  await sim.unplug();
  await sim.waitStatus((s) => !s.plugged, { what: 'the car unplugged' });
  await sim.plugIn();
  for (const [name, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    await logged_in('now', viewport);
    await page.locator('#now-state', { hasText: /^Charging at/ }).waitFor({ timeout: EVENT_MS });
    for (const [route, selector] of Object.entries(READY)) {
      await page.goto(`${base}/#/${route}`);
      await page.locator(selector).first().waitFor({ state: 'attached' });
      if (route === 'chargers') {
        await page.getByText('Show the OCPP messages (for power users)').click();
        await page.locator('#message-log-items > li').first().waitFor();
      }
      await screenshot(page, `real-${name}-${route}`);
    }
    const errors = page.errors;
    await page.context().close();
    page = null;
    assert.deepEqual(errors, [], `the ${name} pages logged errors`);
  }
});
