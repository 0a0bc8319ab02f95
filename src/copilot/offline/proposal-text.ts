/**
 * What every offline advisor's proposals share: the option builder, the citation of the reference
 * guide behind a decision, and the report of what was decided.
 */
import type { Guide } from '../../knowledge/guide.js';
import {
  CUSTOM,
  type Choice,
  type DecisionSlot,
  type Proposal,
  type ProposalOption,
} from '../../protocol/types.js';
import type { DecisionChoice } from '../port.js';

/** An option of a proposal: its key, the value it sets (from the slot's enumeration), and its case. */
export const option = (
  key: 'A' | 'B',
  choice: Choice | string,
  label: string,
  summary: string,
  pros: readonly string[],
  cons: readonly string[],
): ProposalOption => ({
  key,
  ...(typeof choice === 'string' ? { value: choice } : choice),
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
  const [a] = proposal.options;
  const picked = proposal.options.find((candidate) => candidate.key === choice.key);
  if (!picked) {
    const own =
      choice.value === CUSTOM ? `your own choice, "${choice.label}"` : `${choice.label} (your choice)`;
    const unchecked =
      choice.value === CUSTOM
        ? ' No rule can check a choice outside the options it knows, so the design marks what it could not check.'
        : '';
    return `${slot.title}: ${own}. The co-pilot recommended ${a.label}; the numbers behind that advice still apply, so ${recheck}.${unchecked}`;
  }
  const constraint = picked.cons[0];
  const how = choice.source === 'default' ? ' (the recommendation, accepted by default)' : '';
  return `${slot.title}: ${picked.label}${how}.${constraint ? ` Constraint it creates: ${constraint}.` : ''}`;
}
