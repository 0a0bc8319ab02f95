/**
 * From classified components to pipelines. Components in the pipeline bucket are grouped when they
 * share a trigger and an owning team (linear, tightly coupled work stays together); a different
 * trigger or team splits them, and each deployed pipeline stands alone. Every step says what it
 * produces, so the artifact contract between steps and pipelines is explicit.
 */
import type { Classification } from './classify.js';

export type PipelineRole = 'data' | 'training' | 'inference' | 'other';

export interface PipelineStep {
  readonly text: string;
  readonly produces: string;
}

export interface PipelinePlan {
  readonly name: string;
  readonly role: PipelineRole;
  readonly deployed: boolean;
  readonly trigger: string;
  readonly owner: string;
  readonly components: readonly string[];
  readonly purpose: string;
  readonly steps: readonly PipelineStep[];
  readonly sources: readonly string[];
  readonly artifacts: readonly string[];
  /** Why it is a separate pipeline from the ones before it, when it is. */
  readonly split?: string;
  readonly dataBytes?: number;
  readonly dynamicComponents: number;
  readonly nestedDynamic: boolean;
  readonly meta: boolean;
}

/** What a step produces, from its verb: the first pattern that matches wins. */
const PRODUCES: readonly [RegExp, string][] = [
  [/\bsplit\w*\b.*\b(?:train|test|validation|folds?)\b/i, 'train and test splits'],
  [/\b(?:register|promot)\w*/i, 'a model version in the registry'],
  [/\b(?:retrain|train|fine-?tun|fit)\w*/i, 'a trained model artifact'],
  [/\b(?:evaluat|compar|backtest)\w*/i, 'evaluation metrics and a pass/fail decision'],
  [/\b(?:score|scoring|predict|infer)\w*/i, 'a predictions table'],
  [/\bembed\w*/i, 'embeddings'],
  [/\bchunk\w*/i, 'text chunks'],
  [/\b(?:index)\w*/i, 'a search index'],
  [/\b(?:ocr|extract|pars)\w*/i, 'extracted text and fields'],
  [/\bclassif\w*/i, 'a label per item'],
  [/\bfeature\w*/i, 'a feature table'],
  [/\b(?:validat|check|test)\w*/i, 'a data validation report'],
  [/\b(?:clean|preprocess|dedup|normali[sz]|transform|join|aggregat)\w*/i, 'a cleaned dataset'],
  [/\b(?:receiv|accept)\w*/i, 'the parsed request'],
  [/\b(?:load|ingest|pull|fetch|read|collect|download)\w*/i, 'a raw dataset snapshot'],
  [/\b(?:respond|return|answer)\w*/i, 'the response to the caller'],
  [/\b(?:publish|write|export|upload|push|sync)\w*/i, 'published outputs for their consumers'],
];

/** The verb decides first ("load ... features" loads data); the rest of the step only when the verb says nothing. */
export function producedBy(step: string): string {
  const verb = step.trim().split(/\s+/)[0] ?? '';
  if (/^(?:write|publish|export|upload|push|sync|save|store)\w*$/i.test(verb)) {
    if (/\bfeatures?\b/i.test(step)) return 'the feature table';
    if (/\bindex\b/i.test(step)) return 'an updated search index';
  }
  const byVerb = PRODUCES.find(([pattern]) => pattern.test(verb));
  return (byVerb ?? PRODUCES.find(([pattern]) => pattern.test(step)))?.[1] ?? 'an intermediate dataset';
}

const SOURCE =
  /\bfrom (?:the |our |a |an )?((?:[A-Za-z][\w-]* ){0,3}?(?:warehouse|database|db|bucket|s3|gcs|api|crm|logs?|lake|store|tables?|queue|topic|inbox|uploads?|system|service|postgres(?:ql)?|snowflake|bigquery|redshift|events?|portal|scanner|files?|feed))\b/gi;

function sourcesOf(texts: readonly string[]): string[] {
  const found = texts.flatMap((text) => [...text.matchAll(SOURCE)].map((match) => (match[1] ?? '').trim()));
  return [...new Set(found.map((source) => source.toLowerCase()))];
}

function roleOf(texts: string): PipelineRole {
  if (/\b(?:retrain|train|fine-?tun)\w*/i.test(texts)) return 'training';
  if (/\b(?:score|scoring|predict|infer|extract|classif|answer)\w*/i.test(texts)) return 'inference';
  if (/\b(?:ingest|load|clean|feature|validat|embed|chunk|index|pull|collect)\w*/i.test(texts)) return 'data';
  return 'other';
}

/** What each kind of pipeline is for, in one sentence. */
const ROLE_PURPOSES: Readonly<Record<PipelineRole, string>> = {
  data: 'Turns raw sources into validated, versioned data on its own schedule, so training never waits on ingestion',
  training:
    'Retrains the model on fresh data and registers a new version, which is promoted only if it beats production',
  inference:
    'Applies the production model and delivers its predictions to the people and systems that use them',
  other: 'Runs the listed steps as one repeatable, versioned unit of work',
};

/** Training and what goes with it: evaluating and registering the model it produces. */
const MODEL_WORK = /\b(?:retrain|train|fine-?tun|evaluat|register|promot)\w*/i;

const ROLE_NAMES: Readonly<Record<PipelineRole, string>> = {
  data: 'Data pipeline',
  training: 'Training pipeline',
  inference: 'Batch inference pipeline',
  other: 'Pipeline',
};

const sentence = (text: string): string => {
  const trimmed = text.trim().replace(/[.;,]+$/, '');
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}`;
};

/**
 * Pipelines in the order their first component was listed. `ownerOf` gives each component's team
 * (one team unless the interview said otherwise).
 */
export function decompose(
  classified: readonly Classification[],
  ownerOf: (component: string) => string,
): PipelinePlan[] {
  const groups = new Map<string, Classification[]>();
  for (const item of classified) {
    if (item.bucket !== 'pipeline' && item.bucket !== 'deployed') continue;
    const owner = ownerOf(item.component.name);
    // Training is its own failure domain, even on a shared schedule: a failed data run must not stop
    // it from training on the last good data, and a failed training run must not stop the pipelines
    // that use the production model. Preparing data and scoring with it stay together.
    const domain = MODEL_WORK.test(`${item.component.name} ${item.component.description}`)
      ? 'training'
      : 'flow';
    const key =
      item.bucket === 'deployed'
        ? `deployed:${item.component.name}`
        : `batch:${item.traits.trigger.text}:${owner}:${domain}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const plans: PipelinePlan[] = [];
  const usedNames = new Set<string>();
  for (const items of groups.values()) {
    const first = items[0];
    if (!first) continue;
    const deployed = first.bucket === 'deployed';
    const owner = ownerOf(first.component.name);
    const texts = items.map((item) => `${item.component.name} ${item.component.description}`);
    const role = deployed ? 'inference' : roleOf(texts.join(' '));
    const base = deployed ? `${sentence(first.component.name)} endpoint` : ROLE_NAMES[role];
    let name = usedNames.has(base) ? `${base}, ${first.traits.trigger.text}` : base;
    for (let n = 2; usedNames.has(name); n += 1) name = `${base} ${String(n)}`;
    usedNames.add(name);
    const steps = items.flatMap((item) =>
      item.traits.steps.map((text) => ({ text: sentence(text), produces: producedBy(text) })),
    );
    const sizes = items.flatMap((item) =>
      item.traits.dataBytes === undefined ? [] : [item.traits.dataBytes],
    );
    const previous = plans[plans.length - 1];
    const split = previous && splitReason(previous, first.traits.trigger.text, owner, deployed, role);
    plans.push({
      name,
      role,
      deployed,
      trigger: deployed
        ? 'per request (HTTP); reloads the model when a new version is promoted'
        : first.traits.trigger.kind === 'unspecified'
          ? 'not stated yet (a schedule, new data, or by hand)'
          : first.traits.trigger.text,
      owner,
      components: items.map((item) => item.component.name),
      purpose: `${deployed ? 'Answers requests over HTTP with the production model, as a deployed pipeline' : ROLE_PURPOSES[role]} (from: ${items.map((item) => item.component.name).join(', ')})`,
      steps,
      sources: sourcesOf(items.map((item) => item.component.description)),
      artifacts: [...new Set(steps.map((step) => step.produces))].filter(
        (artifact) =>
          artifact !== 'an intermediate dataset' &&
          artifact !== 'the response to the caller' &&
          artifact !== 'the parsed request',
      ),
      ...(split ? { split } : {}),
      ...(sizes.length > 0 ? { dataBytes: Math.max(...sizes) } : {}),
      dynamicComponents: items.filter((item) => item.traits.dynamic).length,
      nestedDynamic: items.some((item) => item.traits.nestedDynamic),
      meta: items.some((item) => item.traits.meta),
    });
  }
  return plans;
}

function splitReason(
  previous: PipelinePlan,
  trigger: string,
  owner: string,
  deployed: boolean,
  role: PipelineRole,
): string {
  if (deployed) return 'it serves requests, so it deploys and scales apart from the batch pipelines';
  if (previous.deployed) return 'it runs in batches, apart from the endpoint that serves requests';
  if (previous.owner !== owner) return `a different team owns it (${owner}, not ${previous.owner})`;
  if (previous.trigger === trigger && (previous.role === 'training') !== (role === 'training'))
    return 'a different failure domain: a failed data run must not stop training on the last good data, and a failed training run must not stop the pipelines that use the production model';
  return `a different trigger (${trigger}, not ${previous.trigger}): one pipeline cannot have two schedules, and each fails on its own`;
}
