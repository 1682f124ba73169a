/** The archive's key space in its R2 bucket: the live pointer, content-addressed objects, published pictures; beside them only the Worker's own small records (`state/`: releases announced; `deliveries/`: webhook dead letters), which collection never touches. */

/** The pointer to the live version: the one key that is ever overwritten (by a conditional put). */
export const liveKey = 'live';

/** A SHA-256 in lowercase hex: an object's name is the hash of its bytes. */
export const objectHashPattern = /^[0-9a-f]{64}$/;

/** A published picture: 22 base64url characters (the first 16 bytes of its SHA-256) and a known extension. */
export const mediaNamePattern = /^([A-Za-z0-9_-]{22})\.(jpg|png|webp|avif|gif)$/;

export function objectKey(hash: string): string {
  return `objects/${hash}`;
}

export function mediaKey(name: string): string {
  return `media/${name}`;
}

/** Every key below these prefixes is content-addressed: written once, never changed, deleted only when unreferenced. */
export const contentPrefixes = ['objects/', 'media/'] as const;
