/** Phase 2 of the design protocol: the inputs of the estimation engine, then the numbers. */
import { estimate, type Estimate } from '../../estimation/index.js';
import {
  readCount,
  readDuration,
  readFactor,
  readRate,
  readRatio,
  readSize,
} from '../../estimation/reader/kinds.js';
import { valueOf, type Reading } from '../../estimation/reader/read.js';
import { fail, ok, type Result } from '../../lib/result.js';
import { askAgain } from '../../protocol/machine.js';
import type {
  AnswerProblem,
  DeriveStep,
  QuestionSlot,
  RawAnswer,
  SessionState,
} from '../../protocol/types.js';
import { estimateInputFrom } from './estimate-input.js';
import { peakDisagreement } from './peak-check.js';
import { designAnswers } from './model.js';
import { question, single } from './slot-kit.js';

const positive =
  (label: string, example: string) =>
  (raw: RawAnswer): Result<number> => {
    const parsed = valueOf(readCount(single(raw)));
    if (!parsed.ok) return parsed;
    return parsed.value > 0 ? parsed : fail(`expected ${label} above zero, e.g. "${example}"`);
  };

export interface ReadSpec {
  readonly ratio?: number;
  readonly perSecond?: number;
  readonly perUser?: boolean;
  /** The rate was given as its peak ("20K/s at peak"). */
  readonly peak?: true;
}

/** "3" or "3x", from 1 to `max` (whole numbers only when `whole`). */
const multiplier =
  (max: number, whole: boolean, expected: string) =>
  (raw: RawAnswer): Result<number> => {
    const read = readFactor(single(raw));
    const value = read.ok ? read.value.value : Number.NaN;
    return (whole ? Number.isInteger(value) : Number.isFinite(value)) && value >= 1 && value <= max
      ? ok(value)
      : fail(`expected ${expected}, got "${single(raw)}"`);
  };

/** The reads answer: a ratio ("10:1", "3:1 i guess") or a rate ("1B/day", "20K/s at peak"). */
export function readReads(text: string): Result<Reading<ReadSpec>> {
  const rate = readRate(text);
  if (rate.ok) {
    const { perSecond, perUser, peak } = rate.value.value;
    return ok({ value: { perSecond, perUser, ...(peak ? { peak } : {}) }, read: rate.value.read });
  }
  const ratio = readRatio(text);
  if (ratio.ok) return ok({ value: { ratio: ratio.value.value }, read: ratio.value.read });
  if (!rate.error.startsWith('expected')) return rate;
  return ratio.error.startsWith('expected')
    ? fail(`expected a ratio like "10:1" or a rate like "1B/day", got "${text}"`)
    : ratio;
}

/** How a reader read the answer, for the slot's "Read as:" line. */
const readingOf =
  (reader: (text: string) => Result<Reading<unknown>>) =>
  (_value: unknown, raw: RawAnswer): string | undefined => {
    const read = reader(single(raw));
    return read.ok ? read.value.read : undefined;
  };

/** The numbers: the estimation engine's, from the answers above. */
export function estimateOf(state: SessionState): Result<Estimate, AnswerProblem> {
  const input = estimateInputFrom(designAnswers(state));
  if (!input) throw new Error('estimation inputs are incomplete');
  if (
    (input.writes.perUser || ('perUser' in input.reads && input.reads.perUser)) &&
    input.dailyActiveUsers === undefined
  )
    return askAgain(
      'estimation.users',
      'a rate is given per user, so the number of daily active users is needed (e.g. "10M")',
    );
  const result = estimate(input);
  if (!result.ok) return askAgain('estimation.writes', result.error);
  // The readers cap every figure; inputs that still overflow together are refused, not printed as Infinity.
  const overflow = result.value.metrics.find((metric) => !Number.isFinite(metric.value));
  if (overflow)
    return askAgain(
      'estimation.writes',
      `too large: ${overflow.label} overflows (${String(overflow.value)})`,
    );
  const disagreement = peakDisagreement(state, result.value);
  return disagreement
    ? {
        ok: false,
        error: {
          question: 'estimation.peak-factor',
          message: disagreement.message,
          soft: { value: result.value },
        },
      }
    : result;
}

export const ESTIMATION_STEPS: (QuestionSlot | DeriveStep)[] = [
  question({
    kind: 'question',
    id: 'estimation.users',
    phase: 'estimation',
    title: 'Daily active users',
    when: 'always (optional)',
    answer: 'count',
    prompt: 'How many daily active users? (needed when rates are per user; answer "none" to skip)',
    help: 'Estimation starts from users or events per day, then converts to per second.',
    example: '10M',
    optional: { default: 'none', note: 'not given: rates must be absolute' },
    parse: (raw) => (/^none$/i.test(single(raw)) ? ok(undefined) : positive('a user count', '10M')(raw)),
    readAs: (value, raw) => (value === undefined ? undefined : readingOf(readCount)(value, raw)),
  }),
  question({
    kind: 'question',
    id: 'estimation.writes',
    phase: 'estimation',
    title: 'Write rate',
    when: 'always',
    answer: 'rate',
    prompt: 'How many writes (new records, events, uploads), with their period or per user?',
    help: 'A rate with its period: "10M/month", "500/s", or "2/day per user". Divide by 86,400 s/day for an average per second.',
    example: '10M/day',
    parse: (raw) => valueOf(readRate(single(raw))),
    readAs: readingOf(readRate),
  }),
  question({
    kind: 'question',
    id: 'estimation.reads',
    phase: 'estimation',
    title: 'Read rate',
    when: 'always',
    answer: 'rate-or-ratio',
    prompt: 'How many reads: a read:write ratio ("10:1") or a rate ("1B/day", "20/day per user")?',
    help: 'Read-heavy systems (10:1 and above) are where caches and replicas pay off.',
    example: '10:1',
    parse: (raw): Result<ReadSpec> => valueOf(readReads(single(raw))),
    readAs: readingOf(readReads),
  }),
  question({
    kind: 'question',
    id: 'estimation.write-size',
    phase: 'estimation',
    title: 'Write size',
    when: 'always',
    answer: 'size',
    prompt: 'How large is one write on average (record plus metadata)?',
    help: 'SI units: 1 KB = 1,000 B. Write KiB for 1,024.',
    example: '1KB',
    parse: (raw) => valueOf(readSize(single(raw))),
    readAs: readingOf(readSize),
  }),
  question({
    kind: 'question',
    id: 'estimation.read-size',
    phase: 'estimation',
    title: 'Read size',
    when: 'always (optional)',
    answer: 'size',
    prompt: 'How large is one read response? (defaults to the write size)',
    help: 'A feed page or a search result can be much larger than one record.',
    example: '10KB',
    optional: { default: 'same as write', note: 'the write size' },
    parse: (raw) => (/^same/i.test(single(raw)) ? ok(undefined) : valueOf(readSize(single(raw)))),
    readAs: (value, raw) => (value === undefined ? undefined : readingOf(readSize)(value, raw)),
  }),
  question({
    kind: 'question',
    id: 'estimation.retention',
    phase: 'estimation',
    title: 'Retention',
    when: 'always',
    answer: 'duration',
    prompt: 'How long is data kept?',
    help: 'Storage = writes per day x size x days kept. A month is 30 days and a year 365.',
    example: '5y',
    parse: (raw) => valueOf(readDuration(single(raw))),
    readAs: readingOf(readDuration),
  }),
  question({
    kind: 'question',
    id: 'estimation.peak-factor',
    phase: 'estimation',
    title: 'Peak factor',
    when: 'always (optional)',
    answer: 'number',
    prompt: 'How much higher is the busiest hour than the average? (default 2; consumer traffic often 2-5)',
    help: 'Capacity is planned for the peak, not the average.',
    example: '3',
    optional: { default: '2', note: 'default 2' },
    parse: multiplier(50, false, 'a factor between 1 and 50, e.g. "3"'),
    readAs: (value) => `peak = average x ${value}`,
  }),
  question({
    kind: 'question',
    id: 'estimation.replication',
    phase: 'estimation',
    title: 'Replication factor',
    when: 'always (optional)',
    answer: 'number',
    prompt: 'How many copies of the data are stored? (default 1; 3 is typical for durable storage)',
    help: 'Storage is multiplied by the number of copies.',
    example: '3',
    optional: { default: '1', note: 'default 1' },
    parse: multiplier(10, true, 'a whole number of copies between 1 and 10'),
    readAs: (value) => `${value} cop${value === 1 ? 'y' : 'ies'} of each write`,
  }),
  {
    kind: 'derive',
    id: 'estimation.numbers',
    phase: 'estimation',
    title: 'Back-of-envelope numbers',
    when: 'always',
    derive: estimateOf,
  },
];
