/**
 * system_design.md from a finished design session: a pure function of the state and the template.
 * Nothing in it depends on the clock or the machine, so the same answers give the same bytes.
 */
import {
  formatDuration,
  downtime,
  formatMilliseconds,
  formatPercent,
  formatRate,
} from '../estimation/index.js';
import type { SessionState } from '../protocol/types.js';
import type { CostEstimate } from '../protocols/design/cost.js';
import {
  designAnswers,
  designDrafts,
  designResults,
  type DeepDive,
  type OperationsPlan,
} from '../protocols/design/model.js';
import { DESIGN_STEPS } from '../protocols/design/slots.js';
import type { RuleFinding } from '../rules/decision-rules.js';
import type { RedFlag } from '../rules/red-flags.js';
import { asciiDiagram, mermaidDiagram } from './diagram.js';
import { ARCHETYPE_SLOT } from '../protocols/design/archetype-choice.js';
import { KEEP_ID, REVIEW_ID, type DesignReview, type KeptFindings } from '../protocols/design/review.js';
import { designSecondOpinion, type SecondOpinion } from '../protocols/design/second-opinion.js';
import { bullets, fillTemplate, section, table } from './markdown.js';
import { codeSpan, headingText, inline, linkText, plain } from './markdown-inline.js';

/** Outside text as list items: each one line of escaped prose. */
const list = (items: readonly string[]): string => bullets(items.map(inline));

/** Rows of outside text for a table: every cell escaped prose. */
const rows = (cells: readonly (readonly string[])[]): string[][] => cells.map((row) => row.map(inline));

export function renderSystemDesign(
  template: string,
  state: SessionState,
  flags: readonly RedFlag[],
  rules: readonly RuleFinding[] = [],
  /** Decision title -> the path of its ADR, relative to the document, when ADRs are written. */
  records: ReadonlyMap<string, string> = new Map(),
): string {
  const answers = designAnswers(state);
  const { architecture, deepDives = [], tradeoffs = [], operations } = designDrafts(state);
  const { estimate, cost } = designResults(state);
  if (!estimate || !cost || !architecture || !operations)
    throw new Error('the design is not finished: drafts or results are missing');
  const ml = state.scope !== 'system';
  const review = state.derived[REVIEW_ID] as DesignReview | undefined;
  const kept = (state.answers[KEEP_ID]?.value ?? {}) as KeptFindings;
  const peak = estimate.metrics.find((metric) => metric.id === 'peak_qps');

  const context =
    state.context.length > 0
      ? `Context read from ${state.context.map((doc) => codeSpan(doc.name)).join(' and ')}.`
      : '';
  const scopeLine = `Scope: ${state.scope === 'system' ? 'general system' : state.scope === 'ml' ? 'ML system' : 'hybrid (ML inside a larger system)'}.`;

  const functional = list(answers.functional ?? []);
  const nonFunctional: [string, string][] = [
    ['Scale', `${answers.scale?.text ?? 'not stated'}${peak ? ` (estimated ${peak.result} peak)` : ''}`],
    [
      'Latency',
      answers.latency?.deadline !== undefined
        ? `batch: the run must finish within ${formatDuration(answers.latency.deadline)} (no request latency target)`
        : answers.latency
          ? [
              answers.latency.p50 === undefined ? '' : `P50 ${formatMilliseconds(answers.latency.p50)}`,
              `P99 ${formatMilliseconds(answers.latency.p99)}`,
            ]
              .filter(Boolean)
              .join(', ')
          : 'not stated',
    ],
    [
      'Availability',
      answers.availability === undefined
        ? 'not stated'
        : `${formatPercent(answers.availability)} (${formatDuration(downtime(answers.availability).perYear)} of downtime a year)`,
    ],
    ['Consistency', answers.consistency?.text ?? 'not stated'],
    ['Durability', answers.durability?.text ?? 'not stated'],
  ];
  if (ml) {
    nonFunctional.push(
      ['Prediction freshness', answers.predictionFreshness?.text ?? 'not stated'],
      ['Model update frequency', answers.modelUpdate?.text ?? 'not stated'],
      ['Feature freshness', answers.featureFreshness?.text ?? 'not stated'],
      [
        'Model size',
        answers.modelSize
          ? `${answers.modelSize.text}${answers.modelSize.derivation ? ` (${answers.modelSize.derivation})` : ''}`
          : 'not stated',
      ],
    );
  }
  nonFunctional.push(['Team', answers.team?.text ?? 'not stated']);

  const estimation = [
    table(
      ['Metric', 'Calculation', 'Result'],
      rows(estimate.metrics.map((metric) => [metric.label, metric.calculation, metric.result])),
    ),
    `Assumptions: ${estimate.assumptions.map(inline).join('; ')}.`,
    review && review.assumptions.length > 0
      ? section(
          '### What the Archetype Assumes',
          table(
            ['Assumption', 'Value', 'Why'],
            rows(
              review.assumptions.map((assumption) => [assumption.label, assumption.value, assumption.why]),
            ),
          ),
        )
      : '',
  ]
    .filter(Boolean)
    .join('\n\n');

  // The labels only: the reasons, alternatives and when each alternative wins are in Tradeoffs.
  const decisions = DESIGN_STEPS.flatMap((step) => {
    const record = step.kind === 'decision' ? state.decisions[step.id] : undefined;
    return record && step.id.startsWith('high-level.') && step.id !== ARCHETYPE_SLOT
      ? [`${step.title.toLowerCase()}: ${inline(record.label)}`]
      : [];
  });
  const components = architecture.components
    .filter((component) => component.type !== 'client')
    .map((component) =>
      section(
        `#### ${headingText(component.name)}`,
        list([
          `Purpose: ${component.purpose}`,
          `API contract: ${component.api}`,
          `Data owned: ${component.data}`,
          `Failure mode: ${component.failureMode}`,
        ]),
      ),
    );
  const names = new Map(architecture.components.map((component) => [component.id, component.name]));
  const archetypeRecord = state.decisions[ARCHETYPE_SLOT];
  const architectureText = [
    archetypeRecord ? `Archetype: ${inline(archetypeRecord.label)}.` : '',
    inline(architecture.summary),
    '```text\n' + asciiDiagram(architecture) + '\n```',
    '```mermaid\n' + mermaidDiagram(architecture) + '\n```',
    decisions.length > 0
      ? section(
          '### Key Decisions',
          `${decisions.join('; ')} (reasons and alternatives under [Tradeoffs](#tradeoffs)).`,
        )
      : '',
    section('### Component Descriptions', components.join('\n\n')),
    review ? renderCoverage(review, names) : '',
    review ? renderSizing(review, names) : '',
  ]
    .filter(Boolean)
    .join('\n\n');

  const summary = summaryOf(state, flags, deepDives);
  return fillTemplate(template, {
    title: headingText(state.title),
    context: [scopeLine, context].filter(Boolean).join(' '),
    functional,
    non_functional: table(['Requirement', 'Target'], rows(nonFunctional)),
    estimation,
    architecture: architectureText,
    deep_dives: deepDives.map(renderDeepDive).join('\n\n'),
    tradeoffs: table(
      ['Decision', 'Chosen', 'Alternative', 'Reason', 'When the alternative wins'],
      [...tradeoffs, ...operations.tradeoffs].map((t) => [
        records.has(t.decision)
          ? `[${linkText(t.decision)}](${records.get(t.decision) ?? ''})`
          : inline(t.decision),
        ...[t.chosen, t.alternative, t.reason, t.alternativeWins].map(inline),
      ]),
    ),
    operations: renderOperations(operations, cost, names),
    design_review: review ? renderReview(review, kept, designSecondOpinion(state)) : '',
    red_flags:
      flags.length > 0
        ? section(
            '## Red Flags',
            bullets(flags.map((flag) => `**${plain(flag.id)}** (${flag.phase}): ${inline(flag.message)}`)),
          )
        : '',
    decision_rules:
      rules.length > 0
        ? section(
            '## Decision Rules',
            bullets(
              rules.map(
                (finding) => `**${plain(finding.id)}** (${finding.phase}): ${inline(finding.message)}`,
              ),
            ),
          )
        : '',
    summary,
  });
}

function renderDeepDive(deepDive: DeepDive): string {
  const guide = deepDive.guide
    ? `Principle, from the guide *${plain(deepDive.guide.title)}* (${codeSpan(deepDive.guide.id)}): ${inline(deepDive.guide.principle)}`
    : '';
  return [
    `## Deep-Dive: ${headingText(deepDive.title)}`,
    inline(deepDive.why),
    guide,
    section('### Data Model', list(deepDive.dataModel)),
    section('### Approach', list(deepDive.approach)),
    section(
      '### Scaling',
      table(
        ['Growth', 'Numbers', 'Plan'],
        rows(deepDive.scaling.map((step) => [`${step.factor}x`, step.numbers, step.plan])),
      ),
    ),
    section('### Failure Handling', list(deepDive.failureHandling)),
    section('### Interface', bullets(deepDive.interface.map(codeSpan))),
  ]
    .filter(Boolean)
    .join('\n\n');
}

function renderOperations(
  plan: OperationsPlan,
  cost: CostEstimate,
  names: ReadonlyMap<string, string>,
): string {
  return [
    section(
      '### Monitoring',
      [
        list(plan.monitoring),
        section('#### SLOs and Error Budget', list(plan.slo)),
        section('#### Alerting', list(plan.alerts)),
        ...(plan.watchFor.length > 0 ? [section('#### Watch For', list(plan.watchFor))] : []),
      ].join('\n\n'),
    ),
    section(
      '### Deployment',
      [list(plan.deployment), section('#### Migrations', list(plan.migrations))].join('\n\n'),
    ),
    section(
      '### Failure Modes',
      table(
        ['Component', 'Failure', 'Graceful degradation'],
        rows(plan.failureModes.map((mode) => [mode.component, mode.failure, mode.degradation])),
      ),
    ),
    section(
      '### Cost Estimation',
      [
        table(
          ['Component', 'Item', 'Calculation', 'Monthly (estimate)'],
          rows(
            cost.rows.map((row) => [
              names.get(row.component) ?? row.component,
              row.item,
              row.calculation,
              row.monthly,
            ]),
          ),
        ),
        inline(cost.note),
      ].join('\n\n'),
    ),
  ].join('\n\n');
}

function summaryOf(state: SessionState, flags: readonly RedFlag[], deepDives: readonly DeepDive[]): string {
  const peak = designResults(state).estimate?.metrics.find((metric) => metric.id === 'peak_qps');
  // The decisions are listed under Key Decisions and Tradeoffs; the summary names what is hard here.
  const hard = deepDives.map((deepDive) => deepDive.title.replace(/^[^:]*:\s*/, '').toLowerCase());
  const pushedBack = Object.entries(state.answers)
    .filter(([, record]) => record.pushBack !== undefined)
    .map(([id]) => codeSpan(id));
  const next =
    flags.length > 0
      ? `Resolve the red flags above first (${flags.map((flag) => plain(flag.id)).join(', ')}), then review the design with the team.`
      : state.scope === 'system'
        ? `Review the design with the team, then prototype ${deepDives[0] ? inline(deepDives[0].title) : 'the riskiest component'} and load-test it at ${peak ? formatRate(peak.value * 2) : 'twice the planned peak'}.`
        : 'Review the design with the team, then scope the ML pipelines in detail (`mlops-design pipeline`).';
  return [
    `${plain(state.title)}: ${inline(designDrafts(state).architecture?.summary ?? '')}`,
    hard.length > 0 ? `What is hard here: ${hard.map(inline).join('; ')}.` : '',
    pushedBack.length > 0 ? `Accepted after push-back, worth revisiting: ${pushedBack.join(', ')}.` : '',
    `Next step: ${next}`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

function renderCoverage(review: DesignReview, names: ReadonlyMap<string, string>): string {
  if (review.requirements.length === 0) return '';
  return section(
    '### Requirement Coverage',
    table(
      ['Requirement', 'Served by'],
      review.requirements.map((entry) => [
        inline(entry.requirement),
        [
          entry.components.map((id) => inline(names.get(id) ?? id)).join(', '),
          entry.missing === undefined ? '' : `**missing: ${plain(entry.missing)}**`,
        ]
          .filter(Boolean)
          .join('; '),
      ]),
    ),
  );
}

function renderSizing(review: DesignReview, names: ReadonlyMap<string, string>): string {
  const [now, ...later] = review.sizing;
  if (!now || now.tiers.length === 0) return '';
  const growth = table(
    ['Component', ...review.sizing.map((at) => at.label)],
    rows(
      now.tiers.map((tier) => [
        names.get(tier.component) ?? tier.component,
        tier.result,
        ...later.map((at) => at.tiers.find((other) => other.component === tier.component)?.result ?? '-'),
      ]),
    ),
  );
  const how = now.tiers.flatMap((tier) => [
    `${names.get(tier.component) ?? tier.component}: ${tier.calculation}.`,
    ...tier.figures.map(
      (figure) =>
        `${names.get(tier.component) ?? tier.component}, ${lowerFirst(figure.label)}: ${figure.calculation}.`,
    ),
  ]);
  return section('### Sizing', [growth, section('How the 1x sizes are computed:', list(how))].join('\n\n'));
}

function renderReview(review: DesignReview, kept: KeptFindings, second: SecondOpinion): string {
  const findings = review.findings.map((finding) => {
    const reason = kept[finding.id];
    return `**${finding.severity}** ${codeSpan(finding.id)}: ${inline(finding.message)} Evidence: ${inline(finding.evidence)}.${reason === undefined ? '' : ` Kept by the team: ${inline(reason)}.`}`;
  });
  const opinion =
    second.findings.length === 0
      ? ''
      : section(
          '### Second Opinion (the model, advisory)',
          [
            "A model read the finished design against the requirements. These findings are its own: no rule reads them, they block nothing, and the self-check's findings above stand as they are.",
            bullets(
              second.findings.map(
                (finding) =>
                  `${codeSpan(finding.about)}: ${inline(finding.finding)} Evidence: ${inline(finding.evidence)}`,
              ),
            ),
          ].join('\n\n'),
        );
  return section(
    '## Design Review',
    [
      findings.length === 0
        ? 'The self-check found nothing: every requirement is served by a named component, every component is sized at 1x and costed, and no decision contradicts its own condition or a stated requirement.'
        : bullets(findings),
      opinion,
    ]
      .filter(Boolean)
      .join('\n\n'),
  );
}

/** "Weights" -> "weights", but "KV cache" and "GPUs per replica" keep their capitals. */
const lowerFirst = (text: string): string =>
  /^[A-Z][a-z]/.test(text) ? `${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;
