// One scripted EO charge point for the mock csms-lite: a cable, a car, a house with solar, OCPP smart
// charging reduced to what the UI shows (the lowest limit wins and names its source), configuration
// keys with the ranges of chargepoint/domain/configuration_keys.cpp, and CT clamps with calibration.
const INT_RANGES = {
  HeartbeatInterval: [0, 86400], MeterValueSampleInterval: [0, 3600], EO_NominalVoltageV: [100, 480],
  EO_SiteLimitA: [0, 1000], EO_SiteResumeMarginA: [0, 32], EO_SiteIncreaseDelayS: [0, 3600], EO_SolarReserveA: [0, 100],
  EO_SolarGridImportA: [0, 32], EO_SolarStartDelayS: [0, 3600], EO_SolarStopDelayS: [0, 3600],
};
const BOOLS = ['EO_SolarEnabled', 'EO_SolarNeverStop', 'EO_TxProfileEndFallsBack'];
// CT calibration, the charge point's ranges: calibrated = raw × scale + offset.
const DECIMALS = { EO_CtSiteScale: [0.5, 2], EO_CtSolarScale: [0.5, 2], EO_CtVehicleScale: [0.5, 2],
  EO_CtSiteOffsetA: [-2, 2], EO_CtSolarOffsetA: [-2, 2], EO_CtVehicleOffsetA: [-2, 2] };

function default_configuration() {
  const c = {
    NumberOfConnectors: ['1', true], SupportedFeatureProfiles: ['Core,FirmwareManagement,LocalAuthListManagement,Reservation,SmartCharging,RemoteTrigger', true],
    HeartbeatInterval: ['300'], MeterValueSampleInterval: ['60'], ChargeProfileMaxStackLevel: ['8', true],
    EO_NominalVoltageV: ['230'], EO_TxProfileEndFallsBack: ['false'], EO_SiteLimitA: ['60'], EO_SiteResumeMarginA: ['2'],
    EO_SiteIncreaseDelayS: ['10'], EO_SolarEnabled: ['false'], EO_SolarReserveA: ['0'], EO_SolarGridImportA: ['0'],
    EO_SolarStartDelayS: ['60'], EO_SolarStopDelayS: ['300'], EO_SolarNeverStop: ['false'],
    EO_CtSiteScale: ['1.000'], EO_CtSiteOffsetA: ['0.0'], EO_CtSolarScale: ['1.000'], EO_CtSolarOffsetA: ['0.0'],
    EO_CtVehicleScale: ['1.000'], EO_CtVehicleOffsetA: ['0.0'],
  };
  return Object.fromEntries(Object.entries(c).map(([k, [value, readonly]]) => [k, { value, readonly: Boolean(readonly) }]));
}

export class CpModel {
  constructor(id, { now = () => Date.now(), pending = false, connected = true } = {}) {
    Object.assign(this, {
      id, now, pending, connected, plugged: false, finishing: false, available: true, fault: null,
      hardware_a: 32, max_a: null, tx_profile: null, tx: null, meter_wh: 1_234_567, voltage_v: 236.4,
      house_a: 4.2, solar_a: 1.5, config: default_configuration(), readings_age_ms: 0,
      readings_at: now(), last_seen: now(), history: [], next_tx_id: 5000, txdefault_installed: false,
    });
  }
  cfg(key) { return this.config[key] ? this.config[key].value : null; }
  cfg_num(key) { return Number(this.cfg(key)); }

  offered(env) {
    const t = this.now();
    const layer = this.tx_profile ? [this.tx_profile.limit, 'Tx'] : [env.schedule_limit(t), 'TxDefault'];
    const candidates = [layer, [this.max_a, 'ChargePointMax'], [this.hardware_a, 'Hardware']];
    const site = this.cfg_num('EO_SiteLimitA');
    if (site > 0) candidates.push([Math.max(0, site - this.house_a), 'SiteLoad']);
    if (this.cfg('EO_SolarEnabled') === 'true') {
      candidates.push([Math.max(0, this.solar_a - this.house_a - this.cfg_num('EO_SolarReserveA') + this.cfg_num('EO_SolarGridImportA')), 'Solar']);
    }
    let best = null;
    for (const [a, source] of candidates) if (a !== null && a !== undefined && (!best || a < best[0])) best = [a, source];
    const a = Math.floor(best[0] * 10) / 10;
    return { current_a: a < 6 ? 0 : a, source: best[1] };
  }
  status(env) {
    if (!this.available) return 'Unavailable';
    if (this.fault) return 'Faulted';
    if (!this.plugged) return 'Available';
    if (this.tx) return this.offered(env).current_a > 0 ? 'Charging' : 'SuspendedEVSE';
    return this.finishing ? 'Finishing' : 'Preparing';
  }
  raw(env) {
    const car = this.status(env) === 'Charging' ? this.offered(env).current_a : 0;
    return { current_a: car, site_a: this.house_a + car - this.solar_a, solar_a: this.solar_a, vehicle_a: car };
  }
  calibrate(name, raw) {
    const key = { site: 'Site', solar: 'Solar', vehicle: 'Vehicle' }[name];
    return Math.round((raw * this.cfg_num(`EO_Ct${key}Scale`) + this.cfg_num(`EO_Ct${key}OffsetA`)) * 100) / 100;
  }
  json(env) {
    const status = this.status(env);
    const r = this.raw(env);
    const iso = (ms) => new Date(ms).toISOString();
    // As the charge point's CtReadings DataTransfer gives them: calibrated, raw, when read.
    const at_ms = this.readings_at - this.readings_age_ms;
    const ct_channels = Object.fromEntries(['site', 'solar', 'vehicle'].map((name) =>
      [name, { current_a: this.calibrate(name, r[`${name}_a`]), raw_a: Math.round(r[`${name}_a`] * 100) / 100, at_ms }]));
    return {
      id: this.id, connected: this.connected, accepted: !this.pending, pending: this.pending, status,
      connectors: [{ id: 1, status, error_code: this.fault || 'NoError' }],
      offered: this.offered(env),
      readings: { current_a: r.current_a, power_w: Math.round(r.current_a * this.voltage_v), voltage_v: this.voltage_v, energy_wh: Math.round(this.meter_wh),
        ct: { site_a: this.calibrate('site', r.site_a), solar_a: this.calibrate('solar', r.solar_a), vehicle_a: this.calibrate('vehicle', r.vehicle_a) }, ct_channels },
      readings_at: iso(this.readings_at - this.readings_age_ms), last_seen: iso(this.last_seen),
      transaction: this.tx ? { id: this.tx.id, started_at: iso(this.tx.start), energy_wh: Math.round(this.meter_wh - this.tx.meter_start), cost: Math.round(this.tx.cost * 100) / 100, currency: (env && env.currency) || 'GBP' } : null,
      configuration: this.config,
    };
  }

  plug() { this.plugged = true; this.finishing = false; this.start_tx('FREEVEND'); }
  unplug(env) { this.stop_tx('EVDisconnected', env); this.plugged = false; this.finishing = false; }
  start_tx(id_tag) { this.tx = { id: this.next_tx_id++, start: this.now(), meter_start: this.meter_wh, cost: 0, id_tag }; }
  stop_tx(reason, env) {
    if (!this.tx) return;
    const t = this.tx;
    env.on_stop({ id: t.id, charger: this.id, connector: 1, id_tag: t.id_tag, start: new Date(t.start).toISOString(), stop: new Date(this.now()).toISOString(),
      energy_wh: Math.round(this.meter_wh - t.meter_start), cost: Math.round(t.cost * 100) / 100, stop_reason: reason });
    this.tx = null; this.tx_profile = null; this.finishing = this.plugged;
  }
  // Time passes: energy flows, a fresh sample is taken.
  tick(dt_s, env) {
    const r = this.raw(env);
    const wh = (r.current_a * this.voltage_v * dt_s) / 3600;
    this.meter_wh += wh;
    if (this.tx) this.tx.cost += (wh / 1000) * env.price_at(this.now());
    this.readings_at = this.now(); this.last_seen = this.now();
    this.history.push({ t: this.now(), ...r, power_w: r.current_a * this.voltage_v, voltage_v: this.voltage_v, offered: this.offered(env) });
    if (this.history.length > 20000) this.history.splice(0, 10000);
  }
  // Recorded samples for the last `seconds` (a deterministic wobble of the house load), as if the hub
  // had been running: the CT calibration chart needs a quarter of an hour of history.
  backfill(seconds, step_s, env) {
    const end = this.now();
    const base = this.house_a;
    for (let t = end - seconds * 1000; t < end; t += step_s * 1000) {
      this.house_a = base + Math.sin(t / 60_000) * 1.5 + 1.5;
      const r = this.raw(env);
      this.history.push({ t, ...r, power_w: r.current_a * this.voltage_v, voltage_v: this.voltage_v, offered: this.offered(env) });
    }
    this.house_a = base;
    this.history.sort((a, b) => a.t - b.t);
  }
  wander() {
    this.house_a = Math.max(0.5, Math.min(50, this.house_a + (Math.random() - 0.5) * 1.5));
    this.solar_a = Math.max(0, Math.min(20, this.solar_a + (Math.random() - 0.5) * 1.0));
  }

  command(action, p, env) {
    const ok = (result) => ({ result });
    const bad = (message, field) => ({ error: 400, message, field });
    switch (action) {
      case 'RemoteStartTransaction':
        if (typeof p.idTag !== 'string' || !p.idTag) return bad('idTag required', 'idTag');
        if (!this.plugged || this.tx || !this.available) return ok({ status: 'Rejected' });
        this.start_tx(p.idTag);
        if (p.chargingProfile) this.tx_profile = { id: p.chargingProfile.chargingProfileId, limit: p.chargingProfile.chargingSchedule.chargingSchedulePeriod[0].limit };
        return ok({ status: 'Accepted' });
      case 'RemoteStopTransaction':
        if (!Number.isInteger(p.transactionId)) return bad('transactionId must be an integer', 'transactionId');
        if (!this.tx || this.tx.id !== p.transactionId) return ok({ status: 'Rejected' });
        this.stop_tx('Remote', env);
        return ok({ status: 'Accepted' });
      case 'SetChargingProfile': {
        const prof = p.csChargingProfiles;
        const periods = prof && prof.chargingSchedule && prof.chargingSchedule.chargingSchedulePeriod;
        if (!Number.isInteger(p.connectorId) || !prof || !Array.isArray(periods) || !periods.length) return bad('connectorId and csChargingProfiles with periods required', 'csChargingProfiles');
        if (prof.chargingSchedule.chargingRateUnit !== 'A') return ok({ status: 'Rejected' });
        const limit = periods[0].limit;
        if (prof.chargingProfilePurpose === 'TxProfile') {
          if (!this.tx || prof.transactionId !== this.tx.id || p.connectorId !== 1) return ok({ status: 'Rejected' });
          this.tx_profile = { id: prof.chargingProfileId, limit };
        } else if (prof.chargingProfilePurpose === 'ChargePointMaxProfile') {
          if (p.connectorId !== 0 || prof.chargingProfileKind === 'Relative') return ok({ status: 'Rejected' });
          this.max_a = limit;
        } else if (prof.chargingProfilePurpose !== 'TxDefaultProfile') return bad('unknown chargingProfilePurpose', 'chargingProfilePurpose');
        return ok({ status: 'Accepted' });
      }
      case 'ClearChargingProfile':
        if (this.tx_profile && (p.id === undefined || p.id === this.tx_profile.id)) { this.tx_profile = null; return ok({ status: 'Accepted' }); }
        return ok({ status: 'Unknown' });
      case 'ChangeConfiguration': {
        const entry = this.config[p.key];
        if (typeof p.key !== 'string' || typeof p.value !== 'string') return bad('key and value must be strings', 'key');
        if (!entry) return ok({ status: 'NotSupported' });
        if (entry.readonly) return ok({ status: 'Rejected' });
        if (INT_RANGES[p.key]) {
          const [lo, hi] = INT_RANGES[p.key];
          if (!/^\d+$/.test(p.value) || Number(p.value) < lo || Number(p.value) > hi) return ok({ status: 'Rejected' });
        }
        if (BOOLS.includes(p.key) && !['true', 'false'].includes(p.value)) return ok({ status: 'Rejected' });
        if (DECIMALS[p.key]) {
          const [lo, hi] = DECIMALS[p.key]; const v = Number(p.value);
          if (!/^-?\d+(\.\d+)?$/.test(p.value) || v < lo || v > hi) return ok({ status: 'Rejected' });
        }
        entry.value = p.value;
        return ok({ status: 'Accepted' });
      }
      case 'GetConfiguration': {
        const wanted = Array.isArray(p.key) && p.key.length ? p.key : Object.keys(this.config);
        return ok({ configurationKey: wanted.filter((k) => this.config[k]).map((k) => ({ key: k, readonly: this.config[k].readonly, value: this.config[k].value })),
          unknownKey: wanted.filter((k) => !this.config[k]) });
      }
      case 'GetCompositeSchedule': {
        const o = this.offered(env);
        return ok({ status: 'Accepted', connectorId: p.connectorId ?? 1, scheduleStart: new Date(this.now()).toISOString(),
          chargingSchedule: { duration: p.duration ?? 3600, chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: o.current_a }] } });
      }
      case 'TriggerMessage': return ok({ status: 'Accepted' });
      case 'Reset': return ['Hard', 'Soft'].includes(p.type) ? ok({ status: 'Accepted' }) : bad('type must be Hard or Soft', 'type');
      case 'UnlockConnector': this.stop_tx('UnlockCommand', env); return ok({ status: 'Unlocked' });
      case 'ChangeAvailability':
        if (!['Operative', 'Inoperative'].includes(p.type)) return bad('type must be Operative or Inoperative', 'type');
        this.available = p.type === 'Operative';
        return ok({ status: 'Accepted' });
      default: return bad(`Unknown action ${action}`, 'action');
    }
  }

  // History: a plausible day shape (night charging, evening peak, midday sun) before the live samples.
  series(from, to, step_s, env) {
    const names = ['current_a', 'power_w', 'voltage_v', 'offered_a', 'ct_site_a', 'ct_solar_a', 'ct_vehicle_a',
      'ct_site_raw_a', 'ct_solar_raw_a', 'ct_vehicle_raw_a'];
    const series = Object.fromEntries(names.map((n) => [n, []]));
    const sources = [];
    const first_live = this.history.length ? this.history[0].t : Infinity;
    const push = (t, s) => {
      const iso = new Date(t).toISOString();
      series.current_a.push([iso, s.current_a]); series.power_w.push([iso, Math.round(s.power_w)]); series.voltage_v.push([iso, s.voltage_v]);
      series.offered_a.push([iso, s.offered.current_a]);
      series.ct_site_a.push([iso, this.calibrate('site', s.site_a)]); series.ct_solar_a.push([iso, this.calibrate('solar', s.solar_a)]);
      series.ct_vehicle_a.push([iso, this.calibrate('vehicle', s.vehicle_a)]);
      for (const name of ['site', 'solar', 'vehicle']) series[`ct_${name}_raw_a`].push([iso, Math.round(s[`${name}_a`] * 100) / 100]);
      if (!sources.length || sources[sources.length - 1][1] !== s.offered.source) sources.push([iso, s.offered.source]);
    };
    const step = step_s * 1000;
    for (let t = Math.ceil(from / step) * step; t <= to && t < first_live; t += step) {
      const h = (t / 3600_000) % 24;
      const car = h >= 0.5 && h < 5.5 ? 32 : 0;
      const solar = Math.max(0, Math.sin((Math.PI * (h - 6)) / 12)) * 14;
      const house = 2.5 + (h >= 17 && h < 22 ? 4 : 0) + Math.sin(t / 600_000) * 0.8;
      push(t, { current_a: car, power_w: car * 236, voltage_v: 236 + Math.sin(t / 900_000) * 3, offered: { current_a: car, source: 'TxDefault' },
        site_a: house + car - solar, solar_a: solar, vehicle_a: car });
    }
    for (const s of this.history) if (s.t >= from && s.t <= to) push(s.t, s);
    return { series, sources };
  }
}
