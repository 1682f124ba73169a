/** How the build turns pieces into stored bytes and names: compression and hashes, injected so the same planner runs in Node and in workerd tests. */

/** A strong ETag of text (RFC 9110 §8.8.3): `"` + base64url of SHA-256's first 16 bytes over its UTF-8 + `"`. */
export type TextEtag = (text: string) => string | Promise<string>;

export interface ArchiveCodec {
  /** Raw DEFLATE (RFC 1951) of a piece's record-file bytes. */
  readonly compress: (bytes: Uint8Array) => Uint8Array | Promise<Uint8Array>;
  /** SHA-256 of bytes as 22 base64url characters: a piece's content hash, an ETag's body. */
  readonly contentHash: (bytes: Uint8Array) => string | Promise<string>;
  /** SHA-256 of bytes in lowercase hex: an object's name. */
  readonly objectHash: (bytes: Uint8Array) => string | Promise<string>;
  /** The ETag of a stored text (an article's format, robots.txt) and an article's content hash. */
  readonly textEtag: TextEtag;
}
