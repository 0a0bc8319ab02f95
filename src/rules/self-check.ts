/**
 * The design checks itself before approval: pure rules over the composed design (its requirements,
 * components, flows, tier plan and bill). Each finding takes a position and quotes its evidence; the
 * document's Design Review lists them, `--json` carries them, and a finding the user keeps is
 * recorded with their reason. The rules about decisions against their own conditions live in
 * self-check-conditions.ts.
 */
import type { Archetype } from '../knowledge/archetypes.js';
import type { SessionState } from '../protocol/types.js';
import { chosenArchetypes } from '../protocols/design/archetype-choice.js';
import type { CostEstimate } from '../protocols/design/cost.js';
import {
  designAnswers,
  designDecisions,
  designDrafts,
  designResults,
  type Architecture,
  type Component,
  type ComponentType,
  type DesignAnswers,
  type DesignDecisions,
} from '../protocols/design/model.js';
import type { TierPlan } from '../protocols/design/tier-plan.js';
import type { Finding } from './finding.js';
import { hit } from '../protocols/design/archetype-match.js';

/** What the rules read: the design as composed, sized and billed. */
export interface DesignUnderReview {
  readonly answers: DesignAnswers;
  readonly decisions: DesignDecisions;
  readonly architecture: Architecture;
  readonly plan: TierPlan;
  readonly cost: CostEstimate;
  readonly archetypes: readonly Archetype[];
  readonly replication: number;
}

export function designUnderReview(
  state: SessionState,
  catalogue: readonly Archetype[],
  plan: TierPlan,
  cost: CostEstimate,
): DesignUnderReview | undefined {
  const { architecture } = designDrafts(state);
  const { estimate } = designResults(state);
  if (!architecture || !estimate) return undefined;
  return {
    answers: designAnswers(state),
    decisions: designDecisions(state),
    architecture,
    plan,
    cost,
    archetypes: chosenArchetypes(state, catalogue).archetypes,
    replication: estimate.input.replication,
  };
}

/**
 * Capabilities a requirement can name that only a component of a certain type provides: a
 * requirement that says "search" is not served by an API over a datastore.
 */
export const CAPABILITIES: readonly {
  readonly words: RegExp;
  readonly what: string;
  readonly types: readonly ComponentType[];
}[] = [
  {
    words: /\b(?:full[- ]text )?search(?:es|ing)?\b|\bautocomplete\b|\btype-?ahead\b/i,
    what: 'search',
    types: ['search-index', 'vector-index'],
  },
  {
    words:
      /\b(?:push notifications?|notif(?:y|ies|ied|ication)s?|alerts? (?:users?|customers?) by (?:e-?mail|sms))\b/i,
    what: 'notifications',
    types: ['notification'],
  },
  {
    words:
      /\b(?:live|in real time to|typing indicators?|presence|online status|delivered to (?:online|connected))\b/i,
    what: 'pushing to connected clients',
    types: ['connection-gateway'],
  },
  {
    words: /\b(?:nearby|nearest|within \d+ ?(?:m|km|miles?)\b|location updates?|geo(?:graphic|spatial)?)\b/i,
    what: 'location queries',
    types: ['geo-index'],
  },
  {
    words:
      /\b(?:upload(?:s|ed)? (?:a |an )?(?:photos?|images?|videos?|files?|documents?)|stream(?:s|ed|ing)? (?:the )?videos?)\b/i,
    what: 'file or media payloads',
    types: ['blob-store'],
  },
  {
    words: /\b(?:recommend(?:s|ed|ations?)?|personali[sz]ed (?:feed|ranking|results))\b/i,
    what: 'recommendations',
    types: ['model-serving', 'batch-scoring', 'vector-index'],
  },
  {
    words:
      /\b(?:answers? (?:questions?|in natural language)|chat ?bot|assistant|summari[sz]e|generat(?:e|es|ed) (?:an? )?(?:answer|text|reply))\b/i,
    what: 'generated answers',
    types: ['llm-serving'],
  },
  {
    words: /\b(?:rate[- ]limit(?:s|ed|ing)?|throttl(?:e|es|ed|ing)|429)\b/i,
    what: 'rate limiting',
    types: ['rate-limiter', 'gateway'],
  },
  {
    words: /\b(?:dashboards?|analytics|aggregat(?:e|es|ed|ions?) (?:metrics|events)|funnels?)\b/i,
    what: 'analytics',
    types: ['analytics-store', 'stream-processor'],
  },
  {
    words: /\b(?:nightly|every night|daily batch|scheduled (?:job|run|report)s?|cron)\b/i,
    what: 'scheduled work',
    types: ['scheduler', 'batch-scoring', 'training-pipeline'],
  },
];

function served(
  requirement: string,
  design: DesignUnderReview,
): { components: Component[]; missing?: string } {
  const components = design.architecture.components;
  const byServes = new Set<string>();
  for (const archetype of design.archetypes)
    for (const own of archetype.components)
      if (own.serves.some((source) => hit(source, [requirement]) !== undefined)) byServes.add(own.id);
  const found = components.filter((component) => byServes.has(component.id));
  for (const capability of CAPABILITIES) {
    if (!capability.words.test(requirement)) continue;
    const providers = components.filter((component) => capability.types.includes(component.type));
    if (providers.length === 0) return { components: found, missing: capability.what };
    for (const provider of providers) if (!found.includes(provider)) found.push(provider);
  }
  const core = components.filter(
    (component) => component.type === 'service' || component.type === 'datastore',
  );
  return { components: [...found, ...core.filter((component) => !found.includes(component))] };
}

/** Each functional requirement with the components that serve it (the document's map). */
export function requirementMap(
  design: DesignUnderReview,
): { requirement: string; components: Component[]; missing?: string }[] {
  return (design.answers.functional ?? []).map((requirement) => ({
    requirement,
    ...served(requirement, design),
  }));
}

const RULES: readonly ((design: DesignUnderReview) => Finding[])[] = [
  // Every functional requirement is served by a named component.
  (design) =>
    requirementMap(design).flatMap((entry, index) =>
      entry.missing === undefined
        ? []
        : [
            {
              id: `unserved-requirement:${index + 1}`,
              severity: 'error',
              message: `Requirement ${index + 1} needs ${entry.missing}, and no component of the design provides it: add one (pick the archetype that has it) or say which component does.`,
              evidence: `"${entry.requirement}"`,
            },
          ],
    ),
  // Every component is sized at 1x and costed.
  (design) =>
    design.architecture.components.flatMap((component): Finding[] => {
      if (component.type === 'client') return [];
      const costed = design.cost.rows.some((row) => row.component === component.id);
      const sized = design.plan.get(component.id) !== undefined || component.type === 'gateway';
      if (sized && costed) return [];
      return [
        {
          id: `${sized ? 'uncosted' : 'unsized'}:${component.id}`,
          severity: 'warning',
          message: `${component.name} has ${sized ? 'no cost line' : 'no 1x size and no cost line'}: the bill leaves it out.`,
          evidence: `component ${component.id} (${component.type})`,
        },
      ];
    }),
  // The diagram connects every component, and every flow names components that exist.
  (design) => {
    const ids = new Set(design.architecture.components.map((component) => component.id));
    const broken = design.architecture.flows
      .filter((flow) => !ids.has(flow.from) || !ids.has(flow.to))
      .map((flow): Finding => ({
        id: `broken-flow:${flow.from}->${flow.to}`,
        severity: 'error',
        message: 'A flow names a component the design does not have.',
        evidence: `${flow.from} -> ${flow.to} (${flow.label})`,
      }));
    const lonely = design.architecture.components
      .filter(
        (component) =>
          !design.architecture.flows.some((flow) => flow.from === component.id || flow.to === component.id),
      )
      .map((component): Finding => ({
        id: `disconnected:${component.id}`,
        severity: 'warning',
        message: `${component.name} has no flow to or from any other component: say what calls it and what it calls.`,
        evidence: `component ${component.id}`,
      }));
    return [...broken, ...lonely];
  },
  // RPO 0 is reachable only with replication that completes before the acknowledgement.
  (design) => {
    if (design.answers.durability?.rpoSeconds !== 0) return [];
    const findings: Finding[] = [];
    if (design.replication < 2)
      findings.push({
        id: 'rpo-zero-single-copy',
        severity: 'error',
        message:
          'RPO 0 needs a second copy written before the acknowledgement; with one copy a lost disk loses acknowledged writes.',
        evidence: `replication ${design.replication}; durability "${design.answers.durability.text}"`,
      });
    const regionLoss = /\bregion/i.test(design.answers.durability.text);
    const regions = design.decisions.regions;
    if (regionLoss && (regions === undefined || regions === 'single-region'))
      findings.push({
        id: 'rpo-zero-region-loss',
        severity: 'error',
        message:
          'Losing a region must not lose data, but every copy lives in one region: replicate synchronously to a second region before acknowledging (active-passive at least), and budget the cross-region round trip in the write latency.',
        evidence: `durability "${design.answers.durability.text}"; regions: ${regions ?? 'not decided'}`,
      });
    return findings;
  },
  // A latency target a component of the design cannot reach.
  (design) => {
    const p99 = design.answers.latency?.p99;
    const llm = design.architecture.components.find((component) => component.type === 'llm-serving');
    if (p99 === undefined || !llm || p99 >= 0.3) return [];
    return [
      {
        id: 'latency-unreachable:llm',
        severity: 'error',
        message: `${llm.name} generates tokens one at a time: a first token takes 100-300 ms and a whole answer seconds, so a P99 of ${Math.round(p99 * 1000)} ms cannot hold for generation. State the target as time to first token and tokens per second, or cache answers.`,
        evidence: `P99 ${Math.round(p99 * 1000)} ms with ${llm.name}`,
      },
    ];
  },
  // The degradation answer is attached to a component the design has.
  (design) => {
    const text = design.answers.degradation;
    if (text === undefined) return [];
    return degradationTarget(text, design.architecture.components)
      ? []
      : [
          {
            id: 'degradation-names-nothing',
            severity: 'info',
            message:
              'The degradation answer names no component of the design, so it is recorded against the most critical dependency; name the component it is about to attach it there.',
            evidence: `"${text}"`,
          },
        ];
  },
];

/**
 * The component a degradation answer is about: the one whose name or type it mentions ("when the
 * model is down ..." -> the model server), else undefined.
 */
export function degradationTarget(text: string, components: readonly Component[]): Component | undefined {
  const words = text.toLowerCase();
  const TYPE_WORDS: Partial<Record<ComponentType, RegExp>> = {
    datastore: /\b(?:database|datastore|db|store|postgres|primary)\b/,
    cache: /\b(?:cache|redis)\b/,
    queue: /\b(?:queue)\b/,
    stream: /\b(?:kafka|log|stream)\b/,
    'model-serving': /\b(?:model|scor(?:er|ing)|predictions?)\b/,
    'llm-serving': /\b(?:llm|model|gpu|generation)\b/,
    'search-index': /\b(?:search|index)\b/,
    'vector-index': /\b(?:vector|retrieval|embeddings?)\b/,
    'connection-gateway': /\b(?:websocket|socket|connection|gateway)\b/,
    notification: /\b(?:push|notification|apns|fcm)\b/,
    'feature-store': /\b(?:feature store|features)\b/,
    'blob-store': /\b(?:object storage|s3|blob)\b/,
  };
  // The component the answer names first: "when Redis is gone we read from the primary" is about the cache.
  let best: { component: Component; at: number } | undefined;
  for (const component of components) {
    if (component.type === 'client') continue;
    const byName = words.indexOf(component.name.toLowerCase());
    const byType = TYPE_WORDS[component.type]?.exec(words)?.index ?? -1;
    const at = [byName, byType].filter((index) => index >= 0).sort((a, b) => a - b)[0];
    if (at !== undefined && (best === undefined || at < best.at)) best = { component, at };
  }
  return best?.component;
}

export function selfCheck(design: DesignUnderReview): Finding[] {
  return RULES.flatMap((rule) => rule(design));
}
