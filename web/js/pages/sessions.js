// "Sessions": energy per day/week/month, costs, the session table and a CSV download.
import * as api from '../api.js';
import { h, card, status_line, error_text } from '../dom.js';
import { bar_chart } from '../chart.js';
import { aggregate } from '../aggregate.js';
import { fmt_kwh, fmt_money, fmt_duration, fmt_short } from '../format.js';

// OCPP 1.6 StopTransaction reasons in plain words.
const REASONS = { EVDisconnected: 'Unplugged', Remote: 'Stopped here', Local: 'Stopped at charger', PowerLoss: 'Power cut',
  Reboot: 'Charger restarted', UnlockCommand: 'Cable unlocked', DeAuthorized: 'Card refused', EmergencyStop: 'Emergency stop', HardReset: 'Charger reset', SoftReset: 'Charger reset', Other: 'Other' };

export default {
  title: 'Sessions',
  create(app) {
    const msg = status_line();
    const charts = h('div', { class: 'grid2', id: 'session-charts' });
    const totals = h('p', { id: 'session-totals' });
    const body = h('tbody', {});
    const from_ms = Date.now() - 190 * 86_400_000;
    const csv = h('a', { href: api.transactions_csv_url({ from_ms }), download: 'charging-sessions.csv', id: 'csv', class: 'button' }, 'Download CSV');
    const head = h('thead', {});
    const el = h('div', {}, card('Energy', totals, charts, msg),
      card('Sessions', h('p', {}, csv),
        h('div', { class: 'table-wrap' }, h('table', { id: 'sessions' }, h('caption', { class: 'hint' }, 'Newest first, last 6 months'),
          head, body))));
    (async () => {
      let items;
      try { items = await api.transactions({ from_ms }); } catch (e) { msg.show(error_text(e), 'bad'); return; }
      const zone = app.zone();
      const agg = aggregate(items, Date.now(), zone, 6);
      const sum = (list) => list.reduce((a, b) => a + b.kwh, 0);
      const currency = (items.find((t) => t.currency) || {}).currency || app.currency;
      const cost = (list) => list.reduce((a, b) => a + b.cost, 0);
      totals.textContent = `Last 7 days: ${sum(agg.days).toFixed(1)} kWh, ${fmt_money(cost(agg.days), currency)}. ` +
        `Last 4 weeks: ${sum(agg.weeks).toFixed(1)} kWh, ${fmt_money(cost(agg.weeks), currency)}.`;
      charts.replaceChildren(
        bar_chart({ label: 'Per day, last 7 days', unit: 'kWh', bars: agg.days.map((b) => ({ label: b.label, value: b.kwh })) }),
        bar_chart({ label: 'Per week, last 4 weeks', unit: 'kWh', bars: agg.weeks.map((b) => ({ label: b.label, value: b.kwh })), digits: 0 }),
        bar_chart({ label: 'Per month', unit: 'kWh', bars: agg.months.map((b) => ({ label: b.label, value: b.kwh })), digits: 0 }),
        bar_chart({ label: 'Cost per month', unit: currency, bars: agg.months.map((b) => ({ label: b.label, value: b.cost })), digits: 0 }));
      const sorted = [...items].sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
      const many = new Set(items.map((t) => t.charger)).size > 1; // the charger column only when it tells something
      head.replaceChildren(h('tr', {}, ['Start', 'Duration', many && 'Charger', 'Energy', 'Cost', 'Ended by'].filter(Boolean)
        .map((t) => h('th', { scope: 'col', class: t === 'Energy' || t === 'Cost' ? 'num' : null }, t))));
      let shown = 0;
      const more = h('button', { type: 'button', id: 'more-sessions', onclick: () => show_more() }, 'Show more sessions');
      const row = (t) => h('tr', {},
        h('td', {}, fmt_short(Date.parse(t.start), zone)),
        h('td', {}, t.stop ? fmt_duration(Date.parse(t.stop) - Date.parse(t.start)) : 'in progress'),
        many ? h('td', {}, t.charger) : null, h('td', { class: 'num' }, fmt_kwh(t.energy_wh)),
        h('td', { class: 'num' }, fmt_money(t.cost, t.currency || currency)), h('td', {}, REASONS[t.stop_reason] || t.stop_reason || '—'));
      function show_more() {
        body.append(...sorted.slice(shown, shown + 20).map(row));
        shown = Math.min(sorted.length, shown + 20);
        more.hidden = shown >= sorted.length;
      }
      body.replaceChildren();
      show_more();
      body.closest('.table-wrap').after(more);
      if (!items.length) body.replaceChildren(h('tr', {}, h('td', { colspan: 6 }, 'No sessions yet.')));
    })();
    return { el };
  },
};
