/**
 * The one way a session starts, for a new one (`design`, `pipeline`, `interview`) and a saved one
 * (`resume`) alike. Before the first question, in this order: the flags that need each other or
 * --out (64), the co-pilot (a missing key fails with 78), the answers file checked whole (65,
 * naming the file and every key), the terminal when there is none (64), the files' places (64,
 * 73), the state folder (78 not a folder, 73 not writable, 74 full). Then the run. A cancelled run (Ctrl-C, the end of input, a signal: the project's own
 * Interrupted error) becomes one line saying where the work is, here and nowhere else.
 */
import { readAnswersFile, type LoadedAnswers } from '../answers/load.js';
import { planAnswers, type Plan } from '../answers/plan.js';
import { AppError, ExitCode, Interrupted, badInput, usageError } from '../errors.js';
import { loadCompiledKnowledge } from '../knowledge/compiled.js';
import { initialState, nextQuestion, progressLabel, recordAnswer } from '../protocol/machine.js';
import type { AnswerRecord, SessionState } from '../protocol/types.js';
import { titleSlot } from '../protocol/common-slots.js';
import { scopeSlot } from '../protocols/design/slots.js';
import { answersFileRespondent } from '../respondents/answers-file.js';
import type { Respondent } from '../respondents/port.js';
import { terminalRespondent } from '../respondents/terminal.js';
import { askQuestion } from '../session/run.js';
import { secondReading } from '../session/ask.js';
import { SessionStore, newSessionId } from '../session/store.js';
import { checkTargets } from '../output/write-artifacts.js';
import { adrFolder } from './adr-folder.js';
import { carryFrom } from './carry-from.js';
import { readContextDocuments } from './context-documents.js';
import { chooseCopilot, type CopilotSetup } from './copilot-factory.js';
import { runToDocument, type SavedSession } from './document-session.js';
import { watchInterrupts, type Interrupts } from './interrupts.js';
import type { GlobalOptions } from './options.js';
import { colourEnabled, createOutput, type Output } from './output.js';
import type { CommandOptions, SessionKind } from './session-kind.js';
import { createSessionView } from './session-view.js';
import { wrapProse } from '../lib/wrap-text.js';

/** A session to begin: a new one, or a saved one to continue where it stopped. */
export interface Opening {
  readonly kind: SessionKind;
  readonly options: CommandOptions;
  readonly outDir: string;
  readonly resumed?: { readonly session: SavedSession; readonly state: SessionState };
}

export async function runSessionCommand(globals: GlobalOptions, opening: Opening): Promise<void> {
  const { kind, options, outDir, resumed } = opening;
  if (options.acceptRecommended && options.answers === undefined)
    throw usageError(
      '--accept-recommended needs --answers FILE',
      'A person at the prompt chooses every decision; the flag fills the gaps of an answers file.',
    );
  const presets = presetAnswers(kind, options);
  adrFolder(options, outDir);
  const out = sessionOutput(globals);
  const knowledge = loadCompiledKnowledge();
  // Watched from before the co-pilot is made: its model requests end on the same signal.
  const interrupts = watchInterrupts();
  const setup = await chooseCopilot(
    globals,
    knowledge,
    out,
    kind,
    { ...(options.answers === undefined ? {} : { answersPath: options.answers }) },
    interrupts.signal,
  );
  const context = resumed
    ? resumed.state.context
    : [
        ...readContextDocuments(process.cwd()),
        ...(options.from === undefined
          ? []
          : [
              carryFrom(options.from, kind.protocol, (line) => {
                out.info(line);
              }),
            ]),
      ];
  const answers =
    options.answers === undefined ? undefined : await checkedAnswers(opening, context, out, setup);
  // Interactive: refuse before the first question. Scripted: after the answers file is checked, so
  // a bad answers file is reported as such.
  if (!answers) requireTerminal(globals);
  checkTargets(outDir, [kind.document], { force: globals.force, check: globals.check });
  // The cassette, checked against the answers (replay) or started with them (record).
  setup.begin?.(answers?.loaded.file);
  const clock = (): Date => new Date();
  const session: SavedSession | undefined =
    resumed?.session ??
    (options.save
      ? { store: new SessionStore(), id: newSessionId(clock()), createdAt: clock().toISOString(), clock }
      : undefined);
  if (session) {
    // The state folder is the user's environment: a file in its place (78), read-only (73) or full
    // (74) is said now, before anything is asked. Once the run is under way a failed save only
    // warns: the answers are in memory and the document can still be written.
    session.store.prepare();
    session.store.tolerateFailures((line) => {
      out.warn(line);
    });
  }
  let started = resumed !== undefined;
  try {
    const respondent = answers
      ? answersFileRespondent(answers.loaded.path, answers.loaded.file, {
          acceptRecommended: options.acceptRecommended === true,
          // MLOPS_DESIGN_ANSWER_DELAY_MS paces the answers; its line is progress (quiet under --json).
          say: (text) => {
            out.info(text);
          },
          signal: interrupts.signal,
        })
      : interactiveRespondent(out, interrupts);
    const run = { kind, out, setup, respondent, session };
    const state =
      resumed?.state ??
      (answers ? fromAnswers(kind, answers.plan, context) : await fromPerson(run, options, context, presets));
    announce(run, state, answers !== undefined, resumed !== undefined);
    started = true;
    await runToDocument({
      kind,
      options,
      knowledge,
      globals,
      out,
      setup,
      respondent,
      state,
      outDir,
      warnings: answers?.plan.warnings ?? [],
      ...(session ? { session } : {}),
      signal: interrupts.signal,
    });
  } catch (error) {
    throw (
      (error instanceof Interrupted ? interrupted(error, started, session) : undefined) ??
      modelUnavailable(error, session) ??
      error
    );
  } finally {
    interrupts.dispose();
  }
}

function sessionOutput(globals: GlobalOptions): Output {
  return createOutput({
    colour: colourEnabled({ env: process.env, isTTY: process.stderr.isTTY, flag: globals.color }),
    quiet: globals.quiet || globals.json,
  });
}

function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/** Prompts only where a person can answer them: a terminal on stdin, no CI, no --no-input. */
function requireTerminal(globals: GlobalOptions): void {
  if (!process.stdin.isTTY || isCi() || !globals.input) {
    const why = !globals.input ? '--no-input was given' : isCi() ? 'CI is set' : 'stdin is not a terminal';
    throw usageError(
      `no terminal to ask questions on (${why})`,
      'Pass --answers FILE to run from an answers file (see `mlops-design questions` for the ids).',
    );
  }
}

function interactiveRespondent(out: Output, interrupts: Interrupts): Respondent {
  process.stdin.once('end', interrupts.endInput);
  return terminalRespondent({
    say: (text) => {
      out.warn(wrapProse(out.style.yellow(text)));
    },
    progress: (text) => {
      out.info(out.style.cyan(text));
    },
    signal: interrupts.signal,
    inputEnded: interrupts.inputEnded,
  });
}

interface CheckedAnswers {
  readonly loaded: LoadedAnswers;
  readonly plan: Plan;
}

/**
 * The whole answers file, checked against the protocol (and a resumed session's answers) up front.
 * An answer a question cannot read gets the co-pilot's second reading, when it has one, in the
 * problem line: the file's author is told what to write, and nothing is read into it silently.
 */
async function checkedAnswers(
  { kind, options, resumed }: Opening,
  context: SessionState['context'],
  out: Output,
  setup: CopilotSetup,
): Promise<CheckedAnswers> {
  const loaded = readAnswersFile(options.answers ?? '');
  const plan = planAnswers(kind.protocol, loaded, {
    command: kind.command,
    scope: options.scope,
    context,
    acceptRecommended: options.acceptRecommended === true,
    ...(resumed ? { saved: resumed.state } : {}),
  });
  if (plan.problems.length > 0) {
    const problems = [...plan.problems];
    if (setup.copilot.reread && plan.unreadable.length > 0) {
      setup.begin?.(loaded.file);
      for (const unreadable of plan.unreadable.slice(0, 3)) {
        const slot = kind.protocol.steps.find((step) => step.id === unreadable.id);
        if (slot?.kind !== 'question') continue;
        const reading = await secondReading(
          setup.copilot,
          slot,
          unreadable.raw,
          unreadable.problem,
          unreadable.state,
        );
        if (reading)
          problems[unreadable.line] =
            `${problems[unreadable.line] ?? ''} (the co-pilot reads it as "${reading}": write that if it is what you meant)`;
      }
    }
    throw badInput(`${loaded.path}: ${problems.length} problem(s); nothing was written`, problems);
  }
  for (const warning of plan.warnings) out.warn(`warning: ${warning}`);
  const ignored = Object.keys(options.presets);
  if (ignored.length > 0)
    out.warn(
      `warning: ${ignored.map(flagOf).join(', ')} ignored: the answers file answers ${ignored.join(', ')}`,
    );
  return { loaded, plan };
}

const flagOf = (id: string): string => `--${id.replace(/^\w+\./, '')}`;

/** The answers the command's flags give (--problem, --level), parsed by their own questions. */
function presetAnswers(kind: SessionKind, options: CommandOptions): [string, AnswerRecord][] {
  return Object.entries(options.presets).map(([id, raw]) => {
    const slot = kind.protocol.steps.find((step) => step.id === id);
    if (slot?.kind !== 'question') throw new Error(`preset ${id} names no question`);
    const parsed = slot.parse(raw);
    if (!parsed.ok) throw usageError(`${flagOf(id)}: ${parsed.error}`);
    return [id, { raw, value: parsed.value }];
  });
}

/** A new scripted session: its title and scope from the answers file. */
function fromAnswers(kind: SessionKind, plan: Plan, context: SessionState['context']): SessionState {
  const scope = plan.scope ?? 'system';
  return initialState(kind.protocol, plan.title, scope, scope === 'system' ? [] : context);
}

interface Run {
  readonly kind: SessionKind;
  readonly out: Output;
  readonly setup: CopilotSetup;
  readonly respondent: Respondent;
  readonly session: SavedSession | undefined;
}

/** A new interactive session: the intro, then its title and scope asked of the person. */
async function fromPerson(
  run: Run,
  options: Pick<CommandOptions, 'scope' | 'title'>,
  context: SessionState['context'],
  presets: readonly [string, AnswerRecord][],
): Promise<SessionState> {
  const { kind, out, session } = run;
  const { protocol } = kind;
  const [headline = '', ...intro] = kind.presentation.intro;
  out.info(wrapProse(out.style.bold(headline)));
  for (const line of intro) out.info(wrapProse(line));
  out.info(
    wrapProse(
      session
        ? `Session ${session.id} · saved after every answer (resume with: mlops-design resume ${session.id})`
        : 'Not saving this session (--no-save).',
    ),
  );
  const deps = {
    copilot: run.setup.copilot,
    respondent: run.respondent,
    view: createSessionView(out, kind.presentation),
  };
  const title =
    options.title ??
    (await askQuestion(deps, titleSlot, initialState(protocol, '', 'system'), 'Setup')).value;
  const scope =
    protocol.scope ??
    options.scope ??
    (await askQuestion(deps, scopeSlot, initialState(protocol, title, 'system'), 'Setup')).value;
  let state = initialState(protocol, title, scope, scope === 'system' ? [] : context);
  for (const [id, record] of presets) state = recordAnswer(state, id, record);
  return state;
}

/** What is about to run: the session, where a resumed one stands, the context documents read. */
function announce(run: Run, state: SessionState, scripted: boolean, resumed: boolean): void {
  const { kind, out, session } = run;
  if (resumed && session) {
    const step = nextQuestion(kind.protocol, state);
    out.info(
      `Resuming session ${session.id} (${state.title}) at ${step ? `${progressLabel(kind.protocol, step)}, ${step.id}` : 'approval'}.`,
    );
    return;
  }
  if (!kind.protocol.scope && state.scope !== 'system')
    out.info(
      state.context.length > 0
        ? `Reading ${state.context.map((doc) => doc.name).join(' and ')} from the working directory as context.`
        : 'No problem_statement.md or architecture.md here: the session will ask you to frame the problem first.',
    );
  if (session && scripted) out.info(`Session ${session.id}`);
}

/** An interruption: 130 (143 for SIGTERM), and where the work is, in one line. */
function interrupted(error: Interrupted, started: boolean, session: SavedSession | undefined): AppError {
  const code = error.by === 'SIGTERM' ? ExitCode.terminated : ExitCode.interrupted;
  if (!started) return new AppError(code, 'Interrupted before the first question; nothing to save.');
  const saved = !session
    ? ' Nothing was saved (--no-save).'
    : session.store.saving
      ? ` Session ${session.id} saved. Resume with: mlops-design resume ${session.id}`
      : ` Session ${session.id} could not be saved in ${session.store.dir}; it cannot be resumed.`;
  return new AppError(code, `${error.by === 'EOF' ? 'Input ended' : 'Interrupted'}.${saved}`);
}

/** The model became unavailable (75): the session is saved, so say how to carry on. */
function modelUnavailable(error: unknown, session: SavedSession | undefined): AppError | undefined {
  if (!(error instanceof AppError) || error.exitCode !== ExitCode.llmUnavailable || !session?.store.saving)
    return undefined;
  return new AppError(
    error.exitCode,
    `${error.message}. Session ${session.id} saved`,
    `Resume with: mlops-design resume ${session.id} (add --copilot offline to carry on without the model).`,
  );
}
