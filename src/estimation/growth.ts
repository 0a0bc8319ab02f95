// Growth over years, and storage split into a hot and a cold tier over a long retention. A tier at
// a later year is sized by running its sizing function again on grown loads (scaleInputs), so each
// year's count carries its own calculation.
import { calcBytes, calcNumber } from './calc-text.js';
import { calcUsd, storageCostPerMonth, type CostLine } from './cost.js';
import { displayUsd } from './display.js';
import { formatCount, formatPercent } from './format.js';
import { clean } from './numbers.js';
import { requireInputs, type Figure } from './tier-size.js';
import type { Bytes, Fraction, Usd } from './units.js';

export interface GrowthInput {
  /** 0.4 for 40% a year. */
  readonly annualGrowth: Fraction;
  readonly years: number;
}

/** (1 + g)^years: "(1 + 40%)^3 = 2.744". */
export function growthFactor(input: GrowthInput): Figure {
  const { annualGrowth, years } = input;
  requireInputs('growthFactor', { annualGrowth: [annualGrowth, 'load'], years: [years, 'load'] });
  const factor = clean((1 + annualGrowth) ** years);
  const result = calcNumber(factor);
  return {
    value: factor,
    calculation: `(1 + ${formatPercent(annualGrowth)})^${calcNumber(years)} = ${result}`,
    result,
  };
}

type NumericKey<T> = { [K in keyof T]-?: T[K] extends number ? K : never }[keyof T];

/**
 * The same sizing input with the named loads multiplied by `factor` (capacities stay as they are):
 * `connectionGateway(scaleInputs(input, ['concurrentConnections'], growth.value))`.
 */
export function scaleInputs<T extends object>(input: T, loads: readonly NumericKey<T>[], factor: number): T {
  requireInputs('scaleInputs', { factor: [factor, 'load'] });
  const grown = Object.fromEntries(loads.map((key) => [key, clean((input[key] as number) * factor)]));
  return { ...input, ...grown };
}

export interface TieredStorageInput {
  readonly bytesPerDay: Bytes;
  readonly retentionDays: number;
  /** Days kept on the hot tier (block SSD, a database) before moving to the cold tier. */
  readonly hotDays: number;
  readonly hotPricePerGbMonth: Usd;
  readonly coldPricePerGbMonth: Usd;
}

export interface TieredStorage {
  readonly hotBytes: Figure;
  readonly coldBytes: Figure;
  readonly hotCost: CostLine;
  readonly coldCost: CostLine;
  /** Both tiers, once retention is full. */
  readonly totalCost: CostLine;
}

/** Hot holds the newest min(hot days, retention) days; cold holds the rest of the retention. */
export function tieredStorage(input: TieredStorageInput): TieredStorage {
  const { bytesPerDay, retentionDays, hotDays, hotPricePerGbMonth, coldPricePerGbMonth } = input;
  requireInputs('tieredStorage', {
    bytesPerDay: [bytesPerDay, 'load'],
    retentionDays: [retentionDays, 'load'],
    hotDays: [hotDays, 'load'],
    hotPricePerGbMonth: [hotPricePerGbMonth, 'load'],
    coldPricePerGbMonth: [coldPricePerGbMonth, 'load'],
  });
  const hotSpan = Math.min(hotDays, retentionDays);
  const coldSpan = clean(retentionDays - hotSpan);
  const perDay = `${calcBytes(bytesPerDay)}/day`;
  const hot = clean(bytesPerDay * hotSpan);
  const cold = clean(bytesPerDay * coldSpan);
  const hotCost = storageCostPerMonth(hot, hotPricePerGbMonth, 'hot');
  const coldCost = storageCostPerMonth(cold, coldPricePerGbMonth, 'cold');
  const total = clean(hotCost.usd + coldCost.usd);
  return {
    hotBytes: {
      value: hot,
      calculation: `${perDay} x ${calcNumber(hotSpan)} days hot = ${calcBytes(hot)}`,
      result: calcBytes(hot),
    },
    coldBytes: {
      value: cold,
      calculation: `${perDay} x (${formatCount(retentionDays)} - ${calcNumber(hotSpan)}) days cold = ${calcBytes(cold)}`,
      result: calcBytes(cold),
    },
    hotCost,
    coldCost,
    totalCost: {
      usd: total,
      calculation: `${calcUsd(hotCost.usd)} hot + ${calcUsd(coldCost.usd)} cold = ${calcUsd(total)}/month`,
      result: displayUsd(total),
    },
  };
}
