// kWh and cost per day, week (Monday first) and month from the transactions, in the hub's time zone.
const DAY_MS = 86_400_000;

function ymd(ms, zone) {
  const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: zone || undefined }).formatToParts(ms);
  const get = (t) => Number(parts.find((p) => p.type === t).value);
  return { y: get('year'), m: get('month'), d: get('day') };
}
const day_number = ({ y, m, d }) => Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

// → {days:[{label, kwh, cost}] ×7, weeks ×4, months ×months}, oldest first. A session counts where it
// started (sessions rarely cross a day; splitting one by its meter values is left to the server).
export function aggregate(items, now_ms, zone, months = 6) {
  const today = ymd(now_ms, zone);
  const today_n = day_number(today);
  const weekday = (new Date(today_n * DAY_MS).getUTCDay() + 6) % 7; // 0 = Monday
  const mk = (n, label) => Array.from({ length: n }, (_, i) => ({ label: label(n - 1 - i), kwh: 0, cost: 0 }));
  const days = mk(7, (back) => (back === 0 ? 'Today' : WEEKDAYS[new Date((today_n - back) * DAY_MS).getUTCDay()]));
  const weeks = mk(4, (back) => (back === 0 ? 'This week' : `${back} wk ago`));
  const month_list = mk(months, (back) => {
    const idx = today.y * 12 + (today.m - 1) - back;
    return `${MONTHS[idx % 12]}${idx % 12 === 0 || back === months - 1 ? ' ' + Math.floor(idx / 12) : ''}`;
  });
  for (const t of items) {
    const start = Date.parse(t.start);
    if (!Number.isFinite(start) || start > now_ms) continue;
    const kwh = (t.energy_wh || 0) / 1000;
    const cost = t.cost || 0;
    const when = ymd(start, zone);
    const back = today_n - day_number(when);
    const add = (list, i) => { if (i >= 0 && i < list.length) { list[list.length - 1 - i].kwh += kwh; list[list.length - 1 - i].cost += cost; } };
    add(days, back);
    add(weeks, back <= weekday ? 0 : 1 + Math.floor((back - weekday - 1) / 7));
    add(month_list, (today.y * 12 + today.m) - (when.y * 12 + when.m));
  }
  return { days, weeks, months: month_list };
}
