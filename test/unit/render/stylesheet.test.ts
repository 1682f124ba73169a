import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { stylesheet, stylesheetHash } from '../../../src/render/stylesheet.ts';
import { pageSite as site } from '../../support/sites.ts';

function accents(css: string): string[] {
  return [...css.matchAll(/--accent: (#[0-9a-f]{6});/g)].map((match) => match[1] ?? '');
}

// WCAG 2.2 contrast ratio, written out again here so the check does not trust the code it checks.
function contrastRatio(first: string, second: string): number {
  const luminance = (hex: string): number => {
    const [r, g, b] = [1, 3, 5].map((start) => {
      const value = Number.parseInt(hex.slice(start, start + 2), 16) / 255;
      return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [high, low] = [luminance(first), luminance(second)].sort((a, b) => b - a) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

const lightBackground = '#fbfaf7';
const darkBackground = '#18171a';

describe('the inline stylesheet', () => {
  it('hashes to the CSP sha256 of its exact UTF-8 bytes', async () => {
    const css = stylesheet(site);
    expect(await stylesheetHash(css)).toBe(`sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}`);
    // `printf 'a{color:red}' | openssl dgst -sha256 -binary | base64`
    expect(await stylesheetHash('a{color:red}')).toBe('sha256-6hWWMOcF+mJesSJGYhmK2lkIIEw9Xc5XKGLPVzh8yxs=');
  });

  it('keeps the default accent in light mode and lightens it for dark mode, both at 5:1 or more', () => {
    const css = stylesheet(site);
    expect(css).toContain(`--bg: ${lightBackground};`);
    expect(css).toContain(`--bg: ${darkBackground};`);
    expect(accents(css)).toEqual(['#b3261e', '#ce726d']);
    expect(contrastRatio('#b3261e', lightBackground)).toBeGreaterThanOrEqual(5);
    expect(contrastRatio('#ce726d', darkBackground)).toBeGreaterThanOrEqual(5);
  });

  it('darkens a pale accent in light mode so links stay readable', () => {
    const [light, dark] = accents(stylesheet({ ...site, accentColor: '#ffd400' }));
    expect(contrastRatio('#ffd400', lightBackground)).toBeLessThan(2);
    expect([light, dark]).toEqual(['#806a00', '#ffd400']);
    expect(contrastRatio('#806a00', lightBackground)).toBeGreaterThanOrEqual(5);
  });

  it('makes pages wrap long strings, follow the colour scheme, show focus and load nothing', () => {
    const css = stylesheet(site);
    expect(css).toContain('overflow-wrap: anywhere;');
    expect(css).toContain('@media (prefers-color-scheme: dark)');
    expect(css).toContain('color-scheme: light dark;');
    expect(css).toContain(':focus-visible {');
    expect(css).not.toMatch(/@import|url\(|@font-face/);
  });
});
