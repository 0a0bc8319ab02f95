/**
 * All or nothing. Every file is first staged as a temporary file in its own target directory (same
 * file system, so the rename is atomic), written with exclusive create and fsync'd; so is the
 * previous content of every file about to be replaced (a numbered backup when someone edited it, a
 * temporary rollback copy when it is the tool's own output). Only when everything is staged are the
 * temporary files renamed over their targets, the manifest last.
 *
 * If anything fails: the files already renamed are put back (the rollback copy or backup renamed
 * over them, a new file removed), every temporary file and every directory made is removed, and the
 * error says what happened. What is guaranteed: a failure while staging leaves --out exactly as it
 * was; a failure while renaming does too, as long as renaming back within the same directories
 * works (it needs no space). If even that fails, the error names each file not restored and where
 * its previous content is, and that copy is kept.
 */
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { AppError, ExitCode } from '../errors.js';
import { ioFailure } from './io-errors.js';
import type { ArtifactFs, OutDir, Target } from './inspect.js';
import { besideShown, isInside, parentsOf, tempName } from './plan.js';

export interface Change {
  readonly target: Target;
  readonly content: string;
}

interface Staged {
  readonly change: Change;
  readonly temp: string;
  /** Where the previous content is kept while renaming: the backup, or a rollback copy. */
  keep?: string;
  renamed: boolean;
}

export interface Committed {
  /** Rollback copies that could not be removed after success (named in a warning). */
  readonly leftovers: readonly string[];
}

const tag = (): string => randomBytes(6).toString('hex');

/** Stages, then renames, every change; on any failure, undoes all of it and throws. */
export function commitChanges(
  out: OutDir,
  changes: readonly Change[],
  fs: ArtifactFs,
  /** Called after staging, before the first rename: throws when the run may not go on (a lost lock). */
  beforeRename: () => void = () => undefined,
): Committed {
  const created = new Set<string>();
  const made: string[] = [];
  const staged: Staged[] = [];
  let at = out.shown;
  try {
    for (const change of changes) {
      const { target } = change;
      at = target.shown;
      makeParents(out, target.path, made, fs);
      const dir = dirname(target.file);
      const entry: Staged = {
        change,
        temp: join(dir, tempName(basename(target.file), tag())),
        renamed: false,
      };
      staged.push(entry);
      createFile(entry.temp, Buffer.from(change.content, 'utf8'), target.existing?.mode, created, fs);
      if (target.existing) {
        entry.keep = target.backup ?? join(dir, tempName(basename(target.file), `${tag()}.prev`));
        at = besideShown(target.shown, entry.keep);
        createFile(entry.keep, target.existing.bytes, target.existing.mode, created, fs);
      }
    }
    beforeRename();
    for (const entry of staged) {
      at = entry.change.target.shown;
      fs.renameSync(entry.temp, entry.change.target.file);
      entry.renamed = true;
      created.delete(entry.temp);
    }
  } catch (error) {
    const unrestored = rollBack(staged, created, made, fs);
    const failure = ioFailure(error, at);
    if (!failure) throw error;
    const said =
      unrestored.length === 0
        ? 'Nothing in --out was changed.'
        : 'Not every file could be put back (listed above).';
    throw new AppError(failure.exitCode, failure.message, [failure.hint, said].filter(Boolean).join(' '), [
      ...failure.details,
      ...unrestored,
    ]);
  }
  const leftovers: string[] = [];
  for (const entry of staged) {
    if (entry.keep === undefined || entry.keep === entry.change.target.backup) continue;
    try {
      fs.unlinkSync(entry.keep);
    } catch {
      leftovers.push(besideShown(entry.change.target.shown, entry.keep));
    }
  }
  syncDirectories(staged, fs);
  return { leftovers };
}

/** Creates each missing directory between --out and the target, and checks it is still inside. */
function makeParents(out: OutDir, path: string, made: string[], fs: ArtifactFs): void {
  for (const parent of parentsOf(path)) {
    const dir = join(out.real, parent);
    try {
      fs.mkdirSync(dir);
      made.push(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (!isInside(out.real, fs.realpathSync(dir)))
      throw new AppError(
        ExitCode.outputExists,
        `${join(out.shown, path)} cannot be created: ${join(out.shown, parent)} leads outside --out ${out.shown}`,
      );
  }
}

/** A new file (exclusive create: never an existing name, never through a link), written and fsync'd. */
function createFile(
  path: string,
  bytes: Buffer,
  mode: number | undefined,
  created: Set<string>,
  fs: ArtifactFs,
): void {
  const fd = fs.openSync(path, 'wx', mode ?? 0o666);
  created.add(path);
  try {
    if (mode !== undefined) fs.fchmodSync(fd, mode);
    for (let offset = 0; offset < bytes.length;)
      offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Undoes the renames (newest first) and removes what the run created; returns what it could not restore. */
function rollBack(
  staged: readonly Staged[],
  created: Set<string>,
  made: readonly string[],
  fs: ArtifactFs,
): string[] {
  const unrestored: string[] = [];
  for (const entry of [...staged].reverse()) {
    if (!entry.renamed) continue;
    const { target } = entry.change;
    try {
      if (entry.keep === undefined) fs.unlinkSync(target.file);
      else {
        fs.renameSync(entry.keep, target.file);
        created.delete(entry.keep);
      }
    } catch {
      if (entry.keep === undefined) unrestored.push(`${target.shown} could not be removed again`);
      else {
        // The previous content stays where it is: never delete the only copy.
        created.delete(entry.keep);
        unrestored.push(
          `${target.shown} could not be restored; its previous content is in ${besideShown(target.shown, entry.keep)}`,
        );
      }
    }
  }
  for (const path of created) {
    try {
      fs.unlinkSync(path);
    } catch {
      // Already gone, or the disk refuses even this: nothing more can be done.
    }
  }
  for (const dir of [...made].reverse()) {
    try {
      fs.rmdirSync(dir);
    } catch {
      // Not empty (something else was written there meanwhile): left in place.
    }
  }
  return unrestored;
}

/** Makes the renames durable: fsync each directory written into (where the platform allows it). */
function syncDirectories(staged: readonly Staged[], fs: ArtifactFs): void {
  for (const dir of new Set(staged.map((entry) => dirname(entry.change.target.file)))) {
    try {
      const fd = fs.openSync(dir, 'r');
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      // Some platforms cannot fsync a directory; the files themselves were fsync'd.
    }
  }
}
