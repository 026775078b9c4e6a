// Judges a fault-injection run by what reached the central system (FaultCsms.calls, arrival order)
// against the charge point's promises (OCPP 1.6 §4.10 and transaction_outbox.hpp):
// - every transaction has exactly one StartTransaction and one StopTransaction, in that order, and
//   transactions on the one connector never overlap;
// - no transaction message arrives twice, except a resend whose first copy's answer was lost: the
//   first copy was the last transaction message of its connection and the copy is the very next one,
//   on a later connection (a kill between the answer and the outbox row's deletion, or a connection
//   lost before the answer got through). Those are counted and returned, never silently merged;
// - the energy register (meterStart, Energy.Active.Import.Register, meterStop) never goes backwards
//   in arrival order; it may jump ahead by at most Metering::k_reserve_wh plus what the box could
//   have delivered in the time between the two readings;
// - periodic MeterValues have no holes; after a kill at most one batch of volatile samples (plus the
//   one in flight) is missing at the end of the killed transaction.
import { isTransactionMessage } from './fault_csms.mjs';

export const K_RESERVE_WH = 200;  // Metering::k_reserve_wh
export const K_VOLATILE_BATCH = 20;  // TransactionOutbox::k_volatile_batch
const MAX_POWER_W = 32 * 240;  // the simulated box's maximum: 32 A, one phase, 240 V

function energyOf(meterValues) {
  const readings = [];
  for (const value of meterValues.meterValue) {
    for (const sampled of value.sampledValue) {
      const measurand = sampled.measurand ?? 'Energy.Active.Import.Register';
      if (measurand !== 'Energy.Active.Import.Register') continue;
      const scale = sampled.unit === 'kWh' ? 1000 : 1;
      readings.push({ wh: Number(sampled.value) * scale, at: Date.parse(value.timestamp) });
    }
  }
  return readings;
}

function describe(call) {
  const p = call.params;
  const what = call.method === 'StartTransaction' ? `meterStart ${p.meterStart}`
    : call.method === 'StopTransaction' ? `tx ${p.transactionId} meterStop ${p.meterStop} ${p.reason ?? ''}`
      : `tx ${p.transactionId} ${p.meterValue?.[0]?.timestamp}`;
  return `#${call.index} ${call.method} (${what}) on connection ${call.connection}`;
}

// Returns {problems: [text], transactions, duplicates, unknownIdMessages, maxJumpWh, lostTrailingSamples}.
// `unknownIdAllowed`: the charge point gave up on a StartTransaction (TransactionMessageAttempts), so
// messages with transactionId -1 are expected; otherwise the central system answered every
// StartTransaction it got and a -1 means the charge point lost the id it was given.
export function checkFaultRun(calls, { sampleIntervalMs, kills = [], unknownIdAllowed = false }) {
  const problems = [];
  const stream = calls.filter(isTransactionMessage);

  // Resends: identical action and payload.
  const seen = new Map();
  const unique = [];
  const duplicates = [];
  for (const [position, call] of stream.entries()) {
    const key = `${call.method} ${JSON.stringify(call.params)}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, { call, position });
      unique.push(call);
      continue;
    }
    const explained = first.position === position - 1 && first.call.connection !== call.connection;
    duplicates.push({ first: first.call, again: call, explained });
    if (!explained) problems.push(`${describe(call)} duplicates ${describe(first.call)} and is not a resend after a lost answer`);
    seen.set(key, { call, position });
  }

  // Transactions in arrival order; -1 (StartTransaction given up) belongs to the open one.
  const transactions = [];
  let open = null;
  let unknownIdMessages = 0;
  const belongs = (call) => {
    const id = call.params.transactionId;
    if (id === -1) {
      ++unknownIdMessages;
      if (!unknownIdAllowed) problems.push(`${describe(call)} carries transactionId -1 although every StartTransaction was answered`);
    }
    if (!open) {
      problems.push(`${describe(call)} arrived while no transaction was open`);
      return false;
    }
    if (id !== open.id && id !== -1) {
      problems.push(`${describe(call)} arrived while transaction ${open.id} was open`);
      return false;
    }
    return true;
  };
  for (const call of unique) {
    if (call.method === 'StartTransaction') {
      if (open) problems.push(`${describe(call)} arrived while transaction ${open.id} was still open`);
      open = { id: call.answer.transactionId, start: call, meterValues: [], stop: null };
      transactions.push(open);
    } else if (call.method === 'MeterValues') {
      if (belongs(call)) open.meterValues.push(call);
    } else if (belongs(call)) {
      open.stop = call;
      open = null;
    }
  }
  const ids = new Set();
  for (const tx of transactions) {
    if (ids.has(tx.id)) problems.push(`transactionId ${tx.id} was given to two different StartTransactions`);
    ids.add(tx.id);
    if (!tx.stop) problems.push(`transaction ${tx.id} (${describe(tx.start)}) never got a StopTransaction`);
  }

  // The register in arrival order.
  let previous = null;
  let maxJumpWh = 0;
  for (const call of unique) {
    const readings = call.method === 'StartTransaction' ? [{ wh: call.params.meterStart, at: Date.parse(call.params.timestamp) }]
      : call.method === 'StopTransaction' ? [{ wh: call.params.meterStop, at: Date.parse(call.params.timestamp) }]
        : energyOf(call.params);
    for (const reading of readings) {
      if (previous) {
        if (reading.wh < previous.wh) {
          problems.push(`the register went back from ${previous.wh} Wh (${describe(previous.call)}) to ${reading.wh} Wh (${describe(call)})`);
        }
        // Energy measured by the time this message arrived, at most: what the box can deliver since the
        // previous reading was taken, plus the reserve a restart may jump to.
        const elapsedMs = Math.max(0, call.at - previous.at);
        const limitWh = K_RESERVE_WH + (MAX_POWER_W * elapsedMs) / 3.6e6 + 1;
        const jumpWh = reading.wh - previous.wh;
        maxJumpWh = Math.max(maxJumpWh, jumpWh);
        if (jumpWh > limitWh) {
          problems.push(`the register jumped ${jumpWh} Wh (limit ${limitWh.toFixed(1)}) from ${describe(previous.call)} to ${describe(call)}`);
        }
      }
      previous = { wh: reading.wh, at: reading.at, call };
    }
  }

  // Periodic samples: every interval from the start, with no holes. Timestamps are whole
  // milliseconds; the sampling grid starts when metering hears of the transaction, a moment (two
  // database commits, longer on a loaded machine) after StartTransaction.timestamp.
  const slackMs = 5;
  const startSlackMs = 250;
  let lostTrailingSamples = 0;
  for (const tx of transactions) {
    const startAt = Date.parse(tx.start.params.timestamp);
    const times = tx.meterValues.map((mv) => Date.parse(mv.params.meterValue[0].timestamp));
    const firstOffsetMs = times.length ? times[0] - startAt - sampleIntervalMs : 0;
    if (firstOffsetMs < 0 || firstOffsetMs > startSlackMs) {
      problems.push(`transaction ${tx.id}: first sample at ${new Date(times[0]).toISOString()}, one interval after its start expected`);
    }
    for (let i = 1; i < times.length; ++i) {
      const gapMs = times[i] - times[i - 1];
      if (Math.abs(gapMs - sampleIntervalMs) <= slackMs) continue;
      problems.push(`transaction ${tx.id}: ${gapMs} ms between samples at ${new Date(times[i - 1]).toISOString()} and ${new Date(times[i]).toISOString()}`);
    }
    if (!tx.stop) continue;
    const lastAt = times.length ? times.at(-1) : startAt;
    if (tx.stop.params.reason === 'PowerLoss') {
      // The kill that ended it: the first one after its last sample.
      const kill = kills.find((k) => k >= lastAt);
      if (kill === undefined) {
        problems.push(`transaction ${tx.id} was stopped with reason PowerLoss but no kill came after its last sample`);
        continue;
      }
      const lost = Math.floor((kill - lastAt) / sampleIntervalMs);
      lostTrailingSamples += lost;
      if (lost > K_VOLATILE_BATCH + 1) problems.push(`transaction ${tx.id}: ${lost} samples lost in a kill (at most ${K_VOLATILE_BATCH + 1})`);
    } else {
      const stopAt = Date.parse(tx.stop.params.timestamp);
      // A sample due in the last moments before the stop may lose the race with the unplug event.
      const expected = Math.max(0, Math.floor((stopAt - startAt - 200) / sampleIntervalMs));
      if (times.length < expected) problems.push(`transaction ${tx.id}: ${times.length} periodic samples, ${expected} expected before its stop`);
    }
  }

  return { problems, transactions, duplicates, unknownIdMessages, maxJumpWh, lostTrailingSamples, stream };
}
