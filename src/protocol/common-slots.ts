/** Slots every protocol shares: the title asked first and the approval asked last. */
import { fail, ok } from '../lib/result.js';
import { asText } from './answer-text.js';
import type { Approval, QuestionSlot } from './types.js';

export const titleSlot: QuestionSlot<string> = {
  kind: 'question',
  id: 'title',
  phase: 'setup',
  title: 'Title',
  when: 'always (answers files: the top-level `title` key)',
  answer: 'text',
  prompt: 'What are we designing? Give it a short title.',
  help: 'The title heads the document, e.g. "Pastebin" or "Real-time fraud scoring".',
  example: 'URL shortener',
  parse: (raw) => {
    const text = asText(raw);
    if (text.length === 0) return fail('expected a short title, e.g. "URL shortener"');
    if (text.length > 80 || /[\r\n]/.test(text))
      return fail('expected a title on one line of at most 80 characters');
    return ok(text);
  },
};

/** Slots are typed by their parser; a protocol holds them as one list, so the value type is erased here. */
export const question = <T>(slot: QuestionSlot<T>): QuestionSlot => slot as unknown as QuestionSlot;

/** Nothing is written before explicit approval; naming a phase instead sends the session back to it. */
export function approvalSlotFor(phaseIds: readonly string[], lastPhase: string): QuestionSlot<Approval> {
  return {
    kind: 'question',
    id: 'approval',
    phase: lastPhase,
    title: 'Approval',
    when: 'after the last phase',
    answer: 'approval',
    prompt: `Write the document? Answer "yes", or name a phase to revise (${phaseIds.join(', ')}).`,
    help: 'Nothing is written before explicit approval.',
    example: 'yes',
    choices: [
      { value: 'yes', label: 'Yes, write the document' },
      ...phaseIds.map((phase) => ({ value: phase, label: `Revise ${phase}` })),
    ],
    parse: (raw) => {
      const text = asText(raw)
        .toLowerCase()
        .replace(/^revise\s+/, '');
      if (/^(?:y|yes|approve|approved|ok|write)$/.test(text)) return ok({ approved: true });
      if (phaseIds.includes(text)) return ok({ approved: false, revise: text });
      return fail(`expected "yes" or a phase to revise (${phaseIds.join(', ')}), got "${asText(raw)}"`);
    },
  };
}

/** The approval choice that opens the list of answered questions, to revise one of them. */
export const REVISE_ONE = 'one-answer';

/**
 * The approval slot of a protocol, as a session asks it: besides "yes" and a phase name it takes a
 * question's id (revise that one answer) and offers "Revise one answer" at a prompt.
 */
export function approvalWithRevision(
  approval: QuestionSlot<Approval>,
  questionIds: readonly string[],
): QuestionSlot<Approval> {
  const ids = new Set(questionIds);
  const [yes, ...phases] = approval.choices ?? [];
  return {
    ...approval,
    prompt: approval.prompt.replace(/\)\.$/, '), or a question id to revise one answer.'),
    ...(yes
      ? {
          choices: [yes, { value: REVISE_ONE, label: 'Revise one answer (pick the question)' }, ...phases],
        }
      : {}),
    parse: (raw) => {
      const text = asText(raw).replace(/^revise\s+/i, '');
      if (text === REVISE_ONE || ids.has(text)) return ok({ approved: false, revise: text });
      const parsed = approval.parse(raw);
      return parsed.ok ? parsed : fail(`${parsed.error}; or a question id to revise one answer`);
    },
  };
}
