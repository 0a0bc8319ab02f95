/* eslint-disable no-control-regex -- these tests look for control characters on purpose */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { redact, secretsIn } from '../../src/lib/redact.js';
import { sanitize, sanitizeKeepingColour } from '../../src/lib/sanitize.js';

describe('sanitize', () => {
  it.each([
    ['CSI colour', 'a \u001b[31mred\u001b[0m word', 'a red word'],
    ['CSI cursor movement and erase', 'x\u001b[2K\u001b[1A\u001b[?25ly', 'xy'],
    ['OSC 52 clipboard write ended by BEL', 'safe\u001b]52;c;ZXZpbA==\u0007 text', 'safe text'],
    ['OSC 52 ended by ST', 'safe\u001b]52;c;ZXZpbA==\u001b\\ text', 'safe text'],
    ['OSC title change', '\u001b]0;pwned\u0007title', 'title'],
    ['an unterminated OSC introducer, and only it', 'keep\u001b]8;;http://x', 'keep8;;http://x'],
    ['an OSC cut short by another escape: its introducer', 'a\u001b]0;t\u001b[2Jb\u0007c', 'a0;tbc'],
    ['DCS', 'a\u001bPq#0;2;0;0;0\u001b\\b', 'ab'],
    ['8-bit CSI (C1)', 'a\u009b31mb', 'ab'],
    ['8-bit OSC (C1) ended by ST', 'a\u009d52;c;Zm9v\u009cb', 'ab'],
    ['other C1 controls', 'a\u0085b\u008dc', 'abc'],
    ['a lone ESC and two-byte escapes', 'a\u001bc\u001b7b\u001b', 'ab'],
    ['C0 controls other than newline and tab', 'a\u0000b\u0007c\u0008d\re\u007f', 'abcde'],
  ])('removes %s', (_name, input, output) => {
    expect(sanitize(input)).toBe(output);
  });

  it('keeps text, newlines, tabs and non-ASCII letters and symbols', () => {
    const text = 'Café — P99 ≤ 200 ms → ✓\n\tindented\nnaïve 日本語 🚀';
    expect(sanitize(text)).toBe(text);
  });
});

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** Text with introducers, terminators and controls mixed into printable characters. */
const hostileText = fc
  .array(
    fc.oneof(
      fc.string(),
      fc.constantFrom(
        '\u001b',
        '\u001b[',
        '\u001b]',
        '\u001bP',
        '\u0007',
        '\u001b\\',
        '\u009b',
        '\u009d',
        '\u009c',
        'm',
        ';',
      ),
      fc.integer({ min: 0, max: 0x9f }).map((code) => String.fromCharCode(code)),
    ),
  )
  .map((parts) => parts.join(''));
const printable = fc.string().map((text) => sanitize(text).replace(/[\n\t]/g, ''));

describe('sanitize, properties', () => {
  it('leaves no control character but newline and tab', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(sanitize(text)).not.toMatch(CONTROL);
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(sanitize(sanitize(text))).toBe(sanitize(text));
      }),
    );
  });

  it('an answer with an unterminated introducer keeps every printable character after it', () => {
    fc.assert(
      fc.property(
        printable,
        fc.constantFrom('\u001b]', '\u001bP', '\u001b_', '\u001b^', '\u001bX', '\u009d'),
        printable,
        (before, introducer, after) => {
          expect(sanitize(`${before}${introducer}${after}`)).toBe(`${before}${after}`);
        },
      ),
    );
  });
});

describe('sanitizeKeepingColour', () => {
  it('keeps plain colour codes and removes every other sequence', () => {
    expect(
      sanitizeKeepingColour(`\u001b[1m\u001b[31mRule\u001b[39m\u001b[22m: x\u001b]52;c;Zm9v\u0007\u001b[2Jy`),
    ).toBe('\u001b[1m\u001b[31mRule\u001b[39m\u001b[22m: xy');
  });

  it('removes conceal, extended colours, and what stripping would join into a sequence', () => {
    expect(sanitizeKeepingColour('a\u001b[8mhidden\u001b[38;5;196mb')).toBe('ahiddenb');
    expect(sanitizeKeepingColour('\u001b\u001b[31m[2J')).toBe('\u001b[31m[2J');
  });

  it('leaves nothing but colour codes, newline and tab among the controls', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const withoutColour = sanitizeKeepingColour(text).replace(/\u001b\[[0-9;]*m/g, '');
        expect(withoutColour).not.toMatch(CONTROL);
      }),
    );
  });
});

describe('redact', () => {
  const key = 'sk-ant-api03-abcdefghijklmnop';
  it('replaces the known secrets and anything shaped like an Anthropic key', () => {
    expect(redact(`Authorization: Bearer ${key}`)).toBe('Authorization: Bearer [redacted]');
    expect(redact('x-api-key: SECRET_KEY_VALUE!', ['SECRET_KEY_VALUE'])).toBe('x-api-key: [redacted]!');
  });

  it('takes the secrets from ANTHROPIC_API_KEY and ANTHROPIC_AUTH_TOKEN, ignoring short ones', () => {
    expect(secretsIn({ ANTHROPIC_API_KEY: ' long-enough-key ', ANTHROPIC_AUTH_TOKEN: 'x' })).toEqual([
      ' long-enough-key ',
      'long-enough-key',
    ]);
  });
});

describe('outside text is sanitised where it enters', () => {
  it('a reference guide carrying OSC 52 and colour parses to clean text', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseGuide } = await import('../../src/knowledge/guide.js');
    const clean = readFileSync(
      new URL('../../references/capabilities/database-design.md', import.meta.url),
      'utf8',
    );
    const tainted = clean.replace(
      '## Core principle\n\n',
      '## Core principle\n\n\u001b]52;c;cm0gLXJmIH4=\u0007\u001b[31m',
    );
    const guide = parseGuide('database-design.md', tainted);
    expect(guide.ok).toBe(true);
    const text = guide.ok ? JSON.stringify(guide.value) : '';
    expect(text).not.toMatch(/\\u001b|\\u0007/);
    expect(guide.ok && guide.value.principle).toBe(
      parseGuide('database-design.md', clean).ok &&
        (parseGuide('database-design.md', clean) as { value: { principle: string } }).value.principle,
    );
  });

  it('answers with escape sequences give a document without them', async () => {
    const { finishedDesign } = await import('../support/design-state.js');
    const { renderSystemDesign } = await import('../../src/render/system-design.js');
    const { redFlags } = await import('../../src/rules/red-flags.js');
    const { readFileSync } = await import('node:fs');
    const state = await finishedDesign({
      answers: { 'requirements.consistency': 'eventual, up to 5 s stale\u001b]52;c;Zm9v\u0007' },
    });
    const template = readFileSync(new URL('../../templates/system_design.md', import.meta.url), 'utf8');
    const document = renderSystemDesign(template, state, redFlags(state));
    expect(document).not.toMatch(/[\u001b\u0007\u009b]/);
    expect(document).toContain('| Consistency | eventual, up to 5 s stale |');
  });

  it('an answers file with escape sequences in its title and answers parses to clean text', async () => {
    const { parseAnswersText } = await import('../../src/answers/load.js');
    const yaml = [
      'version: 1',
      'title: "Notes \\e[31mservice\\e[0m"',
      'scope: system',
      'answers:',
      '  requirements.scale: "1M notes a day\\e]52;c;Zm9v\\a"',
      '  requirements.functional: ["A user \\e[2Kreads a note within 100 ms"]',
    ].join('\n');
    const file = parseAnswersText('answers.yaml', yaml);
    expect(file.title).toBe('Notes service');
    expect(file.answers['requirements.scale']).toBe('1M notes a day');
    expect(file.answers['requirements.functional']).toEqual(['A user reads a note within 100 ms']);
  });
});
