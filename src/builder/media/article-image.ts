/** Build time: an article's ArticleImage, from its image field and its picture's cached renditions (or its remote URL as given). */
import type { ImageSpec } from '../../content/image-field.ts';
import type { ArticleImage, CropRatio, ImageRendition } from '../../model/media.ts';
import type { CachedImage } from './media-cache.ts';
import type { EncodedFile } from './render-image.ts';

/** A remote lead picture: its URL and the size the field states, no renditions. */
export function remoteImage(spec: ImageSpec): ArticleImage {
  return { url: spec.src, ...size(spec), ...credits(spec), srcset: [], crops: [] };
}

/** A published lead picture: the full-size file, the widths for srcset (narrowest first) and the crops. */
export function articleImage(spec: ImageSpec, image: CachedImage): ArticleImage {
  const rendition = (file: Omit<EncodedFile, 'bytes'>): ImageRendition => ({
    path: `/media/${file.name}`,
    width: file.width,
    height: file.height,
    type: image.type,
    length: file.length,
  });
  const full = image.files.find((file) => file.role === 'full');
  if (!full) throw new Error('a rendered picture always has its full-size file');
  return {
    url: `/media/${full.name}`,
    width: full.width,
    height: full.height,
    type: image.type,
    length: full.length,
    ...credits(spec),
    srcset: image.files
      .filter((file) => file.role === 'full' || file.role.startsWith('w'))
      .map(rendition)
      .sort((a, b) => a.width - b.width),
    crops: image.files
      .filter((file) => file.role.includes(':'))
      .map((file) => ({ ...rendition(file), ratio: file.role as CropRatio })),
  };
}

function size(spec: ImageSpec) {
  return spec.width !== undefined && spec.height !== undefined ? { width: spec.width, height: spec.height } : {};
}

function credits(spec: ImageSpec) {
  return {
    alt: spec.alt,
    ...(spec.caption ? { caption: spec.caption } : {}),
    ...(spec.credit ? { credit: spec.credit } : {}),
    ...(spec.copyright ? { copyright: spec.copyright } : {}),
  };
}
