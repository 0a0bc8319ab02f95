import { describe, expect, it } from 'vitest';
import {
  composeParallel,
  composeSerial,
  downtime,
  errorBudgetRequestsPerDay,
  formatDuration,
  planServers,
  servers,
} from '../../../src/estimation/index.js';

describe('servers', () => {
  it('divides the peak by usable capacity per server and rounds up', () => {
    expect(servers(2_546, 1_000, 0.7)).toEqual({
      servers: 4,
      powerOfTwo: 4,
      calculation:
        '2,546/s peak / (1,000/s per server x 70% utilisation) = 3.637 -> 4 servers (next power of two: 4)',
    });
  });

  it.each([
    // [peak, per server, utilisation, servers, power of two]
    [300, 100, 1, 3, 4],
    [1_000, 100, 1, 10, 16],
    [1_001, 100, 1, 11, 16],
    [1_000, 100, 0.8, 13, 16],
    [16, 1, 1, 16, 16],
    [17, 1, 1, 17, 32],
    [1, 1_000, 1, 1, 1],
    [0, 1_000, 1, 1, 1],
    // 0.7 x 3 is 2.0999999999999996 in binary; the count must still be 1 per 2.1.
    [2.1, 3, 0.7, 1, 1],
  ])('%d/s at %d/s per server, %d utilisation -> %d (%d)', (peak, perServer, utilisation, count, power) => {
    const result = servers(peak, perServer, utilisation);
    expect(result.servers).toBe(count);
    expect(result.powerOfTwo).toBe(power);
  });

  it('defaults to full utilisation and says "1 server" in the singular', () => {
    expect(servers(500, 1_000).calculation).toBe(
      '500/s peak / (1,000/s per server x 100% utilisation) = 0.5 -> 1 server (next power of two: 1)',
    );
  });

  it.each<[number, number, number, string]>([
    [-1, 100, 1, 'peak QPS must be a finite number of 0 or more, got -1'],
    [Number.NaN, 100, 1, 'peak QPS must be a finite number of 0 or more, got NaN'],
    [100, 0, 1, 'QPS per server must be a finite number above 0, got 0'],
    [100, Number.POSITIVE_INFINITY, 1, 'QPS per server must be a finite number above 0, got Infinity'],
    [100, 10, 0, 'target utilisation must be above 0% and at most 100%, got 0'],
    [100, 10, 1.5, 'target utilisation must be above 0% and at most 100%, got 1.5'],
  ])('rejects peak %d, per server %d, utilisation %d', (peak, perServer, utilisation, message) => {
    expect(planServers(peak, perServer, utilisation)).toEqual({ ok: false, error: message });
    expect(() => servers(peak, perServer, utilisation)).toThrow(new RangeError(`servers(): ${message}`));
  });

  it('planServers returns the same plan as servers for valid numbers', () => {
    expect(planServers(2_546, 1_000, 0.7)).toEqual({ ok: true, value: servers(2_546, 1_000, 0.7) });
  });
});

describe('downtime', () => {
  it('99.9% allows 8h 45m 36s a year', () => {
    const allowed = downtime(0.999);
    expect(allowed).toEqual({
      perYear: 31_536,
      perQuarter: 7_884,
      perMonth: 2_592,
      perWeek: 604.8,
      perDay: 86.4,
    });
    expect(formatDuration(allowed.perYear)).toBe('8h 45m 36s');
    expect(formatDuration(allowed.perMonth)).toBe('43m 12s');
  });

  it('99.99% allows 52m 34s a year and 4m 19s a month', () => {
    const allowed = downtime(0.9999);
    expect(allowed.perYear).toBe(3_153.6);
    expect(formatDuration(allowed.perYear)).toBe('52m 34s');
    expect(formatDuration(allowed.perMonth)).toBe('4m 19s');
    expect(formatDuration(allowed.perDay)).toBe('8.6 s');
  });

  it('100% allows none; 0% allows all of it', () => {
    expect(downtime(1).perYear).toBe(0);
    expect(downtime(0).perQuarter).toBe(7_884_000);
  });
});

describe('errorBudgetRequestsPerDay', () => {
  it('is the unavailable share of the day’s requests', () => {
    expect(errorBudgetRequestsPerDay(0.999, 100_000_000)).toBe(100_000);
    expect(errorBudgetRequestsPerDay(0.9999, 1_000_000)).toBe(100);
    expect(errorBudgetRequestsPerDay(1, 1_000_000)).toBe(0);
  });
});

describe('composing availabilities', () => {
  it('serial components multiply', () => {
    expect(composeSerial([0.999, 0.999])).toBe(0.998001);
    expect(composeSerial([0.99, 0.99, 0.99])).toBe(0.970299);
    expect(composeSerial([])).toBe(1);
  });

  it('parallel replicas fail only together', () => {
    expect(composeParallel([0.99, 0.99])).toBe(0.9999);
    expect(composeParallel([0.9, 0.9, 0.9])).toBe(0.999);
    expect(composeParallel([0.95])).toBe(0.95);
    expect(composeParallel([])).toBe(0);
  });
});
