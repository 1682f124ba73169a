import { describe, expect, it } from 'vitest';
import { cacheControlValue } from '../../../src/model/cache-control.ts';

describe('cacheControlValue', () => {
  it('writes public, max-age, s-maxage and stale-while-revalidate', () => {
    expect(cacheControlValue({ maxAge: 300, sMaxAge: 600, staleWhileRevalidate: 86400 })).toBe(
      'public, max-age=300, s-maxage=600, stale-while-revalidate=86400',
    );
  });

  it('writes zero lifetimes as zero', () => {
    expect(cacheControlValue({ maxAge: 0, sMaxAge: 0, staleWhileRevalidate: 0 })).toBe(
      'public, max-age=0, s-maxage=0, stale-while-revalidate=0',
    );
  });

  it('throws for a negative lifetime', () => {
    expect(() => cacheControlValue({ maxAge: -1, sMaxAge: 600, staleWhileRevalidate: 86400 })).toThrow(
      'Cache lifetime maxAge must be a whole number of seconds >= 0, got -1',
    );
  });

  it('throws for a fractional lifetime', () => {
    expect(() => cacheControlValue({ maxAge: 300, sMaxAge: 1.5, staleWhileRevalidate: 86400 })).toThrow(
      'Cache lifetime sMaxAge must be a whole number of seconds >= 0, got 1.5',
    );
  });
});
