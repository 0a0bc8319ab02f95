import { describe, expect, it } from 'vitest';
import {
  formatBitsPerSecond,
  formatBytes,
  formatBytesPerSecond,
  formatCompact,
  formatCount,
  formatDuration,
  formatRate,
  formatUsd,
} from '../../../src/estimation/index.js';

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1_000, '1,000'],
    [1_234_567, '1,234,567'],
    [-1_234_567, '-1,234,567'],
    [1_234.5, '1,235'],
    [-0.4, '0'],
    [1e21, '1,000,000,000,000,000,000,000'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
  ])('%d -> %s', (input, expected) => {
    expect(formatCount(input)).toBe(expected);
  });
});

describe('formatCompact', () => {
  it.each([
    [10_000_000, '10M'],
    [0, '0'],
    [999, '999'],
    [1_234, '1.23K'],
    [1_500, '1.5K'],
    [999_499, '999K'],
    // Rounds before choosing the prefix: never "1000K".
    [999_999, '1M'],
    [2_000_000_000, '2B'],
    [3.5e12, '3.5T'],
    [115.74, '116'],
    [3.858, '3.86'],
    [-2_500, '-2.5K'],
  ])('%d -> %s', (input, expected) => {
    expect(formatCompact(input)).toBe(expected);
  });

  it('takes more significant digits on request', () => {
    expect(formatCompact(1_234_567, 4)).toBe('1.235M');
  });
});

describe('formatBytes', () => {
  it.each([
    [1.2e12, '1.2 TB'],
    [0, '0 B'],
    [500, '500 B'],
    [999, '999 B'],
    [999.5, '1 KB'],
    [1_000, '1 KB'],
    [1_270, '1.27 KB'],
    [1_275_000, '1.28 MB'],
    [10_485_760, '10.5 MB'],
    [2e9, '2 GB'],
    [1e15, '1 PB'],
    [18.25e12, '18.3 TB'],
    [0.5, '0.5 B'],
  ])('%d -> %s', (input, expected) => {
    expect(formatBytes(input)).toBe(expected);
  });
});

describe('bandwidth formatting', () => {
  it('shows bytes and bits per second with SI prefixes', () => {
    expect(formatBytesPerSecond(11_574_074)).toBe('11.6 MB/s');
    expect(formatBitsPerSecond(11_574_074)).toBe('92.6 Mbit/s');
    expect(formatBitsPerSecond(115_740.74)).toBe('926 kbit/s');
    expect(formatBitsPerSecond(125_000_000)).toBe('1 Gbit/s');
    expect(formatBitsPerSecond(0)).toBe('0 bit/s');
  });
});

describe('formatRate', () => {
  it.each([
    [115.74, '116/s'],
    [3.858, '3.9/s'],
    [3, '3/s'],
    [9.94, '9.9/s'],
    // One decimal of 9.96 is 10.0: show it as 10, not as 9.96.
    [9.96, '10/s'],
    [10, '10/s'],
    [1_160, '1,160/s'],
    [1_157.4, '1,160/s'],
    [999_499, '999,000/s'],
    [999_999, '1M/s'],
    [2_314_814, '2.31M/s'],
    [0.1, '0.1/s'],
    [0.04, '0.04/s'],
    [0.000_023_148, '0.000023/s'],
    [0, '0/s'],
  ])('%d -> %s', (input, expected) => {
    expect(formatRate(input)).toBe(expected);
  });
});

describe('formatDuration', () => {
  it.each([
    // 99.9% and 99.99% of a 365-day year.
    [31_536, '8h 45m 36s'],
    [3_153.6, '52m 34s'],
    [4.3, '4.3 s'],
    [30, '30 s'],
    [0.2, '200 ms'],
    [0.000_25, '0.25 ms'],
    [59.94, '59.9 s'],
    // Rounds to 60.0 s, which is a minute.
    [59.96, '1m'],
    [60, '1m'],
    [3_600, '1h'],
    [3_601, '1h 1s'],
    [315_360, '3d 15h 36m'],
    [7_776_000, '90d'],
    [0, '0 s'],
    [-90, '-1m 30s'],
  ])('%d s -> %s', (input, expected) => {
    expect(formatDuration(input)).toBe(expected);
  });
});

describe('formatUsd', () => {
  it.each([
    [1_234.5, '$1,234.50'],
    [0, '$0.00'],
    [0.004, '$0.00'],
    [0.005, '$0.01'],
    [1.005, '$1.01'],
    [1_000_000, '$1,000,000.00'],
    [-42.1, '-$42.10'],
    [-0.001, '$0.00'],
  ])('%d -> %s', (input, expected) => {
    expect(formatUsd(input)).toBe(expected);
  });
});
