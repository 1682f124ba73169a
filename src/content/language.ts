/** Language detection, only where the script decides it: Chinese, Japanese and Korean text. */

const letter = /\p{L}/gu;
const han = /\p{Script=Han}/gu;
const kana = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const hangul = /\p{Script=Hangul}/gu;
/** Anything these scripts use lies at or above U+1100 (Hangul Jamo). */
const beyondLatin = /[\u1100-\uffff]/;

/** The script decides within the first few thousand characters: longer text adds time, not certainty. */
const sampleLength = 4000;

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/**
 * The article's BCP 47 language: `zh` when most letters are Han characters (`ja` when kana
 * are common among them, `ko` when most are Hangul), else the site's language. A site whose
 * language already names that language (e.g. `zh-CN`) keeps its own, more precise tag.
 */
export function detectLanguage(fullText: string, siteLanguage: string): string {
  const text = fullText.slice(0, sampleLength);
  if (!beyondLatin.test(text)) return siteLanguage;
  const letters = count(text, letter);
  if (letters === 0) return siteLanguage;
  const kanaCount = count(text, kana);
  const cjk = count(text, han) + kanaCount;
  let detected: string | undefined;
  if (count(text, hangul) * 2 > letters) detected = 'ko';
  else if (cjk * 2 > letters) detected = kanaCount * 5 > cjk ? 'ja' : 'zh';
  if (!detected) return siteLanguage;
  const sitePrimary = siteLanguage.toLowerCase().split('-')[0];
  return sitePrimary === detected ? siteLanguage : detected;
}

/** The canonical form of a BCP 47 tag (`zh-cn` -> `zh-CN`), or undefined when it is not one. */
export function canonicalLanguage(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag.trim())[0];
  } catch {
    return undefined;
  }
}
