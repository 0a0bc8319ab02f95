/** Phase 1 of the design protocol: functional and non-functional requirements. */
import { formatBytes } from '../../estimation/index.js';
import { readPercent } from '../../estimation/reader/kinds.js';
import { fail, ok } from '../../lib/result.js';
import type { QuestionSlot } from '../../protocol/types.js';
import {
  isEvasive,
  latencyTargetText,
  parseConsistency,
  parseDurability,
  parseFreshness,
  parseLatencyTarget,
  parseModelSize,
  parseScale,
  parseUseCases,
  pushBackOnConsistency,
  pushBackOnDurability,
  pushBackOnScale,
  pushBackOnUseCases,
} from './requirements.js';
import { nonEmptyText, parseTeamSize, readTeamSize } from '../../protocol/answer-text.js';
import { ML_ONLY, hasContextDocument, isMl, question, single } from './slot-kit.js';

export const REQUIREMENT_SLOTS: QuestionSlot[] = [
  question({
    kind: 'question',
    id: 'requirements.problem',
    phase: 'requirements',
    title: 'Problem statement',
    when: `${ML_ONLY}, unless problem_statement.md or architecture.md is in the working directory`,
    appliesTo: (state) => isMl(state) && !hasContextDocument(state),
    answer: 'text',
    prompt: 'What decision will the model drive, and how will you know it works?',
    help: 'ML infrastructure follows from the problem: the prediction, who acts on it, and the metric that says it helps.',
    example:
      'Block fraudulent card payments before authorisation; success is a 30% cut in chargebacks at under 0.5% false declines.',
    parse: nonEmptyText,
    pushBack: (text) =>
      isEvasive(text) || text.split(/\s+/).length < 8
        ? 'That does not frame a problem yet. Name the prediction, the action taken on it, and the business metric it should move (e.g. "flag likely fraud before authorisation; cut chargebacks 30% with under 0.5% false declines"). Answer the same again to go on without it; the design will carry a red flag.'
        : undefined,
  }),
  question({
    kind: 'question',
    id: 'requirements.functional',
    phase: 'requirements',
    title: 'Functional requirements',
    when: 'always',
    answer: 'list',
    prompt:
      'What must the system do? List the core use cases, one per line: who, given what, gets what, how fast.',
    help: 'Use cases, not features. "A recommendation system" is a wish; "given a user_id, return 10 ranked products within 100 ms" is a requirement.',
    example: 'A user pastes text and gets back a short URL within 200 ms.',
    parse: parseUseCases,
    pushBack: (useCases) => pushBackOnUseCases(useCases),
  }),
  question({
    kind: 'question',
    id: 'requirements.scale',
    phase: 'requirements',
    title: 'Scale and growth',
    when: 'always',
    answer: 'text',
    prompt: 'How many users or requests, and how fast is that growing?',
    help: 'An order of magnitude is enough. It decides whether one server and one database will do.',
    example: '10M daily users, 20% growth a year',
    parse: parseScale,
    pushBack: pushBackOnScale,
  }),
  question({
    kind: 'question',
    id: 'requirements.latency',
    phase: 'requirements',
    title: 'Latency',
    when: 'always',
    answer: 'latency',
    prompt: 'What response time is acceptable, at the median (P50) and the tail (P99)?',
    help: 'The P99 is what one request in a hundred waits; it sets the latency budget the components share.',
    example: 'P50 50ms, P99 200ms',
    parse: parseLatencyTarget,
    readAs: latencyTargetText,
  }),
  question({
    kind: 'question',
    id: 'requirements.availability',
    phase: 'requirements',
    title: 'Availability',
    when: 'always',
    answer: 'percent',
    prompt: 'What availability target? (99.9% allows 8h 45m of downtime a year; 99.99% allows 52m 34s.)',
    help: 'Each extra nine cuts the allowed downtime tenfold and roughly doubles the redundancy you must run.',
    example: '99.9%',
    parse: (raw) => {
      const parsed = readPercent(single(raw));
      if (!parsed.ok) return parsed;
      if (parsed.value.value < 0.9 || parsed.value.value >= 1)
        return fail(`expected a target between 90% and 99.9999%, got "${single(raw)}"`);
      return ok(parsed.value.value);
    },
    readAs: (_value, raw) => {
      const read = readPercent(single(raw));
      return read.ok ? read.value.read : undefined;
    },
  }),
  question({
    kind: 'question',
    id: 'requirements.consistency',
    phase: 'requirements',
    title: 'Consistency',
    when: 'always',
    answer: 'text',
    prompt: 'Can a reader see stale data, and for how long?',
    help: 'Strong consistency needs one place of truth per record; tolerating seconds of staleness allows replicas and caches.',
    example: 'eventual, up to 5 s stale; a user reads their own writes',
    parse: parseConsistency,
    pushBack: pushBackOnConsistency,
  }),
  question({
    kind: 'question',
    id: 'requirements.durability',
    phase: 'requirements',
    title: 'Durability',
    when: 'always',
    answer: 'text',
    prompt: 'Can any acknowledged data be lost? What is the recovery point objective (RPO)?',
    help: 'RPO 0 means synchronous replication before acknowledging a write; minutes allow asynchronous replicas and backups.',
    example: 'no acknowledged paste may be lost, RPO 0',
    parse: parseDurability,
    pushBack: pushBackOnDurability,
  }),
  question({
    kind: 'question',
    id: 'requirements.prediction-freshness',
    phase: 'requirements',
    title: 'Prediction freshness',
    when: ML_ONLY,
    appliesTo: isMl,
    answer: 'duration',
    prompt: 'How stale may a prediction be when it is used? (real-time, minutes, hours, daily)',
    help: 'Predictions that may be hours old can be computed in batch and looked up: far cheaper than serving a model per request.',
    example: 'real-time: scored inside the payment request',
    parse: parseFreshness,
  }),
  question({
    kind: 'question',
    id: 'requirements.model-update',
    phase: 'requirements',
    title: 'Model update frequency',
    when: ML_ONLY,
    appliesTo: isMl,
    answer: 'duration',
    prompt: 'How often must the model be retrained and replaced?',
    help: 'Weekly or slower suits a scheduled training pipeline; hourly or faster needs online learning and much more machinery.',
    example: 'weekly',
    parse: parseFreshness,
  }),
  question({
    kind: 'question',
    id: 'requirements.feature-freshness',
    phase: 'requirements',
    title: 'Feature freshness',
    when: ML_ONLY,
    appliesTo: isMl,
    answer: 'duration',
    prompt:
      'How fresh must the model inputs (features) be: computed per request, streamed within minutes, or from a nightly batch?',
    help: 'Streaming features need a stream processor and an online store; nightly features need only a batch job.',
    example: 'card velocity features within 1 minute; customer profile nightly',
    parse: parseFreshness,
  }),
  question({
    kind: 'question',
    id: 'requirements.model-size',
    phase: 'requirements',
    title: 'Model size',
    when: ML_ONLY,
    appliesTo: isMl,
    answer: 'size',
    prompt:
      'How large is the model in memory? (bytes, or parameters: 7B parameters is about 14 GB in fp16; "not stated" if unknown)',
    help: 'A tree ensemble of 50-500 MB loads in seconds on any CPU server; past about 1 GB, start-up, memory per replica and rollout need a plan (quantisation, distillation, staged loading, GPUs).',
    example: '200 MB',
    optional: { default: 'not stated', note: 'not stated' },
    parse: parseModelSize,
    readAs: (size) =>
      size === undefined ? undefined : (size.derivation ?? `${formatBytes(size.bytes)} in memory`),
  }),
  question({
    kind: 'question',
    id: 'requirements.team',
    phase: 'requirements',
    title: 'Team',
    when: 'always',
    answer: 'count',
    prompt: 'How many engineers will build and run this, on-call included? ("not stated" if unknown)',
    help: 'Every service needs owners for its releases, upgrades and pager; a team of 5-9 owns about 2-5 services well, so the team size caps how many the design should have.',
    example: '6 engineers',
    optional: { default: 'not stated', note: 'not stated' },
    parse: parseTeamSize,
    readAs: (_team, raw) => {
      const read = readTeamSize(raw);
      return read.ok ? read.value?.read : undefined;
    },
  }),
];
