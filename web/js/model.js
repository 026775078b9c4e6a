// Pure logic behind the pages (no DOM): what state to tell the user, which values are stale, OCPP
// payloads for the controls, calibration arithmetic. tests/web/unit.test.mjs runs it under Node.
import { KEYS, config_number } from './keys.js';
import { fmt_kw, fmt_a } from './format.js';

// A charge point samples about every 10-60 s (MeterValueSampleInterval); three minutes without a reading
// while it claims to be connected means the board or its link is stuck: never show such values as live.
export const STALE_AFTER_MS = 180_000;

export function is_stale(charger, now_ms = Date.now(), link_up = true) {
  if (!charger || !link_up || !charger.connected) return true;
  const at = Date.parse(charger.readings_at || '');
  return !Number.isFinite(at) || now_ms - at > STALE_AFTER_MS;
}

// The winning limit source (chargepoint/domain/limits/limit.hpp LimitSource), in plain words.
const SOURCE_WORDS = {
  Hardware: 'the most your charger and cable can deliver',
  ChargePointMax: 'the maximum current you set for this charger',
  TxDefault: 'your charging schedule',
  Schedule: 'your charging schedule',
  Tx: 'your choice for this charging session',
  Solar: 'the spare power from your solar panels',
  SiteLoad: 'what your home supply has left after the house',
  Manual: 'your manual setting',
};
export function source_words(source) { return SOURCE_WORDS[source] || 'no limit reported yet'; }

export function connector_status(charger) {
  const c = charger && (charger.connectors.find((k) => k.id === 1) || charger.connectors[0]);
  return (c && c.status) || charger?.status || 'Unknown';
}

// One line that says what is happening, the way an owner would say it.
// `next_window` is the schedule's next window ({start:ISO, end, current_a}) or null.
export function describe(charger, { now_ms = Date.now(), link_up = true, next_window = null, zone } = {}) {
  if (!link_up) return { tone: 'bad', text: 'Lost contact with the hub — the values below are old' };
  if (!charger) return { tone: 'muted', text: 'No charger has connected to the hub yet' };
  if (charger.pending) return { tone: 'warn', text: 'New charger waiting for you to accept it' };
  if (!charger.connected) return { tone: 'bad', text: 'Charger offline — the hub cannot reach it' };
  if (is_stale(charger, now_ms)) return { tone: 'bad', text: 'Charger connected but its readings stopped — its board may be unreachable' };
  const status = connector_status(charger);
  const offered = charger.offered ? charger.offered.current_a : null;
  const source = charger.offered ? charger.offered.source : null;
  const power = charger.readings.power_w;
  const ct = charger.readings.ct;
  switch (status) {
    case 'Available': return { tone: 'muted', text: 'No car plugged in' };
    case 'Preparing': return { tone: 'warn', text: 'Car connected — waiting to start' };
    case 'Charging':
      return power !== null && power > 50
        ? { tone: 'good', text: `Charging at ${fmt_kw(power)}` }
        : { tone: 'good', text: 'Charging — the car is drawing almost nothing' };
    case 'SuspendedEV': return { tone: 'warn', text: 'Car connected — the car has paused (full, or its own timer)' };
    case 'SuspendedEVSE': {
      if (source === 'SiteLoad') {
        const limit = config_number(charger, KEYS.site_limit_a);
        const house = ct && ct.site_a !== null ? Math.max(0, ct.site_a - (ct.vehicle_a || 0)) : null;
        return { tone: 'warn', text: house !== null && limit
          ? `Paused: house is using ${Math.round(house)} A of your ${Math.round(limit)} A supply`
          : 'Paused: your home supply has no room for the car right now' };
      }
      if (source === 'Solar') return { tone: 'warn', text: 'Paused: waiting for enough sunshine' };
      if (source === 'Tx' || source === 'Manual') return { tone: 'warn', text: 'Paused by you' };
      if ((source === 'TxDefault' || source === 'Schedule') && next_window) {
        return { tone: 'warn', text: `Car connected — waiting for the ${clock_in_zone(Date.parse(next_window.start), zone)} schedule` };
      }
      if (offered === 0) return { tone: 'warn', text: `Paused by ${source_words(source)}` };
      return { tone: 'warn', text: 'Car connected — charging is paused' };
    }
    case 'Finishing': return { tone: 'muted', text: 'Charging finished — unplug when ready' };
    case 'Reserved': return { tone: 'muted', text: 'Reserved' };
    case 'Unavailable': return { tone: 'bad', text: 'Charger switched off (unavailable)' };
    case 'Faulted': {
      const c = charger.connectors.find((k) => k.error_code && k.error_code !== 'NoError');
      return { tone: 'bad', text: `Fault: ${c ? humanize(c.error_code) : 'the charger reports a fault'}` };
    }
    default: return { tone: 'muted', text: `Status: ${status}` };
  }
}

// Why the charger offers what it offers, one sentence.
export function offered_reason(charger) {
  if (!charger || !charger.offered || charger.offered.current_a === null) return 'The charger has not said what it offers yet.';
  const a = charger.offered.current_a;
  const words = source_words(charger.offered.source);
  return a === 0 ? `Offering 0 A (paused) because of ${words}.` : `Offering up to ${fmt_a(a)} — set by ${words}.`;
}

function humanize(code) { return String(code).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase(); }

export function clock_in_zone(ms, zone) {
  if (!Number.isFinite(ms)) return '';
  try {
    return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: zone || undefined }).format(ms);
  } catch { return new Date(ms).toTimeString().slice(0, 5); }
}

// ---- OCPP payloads for the controls -------------------------------------------------------------------
// The UI owns two profile ids so that it replaces or clears only what it installed itself.
export const UI_TX_PROFILE_ID = 900; // TxProfile: pause (0 A), charge now, session current
export const UI_MAX_PROFILE_ID = 901; // ChargePointMaxProfile: the slider when no session runs
const UI_STACK_LEVEL = 5;

function single_period(limit_a) {
  return { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: limit_a }] };
}
export function tx_profile(transaction_id, limit_a, connector_id = 1) {
  return {
    connectorId: connector_id,
    csChargingProfiles: {
      chargingProfileId: UI_TX_PROFILE_ID, transactionId: transaction_id, stackLevel: UI_STACK_LEVEL,
      chargingProfilePurpose: 'TxProfile', chargingProfileKind: 'Relative', chargingSchedule: single_period(limit_a),
    },
  };
}
// OCPP 1.6 §5.16.2: a ChargePointMaxProfile lives on connector 0 and may not be Relative.
export function max_profile(limit_a, now_ms = Date.now()) {
  return {
    connectorId: 0,
    csChargingProfiles: {
      chargingProfileId: UI_MAX_PROFILE_ID, stackLevel: 0, chargingProfilePurpose: 'ChargePointMaxProfile',
      chargingProfileKind: 'Absolute',
      chargingSchedule: { ...single_period(limit_a), startSchedule: new Date(Math.floor(now_ms / 1000) * 1000).toISOString() },
    },
  };
}
// "Charge now until unplugged": a TxProfile ends with its transaction (§3.13.4), so it cannot outlive the plug.
export function remote_start(limit_a, connector_id = 1) {
  const { transactionId, ...profile } = tx_profile(0, limit_a, connector_id).csChargingProfiles; // none yet
  return { connectorId: connector_id, idTag: 'web-ui', chargingProfile: profile };
}
export const clear_ui_tx_profile = () => ({ id: UI_TX_PROFILE_ID });

// ---- CT calibration ---------------------------------------------------------------------------------
// The charge point reports calibrated = raw × scale + offset; undoing the current calibration gives
// raw values, to which the candidate one is applied for the preview.
export function recalibrate(value, current, candidate) {
  if (value === null || value === undefined) return null;
  const scale = current.scale || 1;
  const raw = (value - (current.offset || 0)) / scale;
  return raw * candidate.scale + candidate.offset;
}
