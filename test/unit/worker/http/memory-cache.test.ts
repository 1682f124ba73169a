import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../../../src/worker/http/memory-cache.ts';

const entry = (bytes: number) => ({ body: new Uint8Array(bytes), headers: {} });

describe('the isolate memory of responses', () => {
  it('gives back what it holds', () => {
    const memory = new MemoryCache(10_000);
    memory.set('a', entry(10));
    expect(memory.get('a')?.body.byteLength).toBe(10);
    expect(memory.get('b')).toBeUndefined();
  });

  it('lets the least recently used go first once its bytes are exceeded', () => {
    const memory = new MemoryCache(10_000);
    memory.set('a', entry(2000));
    memory.set('b', entry(2000));
    memory.set('c', entry(2000));
    memory.get('a');
    memory.set('d', entry(2000));
    memory.set('e', entry(2000));
    expect(['a', 'b', 'c', 'd', 'e'].map((key) => memory.get(key) !== undefined)).toEqual([
      true,
      false,
      true,
      true,
      true,
    ]);
  });

  it('never holds a body larger than a quarter of its bound', () => {
    const memory = new MemoryCache(10_000);
    memory.set('big', entry(3000));
    expect(memory.get('big')).toBeUndefined();
  });

  it('counts keys and headers, so many tiny bodies under long keys stay within the bound', () => {
    const budget = 1024 * 1024;
    const memory = new MemoryCache(budget);
    const headers = { 'Content-Type': 'text/plain', ETag: '"abc"', 'X-Cache': 'HIT' };
    for (let index = 0; index < 5000; index++) {
      memory.set(`https://${'h'.repeat(4096)}${index}.example/x`, { body: new Uint8Array(67), headers });
    }
    expect(memory.bytes).toBeLessThanOrEqual(budget);
    // Each entry costs over 8 KiB of key: a budget of 1 MiB holds about a hundred, not 5,000.
    let held = 0;
    for (let index = 0; index < 5000; index++) if (memory.get(`https://${'h'.repeat(4096)}${index}.example/x`)) held++;
    expect(held).toBeGreaterThan(50);
    expect(held).toBeLessThan(130);
  });

  it('frees what a replaced entry cost', () => {
    const memory = new MemoryCache(100_000);
    memory.set('a', { body: new Uint8Array(100), headers: { Long: 'x'.repeat(1000) } });
    memory.set('a', entry(100));
    expect(memory.bytes).toBe(100 + 2 + 256);
  });
});
