// End-to-end: the real web/ UI in headless Debian Chromium against the mock csms-lite. Every wait is
// for a DOM or mock condition, never a fixed delay.
import { test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createMockServer } from './mock_server.mjs';
import { launch, new_page, screenshot, PHONE, DESKTOP } from './lib/browser.mjs';
import { week_minute, from_min } from '../../web/js/schedule.js';
import { fmt_a } from '../../web/js/format.js';

const PASSWORD = 'driveway-2026';
let mock; let browser; let page;
const log_lines = [];

before(async () => {
  mock = await createMockServer({ log: (line) => log_lines.push(line) });
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
  if (mock) await mock.close();
});
beforeEach(() => { const cp = mock.cp(); if (cp) { cp.tick(0, mock.env); mock.publish(cp); } });
afterEach(async () => {
  if (page) {
    const errors = page.errors;
    await page.context().close();
    page = null;
    assert.deepEqual(errors, [], 'the page logged errors');
  }
});

// Polls a mock-side condition (the browser's request reaching the server) without sleeping blindly.
async function until(fn, what, timeout_ms = 5000) {
  const end = Date.now() + timeout_ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function logged_in(route = 'now', viewport = PHONE) {
  page = await new_page(browser, viewport);
  await page.goto(`${mock.url}/#/${route}`);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator(`nav a[data-route=${route}][aria-current=page]`).waitFor();
  return page;
}
const text = (selector) => page.locator(selector).textContent();
const publish = () => mock.publish(mock.cp());

test('first-run setup with the code from the log, then log out and in again', async () => {
  page = await new_page(browser, PHONE);
  await page.goto(`${mock.url}/`);
  await page.getByRole('heading', { name: 'Welcome — choose a password' }).waitFor();
  await screenshot(page, 'phone-setup');
  await page.getByLabel('Setup code').fill('WRONG');
  await page.getByLabel('New password').fill(PASSWORD);
  await page.getByLabel('Repeat the password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Set password' }).click();
  await page.getByText('Setup code not accepted').waitFor();

  const code = log_lines.join('\n').match(/setup\?code=([0-9A-F]+)/)[1];
  await page.getByLabel('Setup code').fill(code);
  await page.getByRole('button', { name: 'Set password' }).click();
  await page.locator('#now-state').waitFor();
  assert.equal(mock.state.password, PASSWORD);

  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Log in to your charger' }).waitFor();
  await screenshot(page, 'phone-login');
  await page.locator('input[name=password]').fill('not-it');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByText('Wrong password.').waitFor();
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('#now-state').waitFor();
});

test('too many wrong passwords: the wait from Retry-After is shown', async () => {
  const other = await createMockServer();
  try {
    other.state.password = 'something-else';
    page = await new_page(browser, PHONE);
    await page.goto(`${other.url}/`);
    for (let i = 0; i < 6; i++) {
      await page.locator('input[name=password]').fill(`guess-${i}`);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.locator('.msg[data-tone=bad]').waitFor();
      if (/Too many attempts/.test(await text('.msg'))) break;
    }
    assert.match(await text('.msg'), /^Too many attempts, try again in (30|29) s\.$/);
  } finally { await other.close(); }
});

test('plugging in shows charging through the event stream', async () => {
  await logged_in('now');
  assert.equal(await text('#now-state'), 'No car plugged in');
  const cp = mock.cp();
  cp.plug();
  cp.tick(60, mock.env);
  publish();
  await page.locator('#now-state', { hasText: 'Charging at 7.6 kW' }).waitFor();
  assert.equal(await text('#now-why'), 'Offering up to 32 A — set by your charging schedule.');
  assert.match(await text('#now-live'), /Power7\.6 kW/);
  assert.match(await text('#now-session'), /Energy0\.13 kWh/);
  // The server's sessionCost of the running transaction, in the tariff's currency.
  const so_far = (Math.round(cp.tx.cost * 100) / 100).toFixed(2);
  assert.ok(so_far !== '0.00', `a cost so far (${cp.tx.cost})`);
  assert.ok((await text('#now-session')).includes(`Cost so far£${so_far}`), await text('#now-session'));
  assert.match(await text('#state'), /Charging at 7\.6 kW/);
});

test('pause, resume and the current slider send the right OCPP payloads', async () => {
  await logged_in('control');
  const tx = mock.cp().tx;
  assert.ok(tx, 'a session runs from the previous test');
  await page.getByRole('button', { name: 'Pause' }).click();
  const pause = await until(() => mock.commands('SetChargingProfile').at(-1), 'SetChargingProfile');
  assert.deepEqual(pause.payload, { connectorId: 1, csChargingProfiles: { chargingProfileId: 900, transactionId: tx.id, stackLevel: 5,
    chargingProfilePurpose: 'TxProfile', chargingProfileKind: 'Relative', chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 0 }] } } });
  await page.locator('#control-state', { hasText: 'Paused by you' }).waitFor({ timeout: 1000 });
  await page.getByText('Charger answered: Accepted').waitFor();

  await page.getByRole('button', { name: 'Resume' }).click();
  const resume = await until(() => mock.commands('ClearChargingProfile').at(-1), 'ClearChargingProfile');
  assert.deepEqual(resume.payload, { id: 900 });
  await page.locator('#control-state', { hasText: 'Charging at 7.6 kW' }).waitFor({ timeout: 1000 });

  const slider = page.getByLabel('Current for this session');
  await slider.focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowLeft'); // 16 → 10 A, one change event each
  await until(() => mock.commands('SetChargingProfile').some((c) => c.payload.csChargingProfiles.chargingSchedule.chargingSchedulePeriod[0].limit === 10), 'the 10 A profile');
  await page.locator('#control-why', { hasText: 'Offering up to 10 A — set by your choice for this charging session.' }).waitFor({ timeout: 1000 });
  assert.equal(await text('#current-out'), '10 A');

  // A charger that does not answer: the hub's 504 message is shown, nothing pretends it worked.
  mock.state.fail_next = { status: 504, message: 'The charger did not answer within 30 s' };
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.locator('.msg[data-tone=bad]', { hasText: 'The charger did not answer within 30 s' }).waitFor();
  assert.match(await text('#control-why'), /Offering up to 10 A/);
});

test('a weekly schedule is saved, overlaps are shown and the next charge is named', async () => {
  await logged_in('schedules');
  await page.getByRole('button', { name: 'Add window' }).click();
  const first = page.locator('.window[data-index="0"]');
  await first.getByLabel('To').fill('06:00');
  await first.getByLabel('Current (A)').fill('16');
  await page.getByRole('button', { name: 'Add window' }).click();
  const second = page.locator('.window[data-index="1"]');
  for (const day of ['Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']) await second.getByLabel(day).uncheck();
  await second.getByLabel('From').fill('05:00');
  await second.getByLabel('To').fill('07:00');
  await page.locator('.window[data-overlap]').first().waitFor();
  assert.equal(await page.locator('#timeline rect.overlap').count(), 1);
  assert.match(await text('#next-charge'), /1 overlap\(s\) in red/);

  await page.getByRole('button', { name: 'Save schedule' }).click();
  await page.getByText(/^Saved and sent to the charger\. (Next charge|Charging window on now until)/).waitFor();
  assert.deepEqual(mock.state.schedule.windows, [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:30', end: '06:00', current_a: 16 },
    { days: ['mon'], start: '05:00', end: '07:00', current_a: 32 },
  ]);
  await screenshot(page, 'phone-schedules-edited');
  // Invalid input blocks saving and says why.
  await second.getByLabel('Current (A)').fill('3');
  await page.getByText('Window 2: Current must be 0 or 6–32 A').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Save schedule' }).isDisabled(), true);
});

// The CT calibration page on csms-lite's shapes: the last 15 minutes from the series endpoint (CT
// fields with their raw readings), live points from `charger` events (the `ct` list of the
// charge point's CtReadings), a preview from the raw readings, and nothing sent before Save.
test('CT calibration previews before saving, then saves with ChangeConfiguration', async () => {
  mock.cp().backfill(900, 10, mock.env);
  await logged_in('calibrate');
  await page.locator('#ct-preview', { hasText: 'Latest:' }).waitFor();
  // A live reading arrives over the event stream and becomes the latest point.
  const cp = mock.cp();
  const house_a = cp.house_a;
  cp.house_a = house_a + 7.3;
  cp.tick(0, mock.env);
  publish();
  const live_a = cp.json(mock.env).readings.ct.site_a;
  cp.house_a = house_a;
  await page.locator('#ct-preview', { hasText: `Latest: ${fmt_a(live_a)} reported` }).waitFor();
  const before_preview = Number(await page.locator('#ct-preview').getAttribute('data-preview'));
  const reported_d = await page.locator('path[data-series=reported]').getAttribute('d');
  assert.ok(reported_d.length > 100, 'a quarter of an hour of readings is drawn');
  assert.equal(await page.locator('path[data-series=preview]').getAttribute('d'), reported_d);

  const sent_before = mock.commands('ChangeConfiguration').length;
  await page.locator('#ct-scale').evaluate((el) => { el.value = '1.1'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.locator('#ct-scale-out', { hasText: '× 1.100' }).waitFor();
  const after_preview = Number(await page.locator('#ct-preview').getAttribute('data-preview'));
  assert.ok(Math.abs(after_preview - before_preview * 1.1) < 0.02, `${after_preview} ≈ 1.1 × ${before_preview}`);
  assert.notEqual(await page.locator('path[data-series=preview]').getAttribute('d'), reported_d);
  assert.equal(mock.commands('ChangeConfiguration').length, sent_before, 'nothing is sent before Save');
  await screenshot(page, 'phone-calibrate-preview');

  await page.getByRole('button', { name: 'Save calibration' }).click();
  await page.getByText('Charger answered: scale Accepted, offset Accepted').waitFor();
  assert.deepEqual(mock.commands('ChangeConfiguration').slice(-2).map((c) => c.payload),
    [{ key: 'EO_CtSiteScale', value: '1.100' }, { key: 'EO_CtSiteOffsetA', value: '0.0' }]);
  assert.equal(mock.cp().cfg('EO_CtSiteScale'), '1.100');
  mock.cp().config.EO_CtSiteScale.value = '1.000'; // later tests read the site CT as the house load
});

test('the sessions CSV downloads with every session in range', async () => {
  await logged_in('sessions');
  await page.locator('#sessions tbody tr').nth(19).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#csv').click()]);
  const csv = fs.readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
  // csms-lite's columns (csms-lite/domain/include/csms_domain/csv_export.hpp).
  assert.equal(csv[0], 'session_id,charge_point,connector,id_tag,start_local,stop_local,duration_s,energy_kwh,cost,currency,stop_reason');
  const from = Date.now() - 190 * 86_400_000;
  const expected = mock.state.transactions.filter((t) => Date.parse(t.start) >= from);
  assert.equal(csv.length - 1, expected.length);
  const last = expected.at(-1);
  const row = csv.find((line) => line.startsWith(`${last.id},${last.charger},1,${last.id_tag},`));
  assert.ok(row, `a row for session ${last.id}`);
  const cells = row.split(',');
  assert.match(cells[4], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
  assert.equal(Date.parse(cells[4]), Date.parse(last.start));
  assert.equal(Number(cells[6]), Math.round((Date.parse(last.stop) - Date.parse(last.start)) / 1000));
  assert.deepEqual(cells.slice(7), [(last.energy_wh / 1000).toFixed(3), last.cost.toFixed(2), last.currency, last.stop_reason]);
  assert.equal(await page.locator('#session-charts figure').count(), 4);
  // The table and the totals show the list's cost (the same as the CSV's), not £0.00.
  const newest = [...expected].sort((a, b) => Date.parse(b.start) - Date.parse(a.start))[0];
  const first_row = await page.locator('#sessions tbody tr').first().locator('td').allTextContents();
  assert.ok(first_row.includes(`£${newest.cost.toFixed(2)}`), `${first_row} shows £${newest.cost.toFixed(2)}`);
  const [, kwh, money] = (await text('#session-totals')).match(/Last 4 weeks: ([\d.]+) kWh, £([\d,.]+)\./);
  assert.ok(Number(kwh) > 0 && Number(money.replace(',', '')) > 0, `${kwh} kWh cost £${money}`);
});

test('an offline or silent charge point is greyed out, never shown as live', async () => {
  await logged_in('now');
  await page.locator('#now-age', { hasText: 'Live — updated' }).waitFor();
  const cp = mock.cp();
  cp.connected = false;
  publish();
  await page.locator('#now-state', { hasText: 'Charger offline — the hub cannot reach it' }).waitFor();
  await page.locator('#now-live.stale-values').waitFor();
  assert.match(await text('#now-age'), /^Not live — last reading .* These values are old\.$/);
  assert.equal(await page.locator('body.stale').count(), 1);
  await screenshot(page, 'phone-now-offline');

  cp.connected = true;
  cp.readings_age_ms = 10 * 60_000; // connected, but the board stopped reporting
  publish();
  await page.locator('#now-state', { hasText: 'readings stopped' }).waitFor();
  await page.locator('#now-live.stale-values').waitFor();

  cp.readings_age_ms = 0;
  cp.tick(0, mock.env);
  publish();
  await page.locator('#now-live:not(.stale-values)').waitFor();
  await page.locator('#now-age', { hasText: 'Live — updated' }).waitFor();

  // The hub itself goes away: the event stream fails, everything greys out, and comes back by itself.
  mock.events_down(true);
  await page.locator('#banner', { hasText: 'No live connection to the hub' }).waitFor();
  await page.locator('#now-live.stale-values').waitFor();
  assert.match(await text('#now-state'), /Lost contact with the hub/);
  await screenshot(page, 'phone-now-hub-lost');
  mock.events_down(false);
  await page.locator('#banner').waitFor({ state: 'hidden', timeout: 15_000 });
  await page.locator('#now-live:not(.stale-values)').waitFor();
});

test('why it is not charging, in words: the schedule, then the house supply', async () => {
  const cp = mock.cp();
  const saved = { schedule: mock.state.schedule, tx_profile: cp.tx_profile, house_a: cp.house_a, solar_a: cp.solar_a };
  try {
    cp.tx_profile = null;
    const start = from_min(Math.floor(week_minute(Date.now() + 2 * 3600e3, 'Europe/London') / 10) * 10); // two hours from now
    mock.state.schedule = { zone: 'Europe/London', windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start, end: from_min(Number(start.slice(0, 2)) * 60 + Number(start.slice(3)) + 60), current_a: 32 }], otherwise_a: 0 };
    await logged_in('now');
    await page.locator('#now-state', { hasText: `Car connected — waiting for the ${start} schedule` }).waitFor();
    assert.equal(await text('#now-why'), 'Offering 0 A (paused) because of your charging schedule.');

    mock.state.schedule = { ...mock.state.schedule, otherwise_a: 32 };
    cp.house_a = 55; cp.solar_a = 0;
    cp.tick(0, mock.env);
    publish();
    await page.locator('#now-state', { hasText: 'Paused: house is using 55 A of your 60 A supply' }).waitFor();
    await screenshot(page, 'phone-now-site-limit');
  } finally {
    Object.assign(cp, { tx_profile: saved.tx_profile, house_a: saved.house_a, solar_a: saved.solar_a });
    mock.state.schedule = saved.schedule;
  }
});

test('a new charge point can be accepted', async () => {
  await logged_in('chargers');
  const cp = mock.add_charger('GARAGE-2', { pending: true });
  mock.publish(cp);
  await page.getByRole('button', { name: 'Accept GARAGE-2' }).click();
  await page.getByText('GARAGE-2 accepted.').waitFor();
  assert.equal(mock.cp('GARAGE-2').pending, false);
  await page.locator('tr[data-charger=GARAGE-2]', { hasText: 'online' }).waitFor();
  await page.locator('#charger-select').waitFor();
  mock.state.chargers.delete('GARAGE-2');
});

test('the message log opens on demand, newest first, and Refresh shows new frames', async () => {
  await logged_in('chargers');
  await page.getByRole('button', { name: 'Ask for status' }).click();
  await page.getByText('TriggerMessage: Accepted').waitFor();
  const box = page.locator('#message-log');
  assert.equal(await box.evaluate((el) => el.open), false, 'closed until a power user opens it');
  await page.getByText('Show the OCPP messages (for power users)').click();
  const items = page.locator('#message-log-items > li');
  await items.first().waitFor();
  const attrs = (i) => items.nth(i).evaluate((li) => [li.dataset.direction, li.dataset.type, li.dataset.action]);
  assert.deepEqual(await attrs(0), ['in', 'CALLRESULT', 'TriggerMessage']);
  assert.deepEqual(await attrs(1), ['out', 'CALL', 'TriggerMessage']);
  assert.match(await items.first().locator('summary').textContent(), /^\d\d:\d\d:\d\d\.\d{3} ← from charger: TriggerMessage answer$/);
  assert.match(await items.nth(1).locator('summary').textContent(), /^\d\d:\d\d:\d\d\.\d{3} → to charger: TriggerMessage$/);
  await items.nth(1).locator('summary').click();
  assert.deepEqual(JSON.parse(await items.nth(1).locator('pre').textContent()).slice(2), ['TriggerMessage', { requestedMessage: 'StatusNotification', connectorId: 1 }]);
  assert.match(await text('#message-log-note'), /^Up to the last 200 messages between the hub and EO-MINI-PRO-2-1234, newest first\./);

  await page.getByRole('button', { name: 'Enable' }).click();
  await page.getByText('ChangeAvailability: Accepted').waitFor();
  assert.deepEqual(await attrs(0), ['in', 'CALLRESULT', 'TriggerMessage'], 'not live: read on demand');
  await page.getByRole('button', { name: 'Refresh message log' }).click();
  await page.locator('#message-log-items > li[data-action=ChangeAvailability]').first().waitFor();
  assert.deepEqual(await attrs(0), ['in', 'CALLRESULT', 'ChangeAvailability']);
  assert.deepEqual(await attrs(2), ['in', 'CALLRESULT', 'TriggerMessage']);
});

test('settings: API token shown once, tariffs saved, password changed (every write carries the CSRF token)', async () => {
  await logged_in('settings');
  await page.getByLabel('Name').fill('Home Assistant');
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = await page.locator('#new-token .secret').textContent();
  assert.equal(secret, mock.state.tokens[0].secret);
  await page.getByRole('button', { name: 'Revoke Home Assistant' }).click();
  await page.getByText('Token revoked.').waitFor();
  assert.equal(mock.state.tokens.length, 0);

  const night = page.locator('.period').nth(1);
  await night.getByLabel('Price per kWh').fill('0.085');
  await page.getByRole('button', { name: 'Save tariffs' }).click();
  await page.getByText('Tariffs saved.').waitFor();
  assert.deepEqual(mock.state.tariffs.periods[1], { start: '00:30', end: '05:30', price_per_kwh: 0.085 });

  await page.getByLabel('Current password').fill('wrong-one');
  await page.getByLabel('New password').fill('a-longer-secret');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Current password is wrong').waitFor();
  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Password changed.').waitFor();
  assert.equal(mock.state.password, 'a-longer-secret');
  mock.state.password = PASSWORD;
  assert.match(await page.locator('code', { hasText: 'ws://' }).first().textContent(), /^ws:\/\/127\.0\.0\.1:9000\/ocpp\/EO-MINI-PRO-2-1234$/);
});

test('solar and home settings are written as ChangeConfiguration, only what changed', async () => {
  await logged_in('solar');
  await page.locator('#flow').waitFor();
  assert.match(await text('#flow'), /Solar1\.5 A/);
  const before = mock.commands('ChangeConfiguration').length;
  await page.getByLabel('Charge from solar surplus').check();
  await page.getByLabel('Keep for the house (A)').fill('2');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Charger answered — EO_SolarEnabled: Accepted, EO_SolarReserveA: Accepted').waitFor();
  assert.deepEqual(mock.commands('ChangeConfiguration').slice(before).map((c) => c.payload),
    [{ key: 'EO_SolarEnabled', value: 'true' }, { key: 'EO_SolarReserveA', value: '2' }]);
  await page.getByLabel('Home supply limit (A, 0 = none)').fill('2000');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Home supply limit (A, 0 = none): enter a whole number from 0 to 1000.').waitFor();
  mock.cp().config.EO_SolarEnabled.value = 'false';
});

test('statistics: the range picker and keyboard zoom ask for the narrower range', async () => {
  await logged_in('stats');
  await page.locator('path[data-series=power_w]').waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'Last 24h' }).click();
  const span = async () => (Date.parse(await page.locator('#range-to').inputValue()) - Date.parse(await page.locator('#range-from').inputValue())) / 3600e3;
  await page.waitForFunction(() => {
    const f = Date.parse(document.querySelector('#range-from').value); const t = Date.parse(document.querySelector('#range-to').value);
    return Math.round((t - f) / 3600e3) === 24;
  });
  await page.locator('figure.chart').first().focus();
  await page.keyboard.press('+');
  await page.waitForFunction(() => {
    const f = Date.parse(document.querySelector('#range-from').value); const t = Date.parse(document.querySelector('#range-to').value);
    return Math.round((t - f) / 3600e3) === 12;
  });
  assert.equal(Math.round(await span()), 12);
});

const READY = {
  now: '#now-live dt', control: '#control-state', schedules: '#timeline', solar: '#flow', sessions: '#sessions tbody tr',
  stats: 'path[data-series=power_w]', calibrate: '#ct-preview', chargers: '#config-table li', settings: '#tokens li',
};
for (const [name, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
  test(`screenshots of every page (${name})`, async () => {
    await logged_in('now', viewport);
    for (const [route, selector] of Object.entries(READY)) {
      await page.goto(`${mock.url}/#/${route}`);
      await page.locator(selector).first().waitFor({ state: 'attached' });
      await screenshot(page, `${name}-${route}`);
      // Every control has an accessible name (a label, aria-label or its text).
      const unnamed = await page.evaluate(() => [...document.querySelectorAll('input, select, button, textarea')]
        .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.textContent.trim())
        .map((el) => el.outerHTML.slice(0, 80)));
      assert.deepEqual(unnamed, [], `unlabelled controls on ${route}`);
    }
  });
}
