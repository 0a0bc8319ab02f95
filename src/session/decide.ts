/**
 * A decision step: the co-pilot proposes, the person picks A or B, asks for C (more detail), or
 * answers in their own words, which are read into a value of the decision's enumeration once, here.
 * A person confirms the reading or picks another value; a scripted run records it, and words that
 * read as no value or several stop the run with 65, naming the values they could mean.
 */
import type { DecisionChoice } from '../copilot/port.js';
import { AppError, ExitCode, badInput } from '../errors.js';
import { recordDecision } from '../protocol/machine.js';
import { decisionHelp, promptCommand, scriptedCommandMessage } from '../protocol/prompt-commands.js';
import { readDecision, unreadableMessage, valueLabel } from '../protocol/read-decision.js';
import { CUSTOM } from '../protocol/types.js';
import type {
  Choice,
  DecisionRecord,
  DecisionSlot,
  Proposal,
  ProposalOption,
  SessionState,
} from '../protocol/types.js';
import { WENT_BACK, showHelp } from './ask.js';
import type { SessionDeps } from './run.js';

export interface DecideOptions {
  /** The proposal already made (a revision checks it before asking). */
  readonly proposal?: Proposal;
  /** The choice made before going back or revising: the default at the prompt. */
  readonly previous?: DecisionRecord;
  readonly canGoBack?: boolean;
}

export async function decide(
  deps: SessionDeps,
  slot: DecisionSlot,
  state: SessionState,
  progress: string,
  options: DecideOptions = {},
): Promise<SessionState | typeof WENT_BACK> {
  const { copilot, respondent, view } = deps;
  const proposal = options.proposal ?? (await copilot.propose(slot, state));
  view.proposal(slot, proposal);
  let attempt: 'first' | 'after-detail' | 'after-error' = 'first';
  let detailShown = false;
  const { previous } = options;
  const before = previous
    ? { ...(previous.key ? { key: previous.key } : {}), ...(previous.words ? { words: previous.words } : {}) }
    : undefined;
  for (;;) {
    const given = await respondent.choose({
      slot,
      proposal,
      progress,
      attempt,
      ...(before ? { previous: before } : {}),
    });
    const answer = given?.trim();
    const key = answer?.toUpperCase();
    // What a person types instead of a choice is never read as words of the decision.
    const command = promptCommand(answer);
    if (command && !respondent.interactive) throw badInput(scriptedCommandMessage(slot.id, answer ?? ''));
    if (command === 'help') {
      showHelp(view, decisionHelp(slot, proposal));
      attempt = 'first';
      continue;
    }
    if (command === 'back' && options.canGoBack) return WENT_BACK;
    if (command) {
      view.pushBack(
        command === 'back'
          ? 'There is no earlier question to go back to.'
          : 'A decision cannot be skipped: Enter takes the recommendation (A).',
      );
      attempt = 'after-error';
      continue;
    }
    if (key === 'C') {
      view.detail(proposal.detail);
      detailShown = true;
      attempt = 'after-detail';
      continue;
    }
    if (answer?.length === 0) {
      if (!respondent.interactive)
        throw badInput(`${slot.id}: expected A, B, C or your own choice in words, got nothing`);
      attempt = 'after-error';
      continue;
    }
    const taken =
      answer === undefined
        ? optionTaken(proposal.options[0], 'default')
        : key === 'A' || key === 'B'
          ? optionTaken(key === 'A' ? proposal.options[0] : proposal.options[1], 'option')
          : await readWords(deps, slot, proposal, state, answer);
    if (!taken) {
      attempt = 'after-error';
      continue;
    }
    const report = await copilot.report(slot, taken, proposal, state);
    view.report(report);
    return recordDecision(state, slot.id, { proposal, ...taken, detailShown, report });
  }
}

function optionTaken(option: ProposalOption, source: 'option' | 'default'): DecisionChoice {
  return {
    value: option.value,
    ...(option.items ? { items: option.items } : {}),
    source,
    key: option.key,
    label: option.label,
  };
}

/**
 * Own words read into a value of the slot, and the reading echoed. A person confirms it or picks
 * another value (undefined: type it again); a scripted run records the reading, and words that read
 * as no value or several fail, naming the values it could have meant.
 */
async function readWords(
  deps: SessionDeps,
  slot: DecisionSlot,
  proposal: Proposal,
  state: SessionState,
  words: string,
): Promise<DecisionChoice | undefined> {
  const reading = readDecision(slot, words, proposal, state);
  if (!deps.respondent.interactive) {
    if (reading.kind !== 'read') throw badInput(`${slot.id}: ${unreadableMessage(slot, words, reading)}`);
    deps.view.reading(`${slot.id}: read "${words}" as ${reading.name}.`);
    return wordsTaken(proposal, reading.choice, reading.label, words);
  }
  const others = slot.values.filter(
    (value) => reading.kind !== 'read' || value.value !== reading.choice.value,
  );
  const candidates = reading.kind === 'ambiguous' ? reading.candidates : others;
  const picked = await deps.respondent.pick({
    slot,
    message:
      reading.kind === 'read'
        ? `Read as: ${reading.name}. Is that what you mean?`
        : unreadableMessage(slot, words, reading),
    choices: [
      ...(reading.kind === 'read' ? [{ value: READ, name: `Yes: ${reading.name}` }] : []),
      ...candidates.map((value) => ({ value: value.value, name: valueLabel(value, undefined) })),
      ...(slot.custom ? [{ value: CUSTOM, name: `Keep my words as a custom choice: "${words}"` }] : []),
      { value: AGAIN, name: 'Type it again' },
    ],
  });
  if (picked === AGAIN) return undefined;
  if (picked === READ && reading.kind === 'read')
    return wordsTaken(proposal, reading.choice, reading.label, words);
  if (picked === CUSTOM) return wordsTaken(proposal, { value: CUSTOM }, words, words);
  const value = slot.values.find((candidate) => candidate.value === picked);
  if (!value)
    throw new AppError(ExitCode.internal, `${slot.id}: the prompt returned an unknown value ${picked}`);
  return wordsTaken(proposal, { value: value.value }, valueLabel(value, proposal), words);
}

const READ = '\u0000read';
const AGAIN = '\u0000again';

function wordsTaken(proposal: Proposal, choice: Choice, label: string, words: string): DecisionChoice {
  const same = (items: readonly string[] | undefined): boolean =>
    (items ?? []).join('\n') === (choice.items ?? []).join('\n');
  const option = proposal.options.find(
    (candidate) => candidate.value === choice.value && same(candidate.items),
  );
  return {
    ...choice,
    source: 'words',
    ...(option ? { key: option.key } : {}),
    label,
    words,
  };
}
