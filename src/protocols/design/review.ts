/**
 * The design review step: the self-check's findings, computed from the composed design once it is
 * sized and billed, and the findings the user keeps anyway with their reasons. Findings are never
 * drafted and never saved: they are computed again on resume, like the estimate and the cost.
 */
import { ok, fail, type Result } from '../../lib/result.js';
import type { Knowledge } from '../../knowledge/load.js';
import { tierTables } from '../../knowledge/tier-tables.js';
import type {
  AnswerProblem,
  DeriveStep,
  QuestionSlot,
  RawAnswer,
  SessionState,
} from '../../protocol/types.js';
import { question } from './slot-kit.js';
import { asText } from '../../protocol/answer-text.js';
import type { Finding } from '../../rules/finding.js';
import { conditionFindings } from '../../rules/self-check-conditions.js';
import { designUnderReview, requirementMap, selfCheck } from '../../rules/self-check.js';
import { designAnswers, designResults } from './model.js';
import { formatPercent } from '../../estimation/index.js';
import { planTiers } from './tier-plan.js';
import { statedFactFindings } from '../../rules/stated-facts-check.js';
import { ESTIMATION_STEPS } from './estimation-slots.js';
import { REQUIREMENT_SLOTS } from './requirement-slots.js';

const ESTIMATION_AND_REQUIREMENT_STEPS = [...REQUIREMENT_SLOTS, ...ESTIMATION_STEPS];
import { chosenArchetypes } from './archetype-choice.js';
import { PARAMETER_UNITS } from './archetype-vocabulary.js';
import { formatQuantity, quantitiesOf } from './quantities.js';

/** One column of the growth table: the tier plan at a multiple of today's load. */
export interface SizingAt {
  /** "1x", "1 year at 30%", "10x". */
  readonly label: string;
  readonly factor: number;
  readonly tiers: readonly {
    readonly component: string;
    readonly result: string;
    readonly calculation: string;
    readonly figures: readonly { readonly label: string; readonly calculation: string }[];
  }[];
}

export interface DesignReview {
  readonly findings: readonly Finding[];
  /** The composed archetypes' stated parameters, as the document shows them. */
  readonly assumptions: readonly { readonly label: string; readonly value: string; readonly why: string }[];
  /** The tier plan at 1x, after the stated growth over 1 and 3 years, and at 10x and 100x. */
  readonly sizing: readonly SizingAt[];
  /** Each functional requirement and the ids of the components that serve it. */
  readonly requirements: readonly {
    readonly requirement: string;
    readonly components: readonly string[];
    readonly missing?: string;
  }[];
}

/** The annual growth the 1- and 3-year sizing assumes when the scale answer states none. */
export const DEFAULT_ANNUAL_GROWTH = 0.2;

export const REVIEW_ID = 'operations.review';
export const KEEP_ID = 'operations.keep-findings';

export function reviewOf(
  state: SessionState,
  knowledge: Pick<Knowledge, 'prices' | 'throughput' | 'archetypes' | 'llmServing'>,
): Result<DesignReview, AnswerProblem> {
  const { cost } = designResults(state);
  if (!cost) throw new Error('the design review needs the cost first');
  const plan = planTiers(state, knowledge.archetypes, tierTables(knowledge));
  const design = designUnderReview(state, knowledge.archetypes, plan, cost);
  if (!design) throw new Error('the design review needs the architecture and the estimate');
  const stated = designAnswers(state).scale?.growth;
  // The stated annual growth sizes the 1- and 3-year columns; unstated, a default is assumed and said.
  const growth = stated ?? DEFAULT_ANNUAL_GROWTH;
  const rate = `${formatPercent(growth)} growth${stated === undefined ? ' (assumed: none stated)' : ''}`;
  const multiples: [string, number][] = [
    ['1x', 1],
    ...(growth <= 0
      ? []
      : ([
          [`1 year at ${rate}`, 1 + growth],
          [`3 years at ${rate}`, (1 + growth) ** 3],
        ] as [string, number][])),
    ['10x', 10],
    ['100x', 100],
  ];
  const tables = tierTables(knowledge);
  const sizing = multiples.map(([label, factor]): SizingAt => ({
    label,
    factor,
    tiers: (factor === 1 ? plan : planTiers(state, knowledge.archetypes, tables, factor)).tiers.map(
      (tier) => ({
        component: tier.component,
        result: tier.tier.result,
        calculation: tier.tier.calculation,
        figures: tier.figures,
      }),
    ),
  }));
  const { estimate } = designResults(state);
  const parameters = estimate
    ? quantitiesOf(estimate, designAnswers(state), chosenArchetypes(state, knowledge.archetypes).archetypes)
        .parameters
    : [];
  return ok({
    assumptions: parameters.map((parameter) => ({
      label: parameter.label,
      value: formatQuantity(parameter.value, PARAMETER_UNITS[parameter.unit]),
      why: parameter.why,
    })),
    sizing,
    findings: [
      ...selfCheck(design),
      ...conditionFindings(state, knowledge.throughput.capacity),
      ...statedFactFindings(state, ESTIMATION_AND_REQUIREMENT_STEPS),
    ],
    requirements: requirementMap(design).map((entry) => ({
      requirement: entry.requirement,
      components: entry.components.map((component) => component.id),
      ...(entry.missing === undefined ? {} : { missing: entry.missing }),
    })),
  });
}

export const reviewStep: DeriveStep<DesignReview> = {
  kind: 'derive',
  id: REVIEW_ID,
  phase: 'operations',
  title: 'Design review',
  when: 'always',
  derive: reviewOf,
};

/** The findings kept anyway, by id, with the reason given. */
export type KeptFindings = Readonly<Record<string, string>>;

export function parseKept(raw: RawAnswer): Result<KeptFindings> {
  const text = asText(raw).trim();
  if (/^(?:none|no|nothing|-)?$/i.test(text)) return ok({});
  const kept: Record<string, string> = {};
  for (const line of text.split(/\n|;(?=\s*[a-z][\w-]*(?::[\w.>-]+)?\s*:)/)) {
    const match = /^\s*([a-z][\w-]*(?::[\w.>-]+)?)\s*:\s*(.+?)\s*$/i.exec(line);
    if (!match?.[1] || !match[2])
      return fail(`expected "finding-id: reason" for each finding kept (or "none"), got "${line.trim()}"`);
    kept[match[1]] = match[2];
  }
  return ok(kept);
}

export const keepFindingsSlot: QuestionSlot = question<KeptFindings>({
  kind: 'question',
  id: KEEP_ID,
  phase: 'operations',
  title: 'Findings kept',
  when: 'when the design review finds something',
  appliesTo: (state) => {
    // Before the review is computed (validating an answers file) the question may apply.
    const findings = (state.derived[REVIEW_ID] as Partial<DesignReview> | undefined)?.findings;
    return findings === undefined || findings.some((finding) => finding.severity !== 'info');
  },
  answer: 'text',
  prompt:
    'The design review above lists what the self-check found. Keep any finding anyway? Answer "finding-id: reason" for each one kept (separate several with ";"), or "none"; revise a phase at approval to fix one.',
  help: 'A finding kept is written into the Design Review with your reason, so the reviewer sees it was a decision and not an oversight.',
  example: 'none',
  optional: { default: 'none', note: 'nothing kept' },
  parse: parseKept,
});
