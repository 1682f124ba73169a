import { describe, expect, it } from 'vitest';
import { attribute, escapeHtml, link } from '../../../src/render/html.ts';

describe('HTML escaping', () => {
  it('escapes the five significant characters and nothing else', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp; 中文 ]]></a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp; 中文 ]]&gt;&lt;/a&gt;',
    );
  });

  it('builds attributes and links with escaped values', () => {
    expect(attribute('title', '"><x')).toBe('title="&quot;&gt;&lt;x"');
    expect(link('/a?b=1&c=2', '<b>', 'next')).toBe('<a href="/a?b=1&amp;c=2" rel="next">&lt;b&gt;</a>');
  });
});
