// Hand-written SVG charts: a time-series line chart with drag/keyboard zoom and a bar chart.
import { h } from './dom.js';
const NS = 'http://www.w3.org/2000/svg';
function s(tag, attrs, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children) if (c) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

export function nice_max(v) {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * p) return m * p;
  return 10 * p;
}
function time_label(ms, span_ms) {
  const d = new Date(ms);
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return span_ms > 2 * 86_400_000 ? `${d.getDate()}/${d.getMonth() + 1}` : span_ms > 86_400_000 ? `${d.getDate()}/${d.getMonth() + 1} ${hm}` : hm;
}

// new LineChart({label, unit, on_zoom(from, to)}); chart.draw({from, to, series:[{label, color, dash, points}]}).
export class LineChart {
  constructor({ label, unit = '', height = 220, on_zoom = null, zero = true }) {
    this.zero = zero; this.label = label; this.unit = unit; this.height = height; this.on_zoom = on_zoom; this.data = null;
    this.svg = s('svg', { role: 'img', 'aria-label': label, class: 'chart-svg' });
    this.legend = h('ul', { class: 'legend' });
    this.el = h('figure', { class: 'chart', tabindex: on_zoom ? 0 : null, 'aria-label': on_zoom ? `${label}: zoomable chart` : null,
      'aria-keyshortcuts': on_zoom ? '+ - ArrowLeft ArrowRight' : null }, this.svg, this.legend);
    if (on_zoom) this.attach_zoom();
    if (typeof ResizeObserver !== 'undefined') {
      let last = 0;
      new ResizeObserver(() => { const w = this.el.clientWidth; if (w !== last) { last = w; this.render(); } }).observe(this.el);
    }
  }
  draw(data) { this.data = data; this.render(); }
  geometry() {
    const width = Math.max(260, this.el.clientWidth || 600);
    return { width, height: this.height, left: 44, right: 10, top: 20, bottom: 24 };
  }
  render() {
    if (!this.data) return;
    const { from, to, series } = this.data;
    const g = this.geometry();
    this.g = g;
    let lo = Infinity; let hi = -Infinity;
    for (const sr of series) for (const [t, v] of sr.points) if (v !== null && t >= from && t <= to) { hi = Math.max(hi, v); lo = Math.min(lo, v); }
    if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
    if (this.zero) { lo = Math.min(0, lo); hi = Math.max(0, hi); }
    const step = nice_max((hi - lo || Math.abs(hi) || 1) / 4);
    const ymin = Math.floor(lo / step) * step;
    const ymax = Math.max(ymin + step, Math.ceil(hi / step) * step);
    const ticks = Math.round((ymax - ymin) / step);
    const x = (t) => g.left + ((t - from) / (to - from)) * (g.width - g.left - g.right);
    const y = (v) => g.top + (1 - (v - ymin) / (ymax - ymin)) * (g.height - g.top - g.bottom);
    const svg = this.svg;
    svg.replaceChildren();
    svg.setAttribute('viewBox', `0 0 ${g.width} ${g.height}`);
    svg.setAttribute('width', g.width); svg.setAttribute('height', g.height);
    for (let i = 0; i <= ticks; i++) {
      const v = ymin + step * i;
      svg.append(s('line', { x1: g.left, x2: g.width - g.right, y1: y(v), y2: y(v), class: 'grid' }),
        s('text', { x: g.left - 4, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, `${+v.toFixed(step < 1 ? 2 : 0)}`));
    }
    for (let i = 0; i <= 4; i++) {
      const t = from + ((to - from) * i) / 4;
      svg.append(s('text', { x: x(t), y: g.height - 6, 'text-anchor': i === 0 ? 'start' : i === 4 ? 'end' : 'middle', class: 'tick' }, time_label(t, to - from)));
    }
    svg.append(s('text', { x: g.left - 4, y: 11, 'text-anchor': 'end', class: 'tick' }, this.unit));
    this.legend.replaceChildren();
    for (const sr of series) {
      let d = ''; let pen = false;
      for (const [t, v] of sr.points) {
        if (v === null || t < from || t > to) { pen = false; continue; }
        d += `${pen ? 'L' : 'M'}${x(t).toFixed(1)},${y(v).toFixed(1)}`; pen = true;
      }
      svg.append(s('path', { d, class: 'line', stroke: sr.color, 'stroke-dasharray': sr.dash || null, 'data-series': sr.id || sr.label }));
      const last = [...sr.points].reverse().find(([, v]) => v !== null);
      this.legend.append(h('li', {}, h('span', { class: 'swatch', style: `background:${sr.color}` }), `${sr.label}`,
        last ? h('b', {}, ` ${last[1].toFixed(this.digits ?? 1)} ${this.unit}`) : null));
    }
    this.sel = s('rect', { class: 'selection', y: g.top, height: g.height - g.top - g.bottom, width: 0, x: 0 });
    svg.append(this.sel);
    this.x_to_t = (px) => from + ((px - g.left) / (g.width - g.left - g.right)) * (to - from);
  }
  attach_zoom() {
    let start = null;
    const px = (ev) => { const r = this.svg.getBoundingClientRect(); return ((ev.clientX - r.left) / r.width) * this.g.width; };
    this.svg.addEventListener('pointerdown', (ev) => { if (!this.g) return; start = px(ev); this.svg.setPointerCapture(ev.pointerId); });
    this.svg.addEventListener('pointermove', (ev) => {
      if (start === null) return;
      const p = px(ev);
      this.sel.setAttribute('x', Math.min(start, p)); this.sel.setAttribute('width', Math.abs(p - start));
    });
    this.svg.addEventListener('pointerup', (ev) => {
      if (start === null) return;
      const a = this.x_to_t(Math.min(start, px(ev))); const b = this.x_to_t(Math.max(start, px(ev)));
      start = null; this.sel.setAttribute('width', 0);
      if (b - a > 60_000) this.on_zoom(a, b);
    });
    this.el.addEventListener('keydown', (ev) => {
      if (!this.data) return;
      const { from, to } = this.data; const span = to - from; const mid = from + span / 2;
      const moves = { '+': [mid - span / 4, mid + span / 4], '=': [mid - span / 4, mid + span / 4], '-': [mid - span, mid + span],
        ArrowLeft: [from - span / 4, to - span / 4], ArrowRight: [from + span / 4, to + span / 4] };
      if (moves[ev.key]) { ev.preventDefault(); this.on_zoom(...moves[ev.key]); }
    });
  }
}

// Bars with their value written on them: bar_chart({label, unit, bars:[{label, value}]}).
export function bar_chart({ label, unit, bars, digits = 1 }) {
  const width = 320; const height = 170; const top = 18; const bottom = 22;
  const max = nice_max(Math.max(...bars.map((b) => b.value), 0));
  const slot = width / bars.length;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'bars',
    'aria-label': `${label}: ${bars.map((b) => `${b.label} ${b.value.toFixed(digits)} ${unit}`).join(', ')}` });
  bars.forEach((b, i) => {
    const bh = (b.value / max) * (height - top - bottom);
    const x = i * slot + slot * 0.15;
    svg.append(s('rect', { x, y: height - bottom - bh, width: slot * 0.7, height: Math.max(bh, 0.5), class: 'bar' }),
      s('text', { x: x + slot * 0.35, y: height - bottom - bh - 4, 'text-anchor': 'middle', class: 'tick' }, b.value.toFixed(digits)),
      s('text', { x: x + slot * 0.35, y: height - 6, 'text-anchor': 'middle', class: 'tick' }, b.label));
  });
  return h('figure', { class: 'chart' }, h('figcaption', {}, `${label} (${unit})`), svg);
}
