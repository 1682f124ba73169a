import { describe, expect, it } from 'vitest';
import { parseMarkdownArticle } from '../../../src/content/markdown-article.ts';
import { applySidecar } from '../../../src/content/sidecar.ts';
import { parseWireCopy } from '../../../src/content/wire-copy.ts';
import { maxTagLength, tagKey, tagProblem } from '../../../src/model/tag-key.ts';
import { sectionPagePath } from '../../../src/render/section-urls.ts';
import { problemsOf } from '../../support/articles.ts';
import { fixture } from '../../support/content-folder.ts';
import { siteWith } from '../../support/sites.ts';

describe('tag keys', () => {
  it('fold case where the script has it, and leave scripts without case as they are', () => {
    expect(['Économie', 'économie', 'ÉCONOMIE', 'SCO', '经济', 'Ελλάδα', 'Istanbul'].map(tagKey)).toEqual([
      'économie',
      'économie',
      'économie',
      'sco',
      '经济',
      'ελλάδα',
      'istanbul',
    ]);
  });

  it('make composed and decomposed spellings one key (NFC)', () => {
    expect(tagKey('E\u0301conomie')).toBe(tagKey('\u00c9conomie'));
  });

  it('are the path segment, percent-encoded UTF-8', () => {
    expect(sectionPagePath('tag', tagKey('Économie'))).toBe('/tags/%C3%A9conomie');
    expect(sectionPagePath('tag', tagKey('经济'), 2)).toBe('/tags/%E7%BB%8F%E6%B5%8E?page=2');
    expect(sectionPagePath('tag', tagKey('R&D <labs>'))).toBe('/tags/r%26d%20%3Clabs%3E');
  });
});

describe('tags that cannot be a path segment', () => {
  it.each([
    ['', 'a tag is empty'],
    ['   ', 'a tag is empty'],
    ['a/b', 'tag "a/b" contains "/" or "\\"; a tag is one path segment of /tags/'],
    ['a\\b', 'tag "a\\b" contains "/" or "\\"; a tag is one path segment of /tags/'],
    ['.', 'tag "." is only punctuation or symbols; write it in words (e.g. "R&D", not "&")'],
    ['..', 'tag ".." is only punctuation or symbols; write it in words (e.g. "R&D", not "&")'],
    ['!?★', 'tag "!?★" is only punctuation or symbols; write it in words (e.g. "R&D", not "&")'],
    ['a\u0000b', 'tag "a?b" contains a control character'],
  ])('%j: %s', (tag, problem) => {
    expect(tagProblem(tag)).toBe(problem);
  });

  it(`refuses more than ${maxTagLength} characters, counted in code points`, () => {
    expect(tagProblem('经'.repeat(maxTagLength))).toBeUndefined();
    expect(tagProblem('经'.repeat(maxTagLength + 1))).toMatch(/is 101 characters long; at most 100$/);
  });

  it('accepts words with punctuation, any script, and right-to-left text', () => {
    expect(['R&D', 'C#', '100%', 'اقتصاد', '经济', 'digital economy', 'a.b'].map(tagProblem)).toEqual(
      Array(7).fill(undefined),
    );
  });

  it('are build errors in a wire-copy sidecar too, naming the sidecar and the line', () => {
    const result = applySidecar(
      parseWireCopy('articles/x.txt', 'Title\n2025-07-16\nBody.\nSource: www.news.cn\n', siteWith()),
      { file: 'articles/x.yaml', text: 'tags:\n  - economy\n  - "a/b"\n', wireCopyFile: 'articles/x.txt' },
      siteWith(),
    );
    expect(problemsOf(result).map(({ file, line }) => `${file}:${line}`)).toEqual(['articles/x.yaml:3']);
  });

  it('are build errors naming the file and the line of each bad tag', () => {
    const problems = problemsOf(
      parseMarkdownArticle('articles/bad-tags.md', fixture('markdown/bad-tags.md'), siteWith()),
    );
    expect(problems.map(({ file, line }) => `${file}:${line}`)).toEqual([
      'articles/bad-tags.md:6',
      'articles/bad-tags.md:7',
      'articles/bad-tags.md:8',
      'articles/bad-tags.md:9',
      'articles/bad-tags.md:10',
    ]);
  });
});
