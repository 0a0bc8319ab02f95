/**
 * One screen before approval: what was decided (one line each), the key numbers, and how many
 * findings the self-check made. At 80 columns it fits in about 20 lines; the document carries the rest.
 */
import type { Estimate, MetricId } from '../estimation/index.js';
import type { Protocol, SessionState } from '../protocol/types.js';
import type { DesignReview } from '../protocols/design/review.js';
import { designSecondOpinion } from '../protocols/design/second-opinion.js';

/** The numbers a reviewer checks first, when the session computed them. */
const KEY_METRICS: readonly MetricId[] = [
  'peak_qps',
  'storage_total',
  'egress_bandwidth',
  'cache_memory',
  'servers',
];

const clip = (text: string, width: number): string =>
  text.length > width ? `${text.slice(0, Math.max(0, width - 3)).trimEnd()}...` : text;

export function sessionSummary(state: SessionState, protocol: Protocol | undefined, width: number): string[] {
  const title = (id: string): string =>
    protocol?.steps.find((step) => step.id === id)?.title ?? id.replace(/^[^.]*\./, '');
  const decisions = Object.entries(state.decisions).map(([id, record]) =>
    clip(`  ${title(id)}: ${record.label}`, width),
  );
  const lines = [`Decided (${String(decisions.length)}):`, ...decisions];
  const estimate = state.derived['estimation.numbers'] as Estimate | undefined;
  if (estimate) {
    const numbers = KEY_METRICS.flatMap((id) => {
      const metric = estimate.metrics.find((candidate) => candidate.id === id);
      return metric ? [`${metric.label} ${metric.result}`] : [];
    });
    if (numbers.length > 0) lines.push(`Key numbers: ${numbers.join(' · ')}`);
  }
  const review = state.derived['operations.review'] as DesignReview | undefined;
  if (review) {
    const count = (severity: string): number =>
      review.findings.filter((finding) => finding.severity === severity).length;
    lines.push(
      `Findings: ${String(review.findings.length)} (${String(count('error'))} errors, ${String(count('warning'))} warnings)`,
    );
  }
  // The model's second opinion, merged just before this summary: said here, so nobody approves
  // a document without knowing it is in there.
  const second = designSecondOpinion(state).findings;
  if (second.length > 0)
    lines.push(
      `Second opinion (the model, advisory): ${String(second.length)} in the document's Design Review:`,
      ...second.map((finding) => clip(`  ${finding.about}: ${finding.finding}`, width)),
    );
  lines.push(
    `Answers: ${String(Object.keys(state.answers).length)} given; revise one at the approval prompt.`,
  );
  return lines;
}
