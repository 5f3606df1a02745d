// Intl.DateTimeFormat objects are costly to build (about 100 µs each) and cheap to reuse (about 3 µs a call):
// one per locale and options, kept for the life of the process.
const cache = new Map<string, Intl.DateTimeFormat>();

export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * The local day of an instant in a time zone: its date (YYYY-MM-DD), weekday (0 = Sunday), and the instants of
 * its local midnight and the next one. The zone's offset is read at `at` (Indonesia keeps no daylight saving,
 * so it holds for the whole day). Working days, the escalation clocks and the public statistics all use it.
 */
export function zonedDay(at: Date, timeZone: string) {
  const fmt = dateFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    weekday: 'short',
  });
  const p: Record<string, string> = {};
  for (const part of fmt.formatToParts(at)) p[part.type] = part.value;
  const [y, m, d] = [Number(p.year), Number(p.month), Number(p.day)];
  const wallClock = Date.UTC(y, m - 1, d, Number(p.hour), Number(p.minute), Number(p.second));
  const offset = wallClock - Math.floor(at.getTime() / 1000) * 1000;
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    weekday: WEEKDAYS.indexOf(p.weekday ?? ''),
    start: new Date(Date.UTC(y, m - 1, d) - offset),
    nextMidnight: new Date(Date.UTC(y, m - 1, d + 1) - offset),
  };
}
