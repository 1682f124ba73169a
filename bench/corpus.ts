/** Deterministic, realistic English wire copy (~6 KB bodies, quotes and `&`), for bench/search-design.ts. */
import { random } from '../scripts/generate-articles.ts';

export interface WireCopyFile {
  /** Relative to the content root, e.g. `articles/bench-wire-01.txt`. */
  readonly file: string;
  readonly text: string;
}

/** Mulberry32, the generator's: every run benchmarks the same bytes. */
const prng = random;

const cities = ['Tianjin', 'Shanghai', 'Geneva', 'Nairobi', 'Jakarta', 'São Paulo', 'Almaty', 'Rotterdam', 'Busan'];
const bodies = [
  'the Ministry of Commerce',
  'the World Trade Organization',
  'the Asian Infrastructure Investment Bank',
  'the Port Authority',
  'the National Bureau of Statistics',
  'the Chamber of Commerce & Industry',
  'the Standards & Metrology Institute',
];
const topics = [
  'cross-border data flows',
  'green shipping corridors',
  'semiconductor supply chains',
  'digital trade rules',
  'rural broadband',
  'research & development (R&D) spending',
  'mergers & acquisitions',
  'renewable power grids',
];
const people = [
  ['Zhang Wei', 'a senior economist at the Institute of International Trade'],
  ['Amina Odhiambo', 'head of policy at the East African Business Council'],
  ['Lars de Vries', "director of the port's logistics office"],
  ['Priya Raman', 'an analyst with Standard & Partners'],
  ['Chen Jing', 'deputy director of the digital economy department'],
];
const quotes = [
  'We are no longer talking about pilots; these projects are now "in production" and the numbers show it',
  'What matters is whether small firms can use the new rules, not whether ministers can sign them',
  'The gap between the connected and the unconnected is narrowing, but it is not closing fast enough',
  "Trade & technology are now the same conversation — you can't separate them anymore",
  'Investors want predictability more than they want incentives',
];
const templates = [
  'According to {body}, {topic} grew by {pct} percent in the first half of the year, the fastest pace since {year}.',
  '"{quote}," said {person}, {role}, at a briefing in {city} on {weekday}.',
  'Officials said the new framework on {topic} would take effect on {month} 1 and cover more than {n} companies.',
  "The agreement, described by {body} as a 'milestone', sets out common standards for {topic} & related services.",
  'Critics, however, warn that the measures may favour large firms; {person} told reporters that "the details will decide everything."',
  'In {city}, local authorities have already set aside {n} million yuan for {topic}, with a further review due in {month}.',
  'Data released on {weekday} showed exports of goods linked to {topic} rose {pct} percent year on year, beating forecasts.',
  'The forum\'s closing statement called for "open, inclusive and non-discriminatory" cooperation on {topic}.',
  'Analysts at {body} expect the share of {topic} in GDP to reach {pct} percent by {year2}, up from about {pct2} percent today.',
  '{person}, {role}, said the plan\'s success would depend on "whether banks & insurers follow through" over the next {n2} months.',
  'Participants signed {n2} memoranda of understanding, including a joint Q&A platform for firms seeking licences.',
  'Some delegates questioned whether the timetable was realistic, noting that a similar plan announced in {year} had stalled.',
];
const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const months = ['August', 'September', 'October', 'November', 'December'];
const editors = ['Yi Yi', 'Wang Lu', 'Liu Yang', 'Sun Mei'];
const responsibleEditors = ['Li Nian', 'Zhao Qiang', 'Xu Fang'];
const sources = ['www.news.cn', 'english.news.cn', 'www.chinadaily.com.cn', 'https://www.reuters.com/world/'];

function sentence(random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const [person, role] = pick(people) as [string, string];
  const fills: Record<string, string> = {
    body: pick(bodies),
    topic: pick(topics),
    pct: (2 + random() * 30).toFixed(1),
    pct2: (1 + random() * 10).toFixed(1),
    year: String(2015 + Math.floor(random() * 9)),
    year2: String(2027 + Math.floor(random() * 8)),
    quote: pick(quotes),
    person,
    role,
    city: pick(cities),
    weekday: pick(weekdays),
    month: pick(months),
    n: String(50 + Math.floor(random() * 950)),
    n2: String(3 + Math.floor(random() * 30)),
  };
  return pick(templates).replace(/\{(\w+)\}/g, (_, key: string) => fills[key] ?? key);
}

/** One wire-copy file: title, date, ~`bodyBytes` of paragraphs, and the full trailer. */
export function generateWireCopy(index: number, bodyBytes = 6000): WireCopyFile {
  const random = prng(0x5eed + index * 7919);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const title = `${pick(cities)} talks on ${pick(topics)} end with "${pick(['new', 'broad', 'cautious', 'bold'])}" deal & ${2 + (index % 9)} joint projects`;
  const day = String(1 + (index % 28)).padStart(2, '0');
  const hour = String(6 + (index % 14)).padStart(2, '0');
  const paragraphs: string[] = [];
  let length = 0;
  while (length < bodyBytes) {
    const sentences = Array.from({ length: 2 + Math.floor(random() * 4) }, () => sentence(random));
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  const trailer = [
    `Edit:${pick(editors)} Responsible editor:${pick(responsibleEditors)}`,
    `Source:${pick(sources)}`,
    'Special statement: if the pictures & texts reproduced or quoted on this site infringe your rights, contact us and we will remove them promptly.',
  ];
  const text = [
    title,
    `2025-08-${day} ${hour}:${String((index * 13) % 60).padStart(2, '0')}`,
    ...interleaveBlank(paragraphs),
    ...trailer,
    '',
  ];
  return { file: `articles/bench-wire-${String(index).padStart(2, '0')}.txt`, text: text.join('\n') };
}

function interleaveBlank(paragraphs: readonly string[]): string[] {
  return paragraphs.flatMap((paragraph, index) => (index === 0 ? [paragraph] : ['', paragraph]));
}
