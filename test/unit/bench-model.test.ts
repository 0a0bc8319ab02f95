/**
 * The pure parts of `npm run bench:model` (scripts/bench-model-stats.mjs): percentiles, the waits a
 * person sees read from a timestamped terminal transcript, token totals and the target lines.
 */
import { describe, expect, it } from 'vitest';
import {
  costOf,
  percentile,
  targetLines,
  usageTotals,
  waitsOf,
  type Totals,
  type Wait,
} from '../../scripts/bench-model-stats.mjs';

describe('percentile (nearest rank)', () => {
  it('is the smallest value with at least p% of the values at or below it', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 100)).toBe(10);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeUndefined();
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('waitsOf', () => {
  const line = (id: string): string => `Scripted answer to ${id} in 1 s\r\n`;

  it('times each prompt by the arrival of its line, and each wait from the answer to the next prompt', () => {
    const { prompts, waits } = waitsOf(
      [
        { t: 10, text: 'Phase 1/6\r\n' },
        { t: 100, text: line('requirements.functional') },
        { t: 1_150, text: 'Read as: x\r\n' },
        { t: 1_600, text: line('requirements.scale') },
        { t: 2_600, text: line('requirements.latency') },
      ],
      1_000,
    );
    expect(prompts).toEqual([
      { id: 'requirements.functional', t: 100 },
      { id: 'requirements.scale', t: 1_600 },
      { id: 'requirements.latency', t: 2_600 },
    ]);
    expect(waits).toEqual([
      { after: 'requirements.functional', before: 'requirements.scale', ms: 500, streamed: false },
      { after: 'requirements.scale', before: 'requirements.latency', ms: 0, streamed: false },
    ]);
  });

  it('reads a line split across chunks at the arrival of its end', () => {
    const { prompts } = waitsOf(
      [
        { t: 100, text: 'Scripted answer to high-le' },
        { t: 250, text: 'vel.cache in 1 s\r' },
        { t: 300, text: '\n' },
      ],
      1_000,
    );
    expect(prompts).toEqual([{ id: 'high-level.cache', t: 300 }]);
  });

  it('marks a wait streamed only when dim prose arrived between the answer and the next prompt', () => {
    const { waits } = waitsOf(
      [
        { t: 0, text: line('a') },
        { t: 500, text: '\u001b[2mtoo early: before the answer\u001b[22m' },
        { t: 3_000, text: line('b') },
        { t: 5_000, text: '\u001b[2mThe archetype decides\u001b[22m' },
        { t: 9_000, text: 'Decision: Archetype\r\n' + line('c') },
      ],
      1_000,
    );
    expect(waits.map((wait) => [wait.ms, wait.streamed])).toEqual([
      [2_000, false],
      [5_000, true],
    ]);
  });
});

describe('usageTotals and costOf', () => {
  it('sums the input as the API splits it and keeps the largest single request', () => {
    const totals = usageTotals([
      {
        input_tokens: 100,
        cache_creation_input_tokens: 5_000,
        cache_read_input_tokens: 0,
        output_tokens: 200,
      },
      {
        input_tokens: 300,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 5_000,
        output_tokens: 100,
      },
      { input_tokens: 50, output_tokens: 10 },
    ]);
    expect(totals).toEqual({
      requests: 3,
      uncached: 450,
      cacheWrites: 5_000,
      cacheReads: 5_000,
      output: 310,
      largest: 5_300,
      input: 10_450,
      readShare: 5_000 / 10_450,
    });
    // $3 / $3.75 / $0.30 / $15 per million tokens.
    const price = { input: 3, cache_write: 3.75, cache_read: 0.3, output: 15 };
    expect(costOf(totals, price)).toBeCloseTo((450 * 3 + 5_000 * 3.75 + 5_000 * 0.3 + 310 * 15) / 1e6, 12);
  });

  it('is all zero for no requests', () => {
    expect(usageTotals([])).toMatchObject({ requests: 0, input: 0, readShare: 0, largest: 0 });
  });
});

describe('targetLines', () => {
  const totals = (over: Partial<Totals> = {}): Totals => ({
    requests: 20,
    uncached: 20_000,
    cacheWrites: 40_000,
    cacheReads: 240_000,
    output: 5_000,
    largest: 11_000,
    input: 300_000,
    readShare: 0.8,
    ...over,
  });
  const wait = (ms: number, streamed = false): Wait => ({ after: 'a', before: 'b', ms, streamed });
  const quick = Array.from({ length: 19 }, () => wait(500));

  it('says ok for each target met, at the bounds included', () => {
    const lines = targetLines({
      totals: totals({ requests: 25, input: 400_000, largest: 12_000, readShare: 0.7 }),
      cost: 0.2,
      // 20 waits: the 95th percentile is the 19th smallest.
      waits: [...quick.slice(1), wait(3_000), wait(3_000)],
    });
    expect(lines.map((target) => target.text)).toEqual([
      'requests: 25 (target <= 25): ok',
      'input tokens: 400,000 (target <= 400,000): ok',
      'estimated cost: $0.2000 (target <= $0.20): ok',
      'largest request: 12,000 input tokens (target <= 12,000): ok',
      'cache reads: 70.0% of input tokens (target >= 70.0%): ok',
      'p95 wait: 3.0 s (target <= 3.0 s): ok',
      'waits over 3.0 s showing streamed text: 0 of 0 (target: all): ok',
    ]);
    expect(lines.every((target) => target.ok)).toBe(true);
  });

  it('says MISSED for each target missed', () => {
    const lines = targetLines({
      totals: totals({ requests: 56, input: 1_084_115, largest: 43_352, readShare: 0.69 }),
      cost: 0.62,
      waits: [...quick, wait(37_200, true), wait(9_000)],
    });
    expect(lines.map((target) => target.ok)).toEqual([false, false, false, false, false, false, false]);
    expect(lines[0]?.text).toBe('requests: 56 (target <= 25): MISSED');
    expect(lines[5]?.text).toBe('p95 wait: 9.0 s (target <= 3.0 s): MISSED');
    expect(lines[6]?.text).toBe('waits over 3.0 s showing streamed text: 1 of 2 (target: all): MISSED');
  });
});
