/** Markdown body to safe HTML: `marked` (GFM) for the markup, `sanitize-html` for what may survive. */
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { replaceUnsafeCharacters } from './clean-text.ts';

const marked = new Marked({ gfm: true, breaks: false });

/**
 * Normal article markup only. SPEC: "no scripts, no event handlers, no `javascript:` URLs
 * survive". Only listed attributes pass (so no `on*`, no `style`); link and image URLs must be
 * http, https or mailto (links) / http, https (images), or relative. `data:` images are refused
 * too: they bloat feeds and the page's CSP would not load them. Links get nothing added.
 * `script`, `style` and similar are dropped with their content.
 */
const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'a',
    'img',
    'figure',
    'figcaption',
    'ul',
    'ol',
    'li',
    'dl',
    'dt',
    'dd',
    'blockquote',
    'q',
    'cite',
    'pre',
    'code',
    'kbd',
    'samp',
    'em',
    'strong',
    'b',
    'i',
    'u',
    's',
    'del',
    'ins',
    'sub',
    'sup',
    'mark',
    'small',
    'abbr',
    'time',
    'table',
    'caption',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    abbr: ['title'],
    time: ['datetime'],
    ol: ['start', 'reversed'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    blockquote: ['cite'],
    q: ['cite'],
    code: ['class'],
  },
  allowedClasses: { code: ['language-*'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // An image whose URL was refused has nothing left to show (and <img> without src is invalid HTML).
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

export function markdownToSafeHtml(markdown: string): string {
  const html = marked.parse(markdown, { async: false });
  // Character references (`&#1;`, `&#xFFFE;`) are decoded by the sanitizer: clean its output too.
  return replaceUnsafeCharacters(sanitizeHtml(html, sanitizeOptions)).trim();
}
