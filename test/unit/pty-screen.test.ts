// The word-cut detector the terminal tests rely on: it must see a cut, and only a cut.
import { describe, expect, it } from 'vitest';
import { cutWords, renderScreen, wordsOf } from '../support/pty-screen.js';

describe('cutWords', () => {
  it('finds a word the terminal folded at its edge', async () => {
    const rows = await renderScreen('it takes several seconds\r\n', 14);
    expect(cutWords(rows, new Set())).toEqual(['it takes sever⏎al seconds']);
  });

  it('finds a word broken by a newline, against the unwrapped words', async () => {
    const rows = await renderScreen('use Postg\r\nreSQL here\r\n', 40);
    expect(cutWords(rows, wordsOf('use PostgreSQL here'))).toEqual(['use Postg⏎reSQL here']);
  });

  it('passes prose broken at spaces', async () => {
    const rows = await renderScreen('it takes several\r\nseconds to start\r\n', 20);
    expect(cutWords(rows, wordsOf('it takes several seconds to start'))).toEqual([]);
  });
});
