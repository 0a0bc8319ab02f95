// What a reader of a rendered markdown document sees: marked's HTML with the tags removed and the
// entities it writes decoded. Tests compare it with the text that went in.
import { marked } from 'marked';

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
