/**
 * Findings about facts stated once: an answer that reads differently from what an earlier answer
 * stated (the answer given is used; the difference is recorded), and a stated peak far from the peak
 * the estimate computes. Neither fails a scripted run: both are written into the Design Review.
 */
import { prefillConflict } from '../protocol/prefill.js';
import { FACT_SLOTS } from '../protocols/design/stated-facts.js';
import { designResults } from '../protocols/design/model.js';
import { peakDisagreement } from '../protocols/design/peak-check.js';
import { statedPrefill } from '../protocols/design/prefill.js';
import type { QuestionSlot, SessionState, Step } from '../protocol/types.js';
import type { Finding } from './finding.js';

export function statedFactFindings(state: SessionState, steps: readonly Step[]): Finding[] {
  const findings: Finding[] = [];
  const estimate = designResults(state).estimate;
  const peak = estimate ? peakDisagreement(state, estimate) : undefined;
  if (peak)
    findings.push({
      id: 'peak-disagreement',
      severity: 'warning',
      message: peak.message.replace(
        / Which is right\?.*$/,
        ' Plan capacity for the figure that is right, and correct the other.',
      ),
      evidence: peak.evidence,
    });
  for (const id of FACT_SLOTS) {
    const record = state.answers[id];
    const slot = steps.find((step): step is QuestionSlot => step.kind === 'question' && step.id === id);
    if (!record || !slot || record.prefilledFrom !== undefined) continue;
    const stated = statedPrefill(slot, state);
    const conflict = prefillConflict(slot, record.raw, stated);
    if (conflict && stated)
      findings.push({
        id: `stated-fact-conflict:${id}`,
        severity: 'info',
        message: `The answer to ${id} differs from what ${stated.from.replace(/:.*$/, '')} stated; the answer given is used. Correct whichever is wrong.`,
        evidence: `${id}: "${typeof record.raw === 'string' ? record.raw : record.raw.join(', ')}"; ${stated.from}`,
      });
  }
  return findings;
}
