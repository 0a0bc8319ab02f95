/** `mlops-design design`: a whole design session, interactive or from an answers file. */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { readAnswersFile } from '../../answers/load.js';
import { planAnswers } from '../../answers/plan.js';
import { createOfflineCoPilot } from '../../copilot/offline/offline-copilot.js';
import { designAdvisor } from '../../copilot/offline/design/advisor.js';
import { AppError, ExitCode, badInput, usageError } from '../../errors.js';
import { loadCompiledKnowledge } from '../../knowledge/load.js';
import { TEMPLATES_DIR } from '../../paths.js';
import { initialState } from '../../protocol/machine.js';
import type { Scope, SessionState } from '../../protocol/types.js';
import { readContextDocuments } from '../context-documents.js';
import { designProtocol } from '../../protocols/design/index.js';
import { scopeSlot, titleSlot } from '../../protocols/design/slots.js';
import { renderSystemDesign } from '../../render/system-design.js';
import { answersFileRespondent } from '../../respondents/answers-file.js';
import type { Respondent } from '../../respondents/port.js';
import { terminalRespondent } from '../../respondents/terminal.js';
import { redFlags } from '../../rules/red-flags.js';
import { askQuestion, runSession } from '../../session/run.js';
import type { GlobalOptions } from '../options.js';
import { colourEnabled, createOutput } from '../output.js';
import { checkOutput } from '../output-dir.js';
import { createSessionView } from '../session-view.js';
import { summaryJson } from '../summary.js';

const DOCUMENT = 'system_design.md';
const TEMPLATE = `${TEMPLATES_DIR}system_design.md`;

export async function runDesign(globals: GlobalOptions, options: Record<string, unknown>): Promise<void> {
  const out = createOutput({
    colour: colourEnabled({ env: process.env, isTTY: process.stderr.isTTY, flag: globals.color }),
    quiet: globals.quiet || globals.json,
  });
  if (globals.copilot === 'anthropic') {
    throw new AppError(
      ExitCode.config,
      'the Anthropic co-pilot is not available in this version yet',
      'Run with --copilot offline (the default).',
    );
  }
  const answersPath = typeof options.answers === 'string' ? options.answers : undefined;
  const flagScope = typeof options.scope === 'string' ? (options.scope as Scope) : undefined;
  const interactive = answersPath === undefined;
  if (interactive && (!process.stdin.isTTY || isCi() || !globals.input)) {
    throw usageError(
      `no terminal to ask questions on (${!globals.input ? '--no-input was given' : isCi() ? 'CI is set' : 'stdin is not a terminal'})`,
      'Pass --answers FILE to run from an answers file (see `mlops-design questions` for the ids).',
    );
  }

  const outDir = resolve(globals.out);
  const target = checkOutput(outDir, DOCUMENT, globals.force);

  const context = readContextDocuments(process.cwd());
  const view = createSessionView(out);
  const knowledge = loadCompiledKnowledge();
  const copilot = createOfflineCoPilot(designAdvisor(knowledge));
  let respondent: Respondent;
  let state: SessionState;
  const warnings: string[] = [];

  if (answersPath !== undefined) {
    const loaded = readAnswersFile(answersPath);
    const plan = planAnswers(designProtocol, loaded, { command: 'design', scope: flagScope, context });
    if (plan.problems.length > 0)
      throw badInput(
        `${answersPath}: ${plan.problems.length} problem(s); nothing was written`,
        plan.problems,
      );
    for (const warning of plan.warnings) out.warn(`warning: ${warning}`);
    warnings.push(...plan.warnings);
    respondent = answersFileRespondent(answersPath, loaded.file);
    const scope = plan.scope ?? 'system';
    state = initialState(designProtocol, plan.title, scope, scope === 'system' ? [] : context);
  } else {
    respondent = terminalRespondent({
      say: (text) => {
        out.warn(out.style.yellow(text));
      },
    });
    out.info(out.style.bold('mlops-design: a system design session, one question at a time.'));
    out.info(
      'Six phases: requirements, estimation, high-level design, deep-dive, tradeoffs, operations. Nothing is written until you approve.',
    );
    const deps = { copilot, respondent, view };
    const title = (await askQuestion(deps, titleSlot, initialState(designProtocol, '', 'system'), 'Setup'))
      .value;
    const scope =
      flagScope ??
      (await askQuestion(deps, scopeSlot, initialState(designProtocol, title, 'system'), 'Setup')).value;
    state = initialState(designProtocol, title, scope, scope === 'system' ? [] : context);
  }
  if (state.scope !== 'system') {
    out.info(
      state.context.length > 0
        ? `Reading ${state.context.map((doc) => doc.name).join(' and ')} from the working directory as context.`
        : 'No problem_statement.md or architecture.md here: the session will ask you to frame the problem first.',
    );
  }

  const finished = await runSession({ protocol: designProtocol, copilot, respondent, view, redFlags }, state);
  const flags = redFlags(finished);
  const document = renderSystemDesign(readFileSync(TEMPLATE, 'utf8'), finished, flags);
  checkOutput(outDir, DOCUMENT, globals.force);
  mkdirSync(outDir, { recursive: true });
  await writeFileAtomic(target, document, { encoding: 'utf8' });

  if (globals.json) {
    out.result(
      JSON.stringify(
        summaryJson({
          command: 'design',
          state: finished,
          protocol: designProtocol,
          files: [target],
          flags,
          warnings,
          copilot: copilot.name,
        }),
      ),
    );
  } else {
    out.result(target);
    if (flags.length > 0)
      out.warn(
        `${flags.length} red flag(s): ${flags.map((flag) => flag.id).join(', ')} (listed in the document).`,
      );
  }
}

function isCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}
