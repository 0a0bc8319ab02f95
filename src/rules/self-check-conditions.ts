/**
 * The self-check's rules about decisions: no decision contradicts its own condition ("when the
 * alternative wins" holds on the inputs) or a stated requirement (a gate rules the value out).
 * Either is a bug when the co-pilot recommended the value (`error`), and a risk the user took when
 * they chose it against the recommendation (`warning`, naming their choice).
 */
import type { Capacity } from '../knowledge/throughput.js';
import { CUSTOM, PICK, type DecisionRecord, type SessionState } from '../protocol/types.js';
import { CONDITIONED_VALUES } from '../protocols/design/decision-values.js';
import {
  conditionEvidence,
  conditionHolds,
  ruledOutBy,
  winningValues,
} from '../protocols/design/conditions.js';
import { designFacts, type DesignFacts } from '../protocols/design/facts.js';
import { designDrafts } from '../protocols/design/model.js';
import type { Finding, FindingSeverity, SelfCheckRule } from './finding.js';

interface Taken {
  readonly id: string;
  readonly record: DecisionRecord;
  readonly name: (value: string) => string;
  readonly winsWhen: (value: string) => string | undefined;
}

/** Every decision taken with a value of its slot (own words kept verbatim and picks are not checkable). */
function taken(state: SessionState): Taken[] {
  return Object.entries(CONDITIONED_VALUES).flatMap(([id, values]) => {
    const record = state.decisions[id];
    if (!record || record.value === CUSTOM || record.value === PICK) return [];
    const find = (value: string) => values.find((candidate) => candidate.value === value);
    return [
      {
        id,
        record,
        name: (value: string) => find(value)?.name ?? value,
        winsWhen: (value: string) => find(value)?.winsWhen,
      },
    ];
  });
}

/** The co-pilot recommended the value taken: option A of its proposal. */
const recommended = (record: DecisionRecord): boolean => record.proposal.options[0].value === record.value;

function severityAndWho(decision: Taken): { severity: FindingSeverity; who: string } {
  return recommended(decision.record)
    ? { severity: 'error', who: `The co-pilot recommended ${decision.name(decision.record.value)}` }
    : {
        severity: 'warning',
        who: `You chose "${decision.record.label}" (${decision.name(decision.record.value)}) against the recommendation`,
      };
}

export const contradictsOwnCondition: SelfCheckRule<DesignFacts & { state: SessionState }> = {
  id: 'contradicts-own-condition',
  check: ({ state, ...facts }) =>
    taken(state).flatMap((decision): Finding[] => {
      const chosen = decision.record.value;
      if (conditionHolds(decision.id, chosen, facts) === true) return [];
      const winners = winningValues(decision.id, facts).filter((value) => value !== chosen);
      const [winner] = winners;
      if (winner === undefined) return [];
      const { severity, who } = severityAndWho(decision);
      return [
        {
          id: `contradicts-own-condition:${decision.id}`,
          severity,
          message: `${who} for ${decision.id}, but the condition under which ${decision.name(winner)} wins holds: ${decision.winsWhen(winner) ?? 'see its proposal'}. ${severity === 'error' ? 'Take the alternative, or change the answers that make it win.' : 'Keep it only with a reason the numbers do not show.'}`,
          evidence: conditionEvidence(decision.id, facts),
        },
      ];
    }),
};

/** A sentence that claims RPO 0 of a backup or point-in-time recovery. */
const PITR_AS_RPO0 =
  /[^.]*\b(?:point-in-time|backups?|restore|snapshots?)\b[^.]*\brpo(?: of| =|:)?\s*(?:0|zero)(?:\s*s)?\b(?! across| through)[^.]*/i;
const REPLICATION = /\b(?:synchronous|replica|standby|quorum|confirms? each commit)\b/i;

function pitrClaims(state: SessionState): string[] {
  const drafts = designDrafts(state);
  const texts = [
    ...(drafts.deepDives ?? []).flatMap((dive) => [...dive.failureHandling, ...dive.approach]),
    ...(drafts.operations?.failureModes ?? []).flatMap((mode) => [mode.failure, mode.degradation]),
  ];
  return texts.flatMap((text) => {
    const claim = PITR_AS_RPO0.exec(text)?.[0];
    return claim && !REPLICATION.test(claim) ? [claim.trim()] : [];
  });
}

export const contradictsRequirement: SelfCheckRule<DesignFacts & { state: SessionState }> = {
  id: 'contradicts-requirement',
  check: ({ state, ...facts }) => {
    const gated = taken(state).flatMap((decision): Finding[] => {
      const reason = ruledOutBy(decision.id, decision.record.value, facts);
      if (reason === undefined) return [];
      const { severity, who } = severityAndWho(decision);
      return [
        {
          id: `contradicts-requirement:${decision.id}`,
          severity,
          message: `${who} for ${decision.id}, which the requirements rule out: ${reason}.`,
          evidence: conditionEvidence(decision.id, facts),
        },
      ];
    });
    const rpo = facts.rpoSeconds === 0 ? pitrClaims(state) : [];
    const pitr = rpo.map((claim, index): Finding => ({
      id: `contradicts-requirement:rpo-${index + 1}`,
      severity: 'error',
      message:
        'The design claims RPO 0 from backups or point-in-time recovery, which restore to minutes ago: RPO 0 needs replication that confirms each write before it is acknowledged.',
      evidence: `"${claim}"; durability requires RPO 0`,
    }));
    return [...gated, ...pitr];
  },
};

/**
 * Findings of both rules on a design. `capacity` (the throughput table) lets the datastore's
 * conditions be checked; without it they are "not known" and raise nothing.
 */
export function conditionFindings(state: SessionState, capacity?: Capacity): Finding[] {
  const input = { ...designFacts(state, capacity), state };
  return [...contradictsOwnCondition.check(input), ...contradictsRequirement.check(input)];
}
