// Weekly charging windows: validation, overlaps and the next charge, computed in the schedule's time
// zone (the phone may be elsewhere). A window whose end is not after its start runs past midnight into
// the next day ("22:00"–"06:00"), which is how people think of night tariffs.
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const DAY_NAMES = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };
const WEEK_MIN = 7 * 1440;

export function to_min(text) {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(String(text));
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}
export function from_min(min) {
  const m = ((min % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

// Problems with a schedule as [{index, field, message}] (index null for the whole schedule).
export function validate(schedule) {
  const errors = [];
  (schedule.windows || []).forEach((w, index) => {
    if (!w.days || !w.days.length) errors.push({ index, field: 'days', message: 'Pick at least one day' });
    if (w.days && w.days.some((d) => !DAYS.includes(d))) errors.push({ index, field: 'days', message: 'Unknown day' });
    if (to_min(w.start) === null) errors.push({ index, field: 'start', message: 'Start must be a time like 00:30' });
    if (to_min(w.end) === null) errors.push({ index, field: 'end', message: 'End must be a time like 05:30' });
    if (to_min(w.start) !== null && w.start === w.end) errors.push({ index, field: 'end', message: 'Start and end are the same' });
    if (!(w.current_a === 0 || (w.current_a >= 6 && w.current_a <= 32))) {
      errors.push({ index, field: 'current_a', message: 'Current must be 0 or 6–32 A' });
    }
  });
  const o = Number(schedule.otherwise_a);
  if (!(o === 0 || (o >= 6 && o <= 32))) errors.push({ index: null, field: 'otherwise_a', message: 'Must be 0 or 6–32 A' });
  return errors;
}

// Every window as stretches of minutes since Monday 00:00, split at the end of the week.
export function segments(windows) {
  const out = [];
  (windows || []).forEach((w, index) => {
    const s = to_min(w.start);
    let e = to_min(w.end);
    if (s === null || e === null || s === e) return;
    if (e <= s) e += 1440;
    for (const d of w.days || []) {
      const di = DAYS.indexOf(d);
      if (di < 0) continue;
      const a = di * 1440 + s;
      const b = di * 1440 + e;
      if (b <= WEEK_MIN) out.push({ index, start: a, end: b, current_a: w.current_a });
      else {
        out.push({ index, start: a, end: WEEK_MIN, current_a: w.current_a });
        out.push({ index, start: 0, end: b - WEEK_MIN, current_a: w.current_a });
      }
    }
  });
  return out.sort((x, y) => x.start - y.start);
}

// Stretches where two or more windows overlap: [{start, end, indexes:[i, j]}] in week minutes.
export function overlaps(windows) {
  const segs = segments(windows);
  const out = [];
  for (let i = 0; i < segs.length; i++) {
    for (let j = i + 1; j < segs.length; j++) {
      if (segs[j].start >= segs[i].end) break;
      if (segs[i].index === segs[j].index) continue;
      out.push({ start: segs[j].start, end: Math.min(segs[i].end, segs[j].end), indexes: [segs[i].index, segs[j].index] });
    }
  }
  return out;
}

// Minutes since Monday 00:00 in `zone` at instant `ms`.
export function week_minute(ms, zone) {
  const parts = new Intl.DateTimeFormat('en-GB', { weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: zone || undefined })
    .formatToParts(ms);
  const get = (t) => parts.find((p) => p.type === t).value;
  const day = DAYS.indexOf(get('weekday').toLowerCase().slice(0, 3));
  return day * 1440 + (Number(get('hour')) % 24) * 60 + Number(get('minute'));
}

// The window that is on now or comes next: {active, start_ms, end_ms, current_a, index} or null.
// Where windows overlap the higher current wins, as the stacked profile the server builds would do.
export function next_charge(windows, now_ms, zone) {
  const segs = segments(windows).filter((s) => s.current_a > 0);
  if (!segs.length) return null;
  const now = week_minute(now_ms, zone);
  const base = now_ms - (now_ms % 60000);
  let best = null;
  for (const s of segs) {
    for (const shift of [-WEEK_MIN, 0, WEEK_MIN]) {
      const a = s.start + shift;
      const b = s.end + shift;
      if (b <= now) continue;
      const active = a <= now;
      const rank = active ? -1 : a - now;
      if (!best || rank < best.rank || (rank === best.rank && s.current_a > best.current_a)) {
        best = { rank, active, start_ms: base + (a - now) * 60000, end_ms: base + (b - now) * 60000, current_a: s.current_a, index: s.index };
      }
    }
  }
  const { rank, ...out } = best;
  return out;
}
