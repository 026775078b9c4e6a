// OCPP configuration keys of the charge point that the UI reads (from `configuration`) and writes (with
// ChangeConfiguration). The names exist in chargepoint/domain/configuration_keys.cpp unless marked
// PROPOSED: the CT calibration keys are not implemented by the charge point yet.
export const KEYS = {
  solar_enabled: 'EO_SolarEnabled',          // boolean
  solar_reserve_a: 'EO_SolarReserveA',       // integer 0-100: surplus amps left for the house
  solar_grid_import_a: 'EO_SolarGridImportA', // integer 0-32: allowed import from the grid while on solar
  solar_start_delay_s: 'EO_SolarStartDelayS', // integer 0-3600
  solar_stop_delay_s: 'EO_SolarStopDelayS',   // integer 0-3600
  solar_never_stop: 'EO_SolarNeverStop',      // boolean: keep 6 A when the sun goes
  site_limit_a: 'EO_SiteLimitA',              // integer 0-1000, 0 = no site limit (supply fuse)
  site_resume_margin_a: 'EO_SiteResumeMarginA', // integer 0-32
  site_increase_delay_s: 'EO_SiteIncreaseDelayS', // integer 0-3600
  nominal_voltage_v: 'EO_NominalVoltageV',    // integer 100-480
  // calibrated = raw × scale + offset, per CT clamp: scale 0.5-2.0 ("1.000"), offset -2 to +2 A.
  ct_site_scale: 'EO_CtSiteScale',
  ct_site_offset_a: 'EO_CtSiteOffsetA',
  ct_solar_scale: 'EO_CtSolarScale',
  ct_solar_offset_a: 'EO_CtSolarOffsetA',
  ct_vehicle_scale: 'EO_CtVehicleScale',
  ct_vehicle_offset_a: 'EO_CtVehicleOffsetA',
};

// The three CT clamps: their reading in readings.ct, their series names (calibrated, raw) and their
// calibration keys.
export const CTS = [
  { id: 'site', label: 'Mains supply (house)', reading: 'site_a', series: 'ct_site_a', raw_series: 'ct_site_raw_a', scale: KEYS.ct_site_scale, offset: KEYS.ct_site_offset_a },
  { id: 'solar', label: 'Solar', reading: 'solar_a', series: 'ct_solar_a', raw_series: 'ct_solar_raw_a', scale: KEYS.ct_solar_scale, offset: KEYS.ct_solar_offset_a },
  { id: 'vehicle', label: 'Car cable', reading: 'vehicle_a', series: 'ct_vehicle_a', raw_series: 'ct_vehicle_raw_a', scale: KEYS.ct_vehicle_scale, offset: KEYS.ct_vehicle_offset_a },
];

// Reads a key from a normalised charger's configuration; null when the charge point does not have it.
export function config_value(charger, key) {
  const entry = charger && charger.configuration && charger.configuration[key];
  return entry ? entry.value : null;
}
export function config_number(charger, key, fallback = null) {
  const v = Number(config_value(charger, key));
  return config_value(charger, key) === null || !Number.isFinite(v) ? fallback : v;
}
export function config_bool(charger, key) { return String(config_value(charger, key)).toLowerCase() === 'true'; }
