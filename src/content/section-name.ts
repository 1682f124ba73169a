/** Section names as the publisher writes them (`tag:Economy`, `source:https://www.news.cn/`) to the keys articles get. */
import { type SectionName, sourceSection, tagSection } from '../model/partner.ts';
import { sourceKey } from '../model/source-key.ts';
import { tagKey, tagProblem } from '../model/tag-key.ts';
import { readSource } from './source.ts';

export type SectionNameReading =
  | { readonly ok: true; readonly section: SectionName }
  | { readonly ok: false; readonly reason: string };

/**
 * `tag:<tag>` keyed by `tagKey` (so `tag:Économie` is `tag:économie`), `source:<host, URL or name>` read as
 * wire copy reads a source and keyed by `sourceKey` (so `www.news.cn`, `https://www.news.cn/` and
 * `https://www.news.cn/a.html` are the one section `source:www.news.cn`). The prefix is lowercase.
 */
export function readSectionName(text: string): SectionNameReading {
  const written = text.trim();
  const match = /^(tag|source):(.*)$/s.exec(written);
  if (!match)
    return {
      ok: false,
      reason: `section "${written}" must be all, tag:<tag> or source:<source>, e.g. source:www.news.cn`,
    };
  const value = (match[2] ?? '').trim();
  if (match[1] === 'tag') {
    const problem = tagProblem(value);
    return problem === undefined ? { ok: true, section: tagSection(tagKey(value)) } : { ok: false, reason: problem };
  }
  const source = readSource(value);
  if (!source.ok) return { ok: false, reason: `section "${written}": ${source.reason}` };
  return { ok: true, section: sourceSection(sourceKey(source.source)) };
}
