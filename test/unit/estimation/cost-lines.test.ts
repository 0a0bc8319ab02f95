// The design's own bill lines, priced by the engine: each calculation ends with its figure, and a
// month is 720 hours (30 days), the same constant the engine's compute cost uses.
import { describe, expect, it } from 'vitest';
import { diskCostPerMonth, HOURS_PER_MONTH, nodeCostPerMonth } from '../../../src/estimation/index.js';

describe('cost lines', () => {
  it('bills a month as 30 days of hours', () => {
    expect(HOURS_PER_MONTH).toBe(720);
  });

  it('prices disks for every copy of the data by the GB-month (SI gigabytes)', () => {
    expect(diskCostPerMonth(1e12, 3, 0.08)).toEqual({
      usd: 240,
      calculation: '3,000 GB (3 copies) x $0.08/GB-month = $240.00/month',
      result: '$240',
    });
  });

  it('prices nodes by the hour for a month, marking a rounded figure', () => {
    const line = nodeCostPerMonth(4, 0.437);
    expect(line.usd).toBeCloseTo(1_258.56, 6);
    expect(line.calculation).toBe('4 nodes x $0.437/hour x 720 hours/month = $1,258.56/month');
    expect(line.result).toBe('~$1,260');
  });
});
