import { describe, expect, it } from 'vitest';
import {
  parseCount,
  parseDuration,
  parseLatency,
  parsePercent,
  parseRate,
  parseRatio,
  parseSize,
} from '../../../src/estimation/index.js';
import { error, value } from '../../support/results.js';

describe('parseCount', () => {
  it.each([
    ['10M', 10_000_000],
    ['10m', 10_000_000],
    ['1.5K', 1_500],
    ['1,000', 1_000],
    ['10_000', 10_000],
    ['1,234,567', 1_234_567],
    ['2B', 2_000_000_000],
    ['2G', 2_000_000_000],
    ['3T', 3_000_000_000_000],
    ['1.1M', 1_100_000],
    [' 10 M ', 10_000_000],
    ['.5K', 500],
    ['0', 0],
    ['42', 42],
  ])('%s -> %d', (text, expected) => {
    expect(value(parseCount(text))).toBe(expected);
  });

  it.each(['lots', '', '10X', '-5', '1,,000', '1,000,', '10MB', '1.2.3'])('rejects %j', (text) => {
    expect(error(parseCount(text))).toBe(
      `expected a count like "10M", "1.5K" or "1,000" (K, M, B or G, T), got ${JSON.stringify(text)}`,
    );
  });
});

describe('parseSize', () => {
  it.each([
    ['1.27KB', 1_270],
    ['500 B', 500],
    ['500', 500],
    ['10MiB', 10_485_760],
    ['2 GB', 2_000_000_000],
    ['1TB', 1_000_000_000_000],
    ['1 KiB', 1_024],
    ['1GiB', 1_073_741_824],
    ['1TiB', 1_099_511_627_776],
    ['1kb', 1_000],
    ['3 bytes', 3],
    ['1PB', 1e15],
  ])('%s -> %d bytes', (text, expected) => {
    expect(value(parseSize(text))).toBe(expected);
  });

  it.each(['lots', '', '10 XB', '-1KB', 'KB', '10K'])('rejects %j', (text) => {
    expect(error(parseSize(text))).toBe(
      `expected a size like "1.2KB" or "10MiB" (SI: KB = 1000 B; IEC: KiB = 1024 B), got ${JSON.stringify(text)}`,
    );
  });
});

describe('parseRate', () => {
  it.each([
    ['10M/month', 10_000_000 / 2_592_000, false, 'month'],
    ['500M/day', 500_000_000 / 86_400, false, 'day'],
    ['1160/s', 1_160, false, 'second'],
    ['1160/sec', 1_160, false, 'second'],
    ['1160 per second', 1_160, false, 'second'],
    ['1160 qps', 1_160, false, 'second'],
    ['5K/min', 5_000 / 60, false, 'minute'],
    ['100/hour', 100 / 3_600, false, 'hour'],
    ['100/h', 100 / 3_600, false, 'hour'],
    ['2/day per user', 2 / 86_400, true, 'day'],
    ['2 per user per day', 2 / 86_400, true, 'day'],
    ['per user 2/d', 2 / 86_400, true, 'day'],
    ['2/user/day', 2 / 86_400, true, 'day'],
    ['10M writes/day', 10_000_000 / 86_400, false, 'day'],
    ['2 reads per user per day', 2 / 86_400, true, 'day'],
    ['1B/year', 1_000_000_000 / 31_536_000, false, 'year'],
    ['1,000/y', 1_000 / 31_536_000, false, 'year'],
  ])('%s', (text, perSecond, perUser, period) => {
    const rate = value(parseRate(text));
    expect(rate.perSecond).toBeCloseTo(perSecond, 12);
    expect(rate.perUser).toBe(perUser);
    expect(rate.period).toBe(period);
  });

  it('10M/month is 3.858/s: a month is 2,592,000 s', () => {
    expect(value(parseRate('10M/month')).perSecond).toBeCloseTo(3.858_024_691_358, 12);
  });

  it.each(['lots', '', '1160', '10M', '5/m', '5/fortnight', '-5/s', '/s', 'per user'])(
    'rejects %j',
    (text) => {
      expect(error(parseRate(text))).toBe(
        `expected a rate with its period like "10M/month", "1160/s" or "2/day per user" (s, min, hour, day, month, year), got ${JSON.stringify(text)}`,
      );
    },
  );

  it('is not fooled by a previous per-user match (no shared regex state)', () => {
    expect(value(parseRate('2/day per user')).perUser).toBe(true);
    expect(value(parseRate('2/day per user')).perUser).toBe(true);
    expect(value(parseRate('2/day')).perUser).toBe(false);
  });
});

describe('parseDuration', () => {
  it.each([
    ['90d', 7_776_000],
    ['6month', 15_552_000],
    ['6 months', 15_552_000],
    ['3y', 94_608_000],
    ['1 year', 31_536_000],
    ['12h', 43_200],
    ['30s', 30],
    ['200ms', 0.2],
    ['2 weeks', 1_209_600],
    ['5 min', 300],
    ['1.5 days', 129_600],
  ])('%s -> %d s', (text, expected) => {
    expect(value(parseDuration(text))).toBe(expected);
  });

  it('refuses to guess whether "m" means minutes or months', () => {
    expect(error(parseDuration('6m'))).toBe(
      '"m" is ambiguous in "6m": write "min" for minutes or "month" for months',
    );
  });

  it('reads "m" and a bare number as minutes where an input is minutes by nature, other units as written', () => {
    expect(value(parseDuration('45m', { minutes: true }))).toBe(2_700);
    expect(value(parseDuration('45', { minutes: true }))).toBe(2_700);
    expect(value(parseDuration('1h', { minutes: true }))).toBe(3_600);
    expect(value(parseDuration('2 months', { minutes: true }))).toBe(5_184_000);
    expect(error(parseDuration('lots', { minutes: true }))).toMatch(/^expected a duration with its unit/);
  });

  it.each(['lots', '', '90', '90 fortnights', '-1d', 'd'])('rejects %j', (text) => {
    expect(error(parseDuration(text))).toBe(
      `expected a duration with its unit like "90d", "6 months", "1 year", "12h" or "200ms", got ${JSON.stringify(text)}`,
    );
  });
});

describe('parsePercent', () => {
  it.each([
    ['99.99%', 0.9999],
    ['99.9', 0.999],
    ['99.999 %', 0.99999],
    ['100%', 1],
    ['0', 0],
    ['50%', 0.5],
  ])('%s -> %d', (text, expected) => {
    expect(value(parsePercent(text))).toBe(expected);
  });

  it.each(['100.01%', '101', '-1%', '-0.5', 'lots', '', '%', '99.9%%'])('rejects %j', (text) => {
    expect(error(parsePercent(text))).toBe(
      `expected a percentage between 0 and 100 like "99.9%" or "99.99", got ${JSON.stringify(text)}`,
    );
  });
});

describe('parseRatio', () => {
  it.each([
    ['10:1', 10],
    ['100:1', 100],
    ['1:1', 1],
    ['1:10', 0.1],
    ['10 : 1', 10],
    ['10', 10],
    ['0:1', 0],
    ['1,000:1', 1_000],
  ])('%s -> %d reads per write', (text, expected) => {
    expect(value(parseRatio(text))).toBe(expected);
  });

  it.each(['1:0', 'lots', '', ':1', '10:', '-1:1', '10:1:1'])('rejects %j', (text) => {
    expect(error(parseRatio(text))).toBe(
      `expected a read:write ratio like "10:1" or "1:1" (the second number above 0), got ${JSON.stringify(text)}`,
    );
  });
});

describe('parseLatency', () => {
  it.each([
    ['200ms', 0.2],
    ['1.5s', 1.5],
    ['250 us', 0.000_25],
    ['250\u00b5s', 0.000_25],
    ['250\u03bcs', 0.000_25],
    ['0.5 sec', 0.5],
  ])('%s -> %d s', (text, expected) => {
    expect(value(parseLatency(text))).toBe(expected);
  });

  it.each(['200', 'fast', '', '2 min', '-1ms'])('rejects %j', (text) => {
    expect(error(parseLatency(text))).toBe(
      `expected a latency with its unit like "200ms" or "1.5s", got ${JSON.stringify(text)}`,
    );
  });
});
