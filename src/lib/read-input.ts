/**
 * Reading a file the user named (an answers file, a spec): it must exist, be a file, be text and be
 * of a reasonable size, checked before any parser sees it. A parser fed 10 MB of keys can take
 * minutes; a binary file gives a confusing syntax error instead of the plain truth.
 */
import { readFileSync, statSync } from 'node:fs';
import { AppError, ExitCode, badInput } from '../errors.js';

export const MAX_INPUT_BYTES = 1_000_000;

export function readInputFile(path: string, what: string): string {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory())
      throw new AppError(ExitCode.inputNotFound, `${path}: is a directory, not a ${what}`);
    size = stat.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(
      ExitCode.inputNotFound,
      `${path}: ${code === 'ENOENT' ? `${what} not found` : `cannot read (${code ?? 'unknown error'})`}`,
    );
  }
  if (size > MAX_INPUT_BYTES) {
    throw badInput(
      `${path}: too large (${(size / 1e6).toFixed(1)} MB; ${what}s are at most ${MAX_INPUT_BYTES / 1e6} MB)`,
    );
  }
  const bytes = readFileSync(path);
  if (bytes.includes(0))
    throw badInput(`${path}: not a text file (it contains NUL bytes); expected a YAML or JSON ${what}`);
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD'))
    throw badInput(`${path}: not valid UTF-8 text; expected a YAML or JSON ${what}`);
  return text;
}
