// "Chargers": every charge point, accepting new ones, their OCPP configuration, maintenance commands
// and the message log when the hub keeps one.
import * as api from '../api.js';
import { h, card, status_line, run } from '../dom.js';
import { message_log_view } from './message_log.js';
import { connector_status } from '../model.js';
import { fmt_age } from '../format.js';

export default {
  title: 'Chargers',
  create(app) {
    const msg = status_line();
    const list = h('div', { id: 'charger-list' });
    const detail = h('div', { id: 'charger-detail' });

    function render_list() {
      const items = [...app.chargers.values()];
      if (!items.length) { list.replaceChildren(h('p', {}, 'No charger has connected yet. Point your charger at the OCPP address under Settings.')); return; }
      list.replaceChildren(h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, ['Charger', 'Link', 'Status', 'Last seen', ''].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, items.map((c) => h('tr', { 'data-charger': c.id },
          h('td', {}, c.id), h('td', {}, h('span', { class: `pill ${c.connected ? 'good' : 'bad'}` }, c.connected ? 'online' : 'offline')),
          h('td', {}, c.pending ? h('span', { class: 'pill warn' }, 'waiting for approval') : connector_status(c)),
          h('td', {}, c.last_seen ? fmt_age(Date.now() - Date.parse(c.last_seen)) : '—'),
          h('td', {}, c.pending ? h('span', { class: 'buttons' },
            h('button', { type: 'button', class: 'primary', onclick: (ev) => run(ev.currentTarget, msg, () => api.accept_charger(c.id), `${c.id} accepted.`) }, `Accept ${c.id}`),
            h('button', { type: 'button', class: 'danger', onclick: (ev) => run(ev.currentTarget, msg, () => api.reject_charger(c.id), `${c.id} rejected.`) }, `Reject ${c.id}`))
            : h('button', { type: 'button', onclick: () => { app.selected_id = c.id; localStorage.setItem('charger', c.id); render_detail(); } }, `Details of ${c.id}`))))))));
    }

    let detail_id = null; // the charger the detail card shows
    function render_detail() {
      const c = app.charger();
      detail_id = c ? c.id : null;
      if (!c) { detail.replaceChildren(); return; }
      const dmsg = status_line();
      const cmd = (label, action, payload, confirm_text, cls = '') => h('button', { type: 'button', class: cls, onclick: (ev) => {
        if (confirm_text && !confirm(confirm_text)) return;
        run(ev.currentTarget, dmsg, () => api.command(c.id, action, payload), (r) => `${action}: ${r && r.status ? r.status : 'done'}`);
      } }, label);
      const keys = Object.keys(c.configuration).sort();
      const rows = keys.map((k) => {
        const entry = c.configuration[k];
        if (entry.readonly) return h('li', { class: 'cfg' }, h('span', { class: 'cfg-key' }, k), h('code', {}, entry.value ?? '—'), h('span', { class: 'hint' }, 'read-only'));
        const input = h('input', { type: 'text', value: entry.value ?? '', 'aria-label': k, name: k });
        return h('li', { class: 'cfg' }, h('span', { class: 'cfg-key' }, k), input, h('span', {},
          h('button', { type: 'button', onclick: (ev) => run(ev.currentTarget, dmsg, async () => {
            const r = await api.command(c.id, 'ChangeConfiguration', { key: k, value: input.value });
            if (r && (r.status === 'Accepted' || r.status === 'RebootRequired')) entry.value = input.value;
            return r;
          }, (r) => `${k}: ${r && r.status}`) }, 'Set')));
      });
      detail.replaceChildren(card(`Charger ${c.id}`,
        h('p', {}, 'Endpoint for this charger: ', h('code', {}, ocpp_url(app, c.id))),
        h('div', { class: 'buttons' },
          h('button', { type: 'button', onclick: (ev) => run(ev.currentTarget, dmsg, async () => {
            const r = await api.command(c.id, 'GetConfiguration', {});
            for (const k of (r && r.configurationKey) || []) c.configuration[k.key] = { value: k.value ?? null, readonly: Boolean(k.readonly) };
            render_detail();
          }) }, 'Refresh configuration'),
          cmd('Ask for status', 'TriggerMessage', { requestedMessage: 'StatusNotification', connectorId: 1 }),
          cmd('Unlock cable', 'UnlockConnector', { connectorId: 1 }, 'Unlock the cable now? A running session stops.'),
          cmd('Disable', 'ChangeAvailability', { connectorId: 0, type: 'Inoperative' }, 'Disable the charger? It will not charge until enabled.', 'danger'),
          cmd('Enable', 'ChangeAvailability', { connectorId: 0, type: 'Operative' }),
          cmd('Restart charger', 'Reset', { type: 'Soft' }, 'Restart the charger? A running session stops.', 'danger')),
        dmsg,
        h('h3', {}, 'OCPP configuration'),
        h('ul', { id: 'config-table', class: 'cfg-list' }, rows),
        h('h3', {}, 'Message log'), message_log_view(c.id, app.zone())));
    }
    const el = h('div', {}, card('All chargers', list, msg), detail);
    render_list(); render_detail();
    let shown = '';
    return {
      el,
      on_charger() {
        const sig = [...app.chargers.values()].map((c) => `${c.id}${c.connected}${c.pending}${connector_status(c)}`).join();
        if (sig !== shown) { shown = sig; render_list(); }
        // The first charger to connect while this page is open gets its detail card then.
        if ((app.charger() && app.charger().id) !== detail_id) render_detail();
      },
    };
  },
};

export function ocpp_url(app, id) {
  const s = app.settings || {};
  const host = s.ocpp_host || location.hostname;
  const path = (s.ocpp_path || '/ocpp/').replace(/\/?$/, '/');
  // csms-lite serves the UI and OCPP on one port, TLS or not for both (http.tls_certificate).
  const tls = location.protocol === 'https:';
  const port = s.ocpp_port || location.port || (tls ? 443 : 80);
  return `${tls ? 'wss' : 'ws'}://${host}:${port}${path}${encodeURIComponent(id)}`;
}
