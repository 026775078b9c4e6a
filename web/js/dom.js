// A small element builder: h('button', {class: 'primary', onclick}, 'Pause').
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'for') el.htmlFor = v;
    else if (k === 'value') el.value = v;
    else if (k === 'checked' || k === 'disabled' || k === 'selected') el[k] = Boolean(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}
function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

let next_id = 0;
export const uid = (prefix = 'f') => `${prefix}-${++next_id}`;

// A labelled form field; `input` is the control element (its id is set here).
export function field(label, input, hint) {
  input.id = input.id || uid();
  const hint_el = hint ? h('small', { id: input.id + '-hint', class: 'hint' }, hint) : null;
  if (hint_el) input.setAttribute('aria-describedby', hint_el.id);
  return h('div', { class: 'field' }, h('label', { for: input.id }, label), input, hint_el);
}

// A message line for the result of an action; role=status so screen readers announce it.
export function status_line() {
  const el = h('p', { class: 'msg', role: 'status', 'aria-live': 'polite' });
  el.show = (text, tone = 'info') => { el.textContent = text; el.dataset.tone = tone; };
  el.clear = () => { el.textContent = ''; delete el.dataset.tone; };
  return el;
}

// Runs an async action with the button disabled and the outcome written to `msg`.
export async function run(button, msg, action, done_text) {
  if (button) button.disabled = true;
  msg && msg.show('Working…', 'info');
  try {
    const r = await action();
    msg && (done_text ? msg.show(typeof done_text === 'function' ? done_text(r) : done_text, 'good') : msg.clear());
    return r;
  } catch (e) {
    msg && msg.show(error_text(e), 'bad');
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}
export function error_text(e) {
  if (e && e.status === 429) return `Too many attempts, try again in ${e.retry_after_s || 60} s.`;
  return (e && e.message) || String(e);
}

export function card(title, ...children) {
  return h('section', { class: 'card', 'aria-label': title }, h('h2', {}, title), ...children);
}
