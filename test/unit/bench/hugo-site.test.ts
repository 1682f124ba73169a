// The bench's Hugo converter: a converted article keeps what both generators render, and its body stays text, never markup.
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { hugoArticle, hugoConfig, hugoLayouts, hugoPage } from '../../../bench/hugo-site.ts';
import { parseFile } from '../../../src/builder/content/parse-file.ts';
import { defaultSite } from '../../../src/content/site-config.ts';

const wireCopy = [
  'Ports <b>reopen</b> & "trade" resumes',
  '2025-07-16 09:30 +08:00',
  '# Not a heading: *stars*, _under_ [a](b) `code` {{< shortcode >}} &amp; 4 < 5',
  '    indented line\ttwo',
  '',
  'Second paragraph.',
  'Edit:Yi Yi Responsible editor:Li Nian',
  'Source:https://www.news.cn/world/2025/1.htm',
  '',
].join('\n');

function converted() {
  const result = parseFile({
    file: 'articles/ports.txt',
    text: wireCopy,
    site: defaultSite,
    sidecar: { file: 'articles/ports.yaml', text: 'tags: ["Économie", "Ports"]\n', wireCopyFile: 'articles/ports.txt' },
  });
  if (!result.ok || result.draft) throw new Error('the fixture must parse');
  const page = hugoPage(hugoArticle(result.article));
  const end = page.indexOf('\n}\n') + 2;
  return { article: result.article, frontMatter: JSON.parse(page.slice(0, end)), body: page.slice(end) };
}

/** The text a reader sees in the HTML CommonMark makes of `markdown`. */
function renderedText(markdown: string): string {
  const html = marked.parse(markdown, { async: false });
  return html
    .replace(/<\/p>\s*/g, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(
      /&(lt|gt|quot|#39|amp);/g,
      (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name] ?? '',
    )
    .trim();
}

describe('hugoPage', () => {
  it('keeps the title, the date with its offset, the tags, the source and the slug in the front matter', () => {
    const { frontMatter } = converted();
    expect(frontMatter).toEqual({
      title: 'Ports <b>reopen</b> & "trade" resumes',
      date: '2025-07-16T09:30:00+08:00',
      slug: 'ports',
      tags: ['Économie', 'Ports'],
      sources: ['www.news.cn'],
      sourceName: 'www.news.cn',
      sourceUrl: 'https://www.news.cn/world/2025/1.htm',
    });
  });

  it('keeps the body as text: Markdown, HTML and shortcode characters render as themselves', () => {
    const { article, body } = converted();
    expect(body).not.toContain('{{<');
    const expected = article.bodyText
      .split('\n\n')
      .map((paragraph) =>
        paragraph
          .split('\n')
          .map((line) => line.trim())
          .join('\n'),
      )
      .join('\n\n');
    expect(renderedText(body)).toBe(expected);
    expect(expected).toContain('# Not a heading: *stars*, _under_ [a](b) `code` {{< shortcode >}} &amp; 4 < 5');
  });
});

describe('hugoConfig', () => {
  const config = JSON.parse(
    hugoConfig({ title: 'Wire & "News"', baseUrl: 'https://news.example.com', language: 'en', pageSize: 20 }),
  );

  it('makes tags and sources taxonomies, pages lists like wirefeed, publishes future-dated articles and keeps the title exactly', () => {
    expect(config.taxonomies).toEqual({ tag: 'tags', source: 'sources' });
    expect(config.paginate).toBe(20);
    expect(config.buildFuture).toBe(true);
    expect(config.baseURL).toBe('https://news.example.com/');
    expect(config.title).toBe('Wire & "News"');
  });

  it('has a layout for every output format a list or a page renders', () => {
    const formats = new Set<string>([...config.outputs.home, ...config.outputs.term, ...config.outputs.page]);
    let checked = 0;
    for (const format of formats) {
      const suffix =
        format === 'HTML' ? 'html' : config.outputFormats[format].mediaType.endsWith('xml') ? 'xml' : 'json';
      const layouts = Object.keys(hugoLayouts).filter((path) =>
        format === 'HTML' ? path.endsWith('.html') : path.endsWith(`.${format.toLowerCase()}.${suffix}`),
      );
      expect(layouts, format).not.toHaveLength(0);
      checked++;
    }
    expect(checked).toBe(5);
  });
});
