/**
 * What a person may type at any prompt instead of an answer: `?` or `help` (explain the question),
 * `back` (the previous question, its answer offered again) and `skip` (an optional question's
 * default). None of them is ever an answer; a scripted run that gives one is refused (65).
 */
import { asText } from './answer-text.js';
import type { AnswerKind, DecisionSlot, Proposal, QuestionSlot, RawAnswer, SessionState } from './types.js';

export type PromptCommand = 'help' | 'back' | 'skip';

/** The command a raw answer is, when it is exactly one (case and surrounding spaces aside). */
export function promptCommand(raw: RawAnswer | undefined): PromptCommand | undefined {
  if (raw === undefined) return undefined;
  const text = asText(raw).trim().toLowerCase();
  if (text === '?' || text === 'help') return 'help';
  if (text === 'back') return 'back';
  if (text === 'skip') return 'skip';
  return undefined;
}

/** Why a scripted run refuses a prompt command as an answer (one line, naming the id). */
export function scriptedCommandMessage(id: string, raw: RawAnswer): string {
  return `${id}: "${asText(raw).trim()}" is what a person types at a prompt (help, back, skip), not an answer; write the answer itself`;
}

/** The forms an answer of each kind accepts, one short paragraph each, with examples. */
const FORMS: Readonly<Record<AnswerKind, string>> = {
  text: 'Accepted: plain words; a sentence or two with the numbers you know is enough.',
  list: 'Accepted: several items separated by ";" (one use case per item), e.g. "users paste text; visitors read it".',
  count:
    'Accepted: a number, with k, M or B for thousands, millions, billions: "2M", "500k", "40", "1.5B"; a label after it (DAU, users) is fine.',
  number: 'Accepted: a plain number, e.g. "3" or "2.5".',
  size: 'Accepted: a size with its unit (SI: 1 KB = 1000 B; KiB when you mean 1024): "300B", "1.2KB", "10 MB".',
  rate: 'Accepted: a count per period: "10M/day", "~5k rps at peak", "2/day per user", "1160/s".',
  'rate-or-ratio':
    'Accepted: a read:write ratio such as "10:1", or a rate with its period such as "50M/day" or "600/s".',
  duration: 'Accepted: a duration with its unit: "5y", "30 days", "90d", "12h".',
  percent: 'Accepted: a percentage: "99.9%", "99.95".',
  latency: 'Accepted: percentiles with units: "P50 30ms, P99 200ms", or one of them: "P99 < 100ms".',
  choice: 'Pick one with the arrow keys and Enter; Esc goes back to the previous question.',
  decision:
    'Accepted: A (the recommendation), B (the alternative), C (more detail first), or your own choice in a few words, e.g. "a queue".',
  approval:
    'Accepted: "yes" to write the document, a phase name to revise the whole phase, or revise one answer from the list.',
};

export function answerForms(kind: AnswerKind): string {
  return FORMS[kind];
}

const COMMANDS =
  'At any prompt: "?" or "help" explains, "back" returns to the previous question, "skip" leaves an optional question.';

/** What `?` shows at a question the `times`-th time: the slot's own help, or its help, example and forms. */
export function questionHelp<T>(slot: QuestionSlot<T>, state: SessionState, times: number): string {
  if (slot.helpAt) return slot.helpAt(state, times);
  return [
    slot.help,
    `Example: ${slot.example}`,
    answerForms(slot.answer),
    ...(slot.optional ? [`Optional: "skip" or Enter takes ${slot.optional.note}.`] : []),
    COMMANDS,
  ].join('\n');
}

/** What `?` shows at a decision: what is decided, the position, and how to answer. */
export function decisionHelp(slot: DecisionSlot, proposal: Proposal): string {
  const [a, b] = proposal.options;
  return [
    `${slot.title}: ${proposal.explain}`,
    `A) ${a.label}: ${a.summary}`,
    `B) ${b.label}: ${b.summary}`,
    answerForms('decision'),
    COMMANDS,
  ].join('\n');
}
