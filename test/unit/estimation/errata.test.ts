// Mistakes that turn up in published back-of-the-envelope estimates (books, blog posts, interview
// write-ups), each pinned by its own test so the engine can never reproduce it. Every test states
// the wrong figure the mistake produces next to the right one under DESIGN.md's conventions (SI
// sizes, a 30-day month, a 365-day year).
import { describe, expect, it } from 'vitest';
import {
  downtime,
  formatBitsPerSecond,
  formatBytes,
  formatBytesPerSecond,
  parseDuration,
  parsePercent,
  parseRate,
  parseSize,
  SECONDS_PER_DAY,
  SECONDS_PER_MONTH,
  SECONDS_PER_YEAR,
  type Metric,
} from '../../../src/estimation/index.js';
import { expectNear, get, run, value } from '../../support/results.js';

describe('published errata the engine must not reproduce', () => {
  it('a retention period counted twice: 3 years of storage is 1,095 x per-day, not that x 3 again', () => {
    // The slip: "N records over 3 years x size x 3 years", where the record count already spans the
    // 3 years. 1M writes/day x 1 KB = 1 GB/day; 3 years = 1,095 days = 1.095 TB, not 3.285 TB.
    const result = run({
      writes: value(parseRate('1M/day')),
      reads: { ratio: 0 },
      writeSizeBytes: value(parseSize('1KB')),
      retentionSeconds: value(parseDuration('3y')),
    });
    const perDay = get(result, 'storage_per_day').value;
    const total = get(result, 'storage_total');
    expect(perDay).toBe(1e9);
    expectNear(total.value, perDay * 1_095);
    expect(total.value).not.toBeCloseTo(perDay * 1_095 * 3, -6);
    expect(total.result).toBe('~1.1 TB');
    expect(total.calculation).toBe('1 GB/day x 1,095 days of retention = 1.095 TB');
    // Over retention is 36.5 months of the monthly figure: neither 36 (12 x 30-day months) nor 108.
    expectNear(total.value / get(result, 'storage_per_month').value, 36.5);
  });

  it('1000 and 1024 mixed in one chain: 10 KB x 1M = 10 GB exactly; 10 KiB x 1M = 10.24 GB', () => {
    const perDay = (writeSize: string): Metric =>
      get(
        run({
          writes: value(parseRate('1M/day')),
          reads: { ratio: 0 },
          writeSizeBytes: value(parseSize(writeSize)),
          retentionSeconds: value(parseDuration('1d')),
        }),
        'storage_per_day',
      );
    // SI all the way: 10 x 1000 B x 1,000,000 = 10,000,000,000 B = 10 GB, not 9.54 GiB nor 10.24 GB.
    expect(perDay('10KB').value).toBe(10_000_000_000);
    expect(perDay('10KB').result).toBe('10 GB');
    // IEC only when written so: 10 x 1024 B x 1,000,000 = 10,240,000,000 B, shown in SI as 10.24 GB.
    expect(perDay('10KiB').value).toBe(10_240_000_000);
    expect(perDay('10KiB').calculation).toContain('= 10.24 GB/day');
    // The mixed chain ("10 KB = 10,240 B", then "/ 1000 for GB") gives 10.24 GB for SI input: not here.
    expect(perDay('10KB').value).not.toBe(10_240_000_000);
    expect(value(parseSize('1GB'))).toBe(1_000_000_000);
    expect(value(parseSize('1GiB'))).toBe(1_073_741_824);
    expect(formatBytes(value(parseSize('1GiB')))).toBe('1.07 GB');
  });

  it('bits confused with bytes: 1.16 MB/s is 9.26 Mbit/s, not 1.16 Mbit/s', () => {
    // 10M writes/day, 10:1 reads, 1 KB: egress = 1,157/s x 1 KB = 1.157 MB/s = 9.259 Mbit/s.
    const egress = get(
      run({
        writes: value(parseRate('10M/day')),
        reads: { ratio: 10 },
        writeSizeBytes: value(parseSize('1KB')),
        retentionSeconds: value(parseDuration('1y')),
      }),
      'egress_bandwidth',
    );
    expectNear(egress.value, 1_157_407.407_407);
    expect(egress.unit).toBe('bytes_per_second');
    expect(formatBytesPerSecond(egress.value)).toBe('1.16 MB/s');
    expect(formatBitsPerSecond(egress.value)).toBe('9.26 Mbit/s');
    expect(egress.result).toContain('9.26 Mbit/s');
    expect(egress.result).not.toContain('1.16 Mbit/s');
    expect(egress.calculation).toContain('x 8 bit/B = 9.259 Mbit/s');
    // And the other way round: a 1 Gbit/s link moves 125 MB/s, not 1 GB/s.
    expect(formatBitsPerSecond(125_000_000)).toBe('1 Gbit/s');
  });

  it('a month of 31 days, or 2.5M s, used silently: a month is 2,592,000 s and says so', () => {
    const monthly = value(parseRate('10M/month'));
    expect(SECONDS_PER_MONTH).toBe(30 * SECONDS_PER_DAY);
    expectNear(monthly.perSecond, 10_000_000 / 2_592_000);
    // 2.5M s/month would give 4/s; a 31-day month (2,678,400 s) 3.733/s; 1/12 of a year 3.805/s.
    expect(monthly.perSecond).not.toBeCloseTo(4, 2);
    expect(monthly.perSecond).not.toBeCloseTo(10_000_000 / 2_678_400, 3);
    expect(monthly.perSecond).not.toBeCloseTo(10_000_000 / (SECONDS_PER_YEAR / 12), 3);
    const result = run({
      writes: monthly,
      reads: { ratio: 0 },
      writeSizeBytes: value(parseSize('1KB')),
      retentionSeconds: value(parseDuration('1y')),
    });
    // The calculation names the convention, and a month of storage is 30 days of it.
    expect(get(result, 'write_qps').calculation).toContain('/ 2,592,000 s/month');
    expect(get(result, 'storage_per_month').calculation).toContain('x 30 days/month');
    expect(result.assumptions).toContain('a month is 30 days and a year is 365 days');
    // Downtime per month: 99.9% allows 43.2 min (30 days), not 44.64 min (31) or 43.8 min (30.44).
    expectNear(downtime(value(parsePercent('99.9%'))).perMonth, 2_592);
    // A duration of a month is 30 days as well; "6m" is refused rather than read as months or minutes.
    expect(value(parseDuration('1month'))).toBe(2_592_000);
    expect(parseDuration('6m').ok).toBe(false);
  });

  it('peak computed from per-day totals without the period conversion: 10M/day x 2 is 231.5/s, not 20M', () => {
    const result = run({
      writes: value(parseRate('10M/day')),
      reads: { ratio: 0 },
      writeSizeBytes: value(parseSize('1KB')),
      retentionSeconds: value(parseDuration('1y')),
      peakFactor: 2,
    });
    const peak = get(result, 'peak_write_qps');
    expectNear(peak.value, (10_000_000 / 86_400) * 2);
    expectNear(peak.value, 231.481_481_481);
    // Not the daily total times the factor, nor that spread over an hour.
    expect(peak.value).toBeLessThan(1_000);
    expect(peak.value).not.toBeCloseTo(20_000_000, -3);
    expect(peak.value).not.toBeCloseTo(20_000_000 / 3_600, 0);
    expect(get(result, 'write_qps').calculation).toBe('10M writes/day / 86,400 s/day = 115.7/s');
    expect(peak.calculation).toBe('115.7/s writes x peak factor 2 = 231.5/s');
  });
});
