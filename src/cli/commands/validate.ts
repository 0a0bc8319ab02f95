/** `mlops-design validate FILE`: check an answers file and print the plan, without a co-pilot. */
import { readAnswersFile } from '../../answers/load.js';
import { planAnswers } from '../../answers/plan.js';
import { z } from 'zod';
import { badInput } from '../../errors.js';
import { readContextDocuments } from '../context-documents.js';
import { parseFlags, scopeFlag, type GlobalOptions } from '../options.js';
import { colourEnabled, createOutput } from '../output.js';
import { DEFAULT_PROTOCOL, protocolOf } from '../registry.js';

const validateFlags = z.object({ scope: scopeFlag.optional() });

export async function runValidate(
  globals: GlobalOptions,
  path: string,
  raw: Readonly<Record<string, unknown>>,
): Promise<void> {
  const { scope } = parseFlags(validateFlags, raw);
  const out = createOutput({
    colour: colourEnabled({ env: process.env, isTTY: process.stdout.isTTY, flag: globals.color }),
    quiet: globals.quiet,
  });
  const loaded = readAnswersFile(path);
  const context = readContextDocuments(process.cwd());
  const command = loaded.file.command ?? DEFAULT_PROTOCOL;
  const protocol = await protocolOf(command);
  const plan = planAnswers(protocol, loaded, {
    command,
    scope,
    context,
  });
  if (globals.json) {
    out.result(
      JSON.stringify(
        {
          file: path,
          valid: plan.problems.length === 0,
          title: plan.title,
          scope: plan.scope ?? null,
          problems: plan.problems,
          warnings: plan.warnings,
          plan: plan.lines,
        },
        null,
        2,
      ),
    );
  } else {
    out.result(`${path}: ${plan.title} (${plan.scope ?? 'scope missing'})`);
    let phase = '';
    for (const line of plan.lines) {
      if (line.phase !== phase) {
        phase = line.phase;
        out.result(out.style.bold(phase));
      }
      out.result(`  ${line.id.padEnd(36)} ${line.answer}`);
    }
    for (const warning of plan.warnings) out.warn(`warning: ${warning}`);
  }
  if (plan.problems.length > 0) {
    throw badInput(`${path}: ${plan.problems.length} problem(s)`, plan.problems);
  }
  if (!globals.json) out.result('valid');
}
