/**
 * A tradeoff record per major decision: what was chosen, the alternative, why, and the concrete
 * conditions under which the alternative would win.
 */
import type { DecisionRecord, DecisionSlot, SessionState } from '../../../protocol/types.js';
import type { Tradeoff } from '../../../protocols/design/model.js';
import { DESIGN_STEPS } from '../../../protocols/design/slots.js';

/** When a value wins, from the slot's enumeration; a custom choice has no recorded condition. */
function winsWhen(slot: DecisionSlot, value: string): string {
  return (
    slot.values.find((candidate) => candidate.value === value)?.winsWhen ??
    "its strengths listed in the proposal outweigh the chosen option's"
  );
}

/**
 * A record for every decision taken so far, or only those of one phase. The tradeoffs phase records
 * what came before it (a draft sees only the steps before it, resumed or not: stateBefore);
 * decisions of the operations phase are recorded by its own draft, never by both, whatever state
 * this is called with.
 */
export function tradeoffsOf(state: SessionState, phase?: string): Tradeoff[] {
  return DESIGN_STEPS.flatMap((step): Tradeoff[] => {
    // Picks of parts of the design (the archetype, the deep-dive focus) are not tradeoffs between two values.
    if (step.kind !== 'decision' || step.items !== undefined) return [];
    if (phase === undefined ? step.phase === 'operations' : step.phase !== phase) return [];
    const record: DecisionRecord | undefined = state.decisions[step.id];
    if (!record) return [];
    const [a, b] = record.proposal.options;
    const alternative = record.key === 'A' ? b : a;
    const reason =
      record.key === 'A'
        ? record.proposal.position
        : record.key === 'B'
          ? `Chosen over the co-pilot's recommendation (${a.label}): ${b.pros.join('; ')}.`
          : `The team's own choice. The co-pilot recommended ${a.label}: ${record.proposal.position}`;
    return [
      {
        decision: step.title,
        chosen: record.label,
        alternative: alternative.label,
        reason,
        alternativeWins: `When ${winsWhen(step, alternative.value)}.`,
      },
    ];
  });
}
