/**
 * Text as Teams shows it literally: the markdown of Adaptive Card TextBlocks and facts (and of
 * message text) escaped, so that a customer named `[Open the portal](https://evil.example/login)`
 * is shown as those characters, not as a link.
 *
 * Teams renders a CommonMark subset in cards (bold, italic, lists, links) and more in messages
 * (headings, code, quotes, strikethrough), autolinks addresses, and expands `{{DATE(…)}}`. Only
 * what can start one of those is escaped, with CommonMark's backslash escapes (rendered as the bare
 * character); other punctuation is left alone, as some clients show a backslash before it:
 * - anywhere: `\` `` ` `` `*` `_` `[` `]` `<` `>` `&` `#` `~` `|` `{` `}`;
 * - at the start of a line: `-` and `+` (lists, rules) and the `.` or `)` after a number (numbered lists);
 * - in addresses: `@`, `.` between letters or digits (domains), `:` before `/` (schemes).
 * Each line break ends a paragraph (a single one is only a space in markdown), and lines are
 * trimmed, so no indentation makes a code block.
 */
export function teamsText(value: string): string {
  return value
    .split(/\r\n|[\n\r\u0085\u2028\u2029]/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map(escapeLine)
    .join('\n\n');
}

function escapeLine(line: string): string {
  return line
    .replace(/[\\`*_[\]<>&#~|{}@]|(?<=[\p{L}\p{N}])\.(?=[\p{L}\p{N}])|:(?=\/)/gu, '\\$&')
    .replace(/^([-+])|^(\d+)([.)])/, (_match, marker: string | undefined, digits: string, delimiter: string) =>
      marker ? `\\${marker}` : `${digits}\\${delimiter}`);
}
