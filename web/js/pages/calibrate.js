// "CT calibration": the last 15 minutes of a clamp, with scale and offset sliders whose effect on the
// chart shows before anything is sent. Saving writes the two keys with ChangeConfiguration.
import * as api from '../api.js';
import { h, card, field, status_line, run, error_text } from '../dom.js';
import { LineChart } from '../chart.js';
import { CTS, config_value, config_number } from '../keys.js';
import { recalibrate } from '../model.js';
import { fmt_a } from '../format.js';

const WINDOW_MS = 15 * 60_000;

export default {
  title: 'CT calibration',
  create(app) {
    const msg = status_line();
    let ct = CTS[0];
    // [{t: ms, v: reported with the calibration then in force, raw: before calibration or null}]
    let points = [];
    let current = { scale: 1, offset: 0 };
    const chart = new LineChart({ label: 'Last 15 minutes', unit: 'A' });
    const choose = h('select', { id: 'ct-select' }, CTS.map((c) => h('option', { value: c.id }, c.label)));
    const scale = h('input', { type: 'range', id: 'ct-scale', min: 0.8, max: 1.2, step: 0.001 });
    // The charge point takes -2 to +2 A (EO_Ct*OffsetA).
    const offset = h('input', { type: 'range', id: 'ct-offset', min: -2, max: 2, step: 0.1 });
    const scale_out = h('output', { for: 'ct-scale', id: 'ct-scale-out' });
    const offset_out = h('output', { for: 'ct-offset', id: 'ct-offset-out' });
    const readout = h('p', { id: 'ct-preview', 'aria-live': 'polite' });
    const note = h('p', { class: 'hint' });
    const candidate = () => ({ scale: Number(scale.value), offset: Number(offset.value) });
    // What a point would read with `cand`: from the raw reading when the charge point sent it, else by
    // undoing the calibration it was reported with; unchanged while the sliders are where they were.
    const preview = (p, cand) => {
      if (p.v === null || (cand.scale === current.scale && cand.offset === current.offset)) return p.v;
      return p.raw !== null ? Math.max(0, p.raw * cand.scale + cand.offset) : recalibrate(p.v, current, cand);
    };

    function draw() {
      const cand = candidate();
      scale_out.textContent = `× ${cand.scale.toFixed(3)}`;
      offset_out.textContent = `${cand.offset >= 0 ? '+' : ''}${cand.offset.toFixed(1)} A`;
      const now = Date.now();
      points = points.filter((p) => p.t >= now - WINDOW_MS);
      chart.draw({ from: now - WINDOW_MS, to: now, series: [
        { id: 'reported', label: 'Reported now', color: '#6b6b6b', dash: '5 4', points: points.map((p) => [p.t, p.v]) },
        { id: 'preview', label: 'With new calibration', color: '#003fa3', points: points.map((p) => [p.t, preview(p, cand)]) }] });
      const last = [...points].reverse().find((p) => p.v !== null);
      const next = last ? preview(last, cand) : null;
      readout.textContent = last ? `Latest: ${fmt_a(last.v)} reported → ${fmt_a(+next.toFixed(1))} with the new calibration` : 'No readings in the last 15 minutes.';
      readout.dataset.preview = last ? next.toFixed(2) : '';
    }
    // Adds a reading unless one at that time is there already (a live event and the series overlap).
    function add(t, v, raw) {
      if (!Number.isFinite(t) || v === null || points.some((p) => p.t === t)) return false;
      points.push({ t, v, raw: raw ?? null });
      points.sort((a, b) => a.t - b.t);
      return true;
    }
    async function load() {
      const c = app.charger();
      ct = CTS.find((x) => x.id === choose.value);
      current = { scale: config_number(c, ct.scale, 1), offset: config_number(c, ct.offset, 0) };
      scale.value = current.scale; offset.value = current.offset;
      const supported = config_value(c, ct.scale) !== null && config_value(c, ct.offset) !== null;
      note.textContent = supported ? `Saved as ${ct.scale} and ${ct.offset}.` : `This charger has no ${ct.scale} / ${ct.offset} keys: calibration cannot be saved.`;
      save.disabled = !supported;
      points = [];
      draw();
      if (!c) return;
      try {
        const now = Date.now();
        const data = await api.series(c.id, now - WINDOW_MS, now, 10);
        const raw = new Map((data.series[ct.raw_series] || []).map(([t, v]) => [t, v]));
        for (const [t, v] of data.series[ct.series] || []) add(t, v, raw.get(t));
        draw();
      } catch (e) { msg.show(error_text(e), 'bad'); }
    }
    const save = h('button', { type: 'button', class: 'primary', id: 'ct-save', onclick: (ev) => run(ev.currentTarget, msg, async () => {
      const c = app.charger(); const cand = candidate();
      const a = await api.command(c.id, 'ChangeConfiguration', { key: ct.scale, value: cand.scale.toFixed(3) });
      const b = await api.command(c.id, 'ChangeConfiguration', { key: ct.offset, value: cand.offset.toFixed(1) });
      if (a.status === 'Accepted' && b.status === 'Accepted') {
        points = points.map((p) => ({ ...p, v: preview(p, cand) })); // history now in the new calibration
        current = cand; draw();
      }
      return `Charger answered: scale ${a.status}, offset ${b.status}`;
    }, (r) => r) }, 'Save calibration');
    const reset = h('button', { type: 'button', onclick: () => { scale.value = current.scale; offset.value = current.offset; draw(); } }, 'Undo changes');
    scale.addEventListener('input', draw); offset.addEventListener('input', draw);
    choose.addEventListener('change', load);
    const el = h('div', {},
      card('Clamp', field('Current clamp (CT)', choose), readout, chart.el),
      card('Calibration', h('p', { class: 'hint' }, 'Compare with a clamp meter: move the sliders until the blue line matches what the meter reads.'),
        field('Scale', scale), scale_out, field('Offset', offset), offset_out, note,
        h('div', { class: 'buttons' }, save, reset), msg));
    load();
    return {
      el,
      on_charger(c) {
        if (c.id !== (app.charger() && app.charger().id) || app.stale(c)) return;
        // The charge point's CtReadings: each clamp's reading with its own time and raw value.
        const live = c.readings.ct_channels && c.readings.ct_channels[ct.id];
        if (live) { if (add(live.at_ms ?? Date.parse(c.readings_at), live.current_a, live.raw_a)) draw(); return; }
        const v = c.readings.ct ? c.readings.ct[ct.reading] : null;
        if (add(Date.parse(c.readings_at), v, null)) draw();
      },
      on_tick: draw,
    };
  },
};
