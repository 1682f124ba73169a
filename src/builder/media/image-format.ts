/** What an image file really is, from its first bytes (magic numbers), against what its name claims. */

/** The formats wirefeed publishes, by the extension a file name may carry. */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif';

const byExtension: Readonly<Record<string, ImageFormat>> = {
  jpg: 'jpeg',
  jpeg: 'jpeg',
  png: 'png',
  webp: 'webp',
  avif: 'avif',
  gif: 'gif',
};

/** The extension published files of each format carry. */
export const formatExtension: Readonly<Record<ImageFormat, string>> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  avif: 'avif',
  gif: 'gif',
};

const formatNames: Readonly<Record<ImageFormat, string>> = {
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  avif: 'AVIF',
  gif: 'GIF',
};

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/**
 * The format the bytes are, by signature: JPEG FF D8 FF (ITU T.81), PNG's 8-byte signature (RFC 2083 §3.1),
 * GIF87a/GIF89a, RIFF…WEBP (RFC 9649 §2.5), an ISO BMFF `ftyp` box with an AVIF brand; `svg` for XML/SVG text.
 */
export function sniffFormat(bytes: Uint8Array): ImageFormat | 'svg' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (/^GIF8[79]a$/.test(ascii(bytes, 0, 6))) return 'gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (ascii(bytes, 4, 8) === 'ftyp') {
    const size = Math.min(
      bytes.length,
      ((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0),
    );
    const brands = ascii(bytes, 8, Math.max(12, size));
    if (/avif|avis/.test(brands)) return 'avif';
  }
  const head = new TextDecoder()
    .decode(bytes.subarray(0, 512))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^<(?:\?xml|svg|!DOCTYPE svg)/i.test(head) && /<svg/i.test(head)) return 'svg';
  return undefined;
}

/** Why the bytes cannot be published under this file name, or the format they are. */
export function checkFormat(
  name: string,
  bytes: Uint8Array,
): { ok: true; format: ImageFormat } | { ok: false; reason: string } {
  const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  const claimed = name.includes('.') ? byExtension[extension] : undefined;
  const actual = sniffFormat(bytes);
  if (actual === 'svg')
    return { ok: false, reason: 'is an SVG, which can carry script: publish it as PNG, JPEG, WebP, AVIF or GIF' };
  if (!claimed)
    return { ok: false, reason: `has an extension wirefeed does not publish (.jpg, .jpeg, .png, .webp, .avif, .gif)` };
  if (!actual)
    return {
      ok: false,
      reason: `is not an image: its bytes are not ${formatNames[claimed]} (nor any format wirefeed publishes)`,
    };
  if (actual !== claimed)
    return {
      ok: false,
      reason: `is named .${extension} but its bytes are ${formatNames[actual]}: rename it to .${formatExtension[actual]}`,
    };
  return { ok: true, format: actual };
}

/** Whether a file under articles/ is a picture (published when an article refers to it), not a stray file. */
export function isPictureFile(name: string): boolean {
  return /\.(?:jpe?g|png|webp|avif|gif|svg)$/i.test(name);
}
