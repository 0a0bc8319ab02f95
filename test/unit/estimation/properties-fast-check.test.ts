// Property tests with fast-check: random inputs across many orders of magnitude, shrunk to the
// smallest failing case when a property breaks. Runs are bounded so the file stays well under 2 s.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  estimate,
  formatBitsPerSecond,
  formatBytes,
  formatBytesPerSecond,
  formatCompact,
  formatCount,
  formatDuration,
  formatRate,
  formatUsd,
  metric,
  parseCount,
  parseDuration,
  parseSize,
  scaleInput,
  type Estimate,
  type EstimateInput,
  type Rate,
  type ReadSpec,
} from '../../../src/estimation/index.js';

const RUNS = { numRuns: 300 };

/** 10^min .. 10^max, spread evenly over the exponents. */
const logUniform = (min: number, max: number): fc.Arbitrary<number> =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((exponent) => 10 ** exponent);

const absoluteRate = (min: number, max: number): fc.Arbitrary<Rate> =>
  fc.record({
    perSecond: logUniform(min, max),
    perUser: fc.constant(false),
    period: fc.constantFrom('second', 'minute', 'hour', 'day', 'month', 'year' as const),
  });

const perUserRate: fc.Arbitrary<Rate> = fc.record({
  // 0.001 to 1,000 actions per user per day.
  perSecond: logUniform(-3, 3).map((perDay) => perDay / 86_400),
  perUser: fc.constant(true),
  period: fc.constant('day' as const),
});

const reads: fc.Arbitrary<ReadSpec> = fc.oneof(
  fc.record({ ratio: fc.oneof(fc.constant(0), logUniform(-2, 3)) }),
  absoluteRate(-3, 6),
  perUserRate,
);

/** A valid input: every rate positive and finite, every size at least a byte. */
const input: fc.Arbitrary<EstimateInput> = fc
  .record({
    dailyActiveUsers: logUniform(2, 9).map(Math.round),
    writes: fc.oneof(absoluteRate(-6, 6), perUserRate),
    reads,
    writeSizeBytes: logUniform(0, 8).map(Math.round),
    readSizeBytes: fc.option(logUniform(0, 8).map(Math.round), { nil: undefined }),
    retentionSeconds: logUniform(3, 10),
    peakFactor: fc.option(fc.double({ min: 1, max: 10, noNaN: true }), { nil: undefined }),
    replication: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  })
  .map(({ readSizeBytes, peakFactor, replication, ...rest }) => ({
    ...rest,
    ...(readSizeBytes === undefined ? {} : { readSizeBytes }),
    ...(peakFactor === undefined ? {} : { peakFactor }),
    ...(replication === undefined ? {} : { replication }),
  }));

function run(given: EstimateInput): Estimate {
  const result = estimate(given);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function valueOf(result: Estimate, id: string): number {
  const found = metric(result, id);
  if (!found) throw new Error(`no metric ${id}`);
  return found.value;
}

/** Relative error, with 0 = 0 exact (a write-only system has no reads at any scale). */
function relativeError(actual: number, expected: number): number {
  if (expected === 0) return Math.abs(actual);
  return Math.abs(actual - expected) / Math.abs(expected);
}

const SCALED_METRICS = [
  'write_qps',
  'read_qps',
  'total_qps',
  'peak_qps',
  'peak_write_qps',
  'peak_read_qps',
  'storage_per_day',
  'storage_per_month',
  'storage_total',
  'ingress_bandwidth',
  'egress_bandwidth',
  'cache_memory',
] as const;

const NUMBER_NOISE = ['NaN', 'Infinity', 'e+', 'e-'] as const;

describe('estimate properties (fast-check)', () => {
  it('scaling the traffic by k scales QPS, storage and bandwidth by k', () => {
    fc.assert(
      fc.property(input, logUniform(-1, 3), (given, k) => {
        const base = run(given);
        const scaled = run(scaleInput(given, k));
        for (const id of SCALED_METRICS) {
          const expected = valueOf(base, id) * k;
          const error = relativeError(valueOf(scaled, id), expected);
          expect(
            error,
            `${id}: ${String(valueOf(scaled, id))} vs ${String(expected)} at k = ${String(k)}`,
          ).toBeLessThan(1e-9);
        }
      }),
      RUNS,
    );
  });

  it('peak is never below average', () => {
    fc.assert(
      fc.property(input, (given) => {
        const result = run(given);
        expect(valueOf(result, 'peak_qps')).toBeGreaterThanOrEqual(valueOf(result, 'total_qps'));
        expect(valueOf(result, 'peak_write_qps')).toBeGreaterThanOrEqual(valueOf(result, 'write_qps'));
        expect(valueOf(result, 'peak_read_qps')).toBeGreaterThanOrEqual(valueOf(result, 'read_qps'));
      }),
      RUNS,
    );
  });

  it('no NaN or Infinity reaches a metric value, and no NaN, Infinity or exponent reaches its text', () => {
    fc.assert(
      fc.property(input, (given) => {
        for (const m of run(given).metrics) {
          expect(Number.isFinite(m.value), `${m.id} = ${String(m.value)}`).toBe(true);
          expect(m.value, m.id).toBeGreaterThanOrEqual(0);
          for (const text of [m.calculation, m.result]) {
            for (const noise of NUMBER_NOISE) {
              expect(text.includes(noise), `${m.id}: "${text}" contains "${noise}"`).toBe(false);
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('no formatter writes NaN, Infinity or an exponent for a finite number, from 1e-9 to 1e24', () => {
    const formatters = {
      formatBytes,
      formatBytesPerSecond,
      formatBitsPerSecond,
      formatCompact,
      formatCount,
      formatDuration,
      formatRate,
      formatUsd,
    };
    fc.assert(
      fc.property(logUniform(-9, 24), fc.boolean(), (magnitude, negative) => {
        const x = negative ? -magnitude : magnitude;
        for (const [name, format] of Object.entries(formatters)) {
          const text = format(x);
          for (const noise of NUMBER_NOISE) {
            expect(text.includes(noise), `${name}(${String(x)}) = "${text}" contains "${noise}"`).toBe(false);
          }
        }
      }),
      RUNS,
    );
  });
});

describe('parse(format(x)) round trips (fast-check)', () => {
  const withinDisplay = (parsed: { ok: boolean; value?: number }, original: number): void => {
    expect(parsed.ok).toBe(true);
    if (parsed.value !== undefined) {
      // 3 significant digits: at most half a unit in the third digit, 0.5%.
      expect(relativeError(parsed.value, original)).toBeLessThanOrEqual(0.005);
    }
  };

  it('parseSize reads back formatBytes within 3 significant digits, from bytes to petabytes', () => {
    fc.assert(
      fc.property(logUniform(-2, 17.99), (bytes) => {
        withinDisplay(parseSize(formatBytes(bytes)), bytes);
      }),
      RUNS,
    );
  });

  it('parseSize reads back formatBytes for exabytes, which formatBytes writes', () => {
    fc.assert(
      fc.property(logUniform(18, 20.99), (bytes) => {
        withinDisplay(parseSize(formatBytes(bytes)), bytes);
      }),
      RUNS,
    );
  });

  it('parseCount reads back formatCount exactly for whole numbers, and within 0.5 otherwise', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), logUniform(-1, 15), (whole, fractional) => {
        expect(parseCount(formatCount(whole))).toEqual({ ok: true, value: whole });
        const parsed = parseCount(formatCount(fractional));
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(Math.abs(parsed.value - fractional)).toBeLessThanOrEqual(0.5);
      }),
      RUNS,
    );
  });

  it('parseCount reads back formatCompact within 3 significant digits', () => {
    fc.assert(
      fc.property(logUniform(-2, 17), (count) => {
        withinDisplay(parseCount(formatCompact(count)), count);
      }),
      RUNS,
    );
  });

  it('parseDuration of "<n>d" is n x 86,400 s', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 99 }),
        (whole, hundredths) => {
          expect(parseDuration(`${String(whole)}d`)).toEqual({ ok: true, value: whole * 86_400 });
          const days = whole + hundredths / 100;
          const parsed = parseDuration(`${String(days)}d`);
          expect(parsed.ok).toBe(true);
          if (parsed.ok) expect(relativeError(parsed.value, days * 86_400)).toBeLessThan(1e-11);
        },
      ),
      RUNS,
    );
  });
});
