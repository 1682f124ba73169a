import { describe, expect, it } from 'vitest';
import { serializeJsonLd } from '../../../src/render/json-ld.ts';

describe('JSON-LD serialization', () => {
  it('escapes <, >, & and the JavaScript line terminators, and parses back to the same value', () => {
    const value = { text: '</script><!-- & --> \u2028\u2029 "quoted" 中文' };
    const serialized = serializeJsonLd(value);
    expect(serialized).toBe(
      '{"text":"\\u003c/script\\u003e\\u003c!-- \\u0026 --\\u003e \\u2028\\u2029 \\"quoted\\" 中文"}',
    );
    expect(JSON.parse(serialized)).toEqual(value);
  });
});
