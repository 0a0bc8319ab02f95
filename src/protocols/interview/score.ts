/**
 * Scoring a mock interview against its problem: deterministic, from what the candidate wrote. Each
 * dimension gets 0-4 points from named criteria, with the candidate's own sentences quoted as
 * evidence; the candidate's numbers are checked against the estimation engine's; the verdict
 * depends on the level. Pure: the caller computes the engine's metrics and passes them in.
 */
import type { Metric } from '../../estimation/index.js';
import { formatBytes, formatRate, parseSize } from '../../estimation/index.js';
import type { Dimension, Level, Phase, Problem } from '../../knowledge/problems.js';
import { PHASES } from '../../knowledge/problems.js';
import { CRITERIA, componentConcept, says, type Concept } from './concepts.js';

export { PHASES, type Phase };

export const MAX_POINTS = 4;
/** A candidate's figure within this factor of the engine's counts as right. */
export const TOLERANCE = 2;

export interface ScoreInput {
  readonly problem: Problem;
  readonly level: Level;
  readonly answers: Readonly<Partial<Record<Phase, string>>>;
  /** Phases where the candidate asked for a hint. */
  readonly hints: readonly Phase[];
  /** Whether the candidate asked about the scale before estimating. */
  readonly askedScale: boolean;
  /** The engine's metrics for the problem's scale. */
  readonly expected: readonly Metric[];
  /** Copies of the data in the problem's scale (1 unless it says otherwise). */
  readonly replication?: number;
}

export interface DimensionScore {
  readonly id: Dimension;
  readonly points: number;
  /** What earned the points, and what was missing. */
  readonly criteria: readonly { readonly met: boolean; readonly text: string }[];
  /** The candidate's sentences, verbatim. */
  readonly evidence: readonly string[];
}

export interface NumberCheck {
  readonly kind: 'rate' | 'size';
  readonly said: string;
  readonly metric: string;
  readonly expected: string;
  readonly ratio: number;
  readonly within: boolean;
}

export type Verdict = 'no hire' | 'lean no hire' | 'lean hire' | 'hire';

export interface Review {
  readonly score: number;
  readonly verdict: Verdict;
  readonly dimensions: readonly DimensionScore[];
  readonly missing: readonly { readonly id: string; readonly name: string }[];
  readonly flags: readonly { readonly id: string; readonly message: string }[];
  readonly numbers: readonly NumberCheck[];
  readonly hints: number;
}

/** Score (0-100) from which each verdict starts, by level: a senior is held to a higher bar. */
export const VERDICT_BARS: Readonly<
  Record<Level, readonly [hire: number, leanHire: number, leanNo: number]>
> = {
  mid: [65, 50, 35],
  senior: [72, 58, 42],
  staff: [80, 66, 50],
};

const sentencesOf = (text: string): string[] =>
  text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => sentence.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').trim())
    .filter((sentence) => sentence.length > 0);

/** The first sentences (at most two) that say it, quoted as written. */
function quote(text: string, shows: (sentence: string) => boolean, limit = 2): string[] {
  return sentencesOf(text).filter(shows).slice(0, limit);
}

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

interface Criterion {
  readonly text: string;
  /** What the answer must mean (a concept), or, for figures, the pattern of the figure. */
  readonly concept?: Concept;
  readonly pattern?: RegExp;
  readonly met?: boolean;
}

const shows =
  (criterion: Criterion) =>
  (text: string): boolean =>
    criterion.concept ? says(text, criterion.concept) : (criterion.pattern?.test(text) ?? false);

/** Points are the criteria met; evidence is the sentences that met them. */
function dimension(id: Dimension, answer: string, criteria: readonly Criterion[]): DimensionScore {
  const results = criteria.map((criterion) => ({
    met: criterion.met ?? shows(criterion)(answer),
    text: criterion.text,
  }));
  // Each criterion met is evidenced by the first sentence that shows it; one met without a pattern
  // (a count, a share) by the answer's first sentence.
  const evidence = [
    ...new Set(
      criteria.flatMap((criterion, index) => {
        if (!results[index]?.met) return [];
        return criterion.concept || criterion.pattern
          ? quote(answer, shows(criterion), 1)
          : sentencesOf(answer).slice(0, 1);
      }),
    ),
  ].slice(0, 3);
  return {
    id,
    points: Math.min(MAX_POINTS, results.filter((result) => result.met).length),
    criteria: results,
    evidence,
  };
}

const RATE =
  /(\d[\d,]*(?:\.\d+)?)\s*([kmb])?\s*(?:\/\s?s(?:ec)?\b|qps\b|rps\b|(?:writes|reads|requests|predictions|messages|events|queries|redirects)\s*(?:\/\s?s\b|per second|a second))/gi;
const SIZE = /(\d[\d,]*(?:\.\d+)?)\s*([kmgtp]b)\b/gi;
/** A sentence with a request rate in it, quoted as estimation evidence. */
const RATE_PATTERN_FOR_EVIDENCE = /\d[\d,.]*\s*[kmb]?\s*(?:\/\s?s|qps|rps|per second|a second)/i;
const MULTIPLIER: Readonly<Record<string, number>> = { k: 1e3, m: 1e6, b: 1e9 };

/** Copies a candidate commonly counts storage with; "9 TB with three replicas" is right for 3 TB. */
const COMMON_REPLICATION = 3;

/**
 * Each figure the candidate wrote, against the nearest of the engine's figures of the same unit (a
 * rate against rates, a size against sizes). When the problem's scale keeps one copy, storage is
 * also compared with 3 copies of it, as candidates often count replicas.
 */
export function checkNumbers(answer: string, expected: readonly Metric[], replication = 1): NumberCheck[] {
  const total = expected.find((metric) => metric.id === 'storage_total');
  const copies: Metric[] =
    total && replication === 1
      ? [
          {
            ...total,
            label: `${total.label}, ${String(COMMON_REPLICATION)} copies`,
            value: total.value * COMMON_REPLICATION,
          },
        ]
      : [];
  const pools = {
    rate: expected.filter((metric) => metric.unit === 'per_second' && metric.value > 0),
    size: [...expected, ...copies].filter((metric) => metric.unit === 'bytes' && metric.value > 0),
  };
  const check = (kind: NumberCheck['kind'], said: string, value: number): NumberCheck[] => {
    const found = pools[kind]
      .map((metric) => ({ metric, ratio: Math.max(value, metric.value) / Math.min(value, metric.value) }))
      .sort((a, b) => a.ratio - b.ratio)[0];
    return found
      ? [
          {
            kind,
            said: said.trim(),
            metric: found.metric.label,
            expected: (kind === 'rate' ? formatRate : formatBytes)(found.metric.value),
            ratio: found.ratio,
            within: found.ratio <= TOLERANCE,
          },
        ]
      : [];
  };
  const rates = [...answer.matchAll(RATE)].flatMap((match) => {
    const value =
      Number((match[1] ?? '').replace(/,/g, '')) * (MULTIPLIER[(match[2] ?? '').toLowerCase()] ?? 1);
    return value > 0 ? check('rate', match[0], value) : [];
  });
  const sizes = [...answer.matchAll(SIZE)].flatMap((match) => {
    const parsed = parseSize(`${(match[1] ?? '').replace(/,/g, '')}${match[2] ?? ''}`);
    // Sizes under 1 MB are record sizes, not storage estimates.
    return parsed.ok && parsed.value >= 1e6 ? check('size', match[0], parsed.value) : [];
  });
  const checks: NumberCheck[] = [...rates, ...sizes];
  return checks;
}

export function scoreInterview(input: ScoreInput): Review {
  const { problem, answers } = input;
  const answer = (phase: Phase): string => answers[phase] ?? '';
  const all = PHASES.map(answer).join('\n');
  const numbers = checkNumbers(answer('estimation'), input.expected, input.replication);
  const concepts = new Map(
    problem.components.map((component) => [component, componentConcept(component.keywords)]),
  );
  const named = (text: string) =>
    problem.components.filter((component) => {
      const concept = concepts.get(component);
      return concept !== undefined && says(text, concept);
    });
  const covered = named(all);
  const highLevelCovered = named(answer('high-level'));
  const share = problem.components.length > 0 ? highLevelCovered.length / problem.components.length : 0;
  const rates = numbers.filter((check) => check.kind === 'rate');
  const sizes = numbers.filter((check) => check.kind === 'size');

  const dimensions: DimensionScore[] = [
    dimension('requirements', answer('requirements'), [
      {
        text: 'states what the system must do (at least two behaviours)',
        met: sentencesOf(answer('requirements')).length >= 2,
      },
      {
        text: 'names non-functional requirements (latency, availability, consistency, durability)',
        concept: CRITERIA['non-functional'],
      },
      { text: 'asks for the scale instead of assuming it', met: input.askedScale, pattern: /\?/ },
      {
        text: 'sets scope: what is out, or what to clarify (expiry, abuse, analytics, ...)',
        concept: CRITERIA['scope'],
      },
    ]),
    dimension('estimation', answer('estimation'), [
      { text: 'puts numbers on traffic and storage', met: numbers.length > 0, pattern: /\d/ },
      {
        text: `a request rate within ${String(TOLERANCE)}x of the engine's`,
        met: rates.some((check) => check.within),
        pattern: RATE_PATTERN_FOR_EVIDENCE,
      },
      {
        text: `a storage figure within ${String(TOLERANCE)}x of the engine's`,
        met: sizes.some((check) => check.within),
        pattern: /\b\d[\d,.]*\s*[gtp]b\b/i,
      },
      { text: 'plans for the peak, not the average', concept: CRITERIA['peak'] },
    ]),
    dimension('high-level', answer('high-level'), [
      {
        text: 'names at least 40% of the components a good answer has',
        met: share >= 0.4,
        concept: componentConcept(problem.components.flatMap((component) => component.keywords)),
      },
      { text: 'names at least 60% of them', met: share >= 0.6 },
      { text: 'names at least 80% of them', met: share >= 0.8 },
      {
        text: 'follows a request through the components (the data flow)',
        concept: CRITERIA['flow'],
      },
    ]),
    dimension('deep-dive', answer('deep-dive'), [
      {
        text: 'a data model (keys, tables, indexes, partitioning)',
        concept: CRITERIA['data-model'],
      },
      {
        text: 'an algorithm or mechanism, not only boxes',
        concept: CRITERIA['algorithm'],
      },
      {
        text: 'how it scales (10x, shards, replicas)',
        concept: CRITERIA['scaling'],
      },
      {
        text: 'how it fails and recovers',
        concept: CRITERIA['failure'],
      },
    ]),
    dimension('tradeoffs', answer('tradeoffs'), [
      {
        text: 'names an alternative',
        concept: CRITERIA['alternative'],
      },
      { text: 'gives the reason for the choice', concept: CRITERIA['reason'] },
      {
        text: 'says what the choice costs',
        concept: CRITERIA['cost'],
      },
      {
        text: 'says when the alternative would win',
        concept: CRITERIA['when-else'],
      },
    ]),
    dimension('operations', answer('operations'), [
      {
        text: 'SLOs or golden signals with numbers',
        concept: CRITERIA['slo'],
      },
      {
        text: 'monitoring and alerting',
        concept: CRITERIA['monitoring'],
      },
      {
        text: 'failure modes and graceful degradation',
        concept: CRITERIA['failure'],
      },
      {
        text: 'safe deployment and rollback',
        concept: CRITERIA['deploy'],
      },
    ]),
    dimension('communication', all, [
      { text: 'answers every phase', met: PHASES.every((phase) => words(answer(phase)) >= 8) },
      { text: 'structures answers (lists, steps, numbers)', pattern: /(?:^|\n)\s*(?:[-*]|\d+[.)])\s+\S|;\s/ },
      { text: 'asks clarifying questions', pattern: /\?/ },
      { text: 'needed at most one hint', met: input.hints.length <= 1 },
    ]),
  ];

  const flags = [
    ...(numbers.length === 0
      ? [
          {
            id: 'skipped-estimation',
            message:
              'No numbers in the estimation: the design cannot be sized, so every later choice is a guess.',
          },
        ]
      : []),
    ...(/\bmicro-?services?\b/i.test(answer('high-level')) && !/\bteam\w*\b/i.test(answer('high-level'))
      ? [
          {
            id: 'microservices-day-one',
            message:
              'Microservices from the start, with no team or scaling reason given: a monolith split later is cheaper than a distributed system nobody needed.',
          },
        ]
      : []),
    // Fires only when no failure was described anywhere: "if redis dies reads fall to dynamo" is one.
    ...(!says(all, CRITERIA.failure)
      ? [
          {
            id: 'ignored-failure-modes',
            message:
              'No failure mode anywhere in the answers: what happens when the datastore or a dependency is down was never said.',
          },
        ]
      : []),
    ...(!input.askedScale
      ? [
          {
            id: 'assumed-scale',
            message: 'The scale was never asked for: the candidate designed for numbers they assumed.',
          },
        ]
      : []),
  ];

  const points = dimensions.reduce((total, item) => total + item.points, 0);
  const score = Math.round((points / (dimensions.length * MAX_POINTS)) * 100);
  return {
    score,
    verdict: verdictFor(score, input.level),
    dimensions,
    missing: problem.components
      .filter((component) => !covered.includes(component))
      .map(({ id, name }) => ({ id, name })),
    flags,
    numbers,
    hints: input.hints.length,
  };
}

export function verdictFor(score: number, level: Level): Verdict {
  const [hire, leanHire, leanNo] = VERDICT_BARS[level];
  if (score >= hire) return 'hire';
  if (score >= leanHire) return 'lean hire';
  if (score >= leanNo) return 'lean no hire';
  return 'no hire';
}
