/** Text hygiene for content files: BOM, line ends, and characters that XML and HTML cannot carry. */

/**
 * Characters no feed or page may carry: C0 controls except TAB and LF (XML 1.0 §2.2 `Char`),
 * DEL and the C1 controls (HTML "control" code points are parse errors), the noncharacters
 * U+FDD0–U+FDEF and U+xFFFE/U+xFFFF (XML excludes U+FFFE/U+FFFF; HTML flags all noncharacters),
 * and lone surrogates (not Unicode scalar values, so not encodable as UTF-8).
 * Each is replaced by one space, so positions and line numbers stay as written.
 */
const unsafeCharacters =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching these characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes one leading byte order mark and turns CRLF and lone CR into LF. */
export function normalizeLineEnds(text: string): string {
  const withoutBom = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return withoutBom.replace(/\r\n?/g, '\n');
}

/** Replaces every character XML/HTML cannot carry with a space (TAB and LF are kept). */
export function replaceUnsafeCharacters(text: string): string {
  return text.replace(unsafeCharacters, ' ');
}

/**
 * A one-line value (title, editor, …): unsafe characters, TABs and line breaks (including U+2028
 * LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR, which JavaScript and feed readers treat as line
 * ends) become spaces, outer whitespace trimmed.
 */
export function cleanLine(text: string): string {
  return replaceUnsafeCharacters(text)
    .replace(/[\t\n\u2028\u2029]/g, ' ')
    .trim();
}

/** Whether a line holds nothing but whitespace (including U+3000 IDEOGRAPHIC SPACE). */
export function isBlank(line: string): boolean {
  return line.trim() === '';
}
