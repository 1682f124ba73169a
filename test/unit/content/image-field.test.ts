/** The `image` field and Markdown body images: what the publisher writes, and each mistake named on its line. */
import { describe, expect, it } from 'vitest';
import { bodyImageRefs, rewriteBodyImages } from '../../../src/content/body-images.ts';
import { type FrontMatterValue, splitFrontMatter } from '../../../src/content/front-matter.ts';
import { readImageField } from '../../../src/content/image-field.ts';
import { parseMarkdownArticle } from '../../../src/content/markdown-article.ts';
import { renderMarkdown } from '../../../src/content/markdown-html.ts';
import { siteWith } from '../../support/sites.ts';

/** The `image` entry of a front matter written as YAML lines (file line 2 is the first YAML line). */
function imageEntry(yaml: string): FrontMatterValue | undefined {
  const split = splitFrontMatter(`---\n${yaml}\n---\nbody\n`);
  if (!split.ok) throw new Error(JSON.stringify(split.problems));
  return split.entries.get('image');
}

function read(yaml: string) {
  const problems: string[] = [];
  const spec = readImageField(imageEntry(yaml), (line, message) => problems.push(`${line}: ${message}`));
  return { spec, problems };
}

describe('the image field', () => {
  it('reads src, alt, caption, credit and copyright of a local picture', () => {
    const { spec, problems } = read(
      'image:\n  src: pics/forum.jpg\n  alt: Delegates in Tianjin\n  caption: The forum opened on Monday.\n  credit: Photo by Li Ming / Xinhua\n  copyright: © Xinhua 2025',
    );
    expect(problems).toEqual([]);
    expect(spec).toEqual({
      src: 'pics/forum.jpg',
      remote: false,
      line: 3,
      alt: 'Delegates in Tianjin',
      caption: 'The forum opened on Monday.',
      credit: 'Photo by Li Ming / Xinhua',
      copyright: '© Xinhua 2025',
    });
  });

  it('keeps an https picture as it is, with the size the publisher states', () => {
    const { spec, problems } = read(
      'image: { src: "https://img.example.com/a.jpg", alt: A harbour, width: 1600, height: 900 }',
    );
    expect(problems).toEqual([]);
    expect(spec).toMatchObject({ src: 'https://img.example.com/a.jpg', remote: true, width: 1600, height: 900 });
  });

  it.each([
    ['image: photo.jpg', '2: image must be a mapping'],
    ['image:\n  src: a.jpg', '3: image needs alt'],
    ['image:\n  alt: x', '3: image needs src'],
    ['image:\n  src: http://img.example.com/a.jpg\n  alt: x', '3: "http://img.example.com/a.jpg" is an http: URL'],
    ['image:\n  src: drawing.svg\n  alt: x', '3: "drawing.svg" is an SVG, which can carry script'],
    ['image:\n  src: /etc/passwd\n  alt: x', '3: "/etc/passwd" is an absolute path'],
    ['image:\n  src: "data:image/png;base64,AAAA"\n  alt: x', '3: "data:image/png;base64,AAAA" must be a file'],
    [
      'image:\n  src: a.jpg\n  alt: x\n  width: 10\n  height: 10',
      '5: image width and height are read from a local file',
    ],
    ['image:\n  src: https://a.example/a.jpg\n  alt: x\n  width: 10', '5: image width and height go together'],
    [
      'image:\n  src: https://a.example/a.jpg\n  alt: x\n  width: wide\n  height: 3',
      '5: image width must be a whole number',
    ],
    ['image:\n  src: a.jpg\n  alt: x\n  credits: Li', '5: unknown image key "credits"'],
  ])('refuses %j', (yaml, expected) => {
    const { spec, problems } = read(yaml);
    expect(spec).toBeUndefined();
    expect(problems.some((problem) => problem.startsWith(expected))).toBe(true);
  });

  it('is read from Markdown front matter, every problem of the file at once', () => {
    const result = parseMarkdownArticle(
      'articles/a.md',
      '---\ntitle: A\ndate: 2025-07-16\nimage:\n  src: a.svg\n---\n\n![](b.png)\n',
      siteWith(),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problems = result.problems.map((problem) => `${problem.line}: ${problem.message}`);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^5: image needs alt: /);
    expect(problems[1]).toMatch(/^5: "a\.svg" is an SVG, which can carry script/);
    expect(problems[2]).toMatch(/^8: body image "b\.png" needs alt text/);
  });

  it('gives a parsed article its picture references, for the build to publish', () => {
    const result = parseMarkdownArticle(
      'articles/a.md',
      '---\ntitle: A\ndate: 2025-07-16\nimage: { src: a.jpg, alt: An A }\n---\n\nText.\n\n![A chart](charts/b%20c.png)\n\n![Remote](https://x.example/r.png)\n',
      siteWith(),
    );
    expect(result.ok && !result.draft && result.media).toEqual({
      lead: { src: 'a.jpg', remote: false, line: 4, alt: 'An A' },
      body: [{ src: 'charts/b c.png', line: 9, alt: 'A chart' }],
    });
  });
});

describe('Markdown body images', () => {
  const html = (markdown: string) => {
    const rendered = renderMarkdown(markdown);
    if (!rendered.ok) throw new Error(rendered.message);
    return rendered.html;
  };

  it('finds relative pictures with their lines and leaves https ones alone', () => {
    const markdown = 'One.\n\n![First](a.jpg)\n\n![Second](https://x.example/b.jpg)\n\n![Third](sub/c.png "t")';
    const problems: string[] = [];
    expect(
      bodyImageRefs(html(markdown), markdown, 10, (line, message) => problems.push(`${line}: ${message}`)),
    ).toEqual([
      { src: 'a.jpg', line: 12, alt: 'First' },
      { src: 'sub/c.png', line: 16, alt: 'Third' },
    ]);
    expect(problems).toEqual([]);
  });

  it('rewrites a published picture to its URL and real size, escaping both', () => {
    const body = html('![A "chart" & more](a.jpg)\n\n![Other](other.jpg)');
    expect(
      rewriteBodyImages(
        body,
        new Map([['a.jpg', { url: 'https://news.example/media/x.jpg?a=1&b=2', width: 640, height: 480 }]]),
      ),
    ).toBe(
      '<p><img src="https://news.example/media/x.jpg?a=1&amp;b=2" width="640" height="480" alt="A &quot;chart&quot; &amp; more"></p>\n<p><img src="other.jpg" alt="Other" /></p>',
    );
  });
});
