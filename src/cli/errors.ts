/** Turns any failure into one clear message on stderr and the contract's exit code. */
import { AppError, ExitCode, Interrupted, type ExitCodeValue } from '../errors.js';

export interface Reported {
  readonly exitCode: ExitCodeValue;
  readonly lines: readonly string[];
}

const REPORT =
  'This is a bug in mlops-design. Please report it with the command you ran and this message (set MLOPS_DESIGN_DEBUG=1 for a stack trace).';

/**
 * A message or detail may carry outside text with a line break (a key in an answers file, a file
 * name): its further lines are indented, so no text can forge a second `mlops-design:` error line.
 */
const indentBreaks = (text: string, indent: string): string => text.replace(/\r?\n|\r/g, `\n${indent}  `);

export function describeError(error: unknown, debug = false): Reported {
  if (error instanceof AppError) {
    // An interruption is not an error message: it is the one line that says where the work is.
    const interrupted = error.exitCode === ExitCode.interrupted || error.exitCode === ExitCode.terminated;
    return {
      exitCode: error.exitCode,
      lines: [
        indentBreaks(interrupted ? error.message : `mlops-design: ${error.message}`, ''),
        ...error.details.map((detail) => `  ${indentBreaks(detail, '  ')}`),
        ...(error.hint ? [`  ${indentBreaks(error.hint, '  ')}`] : []),
      ],
    };
  }
  // A session reports its own interruptions (where the work is saved); anything else just stops.
  if (error instanceof Interrupted) {
    return {
      exitCode: error.by === 'SIGTERM' ? ExitCode.terminated : ExitCode.interrupted,
      lines: ['Interrupted.'],
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  const stack = debug && error instanceof Error && error.stack ? [error.stack] : [];
  return {
    exitCode: ExitCode.internal,
    lines: [indentBreaks(`mlops-design: internal error: ${message}`, ''), `  ${REPORT}`, ...stack],
  };
}
