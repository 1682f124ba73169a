/** Error pages (400, 404, 405, 414, 500) in the site's look: the status, the message, a way home. */
import type { Site } from '../site.ts';
import { escapeHtml, link } from './html.ts';
import { renderLayout, sitePath } from './layout.ts';
import { indexPath } from './urls.ts';

export function renderErrorPage(site: Site, status: number, message: string): string {
  return renderLayout(site, {
    language: site.language,
    title: `${status} ${message} — ${site.title}`,
    description: message,
    head: '<meta name="robots" content="noindex">\n',
    main: `<p class="status">Error ${status}</p>
<h1>${escapeHtml(message)}</h1>
<p>${link(sitePath(site, indexPath()), `Go to the front page of ${site.title}`)}</p>`,
  });
}
