// What a reader of a rendered markdown document sees: marked's HTML with the tags removed and the
// entities it writes decoded. Tests compare it with the text that went in.
import { marked, type Token, type Tokens } from 'marked';

const ENTITIES: Readonly<Record<string, string>> = {
  '&quot;': '"',
  '&#39;': "'",
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
};

/** marked's HTML for a document, its YAML front matter left out. */
export function markdownHtml(markdown: string): string {
  return marked.parse(markdown.replace(/^---\n[\s\S]*?\n---\n/, ''), { async: false });
}

/** The text of a piece of HTML, as a browser would show it (whitespace trimmed). */
export function htmlText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&(?:quot|#39|lt|gt|amp);/g, (entity) => ENTITIES[entity] ?? entity)
    .trim();
}

/** The text a reader sees for a piece of markdown. */
export function shownText(markdown: string): string {
  return htmlText(markdownHtml(markdown));
}

/** Every token marked read, with those nested in lists, table cells, quotes and inline content. */
export function allTokens(tokens: readonly Token[]): Token[] {
  return tokens.flatMap((token) => {
    const children: Token[] = [];
    if ('tokens' in token && Array.isArray(token.tokens)) children.push(...allTokens(token.tokens));
    if (token.type === 'list') children.push(...allTokens((token as Tokens.List).items));
    if (token.type === 'table') {
      const table = token as Tokens.Table;
      for (const row of [table.header, ...table.rows])
        for (const cell of row) children.push(...allTokens(cell.tokens));
    }
    return [token, ...children];
  });
}
