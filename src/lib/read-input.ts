/**
 * Reading a file from outside (an answers file, a spec, a cassette, a saved session, the interview
 * log): it must be a regular file, text and of a reasonable size, checked before any parser sees it.
 *
 * The file is opened without blocking (a FIFO with no writer would hang in open() for ever) and the
 * opened descriptor is examined, not the path, so a link swapped between a check and the open
 * changes nothing. A symbolic link to a regular file is fine; one to a FIFO or a device is refused
 * like the thing itself. The size limit is kept by reading at most limit + 1 bytes: `stat` says 0
 * for /dev/zero and /proc files, and a file can grow while it is read.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { AppError, ExitCode, badInput } from '../errors.js';

export const MAX_INPUT_BYTES = 1_000_000;

/** What a file-system entry is, in words, for "PATH: is a FIFO". */
export function entryKind(
  stat: Pick<
    Stats,
    | 'isFile'
    | 'isDirectory'
    | 'isFIFO'
    | 'isCharacterDevice'
    | 'isBlockDevice'
    | 'isSocket'
    | 'isSymbolicLink'
  >,
): string {
  if (stat.isFile()) return 'a regular file';
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

export type ReadProblem =
  | { readonly kind: 'missing' }
  | { readonly kind: 'not-regular'; readonly is: string }
  | { readonly kind: 'too-large'; readonly limit: number }
  | { readonly kind: 'unreadable'; readonly code: string };

export type ReadOutcome =
  { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly problem: ReadProblem };

/**
 * open() without waiting: a FIFO with no writer (or reader) answers at once instead of blocking for
 * ever. 0 where the platform has no such flag (Windows has no FIFOs to wait on).
 */
export const O_NONBLOCK = (constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0;

const OPEN_FLAGS = constants.O_RDONLY | O_NONBLOCK;

/** The bytes of a regular file of at most `limit` bytes, or why not; never blocks, never throws. */
export function readRegularFile(path: string, limit: number): ReadOutcome {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    if (code === 'ENOENT') return { ok: false, problem: { kind: 'missing' } };
    // open() of a Unix socket fails with ENXIO: it is there, and it is no file.
    if (code === 'ENXIO') return { ok: false, problem: { kind: 'not-regular', is: 'a socket' } };
    return { ok: false, problem: { kind: 'unreadable', code } };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, problem: { kind: 'not-regular', is: entryKind(stat) } };
    return readAtMost(fd, limit);
  } catch (error) {
    return {
      ok: false,
      problem: { kind: 'unreadable', code: (error as NodeJS.ErrnoException).code ?? 'EIO' },
    };
  } finally {
    closeSync(fd);
  }
}

function readAtMost(fd: number, limit: number): ReadOutcome {
  const buffer = Buffer.alloc(limit + 1);
  let length = 0;
  for (;;) {
    const read = readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) break;
    length += read;
    if (length > limit) return { ok: false, problem: { kind: 'too-large', limit } };
  }
  return { ok: true, bytes: buffer.subarray(0, length) };
}

/** The problem as the end of a one-line message about `path` (a `what`, e.g. "answers file"). */
export function describeProblem(problem: ReadProblem, what: string): string {
  switch (problem.kind) {
    case 'missing':
      return `${what} not found`;
    case 'not-regular':
      return `is ${problem.is}, not a regular file; expected ${article(what)} ${what}`;
    case 'too-large':
      return `too large (${what}s are at most ${megabytes(problem.limit)} MB)`;
    case 'unreadable':
      return `cannot be read (${problem.code})`;
  }
}

const megabytes = (bytes: number): string => String(bytes / 1e6);
const article = (word: string): string => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/**
 * The exit code of a problem: 66 for what is not there, cannot be opened or is a directory (as
 * before: a folder given for a file is a wrong name, not wrong data); 65 for a FIFO, a device or a
 * socket, which are there but hold no file to read, and for a file too large.
 */
export function problemCode(problem: ReadProblem): 65 | 66 {
  if (problem.kind === 'missing' || problem.kind === 'unreadable') return ExitCode.inputNotFound;
  if (problem.kind === 'not-regular' && problem.is === 'a directory') return ExitCode.inputNotFound;
  return ExitCode.badInput;
}

/** The text of a file the user named, or an AppError (65, 66) naming it and what is wrong. */
export function readInputFile(path: string, what: string, limit: number = MAX_INPUT_BYTES): string {
  const read = readRegularFile(path, limit);
  if (!read.ok)
    throw new AppError(problemCode(read.problem), `${path}: ${describeProblem(read.problem, what)}`);
  const { bytes } = read;
  if (bytes.includes(0))
    throw badInput(`${path}: not a text file (it contains NUL bytes); expected a YAML or JSON ${what}`);
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD'))
    throw badInput(`${path}: not valid UTF-8 text; expected a YAML or JSON ${what}`);
  return text;
}
