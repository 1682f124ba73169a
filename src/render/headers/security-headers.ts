/** Security headers for every HTML response: a strict CSP that allows only the one hashed inline stylesheet. */

/**
 * `styleHash` is `stylesheetHash(stylesheet(site))`. No script-src: the only script element is
 * JSON-LD, a data block the browser never executes (HTML Standard §4.12.1.1), so `default-src
 * 'none'` covers it. Forms may only submit to the site itself (the search box). CSP Level 3;
 * frame-ancestors replaces X-Frame-Options, sent too for old agents.
 */
export function htmlSecurityHeaders(styleHash: string): Record<string, string> {
  return {
    'Content-Security-Policy': [
      "default-src 'none'",
      `style-src '${styleHash}'`,
      "img-src 'self' https: data:",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
  };
}
