import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultSite, parseSiteConfig } from '../../../src/content/site-config.ts';
import { repoContentDir } from '../../support/content-folder.ts';

describe('site config', () => {
  it('gives every default for an empty file', () => {
    expect(parseSiteConfig('site.yaml', '')).toEqual({ ok: true, site: defaultSite });
    expect(defaultSite).toMatchObject({
      title: 'wirefeed',
      baseUrl: 'http://localhost:8787',
      language: 'en',
      timeZone: 'UTC',
      pageSize: 20,
    });
  });

  it('reads the repository site.yaml', () => {
    const result = parseSiteConfig('content/site.yaml', readFileSync(`${repoContentDir}site.yaml`, 'utf8'));
    expect(result.ok && result.site.timeZone).toBe('Asia/Shanghai');
    expect(result.ok && result.site.baseUrl).toBe('http://localhost:8787');
  });

  it('follows the title for the publisher, and merges partial cache settings', () => {
    const result = parseSiteConfig('site.yaml', 'title: Daily\ncache:\n  feeds:\n    maxAge: 60\n');
    expect(result.ok && result.site.publisher).toEqual({ name: 'Daily' });
    expect(result.ok && result.site.cache.feeds).toEqual({ maxAge: 60, sMaxAge: 600, staleWhileRevalidate: 86400 });
  });

  it('reads a publisher written as a name alone', () => {
    const result = parseSiteConfig('site.yaml', 'title: Daily\npublisher: Xinhua News Agency\n');
    expect(result.ok && result.site.publisher).toEqual({ name: 'Xinhua News Agency' });
  });

  it('removes the base URL trailing slash, and lets an override win', () => {
    const result = parseSiteConfig('site.yaml', 'baseUrl: https://news.example.com/wire/\n');
    expect(result.ok && result.site.baseUrl).toBe('https://news.example.com/wire');
    const overridden = parseSiteConfig('site.yaml', 'baseUrl: https://news.example.com/\n', {
      baseUrl: 'http://localhost:9000/',
    });
    expect(overridden.ok && overridden.site.baseUrl).toBe('http://localhost:9000');
  });

  it('reports every bad setting with its line', () => {
    const text = [
      'title: 42',
      'baseUrl: https://x.example.com/?a=1',
      'timeZone: Mars/Olympus',
      'pageSize: 0',
      'accentColor: "red; background: url(x)"',
      'websubHub: ftp://hub.example.com/',
      'langauge: en',
      'cache:',
      '  feeds:',
      '    maxAge: -1',
    ].join('\n');
    const result = parseSiteConfig('site.yaml', text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.line)).toEqual([7, 1, 2, 6, 3, 4, 5, 10]);
    expect(result.problems.every((problem) => problem.file === 'site.yaml')).toBe(true);
    expect(result.problems[0]?.message).toMatch(/^unknown setting "langauge"/);
  });

  it('reports a YAML syntax error with its line', () => {
    const result = parseSiteConfig('site.yaml', 'title: ok\ncache: [\n');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]?.line).toBe(3);
  });

  it('canonicalizes language and time zone names', () => {
    const result = parseSiteConfig('site.yaml', 'language: zh-cn\ntimeZone: asia/shanghai\naccentColor: "#ABC"\n');
    expect(result.ok && [result.site.language, result.site.timeZone, result.site.accentColor]).toEqual([
      'zh-CN',
      'Asia/Shanghai',
      '#abc',
    ]);
  });
});
