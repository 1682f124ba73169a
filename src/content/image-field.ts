/** Reads the `image` field (front matter or wire-copy sidecar) into an unresolved image spec: pure, no I/O. */
import { cleanLine } from './clean-text.ts';
import type { FrontMatterValue } from './front-matter.ts';

/** What the publisher wrote: the file (or https URL) still to be checked and published at build time. */
export interface ImageSpec {
  /** As written: a path relative to the article file, or an `https:` URL. */
  readonly src: string;
  /** True for an `https:` URL, which is referenced as it is, never fetched. */
  readonly remote: boolean;
  /** File line of `src`, for build problems about the file itself. */
  readonly line: number;
  readonly alt: string;
  readonly caption?: string;
  readonly credit?: string;
  readonly copyright?: string;
  /** Remote images only: the size the publisher states (a local file's size is read from its bytes). */
  readonly width?: number;
  readonly height?: number;
}

/** Reports a problem on a file line. */
export type ReportProblem = (line: number | undefined, message: string) => void;

const knownKeys = ['src', 'alt', 'caption', 'credit', 'copyright', 'width', 'height'];

/** Largest side a stated remote size may have: anything more is a typo. */
const maxSide = 65_535;

/**
 * `image: { src, alt, caption?, credit?, copyright?, width?, height? }`. Problems (each reported on
 * its line): not a mapping, an unknown key, no src, no alt, an `http:` or other non-https URL, an
 * absolute path, an SVG (it can carry script), width/height on a local file or only one of them.
 */
export function readImageField(entry: FrontMatterValue | undefined, report: ReportProblem): ImageSpec | undefined {
  if (!entry) return undefined;
  if (entry.kind !== 'map') {
    report(entry.line, 'image must be a mapping: image: { src: photo.jpg, alt: What the picture shows }');
    return undefined;
  }
  const problems: [number, string][] = [];
  const problem = (line: number, message: string) => problems.push([line, message]);
  for (const [key, value] of entry.entries) {
    if (!knownKeys.includes(key)) problem(value.line, `unknown image key "${key}" (known: ${knownKeys.join(', ')})`);
  }
  const text = (key: string): { value: string; line: number } | undefined => {
    const value = entry.entries.get(key);
    if (!value) return undefined;
    if (value.kind !== 'text') {
      problem(value.line, `image ${key} must be text, not a ${value.kind}`);
      return undefined;
    }
    const cleaned = cleanLine(value.text);
    return cleaned === '' ? undefined : { value: cleaned, line: value.line };
  };
  const src = text('src');
  const alt = text('alt');
  if (!src)
    problem(
      entry.entries.get('src')?.line ?? entry.line,
      'image needs src: a file next to the article or an https URL',
    );
  if (!alt)
    problem(
      entry.entries.get('alt')?.line ?? entry.line,
      'image needs alt: a short description of what the picture shows, for readers who cannot see it',
    );
  const remote = src !== undefined && /^https:\/\//i.test(src.value);
  if (src) {
    const reason = srcProblem(src.value);
    if (reason) problem(src.line, reason);
  }
  const width = text('width');
  const height = text('height');
  const size = (field: { value: string; line: number } | undefined, key: string): number | undefined => {
    if (!field) return undefined;
    const value = /^[1-9][0-9]{0,5}$/.test(field.value) ? Number(field.value) : 0;
    if (value < 1 || value > maxSide)
      problem(field.line, `image ${key} must be a whole number of pixels from 1 to ${maxSide}`);
    return value;
  };
  const w = size(width, 'width');
  const h = size(height, 'height');
  if ((width || height) && src && !remote) {
    problem(
      (width ?? height)?.line ?? entry.line,
      'image width and height are read from a local file: write them only for https images',
    );
  } else if ((width === undefined) !== (height === undefined)) {
    problem((width ?? height)?.line ?? entry.line, 'image width and height go together: write both or neither');
  }
  for (const [line, message] of problems) report(line, message);
  if (problems.length > 0 || !src || !alt) return undefined;
  const caption = text('caption');
  const credit = text('credit');
  const copyright = text('copyright');
  return {
    src: src.value,
    remote,
    line: src.line,
    alt: alt.value,
    ...(caption ? { caption: caption.value } : {}),
    ...(credit ? { credit: credit.value } : {}),
    ...(copyright ? { copyright: copyright.value } : {}),
    ...(remote && w && h ? { width: w, height: h } : {}),
  };
}

/** Why an image reference cannot be published, or undefined. Shared with Markdown body images. */
export function srcProblem(src: string): string | undefined {
  if (/\.svgz?(?:[?#]|$)/i.test(src))
    return `"${src}" is an SVG, which can carry script: publish it as PNG, JPEG, WebP, AVIF or GIF`;
  if (/^http:/i.test(src))
    return `"${src}" is an http: URL; remote images must be https: (readers block mixed content)`;
  if (/^https:\/\//i.test(src)) return URL.canParse(src) ? undefined : `"${src}" is not a valid URL`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//'))
    return `"${src}" must be a file next to the article or an https: URL`;
  if (src.startsWith('/') || src.startsWith('\\'))
    return `"${src}" is an absolute path: write the path relative to the article file`;
  return undefined;
}
