/**
 * The steps of a phase as they will most likely go: each decision taking its recommendation, each
 * draft made from what comes before it. Walking them gives the baselines the model will be asked
 * about, so their requests can start when the phase starts instead of when the person reaches them.
 * A question not answered yet is left unanswered (later baselines that depend on it differ when the
 * real step comes, and that step then asks again). Derived results are made only for real.
 */
import { applies, isDone, recordDecision, recordDraft, stateBefore } from '../../protocol/machine.js';
import type { DecisionSlot, DraftStep, Proposal, Protocol, SessionState } from '../../protocol/types.js';
import type { CoPilot } from '../port.js';

export interface Speculation {
  decision(slot: DecisionSlot, state: SessionState, baseline: Proposal): void;
  draft(step: DraftStep, state: SessionState, baseline: unknown): void;
}

export async function speculate(
  protocol: Protocol,
  state: SessionState,
  phase: string,
  offline: CoPilot,
  on: Speculation,
): Promise<void> {
  let spec = state;
  for (const step of protocol.steps) {
    if (step.phase !== phase || !applies(step, spec) || isDone(step, spec)) continue;
    if (step.kind === 'decision') {
      const baseline = await offline.propose(step, spec);
      on.decision(step, spec, baseline);
      const [a] = baseline.options;
      const choice = {
        value: a.value,
        ...(a.items ? { items: a.items } : {}),
        source: 'option' as const,
        key: 'A' as const,
        label: a.label,
      };
      const report = await offline.report(step, choice, baseline, spec);
      spec = recordDecision(spec, step.id, { ...choice, proposal: baseline, detailShown: false, report });
    } else if (step.kind === 'draft') {
      const before = stateBefore(protocol, spec, step.id);
      const baseline = await offline.draft(step, before);
      on.draft(step, before, baseline);
      spec = recordDraft(spec, step.id, baseline);
    }
  }
}
