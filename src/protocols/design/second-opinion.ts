/**
 * A second opinion on the finished design: a model-backed co-pilot reads the design against the
 * requirements and may add findings, each about something the design has (a requirement, a
 * decision, a component) with its evidence. They are the model's, shown apart from the self-check
 * and never blocking: no rule reads them, so they cannot raise or clear a red flag or a finding.
 * The offline co-pilot's second opinion is empty; its review is the self-check itself.
 */
import { z } from 'zod';
import type { DraftStep, SessionState } from '../../protocol/types.js';
import { designDrafts, designResults } from './model.js';

export const SECOND_OPINION_ID = 'operations.second-opinion';
const MAX_SECOND_OPINIONS = 5;

export const secondOpinionSchema = z.strictObject({
  findings: z
    .array(
      z.strictObject({
        about: z.string().min(1).max(120),
        finding: z.string().min(1).max(600),
        evidence: z.string().min(1).max(600),
      }),
    )
    .max(MAX_SECOND_OPINIONS),
});
export type SecondOpinion = z.infer<typeof secondOpinionSchema>;

export const NO_SECOND_OPINION: SecondOpinion = { findings: [] };

/** What a finding may be about: the answers, the decisions and the components of this design. */
function citable(state: SessionState): string[] {
  const components = designDrafts(state).architecture?.components.map((component) => component.id) ?? [];
  return [...Object.keys(state.answers), ...Object.keys(state.decisions), ...components];
}

/** The design as a reviewer reads it in a few lines: components, headline numbers, the bill. */
function designBrief(state: SessionState): string {
  const { architecture } = designDrafts(state);
  const { estimate, cost } = designResults(state);
  const components = (architecture?.components ?? []).map(
    (component) => `- ${component.id}: ${component.name} (${component.type})`,
  );
  const numbers = (estimate?.metrics ?? []).map((metric) => `- ${metric.label}: ${metric.result}`);
  const bill = (cost?.rows ?? []).map((row) => `- ${row.component}: ${row.item}, ${row.monthly}/month`);
  return [
    components.length > 0 ? `Components:\n${components.join('\n')}` : '',
    numbers.length > 0 ? `Estimate:\n${numbers.join('\n')}` : '',
    bill.length > 0 ? `Monthly cost:\n${bill.join('\n')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export const secondOpinionStep: DraftStep = {
  kind: 'draft',
  id: SECOND_OPINION_ID,
  phase: 'operations',
  title: 'Second opinion',
  when: 'always',
  tool: 'review_design',
  schema: () => Promise.resolve(secondOpinionSchema),
  review: { cites: citable, brief: designBrief },
};

export function designSecondOpinion(state: SessionState): SecondOpinion {
  return (state.drafts[SECOND_OPINION_ID] as SecondOpinion | undefined) ?? NO_SECOND_OPINION;
}
