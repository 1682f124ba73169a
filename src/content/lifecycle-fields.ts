/** Reads `corrections` and `retracted` (front matter or sidecar) and cross-checks them against the article's dates. */
import type { ArticleDate, Correction, Retraction } from '../model/article.ts';
import { cleanLine } from './clean-text.ts';
import { readContentDate } from './dates.ts';
import type { FrontMatterValue } from './front-matter.ts';

/** Records one problem at a file line (undefined: the file as a whole). */
export type LifecycleReport = (line: number | undefined, message: string) => void;

const correctionExample = 'corrections: [{ date: 2025-07-17 10:00, text: What was corrected. }]';
const retractionExample = 'retracted: { date: 2025-07-18 09:00, reason: Why it was withdrawn. }';

/**
 * `corrections:` a list of `{ date, text }`, both required; returned newest first (the order
 * written breaks ties), so the page and the feeds show the latest correction on top.
 */
export function readCorrections(
  entry: FrontMatterValue | undefined,
  report: LifecycleReport,
  timeZone: string,
): Correction[] {
  if (!entry) return [];
  if (entry.kind !== 'list') {
    report(entry.line, `corrections must be a list of { date, text } (${correctionExample})`);
    return [];
  }
  const corrections: Correction[] = [];
  for (const item of entry.items) {
    const fields = readFields(item, 'correction', ['date', 'text'], report);
    if (!fields) continue;
    const date = readDate(fields.get('date'), item.line, 'correction', report, timeZone);
    const text = readText(fields.get('text'), item.line, 'correction', 'text', report);
    if (date && text !== undefined) corrections.push({ date, text });
  }
  return corrections
    .map((correction, index) => ({ correction, index }))
    .sort((a, b) => b.correction.date.epochMs - a.correction.date.epochMs || a.index - b.index)
    .map(({ correction }) => correction);
}

/** `retracted:` one `{ date, reason }`, both required. */
export function readRetraction(
  entry: FrontMatterValue | undefined,
  report: LifecycleReport,
  timeZone: string,
): Retraction | undefined {
  if (!entry) return undefined;
  const fields = readFields(entry, 'retracted', ['date', 'reason'], report);
  if (!fields) return undefined;
  const date = readDate(fields.get('date'), entry.line, 'retracted', report, timeZone);
  const reason = readText(fields.get('reason'), entry.line, 'retracted', 'reason', report);
  return date && reason !== undefined ? { date, reason } : undefined;
}

/** A retraction or correction dated before the article was published is a typo in the date. */
export function checkLifecycleDates(
  published: ArticleDate,
  corrections: readonly Correction[],
  retraction: Retraction | undefined,
  lines: { readonly corrections?: number; readonly retracted?: number },
  report: LifecycleReport,
): void {
  for (const correction of corrections) {
    if (correction.date.epochMs < published.epochMs) {
      report(lines.corrections, `correction date ${correction.date.iso} is before publication (${published.iso})`);
    }
  }
  if (retraction && retraction.date.epochMs < published.epochMs) {
    report(lines.retracted, `retracted date ${retraction.date.iso} is before publication (${published.iso})`);
  }
}

/** A draft was never published, so it cannot be withdrawn: `retracted` on a draft is a mistake. */
export function checkRetractedDraft(entry: FrontMatterValue | undefined, report: LifecycleReport): void {
  if (entry) report(entry.line, 'retracted is set on a draft: a draft was never published; remove one of the two');
}

/** The article's `updated`: the newest correction's date when that is later than the one it states. */
export function updatedWithCorrections(updated: ArticleDate, corrections: readonly Correction[]): ArticleDate {
  const newest = corrections[0];
  return newest && newest.date.epochMs > updated.epochMs ? newest.date : updated;
}

function readFields(
  entry: FrontMatterValue,
  what: string,
  known: readonly string[],
  report: LifecycleReport,
): ReadonlyMap<string, FrontMatterValue> | undefined {
  if (entry.kind !== 'map') {
    report(entry.line, `${what} must be a mapping (${what === 'correction' ? correctionExample : retractionExample})`);
    return undefined;
  }
  for (const [key, value] of entry.entries) {
    if (!known.includes(key)) report(value.line, `unknown ${what} key "${key}" (known: ${known.join(', ')})`);
  }
  return entry.entries;
}

function readDate(
  value: FrontMatterValue | undefined,
  line: number,
  what: string,
  report: LifecycleReport,
  timeZone: string,
): ArticleDate | undefined {
  if (value?.kind !== 'text' || value.text.trim() === '') {
    report(value?.line ?? line, `${what} needs a date (date: 2025-07-17 10:00)`);
    return undefined;
  }
  const reading = readContentDate(value.text, timeZone);
  if (reading.ok) return reading.date;
  report(value.line, `${what} date: ${reading.reason}`);
  return undefined;
}

function readText(
  value: FrontMatterValue | undefined,
  line: number,
  what: string,
  key: string,
  report: LifecycleReport,
): string | undefined {
  const text = value?.kind === 'text' ? cleanLine(value.text) : '';
  if (text === '') {
    report(value?.line ?? line, `${what} needs a ${key} (${key}: …)`);
    return undefined;
  }
  return text;
}
