// Reading what a charge point reported to a central system: statuses, energy registers, MeterValues.
// Each check asserts with a message that says which message was wrong.
import assert from 'node:assert/strict';

export const ENERGY = 'Energy.Active.Import.Register';

// The 22 measurands of OCPP 1.6 (§7.31).
export const ALL_MEASURANDS = [
  'Current.Export', 'Current.Import', 'Current.Offered',
  'Energy.Active.Export.Register', 'Energy.Active.Import.Register',
  'Energy.Reactive.Export.Register', 'Energy.Reactive.Import.Register',
  'Energy.Active.Export.Interval', 'Energy.Active.Import.Interval',
  'Energy.Reactive.Export.Interval', 'Energy.Reactive.Import.Interval',
  'Frequency', 'Power.Active.Export', 'Power.Active.Import', 'Power.Factor', 'Power.Offered',
  'Power.Reactive.Export', 'Power.Reactive.Import', 'RPM', 'SoC', 'Temperature', 'Voltage',
];

// OCPP 1.6 §7.46 SampledValue.value is a string; ours are decimal numbers.
const DECIMAL = /^-?\d+(\.\d+)?$/;

// The statuses of one connector in `calls` (as {method, params}), in order.
export function statusesOf(calls, connectorId) {
  return calls.filter((c) => c.method === 'StatusNotification' && c.params.connectorId === connectorId)
    .map((c) => c.params.status);
}

// The energy register (Wh) in one MeterValue entry, or undefined.
export function registerWh(meterValue) {
  const sampled = meterValue.sampledValue.find((v) => (v.measurand ?? ENERGY) === ENERGY && !v.phase);
  if (!sampled) return undefined;
  const value = Number(sampled.value);
  return sampled.unit === 'kWh' ? value * 1000 : value;
}

// Every register value in MeterValues and StopTransaction.transactionData payloads.
export function reportedRegisters(payloads) {
  const values = [];
  for (const payload of payloads) {
    for (const meterValue of payload.meterValue ?? payload.transactionData ?? []) {
      const wh = registerWh(meterValue);
      if (wh !== undefined) values.push(wh);
    }
  }
  return values;
}

// A MeterValues.req of a transaction: right connector and transaction, every value a decimal string,
// one of the given reading contexts, and exactly the configured measurands (MeterValuesSampledData) in
// the sampled ones. A clock-aligned reading (MeterValuesAlignedData) may come in between whenever a
// ClockAlignedDataInterval boundary falls into the test. Returns the register values.
export function checkTransactionMeterValues(params, { transactionId, measurands, contexts = ['Sample.Periodic', 'Sample.Clock'] }) {
  const where = `MeterValues ${JSON.stringify(params)}`;
  assert.equal(params.connectorId, 1, `${where}: connectorId`);
  assert.equal(params.transactionId, transactionId, `${where}: transactionId`);
  assert.ok(params.meterValue.length >= 1, `${where}: no meterValue`);
  const registers = [];
  for (const meterValue of params.meterValue) {
    assert.ok(!Number.isNaN(Date.parse(meterValue.timestamp)), `${where}: timestamp`);
    for (const sampled of meterValue.sampledValue) {
      assert.equal(typeof sampled.value, 'string', `${where}: value must be a string`);
      assert.match(sampled.value, DECIMAL, `${where}: value is not a decimal number`);
      assert.ok(contexts.includes(sampled.context ?? 'Sample.Periodic'), `${where}: context`);
    }
    if (measurands && (meterValue.sampledValue[0].context ?? 'Sample.Periodic') !== 'Sample.Clock') {
      assert.deepEqual(meterValue.sampledValue.map((v) => v.measurand ?? ENERGY).sort(), [...measurands].sort(),
                       `${where}: the measurands of MeterValuesSampledData`);
    }
    const wh = registerWh(meterValue);
    assert.ok(wh !== undefined, `${where}: no ${ENERGY}`);
    registers.push(wh);
  }
  return registers;
}

// Never decreasing (a repeated sample after a reconnect may repeat a value).
export function assertNonDecreasing(values, what) {
  for (let i = 1; i < values.length; ++i) {
    assert.ok(values[i] >= values[i - 1], `${what} went down: ${values.join(', ')}`);
  }
}

// The values of a GetConfiguration answer by key.
export function configurationMap(answer) {
  return new Map((answer.configurationKey ?? []).map((entry) => [entry.key, entry]));
}

// Every periodic sample of a transaction that ran from `startTimestamp` to `stopTimestamp` (ISO
// strings) with MeterValueSampleInterval `intervalS` is among `payloads` (MeterValues.req): one per
// boundary, none lost, none invented, none sent twice (unless `allowRepeats`: a message in flight when
// the connection broke is sent again). The schedule starts a moment after the StartTransaction
// timestamp is taken, so a sample may lie a few ms after its boundary; a boundary within 100 ms of the
// stop may or may not be sampled.
export function assertEveryPeriodicSample(payloads, startTimestamp, stopTimestamp, intervalS, { allowRepeats = false } = {}) {
  const slackMs = 50;
  const start = Date.parse(startTimestamp);
  const stop = Date.parse(stopTimestamp);
  const sampled = [];
  for (const payload of payloads) {
    for (const meterValue of payload.meterValue) {
      if ((meterValue.sampledValue[0].context ?? 'Sample.Periodic') === 'Sample.Periodic') sampled.push(Date.parse(meterValue.timestamp));
    }
  }
  const near = (at, boundary) => at >= boundary && at - boundary <= slackMs;
  const expected = [];
  for (let at = start + intervalS * 1000; at <= stop + 100; at += intervalS * 1000) expected.push(at);
  const missing = expected.filter((boundary) => boundary < stop - 100 && !sampled.some((at) => near(at, boundary)));
  const unexpected = sampled.filter((at) => !expected.some((boundary) => near(at, boundary)));
  const iso = (list) => list.map((at) => new Date(at).toISOString());
  assert.deepEqual(iso(missing), [], `periodic samples lost (start ${startTimestamp}, samples ${iso(sampled)})`);
  assert.deepEqual(iso(unexpected), [], `samples off the periodic boundaries (start ${startTimestamp})`);
  if (!allowRepeats) {
    const repeated = sampled.filter((at, i) => sampled.indexOf(at) !== i);
    assert.deepEqual(iso(repeated), [], 'a periodic sample was sent more than once');
  }
}
