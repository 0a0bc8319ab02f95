/**
 * The reader, as engineers type answers: one table per kind, each row the answer as written, the
 * value in base units (1/s, B, s, fractions) and how it is read back, or the refusal it gets.
 * Every phrase quoted in issue 14 is here.
 */
import { describe, expect, it } from 'vitest';
import {
  readCount,
  readDuration,
  readLatency,
  readPercent,
  readRate,
  readRatio,
  readSize,
} from '../../src/estimation/reader/kinds.js';
import type { Reading } from '../../src/estimation/reader/read.js';
import type { Result } from '../../src/lib/result.js';
import { readTeamSize } from '../../src/protocol/answer-text.js';
import { latencyTargetText, parseLatencyTarget } from '../../src/protocols/design/requirements.js';
import { readReads } from '../../src/protocols/design/estimation-slots.js';

type Row = readonly [answer: string, value: number, read: string];

function reading<T>(result: Result<Reading<T>>): Reading<T> {
  if (!result.ok) throw new Error(`expected a reading, got: ${result.error}`);
  return result.value;
}
function refusal<T>(result: Result<T>): string {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.error;
}

const COUNTS: Row[] = [
  ['500M DAU', 500_000_000, '500,000,000 DAU'],
  ['around 2M', 2_000_000, '2,000,000'],
  ['~10M', 10_000_000, '10,000,000'],
  ['≈ 3M', 3_000_000, '3,000,000'],
  ['about 50k users', 50_000, '50,000 users'],
  ['roughly 1.5M MAU', 1_500_000, '1,500,000 MAU'],
  ['approx. 200', 200, '200'],
  ['half a million', 500_000, '500,000'],
  ['a million users', 1_000_000, '1,000,000 users'],
  ['two hundred thousand', 200_000, '200,000'],
  ['twenty', 20, '20'],
  ['3 million daily active users', 3_000_000, '3,000,000 daily active users'],
  ['2.5M', 2_500_000, '2,500,000'],
  ['5k', 5_000, '5,000'],
  ['1bn', 1_000_000_000, '1,000,000,000'],
  ['10M (mostly EU)', 10_000_000, "10,000,000; the note '(mostly EU)' kept as context"],
  ['maybe 100k, growing fast', 100_000, "100,000; the note 'growing fast' kept as context"],
  ['5Mish', 5_000_000, '5,000,000'],
  ['1,000', 1_000, '1,000'],
  ['one and a half million', 1_500_000, '1,500,000'],
  ['we have 40k customers', 40_000, '40,000 customers'],
];

const RATES: [answer: string, perSecond: number, read: string, flags?: { perUser?: true; peak?: true }][] = [
  ['~5k rps at peak', 5_000, '5,000/s, a peak: the average is derived from it', { peak: true }],
  ['20K/s at peak', 20_000, '20,000/s, a peak: the average is derived from it', { peak: true }],
  ['peak 20k/s', 20_000, '20,000/s, a peak: the average is derived from it', { peak: true }],
  ['peak of 1,200 QPS', 1_200, '1,200/s, a peak: the average is derived from it', { peak: true }],
  ['5k/s', 5_000, '5,000/s'],
  ['~5k/s', 5_000, '5,000/s'],
  ['10M/day', 10_000_000 / 86_400, '10M/day = 116/s'],
  ['about 10M writes/day', 10_000_000 / 86_400, '10M/day = 116/s'],
  ['1,000 QPS', 1_000, '1,000/s'],
  ['300 TPS', 300, '300/s'],
  ['50 req/s', 50, '50/s'],
  ['2k requests per second', 2_000, '2,000/s'],
  ['500M events/day', 500_000_000 / 86_400, '500M/day = 5,790/s'],
  ['2/day per user', 2 / 86_400, '2/day per user = 0.000023/s per user', { perUser: true }],
  ['~20 reads per user per day', 20 / 86_400, '20/day per user = 0.00023/s per user', { perUser: true }],
  ['10M a month', 10_000_000 / 2_592_000, '10M/month = 3.9/s'],
  ['1B/year', 1_000_000_000 / 31_536_000, '1B/year = 31.7/s'],
  ['half a million a day', 500_000 / 86_400, '500K/day = 5.8/s'],
  ['100 writes/s (bursty)', 100, "100/s; the note '(bursty)' kept as context"],
  ['5M daily', 5_000_000 / 86_400, '5M/day = 57.9/s'],
  ['roughly 1.2k rps', 1_200, '1,200/s'],
];

const SIZES: Row[] = [
  ['few hundred bytes, say 300B', 300, "300 B (from 'say 300B')"],
  ['~500 bytes', 500, '500 B'],
  ['about 1KB', 1_000, '1 KB'],
  ['2 KB per event', 2_000, "2 KB; the note 'per event' kept as context"],
  ['≈10MiB', 10_485_760, '10.5 MB'],
  ['1.2 kilobytes', 1_200, '1.2 KB'],
  ['half a megabyte', 500_000, '500 KB'],
  ['roughly 4 KB (JSON)', 4_000, "4 KB; the note '(JSON)' kept as context"],
  ['300 MB gradient-boosted trees', 300_000_000, "300 MB; the note 'gradient-boosted trees' kept as context"],
  ['maybe 2GB', 2_000_000_000, '2 GB'],
  ['~1 TB', 1e12, '1 TB'],
  ['500 bytes i guess', 500, '500 B'],
  ['a few hundred bytes — say 250 bytes', 250, "250 B (from 'say 250 bytes')"],
  ['20 megabytes', 20_000_000, '20 MB'],
];

const DURATIONS: Row[] = [
  ['7 years (audit log)', 7 * 31_536_000, "7 years; the note '(audit log)' kept as context"],
  ['2 years of score history', 2 * 31_536_000, "2 years; the note 'of score history' kept as context"],
  ['indefinitely', 315_360_000, "10 years: 'indefinitely' is read as a 10-year horizon for sizing"],
  ['forever', 315_360_000, "10 years: 'forever' is read as a 10-year horizon for sizing"],
  ['keep everything', 315_360_000, "10 years: 'keep everything' is read as a 10-year horizon for sizing"],
  ['~90 days', 7_776_000, '3 months'],
  ['about 6 months', 15_552_000, '6 months'],
  ['a year', 31_536_000, '1 year'],
  ['one year', 31_536_000, '1 year'],
  ['18 months', 46_656_000, '18 months'],
  ['30d', 2_592_000, '1 month'],
  ['2 weeks', 1_209_600, '2 weeks'],
  ['5y', 157_680_000, '5 years'],
  ['a decade', 315_360_000, '10 years'],
  ['three years, legal hold', 3 * 31_536_000, "3 years; the note 'legal hold' kept as context"],
  ['90 days (GDPR)', 7_776_000, "3 months; the note '(GDPR)' kept as context"],
  ['roughly 1 year', 31_536_000, '1 year'],
  ['12h', 43_200, '12 hours'],
  ['≈ 400 days', 34_560_000, '400 days'],
];

const LATENCIES: Row[] = [
  ['< 100ms', 0.1, '100 ms'],
  ['under 200 ms', 0.2, '200 ms'],
  ['at most 1s', 1, '1 s'],
  ['~50ms', 0.05, '50 ms'],
  ['about 250 us', 0.000_25, '250 ms'.replace('250 ms', '0.25 ms')],
  ['<= 20 ms', 0.02, '20 ms'],
  ['less than 300ms', 0.3, '300 ms'],
  ['within 2 seconds', 2, '2 s'],
  ['max 150ms', 0.15, '150 ms'],
  ['100 milliseconds', 0.1, '100 ms'],
];

const PERCENTS: Row[] = [
  ['four nines', 0.9999, '99.99% (four nines)'],
  ['three nines', 0.999, '99.9% (three nines)'],
  ['five nines', 0.99999, '99.999% (five nines)'],
  ['two nines', 0.99, '99% (two nines)'],
  ['3 nines', 0.999, '99.9% (three nines)'],
  ['three and a half nines', 0.9995, '99.95% (three and a half nines)'],
  ['99.9% (three nines)', 0.999, '99.9% (three nines)'],
  ['99.5% during office hours', 0.995, "99.5%; the note 'during office hours' kept as context"],
  ['99.99% (four nines)', 0.9999, '99.99% (four nines)'],
  ['~99.9%', 0.999, '99.9%'],
  ['99.95', 0.9995, '99.95%'],
  ['99.9% uptime', 0.999, '99.9%'],
  ['99.99 percent', 0.9999, '99.99%'],
  ['about 99.5%', 0.995, '99.5%'],
  ['99.9% (SLA with customers)', 0.999, "99.9%; the note '(SLA with customers)' kept as context"],
  ['four 9s', 0.9999, '99.99% (four nines)'],
];

const RATIOS: Row[] = [
  ['3:1 i guess', 3, '3 reads per write'],
  ['~10:1', 10, '10 reads per write'],
  ['10 to 1', 10, '10 reads per write'],
  ['100:1 (read-heavy)', 100, "100 reads per write; the note '(read-heavy)' kept as context"],
  ['read:write 20:1', 20, '20 reads per write'],
  ['10x', 10, '10 reads per write'],
  ['5 reads per write', 5, '5 reads per write'],
  ['about 1:1', 1, '1 read per write'],
  ['1:10', 0.1, '0.1 reads per write'],
  ['roughly 50:1, mostly feed views', 50, "50 reads per write; the note 'mostly feed views' kept as context"],
];

const TEAMS: Row[] = [
  ['we have 6 engineers', 6, '6 engineers'],
  ['~40 engineers, 5 teams', 40, "40 engineers; the note '5 teams' kept as context"],
  ['3 DS + 1 MLE', 4, '4 engineers (3 DS + 1 MLE)'],
  ['6 engineers', 6, '6 engineers'],
  ['six engineers', 6, '6 engineers'],
  ['a team of 8', 8, '8 engineers'],
  [
    '2 backend + 2 frontend + 1 SRE',
    5,
    '4 engineers'.replace('4 engineers', '5 engineers (2 backend + 2 frontend + 1 SRE)'),
  ],
  ['about 12', 12, '12 engineers'],
  ['1,200 across 150 teams', 1_200, '1,200 engineers'],
  ['4 (2 of them part-time)', 4, "4 engineers; the note '(2 of them part-time)' kept as context"],
  ['3 DS plus 2 MLE', 5, '5 engineers (3 DS + 2 MLE)'],
  ['small team, 4 engineers', 4, "4 engineers; the note 'small team' kept as context"],
];

const LATENCY_TARGETS: [answer: string, target: object, read: string][] = [
  ['p50 ~10ms, p99 < 100ms', { p50: 0.01, p99: 0.1 }, 'P50 10 ms, P99 100 ms'],
  ['P50 50ms, P99 200ms', { p50: 0.05, p99: 0.2 }, 'P50 50 ms, P99 200 ms'],
  ['p99 under 300 ms', { p99: 0.3 }, 'P99 300 ms'],
  ['median 20ms, tail 150ms', { p50: 0.02, p99: 0.15 }, 'P50 20 ms, P99 150 ms'],
  ['10ms p50, 80ms p99', { p50: 0.01, p99: 0.08 }, 'P50 10 ms, P99 80 ms'],
  ['< 100ms', { p99: 0.1 }, 'P99 100 ms'],
  ['~200ms', { p99: 0.2 }, 'P99 200 ms'],
  ['p95 < 250ms', { p99: 0.25 }, 'P99 250 ms'],
  ['sub-second', { p99: 1 }, 'P99 1 s'],
  [
    'n/a - batch, the whole nightly run has to finish in under 4h',
    { deadline: 14_400 },
    'a batch deadline: the run must finish within 4h (no request latency target)',
  ],
  [
    'the nightly run must finish within 4h',
    { deadline: 14_400 },
    'a batch deadline: the run must finish within 4h (no request latency target)',
  ],
  [
    'batch job, done within 6 hours',
    { deadline: 21_600 },
    'a batch deadline: the run must finish within 6h (no request latency target)',
  ],
];

const REFUSALS: [kind: string, answer: string, message: string | RegExp][] = [
  ['size', 'a few hundred bytes', `'a few hundred bytes' is not a size: give a number, e.g. 300 B`],
  ['size', 'few hundred bytes', `'few hundred bytes' is not a size: give a number, e.g. 300 B`],
  ['size', 'several KB', `'several KB' is not a size: give a number, e.g. 300 B`],
  ['count', 'thousands of users', `'thousands of users' is not a count: give a number, e.g. "300" or "2M"`],
  ['count', 'a few million', `'a few million' is not a count: give a number, e.g. "300" or "2M"`],
  ['count', 'lots', /^expected a count like/],
  ['count', '10MB', /^expected a count like/],
  [
    'rate',
    'a few hundred per second',
    `'a few hundred per second' is not a rate: give a number, e.g. "500/s" or "10M/day"`,
  ],
  ['rate', '~5k', /^expected a rate with its period.*got "~5k"$/],
  ['rate', '5/m', /^expected a rate with its period/],
  ['duration', '6m', '"m" is ambiguous in "6m": write "min" for minutes or "month" for months'],
  ['duration', '~6m', '"m" is ambiguous in "~6m": write "min" for minutes or "month" for months'],
  ['duration', 'a few years', `'a few years' is not a duration: give a number, e.g. "90 days" or "5 years"`],
  ['duration', '90', /^expected a duration with its unit/],
  ['latency', '200', /^expected a latency with its unit/],
  ['percent', '99.9% (four nines)', "99.9% and 'four nines' (99.99%) disagree: give one target"],
  ['percent', 'high', /^expected a percentage between 0 and 100/],
  ['percent', '101%', /^expected a percentage between 0 and 100/],
  ['ratio', 'read heavy', /^expected a read:write ratio/],
  ['ratio', '1:0', /^expected a read:write ratio/],
  [
    'team',
    'a few engineers',
    `'a few engineers' is not a number of engineers: give a number, e.g. "6 engineers"`,
  ],
  ['team', 'lots', /^expected a number of engineers between 1 and 10,000/],
  ['latency-target', 'fast', /^expected latency targets like/],
  [
    'latency-target',
    'P50 50ms',
    `'P50 50ms' gives a median but no tail target: add a P99, e.g. "P50 50ms, P99 200ms"`,
  ],
  ['latency-target', 'batch, nightly', /names a batch run but no deadline/],
  ['reads', 'lots of reads', `'lots of reads' is not a rate: give a number, e.g. "500/s" or "10M/day"`],
  ['reads', 'mostly reads', /^expected a ratio like "10:1" or a rate like "1B\/day"/],
];

const REFUSERS: Record<string, (text: string) => Result<unknown>> = {
  size: readSize,
  count: readCount,
  rate: readRate,
  duration: (text) => readDuration(text),
  latency: readLatency,
  percent: readPercent,
  ratio: readRatio,
  team: readTeamSize,
  'latency-target': parseLatencyTarget,
  reads: readReads,
};

describe('the reader, as engineers type', () => {
  it.each(COUNTS)('count %j -> %d, read as %j', (answer, value, read) => {
    expect(reading(readCount(answer))).toEqual({ value, read });
  });

  it.each(RATES)('rate %j -> %d/s, read as %j', (answer, perSecond, read, flags = {}) => {
    const result = reading(readRate(answer));
    expect(result.value.perSecond).toBeCloseTo(perSecond, 9);
    expect(result.value.perUser).toBe(flags.perUser === true);
    expect(result.value.peak).toBe(flags.peak);
    expect(result.read).toBe(read);
  });

  it.each(SIZES)('size %j -> %d B, read as %j', (answer, value, read) => {
    expect(reading(readSize(answer))).toEqual({ value, read });
  });

  it.each(DURATIONS)('duration %j -> %d s, read as %j', (answer, value, read) => {
    expect(reading(readDuration(answer))).toEqual({ value, read });
  });

  it.each(LATENCIES)('latency %j -> %d s, read as %j', (answer, value, read) => {
    expect(reading(readLatency(answer))).toEqual({ value, read });
  });

  it.each(PERCENTS)('percentage %j -> %d, read as %j', (answer, value, read) => {
    expect(reading(readPercent(answer))).toEqual({ value, read });
  });

  it.each(RATIOS)('ratio %j -> %d reads per write, read as %j', (answer, value, read) => {
    expect(reading(readRatio(answer))).toEqual({ value, read });
  });

  it.each(TEAMS)('team %j -> %d engineers, read as %j', (answer, engineers, read) => {
    const result = reading(readTeamSize(answer) as Result<Reading<{ engineers: number }>>);
    expect(result.value.engineers).toBe(engineers);
    expect(result.read).toBe(read);
  });

  it.each(LATENCY_TARGETS)('latency target %j -> %j, read as %j', (answer, target, read) => {
    const result = parseLatencyTarget(answer);
    if (!result.ok) throw new Error(result.error);
    expect(result.value).toEqual(target);
    expect(latencyTargetText(result.value)).toBe(read);
  });

  it.each(REFUSALS)('%s %j is refused: %s', (kind, answer, message) => {
    const refuse = REFUSERS[kind];
    if (!refuse) throw new Error(`no reader for ${kind}`);
    const error = refusal(refuse(answer));
    if (typeof message === 'string') expect(error).toBe(message);
    else expect(error).toMatch(message);
  });

  it('never blames a leading "~": every numeric kind reads it', () => {
    expect(reading(readCount('~10M')).value).toBe(10_000_000);
    expect(reading(readRate('~10M/day')).value.period).toBe('day');
    expect(reading(readSize('~1KB')).value).toBe(1_000);
    expect(reading(readDuration('~5 years')).value).toBe(157_680_000);
    expect(reading(readLatency('~200ms')).value).toBe(0.2);
    expect(reading(readPercent('~99.9%')).value).toBe(0.999);
    expect(reading(readRatio('~10:1')).value).toBe(10);
    expect(
      reading(readTeamSize('~6 engineers') as Result<Reading<{ engineers: number }>>).value.engineers,
    ).toBe(6);
    expect(parseLatencyTarget('~p99 200ms')).toEqual({ ok: true, value: { p99: 0.2 } });
    expect(reading(readReads('~10:1')).value).toEqual({ ratio: 10 });
  });

  it('holds at least 150 answers', () => {
    const rows =
      COUNTS.length +
      RATES.length +
      SIZES.length +
      DURATIONS.length +
      LATENCIES.length +
      PERCENTS.length +
      RATIOS.length +
      TEAMS.length +
      LATENCY_TARGETS.length +
      REFUSALS.length;
    expect(rows).toBeGreaterThanOrEqual(150);
  });
});
