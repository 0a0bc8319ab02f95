/** The offline co-pilot's design knowledge, as an Advisor: pure functions of the session state. */
import { estimate, formatRate } from '../../../estimation/index.js';
import type { Knowledge } from '../../../knowledge/load.js';
import type { DecisionSlot, DraftStep, QuestionSlot, SessionState } from '../../../protocol/types.js';
import { estimateInputFrom } from '../../../protocols/design/estimate-input.js';
import { designAnswers, designDrafts } from '../../../protocols/design/model.js';
import { downtimeNote } from '../../../protocols/design/slots.js';
import type { Advisor } from '../../port.js';
import { reportChoice } from '../proposal-text.js';
import { architectureOf } from './architecture.js';
import { deepDivesOf } from './deep-dive.js';
import { operationsOf } from './operations.js';
import { propose } from './proposals.js';
import { tradeoffsOf } from './tradeoffs.js';
import { DraftInputError } from '../../draft-input-error.js';

/** The advisor sizes every tier with the throughput table's capacities and teaches from the guides. */
export function designAdvisor(knowledge: Pick<Knowledge, 'guides' | 'prices' | 'throughput'>): Advisor {
  const { capacity } = knowledge.throughput;
  return {
    phrase: (slot, state) => phrase(slot, state),
    note: (slot, value) =>
      slot.id === 'requirements.availability' && typeof value === 'number' ? downtimeNote(value) : undefined,
    propose: (slot: DecisionSlot, state) => propose(slot.id, state, capacity, knowledge.guides),
    report: (slot, choice, proposal) => reportChoice(slot, choice, proposal),
    draft: (step: DraftStep, state) => {
      switch (step.id) {
        case 'estimation.numbers':
          return numbers(state);
        case 'high-level.components':
          return architectureOf(state, capacity);
        case 'deep-dive.details':
          return deepDivesOf(state, knowledge.guides, capacity);
        case 'tradeoffs.records':
          return tradeoffsOf(state);
        case 'operations.plan':
          return operationsOf(state, knowledge, capacity);
        default:
          throw new Error(`the offline design advisor cannot draft ${step.id}`);
      }
    },
  };
}

function numbers(state: SessionState): unknown {
  const answers = designAnswers(state);
  const input = estimateInputFrom(answers);
  if (!input) throw new Error('estimation inputs are incomplete');
  if (
    (input.writes.perUser || ('perUser' in input.reads && input.reads.perUser)) &&
    input.dailyActiveUsers === undefined
  ) {
    throw new DraftInputError(
      'estimation.users',
      'a rate is given per user, so the number of daily active users is needed (e.g. "10M")',
    );
  }
  const result = estimate(input);
  if (!result.ok) throw new DraftInputError('estimation.writes', result.error);
  return result.value;
}

function phrase(slot: QuestionSlot, state: SessionState): string | undefined {
  const drafts = designDrafts(state);
  if (slot.id === 'operations.degradation' && drafts.architecture) {
    const critical =
      drafts.architecture.components.find((component) => component.type === 'model-serving') ??
      drafts.architecture.components.find((component) => component.type === 'datastore');
    if (critical)
      return `When ${critical.name} fails or slows down, what do users get instead of an error, and for how long is that acceptable?`;
  }
  if (slot.id === 'high-level.access-key' && drafts.estimate) {
    const peak = drafts.estimate.metrics.find((metric) => metric.id === 'peak_qps');
    if (peak)
      return `${slot.prompt} It decides how ${formatRate(peak.value)} at peak spreads across shards and cache nodes.`;
  }
  return undefined;
}
