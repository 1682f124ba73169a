/** Feed date formats from an article's own date and offset: RFC 822 (RSS) and RFC 3339 (Atom, JSON Feed). */
import type { ArticleDate } from '../model/article.ts';
import { dayNames, monthNames } from '../shared/http-date.ts';
import type { PageInfo } from './feed-page.ts';

/** The date an empty archive reports as its last change: fixed, so an empty feed is still byte-stable. */
export const EMPTY_ARCHIVE_DATE: ArticleDate = { iso: '1970-01-01T00:00:00Z', epochMs: 0 };

interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly weekday: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
  readonly milliseconds: number;
  /** Minutes east of UTC. */
  readonly offset: number;
  /** The date was written with `Z`. */
  readonly zulu: boolean;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** The wall-clock time at the date's own offset (read from `iso`), for the instant `epochMs`. */
function localTime(date: ArticleDate): LocalTime {
  const match = /(Z|([+-])(\d{2}):?(\d{2}))$/i.exec(date.iso);
  const zulu = match === null || match[1]?.toUpperCase() === 'Z';
  const sign = match?.[2] === '-' ? -1 : 1;
  const offset = zulu ? 0 : sign * (Number(match?.[3]) * 60 + Number(match?.[4]));
  const shifted = new Date(date.epochMs + offset * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth(),
    day: shifted.getUTCDate(),
    weekday: shifted.getUTCDay(),
    hours: shifted.getUTCHours(),
    minutes: shifted.getUTCMinutes(),
    seconds: shifted.getUTCSeconds(),
    milliseconds: shifted.getUTCMilliseconds(),
    offset,
    zulu,
  };
}

function offsetText(offset: number, separator: string): string {
  const sign = offset < 0 ? '-' : '+';
  const magnitude = Math.abs(offset);
  return `${sign}${pad(Math.floor(magnitude / 60))}${separator}${pad(magnitude % 60)}`;
}

/** RFC 822 §5 (with RFC 1123's four-digit year), as RSS 2.0 requires: `Wed, 16 Jul 2025 00:00:00 +0800`. */
export function rfc822Date(date: ArticleDate): string {
  const t = localTime(date);
  const time = `${pad(t.hours)}:${pad(t.minutes)}:${pad(t.seconds)}`;
  return `${dayNames[t.weekday]}, ${pad(t.day)} ${monthNames[t.month]} ${pad(t.year, 4)} ${time} ${offsetText(t.offset, '')}`;
}

/** RFC 3339 §5.6 at the article's own offset: `2025-07-16T00:00:00+08:00`; fractions only when present. */
export function rfc3339Date(date: ArticleDate): string {
  const t = localTime(date);
  const fraction = t.milliseconds === 0 ? '' : `.${pad(t.milliseconds, 3)}`;
  const zone = t.zulu ? 'Z' : offsetText(t.offset, ':');
  return `${pad(t.year, 4)}-${pad(t.month + 1)}-${pad(t.day)}T${pad(t.hours)}:${pad(t.minutes)}:${pad(t.seconds)}${fraction}${zone}`;
}

/** The feed's last change: the newest article's date, never the clock; EMPTY_ARCHIVE_DATE for an empty archive. */
export function archiveUpdated(page: PageInfo): ArticleDate {
  return page.archiveUpdated ?? EMPTY_ARCHIVE_DATE;
}
