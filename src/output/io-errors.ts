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
 * A failed call's errno in words and its exit code: 73 when the place cannot be written to, 74 when
 * the device failed or is full. Undefined when `error` is no file-system error.
 */
export function errnoReason(error: unknown): { readonly code: 73 | 74; readonly why: string } | undefined {
  const code = errnoCode(error);
  if (code === undefined) return undefined;
  const notAllowed = NOT_ALLOWED[code];
  if (notAllowed !== undefined) return { code: ExitCode.outputExists, why: `${notAllowed} (${code})` };
  return { code: ExitCode.ioError, why: `${SPACE_OR_DEVICE[code] ?? firstLine(error)} (${code})` };
}

/**
 * The user-facing error for a failed call on `path`, or undefined when `error` is no file-system
 * error (then it is a bug and stays one). An AppError passes through unchanged.
 */
export function ioFailure(error: unknown, path: string): AppError | undefined {
  if (error instanceof AppError) return error;
  const reason = errnoReason(error);
  if (reason === undefined) return undefined;
  const verb = reason.code === ExitCode.outputExists ? 'created' : 'written';
  return new AppError(reason.code, `${path} cannot be ${verb}: ${reason.why}`);
}

/** Node's message without the repeated "CODE: " prefix and the syscall and path it appends. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  return message.replace(/^E[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
}
