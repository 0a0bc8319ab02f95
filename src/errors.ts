/**
 * The exit-code contract of DESIGN.md, in one table. Every error the program raises carries one of
 * these codes; the CLI entry point is the only place that turns it into a process exit.
 */
export const ExitCode = {
  ok: 0,
  checkFailed: 1,
  usage: 64,
  badInput: 65,
  inputNotFound: 66,
  internal: 70,
  outputExists: 73,
  ioError: 74,
  llmUnavailable: 75,
  config: 78,
  interrupted: 130,
  terminated: 143,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An expected failure with a user-facing message, an exit code and, where useful, what to do next. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly exitCode: ExitCodeValue,
    message: string,
    readonly hint?: string,
    /** Further lines (e.g. every problem found in an answers file), printed one per line. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

export const usageError = (message: string, hint?: string): AppError =>
  new AppError(ExitCode.usage, message, hint);
export const badInput = (message: string, details: readonly string[] = [], hint?: string): AppError =>
  new AppError(ExitCode.badInput, message, hint, details);

/** The session was stopped by a signal (SIGINT, SIGTERM) or by the end of its input. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  constructor(readonly by: 'SIGINT' | 'SIGTERM' | 'EOF') {
    super(`interrupted by ${by}`);
  }
}

/**
 * The interruption a session's signal stands for, once it has been aborted (its reason is the
 * signal's name: SIGTERM, else SIGINT); undefined while it has not.
 */
export function interruptionOf(signal: AbortSignal | undefined): Interrupted | undefined {
  if (!signal?.aborted) return undefined;
  return new Interrupted(signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT');
}
