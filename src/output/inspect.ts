/**
 * The checks that need the disk, run before the first question (a half hour of answers must not end
 * in "cannot write") and again under the lock just before writing: --out is a writable directory;
 * every target stays inside it (realpath of its deepest existing ancestor); no target is a symbolic
 * link, a hard-linked file or anything but a regular file; an existing target needs --force; and on
 * --force a document someone edited gets a numbered backup name no run has used.
 */
import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError, ExitCode, usageError } from '../errors.js';
import { entryKind } from '../lib/read-input.js';
import { errnoCode, errnoReason, ioFailure } from './io-errors.js';
import { sha256, type Manifest } from './manifest.js';
import { artifactPath, backupsOf, besideShown, isInside, nextBackupName, parentsOf } from './plan.js';

/** The file-system calls the writer makes: node:fs, or a wrapper that injects a failure in tests. */
export type ArtifactFs = Pick<
  typeof nodeFs,
  | 'accessSync'
  | 'closeSync'
  | 'fchmodSync'
  | 'fstatSync'
  | 'fsyncSync'
  | 'lstatSync'
  | 'mkdirSync'
  | 'openSync'
  | 'readFileSync'
  | 'readdirSync'
  | 'realpathSync'
  | 'renameSync'
  | 'rmdirSync'
  | 'statSync'
  | 'unlinkSync'
  | 'writeSync'
>;

export const defaultFs: ArtifactFs = nodeFs;

/** Opening a link fails instead of following it (Windows has no such flag: lstat is checked first). */
const NO_FOLLOW = (nodeFs.constants as { O_NOFOLLOW?: number }).O_NOFOLLOW ?? 0;

/** --out as the user gave it (for messages and results) and as the real directory (for every call). */
export interface OutDir {
  readonly shown: string;
  readonly real: string;
}

export interface Existing {
  readonly bytes: Buffer;
  readonly mode: number;
}

export interface Target {
  /** Relative to --out, normalised. */
  readonly path: string;
  /** Under --out as given: what messages and stdout show. */
  readonly shown: string;
  /** Under the real --out: what every call uses. */
  readonly file: string;
  readonly existing?: Existing;
  /** With --force, where an edited document is kept (absolute); absent for the tool's own output. */
  readonly backup?: string;
}

/** --out must be an existing directory, and writable unless nothing will be written (--check). */
export function openOutDir(shown: string, writable: boolean, fs: ArtifactFs = defaultFs): OutDir {
  let real: string;
  try {
    real = fs.realpathSync(shown);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT')
      throw usageError(
        `--out ${shown}: no such directory`,
        'Create it first, or choose an existing directory.',
      );
    throw ioFailure(error, `--out ${shown}`) ?? error;
  }
  const stat = fs.statSync(real);
  if (!stat.isDirectory())
    throw usageError(
      `--out ${shown}: is ${stat.isFile() ? 'a file' : entryKind(stat)}, expected a directory`,
      'Choose a directory with --out DIR.',
    );
  if (writable) {
    try {
      fs.accessSync(real, nodeFs.constants.W_OK);
    } catch {
      throw new AppError(
        ExitCode.outputExists,
        `--out ${shown}: not writable`,
        'Choose another directory with --out DIR.',
      );
    }
    probeWritable(shown, real, fs);
  }
  return { shown, real };
}

/**
 * access() says yes to root everywhere except a read-only mount, and /proc or /sys answer it with
 * yes too: a file created and removed again is the only real test (it leaves nothing behind).
 */
function probeWritable(shown: string, real: string, fs: ArtifactFs): void {
  const probe = join(real, `.mlops-design-probe.${String(process.pid)}.tmp`);
  try {
    fs.closeSync(fs.openSync(probe, 'wx', 0o600));
  } catch (error) {
    const reason = errnoReason(error);
    if (reason === undefined) throw error;
    // /proc answers ENOENT: a file system that takes no new files, not a missing folder.
    const enoent = errnoCode(error) === 'ENOENT';
    throw new AppError(
      enoent ? ExitCode.outputExists : reason.code,
      `--out ${shown}: not writable (a file cannot be created there: ${enoent ? 'the file system takes no new files (ENOENT)' : reason.why})`,
      'Choose another directory with --out DIR.',
    );
  }
  fs.unlinkSync(probe);
}

/** An artifact path checked by the pure rules, or a refusal naming it. */
export function plannedPath(out: OutDir, path: string): string {
  const planned = artifactPath(path);
  if (!planned.ok)
    throw new AppError(
      ExitCode.outputExists,
      `${join(out.shown, path)} cannot be created: it is ${planned.error}; mlops-design writes only inside --out ${out.shown}`,
    );
  return planned.value;
}

/**
 * A target looked at on disk: inside --out, not a link, a regular file if it exists (with its bytes).
 * `path` is already planned (normalised).
 */
export function lookAt(out: OutDir, path: string, fs: ArtifactFs = defaultFs): Target {
  const shown = join(out.shown, path);
  const file = join(out.real, path);
  try {
    checkContained(out, path, fs);
    const existing = readExisting(shown, file, fs);
    return existing ? { path, shown, file, existing } : { path, shown, file };
  } catch (error) {
    throw ioFailure(error, shown) ?? error;
  }
}

/** The realpath of the deepest existing directory above the target lies inside --out. */
function checkContained(out: OutDir, path: string, fs: ArtifactFs): void {
  for (const parent of parentsOf(path).reverse()) {
    let stat: nodeFs.Stats;
    try {
      stat = fs.lstatSync(join(out.real, parent));
    } catch (error) {
      const code = errnoCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      throw error;
    }
    const shownParent = join(out.shown, parent);
    const real = fs.realpathSync(join(out.real, parent));
    if (!isInside(out.real, real))
      throw new AppError(
        ExitCode.outputExists,
        `${join(out.shown, path)} cannot be created: ${shownParent} is a symbolic link that leads outside --out ${out.shown}`,
      );
    if (!(stat.isSymbolicLink() ? fs.statSync(real) : stat).isDirectory())
      throw new AppError(
        ExitCode.outputExists,
        `${join(out.shown, path)} cannot be created: ${shownParent} is not a directory`,
      );
    return;
  }
}

/** The current bytes of a target, read without following a link; undefined when there is none. */
function readExisting(shown: string, file: string, fs: ArtifactFs): Existing | undefined {
  let stat: nodeFs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  if (stat.isDirectory())
    throw usageError(`${shown}: is a directory, so the document cannot be written there`);
  refuseUnsafe(shown, stat);
  let fd: number;
  try {
    fd = fs.openSync(file, nodeFs.constants.O_RDONLY | NO_FOLLOW);
  } catch (error) {
    // The target became a link between lstat and open.
    if (errnoCode(error) === 'ELOOP') refuseUnsafe(shown, fs.lstatSync(file));
    throw error;
  }
  try {
    const opened = fs.fstatSync(fd);
    refuseUnsafe(shown, opened);
    return { bytes: fs.readFileSync(fd), mode: opened.mode & 0o7777 };
  } finally {
    fs.closeSync(fd);
  }
}

/** Never write through a symbolic link or a hard link, or into anything but a regular file. */
function refuseUnsafe(shown: string, stat: nodeFs.Stats): void {
  const refuse = (what: string): AppError =>
    new AppError(
      ExitCode.outputExists,
      `${shown} ${what}; mlops-design never writes through one`,
      'Remove it, or choose another --out.',
    );
  if (stat.isSymbolicLink()) throw refuse('is a symbolic link');
  if (!stat.isFile()) throw refuse('is not a regular file');
  if (stat.nlink > 1) throw refuse(`is a hard link (one of ${String(stat.nlink)} names for the same file)`);
}

export interface InspectOptions {
  readonly force: boolean;
  /** What the tool last wrote; an existing file whose hash differs is someone's work. */
  readonly manifest: Manifest;
  readonly fs?: ArtifactFs;
}

/**
 * Every target of the run, looked at. Existing ones without --force are refused together, in one
 * error naming each; with --force, each edited one is given a fresh numbered backup.
 */
export function inspectTargets(out: OutDir, paths: readonly string[], options: InspectOptions): Target[] {
  const fs = options.fs ?? defaultFs;
  const targets = paths.map((path) => lookAt(out, plannedPath(out, path), fs));
  const existing = targets.filter((target) => target.existing);
  if (existing.length > 0 && !options.force) throw alreadyExist(out, existing);
  return targets.map((target) => {
    if (!target.existing || options.manifest.get(target.path) === sha256(target.existing.bytes))
      return target;
    return { ...target, backup: backupFor(target, fs) };
  });
}

function alreadyExist(out: OutDir, existing: readonly Target[]): AppError {
  const [only] = existing;
  const hint = `Pass --force to replace ${existing.length === 1 ? 'it' : 'them'} (a file someone edited is kept as NAME.~N~ first), or --out DIR to write elsewhere.`;
  if (only && existing.length === 1)
    return new AppError(ExitCode.outputExists, `${only.shown} already exists`, hint);
  return new AppError(
    ExitCode.outputExists,
    `${String(existing.length)} files already exist in ${out.shown}`,
    hint,
    existing.map((target) => target.shown),
  );
}

/** The next numbered backup beside the target; an existing backup that is a link is refused. */
function backupFor(target: Target, fs: ArtifactFs): string {
  const dir = dirname(target.file);
  const siblings = fs.readdirSync(dir);
  const name = basename(target.file);
  for (const backup of backupsOf(name, siblings)) {
    const stat = fs.lstatSync(join(dir, backup));
    if (stat.isSymbolicLink() || !stat.isFile() || stat.nlink > 1)
      refuseUnsafe(besideShown(target.shown, backup), stat);
  }
  return join(dir, nextBackupName(name, siblings));
}
