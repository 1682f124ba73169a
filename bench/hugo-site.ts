/** Converts parsed wirefeed articles to a Hugo site (Markdown pages, config, minimal layouts) for the bench's side-by-side build: pure, no I/O. */
import type { Article } from '../src/model/article.ts';
import { sourceKey } from '../src/model/source-key.ts';

/** What a Hugo page keeps of an article: the fields both generators render. */
export interface HugoArticle {
  readonly slug: string;
  readonly title: string;
  /** RFC 3339 with the article's own offset. */
  readonly date: string;
  readonly tags: readonly string[];
  /** The source's section key (host or name, as wirefeed's `/sources/:key`), a Hugo taxonomy term. */
  readonly source?: { readonly key: string; readonly name: string; readonly url?: string };
  /** Plain-text paragraphs separated by a blank line (wire copy's `bodyText`). */
  readonly bodyText: string;
}

/** The site settings the Hugo config repeats from wirefeed's Site. */
export interface HugoSiteSettings {
  readonly title: string;
  readonly baseUrl: string;
  readonly language: string;
  /** Items per HTML list page, as wirefeed's `pageSize`. */
  readonly pageSize: number;
}

export function hugoArticle(article: Article): HugoArticle {
  return {
    slug: article.slug,
    title: article.title,
    date: article.published.iso,
    tags: article.tags,
    ...(article.source
      ? {
          source: {
            key: sourceKey(article.source),
            name: article.source.name,
            ...(article.source.url ? { url: article.source.url } : {}),
          },
        }
      : {}),
    bodyText: article.bodyText,
  };
}

/**
 * Plain text as CommonMark that renders to exactly that text: every ASCII punctuation character is
 * backslash-escaped (CommonMark §2.4), so no `*`, `<`, `&` or `#` becomes markup and no `{{<` a Hugo
 * shortcode. Leading and trailing blanks of a line are dropped (indentation would be a code block,
 * two trailing spaces a hard break; HTML collapses them anyway).
 */
export function markdownText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim().replace(/[!-/:-@[-`{-~]/g, '\\$&'))
    .join('\n');
}

/** content/articles/<slug>.md: JSON front matter (Hugo reads a page starting with `{` as JSON), then the body. */
export function hugoPage(article: HugoArticle): string {
  const frontMatter = {
    title: article.title,
    date: article.date,
    slug: article.slug,
    tags: article.tags,
    ...(article.source
      ? {
          sources: [article.source.key],
          sourceName: article.source.name,
          ...(article.source.url ? { sourceUrl: article.source.url } : {}),
        }
      : {}),
  };
  const paragraphs = article.bodyText.split('\n\n').map(markdownText);
  return `${JSON.stringify(frontMatter, null, 1)}\n\n${paragraphs.join('\n\n')}\n`;
}

/** Hugo's `config.json`: the pages and lists wirefeed renders (article page + a JSON document; home, tags, sources with RSS, Atom, JSON Feed). */
export function hugoConfig(site: HugoSiteSettings): string {
  const feeds = ['HTML', 'WireRSS', 'Atom', 'JSONFeed'];
  const plain = (mediaType: string, baseName: string) => ({ mediaType, baseName, isPlainText: true });
  return `${JSON.stringify(
    {
      baseURL: site.baseUrl.endsWith('/') ? site.baseUrl : `${site.baseUrl}/`,
      title: site.title,
      languageCode: site.language,
      paginate: site.pageSize,
      // wirefeed publishes every article whatever its date; Hugo skips future-dated pages by default (the generated
      // archive runs 7 hours an article from 2020, so past 8,700 articles into the future).
      buildFuture: true,
      disableKinds: ['section', 'robotsTXT', '404'],
      taxonomies: { tag: 'tags', source: 'sources' },
      mediaTypes: { 'application/atom+xml': { suffixes: ['xml'] }, 'application/feed+json': { suffixes: ['json'] } },
      outputFormats: {
        WireRSS: plain('application/rss+xml', 'rss'),
        Atom: plain('application/atom+xml', 'atom'),
        JSONFeed: plain('application/feed+json', 'feed'),
        Ninjs: { ...plain('application/json', 'index'), isHTML: false },
      },
      outputs: { home: feeds, term: feeds, taxonomy: ['HTML'], page: ['HTML', 'Ninjs'] },
    },
    null,
    1,
  )}\n`;
}

const itemDate = '{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}';

/** The minimal theme: layout path (under the site's `layouts/`) → Go template. HTML ones are auto-escaped; feeds escape explicitly. */
export const hugoLayouts: Readonly<Record<string, string>> = {
  '_default/single.html': `<!doctype html>
<html lang="{{ site.LanguageCode }}"><head><meta charset="utf-8"><title>{{ .Title }} — {{ site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}"></head>
<body><article><h1>{{ .Title }}</h1><time datetime="${itemDate}">{{ .Date.Format "2 January 2006" }}</time>
{{ with .Params.sourceName }}<p>Source: {{ . }}</p>{{ end }}
{{ .Content }}
<ul>{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></article></body></html>
`,
  '_default/single.ninjs.json': `{"uri":{{ .Permalink | jsonify }},"headlines":[{"value":{{ .Title | jsonify }}}],"versioncreated":{{ (.Date.Format "2006-01-02T15:04:05Z07:00") | jsonify }},"subjects":{{ .Params.tags | jsonify }},"bodies":[{"contenttype":"text/html","value":{{ .Content | jsonify }}}]}
`,
  '_default/list.html': `<!doctype html>
<html lang="{{ site.LanguageCode }}"><head><meta charset="utf-8"><title>{{ .Title }} — {{ site.Title }}</title>
{{ range .AlternativeOutputFormats }}<link rel="alternate" type="{{ .MediaType.Type }}" href="{{ .Permalink }}">{{ end }}</head>
<body><h1>{{ .Title }}</h1><ol>{{ $paginator := .Paginate (cond .IsHome site.RegularPages .Pages) }}{{ range $paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>${itemDate}</time><p>{{ .Summary }}</p></li>{{ end }}</ol>
{{ with $paginator.Next }}<a rel="next" href="{{ .URL }}">next</a>{{ end }}</body></html>
`,
  '_default/taxonomy.html': `<!doctype html>
<html lang="{{ site.LanguageCode }}"><head><meta charset="utf-8"><title>{{ .Title }} — {{ site.Title }}</title></head>
<body><h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul></body></html>
`,
  '_default/list.wirerss.xml': `{{ $pages := cond .IsHome site.RegularPages .Pages }}<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{{ .Title | htmlEscape }} — {{ site.Title | htmlEscape }}</title><link>{{ .Permalink | htmlEscape }}</link><description>{{ site.Title | htmlEscape }}</description>
{{ range $pages }}<item><title>{{ .Title | htmlEscape }}</title><link>{{ .Permalink | htmlEscape }}</link><guid>{{ .Permalink | htmlEscape }}</guid><pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" }}</pubDate>{{ range .Params.tags }}<category>{{ . | htmlEscape }}</category>{{ end }}<description>{{ .Content | htmlEscape }}</description></item>
{{ end }}</channel></rss>
`,
  '_default/list.atom.xml': `{{ $pages := cond .IsHome site.RegularPages .Pages }}<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>{{ .Title | htmlEscape }} — {{ site.Title | htmlEscape }}</title><id>{{ .Permalink | htmlEscape }}</id><updated>{{ .Lastmod.Format "2006-01-02T15:04:05Z07:00" }}</updated>
{{ range $pages }}<entry><title>{{ .Title | htmlEscape }}</title><id>{{ .Permalink | htmlEscape }}</id><link href="{{ .Permalink | htmlEscape }}"/><updated>${itemDate}</updated>{{ range .Params.tags }}<category term="{{ . | htmlEscape }}"/>{{ end }}<content type="html">{{ .Content | htmlEscape }}</content></entry>
{{ end }}</feed>
`,
  '_default/list.jsonfeed.json': `{{ $pages := cond .IsHome site.RegularPages .Pages }}{"version":"https://jsonfeed.org/version/1.1","title":{{ .Title | jsonify }},"home_page_url":{{ .Permalink | jsonify }},"items":[{{ range $index, $page := $pages }}{{ if $index }},{{ end }}
{"id":{{ $page.Permalink | jsonify }},"url":{{ $page.Permalink | jsonify }},"title":{{ $page.Title | jsonify }},"date_published":{{ ($page.Date.Format "2006-01-02T15:04:05Z07:00") | jsonify }},"tags":{{ $page.Params.tags | jsonify }},"content_html":{{ $page.Content | jsonify }}}{{ end }}]}
`,
};
