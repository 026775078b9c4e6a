// CT clamp readings end to end (issues #6, #7): the real eo-chargepoint with its EO driver on the pty of
// eo-board-sim, whose CT device is told what the site clamp reads (`ct site 23.5`), connected to
// csms-lite. The charge point's CtReadings DataTransfer shows in csms-lite's API (the charger's `ct`
// list, the series, the metrics), and a new EO_CtSiteScale sent through csms-lite's command API
// changes the calibrated value the charge point reports while the raw one stays.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { Harness, binaryPath, webRoot } from './lib/processes.mjs';
import { CsmsApi, waitForCsmsHttp } from './lib/csms_api.mjs';
import { HOST, freePort } from './lib/net.mjs';
import { waitFor, withTimeout } from './lib/wait.mjs';

const harness = new Harness();
const boards = [];
after(async () => {
  for (const board of boards) board.stop();
  await harness.stopAll();
});

// eo-board-sim on a pty: its first line is the pty's path; then one reply line per command line.
class BoardSim {
  constructor() {
    this.child = spawn(binaryPath('EO_BOARD_SIM_BIN'), [], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.lines = createInterface({ input: this.child.stdout });
    this.waiting = [];
    this.first = new Promise((resolve) => {
      this.lines.once('line', (line) => {
        resolve(line.trim());
        this.lines.on('line', (reply) => this.waiting.shift()?.(reply.trim()));
      });
    });
  }
  ptyPath() { return withTimeout(this.first, 5000, 'eo-board-sim to print its pty'); }
  command(line) {
    return withTimeout(new Promise((resolve) => {
      this.waiting.push(resolve);
      this.child.stdin.write(`${line}\n`);
    }), 5000, `eo-board-sim to answer "${line}"`);
  }
  stop() {
    if (this.child.exitCode === null) this.child.stdin.end('quit\n');
  }
}

const near = (a, b) => typeof a === 'number' && Math.abs(a - b) < 0.011;

describe('CT readings from the EO driver to csms-lite', () => {
  test('the site CT shows in the API, the series and the metrics; a new scale changes it', harness.wrap(async (t) => {
    const board = new BoardSim();
    boards.push(board);
    const pty = await board.ptyPath();
    assert.equal(await board.command('ct site 23.5'), 'CT site 23.5 A');

    const port = await freePort();
    const csms = harness.startCsmsLite('csms-lite', { 'http.port': port, 'http.web_root': webRoot() });
    const api = new CsmsApi(port);
    await waitForCsmsHttp(api, csms);
    await api.login(harness.csmsLiteState('csms-lite')['storage.database']);
    harness.startChargePoint('eo-chargepoint', {
      'ocpp.central_system_url': `ws://${HOST}:${port}/ocpp`,
      'ocpp.charge_point_id': 'CP1',
      'hardware.driver': 'tty',
      'hardware.tty': pty,
      'hardware.poll_interval_ms': 200,
      'hardware.ct_channels': 'site',
    });

    const command = async (action, payload) => {
      const response = await api.post(`/api/chargers/CP1/commands/${action}`, payload, { timeoutMs: 10000 });
      assert.equal(response.status, 200, `${action}: ${response.status} ${response.body}`);
      return response.json.result;
    };
    await waitFor(async () => (await api.get('/api/chargers/CP1')).json?.connected === true,
                  { timeoutMs: 15000, intervalMs: 100, what: 'CP1 connected to csms-lite' });
    // Every second instead of the default 10 s, so the test is short.
    assert.deepEqual(await command('ChangeConfiguration', { key: 'EO_CtReportIntervalS', value: '1' }), { status: 'Accepted' });

    const siteReading = async (check, what) => waitFor(async () => {
      const charger = (await api.get('/api/chargers/CP1')).json;
      const site = charger?.ct?.find((r) => r.channel === 'site');
      return site && check(site) ? site : null;
    }, { timeoutMs: 15000, intervalMs: 100, what });

    const first = await siteReading((r) => near(r.currentA, 23.5), 'the site CT at 23.5 A in csms-lite');
    t.diagnostic(`csms-lite shows ${JSON.stringify(first)}`);
    assert.ok(near(first.rawA, 23.5), `raw ${first.rawA}: scale 1, offset 0`);
    assert.ok(Date.parse(first.at) > Date.now() - 60_000, `a fresh reading: ${first.at}`);

    const series = await waitFor(async () => {
      const now = Date.now();
      const from = new Date(now - 5 * 60_000).toISOString();
      const to = new Date(now + 60_000).toISOString();
      const body = (await api.get(`/api/chargers/CP1/series?from=${from}&to=${to}&step=10`)).json;
      const points = (body?.points ?? []).filter((p) => p.ctSiteA !== undefined);
      return points.length >= 2 ? points : null;
    }, { timeoutMs: 15000, intervalMs: 200, what: 'two 10 s points of the site CT series' });
    for (const point of series) {
      assert.ok(near(point.ctSiteA, 23.5) && near(point.ctSiteRawA, 23.5), JSON.stringify(point));
      assert.equal(point.ctSolarA, undefined, 'no solar clamp, no solar series');
    }

    const metrics = await api.get('/metrics');
    assert.equal(metrics.status, 200);
    assert.match(metrics.body, /csms_ct_current_amperes\{charge_point="CP1",channel="site"\} 23\.5/);
    assert.match(metrics.body, /csms_ct_raw_current_amperes\{charge_point="CP1",channel="site"\} 23\.5/);

    // Calibration through csms-lite: the driver applies it from the next sample on.
    assert.deepEqual(await command('ChangeConfiguration', { key: 'EO_CtSiteScale', value: '1.2' }), { status: 'Accepted' });
    const scaled = await siteReading((r) => near(r.currentA, 28.2), 'the site CT at 23.5 A × 1.2');
    assert.ok(near(scaled.rawA, 23.5), `raw ${scaled.rawA} is unchanged by the calibration`);
    // Out of range: refused by the charge point, the reading stays.
    assert.deepEqual(await command('ChangeConfiguration', { key: 'EO_CtSiteScale', value: '2.5' }), { status: 'Rejected' });

    // The board's clamp follows the house: the next report carries the new current.
    assert.equal(await board.command('ct site 10'), 'CT site 10 A');
    await siteReading((r) => near(r.currentA, 12) && near(r.rawA, 10), 'the site CT at 10 A × 1.2');
  }));
});
