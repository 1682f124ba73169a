/** Articles as a build thread is sent them: each one's fields and where its bodies are, never the bodies themselves. */
import type { Article } from '../../model/article.ts';
import { type BodyLocation, bodyLocation, fieldsOf, openBodyFile } from '../content/body-spill.ts';

/** An article whose bodies wait in a body file (read there by the thread), or one held whole in memory. */
export type CatalogEntry =
  | { readonly fields: Omit<Article, 'bodyText' | 'bodyHtml'>; readonly body: BodyLocation }
  | { readonly article: Article };

/** The entries of `articles`, in order: cheap to send, however long the articles are. */
export function toCatalog(articles: readonly Article[]): CatalogEntry[] {
  return articles.map((article) => {
    const body = bodyLocation(article);
    if (body === undefined) return { article };
    // Own fields but the two body getters: reading those would read the bodies back.
    return { fields: fieldsOf(article), body };
  });
}

/** Body files this thread has opened, each once. */
const files = new Map<string, ReturnType<typeof openBodyFile>>();

/** The articles again, their bodies read from the body files when a renderer asks. */
export function fromCatalog(entries: readonly CatalogEntry[]): Article[] {
  return entries.map((entry) => {
    if ('article' in entry) return entry.article;
    const { path, text, html } = entry.body;
    let file = files.get(path);
    if (file === undefined) {
      file = openBodyFile(path, true);
      files.set(path, file);
    }
    return file.lazy(entry.fields, { text, html });
  });
}
