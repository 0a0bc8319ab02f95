// What a terminal of a given width shows for a program's output: the raw bytes replayed through a
// headless xterm, so soft wraps (a line longer than the terminal, folded by the terminal itself)
// are seen exactly as a person sees them, escape sequences and cursor moves included.
import xterm from '@xterm/headless';

export interface ScreenRow {
  readonly text: string;
  /** The terminal folded the previous row into this one (the program's line was too long). */
  readonly wrapped: boolean;
}

export function renderScreen(raw: string, cols: number): Promise<ScreenRow[]> {
  const terminal = new xterm.Terminal({ cols, rows: 50, scrollback: 100_000, allowProposedApi: true });
  return new Promise((resolve) => {
    terminal.write(raw, () => {
      const buffer = terminal.buffer.active;
      const rows: ScreenRow[] = [];
      for (let index = 0; index < buffer.length; index += 1) {
        const line = buffer.getLine(index);
        if (line) rows.push({ text: line.translateToString(true), wrapped: line.isWrapped });
      }
      terminal.dispose();
      resolve(rows);
    });
  });
}

const LETTER = /\p{L}/u;

/**
 * Rows where a word is cut in the middle: a row ending in a letter followed by a row that starts
 * with a letter, where either the terminal folded the line (a soft wrap) or the two pieces joined
 * make a word of `words` that neither piece is on its own.
 */
export function cutWords(rows: readonly ScreenRow[], words: ReadonlySet<string>): string[] {
  const cuts: string[] = [];
  for (let index = 1; index < rows.length; index += 1) {
    const before = rows[index - 1]?.text ?? '';
    const row = rows[index];
    if (!row) continue;
    const after = row.wrapped ? row.text : row.text.trimStart();
    const last = before.at(-1) ?? '';
    const first = after.at(0) ?? '';
    if (!LETTER.test(last) || !LETTER.test(first)) continue;
    const tail = /[\p{L}\p{N}'-]+$/u.exec(before)?.[0] ?? '';
    const head = /^[\p{L}\p{N}'-]+/u.exec(after)?.[0] ?? '';
    const joined = `${tail}${head}`.toLowerCase();
    if (row.wrapped || (words.has(joined) && !words.has(tail.toLowerCase()))) cuts.push(`${before}⏎${after}`);
  }
  return cuts;
}

/** The words of a text, lower-cased: a dictionary of what was written unwrapped. */
export function wordsOf(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}'-]+/gu) ?? []);
}
