// The OCPP message log of one charger, for power users: the frames the hub keeps in memory (GET
// /api/chargers/{id}/log), newest first. Read when opened and on Refresh, not live: it is for looking
// back, and every frame as a live event would double the event stream's traffic on a phone.
import * as api from '../api.js';
import { h, status_line, error_text } from '../dom.js';

const WAY = { in: '← from charger', out: '→ to charger' };
const KIND = { CALL: '', CALLRESULT: ' answer', CALLERROR: ' error', invalid: ' (not OCPP)' };

export function message_log_view(charger_id, zone) {
  const list = h('ol', { class: 'log', id: 'message-log-items' });
  const note = h('p', { class: 'hint', id: 'message-log-note' });
  const msg = status_line();
  const refresh = h('button', { type: 'button', id: 'message-log-refresh', onclick: () => load() }, 'Refresh message log');
  let loaded = false;
  const box = h('details', { class: 'message-log', id: 'message-log', ontoggle: () => { if (box.open && !loaded) load(); } },
    h('summary', {}, 'Show the OCPP messages (for power users)'), note, h('div', { class: 'buttons' }, refresh), msg, list);

  async function load() {
    refresh.disabled = true;
    msg.show('Loading…', 'info');
    try {
      const log = await api.message_log(charger_id);
      loaded = true;
      msg.clear();
      if (log === null) { note.textContent = 'The hub does not keep a message log.'; list.replaceChildren(); return; }
      note.textContent = `Up to the last ${log.capacity} messages between the hub and ${charger_id}, newest first. ` +
        'Kept in the hub\'s memory only: a restart empties it.';
      list.replaceChildren(...(log.items.length ? log.items.map((m) => item(m, zone)) : [h('li', {}, 'No messages yet.')]));
    } catch (e) {
      msg.show(error_text(e), 'bad');
    } finally {
      refresh.disabled = false;
    }
  }
  return box;
}

function item(m, zone) {
  const label = `${clock(m.t, zone)} ${WAY[m.direction] || m.direction}: ${m.action || '?'}${KIND[m.type] ?? ''}`;
  return h('li', { 'data-direction': m.direction, 'data-type': m.type, 'data-action': m.action },
    h('details', {}, h('summary', {}, label), h('pre', {}, pretty(m))));
}

// "14:03:07.251": messages come in bursts, the milliseconds keep them apart.
function clock(t, zone) {
  const ms = Date.parse(t);
  if (!Number.isFinite(ms)) return '—';
  let text;
  try {
    text = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: zone || undefined }).format(ms);
  } catch { text = new Date(ms).toLocaleTimeString(); }
  return `${text}.${String(((ms % 1000) + 1000) % 1000).padStart(3, '0')}`;
}

function pretty(m) {
  if (m.truncated) return `${m.frame}\n… cut here: ${m.bytes} bytes in all`;
  try { return JSON.stringify(JSON.parse(m.frame), null, 1); } catch { return m.frame; }
}
