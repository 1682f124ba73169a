/** Error pages (400, 404, 405, 414, 500, 503) in the site's look: the status, the message, a way home. */
import type { Site } from '../model/site.ts';
import { escapeHtml, link } from './html.ts';
import { renderLayout, sitePath } from './layout.ts';
import { indexPath } from './urls.ts';

/** `message` is the heading (the reason phrase); `detail`, when given, says what to do about it. */
export function renderErrorPage(site: Site, status: number, message: string, detail?: string): string {
  return renderLayout(site, {
    language: site.language,
    title: `${status} ${message} — ${site.title}`,
    description: detail ?? message,
    head: '<meta name="robots" content="noindex">\n',
    main: `<p class="status">Error ${status}</p>
<h1>${escapeHtml(message)}</h1>
${detail === undefined ? '' : `<p>${escapeHtml(detail)}</p>\n`}<p>${link(sitePath(site, indexPath()), `Go to the front page of ${site.title}`)}</p>`,
  });
}
