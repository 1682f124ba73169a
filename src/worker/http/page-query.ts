/** Reads the `?page=N` query parameter strictly: one canonical spelling per page, anything else is a 400. */

/** The highest page number accepted; longer numbers are malformed, not "beyond the last page". */
export const maxPage = 1_000_000;

export type PageParam = { ok: true; page: number } | { ok: false; reason: string };

/**
 * README "Routes": absent means page 1; a malformed value (`abc`, `0`, `-1`, huge numbers) is a 400.
 * Only a canonical positive decimal integer is accepted: no sign, no leading zero, no spaces, no `1.5`,
 * `1e3` or `0x10`, at most `maxPage`. `?page=` (empty) is malformed. `?page=1` is page 1.
 */
export function parsePageParam(value: string | undefined): PageParam {
  if (value === undefined) return { ok: true, page: 1 };
  if (value === '') return { ok: false, reason: 'The page parameter is empty.' };
  if (value.length > String(maxPage).length || !/^[1-9][0-9]*$/.test(value)) {
    return {
      ok: false,
      reason: `The page parameter must be a whole number from 1 to ${maxPage}, written without a sign or leading zeros.`,
    };
  }
  const page = Number(value);
  if (page > maxPage) return { ok: false, reason: `The page parameter must be at most ${maxPage}.` };
  return { ok: true, page };
}

/**
 * Every `page` value of the query (`c.req.queries('page') ?? []`): none means page 1, repeats of one value
 * are that value, and differing values are malformed.
 */
export function parsePageParams(values: readonly string[]): PageParam {
  const [first, ...rest] = values;
  if (rest.some((value) => value !== first)) {
    return { ok: false, reason: 'The page parameter is given more than once with different values.' };
  }
  return parsePageParam(first);
}
