/**
 * `lifecycle --from SESSION`: what a design or pipeline session already knows, carried into the
 * lifecycle's questions as defaults (a person confirms each; an answers file that leaves one out
 * takes it, said on stderr). Carried as the person's own words, so the lifecycle's parsers read
 * them as they would read a typed answer, and anything they cannot read is not carried.
 */
import type { ContextDocument, Prefill, QuestionSlot, SessionState } from '../../protocol/types.js';

/** The context document's name: the source session's id after it. */
export const CARRIED = 'carried from session ';

/** What a saved session gives: its protocol, its answers' words and its decisions' values. */
export interface CarrySource {
  readonly id: string;
  readonly protocol: string;
  readonly answers: Readonly<
    Record<string, { readonly raw: string | readonly string[]; readonly value: unknown }>
  >;
  readonly decisions: Readonly<Record<string, { readonly value: string }>>;
}

const words = (raw: string | readonly string[]): string => (typeof raw === 'string' ? raw : raw.join('\n'));

/** The lifecycle question each source answer informs, by protocol. */
const FROM_DESIGN: Readonly<Record<string, string>> = {
  'requirements.latency': 'lifecycle.latency',
  'requirements.model-size': 'lifecycle.model-size',
  'requirements.team': 'lifecycle.team',
  'requirements.availability': 'lifecycle.availability',
  'estimation.reads': 'lifecycle.rps',
};

const FROM_PIPELINE: Readonly<Record<string, string>> = {
  'picture.team': 'lifecycle.team',
  'classify.latency': 'lifecycle.latency',
  'decompose.orchestrator': 'lifecycle.orchestrator',
};

/** The design's serving decision, as a deployment target. */
const SERVING_TARGET: Readonly<Record<string, string>> = {
  online: 'online',
  'optimised-online': 'edge',
  batch: 'batch',
};

/** Each lifecycle question's carried answer and where it came from, for the ones the slots can read. */
export function carriedAnswers(source: CarrySource, slots: readonly QuestionSlot[]): Record<string, Prefill> {
  const map =
    source.protocol === 'design' ? FROM_DESIGN : source.protocol === 'pipeline' ? FROM_PIPELINE : {};
  const carried: Record<string, Prefill> = {};
  const offer = (target: string, text: string, from: string): void => {
    const slot = slots.find((candidate) => candidate.id === target);
    if (!slot || carried[target] || text.trim() === '') return;
    const parsed = slot.parse(text);
    if (parsed.ok && parsed.value !== undefined)
      carried[target] = { text, from: `session ${source.id}, ${from}` };
  };
  for (const [id, target] of Object.entries(map)) {
    const answer = source.answers[id];
    if (answer) offer(target, words(answer.raw), id);
  }
  // The orchestrator answer often names the platform too ("Kubernetes, run by the platform team").
  const orchestrator = source.answers['decompose.orchestrator'];
  if (orchestrator) offer('lifecycle.platform', words(orchestrator.raw), 'decompose.orchestrator');
  const serving = source.decisions['high-level.serving']?.value;
  if (serving && SERVING_TARGET[serving])
    offer('lifecycle.deployment-target', SERVING_TARGET[serving], 'high-level.serving');
  if (source.protocol === 'pipeline') {
    const latency = source.answers['classify.latency'];
    offer('lifecycle.deployment-target', latency ? 'online' : 'batch', 'classify.components');
  }
  return carried;
}

/** The context document that holds them, kept with the session so a resumed one still has them. */
export const carriedDocument = (id: string, carried: Readonly<Record<string, Prefill>>): ContextDocument => ({
  name: `${CARRIED}${id}`,
  text: JSON.stringify(carried),
});

/** A lifecycle question's carried default, when the session was started with --from. */
export function carriedPrefill(state: SessionState, id: string): Prefill | undefined {
  const document = state.context.find((candidate) => candidate.name.startsWith(CARRIED));
  if (!document) return undefined;
  try {
    const carried = JSON.parse(document.text) as Record<string, Prefill | undefined>;
    const prefill = carried[id];
    return prefill && typeof prefill.text === 'string' && typeof prefill.from === 'string'
      ? prefill
      : undefined;
  } catch {
    return undefined;
  }
}
