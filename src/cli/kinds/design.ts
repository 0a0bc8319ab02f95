/** The design session: six phases to system_design.md, with red flags and decision rules. */
import { designAdvisor } from '../../copilot/offline/design/advisor.js';
import { designProtocol } from '../../protocols/design/index.js';
import { designAnswers, designDrafts, designResults } from '../../protocols/design/model.js';
import { estimateSpecFrom } from '../../protocols/design/estimate-input.js';
import { estimateFromSpec } from '../../estimation/index.js';
import { estimateJson } from '../../estimation/json-report.js';
import { engineTables } from '../../knowledge/engine-tables.js';
import { loadCompiledKnowledge } from '../../knowledge/compiled.js';
import { asText } from '../../protocol/answer-text.js';
import type { SessionState } from '../../protocol/types.js';
import { ARCHETYPE_SLOT } from '../../protocols/design/archetype-choice.js';
import { KEEP_ID, REVIEW_ID, type DesignReview, type KeptFindings } from '../../protocols/design/review.js';
import { renderDesignAdrs } from '../../render/adr-input.js';
import { renderSystemDesign } from '../../render/system-design.js';
import { decisionRules } from '../../rules/decision-rules.js';
import { redFlags } from '../../rules/red-flags.js';
import { adrFlags, decidingFlags, parseFlags, scopeFlag } from '../options.js';
import type { SessionKind } from '../session-kind.js';
import { describeDesign } from '../session-view.js';

/** The design as data: components with a type from COMPONENT_TYPES, and the flows between them. */
function architectureSummary(state: SessionState): Record<string, unknown> | null {
  const architecture = designDrafts(state).architecture;
  if (!architecture) return null;
  return {
    components: architecture.components.map(({ id, name, type, purpose }) => ({ id, name, type, purpose })),
    flows: architecture.flows.map(({ from, to, label }) => ({ from, to, label })),
  };
}

/**
 * The monthly bill as data: each line billed to a component, in US dollars, with when it applies;
 * the total is the bill once the retention period is full (the first month's storage is left out).
 */
function costSummary(state: SessionState): Record<string, unknown> | null {
  const cost = designResults(state).cost;
  if (!cost) return null;
  const cents = (usd: number): number => Math.round(usd * 100) / 100;
  return {
    lines: cost.rows.map(({ component, item, basis, usd }) => ({
      component,
      item,
      basis,
      monthly_usd: cents(usd),
    })),
    total_monthly_usd: cents(
      cost.rows.filter((row) => row.basis !== 'first-month').reduce((sum, row) => sum + row.usd, 0),
    ),
  };
}

/**
 * The self-check as data: each finding with its severity and evidence (and the reason when the team
 * kept it), each requirement with the components serving it, and every component's size at 1x.
 */
function reviewSummary(state: SessionState): Record<string, unknown> {
  const review = state.derived[REVIEW_ID] as DesignReview | undefined;
  if (!review) return { findings: [], requirements: [], sizing: [] };
  const kept = (state.answers[KEEP_ID]?.value ?? {}) as KeptFindings;
  return {
    findings: review.findings.map(({ id, severity, message, evidence }) => ({
      id,
      severity,
      message,
      evidence,
      ...(kept[id] === undefined ? {} : { kept: kept[id] }),
    })),
    requirements: review.requirements,
    sizing: (review.sizing[0]?.tiers ?? []).map(({ component, result, calculation }) => ({
      component,
      size: result,
      calculation,
    })),
  };
}

/**
 * Every answer as data: its text, its parsed value in base units (1/s, B, s, fractions), how it was
 * read back and, when it came from a fact stated earlier, where.
 */
function answersSummary(state: SessionState): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(state.answers).map(([id, record]) => [
      id,
      {
        text: asText(record.raw),
        value: record.value ?? null,
        ...(record.read === undefined ? {} : { read: record.read }),
        ...(record.prefilledFrom === undefined ? {} : { prefilledFrom: record.prefilledFrom }),
      },
    ]),
  );
}

/** The estimate as `estimate --json` prints it for the same inputs (one builder for both). */
function estimateSummary(state: SessionState): Record<string, unknown> | null {
  const spec = estimateSpecFrom(designAnswers(state));
  if (!spec) return null;
  const result = estimateFromSpec(spec, engineTables(loadCompiledKnowledge()));
  return result.ok ? estimateJson(spec, result.value) : null;
}

const DOCUMENT = 'system_design.md';

const designFlags = decidingFlags.extend({ scope: scopeFlag.optional(), ...adrFlags });

export const designKind: SessionKind = {
  command: 'design',
  protocol: designProtocol,
  options: (raw) => ({ ...parseFlags(designFlags, raw), presets: {} }),
  advisor: designAdvisor,
  presentation: {
    intro: [
      'mlops-design: a system design session, one question at a time.',
      'Six phases: requirements, estimation, high-level design, deep-dive, tradeoffs, operations. Nothing is written until you approve.',
    ],
    flagLabel: 'Red flag',
    describe: describeDesign,
  },
  rules: { flags: redFlags, findings: decisionRules },
  document: DOCUMENT,
  render: (template, state, context) => {
    const adr = context?.adr;
    // The records sit in a folder under --out, beside the document, so a link is the folder and name.
    const records = adr
      ? renderDesignAdrs(state, adr.date, adr.existing, adr.own).map((record) => ({
          decision: record.decision,
          path: `${adr.dir}/${record.fileName}`,
          content: record.content,
        }))
      : [];
    const links = new Map(records.map((record) => [record.decision, record.path]));
    return {
      artifacts: [
        {
          path: DOCUMENT,
          content: renderSystemDesign(template, state, redFlags(state), decisionRules(state), links),
        },
        ...records.map(({ path, content }) => ({ path, content })),
      ],
      problems: [],
    };
  },
  summary: (state) => ({
    answers: answersSummary(state),
    estimate: estimateSummary(state),
    architecture: architectureSummary(state),
    cost: costSummary(state),
    red_flags: redFlags(state).map(({ id, phase, message }) => ({ id, phase, message })),
    decision_rules: decisionRules(state).map(({ id, phase, message }) => ({ id, phase, message })),
    archetypes: state.decisions[ARCHETYPE_SLOT]?.items ?? [],
    ...reviewSummary(state),
  }),
};
