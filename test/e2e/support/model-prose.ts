/**
 * What a document written with the fake's `plausible` answers must show against the offline one:
 * the model's prose is in it, every line that differs carries that prose, and it has no number the
 * offline document does not have.
 */
import type { ExpectStatic } from 'vitest';
import { numeralsIn } from '../../../src/copilot/anthropic/numerals.js';
import { PLAUSIBLE_OPENERS } from '../../support/fake-anthropic.js';

export function expectOnlyModelProse(expect: ExpectStatic, model: string, offline: string): void {
  const before = new Set(offline.split('\n'));
  const changed = model.split('\n').filter((line) => !before.has(line));
  expect(changed.length, 'lines the model wrote').toBeGreaterThan(0);
  const openers = PLAUSIBLE_OPENERS.map((opener) => opener.trim().toLowerCase());
  for (const line of changed)
    expect(
      openers.some((opener) => line.toLowerCase().includes(opener)),
      line,
    ).toBe(true);
  const numbers = new Set(numeralsIn(offline));
  expect(numeralsIn(model).filter((numeral) => !numbers.has(numeral))).toEqual([]);
}
