/** Build time only: decodes one checked picture with sharp and encodes its renditions (full size, srcset widths, crops). */
import { createHash } from 'node:crypto';
import sharp, { type ResizeOptions, type Sharp } from 'sharp';
import type { CropRatio } from '../../model/media.ts';
import { formatExtension, type ImageFormat } from './image-format.ts';

/** How renditions are made; part of the cache key, so changing any of it re-encodes. */
export interface RenditionSettings {
  /** `srcset` widths; only those narrower than the original are made. @default [320, 640, 960, 1280, 1600] */
  readonly widths: readonly number[];
  /** Width of the 16:9, 4:3 and 1:1 crops (Google Discover asks for at least 1200). @default 1200 */
  readonly cropWidth: number;
  /** Largest decoded picture, in pixels (width x height): bounds a decompression bomb. @default 50,000,000 */
  readonly maxPixels: number;
  /** Encoder quality for JPEG, WebP and AVIF. @default 80 */
  readonly quality: number;
}

export const defaultRenditionSettings: RenditionSettings = {
  widths: [320, 640, 960, 1280, 1600],
  cropWidth: 1200,
  maxPixels: 50_000_000,
  quality: 80,
};

export const cropRatios: readonly (readonly [CropRatio, number, number])[] = [
  ['16:9', 16, 9],
  ['4:3', 4, 3],
  ['1:1', 1, 1],
];

/** One encoded file: its content-hashed name and what it is. */
export interface EncodedFile {
  /** `full`, `w640`, `16:9`, … */
  readonly role: string;
  /** Base64url of the first 16 bytes of SHA-256 over the bytes, plus the extension: the published file name. */
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly length: number;
  readonly bytes: Uint8Array;
}

export type RenderResult =
  | { ok: true; width: number; height: number; files: EncodedFile[] }
  | { ok: false; reason: string };

/** The sharp and libvips versions: part of the cache key, since another encoder gives other bytes. */
export const encoderVersion = `sharp ${sharp.versions.sharp} vips ${sharp.versions.vips}`;

/**
 * Reads the real size from the header, refuses more than `maxPixels` before decoding anything, then
 * decodes (`failOn: 'warning'` makes a truncated or corrupt file an error), applies the EXIF orientation
 * (`autoOrient`) and encodes every rendition in the same format. sharp writes no metadata unless asked
 * (`keepMetadata`), so EXIF, GPS, XMP and IPTC never reach a published file.
 */
export async function renderImage(
  bytes: Uint8Array,
  format: ImageFormat,
  settings: RenditionSettings,
): Promise<RenderResult> {
  const options = { limitInputPixels: settings.maxPixels, failOn: 'warning', autoOrient: true } as const;
  let width: number;
  let height: number;
  try {
    const metadata = await sharp(bytes, { ...options, limitInputPixels: false }).metadata();
    width = metadata.autoOrient.width;
    height = metadata.autoOrient.height;
  } catch (error) {
    return { ok: false, reason: `cannot be read as an image: ${reasonOf(error)}` };
  }
  if (width * height > settings.maxPixels) {
    return {
      ok: false,
      reason: `is ${width} x ${height} pixels, more than the ${settings.maxPixels.toLocaleString('en')} wirefeed decodes: scale it down first`,
    };
  }
  const encode = async (role: string, resize?: ResizeOptions): Promise<EncodedFile> => {
    let pipeline = sharp(bytes, options);
    if (resize) pipeline = pipeline.resize(resize);
    const { data, info } = await encoder(pipeline, format, settings.quality).toBuffer({ resolveWithObject: true });
    const output = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return {
      role,
      name: `${hashName(output)}.${formatExtension[format]}`,
      width: info.width,
      height: info.height,
      length: output.byteLength,
      bytes: output,
    };
  };
  try {
    const files = [await encode('full')];
    for (const target of settings.widths) {
      if (target < width) files.push(await encode(`w${target}`, { width: target }));
    }
    for (const [ratio, across, down] of cropRatios) {
      // The largest box of this ratio inside the picture; made only when it is at least cropWidth wide.
      const boxWidth = Math.min(width, Math.floor((height * across) / down));
      if (boxWidth < settings.cropWidth) continue;
      const cropHeight = Math.round((settings.cropWidth * down) / across);
      files.push(
        await encode(ratio, { width: settings.cropWidth, height: cropHeight, fit: 'cover', position: 'centre' }),
      );
    }
    return { ok: true, width, height, files };
  } catch (error) {
    return { ok: false, reason: `cannot be decoded (truncated or corrupt?): ${reasonOf(error)}` };
  }
}

function encoder(pipeline: Sharp, format: ImageFormat, quality: number): Sharp {
  switch (format) {
    case 'jpeg':
      return pipeline.jpeg({ quality, progressive: true, mozjpeg: true });
    case 'png':
      return pipeline.png({ compressionLevel: 9 });
    case 'webp':
      return pipeline.webp({ quality });
    case 'avif':
      return pipeline.avif({ quality: Math.round(quality * 0.65), effort: 4 });
    case 'gif':
      return pipeline.gif();
  }
}

/** 22 base64url characters: also the file's strong ETag (RFC 9110 §8.8.3). */
export function hashName(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest().subarray(0, 16).toString('base64url');
}

function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}
