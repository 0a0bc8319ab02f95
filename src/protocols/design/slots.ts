/**
 * The design protocol's questions, decisions and drafts, in the order they are asked. Ids are a
 * public contract: answers files are keyed by them, so an id is never renamed or reused.
 */
import {
  parseCount,
  parsePercent,
  parseRate,
  parseRatio,
  parseSize,
  parseDuration,
  formatDuration,
  downtime,
} from '../../estimation/index.js';
import { fail, ok, type Result } from '../../lib/result.js';
import type {
  Approval,
  DecisionSlot,
  DraftStep,
  QuestionSlot,
  RawAnswer,
  Scope,
  SessionState,
} from '../../protocol/types.js';
import { SCOPES } from '../../protocol/types.js';
import {
  asText,
  isEvasive,
  nonEmptyText,
  parseConsistency,
  parseDurability,
  parseFreshness,
  parseLatencyTarget,
  parseScale,
  parseUseCases,
  pushBackOnConsistency,
  pushBackOnDurability,
  pushBackOnScale,
  pushBackOnUseCases,
} from './requirements.js';

export const DESIGN_PHASES = [
  { id: 'requirements', title: 'Requirements' },
  { id: 'estimation', title: 'Estimation' },
  { id: 'high-level', title: 'High-level design' },
  { id: 'deep-dive', title: 'Deep-dive' },
  { id: 'tradeoffs', title: 'Tradeoffs' },
  { id: 'operations', title: 'Operations' },
] as const;

export type DesignPhaseId = (typeof DESIGN_PHASES)[number]['id'];

const isMl = (state: SessionState): boolean => state.scope !== 'system';
const ML_ONLY = 'ML and hybrid scope';
const hasContextDocument = (state: SessionState): boolean => state.context.length > 0;

const single = (raw: RawAnswer): string => asText(raw);

/** Slots are typed by their parser; the protocol holds them as one list, so the value type is erased here. */
const question = <T>(slot: QuestionSlot<T>): QuestionSlot => slot as unknown as QuestionSlot;
const fromUnit =
  <T>(parser: (text: string) => Result<T>) =>
  (raw: RawAnswer): Result<T> =>
    parser(single(raw));

// ---------------------------------------------------------------------------------------------
// Setup

export const titleSlot: QuestionSlot<string> = {
  kind: 'question',
  id: 'title',
  phase: 'setup',
  title: 'Title',
  when: 'always (answers files: the top-level `title` key)',
  answer: 'text',
  prompt: 'What are we designing? Give it a short title.',
  help: 'The title heads the document, e.g. "Pastebin" or "Real-time fraud scoring".',
  example: 'URL shortener',
  parse: (raw) => {
    const text = asText(raw);
    if (text.length === 0) return fail('expected a short title, e.g. "URL shortener"');
    if (text.length > 80 || /[\r\n]/.test(text))
      return fail('expected a title on one line of at most 80 characters');
    return ok(text);
  },
};

export const scopeSlot: QuestionSlot<Scope> = {
  kind: 'question',
  id: 'scope',
  phase: 'setup',
  title: 'Scope',
  when: 'unless --scope is given (answers files: the top-level `scope` key)',
  answer: 'choice',
  prompt: 'What kind of system is it?',
  help: 'ML and hybrid scope add the ML questions (freshness, model updates) and ML components.',
  example: 'system',
  choices: [
    { value: 'system', label: 'General system (APIs, datastores, services)' },
    { value: 'ml', label: 'ML system (feature store, training, model serving, monitoring)' },
    { value: 'hybrid', label: 'Hybrid (an ML component inside a larger product)' },
  ],
  parse: (raw) => {
    const text = asText(raw).toLowerCase();
    return (SCOPES as readonly string[]).includes(text)
      ? ok(text as Scope)
      : fail(`expected one of ${SCOPES.join(', ')}, got "${asText(raw)}"`);
  },
};

// ---------------------------------------------------------------------------------------------
// Phase 1: requirements

const requirements: QuestionSlot[] = [
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
      const parsed = parsePercent(single(raw));
      if (!parsed.ok) return parsed;
      if (parsed.value < 0.9 || parsed.value >= 1)
        return fail(`expected a target between 90% and 99.9999%, got "${single(raw)}"`);
      return parsed;
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
];

// ---------------------------------------------------------------------------------------------
// Phase 2: estimation

const positive =
  (label: string, example: string) =>
  (raw: RawAnswer): Result<number> => {
    const parsed = parseCount(single(raw));
    if (!parsed.ok) return parsed;
    return parsed.value > 0 ? parsed : fail(`expected ${label} above zero, e.g. "${example}"`);
  };

export interface ReadSpec {
  readonly ratio?: number;
  readonly perSecond?: number;
  readonly perUser?: boolean;
}

const estimation: (QuestionSlot | DraftStep)[] = [
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
    parse: fromUnit(parseRate),
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
    parse: (raw): Result<ReadSpec> => {
      const text = single(raw);
      if (text.includes(':')) {
        const ratio = parseRatio(text);
        return ratio.ok ? ok({ ratio: ratio.value }) : ratio;
      }
      const rate = parseRate(text);
      return rate.ok
        ? ok({ perSecond: rate.value.perSecond, perUser: rate.value.perUser })
        : fail(`expected a ratio like "10:1" or a rate like "1B/day", got "${text}"`);
    },
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
    parse: fromUnit(parseSize),
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
    parse: (raw) => (/^same/i.test(single(raw)) ? ok(undefined) : parseSize(single(raw))),
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
    parse: fromUnit(parseDuration),
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
    parse: (raw) => {
      const value = Number(single(raw).replace(/x$/i, ''));
      return Number.isFinite(value) && value >= 1 && value <= 50
        ? ok(value)
        : fail(`expected a factor between 1 and 50, e.g. "3", got "${single(raw)}"`);
    },
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
    parse: (raw) => {
      const value = Number(single(raw).replace(/x$/i, ''));
      return Number.isInteger(value) && value >= 1 && value <= 10
        ? ok(value)
        : fail(`expected a whole number of copies between 1 and 10, got "${single(raw)}"`);
    },
  }),
  {
    kind: 'draft',
    id: 'estimation.numbers',
    phase: 'estimation',
    title: 'Back-of-envelope numbers',
    when: 'always',
  },
];

// ---------------------------------------------------------------------------------------------
// Phases 3-6: decisions and drafts

const decision = (
  id: string,
  phase: DesignPhaseId,
  title: string,
  prompt: string,
  when = 'always',
  appliesTo?: (state: SessionState) => boolean,
): DecisionSlot => ({
  kind: 'decision',
  id,
  phase,
  title,
  prompt,
  when,
  ...(appliesTo ? { appliesTo } : {}),
});

const draft = (id: string, phase: DesignPhaseId, title: string): DraftStep => ({
  kind: 'draft',
  id,
  phase,
  title,
  when: 'always',
});

const highLevel: (QuestionSlot | DecisionSlot | DraftStep)[] = [
  question({
    kind: 'question',
    id: 'high-level.access-key',
    phase: 'high-level',
    title: 'Access key',
    when: 'always',
    answer: 'text',
    prompt: 'Which key do most reads and writes look up by? (e.g. user_id, short_code, account_id)',
    help: 'The access key becomes the partition key: it decides how data spreads across shards and where hot spots form.',
    example: 'short_code',
    parse: (raw) => {
      const text = asText(raw);
      return /^[A-Za-z_][\w.-]{0,62}$/.test(text)
        ? ok(text)
        : fail(`expected one key name like "user_id", got "${text}"`);
    },
  }),
  decision(
    'high-level.architecture',
    'high-level',
    'Service architecture',
    'How should the application be split into deployable services?',
  ),
  decision(
    'high-level.datastore',
    'high-level',
    'Primary datastore',
    'Where does the system of record live?',
  ),
  decision('high-level.cache', 'high-level', 'Caching', 'Should reads go through a cache?'),
  decision(
    'high-level.write-path',
    'high-level',
    'Write path',
    'Are writes applied synchronously or through a queue?',
  ),
  decision(
    'high-level.serving',
    'high-level',
    'Model serving mode',
    'How are predictions produced: per request, or precomputed in batch?',
    ML_ONLY,
    isMl,
  ),
  decision(
    'high-level.features',
    'high-level',
    'Feature pipeline',
    'Where are model features computed and stored?',
    ML_ONLY,
    isMl,
  ),
  draft('high-level.components', 'high-level', 'Components and data flow'),
];

const deepDive: (DecisionSlot | DraftStep)[] = [
  decision('deep-dive.focus', 'deep-dive', 'Deep-dive focus', 'Which components deserve a deep-dive?'),
  draft('deep-dive.details', 'deep-dive', 'Deep-dives'),
];

const tradeoffs = [
  decision(
    'tradeoffs.consistency',
    'tradeoffs',
    'Consistency versus availability',
    'During a network partition, refuse requests or serve possibly stale data?',
  ),
  draft('tradeoffs.records', 'tradeoffs', 'Tradeoff records'),
];

const operations: (QuestionSlot | DecisionSlot | DraftStep)[] = [
  decision(
    'operations.deployment',
    'operations',
    'Deployment strategy',
    'How are new versions rolled out and rolled back?',
  ),
  question({
    kind: 'question',
    id: 'operations.degradation',
    phase: 'operations',
    title: 'Graceful degradation',
    when: 'always',
    answer: 'text',
    prompt: 'When the most critical dependency fails, what do users get instead of an error?',
    help: 'Every component will fail; decide now what a partial outage looks like: cached results, a default prediction, read-only mode.',
    example: 'serve redirects from the cache and queue new pastes; show a banner that creation is delayed',
    parse: nonEmptyText,
    pushBack: (text) =>
      isEvasive(text) ||
      /\b(?:won'?t|will not|never|doesn'?t|does not) (?:fail|go down|happen)|not (?:needed|a concern)|ignore/i.test(
        text,
      )
        ? 'Every component fails eventually; the question is how badly. Name what users get when the datastore or the model is down (stale cached results, a default prediction, read-only mode, a queued write) and how long that can last. Answer the same again to go on; the design will carry a red flag.'
        : undefined,
  }),
  draft('operations.plan', 'operations', 'Operations plan'),
];

export const DESIGN_STEPS = [
  ...requirements,
  ...estimation,
  ...highLevel,
  ...deepDive,
  ...tradeoffs,
  ...operations,
];

// ---------------------------------------------------------------------------------------------
// Approval

const PHASE_IDS: readonly string[] = DESIGN_PHASES.map((phase) => phase.id);

export const approvalSlot: QuestionSlot<Approval> = {
  kind: 'question',
  id: 'approval',
  phase: 'operations',
  title: 'Approval',
  when: 'after the last phase',
  answer: 'approval',
  prompt: `Write the document? Answer "yes", or name a phase to revise (${PHASE_IDS.join(', ')}).`,
  help: 'Nothing is written before explicit approval.',
  example: 'yes',
  parse: (raw) => {
    const text = asText(raw)
      .toLowerCase()
      .replace(/^revise\s+/, '');
    if (/^(?:y|yes|approve|approved|ok|write)$/.test(text)) return ok({ approved: true });
    if (PHASE_IDS.includes(text)) return ok({ approved: false, revise: text });
    return fail(`expected "yes" or a phase to revise (${PHASE_IDS.join(', ')}), got "${asText(raw)}"`);
  },
};

/** Shown with the availability answer: what the target allows. */
export function downtimeNote(availability: number): string {
  const allowed = downtime(availability);
  return `${(availability * 100).toFixed(4).replace(/0+$/, '').replace(/\.$/, '')}% allows ${formatDuration(allowed.perYear)} of downtime a year, ${formatDuration(allowed.perMonth)} a month.`;
}
