/** Follows a list's `next` links from page 1 and collects each page's item titles: the paging walk of the archive and section tests. */
import { expect } from 'vitest';

export type Fetch = (path: string, init?: RequestInit) => Promise<Response>;

/** What one page gave: its titles and its `next` link (absolute or root-relative), if any. */
export type PageReader = (body: string) => Promise<{ titles: string[]; next?: string }>;

export async function walk(fetch: Fetch, first: string, read: PageReader): Promise<string[][]> {
  const pages: string[][] = [];
  let path: string | undefined = first;
  while (path !== undefined && pages.length < 10) {
    const response = await fetch(path);
    expect(response.status, path).toBe(200);
    const { titles, next } = await read(await response.text());
    pages.push(titles);
    const url = next === undefined ? undefined : new URL(next, 'https://wire.example');
    path = url === undefined ? undefined : url.pathname + url.search;
  }
  return pages;
}
