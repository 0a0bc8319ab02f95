// The shared shape and wording of tier sizing (tiers.ts, tiers-ml.ts): each figure carries its
// calculation, and each count of units says how it was rounded, so a reader can redo it by hand.
import { calcBytes, calcCompact, calcNumber } from './calc-text.js';
import { formatCount, formatPercent } from './format.js';
import { clean, decimalText } from './numbers.js';
import type { Bytes, Fraction } from './units.js';

/** Units of one tier at 1x (hosts, GPUs, brokers, nodes, workers, shards, instances, replicas). */
export interface TierSize {
  readonly count: number;
  /** Singular: 'host', 'GPU', 'broker', 'node', 'worker', 'shard', 'instance', 'replica'. */
  readonly unit: string;
  /** Show-your-work, ending with "= N units". */
  readonly calculation: string;
  /** "667 hosts". */
  readonly result: string;
  /** Memory or storage the tier must hold, when it is sized by bytes. */
  readonly bytes?: Bytes;
}

/** An intermediate figure (bytes of weights, a required rate, hours), with its own calculation. */
export interface Figure {
  readonly value: number;
  /** Show-your-work, ending with the figure. */
  readonly calculation: string;
  /** The figure as the calculation ends: "26 GB", "3,472/s". */
  readonly result: string;
}

/** "1 host", "667 hosts": counts are whole and exact, so they carry no "~". */
export function unitsText(count: number, unit: string): string {
  return `${formatCount(count)} ${unit}${count === 1 ? '' : 's'}`;
}

/** "1 copy", "3 copies". */
export function copiesText(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'copy' : 'copies'}`;
}

/** A count of things in a calculation: digits below a million ("100,000"), compact above ("40M"). */
export function calcQuantity(value: number): string {
  return Math.abs(value) < 1_000_000 ? calcNumber(value) : calcCompact(value);
}

/**
 * A ratio about to be rounded up: one decimal from 1,000 up ("1,642.5", where 4 significant digits
 * would show "1,643" and hide that it was rounded), 4 significant digits below ("3.47", "0.7339").
 */
export function calcRatio(value: number): string {
  return Math.abs(value) >= 1_000 ? decimalText(value, 1) : calcNumber(value);
}

/** "60% target utilisation". */
export function utilisationText(utilisation: Fraction): string {
  return `${formatPercent(utilisation)} target utilisation`;
}

export function bytesFigure(bytes: Bytes, factors: string): Figure {
  const result = calcBytes(bytes);
  return { value: bytes, calculation: `${factors} = ${result}`, result };
}

/** "3.47, rounded up = 4", or "3" when the ratio is already whole. */
export function roundUpText(exact: number): { value: number; text: string } {
  const value = Math.ceil(exact);
  return {
    value,
    text: value === exact ? calcRatio(exact) : `${calcRatio(exact)}, rounded up = ${formatCount(value)}`,
  };
}

/**
 * `expression` is the arithmetic that gave `exact`; the count is ceil(exact), never below
 * `minimum`: "... = 666.7, rounded up = 667 hosts", "... = 0.0006667, rounded up = 1, at least 2 =
 * 2 hosts", "... = 40 partitions".
 */
export function tierOf(
  expression: string,
  rawExact: number,
  minimum: number,
  unit: string,
  bytes?: Bytes,
): TierSize {
  // clean() first, so that 300 / (500 x 0.6) cannot become 1.0000000000000002 and round up to 2.
  const exact = clean(rawExact);
  const up = roundUpText(exact);
  const count = Math.max(minimum, up.value);
  const result = unitsText(count, unit);
  const steps =
    count > up.value
      ? ` = ${up.text}, at least ${formatCount(minimum)} = ${result}`
      : up.value === exact
        ? ` = ${result}`
        : ` = ${calcRatio(exact)}, rounded up = ${result}`;
  return {
    count,
    unit,
    calculation: `${expression}${steps}`,
    result,
    ...(bytes === undefined ? {} : { bytes }),
  };
}

/** A count already decided (a product of other counts), as a TierSize. */
export function tierProduct(expression: string, count: number, unit: string, bytes?: Bytes): TierSize {
  const result = unitsText(count, unit);
  return {
    count,
    unit,
    calculation: `${expression} = ${result}`,
    result,
    ...(bytes === undefined ? {} : { bytes }),
  };
}

/**
 * Sizing inputs come from the engine and the dated tables, which the program already trusts: a
 * value out of range is a bug in the caller, so it throws a RangeError naming the input.
 */
export function requireInputs(
  where: string,
  checks: Readonly<Record<string, readonly [number, InputKind]>>,
): void {
  for (const [name, [value, kind]] of Object.entries(checks)) {
    const [fine, expected] = INPUT_KINDS[kind];
    if (!fine(value)) throw new RangeError(`${where}(): ${name} must be ${expected}, got ${String(value)}`);
  }
}

type InputKind = 'load' | 'capacity' | 'fraction' | 'share' | 'count' | 'copies';

const INPUT_KINDS: Readonly<Record<InputKind, readonly [(value: number) => boolean, string]>> = {
  load: [(value) => Number.isFinite(value) && value >= 0, 'a finite number of 0 or more'],
  capacity: [(value) => Number.isFinite(value) && value > 0, 'a finite number above 0'],
  fraction: [(value) => value > 0 && value <= 1, 'a fraction above 0 and at most 1'],
  share: [(value) => value >= 0 && value <= 1, 'a fraction from 0 to 1'],
  count: [(value) => Number.isInteger(value) && value >= 0, 'a whole number of 0 or more'],
  copies: [(value) => Number.isInteger(value) && value >= 1, 'a whole number of 1 or more'],
};
