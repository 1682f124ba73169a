/** The archive codec on web APIs (Compression Streams, crypto.subtle): for workerd, where tests publish in process. */
import { deflateRaw } from '../../shared/deflate.ts';
import { strongEtag } from '../../shared/etag.ts';
import type { ArchiveCodec } from './codec.ts';

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export const webCodec: ArchiveCodec = {
  compress: deflateRaw,
  contentHash: async (bytes) => base64url((await sha256(bytes)).subarray(0, 16)),
  objectHash: async (bytes) => [...(await sha256(bytes))].map((byte) => byte.toString(16).padStart(2, '0')).join(''),
  textEtag: strongEtag,
};
