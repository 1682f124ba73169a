/** WebSub §4 discovery in HTTP: `Link: <hub>; rel="hub", <self>; rel="self"` on every feed response. */
import type { Site } from '../../model/site.ts';

/** The Link header value for a feed at `selfUrl`; undefined when the site has no hub. */
export function websubLinkHeader(site: Site, selfUrl: string): string | undefined {
  // W3C WebSub §4: publishers MUST advertise rel="hub" and rel="self"; the header form is RFC 8288.
  return site.websubHub === undefined ? undefined : `<${site.websubHub}>; rel="hub", <${selfUrl}>; rel="self"`;
}
