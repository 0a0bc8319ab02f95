// Validation and defaults for an estimate's input. Every failure names the field and what it needs,
// because the message reaches the person who typed the number.
import { fail, ok, type Result } from '../lib/result.js';
import type { DefaultedField, EstimateInput, NormalisedInput, ReadSpec } from './estimate-types.js';
import type { Rate } from './units.js';

export const DEFAULT_PEAK_FACTOR = 2;
export const DEFAULT_REPLICATION = 1;

interface Rule {
  holds: (value: number) => boolean;
  needs: string;
}

const POSITIVE: Rule = {
  holds: (value) => Number.isFinite(value) && value > 0,
  needs: 'a finite number above 0',
};
const NON_NEGATIVE: Rule = {
  holds: (value) => Number.isFinite(value) && value >= 0,
  needs: 'a finite number of 0 or more',
};
const AT_LEAST_ONE: Rule = {
  holds: (value) => Number.isFinite(value) && value >= 1,
  needs: 'a finite number of 1 or more',
};

function problem(field: string, value: number, rule: Rule): string | undefined {
  return rule.holds(value) ? undefined : `${field} must be ${rule.needs}, got ${String(value)}`;
}

function readProblems(reads: ReadSpec): (string | undefined)[] {
  return 'ratio' in reads
    ? [problem('reads.ratio', reads.ratio, NON_NEGATIVE)]
    : [problem('reads.perSecond', reads.perSecond, NON_NEGATIVE)];
}

function isPerUser(rate: ReadSpec): rate is Rate {
  return !('ratio' in rate) && rate.perUser;
}

export function normalise(input: EstimateInput): Result<NormalisedInput> {
  const problems = [
    problem('writes.perSecond', input.writes.perSecond, POSITIVE),
    ...readProblems(input.reads),
    problem('writeSizeBytes', input.writeSizeBytes, POSITIVE),
    input.readSizeBytes === undefined ? undefined : problem('readSizeBytes', input.readSizeBytes, POSITIVE),
    problem('retentionSeconds', input.retentionSeconds, POSITIVE),
    // Below 1 the peak would be lower than the average.
    input.peakFactor === undefined ? undefined : problem('peakFactor', input.peakFactor, AT_LEAST_ONE),
    // Not necessarily whole: erasure coding stores about 1.5 copies.
    input.replication === undefined ? undefined : problem('replication', input.replication, AT_LEAST_ONE),
    input.dailyActiveUsers === undefined
      ? undefined
      : problem('dailyActiveUsers', input.dailyActiveUsers, POSITIVE),
  ].filter((message) => message !== undefined);
  const first = problems[0];
  if (first !== undefined) return fail(first);

  const perUser = [input.writes.perUser && 'writes', isPerUser(input.reads) && 'reads'].filter(
    (name) => name !== false,
  );
  if (perUser.length > 0 && input.dailyActiveUsers === undefined) {
    return fail(
      `${perUser.join(' and ')} are per user, so dailyActiveUsers is needed: give the daily active users (e.g. "10M")`,
    );
  }

  const defaulted: DefaultedField[] = [];
  const withDefault = <T>(field: DefaultedField, given: T | undefined, fallback: T): T => {
    if (given !== undefined) return given;
    defaulted.push(field);
    return fallback;
  };
  return ok({
    ...(input.dailyActiveUsers === undefined ? {} : { dailyActiveUsers: input.dailyActiveUsers }),
    writes: input.writes,
    reads: input.reads,
    writeSizeBytes: input.writeSizeBytes,
    readSizeBytes: withDefault('readSizeBytes', input.readSizeBytes, input.writeSizeBytes),
    retentionSeconds: input.retentionSeconds,
    peakFactor: withDefault('peakFactor', input.peakFactor, DEFAULT_PEAK_FACTOR),
    replication: withDefault('replication', input.replication, DEFAULT_REPLICATION),
    defaulted,
  });
}
