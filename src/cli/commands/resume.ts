/** `mlops-design resume [ID | --last]`: continue a saved session at the exact question where it stopped. */
import { resolve } from 'node:path';
import { readAnswersFile } from '../../answers/load.js';
import { AppError, ExitCode, badInput, usageError } from '../../errors.js';
import { nextQuestion, progressLabel } from '../../protocol/machine.js';
import { CUSTOM, PICK, type Protocol, type SessionState } from '../../protocol/types.js';
import { answersFileRespondent } from '../../respondents/answers-file.js';
import type { SessionRecord } from '../../session/record.js';
import { SessionStore } from '../../session/store.js';
import { chooseCopilot } from '../copilot-factory.js';
import { runToDocument } from '../document-session.js';
import { loadKind } from '../session-kind.js';
import { loadCompiledKnowledge } from '../../knowledge/compiled.js';
import { watchInterrupts } from '../interrupts.js';
import type { GlobalOptions } from '../options.js';
import { interactiveRespondent, sessionOutput } from '../session-setup.js';
import { checkTargets } from '../../output/write-artifacts.js';
import { adrFolder } from '../adr-folder.js';

export async function runResume(
  globals: GlobalOptions,
  id: string | undefined,
  options: Record<string, unknown>,
): Promise<void> {
  const out = sessionOutput(globals);
  const store = new SessionStore();
  const record = openSession(store, id, options.last === true);
  const kind = await loadKind(record.command);
  const setup = await chooseCopilot(globals, loadCompiledKnowledge(), out, kind);
  if (record.finished) {
    throw usageError(
      `session ${record.id} is finished; its document was written to ${record.out}`,
      `Start a new session with: mlops-design ${record.command}`,
    );
  }
  const state = revalidate(store, record, kind.protocol);
  const outDir = options.outGiven === true ? resolve(globals.out) : record.out;
  adrFolder(options, outDir);
  checkTargets(outDir, [kind.document], { force: globals.force, check: globals.check });
  const interrupts = watchInterrupts();
  try {
    const respondent =
      typeof options.answers === 'string'
        ? answersFileRespondent(options.answers, readAnswersFile(options.answers).file, {
            acceptRecommended: options.acceptRecommended === true,
          })
        : interactiveRespondent(globals, out, interrupts);
    const step = nextQuestion(kind.protocol, state);
    out.info(
      `Resuming session ${record.id} (${record.state.title}) at ${step ? `${progressLabel(kind.protocol, step)}, ${step.id}` : 'approval'}.`,
    );
    const clock = (): Date => new Date();
    await runToDocument({
      kind,
      options,
      globals,
      out,
      setup,
      respondent,
      state,
      outDir,
      warnings: [],
      session: { store, id: record.id, createdAt: record.createdAt, clock },
      interrupts,
    });
  } finally {
    interrupts.dispose();
  }
}

function openSession(store: SessionStore, id: string | undefined, last: boolean): SessionRecord {
  if (id !== undefined && last) throw usageError('give a session id or --last, not both');
  const chosen = id ?? (last ? lastUnfinished(store) : undefined);
  if (chosen === undefined)
    throw usageError('which session? give its id or --last', 'List them with: mlops-design sessions');
  if (!/^[a-z0-9-]+$/.test(chosen))
    throw usageError(`"${chosen}" is not a session id (ids look like 20261122-115000-ab12)`);
  const loaded = store.load(chosen);
  if (!loaded.ok) throw invalidSession(store, chosen, loaded.problem);
  return loaded.record;
}

function lastUnfinished(store: SessionStore): string {
  const records = store
    .ids()
    .map((id) => store.load(id))
    .flatMap((loaded) => (loaded.ok && !loaded.record.finished ? [loaded.record] : []))
    .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
  const last = records[records.length - 1];
  if (!last)
    throw new AppError(
      ExitCode.inputNotFound,
      `no unfinished session in ${store.dir}`,
      'Start one with: mlops-design design',
    );
  return last.id;
}

/** Saved answers are parsed again by their own slots, so a resumed session has exactly the values a live one would. */
function revalidate(store: SessionStore, record: SessionRecord, protocol: Protocol): SessionState {
  const slots = new Map(
    protocol.steps.flatMap((step) => (step.kind === 'question' ? [[step.id, step] as const] : [])),
  );
  const answers: SessionState['answers'] = {};
  for (const [slotId, answer] of Object.entries(record.state.answers)) {
    if (slotId === protocol.approval.id) continue;
    const slot = slots.get(slotId);
    if (!slot)
      throw invalidSession(
        store,
        record.id,
        `answers.${slotId}: not a question of the ${protocol.id} protocol`,
      );
    const parsed = slot.parse(answer.raw);
    if (!parsed.ok) throw invalidSession(store, record.id, `answers.${slotId}: ${parsed.error}`);
    Object.assign(answers, { [slotId]: { ...answer, value: parsed.value } });
  }
  // A decision's value must be one its slot knows: downstream code switches on it.
  for (const [slotId, decision] of Object.entries(record.state.decisions)) {
    const slot = protocol.steps.find((step) => step.id === slotId);
    if (slot?.kind !== 'decision')
      throw invalidSession(
        store,
        record.id,
        `decisions.${slotId}: not a decision of the ${protocol.id} protocol`,
      );
    const known =
      decision.value === PICK
        ? slot.items !== undefined
        : decision.value === CUSTOM
          ? slot.custom === true
          : slot.values.some((value) => value.value === decision.value);
    if (!known)
      throw invalidSession(
        store,
        record.id,
        `decisions.${slotId}.value: "${decision.value}" is not a value of this decision`,
      );
  }
  return { ...record.state, answers };
}

function invalidSession(store: SessionStore, id: string, problem: string): AppError {
  const aside = store.quarantine(id);
  return badInput(
    `session ${id} cannot be resumed: ${problem}`,
    [],
    `The file was moved, unchanged, to ${aside}.`,
  );
}
