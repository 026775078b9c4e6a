// "Statistics": time series with a range picker and zoom (drag across the chart, or + / - / arrows).
import * as api from '../api.js';
import { h, card, field, status_line, error_text } from '../dom.js';
import { LineChart } from '../chart.js';

const RANGES = [['1h', 3600e3], ['6h', 6 * 3600e3], ['24h', 86400e3], ['7d', 7 * 86400e3], ['30d', 30 * 86400e3]];
const GROUPS = [
  { label: 'Charging current', unit: 'A', series: [['current_a', 'Current', '#003fa3'], ['offered_a', 'Offered', '#b00020', '6 4']] },
  { label: 'Power', unit: 'kW', scale: 0.001, series: [['power_w', 'Power', '#0a6b2b']] },
  { label: 'Current clamps', unit: 'A', series: [['ct_site_a', 'Grid', '#003fa3'], ['ct_solar_a', 'Solar', '#a86b00'], ['ct_vehicle_a', 'Car', '#0a6b2b']] },
  { label: 'Voltage', unit: 'V', zero: false, series: [['voltage_v', 'Voltage', '#5b2a86']] },
];
// About 300 points per chart whatever the range: the Pi Zero computes them, the phone draws them.
const step_for = (span_ms) => Math.max(10, Math.round(span_ms / 300 / 1000));
const local_input = (ms) => { const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60000); return d.toISOString().slice(0, 16); };

export default {
  title: 'Statistics',
  create(app) {
    const msg = status_line();
    let range = { from: Date.now() - 6 * 3600e3, to: Date.now() };
    const from_in = h('input', { type: 'datetime-local', id: 'range-from' });
    const to_in = h('input', { type: 'datetime-local', id: 'range-to' });
    const zoom = (from, to) => { range = { from, to }; load(); };
    const charts = GROUPS.map((g) => ({ g, chart: new LineChart({ label: g.label, unit: g.unit, on_zoom: zoom, zero: g.zero !== false }) }));
    const quick = h('div', { class: 'buttons', role: 'group', 'aria-label': 'Time range' },
      RANGES.map(([label, span]) => h('button', { type: 'button', 'data-range': label, onclick: () => zoom(Date.now() - span, Date.now()) }, `Last ${label}`)),
      h('button', { type: 'button', onclick: () => { const s = range.to - range.from; const m = range.from + s / 2; zoom(m - s, Math.min(Date.now(), m + s)); } }, 'Zoom out'));
    const apply = h('button', { type: 'button', onclick: () => {
      const f = Date.parse(from_in.value); const t = Date.parse(to_in.value);
      if (!(f < t)) return msg.show('Pick a start before the end.', 'bad');
      zoom(f, t);
    } }, 'Show');
    const el = h('div', {},
      card('Time range', quick, h('div', { class: 'row' }, field('From', from_in), field('To', to_in), apply),
        h('p', { class: 'hint' }, 'Zoom: drag across a chart, or focus it and press + or −; arrow keys move in time.'), msg),
      ...charts.map(({ g, chart }) => card(g.label, chart.el)));
    let seq = 0;
    async function load() {
      from_in.value = local_input(range.from); to_in.value = local_input(range.to);
      const c = app.charger();
      if (!c) return msg.show('No charger yet.', 'warn');
      const mine = ++seq;
      msg.show('Loading…');
      try {
        const data = await api.series(c.id, range.from, range.to, step_for(range.to - range.from));
        if (mine !== seq) return;
        msg.clear();
        for (const { g, chart } of charts) {
          chart.draw({ from: range.from, to: range.to,
            series: g.series.map(([id, label, color, dash]) => ({ id, label, color, dash, points: (data.series[id] || []).map(([t, v]) => [t, v === null ? null : v * (g.scale || 1)]) })) });
        }
      } catch (e) { if (mine === seq) msg.show(error_text(e), 'bad'); }
    }
    load();
    return { el };
  },
};
