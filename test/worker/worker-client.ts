/** Requests through the deployed Worker entry (`exports.default`), and small readers for its answers. */
import { exports } from 'cloudflare:workers';
import { parseXml as parseXmlAs, routeReading } from '../support/xml.ts';

export const origin = 'http://localhost:8787';

export function get(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`${origin}${path}`, init));
}

/** Decodes the character references our escapers write (named five, decimal, hex). */
export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, name: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return named[name.toLowerCase()] ?? '';
  });
}

/** The decoded text of every element matching `selector`, read with workerd's own HTMLRewriter. */
export async function textsOf(html: string, selector: string): Promise<string[]> {
  const texts: string[] = [];
  let current: string | undefined;
  const rewriter = new HTMLRewriter().on(selector, {
    element(element) {
      current = '';
      texts.push('');
      element.onEndTag(() => {
        texts[texts.length - 1] = decodeEntities(current ?? '');
        current = undefined;
      });
    },
    text(chunk) {
      if (current !== undefined) current += chunk.text;
    },
  });
  await rewriter.transform(new Response(html)).text();
  return texts;
}

/** Parses XML with a real parser after checking it is well-formed, as the Worker tests read it (support/xml.ts). */
export function parseXml(xml: string): Record<string, unknown> {
  return parseXmlAs(xml, routeReading);
}
