/**
 * Runs a session to its document, for every session command and `resume`: saves the session after
 * every step, and writes the session's files only after approval, only when they pass their
 * checks, and all together (src/output). The session is marked finished only once every file is in
 * place; with --check nothing is written and the run says which files would change. (How a session
 * starts, and what an interruption means, is session-bootstrap.ts's business.)
 */
import { readFileSync } from 'node:fs';
import { AppError, ExitCode } from '../errors.js';
import type { Knowledge } from '../knowledge/load.js';
import { sanitize } from '../lib/sanitize.js';
import { TEMPLATES_DIR } from '../paths.js';
import { nextQuestion } from '../protocol/machine.js';
import type { SessionState } from '../protocol/types.js';
import type { Respondent } from '../respondents/port.js';
import type { SessionRecord } from '../session/record.js';
import { SESSION_SCHEMA, SESSION_VERSION, savedState } from '../session/record.js';
import { runSession } from '../session/run.js';
import type { Artifact } from '../output/artifacts.js';
import { changedFiles, folderNames, writeArtifacts } from '../output/write-artifacts.js';
import { adrDate } from '../render/adr.js';
import { adrFolder } from './adr-folder.js';
import type { SessionStore } from '../session/store.js';
import type { GlobalOptions } from './options.js';
import type { Output } from './output.js';
import type { CopilotSetup } from './copilot-factory.js';
import type { CommandOptions, RenderContext, SessionKind } from './session-kind.js';
import { createSessionView } from './session-view.js';
import { summaryJson } from './summary.js';

export interface SavedSession {
  readonly store: SessionStore;
  readonly id: string;
  readonly createdAt: string;
  readonly clock: () => Date;
}

export interface DocumentRun {
  readonly kind: SessionKind;
  readonly globals: GlobalOptions;
  /** The command's own flags (an interview's --pass-mark, --adr), for rendering and the finishing step. */
  readonly options: CommandOptions;
  readonly knowledge: Knowledge;
  readonly out: Output;
  readonly respondent: Respondent;
  readonly state: SessionState;
  readonly outDir: string;
  readonly warnings: readonly string[];
  /** Absent with --no-save. */
  readonly session?: SavedSession;
  /** Aborted by SIGINT or SIGTERM: the runner stops before the next step. */
  readonly signal: AbortSignal;
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
    // Drafts and derived results are made from the answers: the record keeps what the person gave,
    // and resume makes them again.
    state: savedState(state),
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
        view: createSessionView(out, kind.presentation, kind.protocol),
        knowledge: run.knowledge,
        redFlags: kind.rules.flags,
        ...(kind.rules.findings ? { rules: kind.rules.findings } : {}),
        ...(kind.protocol.timed && run.respondent.interactive
          ? { clock: () => session?.clock().getTime() ?? Date.now() }
          : {}),
        ...(run.respondent.interactive
          ? { check: (state: SessionState) => kind.render(templateOf(kind), state).problems }
          : {}),
        ...(save ? { save } : {}),
        signal: run.signal,
      },
      run.state,
    );
  } finally {
    if (setup.usage) out.warn(setup.usage().line);
  }

  const flags = kind.rules.flags(finished);
  const rendered = kind.render(templateOf(kind), finished, renderContext(run));
  if (rendered.problems.length > 0) {
    throw new AppError(
      ExitCode.checkFailed,
      `${kind.document} was not written: it breaks ${String(rendered.problems.length)} of its rules:\n${rendered.problems.map((problem) => `  ${problem}`).join('\n')}`,
      session?.store.saving === true
        ? `Session ${session.id} is saved; revise a phase with: mlops-design resume ${session.id}`
        : undefined,
    );
  }
  // Every piece of outside text was sanitised on the way in; this last pass makes it a guarantee.
  const artifacts = rendered.artifacts.map((artifact) => ({
    ...artifact,
    content: sanitize(artifact.content),
  }));
  if (globals.check) {
    checkOnly(run, finished, artifacts);
    return;
  }
  const written = await writeArtifacts(run.outDir, artifacts, { force: globals.force }).catch(
    (error: unknown) => {
      throw withSession(error, session) ?? error;
    },
  );
  for (const warning of written.warnings) out.warn(warning);
  // Only now, with every file in place: a failed write leaves the session resumable.
  if (session) session.store.save(sessionRecord(kind, session, run.outDir, finished, true));
  // What the command adds once the document is written (the interview's gaps log), and whether it
  // fails the run (a score below --pass-mark): reported after the result, which stands either way.
  const failure = run.options.finished?.(finished, session?.store.dir, (line) => {
    out.warn(line);
  });
  const fail = (): void => {
    if (failure) throw new AppError(ExitCode.checkFailed, failure);
  };

  if (globals.json) {
    out.result(summaryOf(run, finished, written.files));
    fail();
    return;
  }
  for (const file of written.files) out.result(file);
  for (const { file, backup } of written.backups)
    out.info(`The previous ${file} was not what mlops-design last wrote there; it is kept as ${backup}.`);
  const { outcome, flagLabel } = kind.presentation;
  if (outcome) out.info(outcome(finished));
  if (flags.length > 0)
    out.warn(
      `${flags.length} ${flagLabel.toLowerCase()}(s): ${flags.map((flag) => flag.id).join(', ')} (listed in the document).`,
    );
  fail();
}

/** What rendering reads from disk: the ADR folder's names, when records are asked for (--adr). */
function renderContext(run: DocumentRun): RenderContext {
  const dir = adrFolder(run.options, run.outDir);
  if (dir === undefined) return {};
  const { existing, own } = folderNames(run.outDir, dir);
  const createdAt = run.session?.createdAt ?? new Date().toISOString();
  return { adr: { dir, existing, own, date: adrDate(createdAt) } };
}

function templateOf(kind: SessionKind): string {
  return readFileSync(`${TEMPLATES_DIR}${kind.document}`, 'utf8');
}

/** The files could not be written (73, 74): the session stays unfinished, so say how to finish it. */
function withSession(error: unknown, session: SavedSession | undefined): AppError | undefined {
  if (!(error instanceof AppError)) return undefined;
  const next = !session
    ? 'The session was not saved (--no-save).'
    : session.store.saving
      ? `Session ${session.id} is saved; finish it with: mlops-design resume ${session.id}`
      : `Session ${session.id} could not be saved in ${session.store.dir}; it cannot be resumed.`;
  return new AppError(
    error.exitCode,
    error.message,
    [error.hint, next].filter(Boolean).join(' '),
    error.details,
  );
}

/**
 * --check: nothing under --out is written. Lists each file that differs from what the session would
 * write (stdout, or the --json summary) and fails with 1 when there is any; the session is finished
 * only when everything already matches.
 */
function checkOnly(run: DocumentRun, finished: SessionState, artifacts: readonly Artifact[]): void {
  const { out, session, kind, globals } = run;
  const differing = changedFiles(run.outDir, artifacts);
  if (session) session.store.save(sessionRecord(kind, session, run.outDir, finished, differing.length === 0));
  if (globals.json) out.result(summaryOf(run, finished, [], differing));
  else for (const file of differing) out.result(file);
  if (differing.length > 0)
    throw new AppError(
      ExitCode.checkFailed,
      `--check: ${String(differing.length)} of ${String(artifacts.length)} file(s) differ from what the session would write`,
      'Run again without --check (and with --force) to write them.',
    );
  out.info(`--check: ${String(artifacts.length)} file(s) up to date.`);
}

/** The --json summary of a run: the files written, or with --check the files that differ. */
function summaryOf(
  run: DocumentRun,
  state: SessionState,
  files: readonly string[],
  differing?: readonly string[],
): string {
  return JSON.stringify(
    summaryJson({
      command: run.kind.command,
      sessionId: run.session?.id ?? null,
      state,
      protocol: run.kind.protocol,
      files,
      ...(differing ? { differing } : {}),
      extra: run.kind.summary(state),
      warnings: run.warnings,
      copilot: run.setup.copilot.name,
      usage: run.setup.usage?.().json,
    }),
  );
}
