/** `mlops-design resume [ID | --last]`: continue a saved session at the exact question where it stopped. */
import { resolve } from 'node:path';
import { z } from 'zod';
import { AppError, ExitCode, badInput, usageError } from '../../errors.js';
import { CUSTOM, PICK, type Protocol, type SessionState } from '../../protocol/types.js';
import { resumedState, type SessionRecord } from '../../session/record.js';
import { SESSION_ID, SessionStore, shownId, type Loaded } from '../../session/store.js';
import { adrFlags, flagValue, parseFlags, type GlobalOptions } from '../options.js';
import { loadKind } from '../registry.js';
import { runSessionCommand } from '../session-bootstrap.js';

const resumeFlags = z.object({
  last: z.boolean().optional(),
  answers: flagValue('the path of an answers file').optional(),
  acceptRecommended: z.boolean().optional(),
  ...adrFlags,
  /** Whether --out was given on the command line (else the session's own folder). */
  outGiven: z.boolean(),
});

export async function runResume(
  globals: GlobalOptions,
  id: string | undefined,
  raw: Readonly<Record<string, unknown>>,
): Promise<void> {
  const { last, outGiven, ...flags } = parseFlags(resumeFlags, raw);
  const store = new SessionStore();
  const record = openSession(store, id, last === true);
  const kind = await loadKind(record.command);
  if (record.finished) {
    throw usageError(
      `session ${record.id} is finished; its document was written to ${record.out}`,
      `Start a new session with: mlops-design ${record.command}`,
    );
  }
  const state = revalidate(store, record, kind.protocol);
  await runSessionCommand(globals, {
    kind,
    // The kind's own flags with what resume passes on; the kind takes those it has.
    options: kind.options(flags),
    outDir: outGiven ? resolve(globals.out) : record.out,
    resumed: {
      session: { store, id: record.id, createdAt: record.createdAt, clock: () => new Date() },
      state,
    },
  });
}

function openSession(store: SessionStore, id: string | undefined, last: boolean): SessionRecord {
  if (id !== undefined && last) throw usageError('give a session id or --last, not both');
  const chosen = id ?? (last ? lastUnfinished(store) : undefined);
  if (chosen === undefined)
    throw usageError('which session? give its id or --last', 'List them with: mlops-design sessions');
  if (!SESSION_ID.test(chosen))
    throw usageError(`"${shownId(chosen)}" is not a session id (ids look like 20261122-115000-ab12)`);
  const loaded = store.load(chosen);
  if (!loaded.ok) throw invalidSession(store, chosen, loaded.problem);
  return loaded.record;
}

function lastUnfinished(store: SessionStore): string {
  const records = store
    .ids()
    .map((id) => loadOrSkip(store, id))
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
          ? slot.custom !== undefined
          : slot.values.some((value) => value.value === decision.value);
    if (!known)
      throw invalidSession(
        store,
        record.id,
        `decisions.${slotId}.value: "${decision.value}" is not a value of this decision`,
      );
  }
  return resumedState({ ...record.state, answers });
}

/** --last looks past a file it cannot read (no permission, gone meanwhile): it is not the last session. */
function loadOrSkip(store: SessionStore, id: string): Loaded | { readonly ok: false } {
  try {
    return store.load(id);
  } catch (error) {
    if (error instanceof AppError) return { ok: false };
    throw error;
  }
}

function invalidSession(store: SessionStore, id: string, problem: string): AppError {
  const aside = store.quarantine(id);
  return badInput(
    `session ${id} cannot be resumed: ${problem}`,
    [],
    aside.moved
      ? `The file was moved, unchanged, to ${aside.to}.`
      : `The file was left where it is, unchanged: ${aside.why}.`,
  );
}
