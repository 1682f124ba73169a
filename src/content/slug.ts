/** Slugs: the URL segment of an article, `[a-z0-9][a-z0-9_-]*` (docs/content.md). */

const slugPattern = /^[a-z0-9][a-z0-9_-]*$/;

export function isValidSlug(slug: string): boolean {
  return slugPattern.test(slug);
}

/** The file name without directory and extension: `articles/sco-digital-link.txt` -> `sco-digital-link`. */
export function slugFromFileName(file: string): string {
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** A suggestion for an invalid slug, e.g. `Bad Name` -> `bad-name`; empty when nothing usable remains. */
export function suggestSlug(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|-+$/g, '');
}

/** Why a slug is not allowed, with a suggestion; undefined when it is fine. */
export function slugProblem(slug: string, origin: string): string | undefined {
  if (isValidSlug(slug)) return undefined;
  const suggestion = suggestSlug(slug);
  const hint = suggestion && isValidSlug(suggestion) ? `, e.g. "${suggestion}"` : '';
  return `slug "${slug}" (${origin}) is not allowed: use lowercase letters a-z, digits, "-" and "_", starting with a letter or digit${hint}`;
}
