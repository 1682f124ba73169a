/** Writes N realistic wire-copy articles (about 6 KB each, every layout variant docs/content.md "Wire copy (`.txt`)" allows) for scale tests and the bench; `--sources N --tags N` spread them over N hosts and give each two of N tags (in sidecars). */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const sentences = [
  'Officials said the agreement would take effect next year, after ratification by all member states.',
  'The ministry reported that exports rose 4.2 percent year on year, driven by demand for electronics & machinery.',
  '"We are committed to open and inclusive cooperation," the spokesperson told reporters on Tuesday.',
  "Analysts noted that the region's digital economy has grown faster than its traditional industries.",
  'The forum, held in Tianjin, brought together delegations from more than 20 countries and organizations.',
  'Local authorities have launched a program to train 29,000 technicians in data services every year.',
  'The new rail link is expected to cut freight times between the two cities by almost half.',
  'Experts warned that the gap in internet access between urban and rural areas remains wide.',
  'A joint statement called for common standards on cross-border data flows and cybersecurity.',
  'The company said it would invest 1.5 billion yuan in cloud infrastructure over the next three years.',
];

const chineseSentences = [
  '上海合作组织国家正在加强数字经济合作，推动区域共同发展。',
  '与会代表表示，数字技术已成为推动经济社会发展的重要引擎。',
  '据介绍，该项目将覆盖二十多个成员国、观察员国和对话伙伴国。',
  '专家认为，弥合数字鸿沟需要各方在基础设施和人才培养方面加强合作。',
];

/** Deterministic: the same N always gives the same files (mulberry32). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** With `sources`, article `index` credits one of that many hosts (host 0 is www.news.cn), e.g. 200 for the sections bench. */
export interface GenerateOptions {
  readonly sources?: number;
}

/** Host `k` of a generated archive's sources: www.news.cn first, then `www.agency-<k>.example`. */
export function generatedHost(k: number): string {
  return k === 0 ? 'www.news.cn' : `www.agency-${k}.example`;
}

/**
 * Two tags of `tagCount` (one when they coincide), in several scripts and cases, so sections see
 * `Économie`-style folding and scripts without case: the tags the sections bench gives article `index`.
 */
export function generatedTags(index: number, tagCount: number): string[] {
  const names = ['Economy', 'Économie', '经济', 'Trade', 'Digital', 'SCO', 'Ports', 'Energy', 'Policy', 'Data'];
  const name = (k: number): string =>
    `${names[k % names.length]}${k < names.length ? '' : ` ${Math.floor(k / names.length)}`}`;
  const first = index % tagCount;
  const second = (index * 7 + 3) % tagCount;
  return first === second ? [name(first)] : [name(first), index % 2 ? name(second).toUpperCase() : name(second)];
}

export function generateArticle(index: number, options: GenerateOptions = {}): { name: string; text: string } {
  const next = random(index + 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const chinese = index % 10 === 3;
  // Seven minutes apart from 2010 (about 200 a day, as a wire desk publishes): even a million articles, and the
  // next one, are dated in the past, so none is held back as scheduled.
  const day = new Date(Date.UTC(2010, 0, 1) + index * 60_000 * 7);
  const iso = day.toISOString();
  const date =
    index % 3 === 0 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}${index % 3 === 1 ? ' +08:00' : ''}`;
  const paragraphs: string[] = [];
  let size = 0;
  while (size < 5600) {
    const paragraph = Array.from({ length: 4 + Math.floor(next() * 4) }, () =>
      pick(chinese ? chineseSentences : sentences),
    ).join(chinese ? '' : ' ');
    paragraphs.push(paragraph);
    size += Buffer.byteLength(paragraph) + 2;
  }
  const title = chinese
    ? `数字合作新进展（第${index + 1}期）`
    : `${pick(['Ministers', 'Delegates', 'Officials', 'Experts'])} discuss digital cooperation, report ${index + 1}`;
  const host = options.sources === undefined ? 'www.news.cn' : generatedHost(index % options.sources);
  const source = index % 4 === 1 ? `https://${host}/world/2025/${index + 1}.htm` : host;
  const trailer = chinese
    ? [`编辑：张三　责任编辑：李念`, `来源：${source}`, '特别声明：本站转载内容版权归原作者所有。']
    : index % 2 === 0
      ? [
          `Edit:Yi Yi Responsible editor:Li Nian`,
          `Source:${source}`,
          'Special statement: reproduced with permission; contact the source for rights.',
        ]
      : [
          `Editor: Yi Yi`,
          `Responsible editor: Li Nian`,
          `Source: ${source}`,
          'Copyright: © Xinhua. All rights reserved.',
        ];
  let text = [title, date, paragraphs.join('\n\n'), ...trailer].join('\n');
  if (index % 5 === 2) text = text.replaceAll('\n', '\r\n');
  if (index % 7 === 4) text = `\uFEFF${text}`;
  return { name: `story-${String(index + 1).padStart(6, '0')}.txt`, text: `${text}\n` };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '1000' },
      out: { type: 'string', default: 'build/generated-content' },
      sources: { type: 'string' },
      tags: { type: 'string' },
    },
  });
  const count = Number(values.count);
  const articles = join(values.out, 'articles');
  await mkdir(articles, { recursive: true });
  for (let index = 0; index < count; index++) {
    const { name, text } = generateArticle(index, values.sources ? { sources: Number(values.sources) } : {});
    await writeFile(join(articles, name), text);
    // Wire copy carries tags in its sidecar (name.yaml beside name.txt); a JSON array is a YAML flow list.
    if (values.tags)
      await writeFile(
        join(articles, name.replace(/\.txt$/, '.yaml')),
        `tags: ${JSON.stringify(generatedTags(index, Number(values.tags)))}\n`,
      );
    if ((index + 1) % 10_000 === 0) process.stderr.write(`generated ${index + 1}/${count}\n`);
  }
  await writeFile(join(values.out, 'site.yaml'), 'title: wirefeed scale test\ntimeZone: Asia/Shanghai\n');
  process.stderr.write(`generated ${count} articles in ${articles}\n`);
}

if (import.meta.main) await main();
