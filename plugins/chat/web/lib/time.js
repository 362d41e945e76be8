// Times as people read them: a clock time beside each message, a day name on separators, a relative
// time ("5 min ago") where recency matters, and the full date and time for the <time> title.
// `locale` and `timeZone` are the browser's unless given (tests pin them).

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function formatter(options, { locale, timeZone } = {}) {
  return new Intl.DateTimeFormat(locale, timeZone ? { ...options, timeZone } : options);
}

/** "14:05" or "2:05 PM", as the locale writes it. */
export function clockTime(date, zone) {
  return formatter({ hour: 'numeric', minute: '2-digit' }, zone).format(date);
}

/** "Tuesday, 3 March 2026 at 14:05:09": the title of a <time>. */
export function absoluteTime(date, zone) {
  return formatter({ dateStyle: 'full', timeStyle: 'medium' }, zone).format(date);
}

/** The calendar day of `date` as "YYYY-MM-DD" in the zone, to compare days. */
export function dayKey(date, zone) {
  const parts = formatter({ year: 'numeric', month: '2-digit', day: '2-digit' }, { ...zone, locale: 'en-CA' })
    .formatToParts(date);
  const get = (type) => parts.find((p) => p.type === type).value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** A day separator's text: "Today", "Yesterday", a weekday within the week, else the date. */
export function dayLabel(date, now, zone) {
  const day = dayKey(date, zone);
  if (day === dayKey(now, zone)) return 'Today';
  if (day === dayKey(new Date(now.getTime() - DAY), zone)) return 'Yesterday';
  const age = now.getTime() - date.getTime();
  if (age > 0 && age < 6 * DAY) return formatter({ weekday: 'long' }, zone).format(date);
  const sameYear = dayKey(date, zone).slice(0, 4) === dayKey(now, zone).slice(0, 4);
  const options = sameYear ? { weekday: 'long', month: 'long', day: 'numeric' } : { dateStyle: 'long' };
  return formatter(options, zone).format(date);
}

/** "just now", "5 min ago", "3 h ago", "yesterday", else the date: for lists where recency matters. */
export function relativeTime(date, now, zone) {
  const age = now.getTime() - date.getTime();
  if (age < MINUTE) return 'just now';
  if (age < HOUR) return `${Math.floor(age / MINUTE)} min ago`;
  if (age < DAY && dayKey(date, zone) === dayKey(now, zone)) return `${Math.floor(age / HOUR)} h ago`;
  if (dayKey(date, zone) === dayKey(new Date(now.getTime() - DAY), zone)) return 'yesterday';
  return formatter({ dateStyle: 'medium' }, zone).format(date);
}

/** Whether two messages are close enough in time to be shown as one group. */
export function withinMinutes(earlier, later, minutes) {
  return later.getTime() - earlier.getTime() < minutes * MINUTE;
}

/** "1.5 MB" for a byte count. */
export function byteSize(bytes) {
  if (!Number.isFinite(bytes)) return '';
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${value} ${units[0]}` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
