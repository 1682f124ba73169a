/** PageInfo: where one page of a newest-first list sits, as every paged renderer (feeds, index) receives it. */
import type { ArticleDate } from '../model/article.ts';
import type { SectionInfo } from './list-identity.ts';

/** Where a page sits in the archive: all a page's head and paging links depend on. */
export interface PageInfo {
  /** 1-based page number. */
  readonly page: number;
  /** Number of pages in the archive; at least 1 even when there are no articles. */
  readonly pageCount: number;
  /** The newest `updated` date of the whole archive; undefined when it is empty. */
  readonly archiveUpdated?: ArticleDate;
  /** The tag or source section this page lists; undefined for the site-wide lists. */
  readonly section?: SectionInfo;
}
