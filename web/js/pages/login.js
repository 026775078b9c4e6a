// Log-in and first-run setup (the setup code is printed in the hub's log).
import * as api from '../api.js';
import { h, field, status_line, error_text } from '../dom.js';

export function login_page(on_done) {
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const msg = status_line();
  const submit = h('button', { class: 'primary', type: 'submit' }, 'Log in');
  const form = h('form', { class: 'card login', onsubmit: async (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    msg.show('Checking…');
    try { const session = await api.login(password.value); msg.clear(); await on_done(session); }
    catch (e) {
      msg.show(e.status === 401 ? 'Wrong password.' : error_text(e), 'bad');
      password.select();
    } finally { submit.disabled = false; }
  } }, h('h2', {}, 'Log in to your charger'), field('Password', password), msg, h('div', { class: 'buttons' }, submit));
  queueMicrotask(() => password.focus());
  return form;
}

export function setup_page(code, required, on_done) {
  const code_in = h('input', { type: 'text', name: 'code', value: code, autocomplete: 'off', required: true, inputmode: 'text' });
  const pw = h('input', { type: 'password', name: 'new-password', autocomplete: 'new-password', required: true, minlength: 8 });
  const pw2 = h('input', { type: 'password', name: 'confirm-password', autocomplete: 'new-password', required: true });
  const msg = status_line();
  const submit = h('button', { class: 'primary', type: 'submit' }, 'Set password');
  const form = h('form', { class: 'card login', onsubmit: async (ev) => {
    ev.preventDefault();
    if (pw.value.length < 8) return msg.show('Use at least 8 characters.', 'bad');
    if (pw.value !== pw2.value) return msg.show('The two passwords differ.', 'bad');
    submit.disabled = true;
    try { const session = await api.setup(code_in.value.trim(), pw.value); msg.clear(); await on_done(session); }
    catch (e) { msg.show(e.status === 401 || e.field === 'code' ? `Setup code not accepted: ${e.message}` : error_text(e), 'bad'); }
    finally { submit.disabled = false; }
  } },
  h('h2', {}, 'Welcome — choose a password'),
  h('p', {}, required ? 'This hub has no password yet. ' : '',
    'Enter the setup code from the hub\'s log (it is printed when the hub starts) and choose a password for this page.'),
  field('Setup code', code_in), field('New password', pw, 'At least 8 characters.'), field('Repeat the password', pw2),
  msg, h('div', { class: 'buttons' }, submit));
  queueMicrotask(() => (code ? pw : code_in).focus());
  return form;
}
