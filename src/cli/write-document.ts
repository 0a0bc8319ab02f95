/**
 * Writing a document: checked before the session starts (a half hour of answers must not end in
 * "cannot write"), and written atomically (a temp file in the same directory, then a rename), so a
 * reader never sees half a file. An existing file is replaced only with --force, and then kept as
 * <name>.bak. Only the user chooses paths: the directory must exist.
 */
import { accessSync, constants, copyFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { AppError, ExitCode, usageError } from '../errors.js';

export function checkOutput(outDir: string, fileName: string, force: boolean): string {
  if (!existsSync(outDir))
    throw usageError(
      `--out ${outDir}: no such directory`,
      'Create it first, or choose an existing directory.',
    );
  if (!statSync(outDir).isDirectory()) throw usageError(`--out ${outDir}: is a file, expected a directory`);
  try {
    accessSync(outDir, constants.W_OK);
  } catch {
    throw new AppError(
      ExitCode.outputExists,
      `--out ${outDir}: not writable`,
      'Choose another directory with --out DIR.',
    );
  }
  const target = join(outDir, fileName);
  if (existsSync(target)) {
    if (statSync(target).isDirectory())
      throw usageError(`${target}: is a directory, so the document cannot be written there`);
    if (!force)
      throw new AppError(
        ExitCode.outputExists,
        `${target} already exists`,
        'Pass --force to replace it (the old one is kept as .bak), or --out DIR to write elsewhere.',
      );
    const backup = `${target}.bak`;
    if (existsSync(backup) && statSync(backup).isDirectory()) {
      throw usageError(`${backup}: is a directory, so --force cannot keep the current document there`);
    }
  }
  return target;
}

/** Writes the document; returns the path of the backup when an existing file was replaced. */
export async function writeDocument(
  target: string,
  content: string,
  force: boolean,
): Promise<string | undefined> {
  let backup: string | undefined;
  if (existsSync(target)) {
    if (!force)
      throw new AppError(ExitCode.outputExists, `${target} already exists`, 'Pass --force to replace it.');
    backup = `${target}.bak`;
    copyFileSync(target, backup);
  }
  await writeFileAtomic(target, content, { encoding: 'utf8' });
  return backup;
}
