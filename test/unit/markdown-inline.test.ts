import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { headingText, inline } from '../../src/render/markdown-inline.js';
import { shownText as shown } from '../support/markdown-text.js';

describe('inline', () => {
  it.each([
    ['plain text with quotes, colons and pipes', 'Say "hi": a | b', 'Say "hi": a | b'],
    ['a code span', 'partition by `user_id`', 'partition by `user_id`'],
    ['an intraword underscore', 'user_id and snake_case', 'user_id and snake_case'],
    ['strong emphasis', 'a **bold** claim', 'a **bold** claim'],
    ['a link', 'see [the guide](https://example.com/g)', 'see [the guide](https://example.com/g)'],
    ['an autolink', 'see <https://example.com>', 'see <https://example.com>'],
    ['non-ASCII', 'Café — P99 ≤ 200 ms', 'Café — P99 ≤ 200 ms'],
  ])('leaves %s as written', (_name, text, expected) => {
    expect(inline(text)).toBe(expected);
  });

  it.each([
    ['a leading #', '# not a heading', '\\# not a heading'],
    ['a leading quote marker', '> not a quote', '\\> not a quote'],
    ['a leading list marker', '- not a list', '\\- not a list'],
    ['a leading ordered-list marker', '1. not a list', '1\\. not a list'],
    ['a leading fence', '```not code', '\\`\\`\\`not code'],
    ['a code span that could open a fence', '```a```', '\\`\\`\\`a\\`\\`\\`'],
    ['a thematic break', '---', '\\---'],
    ['an HTML tag', 'use <Redis> here', 'use \\<Redis> here'],
    ['a bare URL', 'see https://example.com/a.', 'see <https://example.com/a>.'],
    ['stars with spaces around them', '2 * 3 ** 4', '2 \\* 3 \\*\\* 4'],
    ['underscores outside words', '_b_ and __init__', '\\_b\\_ and \\_\\_init\\_\\_'],
    ['a reference link with no definition', '[x][y]', '[x\\][y]'],
    ['a code span padded with spaces', 'a ` b ` c', 'a \\` b \\` c'],
    ['newlines and tabs', 'one\n\ttwo  three\n', 'one two three'],
  ])('neutralises %s', (_name, text, expected) => {
    expect(inline(text)).toBe(expected);
  });

  it.each([
    '# not a heading',
    '> not a quote',
    '1. not a list',
    'use <Redis> here',
    '2 * 3 ** 4',
    '_b_ and __init__',
    'Say "hi": a | b',
    "it's `a|b`: C#",
  ])('shows %j exactly as written', (text) => {
    expect(shown(inline(text))).toBe(text.replace(/`/g, '').replace(/\s+/g, ' '));
  });
});

describe('headingText', () => {
  it.each([
    ['trailing sentence punctuation (MD026)', 'Skip the cache for now.', 'Skip the cache for now'],
    ['a trailing colon and comma', 'Options:,', 'Options'],
    ['a question mark, which MD026 allows', 'Cache or not?', 'Cache or not?'],
    ['a trailing # that would close the heading', 'Written in C #', 'Written in C \\#'],
    ['a leading #', '#1 choice', '\\#1 choice'],
  ])('handles %s', (_name, text, expected) => {
    expect(headingText(text)).toBe(expected);
  });

  it('renders as one heading showing the text', () => {
    const html = marked.parse(`# ${headingText('# C # and "quotes": `a|b` #')}`, { async: false });
    expect(html).toBe('<h1># C # and &quot;quotes&quot;: <code>a|b</code> #</h1>\n');
  });
});
