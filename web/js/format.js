// Number and time formatting shared by the pages. Dashes stand for "unknown", never a made-up zero.
const DASH = '—';
const ok = (v) => v !== null && v !== undefined && Number.isFinite(Number(v));

export function fmt_kw(w) { if (ok(w) && Number(w) === 0) return '0 kW'; return ok(w) ? `${(w / 1000).toFixed(w >= 10000 ? 1 : w >= 1000 ? 1 : 2)} kW` : DASH; }
export function fmt_a(a) { return ok(a) ? `${Number(a).toFixed(Number.isInteger(Number(a)) ? 0 : 1)} A` : DASH; }
export function fmt_v(v) { return ok(v) ? `${Math.round(v)} V` : DASH; }
export function fmt_kwh(wh) { return ok(wh) ? `${(wh / 1000).toFixed(wh >= 100000 ? 0 : wh >= 10000 ? 1 : 2)} kWh` : DASH; }
export function fmt_money(v, currency = 'GBP') {
  if (!ok(v)) return DASH;
  try { return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(v); }
  catch { return `${Number(v).toFixed(2)} ${currency}`; }
}
export function fmt_duration(ms) {
  if (!ok(ms) || ms < 0) return DASH;
  const m = Math.floor(ms / 60000);
  const h = Math.floor(m / 60);
  return h ? `${h} h ${String(m % 60).padStart(2, '0')} min` : `${m} min`;
}
export function fmt_age(ms) {
  if (!ok(ms)) return 'never';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 172800) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} days ago`;
}
export function fmt_datetime(ms, zone) {
  if (!ok(ms)) return DASH;
  try {
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: zone || undefined }).format(ms);
  } catch { return new Date(ms).toLocaleString(); }
}
// "Sat 21 Nov 01:04": fits a phone's table column.
export function fmt_short(ms, zone) {
  if (!ok(ms)) return DASH;
  try {
    return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: zone || undefined }).format(ms).replace(',', '');
  } catch { return new Date(ms).toLocaleString(); }
}
