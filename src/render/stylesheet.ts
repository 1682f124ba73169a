/** The one inline stylesheet every HTML page carries, and its CSP hash. */

import type { Site } from '../model/site.ts';
import { sha256Base64 } from '../shared/digest.ts';

/**
 * The CSS, with the site's accent adjusted per colour scheme so links keep WCAG AA contrast
 * (4.5:1, WCAG 2.2 SC 1.4.3) on both backgrounds, whatever colour the publisher picked.
 */
export const stylesheet = (site: Site): string => {
  let text = stylesheets.get(site.accentColor);
  if (text === undefined) {
    const accentLight = readableOn(site.accentColor, lightBackground, '#000000');
    const accentDark = readableOn(site.accentColor, darkBackground, '#ffffff');
    text = css(accentLight, accentDark);
    stylesheets.set(site.accentColor, text);
  }
  return text;
};

/** The CSS depends on the accent colour alone; index pages are joined per request, so it is made once. */
const stylesheets = new Map<string, string>();

/** CSP source expression for the exact CSS text: `sha256-<base64>` (CSP Level 3 §2.3.1). */
export async function stylesheetHash(cssText: string): Promise<string> {
  return `sha256-${await sha256Base64(cssText)}`;
}

const lightBackground = '#fbfaf7';
const darkBackground = '#18171a';
// WCAG AA asks 4.5:1 for text; 5:1 leaves a margin for anti-aliased thin strokes.
const minimumContrast = 5;

/** Mixes `hex` toward `toward` in 5 % steps until it reaches 5:1 against `background`. */
function readableOn(hex: string, background: string, toward: string): string {
  const from = rgb(hex);
  const target = rgb(toward);
  const backgroundLuminance = luminance(rgb(background));
  for (let step = 0; step <= 20; step++) {
    const mixed = from.map((channel, index) => Math.round(channel + ((target[index] ?? 0) - channel) * (step / 20)));
    if (contrast(luminance(mixed), backgroundLuminance) >= minimumContrast) return toHex(mixed);
  }
  return toward;
}

function rgb(hex: string): number[] {
  const digits = hex.replace('#', '');
  const full = digits.length === 3 ? [...digits].map((digit) => digit + digit).join('') : digits.slice(0, 6);
  return [0, 2, 4].map((start) => Number.parseInt(full.slice(start, start + 2), 16) || 0);
}

function toHex(channels: number[]): string {
  return `#${channels.map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}

// WCAG 2.2 relative luminance and contrast ratio definitions.
function luminance(channels: number[]): number {
  const [r = 0, g = 0, b = 0] = channels.map((channel) => {
    const value = channel / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(first: number, second: number): number {
  return (Math.max(first, second) + 0.05) / (Math.min(first, second) + 0.05);
}

const css = (accentLight: string, accentDark: string): string => `
:root {
  color-scheme: light dark;
  --bg: ${lightBackground};
  --text: #1f1d1a;
  --muted: #5b564e;
  --rule: #e2ddd3;
  --surface: #f2eee6;
  --accent: ${accentLight};
  --serif: Charter, "Bitstream Charter", "Sitka Text", Cambria, "Iowan Old Style", "Palatino Linotype", "Source Serif Pro", Georgia, "Noto Serif", "Noto Serif CJK SC", "Songti SC", serif;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "PingFang SC", "Microsoft YaHei", sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: ${darkBackground};
    --text: #e8e4dc;
    --muted: #aaa49a;
    --rule: #34312d;
    --surface: #222025;
    --accent: ${accentDark};
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  display: flex;
  flex-direction: column;
  min-height: 100vh;
  margin: 0;
  background: var(--bg);
  color: var(--text);
  font-family: var(--serif);
  font-size: clamp(1.0625rem, 1rem + 0.25vw, 1.25rem);
  line-height: 1.7;
  overflow-wrap: anywhere;
  font-kerning: normal;
}
/* The measure: 60ch of the body serif is about 65–72 characters per line across the stack. Wrappers keep the body font so every column lines up. */
.wrap { width: min(100% - 2.5rem, 60ch); margin-inline: auto; }
a { color: var(--accent); text-decoration-thickness: 0.07em; text-underline-offset: 0.2em; }
a:hover { text-decoration-thickness: 0.14em; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 3px; border-radius: 2px; }
.skip-link {
  position: absolute; left: 1rem; top: 1rem; z-index: 1;
  padding: 0.5rem 0.875rem; background: var(--text); color: var(--bg);
  font-family: var(--sans); font-size: 0.875rem; border-radius: 0.25rem;
  transform: translateY(-200%);
}
.skip-link:focus { transform: none; }
.site-header { border-top: 4px solid var(--accent); }
.site-header .wrap { padding-block: 1.25rem 1rem; border-bottom: 1px solid var(--rule); }
.site-name { margin: 0; font-family: var(--sans); font-size: 1rem; font-weight: 700; letter-spacing: 0.01em; line-height: 1.3; }
.site-name a { color: var(--text); text-decoration: none; }
.site-name a:hover { color: var(--accent); }
.masthead { font-family: var(--serif); font-size: clamp(1.875rem, 1.3rem + 2.4vw, 2.75rem); letter-spacing: -0.012em; line-height: 1.15; }
.site-header .masthead + .site-description { margin-top: 0.5rem; font-size: 1rem; }
.site-description { margin: 0.25rem 0 0; font-family: var(--sans); color: var(--muted); font-size: 0.875rem; line-height: 1.45; }
.search { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; margin-top: 0.875rem; font-family: var(--sans); font-size: 0.9375rem; }
.search label { color: var(--muted); }
.search input { flex: 1 1 12rem; min-width: 0; padding: 0.375rem 0.5rem; border: 1px solid var(--rule); border-radius: 0.25rem; background: var(--bg); color: var(--text); font: inherit; }
.search button { padding: 0.375rem 0.875rem; border: 0; border-radius: 0.25rem; background: var(--accent); color: #fff; font: inherit; font-weight: 600; cursor: pointer; }
mark { background: color-mix(in srgb, var(--accent) 22%, transparent); color: inherit; border-radius: 0.125rem; }
.snippet { margin: 0.5rem 0 0; }
main { flex: 1 0 auto; padding-block: 2.25rem 3.5rem; }
h1, h2 { line-height: 1.2; text-wrap: balance; }
h1 { margin: 0 0 0.75rem; font-size: clamp(1.75rem, 1.2rem + 2.4vw, 2.625rem); font-weight: 700; letter-spacing: -0.012em; }
.meta { margin: 0; color: var(--muted); font-family: var(--sans); font-size: 0.875rem; line-height: 1.5; }
.meta .separator { padding-inline: 0.15em; }
.meta time { white-space: nowrap; }
.article-header { margin-bottom: 2rem; padding-bottom: 1.25rem; border-bottom: 1px solid var(--rule); }
.kicker { margin: 0 0 0.5rem; color: var(--accent); font-family: var(--sans); font-size: 0.8125rem; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase; }
.article-body p { margin: 0 0 1.3em; }
.article-body :is(h2, h3) { margin: 2em 0 0.6em; }
.article-body img { max-width: 100%; height: auto; }
.lead-image { margin: 0 0 1.75rem; }
.lead-image img { display: block; width: 100%; height: auto; }
.lead-image figcaption { margin-top: 0.5rem; color: var(--muted); font-family: var(--sans); font-size: 0.875rem; line-height: 1.5; }
.entry .thumbnail { float: right; width: 8rem; height: auto; margin: 0.25rem 0 0.5rem 1rem; }
.entry article { display: flow-root; }
.article-body blockquote { margin: 1.5em 0; padding-left: 1.25em; border-left: 3px solid var(--rule); color: var(--muted); }
.article-body pre { overflow-x: auto; }
.attribution {
  margin-top: 2.75rem; padding: 1.25rem 1.5rem; background: var(--surface);
  border-left: 3px solid var(--accent); border-radius: 0.375rem;
  font-family: var(--sans); font-size: 0.9375rem; line-height: 1.55;
}
.attribution h2 { margin: 0 0 0.875rem; color: var(--muted); font-size: 0.75rem; font-weight: 700; letter-spacing: 0.09em; text-transform: uppercase; }
.attribution dl { margin: 0; }
.attribution dl > div { display: grid; grid-template-columns: 10.5rem 1fr; gap: 1rem; padding-block: 0.2rem; }
.attribution dt { color: var(--muted); }
.attribution dd { margin: 0; }
.copyright { margin: 1rem 0 0; padding-top: 0.875rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.875rem; line-height: 1.55; }
.entries { margin: 0; padding: 0; list-style: none; }
.entry { padding-block: 1.5rem; border-top: 1px solid var(--rule); }
.entry:first-child { padding-top: 0.25rem; border-top: 0; }
.entry h2 { margin: 0 0 0.375rem; font-size: clamp(1.25rem, 1.1rem + 0.6vw, 1.5rem); }
.entry h2 a { color: var(--text); text-decoration: none; }
.entry h2 a:hover { color: var(--accent); text-decoration: underline; text-decoration-thickness: 0.06em; }
.entry .summary { margin: 0.5rem 0 0; }
.empty { color: var(--muted); }
.pagination { display: grid; grid-template-columns: 1fr auto 1fr; align-items: baseline; gap: 1rem; margin-top: 1rem; padding-top: 1.25rem; border-top: 1px solid var(--rule); font-family: var(--sans); font-size: 0.9375rem; }
.pagination .current { color: var(--muted); }
.pagination .older { justify-self: end; }
.status { margin: 0 0 0.5rem; color: var(--accent); font-family: var(--sans); font-size: 0.875rem; font-weight: 700; letter-spacing: 0.08em; text-transform: uppercase; }
.site-footer .wrap { padding-block: 1.5rem 2.5rem; border-top: 1px solid var(--rule); color: var(--muted); }
.site-footer :is(ul, p) { font-family: var(--sans); font-size: 0.875rem; line-height: 1.55; }
.feeds { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; margin: 0 0 0.75rem; padding: 0; list-style: none; }
.site-footer p { margin: 0; }
.corrections, .retraction { margin: 1.25rem 0; padding: 0.25rem 0 0.25rem 1rem; border-left: 4px solid var(--accent); font-family: var(--sans); font-size: 0.9375rem; }
.corrections h2, .retraction h2 { margin: 0 0 0.25rem; font-size: 1rem; }
.corrections ul { margin: 0; padding-left: 1.1rem; }
@media (max-width: 30rem) {
  .attribution { padding: 1rem 1.125rem; }
  .attribution dl > div { grid-template-columns: 1fr; gap: 0; padding-block: 0.3rem; }
}
`;
