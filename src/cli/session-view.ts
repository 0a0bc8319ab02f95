/**
 * The session as shown on stderr: phase headers, proposals in EPCE form, push-backs, reports, red
 * flags and a digest of each draft and computed result. Plain text when colour is off; never
 * anything on stdout.
 */
import { SECOND_OPINION_ID, type SecondOpinion } from '../protocols/design/second-opinion.js';
import type { Estimate } from '../estimation/index.js';
import type {
  DecisionSlot,
  DeriveStep,
  DraftStep,
  Proposal,
  Protocol,
  SessionState,
} from '../protocol/types.js';
import type { DesignReview } from '../protocols/design/review.js';
import type { CostEstimate } from '../protocols/design/cost.js';
import type { Architecture, DeepDive, OperationsPlan, Tradeoff } from '../protocols/design/model.js';
import { asciiDiagram } from '../render/diagram.js';
import type { RuleFinding } from '../rules/decision-rules.js';
import type { RedFlag } from '../rules/red-flags.js';
import type { SessionView } from '../session/view.js';
import type { Output } from './output.js';
import type { Presentation } from './session-kind.js';
import { sessionSummary } from './session-summary.js';
import { terminalWidth, wrapProse } from '../lib/wrap-text.js';

export function createSessionView(
  out: Output,
  view: Pick<Presentation, 'flagLabel' | 'describe'>,
  protocol?: Protocol,
  width: number = terminalWidth(),
): SessionView {
  const { style } = out;
  const wrap = (text: string): string => wrapProse(text, width);
  // A multi-line element (a diagram) is drawn as it is; every other line is prose and wrapped.
  const block = (lines: readonly string[]): void => {
    out.info(lines.map((line) => (line.includes('\n') ? line : wrap(line))).join('\n'));
  };
  return {
    phase: (label) => {
      out.info(`\n${style.bold.cyan(label)}`);
    },
    // The options are listed once, in the prompt's select with their labels; the block explains,
    // takes a position and weighs the tradeoffs (what option A and B gain and cost).
    proposal: (slot: DecisionSlot, proposal: Proposal) => {
      const [a, b] = proposal.options;
      block([
        '',
        style.bold(`Decision: ${slot.title}`),
        proposal.explain,
        `Position: ${proposal.position}`,
        ...[a, b].map((option) => {
          const tradeoffs = [
            ...option.pros.map((pro) => `+ ${pro}`),
            ...option.cons.map((con) => `- ${con}`),
          ];
          return `  ${option.key}${option.key === 'A' ? ' (recommended)' : ''}: ${option.label}. ${tradeoffs.join('; ')}`;
        }),
      ]);
    },
    detail: (text) => {
      block(['', style.bold('More detail'), text]);
    },
    pushBack: (text) => {
      block(['', style.yellow(`Push-back: ${text}`)]);
    },
    note: (text) => {
      out.info(wrap(text));
    },
    // A reading is echoed on one line, unwrapped: a log keeps one line per reading to grep.
    reading: (text) => {
      out.warn(style.cyan(text));
    },
    report: (text) => {
      out.info(wrap(style.green(`Recorded. ${text}`)));
    },
    result: (step: DraftStep | DeriveStep, value: unknown) => {
      block(['', style.bold(step.title), ...view.describe(step.id, value)]);
    },
    rule: (finding: RuleFinding) => {
      out.warn(wrap(style.magenta.bold(`Rule [${finding.id}]: `) + finding.message));
    },
    redFlag: (flag: RedFlag) => {
      out.warn(wrap(style.red.bold(`${view.flagLabel} [${flag.id}]: `) + flag.message));
    },
    help: (text) => {
      out.warn(wrap(`${style.bold('Help:')} ${text}`));
    },
    kept: (text) => {
      out.info(wrap(style.green(text)));
    },
    summary: (state: SessionState) => {
      block(['', style.bold(`Summary: ${state.title}`), ...sessionSummary(state, protocol, width)]);
    },
  };
}

/** A terminal digest of each design draft and computed result; the document carries the full text. */
export function describeDesign(id: string, draft: unknown): string[] {
  switch (id) {
    case 'estimation.numbers': {
      const estimate = draft as Estimate;
      return [
        ...estimate.metrics.map((metric) => `  ${metric.label}: ${metric.calculation} -> ${metric.result}`),
        '  Assumptions:',
        ...estimate.assumptions.map((assumption) => `  - ${assumption}`),
      ];
    }
    case 'high-level.components': {
      const architecture = draft as Architecture;
      return [architecture.summary, '', asciiDiagram(architecture), ''];
    }
    case 'deep-dive.details':
      return (draft as DeepDive[]).map(
        (deepDive) =>
          `  ${deepDive.title}: ${deepDive.why} Scaling: ${deepDive.scaling.map((step) => `${step.factor}x ${step.plan}`).join(' ')}`,
      );
    case 'tradeoffs.records':
      return (draft as Tradeoff[]).map(
        (record) =>
          `  ${record.decision}: ${record.chosen} over ${record.alternative}. The alternative wins: ${record.alternativeWins.replace(/^When /, 'when ')}`,
      );
    case 'operations.plan':
      return (draft as OperationsPlan).slo.map((line) => `  ${line}`);
    case 'operations.cost':
      return (draft as CostEstimate).rows.map((row) => `  ${row.item}: ${row.calculation} (estimate)`);
    case 'operations.review': {
      const { findings } = draft as DesignReview;
      return findings.length === 0
        ? [
            '  Nothing found: every requirement is served, every component sized and costed, no decision against its own condition.',
          ]
        : findings.map(
            (finding) => `  ${finding.severity} ${finding.id}: ${finding.message} (${finding.evidence})`,
          );
    }
    case SECOND_OPINION_ID: {
      const { findings } = draft as SecondOpinion;
      return findings.map((finding) => `  (the model) ${finding.about}: ${finding.finding}`);
    }
    default:
      return [];
  }
}
