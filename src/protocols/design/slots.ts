/**
 * The design protocol's questions, decisions and drafts, in the order they are asked (requirement
 * and estimation slots live in their own files). Ids are a
 * public contract: answers files are keyed by them, so an id is never renamed or reused.
 */
import { downtime, formatDuration, formatPercent } from '../../estimation/index.js';
import { fail, ok } from '../../lib/result.js';
import type { ZodType } from 'zod';
import type {
  DecisionSlot,
  DecisionValue,
  DeriveStep,
  DraftStep,
  QuestionSlot,
  Scope,
} from '../../protocol/types.js';
import {
  ARCHETYPE_VALUES,
  ARCHITECTURE_VALUES,
  CACHE_VALUES,
  CONSISTENCY_VALUES,
  DATASTORE_VALUES,
  DEPLOYMENT_VALUES,
  FEATURE_VALUES,
  FOCUS_VALUES,
  REGION_VALUES,
  SERVING_VALUES,
  WRITE_PATH_VALUES,
} from './decision-values.js';
import { designDrafts, requirementTexts } from './model.js';
import { ARCHETYPE_INDEX } from './archetype-index.js';
import { ARCHETYPE_SLOT } from './archetype-choice.js';
import { SCOPES } from '../../protocol/types.js';
import { costOf } from './cost.js';
import { keepFindingsSlot, reviewStep } from './review.js';
import { secondOpinionStep } from './second-opinion.js';
import { ESTIMATION_STEPS } from './estimation-slots.js';
import { REQUIREMENT_SLOTS } from './requirement-slots.js';
import { withStatedFacts } from './prefill.js';
import { asText, nonEmptyText } from '../../protocol/answer-text.js';
import { approvalSlotFor } from '../../protocol/common-slots.js';
import { isEvasive, regionNeedsIn } from './requirements.js';
import { ML_ONLY, isMl, question } from './slot-kit.js';

export const DESIGN_PHASES = [
  { id: 'requirements', title: 'Requirements' },
  { id: 'estimation', title: 'Estimation' },
  { id: 'high-level', title: 'High-level design' },
  { id: 'deep-dive', title: 'Deep-dive' },
  { id: 'tradeoffs', title: 'Tradeoffs' },
  { id: 'operations', title: 'Operations' },
] as const;

export type DesignPhaseId = (typeof DESIGN_PHASES)[number]['id'];

// ---------------------------------------------------------------------------------------------
// Setup

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
// Phases 3-6: decisions and drafts

const decision = (
  id: string,
  phase: DesignPhaseId,
  title: string,
  prompt: string,
  values: readonly DecisionValue[],
  more: Partial<
    Pick<DecisionSlot, 'when' | 'appliesTo' | 'custom' | 'items' | 'recommendedWhenUnanswered'>
  > = {},
): DecisionSlot => ({
  kind: 'decision',
  id,
  phase,
  title,
  prompt,
  when: 'always',
  values,
  ...more,
});

type DraftSchemas = typeof import('./draft-schemas.js');

/** A draft of prose around the engine's numbers; its schema is loaded when a model's draft is checked. */
const draft = (
  id: string,
  phase: DesignPhaseId,
  title: string,
  tool: string,
  schema: keyof DraftSchemas,
  prose: readonly string[],
): DraftStep => ({
  kind: 'draft',
  id,
  phase,
  title,
  when: 'always',
  tool,
  schema: async (): Promise<ZodType> => (await import('./draft-schemas.js'))[schema],
  prose,
});

const highLevel: (QuestionSlot | DecisionSlot | DraftStep)[] = [
  decision(
    ARCHETYPE_SLOT,
    'high-level',
    'System archetype',
    'Which kind of system is this? The archetype decides the components beyond an API and a datastore.',
    ARCHETYPE_VALUES,
    {
      recommendedWhenUnanswered: true,
      items: () =>
        ARCHETYPE_INDEX.map((archetype) => ({
          id: archetype.id,
          name: archetype.name,
          aliases: archetype.aliases,
        })),
    },
  ),
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
    ARCHITECTURE_VALUES,
  ),
  decision(
    'high-level.datastore',
    'high-level',
    'Primary datastore',
    'Where does the system of record live?',
    DATASTORE_VALUES,
    {
      custom: {
        unchecked:
          'whether one node can hold the writes and data, its failover and quorum, and the datastore deep-dive',
      },
    },
  ),
  decision(
    'high-level.regions',
    'high-level',
    'Region strategy',
    'How many regions serve the system, and which of them take writes?',
    REGION_VALUES,
    {
      when: 'when a requirement mentions regions (multi-region, two regions, EU and US, a region outage, data residency)',
      appliesTo: (state) => regionNeedsIn(requirementTexts(state)).phrase !== undefined,
      // Added after answers files were written: a file that mentions regions without it takes A.
      recommendedWhenUnanswered: true,
    },
  ),
  decision('high-level.cache', 'high-level', 'Caching', 'Should reads go through a cache?', CACHE_VALUES),
  decision(
    'high-level.write-path',
    'high-level',
    'Write path',
    'Are writes applied synchronously or through a queue?',
    WRITE_PATH_VALUES,
  ),
  decision(
    'high-level.serving',
    'high-level',
    'Model serving mode',
    'How are predictions produced: per request, or precomputed in batch?',
    SERVING_VALUES,
    { when: ML_ONLY, appliesTo: isMl },
  ),
  decision(
    'high-level.features',
    'high-level',
    'Feature pipeline',
    'Where are model features computed and stored?',
    FEATURE_VALUES,
    { when: ML_ONLY, appliesTo: isMl },
  ),
  draft(
    'high-level.components',
    'high-level',
    'Components and data flow',
    'write_architecture',
    'architectureSchema',
    ['summary', 'components[id].purpose', 'components[id].failureMode'],
  ),
];

const deepDive: (DecisionSlot | DraftStep)[] = [
  decision(
    'deep-dive.focus',
    'deep-dive',
    'Deep-dive focus',
    'Which components deserve a deep-dive?',
    FOCUS_VALUES,
    {
      items: (state) =>
        (designDrafts(state).architecture?.components ?? []).map((component) => ({
          id: component.id,
          name: component.name,
          aliases: [component.type],
        })),
    },
  ),
  draft('deep-dive.details', 'deep-dive', 'Deep-dives', 'write_deep_dives', 'deepDivesSchema', [
    '[componentId].why',
    '[componentId].approach[]',
    '[componentId].failureHandling[]',
    '[componentId].scaling[factor].plan',
  ]),
];

const tradeoffs = [
  decision(
    'tradeoffs.consistency',
    'tradeoffs',
    'Consistency versus availability',
    'During a network partition, refuse requests or serve possibly stale data?',
    CONSISTENCY_VALUES,
  ),
  draft('tradeoffs.records', 'tradeoffs', 'Tradeoff records', 'write_tradeoffs', 'tradeoffsSchema', [
    '[decision].reason',
    '[decision].alternativeWins',
  ]),
];

const operations: (QuestionSlot | DecisionSlot | DraftStep | DeriveStep)[] = [
  decision(
    'operations.deployment',
    'operations',
    'Deployment strategy',
    'How are new versions rolled out and rolled back?',
    DEPLOYMENT_VALUES,
    { custom: { unchecked: 'the release gates and rollback time the operations plan assumes' } },
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
  draft('operations.plan', 'operations', 'Operations plan', 'write_operations_plan', 'operationsSchema', [
    'failureModes[component].failure',
    'failureModes[component].degradation',
    'deployment[]',
    'migrations[]',
  ]),
  {
    kind: 'derive',
    id: 'operations.cost',
    phase: 'operations',
    title: 'Cost estimate',
    when: 'always',
    derive: costOf,
  },
  reviewStep,
  secondOpinionStep,
  keepFindingsSlot,
];

export const DESIGN_STEPS = [
  ...REQUIREMENT_SLOTS.map(withStatedFacts),
  ...ESTIMATION_STEPS.map(withStatedFacts),
  ...highLevel,
  ...deepDive,
  ...tradeoffs,
  ...operations,
];

// ---------------------------------------------------------------------------------------------
// Approval

export const approvalSlot = approvalSlotFor(
  DESIGN_PHASES.map((phase) => phase.id),
  'operations',
);

/** Shown with the availability answer: what the target allows. */
export function downtimeNote(availability: number): string {
  const allowed = downtime(availability);
  return `${formatPercent(availability)} allows ${formatDuration(allowed.perYear)} of downtime a year, ${formatDuration(allowed.perMonth)} a month.`;
}
