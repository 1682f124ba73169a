/** Markdown body to safe HTML: `marked` (GFM) for the markup, `sanitize-html` for what may survive. */
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { replaceUnsafeCharacters } from './clean-text.ts';

const marked = new Marked({ gfm: true, breaks: false });

/**
 * Normal article markup only: no scripts, no event handlers, no `javascript:` URLs survive (docs/content.md
 * "Markdown (`.md`)"). Only listed attributes pass (so no `on*`, no `style`); link and image URLs must be
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

/** The sanitized HTML of a Markdown body, or why it cannot be rendered (line relative to the body, 1-based). */
export type MarkdownRendering =
  | { readonly ok: true; readonly html: string }
  | { readonly ok: false; readonly line: number; readonly message: string };

/**
 * `marked`'s inline pass is quadratic in a paragraph's length times its `*`, `_` and `!`
 * characters (measured on marked 18: 40 000 `_a` pairs take 4 s, 100 000 take 20 s). Text
 * between blank lines bounds every inline run, so its characters times its length bounds the
 * work; ordinary articles stay orders of magnitude below these budgets (about 0.3 s and 1.5 s).
 */
const paragraphBudget = 200_000_000;
const bodyBudget = 1_000_000_000;

/** The first line (1-based) of a paragraph too costly to render, or undefined. Linear in the text. */
function costlyParagraphLine(markdown: string): number | undefined {
  let total = 0;
  let line = 1;
  let paragraphLine = 1;
  let length = 0;
  let markers = 0;
  const close = (): boolean => {
    const cost = length * markers;
    total += cost;
    return cost > paragraphBudget || total > bodyBudget;
  };
  for (const text of markdown.split('\n')) {
    if (text.trim() === '') {
      if (close()) return paragraphLine;
      length = 0;
      markers = 0;
      paragraphLine = line + 1;
    } else {
      length += text.length + 1;
      for (let index = 0; index < text.length; index++) {
        const code = text.charCodeAt(index);
        if (code === 0x2a || code === 0x5f || code === 0x21) markers++;
      }
    }
    line++;
  }
  return close() ? paragraphLine : undefined;
}

/** Markdown to sanitized HTML; never throws, whatever the text. */
export function renderMarkdown(markdown: string): MarkdownRendering {
  const costly = costlyParagraphLine(markdown);
  if (costly !== undefined) {
    return {
      ok: false,
      line: costly,
      message:
        'this paragraph has too many *, _ and ! characters to render in reasonable time: escape them with a backslash (\\*, \\_, \\!) or split the paragraph',
    };
  }
  let html: string;
  try {
    html = marked.parse(markdown, { async: false });
  } catch (error) {
    // marked recurses once per nesting level: thousands of `>`, list indents or `*` overflow the stack.
    const message =
      error instanceof RangeError
        ? 'the Markdown body is nested too deeply to render: use fewer nested quotes, lists or emphasis markers'
        : `the Markdown body cannot be rendered: ${String((error as Error)?.message ?? error).split('\n')[0]}`;
    return { ok: false, line: 1, message };
  }
  // Character references (`&#1;`, `&#xFFFE;`) are decoded by the sanitizer: clean its output too.
  return { ok: true, html: replaceUnsafeCharacters(sanitizeHtml(html, sanitizeOptions)).trim() };
}
