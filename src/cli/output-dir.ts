/**
 * Checks, before a session starts, that the document can be written where the user asked: a half
 * hour of answers must not end in "cannot write". Nothing is created until the document is.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError, ExitCode, usageError } from '../errors.js';

export function checkOutput(outDir: string, fileName: string, force: boolean): string {
  const target = join(outDir, fileName);
  let existing = outDir;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  if (!statSync(existing).isDirectory()) {
    throw usageError(`--out ${outDir}: ${existing} is a file, expected a directory`);
  }
  try {
    accessSync(existing, constants.W_OK);
  } catch {
    throw new AppError(
      ExitCode.outputExists,
      `--out ${outDir}: ${existing} is not writable`,
      'Choose another directory with --out DIR.',
    );
  }
  if (!force && existsSync(target)) {
    throw new AppError(
      ExitCode.outputExists,
      `${target} already exists`,
      'Pass --force to overwrite it, or --out DIR to write elsewhere.',
    );
  }
  return target;
}
