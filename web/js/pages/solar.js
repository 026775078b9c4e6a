// "Solar and home": the charge point's solar and site-limit keys (ChangeConfiguration) and a live
// picture of what the three CT clamps measure.
import * as api from '../api.js';
import { h, card, field, status_line, run } from '../dom.js';
import { KEYS, config_value } from '../keys.js';
import { fmt_a } from '../format.js';

const FIELDS = [
  { key: KEYS.solar_enabled, label: 'Charge from solar surplus', type: 'bool' },
  { key: KEYS.solar_reserve_a, label: 'Keep for the house (A)', min: 0, max: 100, hint: 'Surplus left unused before the car takes any.' },
  { key: KEYS.solar_grid_import_a, label: 'Allowed import from the grid (A)', min: 0, max: 32, hint: 'How much the car may take from the grid on top of the sun.' },
  { key: KEYS.solar_start_delay_s, label: 'Start delay (s)', min: 0, max: 3600, hint: 'Enough sun for this long before charging starts.' },
  { key: KEYS.solar_stop_delay_s, label: 'Stop delay (s)', min: 0, max: 3600, hint: 'Too little sun for this long before charging stops.' },
  { key: KEYS.solar_never_stop, label: 'Never stop: keep 6 A when the sun goes', type: 'bool' },
  { key: KEYS.site_limit_a, label: 'Home supply limit (A, 0 = none)', min: 0, max: 1000, hint: 'Your main fuse: the car gets what the house leaves.' },
];

export function flow_picture(ct, stale) {
  const max = Math.max(10, ...['site_a', 'solar_a', 'vehicle_a'].map((k) => Math.abs((ct && ct[k]) || 0)));
  const bar = (label, v, cls) => h('div', { class: 'bar-row' }, h('span', {}, label),
    h('div', { class: 'track', role: 'presentation' }, h('div', { class: `fill ${cls}`, style: `width:${v === null ? 0 : Math.min(100, (Math.abs(v) / max) * 100)}%` })),
    h('b', {}, fmt_a(v)));
  const house = ct && ct.site_a !== null ? ct.site_a + (ct.solar_a || 0) - (ct.vehicle_a || 0) : null;
  return h('div', { class: `flow${stale ? ' stale-values' : ''}`, id: 'flow', 'aria-label': stale ? 'Old values, not live' : 'Live currents' },
    bar(ct && ct.site_a < 0 ? 'Grid (export)' : 'Grid (import)', ct && ct.site_a, ''),
    bar('Solar', ct && ct.solar_a, 'solar'), bar('Car', ct && ct.vehicle_a, 'car'), bar('Rest of house', house, ''));
}

export default {
  title: 'Solar & home',
  create(app) {
    const msg = status_line();
    const inputs = new Map();
    const c0 = app.charger();
    const form_fields = FIELDS.map((f) => {
      const v = config_value(c0, f.key);
      const input = f.type === 'bool'
        ? h('input', { type: 'checkbox', name: f.key, checked: String(v).toLowerCase() === 'true' })
        : h('input', { type: 'number', name: f.key, min: f.min, max: f.max, step: 1, value: v ?? '' });
      if (v === null) input.disabled = true;
      inputs.set(f.key, input);
      const label = f.label + (v === null ? ' (not supported by this charger)' : '');
      return f.type === 'bool' ? h('div', { class: 'field check' }, h('label', {}, input, label)) : field(label, input, f.hint);
    });
    const save = h('button', { type: 'button', class: 'primary', onclick: (ev) => run(ev.currentTarget, msg, async () => {
      const c = app.charger();
      const changes = [];
      for (const f of FIELDS) {
        const input = inputs.get(f.key);
        if (input.disabled) continue;
        const value = f.type === 'bool' ? String(input.checked) : String(input.value);
        if (f.type !== 'bool' && (!/^\d+$/.test(value) || Number(value) < f.min || Number(value) > f.max)) {
          input.focus(); throw new Error(`${f.label}: enter a whole number from ${f.min} to ${f.max}.`);
        }
        if (value !== String(config_value(c, f.key))) changes.push([f.key, value]);
      }
      if (!changes.length) return 'Nothing changed.';
      const answers = [];
      for (const [key, value] of changes) {
        const r = await api.command(c.id, 'ChangeConfiguration', { key, value });
        answers.push(`${key}: ${r && r.status}`);
        if (r && r.status === 'Accepted') c.configuration[key] = { ...(c.configuration[key] || {}), value };
      }
      return `Charger answered — ${answers.join(', ')}`;
    }, (r) => r) }, 'Save');
    const live = h('div', {});
    const el = h('div', { class: 'grid2' },
      card('Solar and home supply', ...form_fields, h('div', { class: 'buttons' }, save), msg),
      card('Right now', live, h('p', { class: 'hint' }, 'Measured by the current clamps (CTs) wired to the charger.')));
    const update = () => {
      const c = app.charger();
      live.replaceChildren(flow_picture(c && c.readings.ct, app.stale(c)));
    };
    update();
    return { el, on_charger: update, on_tick: update };
  },
};
