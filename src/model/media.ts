/** ArticleImage: a picture as published (lead picture or body image), with its renditions and its credit. */

/** One encoded file of a picture, published below `/media/`. */
export interface ImageRendition {
  /** Root-relative path, e.g. `/media/3q2-7w9Xk0aOsT1f_qf-Ag.jpg` (content-hashed, so it never changes meaning). */
  readonly path: string;
  readonly width: number;
  readonly height: number;
  /** Exact media type, e.g. `image/jpeg`. */
  readonly type: string;
  /** Byte length of the file. */
  readonly length: number;
}

/** The aspect ratios search engines ask for (Google: 16:9, 4:3 and 1:1, at least 1200 px wide). */
export type CropRatio = '16:9' | '4:3' | '1:1';

export interface ImageCrop extends ImageRendition {
  readonly ratio: CropRatio;
}

export interface ArticleImage {
  /** A published rendition's path below `/media/` (the full-size, EXIF-free picture), or a remote `https:` URL. */
  readonly url: string;
  /** Pixels, read from the bytes for local files; from front matter (optional) for remote ones. */
  readonly width?: number;
  readonly height?: number;
  /** Exact media type (local files only). */
  readonly type?: string;
  /** Byte length of `url` (local files only). */
  readonly length?: number;
  /** Required: what the picture shows, for people who cannot see it. */
  readonly alt: string;
  readonly caption?: string;
  readonly credit?: string;
  readonly copyright?: string;
  /** Resized renditions for `srcset`, narrowest first (never wider than the original); empty for remote images. */
  readonly srcset: readonly ImageRendition[];
  /** 16:9, 4:3 and 1:1 crops at least 1200 px wide, when the original is large enough. */
  readonly crops: readonly ImageCrop[];
}

/** File extension of each published media type: the Worker serves exactly these. */
export const mediaTypes: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
};
