/**
 * The escaping functions over random text full of markdown's own characters: whatever goes in,
 * marked reads the result as the one block it was placed in, with no HTML, heading, code block or
 * unsafe link, and (for the functions that show text exactly as typed) a reader sees the input.
 */
import fc from 'fast-check';
import { marked, type Token, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import {
  codeSpan,
  headingText,
  inline,
  linkText,
  plain,
  tableCell,
} from '../../src/render/markdown-inline.js';
import { mermaidLabel } from '../../src/render/diagram.js';
import { allTokens, shownText } from '../support/markdown-text.js';

/** Characters markdown acts on, mixed with letters, digits, spaces and line breaks. */
const SIGNIFICANT = [
  ...'#>-+*=_~`|[]()<>!?/\\&;:.)"\''.split(''), // ASCII only: one code unit each
  '<!--',
  '-->',
  '```',
  '~~~',
  '<script>',
  '</b>',
  'javascript:',
  'https://a.io/x_y',
  '&amp;',
  '&#60;',
  '1.',
  '2)',
  '\n',
  '\t',
  '  ',
  ' ',
  'a',
  'B',
  '7',
  'é',
];
const hostile = fc.array(fc.constantFrom(...SIGNIFICANT), { maxLength: 24 }).map((parts) => parts.join(''));

/** The input as one line, as every escaping function folds it. */
const folded = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** What no user text may produce anywhere: raw HTML, a heading, a code block, an unsafe link. */
function expectNoStructure(markdown: string, tokens: readonly Token[]): void {
  for (const token of allTokens(tokens)) {
    expect(token.type, `${token.type} in ${JSON.stringify(markdown)}`).not.toMatch(
      /^(?:html|heading|code|hr|blockquote|list|def)$/,
    );
    if (token.type === 'link' || token.type === 'image')
      expect((token as Tokens.Link).href, JSON.stringify(markdown)).toMatch(
        /^(?:https?:|mailto:|#|\.{0,2}\/|[\w-]+(?:\.[\w-]+)*(?:[/#]|$))/i,
      );
  }
}

const RUNS = { numRuns: 300 };

/** The tokens of one escaped line read alone: one paragraph with no structure, or none for no text. */
function paragraph(markdown: string, text: string): Token[] {
  const tokens = marked.lexer(markdown).filter((token) => token.type !== 'space');
  expect(tokens.map((token) => token.type)).toEqual(folded(text) === '' ? [] : ['paragraph']);
  expectNoStructure(markdown, tokens);
  return tokens;
}

describe('escaping, over random hostile text', () => {
  it('plain: one paragraph showing exactly the input', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const markdown = plain(text);
        const tokens = paragraph(markdown, text);
        expect(allTokens(tokens).map((token) => token.type)).not.toContain('codespan');
        expect(shownText(markdown)).toBe(folded(text));
      }),
      RUNS,
    );
  });

  it('inline: one paragraph, no HTML, heading, code block or unsafe link', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        paragraph(inline(text), text);
      }),
      RUNS,
    );
  });

  it('inline after a list marker and a quote marker stays in that one item', () => {
    fc.assert(
      fc.property(
        hostile.filter((text) => folded(text) !== ''),
        (text) => {
          for (const prefix of ['- ', '> ', '1. ']) {
            const markdown = `${prefix}${inline(text)}`;
            const tokens = marked.lexer(markdown).filter((token) => token.type !== 'space');
            expect(tokens).toHaveLength(1);
            const inner = allTokens(tokens).slice(1);
            expect(inner.map((token) => token.type)).not.toContain('heading');
            expect(inner.filter((token) => token.type === 'list')).toHaveLength(0);
            expect(inner.filter((token) => token.type === 'blockquote')).toHaveLength(0);
            expect(inner.map((token) => token.type)).not.toContain('html');
            expect(inner.map((token) => token.type)).not.toContain('code');
          }
        },
      ),
      RUNS,
    );
  });

  it('a table cell of plain text: one cell showing exactly the input', () => {
    fc.assert(
      fc.property(hostile, hostile, (text, other) => {
        const markdown = `| Name | Other |\n| --- | --- |\n| ${tableCell(plain(text))} | ${tableCell(plain(other))} |`;
        const tokens = marked.lexer(markdown).filter((token) => token.type !== 'space');
        expect(tokens.map((token) => token.type)).toEqual(['table']);
        const table = tokens[0] as Tokens.Table;
        expect(table.rows).toHaveLength(1);
        expect(table.rows[0]?.map((cell) => shownText(cell.text))).toEqual([folded(text), folded(other)]);
        expectNoStructure(markdown, tokens);
      }),
      RUNS,
    );
  });

  it('a table cell of prose never splits the row', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const markdown = `| A | B |\n| --- | --- |\n| ${tableCell(inline(text))} | end |`;
        const tokens = marked.lexer(markdown).filter((token) => token.type !== 'space');
        expect(tokens.map((token) => token.type)).toEqual(['table']);
        const table = tokens[0] as Tokens.Table;
        expect(table.rows.map((row) => row.length)).toEqual([2]);
        expect(table.rows[0]?.[1]?.text).toBe('end');
        expectNoStructure(markdown, tokens);
      }),
      RUNS,
    );
  });

  it('a heading: exactly one heading of the level written', () => {
    fc.assert(
      fc.property(
        hostile.filter((text) => headingText(text) !== ''),
        (text) => {
          const markdown = `## Deep-Dive: ${headingText(text)}`;
          const tokens = marked.lexer(markdown).filter((token) => token.type !== 'space');
          expect(tokens.map((token) => token.type)).toEqual(['heading']);
          expect((tokens[0] as Tokens.Heading).depth).toBe(2);
          expectNoStructure(markdown, allTokens(tokens).slice(1));
        },
      ),
      RUNS,
    );
  });

  it('link text: one link to the renderer target, showing exactly the input', () => {
    fc.assert(
      fc.property(
        hostile.filter((text) => folded(text) !== ''),
        (text) => {
          const markdown = `See [${linkText(text)}](docs/decisions/0001-x.md).`;
          const tokens = allTokens(marked.lexer(markdown));
          const links = tokens.filter((token) => token.type === 'link') as Tokens.Link[];
          expect(links.map((link) => link.href)).toEqual(['docs/decisions/0001-x.md']);
          expect(shownText(markdown)).toBe(`See ${folded(text)}.`);
        },
      ),
      RUNS,
    );
  });

  it('a code span: one code span holding exactly the input', () => {
    fc.assert(
      fc.property(
        hostile.filter((text) => folded(text) !== ''),
        (text) => {
          const markdown = `Run ${codeSpan(text)} now.`;
          const tokens = allTokens(marked.lexer(markdown));
          const spans = tokens.filter((token) => token.type === 'codespan') as Tokens.Codespan[];
          expect(spans).toHaveLength(1);
          expect(spans[0]?.text).toBe(folded(text));
        },
      ),
      RUNS,
    );
  });
});

describe('mermaidLabel, over random hostile text', () => {
  it('is one quoted line that only entity codes can end, showing the input', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const label = mermaidLabel(text);
        expect(label).toMatch(/^"[^"\n`<&;|[\]{}]*(?:#(?:\d+|quot);[^"\n`<&;|[\]{}]*)*"$/);
        const decoded = label
          .slice(1, -1)
          .replace(/#(\d+|quot);/g, (_code, n: string) =>
            n === 'quot' ? '"' : String.fromCodePoint(Number(n)),
          );
        expect(decoded).toBe(folded(text));
      }),
      RUNS,
    );
  });
});
