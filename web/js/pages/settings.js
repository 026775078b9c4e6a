// "Settings": password, API tokens, tariffs, time zone and the OCPP address to give a charger or
// another central system.
import * as api from '../api.js';
import { h, card, field, status_line, run, error_text } from '../dom.js';
import { ocpp_url } from './chargers.js';
import { to_min } from '../schedule.js';
import { fmt_datetime } from '../format.js';

export default {
  title: 'Settings',
  create(app) {
    // Password
    const pmsg = status_line();
    const cur = h('input', { type: 'password', autocomplete: 'current-password', id: 'pw-current' });
    const pw = h('input', { type: 'password', autocomplete: 'new-password', id: 'pw-new', minlength: 8 });
    const password = card('Password', field('Current password', cur), field('New password', pw, 'At least 8 characters.'),
      h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: (ev) => {
        if (pw.value.length < 8) return pmsg.show('Use at least 8 characters.', 'bad');
        run(ev.currentTarget, pmsg, () => api.change_password(cur.value, pw.value), 'Password changed.');
      } }, 'Change password')), pmsg);

    // Time zone
    const zmsg = status_line();
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    const zone = h('select', { id: 'zone-select' }, [...new Set([app.zone() || 'UTC', ...zones])].map((z) => h('option', { value: z, selected: z === app.zone() }, z)));
    const zone_card = card('Time zone', field('Schedules and tariffs use', zone), h('div', { class: 'buttons' },
      h('button', { type: 'button', onclick: (ev) => run(ev.currentTarget, zmsg, async () => {
        app.settings = { ...app.settings, ...(await api.put_settings({ ...app.settings, zone: zone.value })) };
      }, 'Time zone saved.') }, 'Save time zone')), zmsg);

    // Tariffs
    const tmsg = status_line();
    const currency = h('input', { type: 'text', id: 'currency', maxlength: 3, value: app.currency, autocapitalize: 'characters' });
    const periods = h('div', { id: 'periods' });
    const period_row = (p = { start: '00:00', end: '00:00', price_per_kwh: 0.25 }) => h('div', { class: 'row period' },
      field('From', h('input', { type: 'time', value: p.start, name: 'start' })), field('To', h('input', { type: 'time', value: p.end, name: 'end' })),
      field('Price per kWh', h('input', { type: 'number', step: 0.001, min: 0, value: p.price_per_kwh, name: 'price' })),
      h('button', { type: 'button', class: 'danger', onclick: (ev) => ev.currentTarget.parentElement.remove() }, 'Remove'));
    const tariffs = card('Tariffs', field('Currency (ISO code, e.g. GBP)', currency), periods,
      h('p', { class: 'hint' }, 'Periods repeat every day; 00:00 to 00:00 means all day. Later rows win where periods overlap.'),
      h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: () => periods.append(period_row()) }, 'Add period'),
        h('button', { type: 'button', class: 'primary', onclick: (ev) => run(ev.currentTarget, tmsg, async () => {
          const list = [...periods.querySelectorAll('.period')].map((row) => ({
            start: row.querySelector('[name=start]').value, end: row.querySelector('[name=end]').value,
            price_per_kwh: Number(row.querySelector('[name=price]').value) }));
          if (!/^[A-Z]{3}$/.test(currency.value.toUpperCase())) throw new Error('Currency must be a three-letter code like GBP.');
          for (const p of list) {
            if (to_min(p.start) === null || to_min(p.end) === null) throw new Error('Every period needs a start and end time.');
            if (!(p.price_per_kwh >= 0)) throw new Error('Prices cannot be negative.');
          }
          const r = await api.put_tariffs({ currency: currency.value.toUpperCase(), periods: list });
          app.currency = (r && r.currency) || currency.value.toUpperCase();
        }, 'Tariffs saved.') }, 'Save tariffs')), tmsg);
    api.get_tariffs().then((t) => { currency.value = t.currency || app.currency; periods.replaceChildren(...(t.periods || []).map(period_row)); })
      .catch((e) => tmsg.show(error_text(e), 'bad'));

    // API tokens
    const kmsg = status_line();
    const token_list = h('ul', { id: 'tokens' });
    const secret = h('div', { id: 'new-token', 'aria-live': 'polite' });
    const token_name = h('input', { type: 'text', id: 'token-name', placeholder: 'e.g. Home Assistant' });
    async function load_tokens() {
      try {
        const items = await api.list_tokens();
        token_list.replaceChildren(...(items.length ? items.map((t) => h('li', {}, `${t.name} `, h('small', { class: 'hint' }, `created ${fmt_datetime(Date.parse(t.created_at), app.zone())} `),
          h('button', { type: 'button', class: 'danger', onclick: (ev) => { if (confirm(`Revoke token "${t.name}"?`)) run(ev.currentTarget, kmsg, async () => { await api.delete_token(t.id); await load_tokens(); }, 'Token revoked.'); } }, `Revoke ${t.name}`)))
          : [h('li', {}, 'No tokens.')]));
      } catch (e) { kmsg.show(error_text(e), 'bad'); }
    }
    const tokens = card('API tokens', h('p', { class: 'hint' }, 'For Home Assistant or scripts. A token is shown once: copy it right away.'), token_list,
      field('Name', token_name), h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: (ev) => run(ev.currentTarget, kmsg, async () => {
        if (!token_name.value.trim()) throw new Error('Give the token a name.');
        const r = await api.create_token(token_name.value.trim());
        secret.replaceChildren(h('p', {}, 'Your new token (shown only now):'), h('p', { class: 'secret' }, r.token));
        token_name.value = '';
        await load_tokens();
      }, 'Token created.') }, 'Create token')), secret, kmsg);
    load_tokens();

    // OCPP endpoint
    const ids = [...app.chargers.keys()];
    const endpoint = card('OCPP address', h('p', {}, 'Give this address to a charger, or copy the charger\'s address into another central system:'),
      h('ul', {}, (ids.length ? ids : ['<charger id>']).map((id) => h('li', {}, h('code', {}, ocpp_url(app, id)), ' ',
        h('button', { type: 'button', class: 'link', onclick: () => navigator.clipboard && navigator.clipboard.writeText(ocpp_url(app, id)) }, 'Copy')))));
    return { el: h('div', { class: 'grid2' }, password, tokens, tariffs, zone_card, endpoint) };
  },
};
