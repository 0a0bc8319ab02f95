/**
 * The steps ahead as they will most likely go: each decision taking its recommendation, each draft
 * and result made from what comes before it. Walking them gives the baselines the model will be
 * asked about, so their requests can start while the person is still answering. A question not
 * answered yet stays unanswered (a later baseline that depends on it will differ when the real step
 * comes, and that step asks again).
 */
import type { Knowledge } from '../../knowledge/load.js';
import {
  applies,
  asksPerson,
  isDone,
  recordDecision,
  recordDerived,
  recordDraft,
  stateBefore,
} from '../../protocol/machine.js';
import type {
  DecisionSlot,
  DraftStep,
  Proposal,
  Protocol,
  SessionState,
  Step,
} from '../../protocol/types.js';
import type { CoPilot } from '../port.js';

export interface Speculation {
  /** Starts the proposal's request; resolves to the proposal as the person will see it. */
  decision(slot: DecisionSlot, state: SessionState, baseline: Proposal): Promise<Proposal>;
  draft(step: DraftStep, state: SessionState, baseline: unknown): void;
}

/**
 * The phases worth walking from `step`: its own and the next, so the first steps of the next phase
 * are under way before the person gets there.
 */
export function phasesAhead(protocol: Protocol, step: Step): string[] {
  const phases = protocol.phases.map((phase) => phase.id);
  const next = phases[phases.indexOf(step.phase) + 1];
  return next === undefined ? [step.phase] : [step.phase, next];
}

export async function speculate(
  protocol: Protocol,
  state: SessionState,
  phases: readonly string[],
  offline: CoPilot,
  knowledge: Knowledge | undefined,
  on: Speculation,
): Promise<void> {
  let spec = state;
  // A draft is asked for ahead only when no other choice of the person lies before it and no
  // question is still unanswered: a draft is made from everything before it, so a decision taken
  // otherwise or an answer still to come would cost a whole draft request. Proposals are asked for
  // across the window: a person waits on those.
  let choicesAhead = 0;
  let unanswered = false;
  // The proposals as worded for the person: a decision is recorded with the proposal it was shown,
  // and a draft made from the records (tradeoffs quote them) must see the same words.
  const worded = new Map<string, Promise<Proposal>>();
  for (const step of protocol.steps) {
    if (!phases.includes(step.phase) || !applies(step, spec) || isDone(step, spec)) continue;
    if (asksPerson(step)) choicesAhead += 1;
    if (step.kind === 'question') unanswered = true;
    try {
      spec = await ahead(step, spec);
    } catch {
      // A baseline that cannot be made without an answer still to come: the walk stops there.
      return;
    }
  }

  async function ahead(step: Step, spec: SessionState): Promise<SessionState> {
    if (step.kind === 'decision') {
      const baseline = await offline.propose(step, spec);
      worded.set(step.id, on.decision(step, spec, baseline));
      const [a] = baseline.options;
      const choice = {
        value: a.value,
        ...(a.items ? { items: a.items } : {}),
        source: 'option' as const,
        key: 'A' as const,
        label: a.label,
      };
      const report = await offline.report(step, choice, baseline, spec);
      return recordDecision(spec, step.id, { ...choice, proposal: baseline, detailShown: false, report });
    }
    if (step.kind === 'draft') {
      const asked = choicesAhead <= 1 && !unanswered;
      const before = stateBefore(protocol, asked ? await withWords(spec) : spec, step.id);
      const baseline = await offline.draft(step, before);
      if (asked) on.draft(step, before, baseline);
      return recordDraft(spec, step.id, baseline);
    }
    if (step.kind === 'derive' && knowledge) {
      const result = step.derive(stateBefore(protocol, spec, step.id), knowledge);
      if (!result.ok) throw new Error(`${step.id} cannot be derived yet`);
      return recordDerived(spec, step.id, result.value);
    }
    return spec;
  }

  /** The state with each speculated decision's proposal as the model worded it. */
  async function withWords(spec: SessionState): Promise<SessionState> {
    let next = spec;
    for (const [id, proposal] of worded) {
      const record = next.decisions[id];
      if (record) next = recordDecision(next, id, { ...record, proposal: await proposal });
    }
    return next;
  }
}
