// "Control": charge now, pause, resume, stop and the current slider, all as OCPP commands. The result
// shows through the event stream (the charger reports its new offer), not through optimistic guesses.
import * as api from '../api.js';
import { h, card, status_line, run } from '../dom.js';
import { describe, offered_reason, tx_profile, max_profile, remote_start, clear_ui_tx_profile, connector_status } from '../model.js';
import { fmt_a } from '../format.js';

export default {
  title: 'Control',
  create(app) {
    const msg = status_line();
    const state = h('p', { class: 'big', id: 'control-state' });
    const why = h('p', { class: 'why', id: 'control-why' });
    // Start from what the UI itself last set (a TxProfile or ChargePointMax) when the charger says so.
    const c0 = app.charger();
    const own = c0 && c0.offered && ['Tx', 'ChargePointMax'].includes(c0.offered.source) && c0.offered.current_a >= 6 ? c0.offered.current_a : null;
    const saved = Math.round(own || Number(localStorage.getItem('slider_a')) || 16);
    const slider = h('input', { type: 'range', id: 'current', min: 6, max: 32, step: 1, value: saved });
    const slider_out = h('output', { for: 'current', id: 'current-out' }, fmt_a(saved));
    const slider_label = h('label', { for: 'current' });
    const slider_hint = h('small', { class: 'hint', id: 'current-hint' });
    slider.setAttribute('aria-describedby', 'current-hint');
    const btn = (label, cls, fn) => h('button', { type: 'button', class: cls, onclick: (ev) => fn(ev.currentTarget) }, label);
    const id = () => app.charger() && app.charger().id;
    const tx = () => app.charger() && app.charger().transaction;

    const accepted = (r) => (r && r.status ? `Charger answered: ${r.status}` : 'Sent.');
    const charge_now = btn('Charge now until unplugged', 'primary', (b) => run(b, msg, () => (tx()
      ? api.command(id(), 'SetChargingProfile', tx_profile(tx().id, Number(slider.value)))
      : api.command(id(), 'RemoteStartTransaction', remote_start(Number(slider.value)))), accepted));
    const pause = btn('Pause', '', (b) => run(b, msg, () => api.command(id(), 'SetChargingProfile', tx_profile(tx().id, 0)), accepted));
    const resume = btn('Resume', '', (b) => run(b, msg, () => api.command(id(), 'ClearChargingProfile', clear_ui_tx_profile()), accepted));
    const stop = btn('Stop session', 'danger', (b) => {
      if (!confirm('Stop this charging session? The car will need to be unplugged and plugged in again, or started here.')) return;
      run(b, msg, () => api.command(id(), 'RemoteStopTransaction', { transactionId: tx().id }), accepted);
    });

    slider.addEventListener('input', () => { slider_out.textContent = fmt_a(Number(slider.value)); });
    slider.addEventListener('change', () => {
      const a = Number(slider.value);
      localStorage.setItem('slider_a', String(a));
      run(null, msg, () => (tx() ? api.command(id(), 'SetChargingProfile', tx_profile(tx().id, a))
        : api.command(id(), 'SetChargingProfile', max_profile(a))), accepted);
    });

    const el = h('div', {},
      h('section', { class: 'card', 'aria-labelledby': 'control-state' }, state, why),
      card('Charging', h('div', { class: 'buttons' }, charge_now, pause, resume, stop),
        h('p', { class: 'hint' }, 'Pause holds charging at 0 A. Resume hands control back to your schedule and solar rules.'), msg),
      card('Current', slider_label, h('div', { class: 'row' }, slider, slider_out), slider_hint));

    function update() {
      const c = app.charger();
      const d = describe(c, { link_up: app.link_up !== false, next_window: app.schedule && app.schedule.next_window, zone: app.zone() });
      state.textContent = d.text; state.dataset.tone = d.tone;
      why.textContent = c ? (app.stale(c) ? `Last known: ${offered_reason(c)}` : offered_reason(c)) : '';
      const usable = Boolean(c && c.connected && app.link_up !== false && !c.pending);
      const has_tx = Boolean(c && c.transaction);
      const status = c ? connector_status(c) : '';
      charge_now.disabled = !usable || !['Preparing', 'SuspendedEVSE', 'SuspendedEV', 'Charging', 'Finishing'].includes(status) && !has_tx;
      pause.disabled = !usable || !has_tx;
      resume.disabled = !usable || !has_tx;
      stop.disabled = !usable || !has_tx;
      slider.disabled = !usable;
      slider_label.textContent = has_tx ? 'Current for this session' : 'Maximum current for this charger';
      slider_hint.textContent = has_tx
        ? 'Applies until the car is unplugged (an OCPP TxProfile).'
        : 'A ceiling for every session, schedules and solar included (an OCPP ChargePointMaxProfile).';
    }
    update();
    return { el, on_charger: update, on_tick: update };
  },
};
