// Property tests with a hand-written seeded generator: the same cases on every run, no dependency.
import { describe, expect, it } from 'vitest';
import {
  estimate,
  formatBytes,
  formatCompact,
  formatCount,
  metric,
  parseCount,
  parseSize,
  scaleInput,
  type EstimateInput,
} from '../../../src/estimation/index.js';

/** mulberry32: a tiny, well-mixed 32-bit PRNG. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d_2b_79_f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Spread across many orders of magnitude: 10^min .. 10^max. */
function logUniform(random: () => number, min: number, max: number): number {
  return 10 ** (min + random() * (max - min));
}

const CASES = 500;

function randomInput(random: () => number): EstimateInput {
  const perUser = random() < 0.5;
  return {
    dailyActiveUsers: Math.round(logUniform(random, 2, 9)),
    writes: { perSecond: logUniform(random, -6, 5), perUser },
    reads:
      random() < 0.5
        ? { ratio: logUniform(random, -2, 3) }
        : { perSecond: logUniform(random, -3, 6), perUser },
    writeSizeBytes: Math.round(logUniform(random, 1, 7)),
    retentionSeconds: logUniform(random, 3, 9),
    peakFactor: 1 + random() * 9,
    replication: 1 + Math.floor(random() * 5),
  };
}

function value(input: EstimateInput, id: string): number {
  const result = estimate(input);
  if (!result.ok) throw new Error(result.error);
  const found = metric(result.value, id);
  if (!found) throw new Error(`no metric ${id}`);
  return found.value;
}

describe('properties', () => {
  it('parseCount reads back what formatCount writes, exactly, for whole numbers', () => {
    const random = seeded(1);
    for (let i = 0; i < CASES; i += 1) {
      const n = Math.floor(logUniform(random, 0, 15));
      expect(parseCount(formatCount(n))).toEqual({ ok: true, value: n });
    }
  });

  it('parseCount reads formatCompact back within its 3-significant-digit rounding', () => {
    const random = seeded(2);
    for (let i = 0; i < CASES; i += 1) {
      const n = logUniform(random, 0, 14);
      const parsed = parseCount(formatCompact(n));
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(Math.abs(parsed.value - n) / n).toBeLessThanOrEqual(0.005);
    }
  });

  it('parseSize reads formatBytes back within its 3-significant-digit rounding', () => {
    const random = seeded(3);
    for (let i = 0; i < CASES; i += 1) {
      const bytes = logUniform(random, 0, 17);
      const parsed = parseSize(formatBytes(bytes));
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(Math.abs(parsed.value - bytes) / bytes).toBeLessThanOrEqual(0.005);
    }
  });

  it('every metric is finite and non-negative, and peaks are never below averages', () => {
    const random = seeded(4);
    for (let i = 0; i < CASES; i += 1) {
      const result = estimate(randomInput(random));
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      for (const m of result.value.metrics) {
        expect(Number.isFinite(m.value) && m.value >= 0, `${m.id} = ${m.value}`).toBe(true);
      }
      const get = (id: string): number => metric(result.value, id)?.value ?? Number.NaN;
      expect(get('peak_qps')).toBeGreaterThanOrEqual(get('total_qps'));
      expect(get('peak_write_qps')).toBeGreaterThanOrEqual(get('write_qps'));
      expect(get('peak_read_qps')).toBeGreaterThanOrEqual(get('read_qps'));
    }
  });

  it('storage grows with retention and with scale', () => {
    const random = seeded(5);
    for (let i = 0; i < CASES; i += 1) {
      const input = randomInput(random);
      const longer = { ...input, retentionSeconds: input.retentionSeconds * (1 + random() * 10) };
      expect(value(longer, 'storage_total')).toBeGreaterThanOrEqual(value(input, 'storage_total'));
      expect(value(longer, 'storage_per_day')).toBe(value(input, 'storage_per_day'));
      const bigger = scaleInput(input, 1 + random() * 99);
      expect(value(bigger, 'storage_total')).toBeGreaterThanOrEqual(value(input, 'storage_total'));
      expect(value(bigger, 'peak_qps')).toBeGreaterThanOrEqual(value(input, 'peak_qps'));
    }
  });
});
