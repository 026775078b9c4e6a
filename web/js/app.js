// Start-up, log-in, hash routing and the live state every page reads.
import * as api from './api.js';
import { h } from './dom.js';
import { describe, is_stale } from './model.js';
import { login_page, setup_page } from './pages/login.js';
import now from './pages/now.js';
import control from './pages/control.js';
import schedules from './pages/schedules.js';
import solar from './pages/solar.js';
import sessions from './pages/sessions.js';
import stats from './pages/stats.js';
import calibrate from './pages/calibrate.js';
import chargers from './pages/chargers.js';
import settings from './pages/settings.js';

const PAGES = { now, control, schedules, solar, sessions, stats, calibrate, chargers, settings };
const NAV = [['now', 'Now'], ['control', 'Control'], ['schedules', 'Schedules'], ['solar', 'Solar & home'],
  ['sessions', 'Sessions'], ['stats', 'Statistics'], ['calibrate', 'CT calibration'], ['chargers', 'Chargers'], ['settings', 'Settings']];

// Shared state: pages read it through `app` and get on_charger()/on_tick() calls while shown.
export const app = {
  user: null,
  chargers: new Map(),
  selected_id: localStorage.getItem('charger') || null,
  link_up: null, // null until the event stream first opens or fails
  settings: { zone: undefined },
  currency: 'GBP',
  schedule: null,
  page: null,
  charger() { return this.chargers.get(this.selected_id) || this.chargers.values().next().value || null; },
  zone() { return this.settings.zone || undefined; },
  stale(c = this.charger()) { return is_stale(c, Date.now(), this.link_up !== false); },
  async refresh_schedule() {
    try { this.schedule = await api.get_schedules(); } catch { /* shown on the schedules page */ }
    return this.schedule;
  },
  go(route) { location.hash = `#/${route}`; },
};

const main = document.getElementById('view');
const banner = document.getElementById('banner');
const header_state = document.getElementById('state');
const nav = document.getElementById('nav');
const picker = document.getElementById('charger-picker');
let unsubscribe = null;

api.on_unauthorized(() => show_login());

function show(el, title) {
  main.replaceChildren(el);
  document.title = `${title} — EO charger`;
}

function route() { return (location.hash.replace(/^#\/?/, '').split('?')[0] || 'now'); }

async function start() {
  let session;
  try { session = await api.get_session(); } catch (e) {
    show(h('p', { class: 'msg', 'data-tone': 'bad' }, e.message), 'Error');
    return;
  }
  if (!session.user) {
    const code = new URLSearchParams(location.search).get('code');
    if (session.setup_required || code) return show_setup(code || '', session.setup_required);
    return show_login();
  }
  app.user = session.user;
  await enter();
}

function show_login() {
  if (unsubscribe) { unsubscribe(); unsubscribe = null; }
  app.user = null;
  document.body.classList.add('logged-out');
  show(login_page(async (session) => { app.user = session.user; await enter(); }), 'Log in');
}
function show_setup(code, required) {
  document.body.classList.add('logged-out');
  show(setup_page(code, required, async (session) => {
    app.user = session.user;
    history.replaceState(null, '', location.pathname.replace(/\/setup$/, '/') + '#/now');
    await enter();
  }), 'First-run setup');
}

async function enter() {
  document.body.classList.remove('logged-out');
  const [list, settings, tariffs] = await Promise.allSettled([api.list_chargers(), api.get_settings(), api.get_tariffs()]);
  if (tariffs.status === 'fulfilled' && tariffs.value) app.currency = tariffs.value.currency || app.currency;
  if (list.status === 'fulfilled') for (const c of list.value) app.chargers.set(c.id, c);
  if (settings.status === 'fulfilled' && settings.value) app.settings = settings.value;
  await app.refresh_schedule();
  if (!app.chargers.has(app.selected_id)) app.selected_id = app.chargers.keys().next().value || null;
  build_picker();
  if (unsubscribe) unsubscribe();
  unsubscribe = api.subscribe({
    on_state(up) {
      app.link_up = up;
      if (!up && app.user) api.get_session().then((s) => { if (!s.user) show_login(); }).catch(() => {});
      refresh_header(); notify_tick();
    },
    on_charger(c) {
      const is_new = !app.chargers.has(c.id);
      app.chargers.set(c.id, c);
      if (!app.selected_id) app.selected_id = c.id;
      if (is_new) build_picker();
      refresh_header();
      if (app.page && app.page.on_charger) app.page.on_charger(c);
    },
  });
  render();
}

function build_picker() {
  picker.replaceChildren();
  if (app.chargers.size < 2) { picker.hidden = true; return; }
  picker.hidden = false;
  const select = h('select', { id: 'charger-select', onchange: (ev) => {
    app.selected_id = ev.target.value; localStorage.setItem('charger', app.selected_id); render();
  } }, [...app.chargers.keys()].map((id) => h('option', { value: id, selected: id === app.selected_id }, id)));
  picker.append(h('label', { for: 'charger-select' }, 'Charger '), select);
}

function refresh_header() {
  const c = app.charger();
  const d = describe(c, { link_up: app.link_up !== false, next_window: app.schedule && app.schedule.next_window, zone: app.zone() });
  if (header_state.textContent !== d.text) header_state.textContent = d.text;
  header_state.dataset.tone = d.tone;
  banner.hidden = app.link_up !== false;
  banner.textContent = app.link_up !== false ? '' : 'No live connection to the hub — retrying. Values may be out of date.';
  document.body.classList.toggle('stale', app.stale());
}

function notify_tick() { if (app.page && app.page.on_tick) app.page.on_tick(); }

function render() {
  if (!app.user) return;
  const name = PAGES[route()] ? route() : 'now';
  if (app.page && app.page.destroy) app.page.destroy();
  app.page = null;
  for (const a of nav.querySelectorAll('a')) {
    if (a.dataset.route === name) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  const page = PAGES[name];
  const instance = page.create(app);
  app.page = instance;
  show(instance.el, page.title);
  refresh_header();
  if (document.activeElement && document.activeElement.closest('nav')) main.focus({ preventScroll: true });
}

nav.append(...NAV.map(([r, label]) => h('a', { href: `#/${r}`, 'data-route': r }, label)));
document.getElementById('logout').addEventListener('click', async () => { try { await api.logout(); } finally { show_login(); } });
window.addEventListener('hashchange', render);
// Re-checks how old the readings are every 5 s (a local clock, no request): values age into "stale".
// The schedule's next window is re-read once it has ended (one request per window, not a polling loop).
setInterval(() => {
  if (!app.user) return;
  const nw = app.schedule && app.schedule.next_window;
  if (nw && Date.parse(nw.end) < Date.now() && app.schedule_checked_end !== nw.end) {
    app.schedule_checked_end = nw.end; // once per window end, even if the server answers the same
    app.refresh_schedule();
  }
  refresh_header(); notify_tick();
}, 5000);
start();
