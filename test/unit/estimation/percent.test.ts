// The one percentage formatter, and the millisecond and minute helpers that replaced hand-written
// toFixed() calls: the shortest exact form, with float noise removed first.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatMilliseconds,
  formatMinutes,
  formatPercent,
  parsePercent,
} from '../../../src/estimation/index.js';

describe('formatPercent', () => {
  it.each([
    [0.99999, '99.999%'],
    [0.9995, '99.95%'],
    [0.9999, '99.99%'],
    [0.999, '99.9%'],
    [0.99, '99%'],
    [0.95, '95%'],
    [0.5, '50%'],
    [1, '100%'],
    [0, '0%'],
    [0.001, '0.1%'],
    [0.2, '20%'],
    [0.6, '60%'],
    // At most 4 decimals once the noise is gone.
    [0.3333333, '33.3333%'],
    [0.123456, '12.3456%'],
    [0.1234567, '12.3457%'],
    [1 / 3, '33.3333%'],
    [0.999999, '99.9999%'],
    // Above 100% and below 0% are written the same way.
    [2.5, '250%'],
    [12.345, '1,234.5%'],
    [-0.05, '-5%'],
  ])('%d -> %s', (fraction, expected) => {
    expect(formatPercent(fraction)).toBe(expected);
  });

  it.each([
    // Computed values land exactly where a literal does.
    ['1 - 0.0005', 1 - 0.0005, '99.95%'],
    ['1 - 0.0001', 1 - 0.0001, '99.99%'],
    ['1 - 0.001', 1 - 0.001, '99.9%'],
    ['99.999 / 100', 99.999 / 100, '99.999%'],
    ['0.999 * 0.999', 0.999 * 0.999, '99.8001%'],
  ])('%s -> %s', (_, fraction, expected) => {
    expect(formatPercent(fraction)).toBe(expected);
  });

  it.each([
    // Each of these times 100 prints with float noise: 99.99900000000001, 30.000000000000004...
    ['1 - 0.00001', 1 - 0.00001, '99.999%'],
    ['0.99999', 0.99999, '99.999%'],
    ['0.1 + 0.2', 0.1 + 0.2, '30%'],
    ['0.7 * 3', 0.7 * 3, '210%'],
    ['0.99 * 0.99', 0.99 * 0.99, '98.01%'],
    ['0.07', 0.07, '7%'],
    ['0.57', 0.57, '57%'],
    ['0.29', 0.29, '29%'],
  ])('%s, noisy when multiplied by 100, -> %s', (_, fraction, expected) => {
    expect(String(fraction * 100)).toMatch(/\.\d{6,}/);
    expect(formatPercent(fraction)).toBe(expected);
  });

  it.each([
    // More nines than 4 decimals hold: rounding would promise no downtime at all.
    [0.9999999, '99.99999%'],
    [0.99999999, '99.999999%'],
    [1 - 1e-9, '99.9999999%'],
    // And a tiny share is not "0%".
    [0.0000001, '0.00001%'],
    [-0.0000001, '-0.00001%'],
  ])('%d keeps the decimals that tell it from 0%% or 100%%: %s', (fraction, expected) => {
    expect(formatPercent(fraction)).toBe(expected);
  });

  it('names a value that is not a number rather than hiding it', () => {
    expect(formatPercent(Number.NaN)).toBe('NaN%');
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe('Infinity%');
  });

  it('never prints a long float, an exponent, or 0% / 100% for what is neither', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), (fraction) => {
        const text = formatPercent(fraction);
        expect(text).toMatch(/^-?\d{1,3}(,\d{3})*(\.\d{1,10})?%$/);
        if (text === '100%') expect(Math.abs(fraction * 100 - 100)).toBeLessThan(1e-8);
        if (text === '0%' || text === '-0%') expect(Math.abs(fraction)).toBeLessThan(1e-12);
      }),
    );
  });

  it('reads back through parsePercent to the same fraction when it had 4 decimals or fewer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (tenThousandths) => {
        const fraction = tenThousandths / 1_000_000;
        const parsed = parsePercent(formatPercent(fraction).replace(/,/g, ''));
        expect(parsed).toEqual({ ok: true, value: fraction });
      }),
    );
  });
});

describe('formatMilliseconds', () => {
  it.each([
    [0.2, '200 ms'],
    [0.0125, '12.5 ms'],
    [0.03, '30 ms'],
    [0.00123, '1.2 ms'],
    [1.5, '1,500 ms'],
    [0, '0 ms'],
    // 0.1 + 0.2 seconds: noise would show as "300.00000000000006 ms".
    [0.1 + 0.2, '300 ms'],
  ])('%d s -> %s', (seconds, expected) => {
    expect(formatMilliseconds(seconds)).toBe(expected);
  });
});

describe('formatMinutes', () => {
  const month = 30 * 86_400;
  it.each([
    ['99.9% of a month', (1 - 0.999) * month, '43.2 minutes'],
    ['99.95% of a month', (1 - 0.9995) * month, '21.6 minutes'],
    ['99.99% of a month', (1 - 0.9999) * month, '4.3 minutes'],
    ['99.999% of a month', (1 - 0.99999) * month, '0.4 minutes'],
    ['99% of a month', (1 - 0.99) * month, '432 minutes'],
    ['one minute', 60, '1 minute'],
    ['nothing', 0, '0 minutes'],
  ])('%s -> %s', (_, seconds, expected) => {
    expect(formatMinutes(seconds)).toBe(expected);
  });
});
