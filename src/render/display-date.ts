/** Human-readable dates for pages, from the article's own RFC 3339 text: no Intl, no locale, no clock. */
import type { ArticleDate } from '../model/article.ts';

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

// RFC 3339 §5.6 date-time, as ArticleDate.iso carries it (with its own offset).
const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

/**
 * `16 July 2025`, or `16 July 2025, 14:05 +08:00` when the date carries a time of day.
 * Midnight exactly is shown as the date alone: a date-only wire copy becomes midnight in
 * the site's time zone, and "00:00" would state a precision the source never gave.
 * The clock time and offset are the article's own; nothing is converted.
 */
export function formatDisplayDate(date: ArticleDate): string {
  const match = rfc3339.exec(date.iso);
  if (match === null) return date.iso;
  const [, year, month, day, hour, minute, second, offset] = match;
  const monthName = monthNames[Number(month) - 1] ?? month;
  const dayText = `${Number(day)} ${monthName} ${year}`;
  if (hour === undefined || minute === undefined) return dayText;
  if (hour === '00' && minute === '00' && (second === undefined || second === '00')) return dayText;
  return `${dayText}, ${hour}:${minute} ${formatOffset(offset)}`.trimEnd();
}

function formatOffset(offset: string | undefined): string {
  if (offset === undefined) return '';
  if (offset === 'Z' || offset === 'z') return 'UTC';
  return offset.length === 5 ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset;
}
