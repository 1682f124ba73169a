import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { strongEtag } from '../../../src/shared/etag.ts';

describe('strongEtag', () => {
  it('is the base64url of the first 16 bytes of the SHA-256 of the UTF-8 bytes, quoted', async () => {
    // SHA-256("") = e3b0c44298fc1c149afbf4c8996fb924 27ae41e4649b934ca495991b7852b855
    expect(await strongEtag('')).toBe('"47DEQpj8HBSa-_TImW-5JA"');
  });

  it('hashes the UTF-8 bytes of non-ASCII text', async () => {
    // SHA-256 of the UTF-8 bytes of "李念" (e6 9d 8e e5 bf b5), computed independently with node:crypto.
    expect(await strongEtag('李念')).toBe(`"${nodeDigest('李念')}"`);
  });

  it('gives the same tag for the same bytes', async () => {
    expect(await strongEtag('<rss/>')).toBe(await strongEtag('<rss/>'));
  });

  it('gives a different tag when one byte changes', async () => {
    expect(await strongEtag('<rss/>')).not.toBe(await strongEtag('<rss />'));
  });

  it('is a strong entity-tag of etagc characters (RFC 9110 §8.8.3)', async () => {
    expect(await strongEtag('anything')).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
  });
});

function nodeDigest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest().subarray(0, 16).toString('base64url');
}
