/**
 * Reading requirements as people write them. Each reader is deterministic: it extracts what the
 * estimation and the advice need (numbers, durations, a consistency model) and says what is missing,
 * so the co-pilot can push back on a vague answer with a precise question instead of a generic one.
 */
import {
  formatBytes,
  formatCount,
  parseCount,
  parseDuration,
  parseLatency,
  parseSize,
} from '../../estimation/index.js';
import { fail, ok, type Result } from '../../lib/result.js';
import { NOT_STATED, asText, listItems } from '../../protocol/answer-text.js';
import type { RawAnswer } from '../../protocol/types.js';

type Seconds = number;

/** Answers that mean "I don't know / skip", which are usable but never specific. */
const EVASIVE = /^(?:-\s*)?(?:n\/?a|none|skip|tbd|todo|unknown|don'?t know|not sure|later|\?+|-)\.?$/i;
export const isEvasive = (text: string): boolean => EVASIVE.test(text.trim());

// ---------------------------------------------------------------------------------------------
// Functional requirements: use cases

export function parseUseCases(raw: RawAnswer): Result<string[]> {
  const lines = listItems(raw);
  return lines.length > 0 ? ok(lines) : fail('expected at least one use case, one per line');
}

const ACTOR =
  /\b(?:users?|customers?|clients?|visitors?|readers?|writers?|authors?|admins?|operators?|analysts?|drivers?|riders?|merchants?|sellers?|buyers?|members?|services?|systems?|apps?|applications?|callers?|partners?|devices?|jobs?|teams?|engineers?|moderators?|advertisers?|subscribers?|followers?|candidates?|api consumers?|the (?:\w+ )?(?:service|system|app|team|job))\b/i;
const OUTPUT =
  /\b(?:returns?|gets?|receives?|sees?|shows?|displays?|responds?|lists?|renders?|redirect(?:s|ed)?|notif(?:y|ies|ied)|emits?|produces?|publishes?|sends?|scores?|ranks?|predicts?|recommends?|downloads?|reads?|views?|back|result|response)\b/i;
const LATENCY =
  /\b\d+(?:\.\d+)?\s*(?:ms|milliseconds?|s|sec|seconds?|minutes?|min|hours?|h)\b|\breal[- ]?time\b|\bwithin\b/i;

/** What a single use case is missing: an actor, an output, a latency. */
export function useCaseGaps(useCase: string): string[] {
  const gaps: string[] = [];
  if (!ACTOR.test(useCase)) gaps.push('who does it (an actor)');
  if (!OUTPUT.test(useCase)) gaps.push('what they get back (an output)');
  if (!LATENCY.test(useCase)) gaps.push('how fast (a latency)');
  return gaps;
}

export function pushBackOnUseCases(useCases: readonly string[]): string | undefined {
  const vague = useCases
    .map((useCase) => ({ useCase, gaps: useCaseGaps(useCase) }))
    .filter(({ gaps }) => gaps.length >= 2);
  if (vague.length === 0) return undefined;
  const lines = vague.map(({ useCase, gaps }) => `"${useCase}" does not say ${gaps.join(', ')}.`);
  return (
    `${lines.join(' ')} A requirement names an actor, an input, an output and a latency, for example: ` +
    '"Given a user_id, the feed service returns the 50 newest posts from followed accounts within 200 ms." ' +
    'Rewrite the use cases that way, or answer the same again to keep them as they are.'
  );
}

// ---------------------------------------------------------------------------------------------
// Scale

export interface Scale {
  readonly text: string;
  /** The first number in the answer, taken as the headline figure (users or requests). */
  readonly headline?: number;
  /** Growth a year as a fraction ("30% growth a year" -> 0.3, "doubling every year" -> 1). */
  readonly growth?: number;
}

/** "30% growth a year", "growing 40% year over year", "+25%/yr", "doubles every year". */
export function annualGrowth(text: string): number | undefined {
  if (/\bdoubl(?:e|es|ing) (?:(?:every|each|a|per) year|yearly|annually)\b/i.test(text)) return 1;
  if (/\btripl(?:e|es|ing) (?:(?:every|each|a|per) year|yearly|annually)\b/i.test(text)) return 2;
  // "2x a year", "grows 3x/yr": a multiple each year.
  const multiple =
    /(\d+(?:\.\d+)?)\s*x\s*(?:growth\s*)?(?:(?:a|per|each|every)\s+year|\/\s*y(?:ea)?r|yearly|annually|yoy)\b/i.exec(
      text,
    )?.[1];
  if (multiple !== undefined && Number(multiple) >= 1) return Number(multiple) - 1;
  // "10% a month", "5% month over month": compounded over twelve months.
  const monthly =
    /(\d+(?:\.\d+)?)\s*%\s*(?:growth\s*)?(?:(?:a|per|each|every)\s+month|\/\s*mo(?:nth)?|monthly|mom|month[- ]over[- ]month|month[- ]on[- ]month)\b/i.exec(
      text,
    )?.[1];
  if (monthly !== undefined) return Math.round(((1 + Number(monthly) / 100) ** 12 - 1) * 1000) / 1000;
  const match =
    /(\d+(?:\.\d+)?)\s*%\s*(?:growth|more users|(?:a|per|each) year|\/\s*y(?:ea)?r|yoy|annually|yearly|year[- ]over[- ]year|year[- ]on[- ]year)/i.exec(
      text,
    ) ?? /\bgrow(?:s|ing|th of)?\s*(?:by\s*)?(\d+(?:\.\d+)?)\s*%/i.exec(text);
  const percent = match?.[1] === undefined ? undefined : Number(match[1]);
  return percent === undefined || !Number.isFinite(percent) ? undefined : percent / 100;
}

export function parseScale(raw: RawAnswer): Result<Scale> {
  const text = asText(raw);
  if (text.length === 0)
    return fail('expected the scale in words and numbers, e.g. "5M daily users, 20% growth a year"');
  const match = /(\d[\d,_.]*\s*[kmbgt]?)\b/i.exec(text);
  const headline = match?.[1] ? parseCount(match[1].replace(/\s+/g, '')) : undefined;
  const growth = annualGrowth(text);
  return ok({
    text,
    ...(headline?.ok ? { headline: headline.value } : {}),
    ...(growth === undefined ? {} : { growth }),
  });
}

export function pushBackOnScale(scale: Scale): string | undefined {
  if (scale.headline !== undefined) return undefined;
  return (
    'That has no number in it. An order of magnitude is enough, but it has to exist: 100 users and 1M users ' +
    'lead to different architectures. How many daily users or requests per day, and how fast is that growing? ' +
    '(e.g. "2M daily users, 30% growth a year")'
  );
}

export { latencyTargetText, parseLatencyTarget, type LatencyTarget } from './read-latency.js';

// ---------------------------------------------------------------------------------------------
// Consistency

export type ConsistencyModel = 'strong' | 'read-your-writes' | 'eventual';

export interface Consistency {
  readonly text: string;
  readonly model?: ConsistencyModel;
  readonly stalenessSeconds?: Seconds;
}

export function parseConsistency(raw: RawAnswer): Result<Consistency> {
  const text = asText(raw);
  if (text.length === 0) return fail('expected a consistency model, e.g. "eventual, up to 5 s stale"');
  const staleness = firstDuration(text);
  // An invariant ("never double-assign", "exactly once") is strong consistency unless the same answer
  // allows some data to be stale; then the invariant stands on its own (facts.ts reads it either way).
  const staleAllowed = /\b(?:eventual|eventually|stale|lag)\b/i.test(text) || staleness !== undefined;
  const model: ConsistencyModel | undefined =
    /\b(?:strong|strongly|linearizable|linearisable|serializable|serialisable|no stale)\b/i.test(text) ||
    (invariantIn([text]) !== undefined && !staleAllowed)
      ? 'strong'
      : OWN_WRITE.test(text) || /read[- ]your[- ](?:own[- ])?writes/i.test(text)
        ? 'read-your-writes'
        : /\b(?:eventual|eventually|stale|lag)\b/i.test(text)
          ? 'eventual'
          : undefined;
  return ok({
    text,
    ...(model ? { model } : {}),
    ...(staleness === undefined ? {} : { stalenessSeconds: staleness }),
  });
}

export function pushBackOnConsistency(consistency: Consistency): string | undefined {
  if (consistency.model || consistency.stalenessSeconds !== undefined) return undefined;
  return (
    'Say whether a reader may see stale data and for how long: "strong" (every read sees the latest write), ' +
    '"read-your-writes", or "eventual, up to 5 s stale". The answer decides between a single primary and ' +
    'replicas or caches that lag.'
  );
}

// ---------------------------------------------------------------------------------------------
// Durability

/**
 * Words that state a requirement rather than a number: "can't lose payments", "never double-assign a
 * driver", "must see its own write". Read as RPO 0, strong consistency and read-your-writes.
 */
export const NEVER_LOSE =
  /\b(?:can(?:no|')?t|cannot|never|must not|mustn'?t|may not|should never|must never|not allowed to|won'?t)\s+(?:ever\s+)?(?:be\s+)?(?:lose|lost|drop(?:ped)?)\b/i;
const NO_DOUBLE =
  /\b(?:no|never|not|can'?t|cannot|must not|without)\b[^.;\n]{0,40}?\bdouble[- ]?(?:assign|book|spend|charg|pay|sell|allocat|count|process|deliver)\w*|\bexactly[- ]once\b/i;
const OWN_WRITE =
  /\b(?:must|should|always|has to|have to|needs? to)\s+(?:immediately\s+|at once\s+)?(?:see|read)s?\s+(?:its|their|his|her|your|my|the user'?s)\s+own\s+(?:\w+\s+)?(?:writes?|changes?|updates?|posts?|edits?|data)\b/i;

export interface Durability {
  readonly text: string;
  /** Recovery point objective: how much recent data may be lost. 0 means none. */
  readonly rpoSeconds?: Seconds;
}

export function parseDurability(raw: RawAnswer): Result<Durability> {
  const text = asText(raw);
  if (text.length === 0)
    return fail('expected a durability target, e.g. "no acknowledged write lost, RPO 0"');
  if (
    /\b(?:no (?:acknowledged )?(?:data|write|writes|record|records)? ?(?:may be |can be )?lost|zero (?:data )?loss|no loss|rpo\s*(?:[:=]|of)?\s*0\b|rpo zero)/i.test(
      text,
    ) ||
    NEVER_LOSE.test(text)
  ) {
    return ok({ text, rpoSeconds: 0 });
  }
  const rpo = /rpo\s*(?:[:=]|of|under|<)?\s*([\d.,]+\s*[a-z]+)/i.exec(text);
  const seconds = rpo?.[1] ? parseDuration(rpo[1]) : undefined;
  if (seconds?.ok) return ok({ text, rpoSeconds: seconds.value });
  const anyDuration = firstDuration(text);
  return ok(anyDuration === undefined ? { text } : { text, rpoSeconds: anyDuration });
}

export function pushBackOnDurability(durability: Durability): string | undefined {
  if (durability.rpoSeconds !== undefined) return undefined;
  return (
    'How much recently written data may be lost in a disaster? State a recovery point objective: ' +
    '"RPO 0" (synchronous replication, slower writes) or "RPO 5 minutes" (asynchronous replication and ' +
    'periodic backups). It decides how the datastore replicates.'
  );
}

// ---------------------------------------------------------------------------------------------
// Freshness (ML): "real-time", "100ms", "1 hour", "daily", "nightly"

export interface Freshness {
  readonly text: string;
  readonly seconds: Seconds;
  readonly realtime: boolean;
}

const NAMED_PERIODS: readonly [RegExp, Seconds][] = [
  [/\b(?:real[- ]?time|online|instant|immediate|streaming|per request|continuous(?:ly)?)\b/i, 1],
  [/\bhourly\b/i, 3_600],
  [/\b(?:daily|nightly|every day|once a day)\b/i, 86_400],
  [/\bweekly\b/i, 604_800],
  [/\bmonthly\b/i, 2_592_000],
  [/\bquarterly\b/i, 7_776_000],
];

export function parseFreshness(raw: RawAnswer): Result<Freshness> {
  const text = asText(raw);
  const explicit = firstDuration(text);
  const seconds = explicit ?? NAMED_PERIODS.find(([pattern]) => pattern.test(text))?.[1];
  if (seconds === undefined) {
    return fail(
      `expected how fresh, e.g. "real-time", "under 100ms", "hourly", "daily" or "6 hours", got "${text}"`,
    );
  }
  return ok({ text, seconds, realtime: seconds <= 1 });
}

function firstDuration(text: string): Seconds | undefined {
  const pattern =
    /(\d[\d.,]*)\s*(ms|milliseconds?|s|secs?|seconds?|min|mins|minutes?|h|hrs?|hours?|d|days?|weeks?|w|months?|y|years?)\b/gi;
  for (const match of text.matchAll(pattern)) {
    const [, number, unit] = match;
    if (!number || !unit) continue;
    const normalised = unit.toLowerCase().startsWith('w')
      ? `${Number(number.replace(/,/g, '')) * 7}d`
      : `${number}${unit}`;
    const parsed = /^(?:ms|millisecond)/i.test(unit)
      ? parseLatency(`${number}ms`)
      : parseDuration(normalised);
    if (parsed.ok) return parsed.value;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Team and model size: optional, "not stated" leaves them out. The team decides how many services
// the design can afford; the model's size decides how it is loaded and served.

export interface ModelSize {
  readonly text: string;
  readonly bytes: number;
  /** How the bytes were worked out, when the answer gave parameters rather than bytes. */
  readonly derivation?: string;
}

/** Bytes per parameter of a model served in 16-bit floating point (fp16 or bf16). */
const BYTES_PER_PARAMETER = 2;

export function parseModelSize(raw: RawAnswer): Result<ModelSize | undefined> {
  const text = asText(raw);
  if (NOT_STATED.test(text)) return ok(undefined);
  const parameters =
    /^(?:[~\u2248]|about|around|roughly)?\s*([\d.,]+\s*[KMBT]?)\s*(?:parameters|params)\b/i.exec(text)?.[1];
  if (parameters !== undefined) {
    const count = parseCount(parameters.replace(/\s+/g, ''));
    if (count.ok) {
      const bytes = count.value * BYTES_PER_PARAMETER;
      return ok({
        text,
        bytes,
        derivation: `${formatCount(count.value)} parameters x ${BYTES_PER_PARAMETER} bytes (fp16) = ${formatBytes(bytes)}`,
      });
    }
  }
  const bytes = parseSize(text);
  if (bytes.ok && bytes.value > 0) return ok({ text, bytes: bytes.value });
  return fail(
    `expected the model's size in memory, e.g. "200 MB" or "7B parameters", or "not stated", got "${text}"`,
  );
}

// ---------------------------------------------------------------------------------------------
// What the requirements rule out, read from the consistency answer and the use cases together:
// reads that must be fresh, an invariant that must never break, regions, interactive generation.
// Proposals and the self-check read these notions, never the words themselves.

/** Which reads must see the latest write: every read (strong), or the writer's own (read-your-writes). */
export type FreshReads = 'all' | 'own';

const ALL_FRESH =
  /\b(?:strong(?:ly)?(?: consisten\w*)?|lineari[sz]able|serial[iy][sz]able|never (?:show(?:s|n)? |serve(?:s|d)? |read(?:s)? |see(?:s)? )?(?:an? |any )?(?:stale|out[- ]of[- ]date|old)|no stale|(?:always|must) (?:see|read|show)s? the (?:latest|current|last) (?:write|value|balance|state)|every read sees? the latest)\b/i;
const OWN_FRESH =
  /\bread[- ]your[- ](?:own[- ])?writes?\b|\b(?:reads?|sees?|gets?)\s+(?:their|his|her|its|your|my)\s+own\s+(?:\w+\s+){0,2}?(?:at once|immediately|instantly|right away|straight away|as soon as)/i;

/** Reads that must be fresh, from the consistency answer and the use cases. */
export function freshReadsIn(texts: readonly string[]): FreshReads | undefined {
  const text = texts.join('\n');
  if (ALL_FRESH.test(text)) return 'all';
  return OWN_FRESH.test(text) ? 'own' : undefined;
}

/** An invariant the system must never break, and whether it spans several records. */
export interface Invariant {
  /** The words that state it, as written. */
  readonly phrase: string;
  /** It spans records (a transfer's two legs, a booking and its inventory): one transaction keeps it. */
  readonly multiRecord: boolean;
}

const INVARIANT =
  /\b(?:never|no|not|cannot|can'?t|must not|without)\s+(?:be\s+|ever\s+)?(?:double[- ]?(?:assign|book|spend|charg|pay|sell|allocat|count)\w*|over[- ]?(?:sell|book|draw|allocat)\w*|(?:assign|book|sell|spend|charg|pay)\w*\s+twice)|\b(?:never|not|cannot|can'?t|must not)\s+(?:be\s+)?(?:assign|book|sold|sell|allocat|charg|spen[dt]|pa(?:y|id)|offer|match)\w*\s+(?:to\s+|for\s+|on\s+)?(?:two|twice|more than one|several)\b|\bexactly[- ]once\b|\bdouble[- ]entry\b/i;
const MULTI_RECORD =
  /\b(?:transfers?|two legs|both legs|debit\w*\s+(?:\w+\s+){0,4}credit\w*|double[- ]entry|ledger|postings?|bookings?|reserv\w+|inventory|seats?|stock|allocat\w+|assign\w*|double[- ]spend\w*)\b/i;

/** The first invariant stated in the consistency answer or the use cases. */
export function invariantIn(texts: readonly string[]): Invariant | undefined {
  for (const text of texts) {
    const match = INVARIANT.exec(text) ?? NO_DOUBLE.exec(text);
    if (match) return { phrase: match[0], multiRecord: MULTI_RECORD.test(text) };
  }
  return undefined;
}

/** What the answers say about regions: whether they name any, must survive losing one, or serve several. */
export interface RegionNeeds {
  /** The words that mention regions, as written; undefined when nothing does. */
  readonly phrase?: string;
  /** Losing a whole region must not take the service (or its data) down. */
  readonly survive: boolean;
  /** Users in several regions are each served nearby (EU and US, global). */
  readonly spread: boolean;
}

const PLACES = String.raw`(?:the )?(?:eu|europe|us|usa|north america|south america|latin america|asia|apac|emea|india|japan|uk|australia|africa|canada|brazil)`;
const REGION_WORDS = new RegExp(
  String.raw`\b(?:multi[- ]?region(?:al)?|(?:two|three|several|multiple|many|all|other|each|every|second|another) (?:\w+ )?regions?|regions?(?: outages?| failures?| loss| failover)|(?:survive|lose|losing|loss of) (?:a |an |one |the )?(?:whole |entire |cloud )?regions?|(?:a |an |one |the )?(?:whole |entire |cloud )?region (?:goes|is|went) (?:down|dark|offline|out)|region (?:dies|fails|is lost)|cross[- ]region|active[- ](?:active|passive)|data residency|residency|geo[- ]?(?:redundan\w*|replicat\w*|distribut\w*)|across (?:continents|regions)|globally distributed|worldwide|${PLACES} and ${PLACES})\b`,
  'i',
);
const SURVIVE =
  /\b(?:(?:survive|tolerate|withstand)s? (?:a |an |the )?(?:loss of (?:a |an |one )?)?(?:whole |entire |cloud )?region|region(?:al)? (?:outage|failure|loss|failover)s?|region (?:goes|is|went) (?:down|dark|offline|out)|region (?:dies|fails|is lost)|(?:lose|losing|loss of) (?:a |an |one |the )?(?:whole |entire |cloud )?region|multi[- ]?region|(?:two|second|another) regions?|active[- ](?:active|passive)|geo[- ]?redundan\w*|cross[- ]region (?:failover|replica\w*|backup))/i;
const SPREAD = new RegExp(
  String.raw`\b(?:${PLACES} and ${PLACES}|across continents|globally distributed|worldwide|users in (?:several|many|multiple) regions|active[- ]active)\b`,
  'i',
);

export function regionNeedsIn(texts: readonly string[]): RegionNeeds {
  const text = texts.join('\n');
  const phrase = REGION_WORDS.exec(text)?.[0];
  return {
    ...(phrase === undefined ? {} : { phrase }),
    survive: SURVIVE.test(text),
    spread: SPREAD.test(text),
  };
}

const GENERATIVE =
  /\b(?:llms?|(?:large )?language models?|generative|gpt|chat ?bots?|(?:ai )?assistants?|retrieval[- ]augmented|rag|\d+(?:\.\d+)?\s*b(?:illion)?[- ]param(?:eter)?s?)\b/i;
const INTERACTIVE = /\b(?:asks?|questions?|chats?|prompts?|conversations?|answers?|replies|replies to)\b/i;

/** A generative model answering users (an LLM in a conversation): served online on GPUs, never in batch. */
export function interactiveGenerationIn(texts: readonly string[], useCases: readonly string[]): boolean {
  return GENERATIVE.test(texts.join('\n')) && INTERACTIVE.test(useCases.join('\n'));
}
