/** IPTC's NewsML-G2 2.35 XML Schema (read from ../shared/newsml-g2/, never copied here), run by xmllint, accepts every article's newsItem. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleFormatPath } from '../../src/model/article-formats.ts';
import { newsmlVersion, renderNewsmlItem } from '../../src/render/newsml.ts';
import { buildFixtureSite, buildPicturedSite, validatorContent } from './build-fixture-site.ts';

const inCi = Boolean(process.env.CI);
const schemaDir = fileURLToPath(new URL('../../../shared/newsml-g2/', import.meta.url));
const schemaFile = `${schemaDir}NewsML-G2_${newsmlVersion}-spec-All-Power.xsd`;
const hasSchema = existsSync(schemaFile) && existsSync(`${schemaDir}xml.xsd`);
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
const missing = [
  hasSchema ? '' : `IPTC's NewsML-G2 schema and xml.xsd are not at ${schemaDir} (copies from iptc/newsml-g2).`,
  hasXmllint ? '' : 'xmllint is not installed (Debian: apt-get install libxml2-utils; .ci/run installs it).',
]
  .filter((reason) => reason !== '')
  .join(' ');

// On a user's machine without the schema or xmllint the suite is skipped, and says why; in CI it fails.
const skipSchema = !(hasSchema && hasXmllint) && !inCi;
if (skipSchema) console.warn(`Skipping the NewsML-G2 schema tests. ${missing}`);

/** xmllint loads the 330 KB schema once per run, slowly on a loaded two-core machine. */
const xmllintTimeout = 60_000;

const fixture = await buildFixtureSite(await validatorContent(0));
const pictured = await buildPicturedSite();

/** The article files of the validator fixtures (pictures aside): each is one document, plus the seed. */
const articleFiles = readdirSync(fileURLToPath(new URL('../fixtures/validators/articles/', import.meta.url))).filter(
  (name) => /\.(?:txt|md)$/.test(name),
);

/** Every document to validate, by file name: each article as the site serves it, the seed as partners' embargoed copy. */
const documents: Record<string, string> = {};
for (const site of [fixture, pictured])
  for (const article of site.articles) {
    const served = site.build.routes[articleFormatPath('newsml', article.slug)];
    if (served === undefined) throw new Error(`no NewsML-G2 route for ${article.slug}`);
    documents[`${article.slug}.xml`] = served.body;
  }
const seed = fixture.articles.find((article) => article.slug === 'sco-digital-link');
if (seed) {
  const embargoed = renderNewsmlItem(fixture.site, seed, { embargoedUntil: '2025-07-20T10:00:00+08:00' });
  documents['sco-digital-link.embargoed.xml'] = embargoed;
}

/** Two documents the schema must refuse, made from the seed's: its itemClass removed, and a qcode without a scheme. */
const seedDocument = documents['sco-digital-link.xml'] ?? '';
const broken: Record<string, string> = {
  'broken-no-itemclass.xml': seedDocument.replace('<itemClass qcode="ninat:text"/>', ''),
  'broken-bad-qcode.xml': seedDocument.replace('<pubStatus qcode="stat:usable"/>', '<pubStatus qcode="usable"/>'),
};

/** What xmllint said about one file: whether it validates, and its error lines. */
interface Verdict {
  readonly valid: boolean;
  readonly errors: string[];
}

describe.skipIf(skipSchema)(
  `every article's newsItem validates against IPTC's NewsML-G2 ${newsmlVersion} schema`,
  () => {
    const verdicts = new Map<string, Verdict>();
    let workDir = '';

    // One xmllint run over every file: the schema is loaded once.
    beforeAll(() => {
      if (!(hasSchema && hasXmllint)) throw new Error(missing);
      workDir = mkdtempSync(join(tmpdir(), 'wirefeed-newsml-'));
      const files = Object.entries({ ...documents, ...broken }).map(([name, xml]) => {
        writeFileSync(join(workDir, name), xml);
        return name;
      });
      const run = spawnSync('xmllint', ['--noout', '--schema', schemaFile, ...files], {
        cwd: workDir,
        encoding: 'utf8',
        timeout: xmllintTimeout,
      });
      if (run.error) throw run.error;
      const lines = run.stderr.split('\n');
      for (const name of files) {
        verdicts.set(name, {
          valid: lines.includes(`${name} validates`),
          errors: lines.filter((line) => line.startsWith(`${name}:`)),
        });
      }
    }, xmllintTimeout);

    afterAll(() => {
      if (workDir !== '') rmSync(workDir, { recursive: true, force: true });
    });

    it('checks thirteen documents: the seed and each validator article, two with a lead picture, one embargoed', () => {
      expect(articleFiles).toHaveLength(9);
      expect(fixture.articles).toHaveLength(articleFiles.length + 1);
      expect(pictured.articles).toHaveLength(2);
      expect(Object.keys(documents)).toHaveLength(13);
      expect([...verdicts.keys()].filter((name) => name in documents)).toHaveLength(13);
    });

    for (const name of Object.keys(documents)) {
      it(`${name} has no schema errors`, () => {
        expect(verdicts.get(name)).toEqual({ valid: true, errors: [] });
      });
    }

    it('the same run refuses a document without itemClass and one with a qcode that is no qcode', () => {
      const noItemClass = verdicts.get('broken-no-itemclass.xml');
      expect(noItemClass?.valid).toBe(false);
      expect(noItemClass?.errors.join('\n')).toContain(
        'Expected is ( {http://iptc.org/std/nar/2006-10-01/}itemClass )',
      );
      const badQcode = verdicts.get('broken-bad-qcode.xml');
      expect(badQcode?.valid).toBe(false);
      expect(badQcode?.errors.join('\n')).toContain(
        "The value 'usable' is not accepted by the pattern '[^\\s:]+:[^\\s]+'",
      );
    });
  },
);
