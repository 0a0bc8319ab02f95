/** What `design` and `resume` set up alike: the output streams, the co-pilot check, the prompts. */
import { usageError } from '../errors.js';
import type { Respondent } from '../respondents/port.js';
import { terminalRespondent } from '../respondents/terminal.js';
import type { Interrupts } from './interrupts.js';
import type { GlobalOptions } from './options.js';
import { colourEnabled, createOutput, type Output } from './output.js';

export function sessionOutput(globals: GlobalOptions): Output {
  return createOutput({
    colour: colourEnabled({ env: process.env, isTTY: process.stderr.isTTY, flag: globals.color }),
    quiet: globals.quiet || globals.json,
  });
}

export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/** Prompts only where a person can answer them: a terminal on stdin, no CI, no --no-input. */
export function requireTerminal(globals: GlobalOptions): void {
  if (!process.stdin.isTTY || isCi() || !globals.input) {
    const why = !globals.input ? '--no-input was given' : isCi() ? 'CI is set' : 'stdin is not a terminal';
    throw usageError(
      `no terminal to ask questions on (${why})`,
      'Pass --answers FILE to run from an answers file (see `mlops-design questions` for the ids).',
    );
  }
}

export function interactiveRespondent(
  globals: GlobalOptions,
  out: Output,
  interrupts: Interrupts,
): Respondent {
  requireTerminal(globals);
  process.stdin.once('end', interrupts.endInput);
  return terminalRespondent({
    say: (text) => {
      out.warn(out.style.yellow(text));
    },
    signal: interrupts.signal,
  });
}
