/** The words around the attribution (page block, feed credit line), in the article's language: one table. */

/** Every label the attribution block and the credit line print. */
export interface Labels {
  /** Heading of the page's attribution block. */
  readonly attribution: string;
  readonly source: string;
  readonly editor: string;
  readonly responsibleEditor: string;
  readonly published: string;
  readonly updated: string;
  /** Between a label and its value in running text: `Source: Xinhua`, `来源：新华社`. */
  readonly colon: string;
}

/**
 * English, and Chinese as Chinese wire copy writes its trailer (来源, 编辑, 责任编辑). Add a
 * language as one row; `labelsFor` picks it for its primary subtag (BCP 47: `zh`, `zh-CN`,
 * `zh-Hant-TW` are all `zh`). Any other language gets English.
 */
export const labelTable = {
  en: {
    attribution: 'Attribution',
    source: 'Source',
    editor: 'Editor',
    responsibleEditor: 'Responsible editor',
    published: 'Published',
    updated: 'Updated',
    colon: ': ',
  },
  zh: {
    attribution: '稿件信息',
    source: '来源',
    editor: '编辑',
    responsibleEditor: '责任编辑',
    published: '发布',
    updated: '更新',
    colon: '：',
  },
} as const satisfies Record<string, Labels>;

/** The labels for an article's language (a BCP 47 tag). */
export function labelsFor(language: string): Labels {
  const primary = language.toLowerCase().split('-')[0] ?? '';
  return primary in labelTable ? labelTable[primary as keyof typeof labelTable] : labelTable.en;
}
