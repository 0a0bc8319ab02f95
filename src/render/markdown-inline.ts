/**
 * Outside text (the user's words, a model's prose, an option's label) placed into markdown, escaped
 * for where it lands. Every function returns one line that can create no block of its own: no
 * heading, list, quote, fence, thematic break, HTML block or comment, raw HTML, link definition or
 * `javascript:` link. Escapes are CommonMark backslash escapes (rendered as the bare character) or
 * autolinks, so a reader sees what was written.
 *
 * - `inline`: prose, where code spans, emphasis and web links are kept as written (`user_id`).
 * - `plain`: a value shown exactly as typed (a title, a name, an answer): nothing is markup.
 * - `tableCell`, `headingText`, `linkText`, `codeSpan`: for a table cell, a heading, the text of a
 *   link and a code span.
 */

/** A code span: a run of backticks, content, and the same run (CommonMark's matching rule). */
const CODE_SPAN = /(?<!`)(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g;

/** Text at the start of a line that would open a heading, quote, list, fence or thematic break. */
const BLOCK_START = /^(?:#|>|[-+*=_~](?=\s|$|[-*=_~]{2})|`{3}|~{3})/;
const ORDERED_START = /^(\d{1,9})([.)])(?=\s|$)/;

/**
 * A web or mail address: an autolink as written, or a bare URL (not a link's target) without the
 * sentence punctuation that usually follows one. GFM links a bare URL even inside a word and shows
 * it raw, escapes and all, so every one is found here. It is kept whole and shown as an autolink, whose
 * text markdown never reads as markup.
 */
const BARE_URL = /(?:ftp|https?):\/\/[^\s<>\\`]*[^\s<>\\`.,:;!?'")\]*_~]/gi;
const AUTOLINK_OR_URL = new RegExp(
  `<(?:(?:ftp|https?)://|mailto:)[^\\s<>\\\\\`]*>|(?<!\\]\\()${BARE_URL.source}`,
  'gi',
);

/** `escape` applied to the text between addresses; each address becomes an autolink. */
function outsideAddresses(line: string, addresses: RegExp, escape: (text: string) => string): string {
  let out = '';
  let at = 0;
  for (const match of line.matchAll(addresses)) {
    const address = match[0].replace(/^<|>$/g, '');
    out += `${escape(line.slice(at, match.index))}<${address}>`;
    at = match.index + match[0].length;
  }
  return out + escape(line.slice(at));
}

/**
 * A link destination a document may carry: a web or mail address, an anchor or a relative path.
 * Anything else (`javascript:`, `data:`, an entity or escape that could spell one) is not a link.
 */
const SAFE_DESTINATION =
  /^\]\((?:https?:\/\/|mailto:|#|\.{0,2}\/|[\w-]+(?:\.[\w-]+)*(?:[/#]|\)))[^\s()<>\\&`]*\)/i;

/** Folds whitespace (newlines, tabs, runs of spaces) to single spaces and trims. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A leading block marker, escaped so the line is a paragraph's text. */
function safeStart(line: string): string {
  const ordered = ORDERED_START.exec(line);
  if (ordered) return `${ordered[1] ?? ''}\\${line.slice((ordered[1] ?? '').length)}`;
  return BLOCK_START.test(line) ? `\\${line}` : line;
}

/** `<` before a tag, comment, declaration or processing instruction: text, never HTML. */
const escapeTags = (text: string): string => text.replace(/<(?=[A-Za-z/!?])/g, '\\<');

/** `&amp;`, `&#60;`: shown as written, not decoded. */
const escapeEntities = (text: string): string => text.replace(/&(?=#?\w+;)/g, '\\&');

/** `_` not inside a word could open emphasis (_b_, __init__); user_id is left alone. */
const escapeUnderscores = (text: string): string =>
  text.replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_');

/** `](` not followed by a safe destination: the brackets stay text, never a link. */
const escapeUnsafeLinks = (text: string): string =>
  text.replace(/\](?=\()/g, (bracket, at: number) =>
    SAFE_DESTINATION.test(text.slice(at)) ? bracket : '\\]',
  );

/** Escapes the characters of prose (outside code spans) that would change the document's structure. */
function escapeProse(text: string): string {
  return (
    escapeUnsafeLinks(
      escapeUnderscores(
        escapeEntities(
          escapeTags(
            text
              // A backslash is shown as written, so it never cancels an escape added below.
              .replace(/\\/g, '\\\\')
              // `*` with whitespace on both sides is a literal star (2 * 3), never an emphasis marker.
              .replace(/(?<=^|\s)\*+(?=\s|$)/g, (stars) => stars.replace(/\*/g, '\\*'))
              // A backtick that closes no code span would pair with one in the text placed after it.
              .replace(/`/g, '\\`'),
          ),
        ),
      ),
    )
      // [a][b] is a reference link, and [a]: b a definition, to nothing this document defines.
      .replace(/\](?=[[:])/g, '\\]')
  );
}

/** Text for a paragraph or list item: one line, safe to place at the start of a line. */
export function inline(text: string): string {
  const line = oneLine(text);
  let out = '';
  let at = 0;
  for (const match of line.matchAll(CODE_SPAN)) {
    const [span, run = '', content = ''] = match;
    out += outsideAddresses(line.slice(at, match.index), AUTOLINK_OR_URL, escapeProse);
    // Shown as text instead: a code span padded with spaces, which fails markdownlint (MD038), and
    // one of three backticks or more opening the line, which could read as a fence.
    const asText = /^\s|\s$/.test(content) || (match.index === 0 && run.length >= 3);
    out += asText ? outsideAddresses(span, AUTOLINK_OR_URL, escapeProse) : span;
    at = match.index + span.length;
  }
  out += outsideAddresses(line.slice(at), AUTOLINK_OR_URL, escapeProse);
  return safeStart(out);
}

/** Every character of `text` that markdown reads as inline markup, escaped. */
function escapeLiteral(text: string): string {
  return escapeUnderscores(escapeEntities(escapeTags(text.replace(/[\\`*[\]~]/g, '\\$&'))));
}

/**
 * A value shown exactly as typed (a title, a name, a short answer): one line in which nothing is
 * markup, safe at the start of a line. A web address becomes an autolink, which shows as written.
 */
export function plain(text: string): string {
  return safeStart(outsideAddresses(oneLine(text), BARE_URL, escapeLiteral));
}

/**
 * Markdown placed in a table cell: newlines become spaces and every pipe not already escaped is
 * escaped, so the cell never splits (GFM removes that escape before reading the cell's inline text).
 */
export function tableCell(markdown: string): string {
  return markdown
    .replace(/\r?\n/g, ' ')
    .replace(/(?<!\\)((?:\\\\)*)\|/g, '$1\\|')
    .trim();
}

/** Text placed between `[` and `](`: shown as written, and no bracket closes the link early. */
export function linkText(text: string): string {
  // No autolink here: a link cannot hold another.
  return escapeLiteral(oneLine(text));
}

/**
 * A code span holding `text` as written: fenced by a backtick run longer than any inside it, and
 * padded with a space where the text starts or ends with a backtick (CommonMark strips one space).
 */
export function codeSpan(text: string): string {
  const line = oneLine(text);
  if (line === '') return '';
  const longest = Math.max(0, ...[...line.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
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
