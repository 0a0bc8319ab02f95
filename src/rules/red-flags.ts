/**
 * The design protocol's red flags: deterministic rules over the session state. Each takes a
 * position and says why; the session shows it when it fires and the document lists it.
 */
import type { SessionState } from '../protocol/types.js';
import { acceptedDespitePushBack, designAnswers, designDecisions } from '../protocols/design/model.js';
import { THRESHOLDS as T } from '../protocols/design/thresholds.js';
import { conditionHolds } from '../protocols/design/conditions.js';
import { designFacts, onlineNeeded } from '../protocols/design/facts.js';

export interface RedFlag {
  readonly id: string;
  readonly phase: string;
  readonly message: string;
}

interface Rule {
  readonly id: string;
  readonly phase: string;
  readonly fires: (state: SessionState) => boolean;
  readonly message: string;
}

const isMl = (state: SessionState): boolean => state.scope !== 'system';
const online = (state: SessionState): boolean => {
  const serving = designDecisions(state).serving;
  return serving === 'online' || serving === 'optimised-online';
};

export const RED_FLAG_RULES: readonly Rule[] = [
  {
    id: 'skipped-estimation',
    phase: 'requirements',
    fires: (state) => acceptedDespitePushBack(state, 'requirements.scale'),
    message:
      'The scale was left without a number. 100 users and 1M users lead to different architectures, so every sizing in this design rests on the estimation inputs alone; confirm the order of magnitude before building.',
  },
  {
    id: 'microservices-day-one',
    phase: 'high-level',
    // A team past the floor owns its own services: then the split follows a real boundary.
    fires: (state) =>
      designDecisions(state).architecture === 'microservices' &&
      conditionHolds('high-level.architecture', 'microservices', designFacts(state)) !== true,
    message:
      'Microservices from day one. Start with a modular monolith and extract a service only at a team, scaling or deployment boundary; premature decomposition buys network failures and distributed debugging before it buys anything else.',
  },
  {
    id: 'ignored-failure-modes',
    phase: 'operations',
    fires: (state) => acceptedDespitePushBack(state, 'operations.degradation'),
    message:
      'No degradation plan. Every component here will fail; without a decision now, the first outage decides what users see, at 3 a.m. Name the fallback for the datastore and any model before launch.',
  },
  {
    id: 'ml-without-problem-framing',
    phase: 'requirements',
    // Fires on what the user said (a problem statement kept vague after the push-back), not on a
    // question not asked yet; with problem_statement.md or architecture.md present it is not asked.
    fires: (state) =>
      isMl(state) && state.context.length === 0 && acceptedDespitePushBack(state, 'requirements.problem'),
    message:
      'ML infrastructure without a framed problem. The system follows from the requirements and the requirements from the problem: frame it first (the prediction, the action taken on it, the metric it moves) in a problem_statement.md, then revisit this design.',
  },
  {
    id: 'realtime-everything',
    phase: 'high-level',
    fires: (state) => {
      if (!isMl(state)) return false;
      const answers = designAnswers(state);
      const allRealtime =
        answers.predictionFreshness?.realtime === true &&
        answers.featureFreshness?.realtime === true &&
        answers.modelUpdate !== undefined &&
        answers.modelUpdate.seconds <= T.batchFreshness;
      const onlineDespiteSlack = onlineNeeded(designFacts(state)) === false && online(state);
      return allRealtime || onlineDespiteSlack;
    },
    message:
      'Real-time everything. Real-time predictions, streaming features and hourly retraining each multiply cost and failure modes; batch is simpler and cheaper. Keep real-time only where the freshness requirement proves it is needed.',
  },
];

/** The red flags that fire for a state, in rule order. */
export function redFlags(state: SessionState): RedFlag[] {
  return RED_FLAG_RULES.filter((rule) => rule.fires(state)).map(({ id, phase, message }) => ({
    id,
    phase,
    message,
  }));
}
