// Weekly charging windows (docs/schedules.md) placed relative to the real current time, in a zone
// with a fixed UTC offset so that a test means the same whatever day it runs: Asia/Tokyo has been
// UTC+9 without daylight saving since 1951. Windows start on whole local hours, hours away from
// now, so a test that takes a minute cannot cross a boundary.
export const ZONE = 'Asia/Tokyo';
const OFFSET_MS = 9 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const hhmm = (hour) => `${String(hour).padStart(2, '0')}:00`;

// The UTC instant (ms) of the whole local hour `hoursFromNow` hours after the current one.
export function localHour(hoursFromNow, nowMs = Date.now()) {
  // The offset is whole hours: a local hour starts where a UTC hour does.
  return Math.floor(nowMs / HOUR_MS) * HOUR_MS + hoursFromNow * HOUR_MS;
}

// A plan window from `startMs` (a whole hour) lasting `hours` (< 24), on the local weekday it starts.
// A window whose end falls on the next day is written with end < start (it runs past midnight).
export function windowFrom(startMs, hours, currentA) {
  const local = new Date(startMs + OFFSET_MS);
  const startHour = local.getUTCHours();
  const endHour = (startHour + hours) % 24;
  return {
    window: { days: [DAYS[local.getUTCDay()]], start: hhmm(startHour), end: endHour === 0 ? '24:00' : hhmm(endHour), current_a: currentA },
    startMs,
    endMs: startMs + hours * HOUR_MS,
  };
}

export function plan(windows, otherwiseA = 0) {
  return { time_zone: ZONE, otherwise_a: otherwiseA, windows: windows.map((w) => w.window) };
}
