import { describe, expect, it } from 'vitest';
import { readSource } from '../../../src/content/source.ts';
import { keyHash, sourceHome, sourceKey } from '../../../src/model/source-key.ts';

const read = (text: string) => {
  const reading = readSource(text);
  if (!reading.ok) throw new Error(reading.reason);
  return reading.source;
};

describe('source keys', () => {
  it('are the host, lowercased, however the copy wrote it', () => {
    const written = [
      'www.news.cn',
      'https://www.news.cn/',
      'WWW.NEWS.CN',
      'Xinhua (www.news.cn)',
      'https://www.news.cn/2025/a.html',
    ];
    expect(written.map((text) => sourceKey(read(text)))).toEqual(Array(written.length).fill('www.news.cn'));
  });

  it('link the host’s home page', () => {
    expect(sourceHome(read('https://www.news.cn/2025/a.html?x=1'))).toBe('https://www.news.cn/');
    expect(sourceHome({ name: 'Xinhua' })).toBeUndefined();
  });

  it('key a name-only source by its name, case-folded, a slash made a dash', () => {
    expect(sourceKey({ name: 'Xinhua' })).toBe('xinhua');
    expect(sourceKey({ name: '新华社' })).toBe('新华社');
    expect(sourceKey({ name: 'Reuters/AFP' })).toBe('reuters-afp');
    expect(sourceKey({ name: '新华社/人民网' })).toBe('新华社-人民网');
    expect(sourceKey({ name: 'AP (via Yahoo News)' })).toBe('ap (via yahoo news)');
  });

  it('key a name that still cannot be a path segment by its hash', () => {
    expect(sourceKey({ name: '//' })).toBe(`source-${keyHash('//')}`);
    expect(sourceKey({ name: 'x'.repeat(200) })).toMatch(/^source-[0-9a-f]{16}$/);
  });

  it('hash to 16 hex digits, the same on every run', () => {
    expect(keyHash('économie')).toMatch(/^[0-9a-f]{16}$/);
    expect(keyHash('économie')).toBe(keyHash('économie'));
    expect(keyHash('économie')).not.toBe(keyHash('economie'));
  });
});
