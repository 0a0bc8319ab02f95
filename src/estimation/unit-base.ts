// The unit types and constants every parser and calculation shares. Kept apart from the parsers so
// the reader (src/estimation/reader/) can import them without an import cycle through units.ts.

export type Seconds = number;
export type Bytes = number;
export type PerSecond = number;
export type BytesPerSecond = number;
export type Usd = number;
/** A number between 0 and 1, e.g. availability 0.9999. */
export type Fraction = number;

export const SECONDS_PER_MINUTE: Seconds = 60;
export const SECONDS_PER_HOUR: Seconds = 3_600;
export const SECONDS_PER_DAY: Seconds = 86_400;
export const SECONDS_PER_WEEK: Seconds = 604_800;
export const SECONDS_PER_MONTH: Seconds = 2_592_000;
export const SECONDS_PER_YEAR: Seconds = 31_536_000;

/** SI: 1 GB = 1,000,000,000 B. */
export const BYTES_PER_GB: Bytes = 1e9;

export type RatePeriod = 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';

export const SECONDS_PER_PERIOD: Readonly<Record<RatePeriod, Seconds>> = {
  second: 1,
  minute: SECONDS_PER_MINUTE,
  hour: SECONDS_PER_HOUR,
  day: SECONDS_PER_DAY,
  month: SECONDS_PER_MONTH,
  year: SECONDS_PER_YEAR,
};

export interface Rate {
  perSecond: PerSecond;
  perUser: boolean;
  /** The period the rate was written in, kept so calculations can echo it ("10M/day"). */
  period?: RatePeriod;
  /** Written as the busiest moment ("20K/s at peak"): the engine derives the average from it. */
  peak?: true;
}
