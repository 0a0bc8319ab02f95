/**
 * One line of outside text (an option's label, a pro, the user's own words) placed where markdown
 * reads it as inline content: a paragraph, a list item or a heading. Nothing is removed and nothing
 * that already renders as written is escaped; only what would change the document's structure or
 * fail markdownlint is neutralised with a CommonMark backslash escape (which renders as the bare
 * character) or an autolink. Code spans are kept as written, so `user_id` stays code.
 */

/** A code span: a run of backticks, content, and the same run (CommonMark's matching rule). */
const CODE_SPAN = /(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g;

/** Text at the start of a line that would open a heading, quote, list, fence or thematic break. */
const BLOCK_START = /^(?:#|>|[-+*=_~](?=\s|$|[-*=_~]{2})|`{3}|~{3})/;
const ORDERED_START = /^(\d{1,9})([.)])(?=\s|$)/;

/** Folds whitespace (newlines, tabs, runs of spaces) to single spaces and trims. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Escapes the characters of plain text (outside code spans) that markdown would act on. */
function escapeText(text: string): string {
  return (
    text
      // An HTML tag or comment (<Redis>, </b>, <!--): shown as text, not passed through as HTML.
      // An autolink (<https://...>) is not a tag and stays a link.
      .replace(/<(?![A-Za-z][\w+.-]{1,31}:[^\s<>]*>)(?=[A-Za-z/!?])/g, '\\<')
      // A bare URL becomes an autolink unless it already is one or is a link's target.
      .replace(/(?<![<(])\bhttps?:\/\/[^\s<>]*[^\s<>.,:;!?'")\]]/g, '<$&>')
      // `*` with whitespace on both sides is a literal star (2 * 3), never an emphasis marker.
      .replace(/(?<=^|\s)\*+(?=\s|$)/g, (stars) => stars.replace(/\*/g, '\\*'))
      // `_` not inside a word could open emphasis (_b_, __init__); user_id is left alone.
      .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
      // [a][b] is a reference link to a definition that does not exist.
      .replace(/\](?=\[)/g, '\\]')
  );
}

/** Text for a paragraph or list item: one line, safe to place at the start of a line. */
export function inline(text: string): string {
  const line = oneLine(text);
  let out = '';
  let at = 0;
  for (const match of line.matchAll(CODE_SPAN)) {
    const [span, , content = ''] = match;
    out += escapeText(line.slice(at, match.index));
    // A code span padded with spaces fails markdownlint (MD038); show its backticks as text.
    out += /^\s|\s$/.test(content) ? span.replace(/`/g, '\\`') : span;
    at = match.index + span.length;
  }
  out += escapeText(line.slice(at));
  const ordered = ORDERED_START.exec(out);
  if (ordered) return `${ordered[1] ?? ''}\\${out.slice((ordered[1] ?? '').length)}`;
  return BLOCK_START.test(out) ? `\\${out}` : out;
}

/** Punctuation markdownlint refuses at the end of a heading (MD026's default set). */
const TRAILING_PUNCTUATION = /[.,;:!。，；：！]+$/u;

/**
 * Text for a heading: inline, without trailing sentence punctuation (a heading is not a sentence,
 * and MD026 refuses it), and with a trailing run of `#` escaped so it is not read as a closing
 * sequence. Callers that show the same text elsewhere use this form there too, so it matches.
 */
export function headingText(text: string): string {
  const line = oneLine(text).replace(TRAILING_PUNCTUATION, '').trimEnd();
  return inline(line).replace(/(^|\s)(#+)$/, '$1\\$2');
}
