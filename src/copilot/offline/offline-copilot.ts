/**
 * The offline co-pilot: deterministic, no network. Push-backs come from the slots' own rules and
 * everything else from the protocol's advisor (rules, the engine's numbers and the reference guides).
 */
import type { Advisor, CoPilot } from '../port.js';

export function createOfflineCoPilot(advisor: Advisor): CoPilot {
  return {
    name: 'offline',
    phrase: (slot, state) => Promise.resolve(advisor.phrase?.(slot, state) ?? slot.prompt),
    review: (slot, value, state) => {
      const pushBack = slot.pushBack?.(value, state);
      const note = advisor.note?.(slot, value, state);
      return Promise.resolve({ ...(pushBack ? { pushBack } : {}), ...(note ? { note } : {}) });
    },
    propose: (slot, state) => Promise.resolve(advisor.propose(slot, state)),
    report: (slot, choice, proposal, state) => Promise.resolve(advisor.report(slot, choice, proposal, state)),
    draft: (step, state) => {
      if (!advisor.draft) throw new Error(`the offline advisor drafts nothing, but was asked for ${step.id}`);
      return Promise.resolve(advisor.draft(step, state));
    },
  };
}
