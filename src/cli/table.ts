/**
 * Aligned tables with a header row for listings on stdout (`sessions`, `problems`), through
 * cli-table3 (already installed with marked-terminal): it measures wide characters and colour codes,
 * which hand-written padding gets wrong. No borders: a listing should read as plain columns and
 * stay easy to grep.
 */
import Table from 'cli-table3';

export function plainTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const table = new Table({
    head: [...head],
    chars: {
      top: '',
      'top-mid': '',
      'top-left': '',
      'top-right': '',
      bottom: '',
      'bottom-mid': '',
      'bottom-left': '',
      'bottom-right': '',
      left: '',
      'left-mid': '',
      mid: '',
      'mid-mid': '',
      right: '',
      'right-mid': '',
      middle: '  ',
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  for (const row of rows) table.push([...row]);
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}
