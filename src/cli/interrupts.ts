/**
 * Signals during a session. The first SIGINT or SIGTERM aborts what is running (a prompt, or the
 * runner between steps) so the command can report the saved session and exit with 130 or 143; a
 * second SIGINT exits at once, because a person pressing Ctrl-C twice wants out now. Every answer
 * is already on disk by then (saves are synchronous), so exiting at once loses nothing.
 */
import { ExitCode } from '../errors.js';

export interface Interrupts {
  readonly signal: AbortSignal;
  /** Whether stdin has ended (EOF), to tell a closed input from Ctrl-C. */
  readonly inputEnded: () => boolean;
  /** Called by the interactive respondent when stdin ends. */
  readonly endInput: () => void;
  dispose(): void;
}

export function watchInterrupts(): Interrupts {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(ExitCode.interrupted);
    controller.abort('SIGINT');
  };
  const onSigterm = (): void => {
    controller.abort('SIGTERM');
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  let ended = false;
  return {
    signal: controller.signal,
    inputEnded: () => ended,
    endInput: () => {
      ended = true;
    },
    dispose: () => {
      // Once interrupted, the handlers stay until the process exits: a second Ctrl-C during the
      // shutdown must still exit at once with 130, not fall through to Node's default (death by
      // signal, which a parent may read as something else).
      if (controller.signal.aborted) return;
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
    },
  };
}
