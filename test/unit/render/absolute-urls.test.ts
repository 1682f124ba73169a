import { describe, expect, it } from 'vitest';
import { absoluteContentUrls, resolveUrl } from '../../../src/render/absolute-urls.ts';

const context = { pageUrl: 'https://news.example.com/desk/articles/story', baseUrl: 'https://news.example.com/desk' };

describe('absolute URLs in feed content', () => {
  it.each([
    ['other-article', 'https://news.example.com/desk/articles/other-article'],
    ['pic.png', 'https://news.example.com/desk/articles/pic.png'],
    ['../about', 'https://news.example.com/desk/about'],
    ['/media/x.jpg', 'https://news.example.com/desk/media/x.jpg'],
    ['//cdn.example.net/a.png', 'https://cdn.example.net/a.png'],
    ['#notes', 'https://news.example.com/desk/articles/story#notes'],
    ['?page=2', 'https://news.example.com/desk/articles/story?page=2'],
    ['https://Example.com/A', 'https://Example.com/A'],
    ['mailto:desk@example.com', 'mailto:desk@example.com'],
    ['', ''],
  ])('resolves "%s" to "%s"', (reference, expected) => {
    expect(resolveUrl(reference, context)).toBe(expected);
  });

  it('rewrites href, src and srcset inside tags only, escaping what it writes', () => {
    const html =
      '<p>See <a href="more?a=1&amp;b=%22x%22" title="t">more</a> and href="words" in text.</p>\n' +
      '<img src="/media/a.jpg" srcset="/media/a-1x.jpg 1x, a-2x.jpg 2x,https://x.example/c.jpg 3x" alt="A &quot;b&quot;" />';
    expect(absoluteContentUrls(html, context)).toBe(
      '<p>See <a href="https://news.example.com/desk/articles/more?a=1&amp;b=%22x%22" title="t">more</a> and href="words" in text.</p>\n' +
        '<img src="https://news.example.com/desk/media/a.jpg" srcset="https://news.example.com/desk/media/a-1x.jpg 1x, https://news.example.com/desk/articles/a-2x.jpg 2x, https://x.example/c.jpg 3x" alt="A &quot;b&quot;" />',
    );
  });

  it('leaves HTML without URL attributes as it is', () => {
    const html = '<p>Plain &amp; simple, &lt;a href="x"&gt; escaped.</p>';
    expect(absoluteContentUrls(html, context)).toBe(html);
  });
});
