import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../../src/http/memory-cache.ts';

const entry = (bytes: number) => ({ body: new Uint8Array(bytes), headers: {} });

describe('the isolate memory of responses', () => {
  it('gives back what it holds', () => {
    const memory = new MemoryCache(1000);
    memory.set('a', entry(10));
    expect(memory.get('a')?.body.byteLength).toBe(10);
    expect(memory.get('b')).toBeUndefined();
  });

  it('lets the least recently used go first once its bytes are exceeded', () => {
    const memory = new MemoryCache(900);
    memory.set('a', entry(200));
    memory.set('b', entry(200));
    memory.set('c', entry(200));
    memory.get('a');
    memory.set('d', entry(200));
    memory.set('e', entry(200));
    expect(['a', 'b', 'c', 'd', 'e'].map((key) => memory.get(key) !== undefined)).toEqual([
      true,
      false,
      true,
      true,
      true,
    ]);
  });

  it('never holds a body larger than a quarter of its bound', () => {
    const memory = new MemoryCache(1000);
    memory.set('big', entry(300));
    expect(memory.get('big')).toBeUndefined();
  });
});
