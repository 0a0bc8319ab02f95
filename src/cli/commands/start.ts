/**
 * `mlops-design design`, `pipeline` and `interview`: a whole session, interactive or from an answers
 * file, to its document.
 */
import { resolve } from 'node:path';
import { readAnswersFile } from '../../answers/load.js';
import { planAnswers } from '../../answers/plan.js';
import { AppError, ExitCode, badInput, usageError } from '../../errors.js';
import { loadCompiledKnowledge } from '../../knowledge/compiled.js';
import { initialState, recordAnswer } from '../../protocol/machine.js';
import type { AnswerRecord, Scope, SessionState } from '../../protocol/types.js';
import { titleSlot } from '../../protocol/common-slots.js';
import { scopeSlot } from '../../protocols/design/slots.js';
import { answersFileRespondent } from '../../respondents/answers-file.js';
import type { Respondent } from '../../respondents/port.js';
import { askQuestion } from '../../session/run.js';
import { SessionStore, newSessionId } from '../../session/store.js';
import { readContextDocuments } from '../context-documents.js';
import { chooseCopilot } from '../copilot-factory.js';
import { runToDocument, type SavedSession } from '../document-session.js';
import { loadKind, type KindName, type SessionKind } from '../session-kind.js';
import { interactiveRespondent, requireTerminal, sessionOutput } from '../session-setup.js';
import type { GlobalOptions } from '../options.js';
import { createSessionView } from '../session-view.js';
import { watchInterrupts } from '../interrupts.js';
import { checkTargets } from '../../output/write-artifacts.js';
import { adrFolder } from '../adr-folder.js';

export async function runStart(
  command: KindName,
  globals: GlobalOptions,
  options: Record<string, unknown>,
): Promise<void> {
  const kind = await loadKind(command);
  const { protocol } = kind;
  const out = sessionOutput(globals);
  const knowledge = loadCompiledKnowledge();
  const setup = await chooseCopilot(globals, knowledge, out, kind);
  const answersPath = typeof options.answers === 'string' ? options.answers : undefined;
  const flagScope = typeof options.scope === 'string' ? (options.scope as Scope) : undefined;
  const acceptRecommended = options.acceptRecommended === true;
  if (acceptRecommended && answersPath === undefined)
    throw usageError(
      '--accept-recommended needs --answers FILE',
      'A person at the prompt chooses every decision; the flag fills the gaps of an answers file.',
    );
  const outDir = resolve(globals.out);
  // Flags that answer questions (--problem, --level) are checked before anything is asked.
  const presets = parsePresets(kind, options);
  adrFolder(options, outDir);
  if (answersPath !== undefined && presets.length > 0)
    out.warn(
      `warning: ${presets.map(([id]) => flagOf(id)).join(', ')} ignored: the answers file answers ${presets.map(([id]) => id).join(', ')}`,
    );
  // Interactive: refuse before the first question. Scripted: after the answers file is checked,
  // so a bad answers file is reported as such.
  const checkOutput = (): void => {
    checkTargets(outDir, [kind.document], { force: globals.force, check: globals.check });
  };
  if (answersPath === undefined) {
    requireTerminal(globals);
    checkOutput();
  }
  const context = readContextDocuments(process.cwd());
  const interrupts = watchInterrupts();
  const clock = (): Date => new Date();
  const session: SavedSession | undefined =
    options.save === false
      ? undefined
      : { store: new SessionStore(), id: newSessionId(clock()), createdAt: clock().toISOString(), clock };

  try {
    let respondent: Respondent;
    let state: SessionState;
    const warnings: string[] = [];
    if (answersPath !== undefined) {
      const loaded = readAnswersFile(answersPath);
      const plan = planAnswers(protocol, loaded, { command, scope: flagScope, context, acceptRecommended });
      if (plan.problems.length > 0)
        throw badInput(
          `${answersPath}: ${plan.problems.length} problem(s); nothing was written`,
          plan.problems,
        );
      for (const warning of plan.warnings) out.warn(`warning: ${warning}`);
      warnings.push(...plan.warnings);
      respondent = answersFileRespondent(answersPath, loaded.file, { acceptRecommended });
      const scope = plan.scope ?? 'system';
      state = initialState(protocol, plan.title, scope, scope === 'system' ? [] : context);
    } else {
      respondent = interactiveRespondent(globals, out, interrupts);
      const [headline = '', ...intro] = kind.intro;
      out.info(out.style.bold(headline));
      for (const line of intro) out.info(line);
      out.info(
        session
          ? `Session ${session.id} · saved after every answer (resume with: mlops-design resume ${session.id})`
          : 'Not saving this session (--no-save).',
      );
      const deps = {
        copilot: setup.copilot,
        respondent,
        view: createSessionView(out, kind),
      };
      const title = (await askQuestion(deps, titleSlot, initialState(protocol, '', 'system'), 'Setup')).value;
      const scope =
        protocol.scope ??
        flagScope ??
        (await askQuestion(deps, scopeSlot, initialState(protocol, title, 'system'), 'Setup')).value;
      state = initialState(protocol, title, scope, scope === 'system' ? [] : context);
      for (const [id, record] of presets) state = recordAnswer(state, id, record);
    }
    if (kind.scoped && state.scope !== 'system') {
      out.info(
        state.context.length > 0
          ? `Reading ${state.context.map((doc) => doc.name).join(' and ')} from the working directory as context.`
          : 'No problem_statement.md or architecture.md here: the session will ask you to frame the problem first.',
      );
    }
    checkOutput();
    if (session && answersPath !== undefined) out.info(`Session ${session.id}`);
    await runToDocument({
      kind,
      options,
      globals,
      out,
      setup,
      respondent,
      state,
      outDir,
      warnings,
      ...(session ? { session } : {}),
      interrupts,
    });
  } catch (error) {
    // Before the first phase there is nothing to resume: say so plainly.
    const name = error instanceof Error ? error.name : '';
    if (name === 'ExitPromptError' || name === 'AbortPromptError') {
      throw new AppError(
        interrupts.signal.reason === 'SIGTERM' ? ExitCode.terminated : ExitCode.interrupted,
        'Interrupted before the first question; nothing to save.',
      );
    }
    throw error;
  } finally {
    interrupts.dispose();
  }
}

const flagOf = (id: string): string => `--${id.replace(/^\w+\./, '')}`;

/** The answers the command's flags give (--problem, --level), parsed by their own questions. */
function parsePresets(kind: SessionKind, options: Record<string, unknown>): [string, AnswerRecord][] {
  return Object.entries(kind.presets?.(options) ?? {}).map(([id, raw]) => {
    const slot = kind.protocol.steps.find((step) => step.id === id);
    if (slot?.kind !== 'question') throw new Error(`preset ${id} names no question`);
    const parsed = slot.parse(raw);
    if (!parsed.ok) throw usageError(`${flagOf(id)}: ${parsed.error}`);
    return [id, { raw, value: parsed.value }];
  });
}
