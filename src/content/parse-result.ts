/** ParseResult: what parsing one content file gives: an article, a draft to skip, or its problems. */
import type { Article } from '../model/article.ts';
import type { BodyImageRef } from './body-images.ts';
import type { ContentProblem } from './content-error.ts';
import type { ImageSpec } from './image-field.ts';

/** Pictures the article refers to, still to be checked and published by the build (it has the files). */
export interface MediaRefs {
  readonly lead?: ImageSpec;
  readonly body: readonly BodyImageRef[];
}

/**
 * `warnings`: what is odd but still publishable (a source credited by name, …), each with its file
 * and line; the build prints them and goes on. Absent means none.
 */
export type ParseResult =
  | {
      readonly ok: true;
      readonly draft: false;
      readonly article: Article;
      readonly warnings?: readonly ContentProblem[];
      readonly media?: MediaRefs;
    }
  | { readonly ok: true; readonly draft: true; readonly warnings?: readonly ContentProblem[] }
  /** `media`: pictures still worth checking, so one build reports their problems too. */
  | { readonly ok: false; readonly problems: readonly ContentProblem[]; readonly media?: MediaRefs };
