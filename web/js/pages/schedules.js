// "Schedules": weekly charging windows with a week timeline that shows overlaps and the next charge.
import * as api from '../api.js';
import { h, card, field, status_line, run } from '../dom.js';
import { DAYS, DAY_NAMES, validate, segments, overlaps, next_charge, week_minute, from_min } from '../schedule.js';
import { fmt_a, fmt_datetime } from '../format.js';

const NS = 'http://www.w3.org/2000/svg';
const svg_el = (tag, attrs) => { const e = document.createElementNS(NS, tag); for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v); return e; };

// Seven rows (Mon..Sun) × 24 h; windows in blue, overlaps in red, the next charge outlined, now as a line.
function timeline(windows, zone, now_ms) {
  const W = 420; const row = 30; const left = 36; const H = row * 7 + 20;
  const svg = svg_el('svg', { viewBox: `0 0 ${W} ${H}`, class: 'timeline', role: 'img', id: 'timeline' });
  const x = (min) => left + ((min % 1440) / 1440) * (W - left - 4);
  DAYS.forEach((d, i) => {
    const t = svg_el('text', { x: 2, y: i * row + 19, class: 'day' }); t.textContent = DAY_NAMES[d]; svg.append(t);
    svg.append(svg_el('rect', { x: left, y: i * row + 3, width: W - left - 4, height: row - 6, fill: '#eee', stroke: '#999' }));
  });
  for (let hr = 0; hr <= 24; hr += 6) {
    const t = svg_el('text', { x: left + (hr / 24) * (W - left - 4), y: H - 4, class: 'day', 'text-anchor': hr === 0 ? 'start' : hr === 24 ? 'end' : 'middle' });
    t.textContent = `${String(hr).padStart(2, '0')}:00`; svg.append(t);
  }
  // A stretch may span into the next day's row; draw it day by day.
  const draw = (start, end, cls) => {
    for (let a = start; a < end;) {
      const day = Math.floor(a / 1440) % 7; const day_end = (Math.floor(a / 1440) + 1) * 1440; const b = Math.min(end, day_end);
      svg.append(svg_el('rect', { x: x(a), y: day * row + 3, width: Math.max(1, x(b - 1) - x(a) + (W - left - 4) / 1440), height: row - 6, class: cls }));
      a = b;
    }
  };
  for (const s of segments(windows)) draw(s.start, s.end, 'win');
  for (const o of overlaps(windows)) draw(o.start, o.end, 'overlap');
  const next = next_charge(windows, now_ms, zone);
  if (next) {
    const start = week_minute(next.active ? now_ms : next.start_ms, zone);
    draw(start, start + Math.round((next.end_ms - Math.max(next.start_ms, next.active ? now_ms : next.start_ms)) / 60000), 'next');
  }
  const now = week_minute(now_ms, zone); const day = Math.floor(now / 1440);
  svg.append(svg_el('line', { x1: x(now), x2: x(now), y1: day * row, y2: day * row + row, class: 'nowline' }));
  const o = overlaps(windows).length;
  svg.setAttribute('aria-label', `Week timeline: ${segments(windows).length} charging stretches${o ? `, ${o} overlapping` : ''}`);
  return svg;
}

// The server's next window may be the one on now (its start already past).
function saved_text(next, zone) {
  if (!next) return 'Saved and sent to the charger.';
  return Date.parse(next.start) <= Date.now()
    ? `Saved and sent to the charger. Charging window on now until ${fmt_datetime(Date.parse(next.end), zone)}.`
    : `Saved and sent to the charger. Next charge ${fmt_datetime(Date.parse(next.start), zone)}.`;
}

export default {
  title: 'Schedules',
  create(app) {
    const msg = status_line();
    const list = h('div', { id: 'windows' });
    const view = h('div', { id: 'timeline-wrap' });
    const summary = h('p', { id: 'next-charge', role: 'status', 'aria-live': 'polite' });
    let model = { zone: app.zone(), windows: [], otherwise_a: 0 };
    const otherwise = h('input', { type: 'number', min: 0, max: 32, step: 1, id: 'otherwise', value: 0 });
    otherwise.addEventListener('input', () => { model.otherwise_a = Number(otherwise.value); preview(); });

    function window_editor(w, i) {
      const days = h('fieldset', { class: 'days' }, h('legend', {}, 'Days'),
        DAYS.map((d) => h('label', {}, h('input', { type: 'checkbox', name: `w${i}-${d}`, checked: w.days.includes(d), onchange: (ev) => {
          w.days = ev.target.checked ? DAYS.filter((x) => x === d || w.days.includes(x)) : w.days.filter((x) => x !== d); preview();
        } }), DAY_NAMES[d])));
      const inp = (key, type, attrs) => {
        const e = h('input', { type, value: w[key], name: `w${i}-${key}`, ...attrs });
        e.addEventListener('input', () => { w[key] = type === 'number' ? Number(e.value) : e.value; preview(); });
        return e;
      };
      return h('div', { class: 'window', 'data-index': i }, h('h3', {}, `Window ${i + 1}`), days,
        h('div', { class: 'row' }, field('From', inp('start', 'time', { required: true })), field('To', inp('end', 'time', { required: true })),
          field('Current (A)', inp('current_a', 'number', { min: 0, max: 32, step: 1 }))),
        h('button', { type: 'button', class: 'danger', onclick: () => { model.windows.splice(i, 1); rebuild(); } }, `Remove window ${i + 1}`));
    }
    function rebuild() { list.replaceChildren(...model.windows.map(window_editor)); preview(); }
    function preview() {
      view.replaceChildren(timeline(model.windows, model.zone, Date.now()));
      const errs = validate(model);
      const o = overlaps(model.windows);
      for (const el of list.querySelectorAll('.window')) {
        const i = Number(el.dataset.index);
        if (o.some((x) => x.indexes.includes(i))) el.dataset.overlap = ''; else delete el.dataset.overlap;
      }
      const n = next_charge(model.windows, Date.now(), model.zone);
      const lines = [];
      if (n) lines.push(n.active ? `Charging window on now until ${fmt_datetime(n.end_ms, model.zone)} at ${fmt_a(n.current_a)}.`
        : `Next charge: ${fmt_datetime(n.start_ms, model.zone)} – ${from_min(week_minute(n.end_ms, model.zone))} at ${fmt_a(n.current_a)}.`);
      else lines.push('No charging windows: the car charges at the "otherwise" current.');
      if (o.length) lines.push(`${o.length} overlap(s) in red: the higher current wins there.`);
      if (errs.length) lines.push(...errs.map((e) => (e.index === null ? e.message : `Window ${e.index + 1}: ${e.message}`)));
      summary.textContent = lines.join(' ');
      save.disabled = errs.length > 0;
    }
    const save = h('button', { type: 'button', class: 'primary', onclick: (ev) => run(ev.currentTarget, msg, async () => {
      const body = { zone: model.zone, windows: model.windows.map((w) => ({ days: w.days, start: w.start, end: w.end, current_a: w.current_a })), otherwise_a: model.otherwise_a };
      const r = await api.put_schedules(body);
      app.schedule = r;
      return r;
    }, (r) => saved_text(r && r.next_window, model.zone)) }, 'Save schedule');
    const add = h('button', { type: 'button', onclick: () => { model.windows.push({ days: [...DAYS], start: '00:30', end: '05:30', current_a: 32 }); rebuild(); } }, 'Add window');

    const el = h('div', {},
      card('Week at a glance', view, summary),
      card('Charging windows', h('p', { class: 'hint' }, 'Times are in the hub\'s time zone: ', h('b', { id: 'zone' }, model.zone || 'not set'),
        '. A window that ends before it starts runs past midnight.'), list, h('div', { class: 'buttons' }, add),
      field('Outside the windows (A, 0 = do not charge)', otherwise), h('div', { class: 'buttons' }, save), msg));

    (async () => {
      const s = app.schedule || (await app.refresh_schedule());
      if (s) {
        model = { zone: s.zone || app.zone(), windows: (s.windows || []).map((w) => ({ ...w, days: [...w.days] })), otherwise_a: s.otherwise_a || 0 };
        otherwise.value = model.otherwise_a;
        el.querySelector('#zone').textContent = model.zone || 'not set';
      }
      rebuild();
    })();
    return { el, on_tick: () => view.replaceChildren(timeline(model.windows, model.zone, Date.now())) };
  },
};
