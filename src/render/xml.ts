/** XML serialization: the one escaping function every feed value passes through, and a tiny element helper. */

// XML 1.0 §2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
// With the `u` flag a surrogate pair is one code point, so [\uD800-\uDFFF] matches lone surrogates only.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching exactly these characters is the point.
const notXmlChar = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/gu;

const entities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  // A raw CR would be normalized to LF by every XML parser (XML 1.0 §2.11); a reference keeps it.
  '\r': '&#xD;',
};

/** The replacement for a character XML 1.0 cannot carry: U+FFFD, so the loss stays visible. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/**
 * Makes any string safe as XML 1.0 text or attribute value: escapes `& < > "` (and CR; attributes are always
 * double-quoted, so `'` stays literal and even parsers that only know the five XML entities read it), and
 * replaces every character XML 1.0 cannot carry (C0 controls except TAB/LF/CR, U+FFFE, U+FFFF,
 * lone surrogates) with U+FFFD. No CDATA anywhere, so `]]>` is plain text.
 */
export function escapeXml(value: string): string {
  // Most values need nothing, and chained replaceAll beats a callback per character when they do.
  const clean = value.replace(notXmlChar, REPLACEMENT_CHARACTER);
  if (!needsEscape.test(clean)) return clean;
  return clean
    .replaceAll('&', entities['&'] as string)
    .replaceAll('<', entities['<'] as string)
    .replaceAll('>', entities['>'] as string)
    .replaceAll('"', entities['"'] as string)
    .replaceAll('\r', entities['\r'] as string);
}

const needsEscape = /[&<>"\r]/;

export type XmlAttributes = Readonly<Record<string, string | undefined>>;

/** ` a="v" b="w"`: undefined attributes are left out, the others escaped, in the given order. */
function attributeText(attributes: XmlAttributes): string {
  return Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('');
}

/** `<name a="v">`: the start tag of an element whose content the caller writes. */
export function startTag(name: string, attributes: XmlAttributes = {}): string {
  return `<${name}${attributeText(attributes)}>`;
}

/** `<name a="v">text</name>`, or `<name a="v"/>` without text; undefined attributes are left out, in the given order. */
export function element(name: string, attributes: XmlAttributes = {}, text?: string): string {
  const attrs = attributeText(attributes);
  return text === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${escapeXml(text)}</${name}>`;
}

/** The XML declaration every feed starts with. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
