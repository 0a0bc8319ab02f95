/**
 * Facts stated once are not asked again: the estimation and requirement questions offer what the
 * scale answer, the use cases or the problem already stated as their default (Enter accepts it; an
 * answers file that leaves the question out takes it), quoting the words it came from.
 */
import type { Prefill, QuestionSlot, SessionState } from '../../protocol/types.js';
import { asText } from '../../protocol/answer-text.js';
import { FACT_SLOTS, statedFacts, type FactSlot, type StatedFacts, type Statement } from './stated-facts.js';

/** The answers read for stated facts, in order: the scale answer first, then the use cases, then the problem. */
export const FACT_SOURCES = [
  'requirements.scale',
  'requirements.functional',
  'requirements.problem',
] as const;

export function statementsOf(state: SessionState): Statement[] {
  return FACT_SOURCES.flatMap((source) => {
    const raw = state.answers[source]?.raw;
    return raw === undefined ? [] : [{ source, text: asText(raw) }];
  });
}

export function statedFactsOf(state: SessionState): StatedFacts {
  return statedFacts(statementsOf(state));
}

/** The prefill of a slot from the facts stated, when the slot reads the fact's text. */
export function statedPrefill(
  slot: Pick<QuestionSlot, 'id' | 'parse'>,
  state: SessionState,
): Prefill | undefined {
  const fact = statedFactsOf(state).facts.get(slot.id as FactSlot);
  if (!fact || !slot.parse(fact.text).ok) return undefined;
  return { text: fact.text, from: `${fact.source}: "${fact.quote}"` };
}

/** The same slot, offering the fact stated for it as its default. */
export function withStatedFact<T>(slot: QuestionSlot<T>): QuestionSlot<T> {
  return { ...slot, prefill: (state) => statedPrefill(slot, state) };
}

/** A protocol step, offering the fact stated for it when it is one of the questions a fact answers. */
export function withStatedFacts<S extends { readonly kind: string; readonly id: string }>(step: S): S {
  return step.kind === 'question' && (FACT_SLOTS as readonly string[]).includes(step.id)
    ? (withStatedFact(step as unknown as QuestionSlot) as unknown as S)
    : step;
}
