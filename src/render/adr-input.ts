/**
 * A design session's decisions as Architecture Decision Records: one record per architecture
 * decision, in the protocol's order, built from the decision record, the tradeoff record drafted
 * for it and the estimate. Pure: the date comes from the session record, so the same session
 * always gives the same records.
 */
import type { DecisionRecord, Proposal, ProposalOption, SessionState } from '../protocol/types.js';
import { designDrafts, designResults, type Tradeoff } from '../protocols/design/model.js';
import { DESIGN_STEPS } from '../protocols/design/slots.js';
import {
  adrFileName,
  nextAdrNumbers,
  renderAdr,
  type AdrBlock,
  type AdrInput,
  type RenderedAdr,
} from './adr.js';

type AdrDraft = Omit<AdrInput, 'number'>;

/**
 * The requirements (question ids) and the estimate's figures (metric ids) each decision rests on.
 * Storage is left out for the datastore: the co-pilot sizes it on metadata, not on payloads.
 */
const RESTS_ON: Readonly<Record<string, { requirements: readonly string[]; figures: readonly string[] }>> = {
  'high-level.architecture': {
    requirements: ['requirements.team', 'requirements.scale'],
    figures: ['peak_qps'],
  },
  'high-level.datastore': {
    requirements: ['requirements.consistency', 'requirements.durability'],
    figures: ['peak_write_qps'],
  },
  'high-level.cache': {
    requirements: ['requirements.latency', 'requirements.consistency'],
    figures: ['peak_read_qps', 'cache_memory'],
  },
  'high-level.write-path': {
    requirements: ['requirements.durability', 'requirements.consistency'],
    figures: ['peak_write_qps', 'write_qps'],
  },
  'high-level.serving': {
    requirements: ['requirements.prediction-freshness', 'requirements.latency', 'requirements.model-size'],
    figures: ['peak_qps'],
  },
  'high-level.features': {
    requirements: ['requirements.feature-freshness', 'requirements.model-update'],
    figures: [],
  },
  'tradeoffs.consistency': {
    requirements: ['requirements.consistency', 'requirements.availability'],
    figures: [],
  },
  'operations.deployment': { requirements: ['requirements.availability'], figures: ['peak_qps'] },
};

/** Decisions about the review rather than the system: which components the deep-dives cover. */
const NOT_ARCHITECTURE: ReadonlySet<string> = new Set(['deep-dive.focus', 'high-level.archetype']);

/**
 * Everything a record reads from a decision: the proposal, the option taken (none when the
 * team's choice is not one of the two proposed: a custom choice or another value), the label as
 * shown, the words typed, and whether it was taken by default. Kept to this one function so a
 * change to the decision record's shape is a change here.
 */
interface TakenDecision {
  readonly proposal: Proposal;
  readonly taken?: ProposalOption;
  readonly label: string;
  readonly words?: string;
  readonly byDefault: boolean;
}

function taken(record: DecisionRecord): TakenDecision {
  const option = record.proposal.options.find((candidate) => candidate.key === record.key);
  return {
    proposal: record.proposal,
    ...(option ? { taken: option } : {}),
    label: record.label,
    ...(record.words === undefined ? {} : { words: record.words }),
    byDefault: record.source === 'default',
  };
}

/** "At 382/s peak this is ..." reads on after "because" as "at 382/s peak ..." (PostgreSQL stays). */
function lowerFirstWord(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? `${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;
}

/** The co-pilot's reason without its "Option A." lead-in. */
function reasonText(text: string): string {
  return lowerFirstWord(text.replace(/^Option [AB]\s*[.:,]\s*/, '').trim());
}

function because(decision: TakenDecision, tradeoff: Tradeoff | undefined): string {
  const [a, b] = decision.proposal.options;
  if (!decision.taken)
    return `it is the team's own choice, taken over the co-pilot's recommendation of "${a.label}"`;
  if (tradeoff) return reasonText(tradeoff.reason);
  return decision.taken === a
    ? reasonText(decision.proposal.position)
    : `it was preferred over the co-pilot's recommendation of "${a.label}": ${b.pros.join('; ')}`;
}

function restsOn(state: SessionState, decisionId: string): AdrBlock[] {
  const requirements = (RESTS_ON[decisionId]?.requirements ?? []).flatMap((id) => {
    const raw = state.answers[id]?.raw;
    const step = DESIGN_STEPS.find((candidate) => candidate.id === id);
    if (raw === undefined || !step) return [];
    return [`${step.title}: ${typeof raw === 'string' ? raw : raw.join('; ')}`];
  });
  return requirements.length > 0 ? ['It rests on these requirements, as stated:', requirements] : [];
}

function figures(state: SessionState, decisionId: string): AdrBlock[] {
  const metrics = designResults(state).estimate?.metrics ?? [];
  const lines = (RESTS_ON[decisionId]?.figures ?? []).flatMap((id) => {
    const metric = metrics.find((candidate) => candidate.id === id);
    return metric ? [`${metric.label}: ${metric.result} (${metric.calculation})`] : [];
  });
  return lines.length > 0 ? ["The estimate's figures when it was decided:", lines] : [];
}

function whenAlternativeWins(alternative: ProposalOption, tradeoff: Tradeoff | undefined): AdrBlock[] {
  if (!tradeoff) return [];
  const when = tradeoff.alternativeWins.trim();
  const wins = /^when\b/i.test(when)
    ? `"${alternative.label}" wins instead ${lowerFirstWord(when)}`
    : `"${alternative.label}" wins instead under these conditions: ${when}`;
  return [`${wins}${/[.!?]$/.test(wins) ? '' : '.'} Revisit this decision if that becomes true.`];
}

/** How the decision was taken, when not by picking A or B: in the team's words, or by default. */
function howTaken(decision: TakenDecision): AdrBlock[] {
  if (decision.byDefault)
    return [
      "Taken by default: the answers file did not answer this decision, and the run accepted the co-pilot's recommendation (--accept-recommended, or a decision added after the file was written). No one has confirmed it yet.",
    ];
  if (decision.words === undefined) return [];
  const words = decision.words.trim();
  return [`In the team's own words: "${words}"${/[.!?]$/.test(words) ? '' : '.'}`];
}

/** For the team's own choice: what to check, since none of the proposed pros and cons apply. */
function ownChoiceChecks(decision: TakenDecision): AdrBlock[] {
  const [a, b] = decision.proposal.options;
  return [
    "Check the team's choice against the co-pilot's reasoning and the risks it named for its own options, which this choice may share:",
    [
      `the co-pilot's reason for "${a.label}": ${reasonText(decision.proposal.position)}`,
      ...[a, b].flatMap((option) => option.cons.map((con) => `a risk of "${option.label}": ${con}`)),
    ],
  ];
}

function draftFor(
  state: SessionState,
  decisionId: string,
  title: string,
  prompt: string,
  record: DecisionRecord,
  tradeoff: Tradeoff | undefined,
  date: string,
): AdrDraft {
  const decision = taken(record);
  const [a, b] = decision.proposal.options;
  const own = decision.taken ? undefined : decision.label;
  const options = [
    a,
    b,
    ...(own === undefined
      ? []
      : [
          {
            label: own,
            summary: "The team's own choice, not one the co-pilot proposed.",
            pros: [],
            cons: [],
          },
        ]),
  ];
  return {
    title: `${title}: ${decision.label}`,
    date,
    status: 'accepted',
    context: [decision.proposal.explain, prompt, ...restsOn(state, decisionId)],
    options,
    chosen: { label: decision.label, because: because(decision, tradeoff) },
    consequences:
      own === undefined
        ? { good: decision.taken?.pros ?? [], bad: decision.taken?.cons ?? [] }
        : {
            good: [],
            bad: [],
            note: `This is the team's own choice, not one of the co-pilot's options: the pros and cons listed for "${a.label}" and "${b.label}" do not carry over to it.`,
          },
    ...(own === undefined ? {} : { confirmation: ownChoiceChecks(decision) }),
    moreInformation: [
      ...howTaken(decision),
      ...whenAlternativeWins(decision.taken === a ? b : a, tradeoff),
      ...figures(state, decisionId),
    ],
  };
}

/** A record for every architecture decision of a design session, in the protocol's order. */
export function designAdrDrafts(
  state: SessionState,
  date: string,
): (AdrDraft & { readonly decision: string })[] {
  const drafts = designDrafts(state);
  const tradeoffs = [...(drafts.tradeoffs ?? []), ...(drafts.operations?.tradeoffs ?? [])];
  return DESIGN_STEPS.flatMap((step) => {
    const record = state.decisions[step.id];
    if (step.kind !== 'decision' || !record || NOT_ARCHITECTURE.has(step.id)) return [];
    const tradeoff = tradeoffs.find((candidate) => candidate.decision === step.title);
    return [
      { decision: step.title, ...draftFor(state, step.id, step.title, step.prompt, record, tradeoff, date) },
    ];
  });
}

/** A rendered record and the decision (its title, as in the Tradeoffs table) it records. */
export interface DesignAdr extends RenderedAdr {
  readonly decision: string;
}

/**
 * The files of a design session's records. A record this tool already wrote for the same decision
 * and choice (`ownFileNames`: the names in the folder that its manifest lists) keeps its number, so
 * running the same session again gives the same files; every other record is numbered after those
 * already in the folder (`existingFileNames`: every name in it, records or not) and never replaces
 * one.
 */
export function renderDesignAdrs(
  state: SessionState,
  date: string,
  existingFileNames: readonly string[],
  ownFileNames: readonly string[] = [],
): DesignAdr[] {
  const drafts = designAdrDrafts(state, date);
  const reused = drafts.map((draft) => {
    const suffix = adrFileName(0, draft.title).slice('0000'.length);
    const own = ownFileNames.find((name) => /^\d{4,}-/.test(name) && name.replace(/^\d+/, '') === suffix);
    return own === undefined ? undefined : Number(/^\d+/.exec(own)?.[0]);
  });
  const fresh = nextAdrNumbers(existingFileNames, reused.filter((number) => number === undefined).length);
  let next = 0;
  return drafts.map(({ decision, ...draft }, index) => {
    const number = reused[index] ?? fresh[next++] ?? 0;
    return { decision, ...renderAdr({ ...draft, number }) };
  });
}
