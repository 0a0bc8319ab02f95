/**
 * Runs a session to its document, for `design`, `pipeline` and `resume`: saves the session after
 * every step, turns a signal or the end of input into "Interrupted. Session <id> saved.", and
 * writes the document only after approval, and only when it passes its checks.
 */
import { readFileSync } from 'node:fs';
import { AppError, ExitCode, Interrupted } from '../errors.js';
import { sanitize } from '../lib/sanitize.js';
import { TEMPLATES_DIR } from '../paths.js';
import { nextQuestion } from '../protocol/machine.js';
import type { SessionState } from '../protocol/types.js';
import type { Respondent } from '../respondents/port.js';
import type { SessionRecord } from '../session/record.js';
import { SESSION_SCHEMA, SESSION_VERSION } from '../session/record.js';
import { runSession } from '../session/run.js';
import type { SessionStore } from '../session/store.js';
import type { Interrupts } from './interrupts.js';
import type { GlobalOptions } from './options.js';
import type { Output } from './output.js';
import type { CopilotSetup } from './copilot-factory.js';
import type { SessionKind } from './session-kind.js';
import { createSessionView } from './session-view.js';
import { summaryJson } from './summary.js';
import { writeDocument } from './write-document.js';

export interface SavedSession {
  readonly store: SessionStore;
  readonly id: string;
  readonly createdAt: string;
  readonly clock: () => Date;
}

export interface DocumentRun {
  readonly kind: SessionKind;
  readonly globals: GlobalOptions;
  /** The command's own flags (an interview's --pass-mark), for the kind's finishing step. */
  readonly options: Readonly<Record<string, unknown>>;
  readonly out: Output;
  readonly respondent: Respondent;
  readonly state: SessionState;
  readonly outDir: string;
  readonly target: string;
  readonly warnings: readonly string[];
  /** Absent with --no-save. */
  readonly session?: SavedSession;
  /** Signals and end of input; the caller disposes of them after the run. */
  readonly interrupts: Interrupts;
  /** The co-pilot, chosen before the first question (a missing key fails there, with 78). */
  readonly setup: CopilotSetup;
}

export function sessionRecord(
  kind: SessionKind,
  session: SavedSession,
  outDir: string,
  state: SessionState,
  finished: boolean,
): SessionRecord {
  return {
    schema: SESSION_SCHEMA,
    version: SESSION_VERSION,
    id: session.id,
    command: kind.command,
    createdAt: session.createdAt,
    updatedAt: session.clock().toISOString(),
    finished,
    out: outDir,
    position: finished ? 'finished' : (nextQuestion(kind.protocol, state)?.id ?? kind.protocol.approval.id),
    // Drafts are derived: the record keeps what the person gave, and resume drafts again.
    state: { ...state, drafts: {} },
  };
}

export async function runToDocument(run: DocumentRun): Promise<void> {
  const { out, session, globals, kind } = run;
  const { setup } = run;
  const { copilot } = setup;
  const save = session
    ? (state: SessionState): void => {
        session.store.save(sessionRecord(kind, session, run.outDir, state, false));
      }
    : undefined;
  save?.(run.state);

  let finished: SessionState;
  try {
    finished = await runSession(
      {
        protocol: kind.protocol,
        copilot,
        respondent: run.respondent,
        view: createSessionView(out, kind),
        redFlags: kind.flags,
        ...(kind.rules ? { rules: kind.rules } : {}),
        ...(kind.timed && run.respondent.interactive
          ? { clock: () => session?.clock().getTime() ?? Date.now() }
          : {}),
        ...(kind.linted && run.respondent.interactive
          ? { check: (state: SessionState) => kind.render(templateOf(kind), state).problems }
          : {}),
        ...(save ? { save } : {}),
        signal: run.interrupts.signal,
      },
      run.state,
    );
  } catch (error) {
    throw asInterruption(error, run) ?? withSession(error, session) ?? error;
  } finally {
    if (setup.usage) out.warn(setup.usage().line);
  }

  const flags = kind.flags(finished);
  const rendered = kind.render(templateOf(kind), finished);
  if (rendered.problems.length > 0) {
    throw new AppError(
      ExitCode.checkFailed,
      `${kind.document} was not written: it breaks ${String(rendered.problems.length)} of its rules:\n${rendered.problems.map((problem) => `  ${problem}`).join('\n')}`,
      session
        ? `Session ${session.id} is saved; revise a phase with: mlops-design resume ${session.id}`
        : undefined,
    );
  }
  // Every piece of outside text was sanitised on the way in; this last pass makes it a guarantee.
  const backup = await writeDocument(run.target, sanitize(rendered.text), globals.force);
  if (session) session.store.save(sessionRecord(kind, session, run.outDir, finished, true));
  // What the command adds once the document is written (the interview's gaps log), and whether it
  // fails the run (a score below --pass-mark): reported after the result, which stands either way.
  const failure = kind.finished?.(finished, run.options, session?.store.dir);
  const fail = (): void => {
    if (failure) throw new AppError(ExitCode.checkFailed, failure);
  };

  if (globals.json) {
    out.result(
      JSON.stringify(
        summaryJson({
          command: kind.command,
          sessionId: session?.id ?? null,
          state: finished,
          protocol: kind.protocol,
          files: [run.target],
          extra: kind.summary(finished),
          warnings: run.warnings,
          copilot: copilot.name,
          usage: setup.usage?.().json,
        }),
      ),
    );
    fail();
    return;
  }
  out.result(run.target);
  if (backup) out.info(`The previous version is kept as ${backup}.`);
  if (kind.outcome) out.info(kind.outcome(finished));
  if (flags.length > 0)
    out.warn(
      `${flags.length} ${kind.flagLabel.toLowerCase()}(s): ${flags.map((flag) => flag.id).join(', ')} (listed in the document).`,
    );
  fail();
}

function templateOf(kind: SessionKind): string {
  return readFileSync(`${TEMPLATES_DIR}${kind.document}`, 'utf8');
}

/** A prompt cancelled by Ctrl-C, a closed stdin or a signal becomes one line and 130 or 143. */
function asInterruption(error: unknown, run: DocumentRun): AppError | undefined {
  const name = error instanceof Error ? error.name : '';
  if (!(error instanceof Interrupted) && name !== 'ExitPromptError' && name !== 'AbortPromptError')
    return undefined;
  const { signal, inputEnded } = run.interrupts;
  const by = signal.reason === 'SIGTERM' ? 'SIGTERM' : inputEnded() && !signal.aborted ? 'EOF' : 'SIGINT';
  const what = by === 'EOF' ? 'Input ended' : 'Interrupted';
  const saved = run.session
    ? ` Session ${run.session.id} saved. Resume with: mlops-design resume ${run.session.id}`
    : ' Nothing was saved (--no-save).';
  return new AppError(by === 'SIGTERM' ? ExitCode.terminated : ExitCode.interrupted, `${what}.${saved}`);
}

/** The model became unavailable (75): the session is saved, so say how to carry on. */
function withSession(error: unknown, session: SavedSession | undefined): AppError | undefined {
  if (!(error instanceof AppError) || error.exitCode !== ExitCode.llmUnavailable || !session)
    return undefined;
  return new AppError(
    error.exitCode,
    `${error.message}. Session ${session.id} saved`,
    `Resume with: mlops-design resume ${session.id} (add --copilot offline to carry on without the model).`,
  );
}
