/**
 * What every offline advisor's proposals share: the option builder, the citation of the reference
 * guide behind a decision, and the report of what was decided.
 */
import type { Guide } from '../../knowledge/guide.js';
import type { DecisionSlot, Proposal, ProposalOption } from '../../protocol/types.js';
import type { DecisionChoice } from '../port.js';

export const option = (
  key: 'A' | 'B',
  label: string,
  summary: string,
  pros: readonly string[],
  cons: readonly string[],
): ProposalOption => ({
  key,
  label,
  summary,
  pros,
  cons,
});

/** The guide's principle in one sentence, a red flag it names, and how to read the whole guide. */
export function cite(guide: Guide, flag: RegExp): string {
  const principle = /^.+?[.!?](?=\s|$)/.exec(guide.principle)?.[0] ?? guide.principle;
  const redFlag = guide.redFlags.find((text) => flag.test(text));
  return [
    `From the guide *${guide.title}* (\`${guide.id}\`): ${principle}`,
    ...(redFlag ? [`Red flag it warns of: ${redFlag}`] : []),
    `Read it whole with \`mlops-design references ${guide.id}\`.`,
  ].join(' ');
}

/** What was decided, and the first constraint the chosen option creates. */
export function reportChoice(
  slot: DecisionSlot,
  choice: DecisionChoice,
  proposal: Proposal,
  recheck = 'check the deep-dives against your choice',
): string {
  const [a, b] = proposal.options;
  if (choice.choice === 'other') {
    return `${slot.title}: your own choice, "${choice.chosen}". The co-pilot recommended ${a.label}; the numbers behind that advice still apply, so ${recheck}.`;
  }
  const picked = choice.choice === 'A' ? a : b;
  const constraint = picked.cons[0];
  return `${slot.title}: ${picked.label}.${constraint ? ` Constraint it creates: ${constraint}.` : ''}`;
}
