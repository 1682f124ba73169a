/** XML for tests: a strict parse into a tree addressed by path, every element name in it, and what XML can carry of a text. */
import { type X2jOptions, XMLParser, XMLValidator } from 'fast-xml-parser';

// biome-ignore lint/suspicious/noExplicitAny: a parsed document is addressed by path in assertions.
export type XmlTree = any;

/** Elements of RSS and Atom that may repeat, by path, so a single one still parses as an array. */
const repeatedFeedElements = new Set([
  'rss.channel.atom:link',
  'rss.channel.item',
  'rss.channel.item.category',
  'rss.channel.item.dc:contributor',
  'feed.link',
  'feed.entry',
  'feed.entry.link',
  'feed.entry.category',
  'feed.entry.contributor',
]);

/** How the renderer tests read a document: text exactly as written, attributes as `@_name`, repeatable feed elements as arrays. */
export const exactReading: X2jOptions = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
  isArray: (_name, jpath) => repeatedFeedElements.has(String(jpath)),
};

/** How the Worker tests read an answer: attributes as `@name`, values as fast-xml-parser guesses them, list elements as arrays. */
export const routeReading: X2jOptions = {
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['item', 'entry', 'url', 'sitemap', 'atom:link', 'link'].includes(name),
};

/** Parses XML after checking it is well-formed: a malformed document fails the test with the validator's error. */
export function parseXml(xml: string, reading: X2jOptions = exactReading): XmlTree {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`malformed XML: ${JSON.stringify(valid.err)}`);
  return new XMLParser(reading).parse(xml) as XmlTree;
}

/** Every element name anywhere in a parsed tree. */
export function elementNames(tree: unknown): string[] {
  if (Array.isArray(tree)) return tree.flatMap(elementNames);
  if (tree === null || typeof tree !== 'object') return [];
  return Object.entries(tree).flatMap(([key, value]) =>
    key.startsWith('@_') || key === '#text' ? [] : [key, ...elementNames(value)],
  );
}

/** The text a valid XML document can carry for `value`: the hostile text's control characters became U+FFFD. */
export const asXmlText = (value: string): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the hostile fixture's own control characters.
  value.replace(/[\u0001\u0008\u001B]/g, '\uFFFD');
