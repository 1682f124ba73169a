/** IPTC's own ninjs 3.1 JSON Schema (read from ../shared/ninjs/, never copied here) accepts every article's ninjs. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ninjsSchemaUri, ninjsVersion } from '../../src/render/ninjs.ts';
import { ninjsPath } from '../../src/render/urls.ts';
import { baseUrl, buildPicturedSite, buildValidatorSite } from './build-fixture-site.ts';

const inCi = Boolean(process.env.CI);
const schemaDir = fileURLToPath(new URL('../../../shared/ninjs/', import.meta.url));
const schemaFile = `${schemaDir}ninjs-schema_${ninjsVersion}.json`;
const missingSchemas = `IPTC's ninjs schemas are not at ${schemaDir} (a clone outside CI: see docs/metadata.md, "Validation").`;
const hasSchemas = existsSync(schemaFile) && existsSync(`${schemaDir}GeoJSON.json`);

// On a user's machine without ../shared/ninjs/ the suite is skipped, and says so; in CI it fails.
const skipSchemas = !hasSchemas && !inCi;
if (skipSchemas) console.warn(`Skipping the ninjs schema tests. ${missingSchemas}`);

const fixture = await buildValidatorSite();
const pictured = await buildPicturedSite();

/** A validator for the declared version's schema, 2020-12 dialect, formats checked, GeoJSON resolved locally. */
function ninjsValidator() {
  if (!hasSchemas) throw new Error(missingSchemas);
  const readJson = (file: string) => JSON.parse(readFileSync(`${schemaDir}${file}`, 'utf8')) as Record<string, unknown>;
  // ajv-formats is CommonJS: its default export arrives as the module object under Node's ESM loader.
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
    addFormatsModule) as typeof addFormatsModule;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(readJson('GeoJSON.json'), 'https://geojson.org/schema/GeoJSON.json');
  return ajv.compile(readJson(`ninjs-schema_${ninjsVersion}.json`));
}

describe.skipIf(skipSchemas)(`every article's ninjs validates against IPTC's ninjs ${ninjsVersion} schema`, () => {
  const validate = hasSchemas ? ninjsValidator() : undefined;
  const check = (document: unknown) => {
    if (!validate) throw new Error(missingSchemas);
    return validate(document) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
  };

  it('the documents declare the version and the schema URI that the schema itself names', () => {
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as { $id: string };
    expect(schema.$id).toBe(ninjsSchemaUri);
    let checked = 0;
    for (const article of fixture.articles) {
      const document = JSON.parse(fixture.build.routes[ninjsPath(article.slug)]?.body ?? '{}');
      expect(document.standard).toEqual({ name: 'ninjs', version: ninjsVersion, schema: ninjsSchemaUri });
      checked++;
    }
    expect(checked).toBe(12);
  });

  for (const article of fixture.articles) {
    it(`${article.file} (${ninjsPath(article.slug)}) has no schema errors`, () => {
      const body = fixture.build.routes[ninjsPath(article.slug)]?.body;
      expect(body).toBeDefined();
      expect(check(JSON.parse(body ?? ''))).toEqual([]);
    });
  }

  it('carries the lead picture as an association with its credit and every rendition, valid against the schema', () => {
    const forum = JSON.parse(pictured.build.routes[ninjsPath('forum')]?.body ?? '{}');
    expect(check(forum)).toEqual([]);
    const [picture] = forum.associations;
    expect(picture).toMatchObject({
      rel: 'leadPicture',
      type: 'picture',
      by: 'Photo by Li Ming / Xinhua',
      copyrightNotice: '© Xinhua 2025',
      descriptions: [
        { role: 'alt', value: 'A field under a summer sky' },
        { role: 'caption', value: 'The forum opened on Monday.' },
      ],
    });
    expect(picture.uri).toMatch(new RegExp(`^${baseUrl}/media/`));
    const names = picture.renditions.map((rendition: { name: string }) => rendition.name);
    expect(names[0]).toBe('original');
    let checked = 0;
    for (const rendition of picture.renditions) {
      expect(rendition.href).toMatch(new RegExp(`^${baseUrl}/media/`));
      checked++;
    }
    expect(checked).toBe(9);
    const remote = JSON.parse(pictured.build.routes[ninjsPath('remote')]?.body ?? '{}');
    expect(check(remote)).toEqual([]);
    expect(remote.associations[0].uri).toBe('https://img.example.org/a%20b.jpg?x=1&y=2');
  });

  it('rejects a broken document (2.x property names, a bad uri, a headline without value)', () => {
    const broken = JSON.parse(
      readFileSync(new URL('../fixtures/validators/bad-ninjs.json', import.meta.url), 'utf8'),
    ) as unknown;
    const problems = check(broken);
    expect(problems).toContain('/uri must match format "uri"');
    expect(problems).toContain('/pubStatus must be equal to one of the allowed values');
    expect(problems).toContain("/headlines/0 must have required property 'value'");
    expect(problems).toContain('/firstCreated must match format "date-time"');
    expect(problems).toContain('/people/0 must NOT have additional properties');
    expect(problems).toContain(' must NOT have unevaluated properties');
  });
});
