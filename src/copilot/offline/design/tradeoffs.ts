/**
 * A tradeoff record per major decision: what was chosen, the alternative, why, and the concrete
 * conditions under which the alternative would win.
 */
import type { DecisionRecord, SessionState } from '../../../protocol/types.js';
import type { Tradeoff } from '../../../protocols/design/model.js';
import { DESIGN_STEPS } from '../../../protocols/design/slots.js';

/** When each kind of option wins, keyed by words in its label; first match applies. */
const WINS_WHEN: readonly [RegExp, string][] = [
  [
    /microservices/i,
    'separate teams own parts of the product and release on their own cadence, or one part needs 10x the instances or a GPU',
  ],
  [/monolith/i, 'one team owns the product and its parts share one scaling profile'],
  [/distributed sql/i, 'transactions must span keys that live on different shards'],
  [
    /wide-column|key-value store|dynamodb/i,
    'writes pass about 5K/s or data about 5 TB, and every hot query is by key',
  ],
  [
    /postgresql sharded|sharded by/i,
    'relational queries and transactions within a key matter more than elastic scaling',
  ],
  [
    /postgresql/i,
    'writes stay under about 5K/s and data under about 5 TB, and multi-record transactions matter',
  ],
  [/^no cache/i, 'reads are fewer than about 5 per write, or every read must see the latest write'],
  [/cache/i, 'reads pass about 2K/s or 5 per write and a few seconds of staleness is acceptable'],
  [/synchronously/i, 'peaks stay under about 2K writes/s and a write must be visible the moment it returns'],
  [/queue/i, 'writes peak above about 2K/s or 4x the average, or the datastore must be shielded from bursts'],
  [/batch scoring|precompute/i, 'predictions may be an hour or more old'],
  [
    /online inference|optimised online/i,
    "predictions must use the request's own context within the latency budget",
  ],
  [/streaming features/i, 'features must be fresher than about 5 minutes'],
  [/batch features/i, 'features may be a day old'],
  [
    /consistency first|\(cp\)/i,
    'a stale or conflicting read costs money or trust (balances, inventory, ownership)',
  ],
  [/availability first|\(ap\)/i, 'an old answer is better than an error and conflicts can be merged'],
  [/canary/i, 'traffic is large enough that 1% of it shows a regression within minutes'],
  [/blue-green/i, 'a release must switch everything at once and capacity can double for the switch'],
  [/rolling/i, 'the fleet is small and a few minutes of mixed versions is acceptable'],
];

function winsWhen(label: string): string {
  return (
    WINS_WHEN.find(([pattern]) => pattern.test(label))?.[1] ??
    "its strengths listed in the proposal outweigh the chosen option's"
  );
}

/**
 * A record for every decision taken so far, optionally only those of one phase. The tradeoffs phase
 * records what came before it; decisions of the operations phase are recorded by its own draft.
 */
export function tradeoffsOf(state: SessionState, phase?: string): Tradeoff[] {
  return DESIGN_STEPS.flatMap((step): Tradeoff[] => {
    if (step.kind !== 'decision' || step.id === 'deep-dive.focus') return [];
    if (phase !== undefined && step.phase !== phase) return [];
    const record: DecisionRecord | undefined = state.decisions[step.id];
    if (!record) return [];
    const [a, b] = record.proposal.options;
    const alternative = record.choice === 'A' ? b : a;
    const reason =
      record.choice === 'A'
        ? record.proposal.position
        : record.choice === 'B'
          ? `Chosen over the co-pilot's recommendation (${a.label}): ${b.pros.join('; ')}.`
          : `The team's own choice. The co-pilot recommended ${a.label}: ${record.proposal.position}`;
    return [
      {
        decision: step.title,
        chosen: record.chosen,
        alternative: alternative.label,
        reason,
        alternativeWins: `When ${winsWhen(alternative.label)}.`,
      },
    ];
  });
}
