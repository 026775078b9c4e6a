// "Now": what the charger is doing in words, why it offers what it offers, live values, this session.
import { h, card } from '../dom.js';
import { flow_picture } from './solar.js';
import { describe, offered_reason } from '../model.js';
import { fmt_kw, fmt_a, fmt_v, fmt_kwh, fmt_money, fmt_duration, fmt_age, fmt_datetime } from '../format.js';

export default {
  title: 'Now',
  create(app) {
    const state = h('p', { class: 'big', id: 'now-state' });
    const why = h('p', { class: 'why', id: 'now-why' });
    const age = h('p', { id: 'now-age' });
    const live = h('dl', { class: 'kv', id: 'now-live' });
    const session = h('dl', { class: 'kv', id: 'now-session' });
    const next = h('p', { id: 'now-next' });
    const home = h('div', {});
    const home_card = card('Home and solar', home);
    const el = h('div', {},
      h('section', { class: 'card', 'aria-labelledby': 'now-state' }, state, why, next),
      h('div', { class: 'grid2' }, card('Live', age, live), card('This session', session)), home_card);
    const row = (k, v) => [h('dt', {}, k), h('dd', {}, v)];

    function update() {
      const c = app.charger();
      const stale = app.stale(c);
      const d = describe(c, { link_up: app.link_up !== false, next_window: app.schedule && app.schedule.next_window, zone: app.zone() });
      state.textContent = d.text; state.dataset.tone = d.tone;
      why.textContent = c ? (stale ? `Last known: ${offered_reason(c)}` : offered_reason(c)) : '';
      why.classList.toggle('stale-note', stale && Boolean(c));
      const nw = app.schedule && app.schedule.next_window;
      next.textContent = !nw ? ''
        : Date.parse(nw.start) <= Date.now() ? `Scheduled charging window on until ${fmt_datetime(Date.parse(nw.end), app.zone())} at ${fmt_a(nw.current_a)}`
          : `Next scheduled charge: ${fmt_datetime(Date.parse(nw.start), app.zone())} at ${fmt_a(nw.current_a)}`;
      if (!c) { live.replaceChildren(); session.replaceChildren(); age.textContent = ''; return; }
      const at = Date.parse(c.readings_at || c.last_seen || '');
      age.textContent = stale
        ? `Not live — last reading ${Number.isFinite(at) ? fmt_age(Date.now() - at) : 'never'}. These values are old.`
        : `Live — updated ${fmt_age(Date.now() - at)}`;
      age.className = stale ? 'stale-note' : '';
      live.classList.toggle('stale-values', stale);
      live.setAttribute('aria-label', stale ? 'Old values, not live' : 'Live values');
      const r = c.readings;
      live.replaceChildren(...row('Power', fmt_kw(r.power_w)), ...row('Current', fmt_a(r.current_a)),
        ...row('Voltage', fmt_v(r.voltage_v)), ...row('Offered', fmt_a(c.offered && c.offered.current_a)),
        ...row('Meter', fmt_kwh(r.energy_wh)));
      home_card.hidden = !r.ct;
      if (r.ct) home.replaceChildren(flow_picture(r.ct, stale));
      const t = c.transaction;
      const currency = (t && t.currency) || app.currency;
      session.classList.toggle('stale-values', stale);
      session.replaceChildren(...(t ? [
        ...row('Energy', fmt_kwh(t.energy_wh)),
        ...row('Duration', fmt_duration(Date.now() - Date.parse(t.started_at))),
        ...row('Cost so far', fmt_money(t.cost, currency)),
        ...row('Started', fmt_datetime(Date.parse(t.started_at), app.zone())),
      ] : [h('dt', {}, 'No session'), h('dd', {}, 'Plug in to start one.')]));
    }
    update();
    return { el, on_charger: update, on_tick: update };
  },
};
