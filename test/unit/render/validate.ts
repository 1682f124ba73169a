/** html-validate with the recommended preset, minus the rules that are unsound for pages of other people's articles. */
import { HtmlValidate } from 'html-validate';

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // The <title> carries the article's own headline, which we reproduce exactly and never
    // shorten: a syndicated wire headline routinely exceeds 70 characters (the seed's does).
    'long-title': 'off',
  },
});

/** Every message html-validate reports, as `rule line:column message` lines (empty when valid). */
export async function htmlProblems(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((result) =>
    result.messages.map((message) => `${message.ruleId} ${message.line}:${message.column} ${message.message}`),
  );
}
