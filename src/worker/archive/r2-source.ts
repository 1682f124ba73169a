/** The archive in an R2 bucket (binding ARCHIVE): the live pointer read conditionally, pieces by ranged reads. */
import type { ArchiveSource } from '../../archive/archive-source.ts';
import { liveKey, mediaKey, objectKey } from '../../archive/keys.ts';

export function r2Source(bucket: R2Bucket): ArchiveSource {
  return {
    async live(knownTag) {
      // A conditional read: when the pointer has not moved, R2 answers without the body.
      const object = await bucket.get(
        liveKey,
        knownTag === undefined ? {} : { onlyIf: { etagDoesNotMatch: knownTag } },
      );
      if (object === null) return undefined;
      if (!('body' in object)) return 'unchanged';
      return { tag: object.etag, text: await object.text() };
    },
    async range(object, offset, length) {
      const stored = await bucket.get(objectKey(object), { range: { offset, length } });
      return stored === null ? undefined : new Uint8Array(await stored.arrayBuffer());
    },
    async object(hash) {
      const stored = await bucket.get(objectKey(hash));
      return stored === null ? undefined : new Uint8Array(await stored.arrayBuffer());
    },
    async media(name) {
      const stored = await bucket.get(mediaKey(name));
      return stored === null ? undefined : { body: stored.body, length: stored.size };
    },
  };
}
