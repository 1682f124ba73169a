import { describe, expect, it } from 'vitest';
import { renderErrorPage } from '../../../src/render/error-page.ts';
import { stylesheet } from '../../../src/render/stylesheet.ts';
import { attributeOf, one, parseDocument, textOf } from '../../support/html.ts';
import { pageSite as site } from '../../support/sites.ts';

describe('error pages', () => {
  it.each([
    [400, 'Bad Request'],
    [404, 'Not Found'],
    [405, 'Method Not Allowed'],
    [414, 'URI Too Long'],
    [500, 'Internal Server Error'],
  ])('the %i page shows the status, the message as h1, and a link home', (status, message) => {
    const doc = parseDocument(renderErrorPage(site, status, message));
    expect(textOf(one(doc, '.status'))).toBe(`Error ${status}`);
    expect(textOf(one(doc, 'h1'))).toBe(message);
    expect(textOf(one(doc, 'title'))).toBe(`${status} ${message} — Wirefeed`);
    expect(attributeOf(one(doc, 'main a'), 'href')).toBe('/');
  });

  it('looks like the rest of the site: same stylesheet, banner and footer', () => {
    const doc = parseDocument(renderErrorPage(site, 404, 'Not Found'));
    expect(one(doc, 'style').textContent).toBe(stylesheet(site));
    expect(textOf(one(doc, '.site-name'))).toBe('Wirefeed');
    expect(textOf(one(doc, 'body > footer p'))).toBe(site.copyright);
  });

  it('asks search engines not to index it', () => {
    expect(
      attributeOf(one(parseDocument(renderErrorPage(site, 404, 'Not Found')), 'meta[name="robots"]'), 'content'),
    ).toBe('noindex');
  });

  it('escapes the message', () => {
    const doc = parseDocument(renderErrorPage(site, 400, '<b>bad</b> & "page"'));
    expect(textOf(one(doc, 'h1'))).toBe('<b>bad</b> & "page"');
    expect(doc.querySelectorAll('b').length).toBe(0);
  });
});
