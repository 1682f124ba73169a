/** Sanitized HTML as well-formed XHTML content: parsed by htmlparser2, every text escaped, every element closed. */
import { Parser } from 'htmlparser2';
import { escapeXml, startTag } from './xml.ts';

/** The XHTML namespace (XHTML 1.0 §3.1.1), declared on the `<html>` element. */
export const XHTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/** HTML's void elements (HTML §13.1.2): written as `<br/>`; the parser closes them at once. */
const voidElements = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/**
 * What an element or attribute may be called here: an XML name without a prefix, in ASCII. `xml…` names are
 * reserved (XML 1.0 §2.3), and `xmlns` would redeclare the namespace, so neither is copied.
 */
const copiedName = (name: string): boolean => /^[a-z_][a-z0-9._-]*$/i.test(name) && !/^xml/i.test(name);

/**
 * The markup of `html` re-serialized as XML: an HTML parser (htmlparser2, the one sanitize-html uses) decides
 * what is an element, so whatever was text in the HTML (`&lt;script&gt;`, `]]&gt;`, `&amp;`) stays text, each
 * text and attribute value goes through escapeXml (characters XML cannot carry become U+FFFD), and every element
 * the HTML left open or implied (`<p>`, `<li>`, `<br>`) is closed. Comments, CDATA sections and processing
 * instructions are dropped; an element or attribute whose name XML cannot carry is dropped, its content kept.
 */
export function htmlToXhtml(html: string): string {
  const out: string[] = [];
  // One entry per open element: whether its start tag was written, so its end tag is written exactly when it was.
  const written: boolean[] = [];
  const parser = new Parser({
    onopentag(name, attributes) {
      const copied = copiedName(name);
      written.push(copied);
      if (!copied) return;
      const kept = Object.fromEntries(Object.entries(attributes).filter(([attribute]) => copiedName(attribute)));
      const tag = startTag(name, kept);
      out.push(voidElements.has(name) ? `${tag.slice(0, -1)}/>` : tag);
    },
    ontext(text) {
      out.push(escapeXml(text));
    },
    onclosetag(name) {
      if (written.pop() === true && !voidElements.has(name)) out.push(`</${name}>`);
    },
  });
  parser.end(html);
  return out.join('');
}
