/** Markdown body images with relative paths: finds them in the sanitized HTML, and rewrites them once published. */
import { srcProblem } from './image-field.ts';

/** A body `<img>` whose src is a file next to the article, to be checked and published at build time. */
export interface BodyImageRef {
  /** The src as written (HTML entities decoded). */
  readonly src: string;
  /** File line where the Markdown writes it. */
  readonly line: number;
  readonly alt: string;
}

/** What a published body image becomes: its URL and real size. */
export interface PublishedBodyImage {
  readonly url: string;
  readonly width: number;
  readonly height: number;
}

const imgTag = /<img\b[^>]*>/g;

/**
 * Relative-path images of `html` (the sanitizer keeps only http(s) and relative srcs), with the
 * Markdown line each is written on; remote ones stay as they are. Problems: an SVG, a missing alt.
 */
export function bodyImageRefs(
  html: string,
  markdown: string,
  firstLine: number,
  report: (line: number, message: string) => void,
): BodyImageRef[] {
  const lines = markdown.split('\n');
  const refs: BodyImageRef[] = [];
  for (const tag of html.match(imgTag) ?? []) {
    const written = decode(attributeOf(tag, 'src') ?? '');
    const src = localSrc(written);
    if (src === '' || /^https?:/i.test(src)) continue;
    const index = lines.findIndex((text) => text.includes(src) || text.includes(written));
    const line = firstLine + Math.max(0, index);
    const alt = decode(attributeOf(tag, 'alt') ?? '').trim();
    const problem = srcProblem(src);
    if (problem) report(line, `body image ${problem}`);
    else if (alt === '') report(line, `body image "${src}" needs alt text: ![what the picture shows](${src})`);
    else refs.push({ src, line, alt });
  }
  return refs;
}

/** Replaces each published relative src with its URL and adds the real width and height (no layout shift). */
export function rewriteBodyImages(html: string, published: ReadonlyMap<string, PublishedBodyImage>): string {
  if (published.size === 0) return html;
  return html.replace(imgTag, (tag) => {
    const image = published.get(localSrc(decode(attributeOf(tag, 'src') ?? '')));
    if (!image) return tag;
    const rest = tag
      .slice(4, tag.endsWith('/>') ? -2 : -1)
      .replace(/\s(?:src|width|height)="[^"]*"/g, '')
      .trim();
    return `<img src="${escapeAttribute(image.url)}" width="${image.width}" height="${image.height}"${rest ? ` ${rest}` : ''}>`;
  });
}

/** Marked percent-encodes a path (`my pic.jpg` becomes `my%20pic.jpg`): the file name is the decoded one. */
function localSrc(written: string): string {
  try {
    return decodeURIComponent(written);
  } catch {
    return written;
  }
}

function attributeOf(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

/** The entities sanitize-html writes in attribute values. */
function decode(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}
