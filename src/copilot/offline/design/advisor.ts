/** The offline co-pilot's design knowledge, as an Advisor: pure functions of the session state. */
import { formatRate } from '../../../estimation/index.js';
import type { Knowledge } from '../../../knowledge/load.js';
import type { DecisionSlot, DraftStep, QuestionSlot, SessionState } from '../../../protocol/types.js';
import { designDrafts, designResults } from '../../../protocols/design/model.js';
import { NO_SECOND_OPINION, SECOND_OPINION_ID } from '../../../protocols/design/second-opinion.js';
import { downtimeNote } from '../../../protocols/design/slots.js';
import type { Advisor } from '../../port.js';
import { reportChoice } from '../proposal-text.js';
import { architectureOf } from './architecture.js';
import { tierTables } from '../../../knowledge/tier-tables.js';
import { planTiers } from '../../../protocols/design/tier-plan.js';
import { deepDivesOf } from './deep-dive.js';
import { operationsOf } from './operations.js';
import { propose } from './proposals.js';
import { tradeoffsOf } from './tradeoffs.js';

/** The advisor sizes every tier with the throughput table's capacities and teaches from the guides. */
export function designAdvisor(
  knowledge: Pick<Knowledge, 'guides' | 'throughput' | 'prices' | 'archetypes' | 'llmServing'> &
    Partial<Pick<Knowledge, 'latencies'>>,
): Advisor {
  const { capacity } = knowledge.throughput;
  const tables = tierTables(knowledge);
  const { archetypes } = knowledge;
  return {
    phrase: (slot, state) => phrase(slot, state),
    note: (slot, value) =>
      slot.id === 'requirements.availability' && typeof value === 'number' ? downtimeNote(value) : undefined,
    propose: (slot: DecisionSlot, state) =>
      propose(slot.id, state, capacity, knowledge.guides, archetypes, knowledge.latencies),
    report: (slot, choice, proposal) => reportChoice(slot, choice, proposal),
    draft: (step: DraftStep, state) => {
      switch (step.id) {
        case 'high-level.components':
          return architectureOf(state, {
            capacity,
            archetypes,
            plan: planTiers(state, archetypes, tables),
          });
        case 'deep-dive.details':
          return deepDivesOf(state, { guides: knowledge.guides, capacity, archetypes, tables });
        case 'tradeoffs.records':
          return tradeoffsOf(state);
        case 'operations.plan':
          return operationsOf(state, knowledge, capacity);
        case SECOND_OPINION_ID:
          return NO_SECOND_OPINION;
        default:
          throw new Error(`the offline design advisor cannot draft ${step.id}`);
      }
    },
  };
}

function phrase(slot: QuestionSlot, state: SessionState): string | undefined {
  const { architecture } = designDrafts(state);
  const { estimate } = designResults(state);
  if (slot.id === 'operations.degradation' && architecture) {
    const critical =
      architecture.components.find((component) => component.type === 'model-serving') ??
      architecture.components.find((component) => component.type === 'datastore');
    if (critical)
      return `When ${critical.name} fails or slows down, what do users get instead of an error, and for how long is that acceptable?`;
  }
  if (slot.id === 'high-level.access-key' && estimate) {
    const peak = estimate.metrics.find((metric) => metric.id === 'peak_qps');
    if (peak)
      return `${slot.prompt} It decides how ${formatRate(peak.value)} at peak spreads across shards and cache nodes.`;
  }
  return undefined;
}
