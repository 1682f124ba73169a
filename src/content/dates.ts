/** Content dates: `YYYY-MM-DD[( |T)HH:MM[:SS[.fff]][offset]]` (and other year-first forms) to an ArticleDate, wall-clock times read in an IANA zone. */
import type { ArticleDate } from '../model/article.ts';

// docs/content.md "Wire copy (`.txt`)": `YYYY-MM-DD, or YYYY-MM-DD HH:MM[:SS] with an optional offset`. Agencies also write other
// year-first dates (`2025/7/16`, `2025.07.16`, `2025年7月16日`), RFC 3339 fractions, `+08`, `UTC`
// or `GMT+8`: year first means never ambiguous, so they are read too. Day-first and month-first
// forms (`16/07/2025`, `07/16/2025`) are refused: they cannot be told apart.
const datePattern = new RegExp(
  [
    String.raw`^(?:(\d{4})([-/.])(\d{1,2})\2(\d{1,2})|(\d{4})年(\d{1,2})月(\d{1,2})日)`,
    String.raw`(?:(?:[T ]|\s+|(?<=日))(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?`,
    String.raw`\s?(Z|[+-]\d{2}(?::?\d{2})?|(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?)?)?$`,
  ].join(''),
  'i',
);

const minuteMs = 60_000;
const dayMs = 86_400_000;

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Milliseconds, 0–999 (RFC 3339 `time-secfrac`, cut to milliseconds). */
  readonly millisecond: number;
}

/** Result of reading a date: the date, or why it is not one (for the publisher). */
export type DateReading =
  | { readonly ok: true; readonly date: ArticleDate }
  | { readonly ok: false; readonly reason: string };

/**
 * Reads a content date. Without an offset the wall-clock time is in `timeZone` (a date alone is
 * 00:00 there); the offset comes from `Intl.DateTimeFormat`, so it is right on both sides of DST.
 * A local time that does not exist (skipped by a DST jump) moves forward by the jump and a time
 * that occurs twice takes the earlier instant (Temporal's "compatible" disambiguation).
 */
export function readContentDate(text: string, timeZone: string): DateReading {
  const trimmed = text.trim();
  // NFKC: full-width digits and colons (`２０２５-０７-１６ １０：３０`) as Chinese typesetting writes them.
  const match = datePattern.exec(trimmed.normalize('NFKC'));
  if (!match) {
    const shown = trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed;
    return {
      ok: false,
      reason: `"${shown}" is not a date: write YYYY-MM-DD, or YYYY-MM-DD HH:MM[:SS] with an optional offset such as +08:00 or Z`,
    };
  }
  const [, y, , mo, d, yearCn, monthCn, dayCn, h, mi, s, fraction, offsetText] = match;
  const wall: WallClock = {
    year: Number(y ?? yearCn),
    month: Number(mo ?? monthCn),
    day: Number(d ?? dayCn),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
    millisecond: Number((fraction ?? '').slice(0, 3).padEnd(3, '0')),
  };
  const invalid = wallClockProblem(wall);
  if (invalid) return { ok: false, reason: `"${trimmed}" is not a real date: ${invalid}` };

  if (offsetText !== undefined) {
    const offsetMinutes = parseOffset(offsetText);
    if (offsetMinutes === undefined) {
      return {
        ok: false,
        reason: `"${trimmed}" has an impossible offset "${offsetText}" (hours 00–23, minutes 00–59)`,
      };
    }
    const zulu = /^(?:Z|UTC|GMT)$/i.test(offsetText);
    return { ok: true, date: dateFromWallClock(wall, offsetMinutes, zulu) };
  }
  const instant = zonedInstant({ ...wall, millisecond: 0 }, timeZone);
  const offsetMs = zoneOffsetMs(instant, timeZone);
  // The local time at that instant: the time written, unless a DST gap moved it forward.
  const local = { ...wallClockAt(instant + offsetMs), millisecond: wall.millisecond };
  // RFC 3339 offsets have no seconds; local mean time (before ~1900) had them (Asia/Shanghai
  // +08:05:43). The offset is rounded to the minute and the instant follows it, so the written
  // time of day and `iso` stay exact and `epochMs` agrees with `iso`.
  return { ok: true, date: dateFromWallClock(local, Math.round(offsetMs / minuteMs), false) };
}

/** The date, or undefined when the text is not a valid content date. */
export function parseContentDate(text: string, timeZone: string): ArticleDate | undefined {
  const reading = readContentDate(text, timeZone);
  return reading.ok ? reading.date : undefined;
}

function wallClockProblem(wall: WallClock): string | undefined {
  if (wall.year < 1) return 'year 0000 does not exist';
  if (wall.month < 1 || wall.month > 12) return `month ${pad(wall.month)} does not exist`;
  const daysInMonth = new Date(
    utcMs({ ...wall, month: wall.month + 1, day: 0, hour: 0, minute: 0, second: 0, millisecond: 0 }),
  ).getUTCDate();
  if (wall.day < 1 || wall.day > daysInMonth)
    return `day ${pad(wall.day)} does not exist in ${wall.year}-${pad(wall.month)}`;
  if (wall.hour > 23) return `hour ${pad(wall.hour)} does not exist (00–23)`;
  if (wall.minute > 59) return `minute ${pad(wall.minute)} does not exist (00–59)`;
  if (wall.second > 59) return `second ${pad(wall.second)} does not exist (00–59)`;
  return undefined;
}

function parseOffset(text: string): number | undefined {
  const numeric = text.replace(/^(?:UTC|GMT)/i, '');
  if (numeric === '' || numeric.toUpperCase() === 'Z') return 0;
  const [hoursText = '', minutesText = '0'] = numeric.slice(1).includes(':')
    ? numeric.slice(1).split(':')
    : numeric.length > 3
      ? [numeric.slice(1, -2), numeric.slice(-2)]
      : [numeric.slice(1)];
  const hours = Number(hoursText);
  const minutes = Number(minutesText);
  if (hours > 23 || minutes > 59) return undefined;
  return (numeric.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/** Milliseconds of a wall-clock reading taken as UTC (years below 100 included, unlike Date.UTC). */
function utcMs(wall: WallClock): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, wall.millisecond);
  return date.getTime();
}

function wallClockAt(ms: number): WallClock {
  const date = new Date(ms);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    millisecond: 0,
  };
}

function dateFromWallClock(wall: WallClock, offsetMinutes: number, zulu: boolean): ArticleDate {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  const offset = zulu ? 'Z' : `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
  const fraction = wall.millisecond > 0 ? `.${String(wall.millisecond).padStart(3, '0')}` : '';
  const iso = `${String(wall.year).padStart(4, '0')}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${fraction}${offset}`;
  return { iso, epochMs: utcMs(wall) - offsetMinutes * minuteMs };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) parts[part.type] = part.value;
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
  const local = utcMs({
    year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: 0,
  });
  const wholeSeconds = Math.floor(instant / 1000) * 1000;
  return local - wholeSeconds;
}

/** The instant a wall-clock reading denotes in a zone (gaps move forward, overlaps take the earlier). */
function zonedInstant(wall: WallClock, timeZone: string): number {
  const asUtc = utcMs(wall);
  const before = zoneOffsetMs(asUtc - dayMs, timeZone);
  const after = zoneOffsetMs(asUtc + dayMs, timeZone);
  const candidates = [before, after]
    .map((offset) => asUtc - offset)
    .filter((instant) => zoneOffsetMs(instant, timeZone) === asUtc - instant);
  if (candidates.length > 0) return Math.min(...candidates);
  return asUtc - before;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
