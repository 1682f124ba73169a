/** HTTP dates (RFC 9110 §5.6.7): format IMF-fixdate, parse all three formats strictly. */

/** Day and month names of RFC 5322 §3.3 dates, shared by HTTP dates and RSS's RFC 822 dates (feed-dates.ts). */
export const dayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
export const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const shortDay = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const longDay = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const month = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const time = '(\\d{2}):(\\d{2}):(\\d{2})';

// RFC 9110 §5.6.7 grammar; HTTP-date is case-sensitive and has no optional whitespace.
/** `Sun, 06 Nov 1994 08:49:37 GMT` */
const imfFixdate = new RegExp(`^${shortDay}, (\\d{2}) ${month} (\\d{4}) ${time} GMT$`);
/** `Sunday, 06-Nov-94 08:49:37 GMT` (obsolete) */
const rfc850Date = new RegExp(`^${longDay}, (\\d{2})-${month}-(\\d{2}) ${time} GMT$`);
/** `Sun Nov  6 08:49:37 1994` (obsolete, ANSI C asctime) */
const asctimeDate = new RegExp(`^${shortDay} ${month} ( \\d|\\d{2}) ${time} (\\d{4})$`);

/** The IMF-fixdate of an instant, e.g. `Wed, 16 Jul 2025 00:00:00 GMT`; sub-second precision is dropped. */
export function toHttpDate(epochMs: number): string {
  const date = new Date(Math.floor(epochMs / 1000) * 1000);
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 0 || year > 9999) {
    throw new RangeError(`Cannot write ${epochMs} as an HTTP date (years 0000 to 9999)`);
  }
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return (
    `${dayNames[date.getUTCDay()]}, ${pad(date.getUTCDate())} ${monthNames[date.getUTCMonth()]} ${pad(year, 4)} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} GMT`
  );
}

/**
 * Milliseconds since the epoch for an HTTP-date in any of the three formats RFC 9110 §5.6.7 says recipients
 * MUST accept; undefined for anything else (unlike `Date.parse`, which takes `'1'`).
 * The day name is checked for spelling, not against the date (it is redundant, and some clients get it wrong).
 * RFC 850's two-digit year: 70-99 are 1970-1999 and 00-69 are 2000-2069 (a fixed window rather than the RFC's
 * "50 years from now", which would need the clock; the two agree for every date a client sends in practice).
 * Second 60 (a leap second) is accepted and counts as the next second.
 */
export function parseHttpDate(value: string): number | undefined {
  if (value.length > 40) return undefined;
  let parts = imfFixdate.exec(value);
  if (parts !== null) return instant(parts[3], parts[2], parts[1], parts[4], parts[5], parts[6]);
  parts = rfc850Date.exec(value);
  if (parts !== null) {
    const shortYear = Number(parts[3]);
    const year = String(shortYear < 70 ? 2000 + shortYear : 1900 + shortYear);
    return instant(year, parts[2], parts[1], parts[4], parts[5], parts[6]);
  }
  parts = asctimeDate.exec(value);
  if (parts !== null) return instant(parts[6], parts[1], parts[2], parts[3], parts[4], parts[5]);
  return undefined;
}

function instant(
  yearText: string | undefined,
  monthText: string | undefined,
  dayText: string | undefined,
  hourText: string | undefined,
  minuteText: string | undefined,
  secondText: string | undefined,
): number | undefined {
  const year = Number(yearText);
  const monthIndex = monthNames.indexOf(monthText as (typeof monthNames)[number]);
  const day = Number(dayText?.trim());
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText);
  if (monthIndex < 0 || day < 1 || day > daysInMonth(year, monthIndex)) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

function daysInMonth(year: number, monthIndex: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex + 1, 0); // day 0 of the next month is this month's last day
  return date.getUTCDate();
}
