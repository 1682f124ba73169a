import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type PartnersResult, parsePartners, unknownSectionProblems } from '../../../src/content/partners-config.ts';

const dir = fileURLToPath(new URL('../../fixtures/partners/', import.meta.url));
const file = 'content/partners.yaml';
const acmeHash = 'ebfbfd0414bb0cb52b149c7596a65b6892c759178bdc540e50a3c9b3575775e3';
const wireHash = '02bb3c4cbd2577e64a705f35fec185977b0a5124b34412959afb9415d25fe2ac';

function parseFixture(name: string): PartnersResult {
  return parsePartners(file, readFileSync(`${dir}${name}`, 'utf8'));
}

/** The problems of a fixture as `line: message`, failing when it parsed. */
function problems(name: string): string[] {
  const result = parseFixture(name);
  if (result.ok) throw new Error(`${name} parsed, expected problems`);
  for (const problem of result.problems) expect(problem.file).toBe(file);
  return result.problems.map((problem) => `${problem.line}: ${problem.message}`);
}

describe('partners.yaml', () => {
  it('reads partners with every field, defaulting embargoed to false', () => {
    const result = parseFixture('valid.yaml');
    expect(result.ok && result.partners).toEqual([
      { id: 'wire-desk', name: 'Wire Desk', keySha256: wireHash, sections: 'all', embargoed: false },
      {
        id: 'acme',
        name: 'ACME Daily',
        keySha256: acmeHash,
        sections: ['tag:economy', 'source:www.news.cn'],
        embargoed: true,
        webhook: { url: 'https://hooks.acme.example/wirefeed', secret: 'WEBHOOK_SECRET_ACME' },
      },
    ]);
  });

  it('is no partners when the file is empty, only comments, or absent', () => {
    let checked = 0;
    for (const name of ['empty.yaml', 'comments-only.yaml']) {
      expect(parseFixture(name)).toEqual({ ok: true, file, partners: [], sections: [] });
      checked++;
    }
    expect(checked).toBe(2);
    expect(parsePartners(file, '')).toEqual({ ok: true, file, partners: [], sections: [] });
  });

  it('keys sections the way articles are keyed: one source section whatever its spelling, tags case-folded', () => {
    const result = parseFixture('section-keys.yaml');
    expect(result.ok && result.partners[0]?.sections).toEqual([
      'tag:économie',
      'source:www.news.cn',
      'source:xinhua',
      'tag:经济',
    ]);
    expect(result.ok && result.sections.map(({ section, line }) => `${line} ${section}`)).toEqual([
      '5 tag:économie',
      '6 source:www.news.cn',
      '9 source:xinhua',
      '10 tag:经济',
    ]);
  });

  it('refuses a file that is not a list of partners', () => {
    expect(problems('not-a-list.yaml')).toEqual([
      '1: partners.yaml must be a list of partners, each starting with "- id: …"',
    ]);
  });

  it('names every unknown key, in the partner and in its webhook', () => {
    expect(problems('unknown-key.yaml')).toEqual([
      '5: partner "acme": unknown key "embargo" (known: id, name, keySha256, sections, embargoed, webhook)',
      '9: partner "acme": webhook: unknown key "timeout" (known: url, secret)',
    ]);
  });

  it('names every value of the wrong type', () => {
    expect(problems('wrong-types.yaml')).toEqual([
      '2: partner "acme": name must be non-empty text on one line',
      '4: partner "acme": sections must be [all], or a list such as [tag:economy, source:www.news.cn]',
      '5: partner "acme": embargoed must be true or false, unquoted',
      '6: partner "acme": webhook must be a mapping with url: and secret:',
    ]);
  });

  it('refuses a hash that is not 64 lowercase hex digits, and the hash of an empty key', () => {
    expect(problems('malformed-hash.yaml')).toEqual([
      `3: partner "upper": keySha256 must be the key's SHA-256 as 64 lowercase hex digits`,
      `7: partner "short": keySha256 must be the key's SHA-256 as 64 lowercase hex digits`,
      '11: partner "empty-key": keySha256 is the SHA-256 of an empty key',
    ]);
  });

  it('refuses a duplicate id, naming the first', () => {
    expect(problems('duplicate-id.yaml')).toEqual(['5: duplicate partner id "acme" (first on line 1)']);
  });

  it('refuses two partners with one key', () => {
    expect(problems('duplicate-key.yaml')).toEqual([
      '5: partner "acme-weekly" has the same keySha256 as partner "acme": a key names one partner',
    ]);
  });

  it('names each missing required key at its partner', () => {
    expect(problems('missing-keys.yaml')).toEqual([
      '1: partner "acme": name is required',
      '1: partner "acme": keySha256 is required',
      '1: partner "acme": sections is required: [all], or a list such as [tag:economy, source:www.news.cn]',
    ]);
  });

  it('refuses an id outside [a-z0-9-]', () => {
    expect(problems('bad-id.yaml')).toEqual(['1: partner 1: id "ACME Daily" must be 1 to 64 of a-z, 0-9 and "-"']);
  });

  it('refuses an empty section list, "all" with others, and sections that are no tag or source', () => {
    expect(problems('bad-sections.yaml')).toEqual([
      '4: partner "none": sections must be [all], or a list such as [tag:economy, source:www.news.cn]',
      '8: partner "all-and-more": sections lists "all" with other sections; "all" stands alone',
      '13: partner "misspelled": section "topic:economy" must be all, tag:<tag> or source:<source>, e.g. source:www.news.cn',
      '14: partner "misspelled": tag "/" contains "/" or "\\"; a tag is one path segment of /tags/',
      '15: partner "misspelled": a section is text such as tag:economy or source:www.news.cn, no space after ":"',
    ]);
  });

  it('refuses a webhook URL that is not http(s) or carries credentials, and a secret that is a value or the publish token', () => {
    expect(problems('bad-webhook.yaml')).toEqual([
      '6: partner "acme": webhook url must be an absolute http(s) URL without user, password or #fragment',
      '7: partner "acme": webhook secret is the NAME of a Worker secret (A-Z, 0-9, _), e.g. WEBHOOK_SECRET_ACME, never the secret itself',
      '13: partner "wire-desk": webhook url must be an absolute http(s) URL without user, password or #fragment',
      '14: partner "wire-desk": webhook secret PUBLISH_TOKEN is not a webhook secret; give the partner its own',
    ]);
  });

  it('refuses one webhook secret for two partners', () => {
    expect(problems('shared-secret.yaml')).toEqual([
      '8: partner "wire-desk" signs its webhook with WEBHOOK_SECRET, as partner "acme" does: each partner needs its own secret, or one could sign messages to the other',
    ]);
  });

  it('reports YAML syntax errors and duplicate keys with their lines', () => {
    expect(problems('yaml-error.yaml')).toEqual([
      '4: YAML: Map keys must be unique',
      '6: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('refuses YAML aliases without resolving them', () => {
    expect(problems('alias.yaml')).toEqual([
      '6: YAML aliases (*name) are not supported in partners.yaml; write the value',
    ]);
  });

  it('reports every mistake of every partner at once', () => {
    expect(problems('several-mistakes.yaml')).toEqual([
      `3: partner "acme": keySha256 must be the key's SHA-256 as 64 lowercase hex digits`,
      '5: partner "acme": embargoed must be true or false, unquoted',
      '9: partner "wire-desk": section "section:sport" must be all, tag:<tag> or source:<source>, e.g. source:www.news.cn',
      '10: partner "wire-desk": unknown key "colour" (known: id, name, keySha256, sections, embargoed, webhook)',
    ]);
  });
});

describe('partner sections against the archive', () => {
  const result = parseFixture('section-keys.yaml');
  if (!result.ok) throw new Error('section-keys.yaml must parse');

  it('names each section no article is in, with its line', () => {
    const known = new Set(['tag:économie', 'source:www.news.cn', 'tag:sport']);
    expect(unknownSectionProblems(result, known)).toEqual([
      {
        file,
        line: 9,
        message: 'partner "acme": section "source:xinhua" is in no article of the archive (check its spelling)',
      },
      {
        file,
        line: 10,
        message: 'partner "acme": section "tag:经济" is in no article of the archive (check its spelling)',
      },
    ]);
  });

  it('has nothing to say when every section exists, or a partner reads all', () => {
    expect(unknownSectionProblems(result, new Set(result.sections.map(({ section }) => section)))).toEqual([]);
    const all = parseFixture('valid.yaml');
    expect(all.ok && unknownSectionProblems(all, new Set(['tag:economy', 'source:www.news.cn']))).toEqual([]);
  });
});
