import { describe, expect, it } from 'vitest';
import { htmlSecurityHeaders } from '../../../../src/render/headers/security-headers.ts';

describe('HTML security headers', () => {
  it('allow only the hashed stylesheet, images and the search form to this origin', () => {
    expect(htmlSecurityHeaders('sha256-abc=')).toEqual({
      'Content-Security-Policy':
        "default-src 'none'; style-src 'sha256-abc='; img-src 'self' https: data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'X-Frame-Options': 'DENY',
    });
  });
});
