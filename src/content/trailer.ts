/** Wire-copy trailer: finds the block of attribution lines at the end of the file and reads its fields. */
import { cleanLine, isBlank, replaceUnsafeCharacters } from './clean-text.ts';

export type TrailerField = 'editor' | 'responsibleEditor' | 'source' | 'copyright';

/** A trailer value and the 1-based line it starts on. */
export interface TrailerValue {
  readonly value: string;
  readonly line: number;
}

export interface Trailer {
  /** Index (into the lines given) of the trailer's first line; `lines.length` when there is none. */
  readonly start: number;
  readonly fields: Partial<Record<TrailerField, TrailerValue>>;
  readonly problems: readonly { readonly line: number; readonly message: string }[];
}

// docs/content.md "Wire copy (`.txt`)": labels are case-insensitive; the colon is ASCII ":" or full-width "：", spaces around it
// optional. English labels start a line or follow whitespace or a separator ("Edit:Yi Yi
// Responsible editor:Li Nian"); Chinese labels may follow anything, as Chinese text has no spaces
// ("编辑：张三责任编辑：李四"); traditional forms (編輯, 責任編輯, 來源, 特別聲明) and the short 责编
// are read too. The longer label is tried first at each position, so "Responsible editor" and
// "责任编辑" are never read as "editor" / "编辑".
const englishLabel = String.raw`(?<=^|[\s,;|/，；、。)）\]】])(?:responsible\s+editor|special\s+statement|copyright|editor|edit|source)`;
const chineseLabel = '责任编辑|責任編輯|责编|責編|特别声明|特別聲明|编辑|編輯|来源|來源';
const labelPattern = new RegExp(`(${englishLabel}|${chineseLabel})\\s*[:：]`, 'giu');

const fieldByLabel: Record<string, TrailerField> = {
  'responsible editor': 'responsibleEditor',
  责任编辑: 'responsibleEditor',
  責任編輯: 'responsibleEditor',
  责编: 'responsibleEditor',
  責編: 'responsibleEditor',
  editor: 'editor',
  edit: 'editor',
  编辑: 'editor',
  編輯: 'editor',
  source: 'source',
  来源: 'source',
  來源: 'source',
  'special statement': 'copyright',
  copyright: 'copyright',
  特别声明: 'copyright',
  特別聲明: 'copyright',
};

const fieldNames: Record<TrailerField, string> = {
  editor: 'editor',
  responsibleEditor: 'responsible editor',
  source: 'source',
  copyright: 'copyright notice',
};

const statementLabel = /^(?:special\s+statement|特别声明|特別聲明)/iu;

/** Brackets Chinese wire copy wraps a trailer line in: "（责任编辑：李四）", "【来源：新华网】". */
const wrapped = /^[(（【[［](.*)[)）】\]］]$/u;

interface Segment {
  readonly field: TrailerField;
  readonly value: string;
  /** Where the label starts in the line's text, for the copyright notice (kept with its label). */
  readonly labelIndex: number;
}

interface LabelLine {
  /** The line without surrounding whitespace and wrapping brackets. */
  readonly text: string;
  readonly segments: readonly Segment[];
  /** Whether a copyright notice starts on this line (it then runs to the end of the file). */
  readonly hasCopyright: boolean;
}

/**
 * A copyright notice written without a label: `© 2025 Xinhua`, `Copyright © …`, `(c) 2025 …`,
 * `Copyright 2025 Xinhua. All rights reserved.`, `版权所有 …`. Only read where the trailer may
 * stand (see findTrailerStart); "Copyright 2025 filings rose" stays body text.
 */
const unlabelledNotice =
  /^(?:©|\(c\)\s|copyright\s*(?:©|\(c\))|版权所有|版權所有)|^copyright\b.*\ball rights reserved\.?$/iu;

/** Reads a line that starts with a trailer label; undefined for any other line. */
function readLabelLine(line: string): LabelLine | undefined {
  const trimmed = line.trim();
  const text = unlabelledNotice.test(trimmed) ? trimmed : (wrapped.exec(trimmed)?.[1]?.trim() ?? trimmed);
  if (unlabelledNotice.test(text)) {
    return { text, segments: [{ field: 'copyright', value: text, labelIndex: 0 }], hasCopyright: true };
  }
  const matches = [...text.matchAll(labelPattern)];
  if (matches[0]?.index !== 0) return undefined;
  const segments: Segment[] = [];
  for (const [position, match] of matches.entries()) {
    const field = fieldByLabel[(match[1] ?? '').toLowerCase().replace(/\s+/g, ' ')];
    if (!field) continue;
    const valueStart = match.index + match[0].length;
    if (field === 'copyright') {
      segments.push({ field, value: text.slice(valueStart), labelIndex: match.index });
      return { text, segments, hasCopyright: true };
    }
    const valueEnd = matches[position + 1]?.index ?? text.length;
    const value = text.slice(valueStart, valueEnd).replace(/[\s,;|/，；、。]+$/u, '');
    segments.push({ field, value, labelIndex: match.index });
  }
  return { text, segments, hasCopyright: false };
}

type LineKind = 'blank' | 'field' | 'copyright' | 'other';

/**
 * Finds the trailer: the earliest line from which every line to the end of the file is a trailer
 * line (blank lines between them allowed), optionally ending in a copyright notice that runs to the
 * end of the file. So a body line that merely starts like a label ("Source: officials said …")
 * stays body when body text follows it. A notice whose continuation holds a blank line counts only
 * when it follows other trailer fields and no label line comes after it: otherwise a body paragraph
 * starting "Copyright:" would swallow the rest of the article.
 * Linear in the number of lines, whatever the content.
 */
function findTrailerStart(
  kinds: readonly LineKind[],
  copyrightFirst: readonly boolean[],
  end: number,
): number | undefined {
  const nextNonField = new Array<number>(end + 1).fill(end);
  const blankFrom = new Array<boolean>(end + 1).fill(false);
  const labelFrom = new Array<boolean>(end + 1).fill(false);
  for (let index = end - 1; index >= 0; index--) {
    const kind = kinds[index];
    nextNonField[index] = kind === 'copyright' || kind === 'other' ? index : (nextNonField[index + 1] ?? end);
    blankFrom[index] = kind === 'blank' || (blankFrom[index + 1] ?? false);
    labelFrom[index] = kind === 'field' || kind === 'copyright' || (labelFrom[index + 1] ?? false);
  }
  const fieldsBefore = new Array<number>(end + 1).fill(0);
  for (let index = 0; index < end; index++) {
    fieldsBefore[index + 1] = (fieldsBefore[index] ?? 0) + (kinds[index] === 'field' ? 1 : 0);
  }
  for (let start = 0; start < end; start++) {
    if (kinds[start] !== 'field' && kinds[start] !== 'copyright') continue;
    const stop = nextNonField[start] ?? end;
    if (stop === end) return start;
    if (kinds[stop] !== 'copyright') continue;
    if (!blankFrom[stop + 1]) return start;
    const afterFields = (fieldsBefore[stop] ?? 0) > (fieldsBefore[start] ?? 0) || !copyrightFirst[stop];
    if (afterFields && !labelFrom[stop + 1]) return start;
  }
  return undefined;
}

/** Reads the trailer of the lines after the date; `firstLine` is the 1-based number of `lines[0]`. */
export function readTrailer(lines: readonly string[], firstLine: number): Trailer {
  let end = lines.length;
  while (end > 0 && isBlank(lines[end - 1] ?? '')) end--;
  const labelLines = lines.slice(0, end).map(readLabelLine);
  const kinds: LineKind[] = lines.slice(0, end).map((line, index) => {
    const labelLine = labelLines[index];
    if (labelLine) return labelLine.hasCopyright ? 'copyright' : 'field';
    return isBlank(line) ? 'blank' : 'other';
  });
  // "Copyright:" or "©" opening a paragraph may be body text; "Special statement:" / "特别声明：" is only ever a notice.
  const copyrightFirst = labelLines.map((labelLine) => {
    const first = labelLine?.segments[0];
    return first?.field === 'copyright' && !statementLabel.test(labelLine?.text.slice(first.labelIndex) ?? '');
  });
  const start = findTrailerStart(kinds, copyrightFirst, end) ?? lines.length;

  const fields: Partial<Record<TrailerField, TrailerValue>> = {};
  const problems: { line: number; message: string }[] = [];
  for (let index = start; index < end; index++) {
    const labelLine = labelLines[index];
    if (!labelLine) continue;
    const line = firstLine + index;
    for (const segment of labelLine.segments) {
      const value =
        segment.field === 'copyright'
          ? copyrightNotice(labelLine.text.slice(segment.labelIndex), lines.slice(index + 1, end), segment.value)
          : cleanLine(segment.value);
      const earlier = fields[segment.field];
      if (earlier) {
        problems.push({
          line,
          message: `the ${fieldNames[segment.field]} is given twice (first on line ${earlier.line})`,
        });
      } else if (value !== '') {
        fields[segment.field] = { value, line };
      }
    }
    if (labelLine.hasCopyright) break;
  }
  return { start, fields, problems };
}

/** The notice as written, label included, to the end of the file; empty when only the label is there. */
function copyrightNotice(firstLine: string, continuation: readonly string[], valueOnFirstLine: string): string {
  const rest = continuation.join('\n');
  if (isBlank(valueOnFirstLine) && isBlank(rest)) return '';
  const notice = [firstLine, ...continuation].join('\n');
  return replaceUnsafeCharacters(notice).replace(/\t/g, ' ').trim();
}
