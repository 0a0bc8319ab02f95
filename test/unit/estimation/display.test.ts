import { describe, expect, it } from 'vitest';
import {
  displayBandwidth,
  displayBytes,
  displayDuration,
  displayNumber,
  displayRate,
  displayServers,
  displayUsd,
  isRounded,
} from '../../../src/estimation/index.js';

describe('the "~" rule: 3 significant figures, marked exactly when rounding changed the value', () => {
  it.each([
    [30, false],
    [116, false],
    [115.74, true],
    [0.1 + 0.2, false],
    [1_000_000, false],
    [1_234_567, true],
    [0, false],
    // 3 years at 2 PB a month after a chain of 12-digit steps: noise, not rounding.
    [72_999_999_999_817_500, false],
    [0.299_999_999_999_9, false],
    [0.9999, true],
    [Number.NaN, false],
  ])('%d rounded: %s', (value, rounded) => {
    expect(isRounded(value)).toBe(rounded);
  });
});

describe('displayNumber and displayRate', () => {
  it.each([
    [115.740_740_741, '~116/s'],
    [116, '116/s'],
    [1_157.407, '~1,160/s'],
    [1_160, '1,160/s'],
    [3.858_024_69, '~3.86/s'],
    [9.96, '9.96/s'],
    [0.1 + 0.2, '0.3/s'],
    [0.000_023_148, '~0.0000231/s'],
    [999_499, '~999,000/s'],
    [999_999, '~1M/s'],
    [2_314_814, '~2.31M/s'],
    [2_000_000, '2M/s'],
    [0, '0/s'],
  ])('%d -> %s', (value, text) => {
    expect(displayRate(value)).toBe(text);
  });

  it('has no unit of its own', () => {
    expect(displayNumber(110_000)).toBe('110,000');
    expect(displayNumber(109_987)).toBe('~110,000');
  });
});

describe('displayBytes and displayBandwidth', () => {
  it.each([
    [30e9, '30 GB'],
    [18.25e12, '~18.3 TB'],
    [72_999_999_999_817_500, '73 PB'],
    [1_099_511_627_776, '~1.1 TB'],
    [0, '0 B'],
  ])('%d B -> %s', (value, text) => {
    expect(displayBytes(value)).toBe(text);
  });

  it('marks bytes and bits each on their own', () => {
    expect(displayBandwidth(115_740.740_741)).toBe('~116 KB/s (~926 kbit/s)');
    expect(displayBandwidth(125_000_000)).toBe('125 MB/s (1 Gbit/s)');
    // 12.5 KB/s is 3 figures; 100 kbit/s too.
    expect(displayBandwidth(12_500)).toBe('12.5 KB/s (100 kbit/s)');
    // 1.234 MB/s rounds; its 9.872 Mbit/s rounds too.
    expect(displayBandwidth(1_234_000)).toBe('~1.23 MB/s (~9.87 Mbit/s)');
  });
});

describe('displayDuration: one unit, as availability tables print it', () => {
  it.each([
    [31_536, '8.76 h'],
    [3_153.6, '~52.6 min'],
    [315.36, '~5.26 min'],
    [2_592, '43.2 min'],
    [604.8, '~10.1 min'],
    [86.4, '1.44 min'],
    [8.64, '8.64 s'],
    [0.2, '200 ms'],
    [0.000_25, '0.25 ms'],
    [315_360, '3.65 d'],
    [0, '0 s'],
  ])('%d s -> %s', (seconds, text) => {
    expect(displayDuration(seconds)).toBe(text);
  });
});

describe('displayUsd', () => {
  it.each([
    [6.9, '$6.90'],
    [419.75, '~$420'],
    [1_234.5, '~$1,230'],
    [580.608, '~$581'],
    [9, '$9'],
    [0.023, '$0.023'],
    [0.5, '$0.50'],
    [10.06, '~$10.1'],
    [2_314_814, '~$2.31M'],
    [0.1 + 0.2, '$0.30'],
    [0, '$0'],
  ])('%d -> %s', (usd, text) => {
    expect(displayUsd(usd)).toBe(text);
  });
});

describe('displayServers: capacity counts are whole and exact', () => {
  it.each([
    [1, '1 server'],
    [2, '2 servers'],
    [1_024, '1,024 servers'],
  ])('%d -> %s', (count, text) => {
    expect(displayServers(count)).toBe(text);
  });
});
