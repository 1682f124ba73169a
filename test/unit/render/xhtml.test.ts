import { describe, expect, it } from 'vitest';
import { htmlToXhtml } from '../../../src/render/xhtml.ts';

/** [behaviour, sanitized HTML, the exact XHTML it becomes]. */
const cases: readonly (readonly [string, string, string])[] = [
  [
    'closes what HTML leaves open or implied: paragraphs, list items, void elements',
    '<p>one<p>two<ul><li>a<li>b</ul>line<br>break <img src="a.png" alt="A">',
    '<p>one</p><p>two</p><ul><li>a</li><li>b</li></ul>line<br/>break <img src="a.png" alt="A"/>',
  ],
  [
    'keeps escaped markup as text: a script, a CDATA end and an entity stay characters',
    '<p>&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; AT&amp;T &amp;amp; &quot;q&quot;</p>',
    '<p>&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; AT&amp;T &amp;amp; &quot;q&quot;</p>',
  ],
  [
    'writes HTML-only named references as the characters they stand for',
    '<p>a&nbsp;b &eacute; &copy;</p>',
    '<p>a\u00A0b é ©</p>',
  ],
  [
    'replaces characters XML 1.0 cannot carry, raw or written as references, with U+FFFD',
    '<p>[\u0001] [&#1;] [&#0;] [&#xFFFF;] [\u001B]</p>',
    '<p>[\uFFFD] [\uFFFD] [\uFFFD] [\uFFFD] [\uFFFD]</p>',
  ],
  [
    'escapes attribute values and keeps whitespace inside pre exactly',
    '<a href="https://e.example/?a=1&amp;b=&quot;2&quot;">x</a><pre>  one\n    two\n</pre>',
    '<a href="https://e.example/?a=1&amp;b=&quot;2&quot;">x</a><pre>  one\n    two\n</pre>',
  ],
  [
    'drops comments, CDATA sections, processing instructions and names XML cannot carry',
    '<!-- a -- b --><![CDATA[ x ]]><?php echo 1 ?><p xmlns="urn:x" xml:lang="en" a:b="1" id="p">t</p>',
    '<p id="p">t</p>',
  ],
  [
    'closes an unclosed element at the end and ignores an end tag that closes nothing',
    '</div><blockquote><p>quoted',
    '<blockquote><p>quoted</p></blockquote>',
  ],
];

describe('htmlToXhtml', () => {
  it.each(cases)('%s', (_behaviour, html, xhtml) => {
    expect(htmlToXhtml(html)).toBe(xhtml);
  });
});
