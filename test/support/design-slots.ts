// Looks up the design protocol's real slots by id, so tests exercise the shipped parsers and prompts.
import type { DecisionSlot, QuestionSlot } from '../../src/protocol/types.js';
import { DESIGN_STEPS } from '../../src/protocols/design/slots.js';

export const question = (id: string): QuestionSlot => {
  const step = DESIGN_STEPS.find((candidate) => candidate.id === id);
  if (step?.kind !== 'question') throw new Error(`no question ${id} in the design protocol`);
  return step;
};

export const decision = (id: string): DecisionSlot => {
  const step = DESIGN_STEPS.find((candidate) => candidate.id === id);
  if (step?.kind !== 'decision') throw new Error(`no decision ${id} in the design protocol`);
  return step;
};
