// `/media/*` through the app inside workerd: immutable caching, exact type, nosniff, ETag and 304, HEAD, 404s.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { mediaKey } from '../../src/archive/keys.ts';
import { serveSite, wireCopy } from './test-site.ts';
import { get } from './worker-client.ts';

/** Some bytes and the name the build gives them: base64url of the first 16 bytes of their SHA-256. */
async function published(bytes: Uint8Array, extension: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)).subarray(0, 16);
  const base64url = btoa(String.fromCharCode(...digest))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  return `${base64url}.${extension}`;
}

const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8]);
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9]);
const jpegName = await published(jpeg, 'jpg');
const pngName = await published(png, 'png');

/** A site whose archive holds two pictures below media/, as a publish puts them. */
async function mediaSite() {
  const article = wireCopy('a.txt', 'A title\n2025-07-16\nBody.\nSource:www.news.cn\n');
  await env.ARCHIVE.put(mediaKey(jpegName), jpeg);
  await env.ARCHIVE.put(mediaKey(pngName), png);
  return (await serveSite([article])).fetch;
}

describe('a published picture', () => {
  it('is served with its exact type, a year of immutable caching, nosniff, its length and its hash as a strong ETag', async () => {
    const fetch = await mediaSite();
    const response = await fetch(`/media/${jpegName}`);
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(jpeg);
    expect(Object.fromEntries(response.headers)).toEqual({
      'content-type': 'image/jpeg',
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      etag: `"${jpegName.slice(0, 22)}"`,
      'content-length': String(jpeg.byteLength),
    });
    expect((await fetch(`/media/${pngName}`)).headers.get('Content-Type')).toBe('image/png');
  });

  it('answers 304 with no body when If-None-Match holds its ETag (weak comparison, lists)', async () => {
    const fetch = await mediaSite();
    const etag = `"${jpegName.slice(0, 22)}"`;
    let checked = 0;
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const response = await fetch(`/media/${jpegName}`, { headers: { 'If-None-Match': header } });
      expect(response.status, header).toBe(304);
      expect(await response.text()).toBe('');
      expect(response.headers.get('ETag')).toBe(etag);
      expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
      checked++;
    }
    expect(checked).toBe(4);
    expect((await fetch(`/media/${jpegName}`, { headers: { 'If-None-Match': '"other"' } })).status).toBe(200);
  });

  it('answers HEAD with the same headers and no body', async () => {
    const fetch = await mediaSite();
    const response = await fetch(`/media/${jpegName}`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('image/jpeg');
    expect(response.headers.get('Content-Length')).toBe(String(jpeg.byteLength));
    expect(await response.text()).toBe('');
  });

  it('is a 404 page when the rendition does not exist, or under another extension', async () => {
    const fetch = await mediaSite();
    let checked = 0;
    for (const path of [
      `/media/${'A'.repeat(22)}.jpg`,
      `/media/${jpegName.slice(0, 22)}.png`,
      '/media/',
      '/media/x.jpg',
    ]) {
      const response = await fetch(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('Content-Type'), path).toBe('text/html; charset=utf-8');
      checked++;
    }
    expect(checked).toBe(4);
  });
});

describe('the deployed Worker', () => {
  it('serves no stored file but published pictures below /media/', async () => {
    let checked = 0;
    for (const path of [
      '/media/articles%2F0.json',
      '/media/..%2Farticles%2F0.json',
      '/media/../articles/0.json',
      '/articles/0.json',
      '/lists/rss/0.json',
      '/sitemaps/1.xml',
      '/media/0.json',
      `/media/${'A'.repeat(22)}.jpg`,
      `/media/${'A'.repeat(22)}.svg`,
    ]) {
      const response = await get(path);
      // The request guard refuses an encoded slash (400); anything else that is no picture is a 404.
      expect([400, 404], path).toContain(response.status);
      expect(await response.text(), path).not.toMatch(/^\[|"slug"|<urlset/);
      checked++;
    }
    expect(checked).toBe(9);
  });

  it('answers GET and HEAD only on /media/', async () => {
    const response = await get(`/media/${'A'.repeat(22)}.jpg`, { method: 'POST' });
    expect(response.status).toBe(405);
  });
});
