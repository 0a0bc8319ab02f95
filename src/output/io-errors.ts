/**
 * A failed file-system call as the user should hear it: the path, what went wrong in words, and the
 * exit code of the contract. A full disk or a device error is 74; a place that cannot be written to
 * (permissions, a read-only file system) is 73. Neither is a bug, so neither says "report it".
 */
import { AppError, ExitCode } from '../errors.js';

const SPACE_OR_DEVICE: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  EFBIG: 'file too large',
};

const NOT_ALLOWED: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
};

/** The errno code of a Node file-system error, if it is one. */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return error instanceof Error && typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/**
 * The user-facing error for a failed call on `path`, or undefined when `error` is no file-system
 * error (then it is a bug and stays one). An AppError passes through unchanged.
 */
export function ioFailure(error: unknown, path: string): AppError | undefined {
  if (error instanceof AppError) return error;
  const code = errnoCode(error);
  if (code === undefined) return undefined;
  const notAllowed = NOT_ALLOWED[code];
  if (notAllowed !== undefined)
    return new AppError(ExitCode.outputExists, `${path} cannot be created: ${notAllowed} (${code})`);
  const why = SPACE_OR_DEVICE[code] ?? firstLine(error);
  return new AppError(ExitCode.ioError, `${path} cannot be written: ${why} (${code})`);
}

/** Node's message without the repeated "CODE: " prefix and the syscall and path it appends. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  return message.replace(/^E[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
}
