/**
 * The components of an ML workflow as people describe them ("train: retrain weekly on 90 days ->
 * evaluate -> register"), and the traits the classification and decomposition rules read from
 * each description. Deterministic: the same words always give the same traits.
 */
import { parseSize } from '../../estimation/index.js';
import { fail, ok, type Result } from '../../lib/result.js';
import { listItems } from '../../protocol/answer-text.js';
import type { RawAnswer } from '../../protocol/types.js';

export interface WorkflowComponent {
  readonly name: string;
  readonly description: string;
}

export const MAX_COMPONENTS = 20;

/** "name: what it does"; a name may hold commas ("dedupe, enrich"), and may be quoted. */
const COMPONENT = /^(?:"([^"]{1,40})"|'([^']{1,40})'|([A-Za-z][\w .,'/&+-]{0,39}?))\s*:\s+(\S.*)$/;

export function parseComponents(raw: RawAnswer): Result<WorkflowComponent[]> {
  const items = listItems(raw);
  if (items.length === 0)
    return fail('expected one component per line as "name: what it does and when it runs"');
  if (items.length > MAX_COMPONENTS)
    return fail(
      `expected at most ${MAX_COMPONENTS} components, got ${items.length}; group the small ones (all the reports, all the exports)`,
    );
  const components: WorkflowComponent[] = [];
  for (const item of items) {
    const match = COMPONENT.exec(item);
    const named = (match?.[1] ?? match?.[2] ?? match?.[3])?.trim().replace(/,$/, '');
    const description = match?.[4];
    if (!named || !description)
      return fail(
        `expected "name: what it does and when it runs", e.g. "training: retrain the model weekly -> evaluate -> register", got "${item}"`,
      );
    const name = named;
    if (components.some((other) => other.name.toLowerCase() === name.toLowerCase()))
      return fail(`component "${name}" is listed twice; give each component one line`);
    components.push({ name, description: description.trim() });
  }
  return ok(components);
}

/** When a component runs. */
export type Trigger =
  | { readonly kind: 'schedule'; readonly text: string }
  | { readonly kind: 'event'; readonly text: string }
  | { readonly kind: 'manual'; readonly text: string }
  | { readonly kind: 'request'; readonly text: string }
  | { readonly kind: 'continuous'; readonly text: string }
  | { readonly kind: 'unspecified'; readonly text: string };

export interface Traits {
  readonly trigger: Trigger;
  readonly oneOff: boolean;
  readonly ci: boolean;
  readonly dashboard: boolean;
  readonly alerting: boolean;
  readonly deferred: boolean;
  /** Does ML work: training, scoring, features, embeddings, evaluation. */
  readonly ml: boolean;
  /** Outputs worth versioning and comparing between runs. */
  readonly artifacts: readonly string[];
  /** The steps, when the description lists them with "->"; otherwise the component is one step. */
  readonly steps: readonly string[];
  /** The largest data size the description mentions ("40 GB of scans"), in bytes. */
  readonly dataBytes?: number;
  readonly dynamic: boolean;
  /** Dynamic logic that spawns more dynamic logic. */
  readonly nestedDynamic: boolean;
  /** Orchestrates, triggers or spawns other pipelines. */
  readonly meta: boolean;
}

const SCHEDULES: readonly [RegExp, string][] = [
  [/\bevery (\d+) (minutes?|hours?|days?|weeks?)\b/i, ''],
  [/\bhourly\b/i, 'hourly'],
  [/\bevery (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i, ''],
  [/\b(?:nightly|every night)\b/i, 'nightly'],
  [/\b(?:daily|every day|once a day)\b/i, 'daily'],
  [/\b(?:weekly|every week|once a week)\b/i, 'weekly'],
  [/\b(?:monthly|every month|once a month)\b/i, 'monthly'],
  [/\b(?:quarterly)\b/i, 'quarterly'],
  [/\b(?:cron(?: job)?|on a schedule|scheduled)\b/i, 'on a schedule (cron)'],
];

const REQUEST =
  /\b(?:per request|on (?:each |every )?request|(?:an? )?(?:http|rest|grpc) (?:api|endpoint)|endpoints?|serves? (?:requests|predictions|answers|results)|synchronous(?:ly)?|real[- ]?time (?:inference|predictions?|scoring|answers?|responses?|extraction)|online (?:inference|scoring|predictions?)|(?:returns?|responds?|answers?) (?:\w+ )?within)\b/i;
/** Words that say the work never stops: they decide over a schedule. */
const CONTINUOUS =
  /\b(?:continuous(?:ly)?|streaming|every event|each event|as events arrive|in real[- ]time as)\b/i;
/**
 * Streams and stream technology name where data comes from, not when the work runs: "pull from
 * kafka nightly" is a nightly batch. They make a component continuous only when no schedule is said.
 */
const STREAM_SOURCE = /\b(?:streams?|kafka|kinesis|flink|pub\/?sub|event hubs?)\b/i;
/** A latency target: a component held to one answers requests ("API: score it, p99 50ms"). */
const LATENCY_TARGET =
  /\b(?:p50|p90|p95|p99|p999)\b\s*(?:of|at|under|within|<|<=|=|:)?\s*(?:~|about )?\d[\d.]*\s*(?:ms|milliseconds?|s|seconds?)\b|\b(?:under|within|in less than|below|<)\s*\d[\d.]*\s*(?:ms|milliseconds?)\b/i;
const ANSWERS_REQUESTS =
  /\b(?:apis?|endpoints?|services?|serv(?:e|es|ing)|requests?|responds?|returns?|answers?|lookups?|calls?|callers?|clients?)\b/i;
const EVENT =
  /\b(?:when (?:new )?(?:data|files?|documents?|uploads?|batches?) (?:lands?|arrives?|(?:is|are) uploaded)|on (?:new|each new|every new) (?:data|files?|documents?|uploads?|batch(?:es)?)|on upload|on (?:model )?promotion|when a (?:new )?model is promoted)\b/i;
const MANUAL = /\b(?:manual(?:ly)?|on demand|ad hoc|by hand)\b/i;

/** "from the partner REST API" names a data source, not a way the component is called. */
const API_SOURCE =
  /\bfrom (?:the |our |a |an )?(?:[\w-]+ ){0,3}?(?:rest |http |grpc )?(?:apis?|endpoints?)\b/gi;

const REQUEST_TRIGGER: Trigger = { kind: 'request', text: 'per request (HTTP)' };
const CONTINUOUS_TRIGGER: Trigger = { kind: 'continuous', text: 'continuous (a stream)' };

function scheduleOf(text: string): Trigger | undefined {
  for (const [pattern, label] of SCHEDULES) {
    const match = pattern.exec(text);
    if (match) return { kind: 'schedule', text: label || match[0].toLowerCase() };
  }
  return undefined;
}

/**
 * When a component runs, read in order of what decides: serving requests (said outright, or a
 * latency target on something that answers calls), words that say it never stops, a schedule
 * word, then a stream named as its source, new data, by hand.
 */
export function triggerOf(text: string): Trigger {
  const own = text.replace(API_SOURCE, '');
  if (REQUEST.test(own) || (LATENCY_TARGET.test(own) && ANSWERS_REQUESTS.test(own))) return REQUEST_TRIGGER;
  if (CONTINUOUS.test(text)) return CONTINUOUS_TRIGGER;
  const schedule = scheduleOf(text);
  if (schedule) return schedule;
  if (STREAM_SOURCE.test(text)) return CONTINUOUS_TRIGGER;
  const event = EVENT.exec(text);
  if (event) return { kind: 'event', text: event[0].toLowerCase() };
  if (MANUAL.test(text)) return { kind: 'manual', text: 'manual' };
  return { kind: 'unspecified', text: 'not stated' };
}

const ONE_OFF =
  /\b(?:one[- ]off|one[- ]time|(?:just |only )?once(?! (?:a|an|per|every|hourly|daily|nightly|weekly|monthly|quarterly)\b)|migrat(?:e|ion)|backfill once)\b/i;
const CI =
  /\b(?:ci|ci\/cd|continuous integration|github actions|gitlab ci|unit tests?|lint(?:ing)?|on every (?:commit|push|merge)|pull requests?)\b/i;
const DASHBOARD = /\b(?:dashboards?|ui|user interface|streamlit|grafana|frontend|web app|admin page)\b/i;
const ALERTING =
  /\b(?:alert(?:s|ing)?|pages? (?:the )?on-?call|pagerduty|opsgenie|notif(?:y|ies|ications?))\b/i;
const DEFERRED =
  /\b(?:hyper-?parameter (?:tuning|search|sweeps?)|tuning sweeps?|a\/b tests?|a\/b testing|automl|later|eventually|someday|nice to have|phase 2|in the future)\b/i;
const ML =
  /\b(?:train(?:s|ing|ed)?|retrain(?:s|ing)?|fine-?tun(?:e|es|ing)|models?|predict(?:s|ions?)?|scor(?:e|es|ing)|inference|infer|features?|embed(?:s|dings?)?|evaluat(?:e|es|ion)|classif(?:y|ies|ier|ication)|llm|rank(?:s|ing)?)\b/i;

const ARTIFACTS: readonly [RegExp, string][] = [
  [/\bmodels?\b/i, 'model'],
  [/\bfeatures?\b/i, 'features'],
  [/\b(?:datasets?|training data|training sets?|snapshots?)\b/i, 'dataset'],
  [/\bembeddings?\b/i, 'embeddings'],
  [/\b(?:predictions?|scores?)\b/i, 'predictions'],
  [/\b(?:metrics|evaluation|report)\b/i, 'evaluation report'],
  [/\b(?:index|vectors?)\b/i, 'index'],
  [/\bchunks?\b/i, 'chunks'],
  [/\blabels?\b/i, 'labels'],
];

const SIZE = /(\d[\d.,]*\s*(?:[KMGTP]i?B))\b/gi;
const META =
  /\b(?:meta[- ]pipelines?|pipeline of pipelines|master pipeline|(?:orchestrat(?:e|es|ing)|trigger(?:s|ing)?|run(?:s|ning)?|launch(?:es|ing)?|kicks? off|spawn(?:s|ing)?|call(?:s|ing)?) (?:all |the )?(?:other |child |sub-?)?pipelines)\b/i;

export function traitsOf(component: WorkflowComponent): Traits {
  const text = component.description;
  // "weekly: load -> train" names the trigger first; the trigger is not part of the first step.
  const steps = text
    .replace(/^[\w ,'-]{1,60}:\s+(?=\S)/, (prefix) =>
      triggerOf(prefix).kind === 'unspecified' ? prefix : '',
    )
    .split(/\s*(?:->|→)\s*/)
    .map((step) => step.trim())
    .filter((step) => step.length > 0);
  const sizes = [...text.matchAll(SIZE)].flatMap((match) => {
    const parsed = parseSize((match[1] ?? '').replace(/,/g, ''));
    return parsed.ok ? [parsed.value] : [];
  });
  const dataBytes = sizes.length > 0 ? Math.max(...sizes) : undefined;
  return {
    trigger: triggerOf(text),
    oneOff: ONE_OFF.test(text),
    ci: CI.test(text),
    dashboard: DASHBOARD.test(text),
    alerting: ALERTING.test(text),
    deferred: DEFERRED.test(text),
    ml: ML.test(`${component.name} ${text}`),
    artifacts: ARTIFACTS.filter(([pattern]) => pattern.test(text)).map(([, name]) => name),
    steps: steps.length > 1 ? steps : [text],
    ...(dataBytes === undefined ? {} : { dataBytes }),
    dynamic: /\bdynamic(?:ally)?\b/i.test(text),
    nestedDynamic: /\bdynamic\w*\b.*\b(?:spawn|creat|generat|launch)\w*\b.*\bdynamic/i.test(text),
    meta: META.test(text),
  };
}
