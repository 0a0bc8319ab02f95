/**
 * Path planning for the files a session writes, as pure functions (no file system): which artifact
 * paths are acceptable, where a path lands under --out, what the next numbered backup is called and
 * what a temporary file is called. The checks that need the disk (symbolic links, hard links, what
 * exists) live in inspect.ts and use these.
 */
import { basename, dirname, isAbsolute, join, posix, relative, sep } from 'node:path';
import { fail, ok, type Result } from '../lib/result.js';

/** mlops-design's own records under --out: the manifest of what it last wrote. */
export const RECORDS_DIR = '.mlops-design';
export const MANIFEST_PATH = `${RECORDS_DIR}/manifest.json`;
/** The lock held while a run checks, stages and renames its files (a directory, made and removed). */
export const LOCK_NAME = '.mlops-design.lock';

/**
 * An artifact's path, normalised ("a/./b" is "a/b"), or why it is refused: empty, absolute, with a
 * backslash or a NUL, resolving outside --out through "..", or one of the tool's own records.
 */
export function artifactPath(path: string): Result<string> {
  if (path === '') return fail('an empty path');
  if (path.includes('\0')) return fail('a path with a NUL byte');
  if (path.includes('\\')) return fail('a path with a backslash (paths use "/")');
  if (posix.isAbsolute(path) || /^[A-Za-z]:/.test(path)) return fail('an absolute path');
  const normal = posix.normalize(path);
  if (normal === '..' || normal.startsWith('../')) return fail('a path that resolves outside --out');
  if (normal === '.' || normal.endsWith('/')) return fail('a directory, not a file');
  if (normal === LOCK_NAME || normal === RECORDS_DIR || normal.startsWith(`${RECORDS_DIR}/`))
    return fail(`a path reserved for mlops-design's own records (${RECORDS_DIR})`);
  return ok(normal);
}

/** Whether `candidate` is `root` or lies beneath it (both absolute and already resolved). */
export function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/** The directories between --out and an artifact, outermost first: "a/b/c.md" gives ["a", "a/b"]. */
export function parentsOf(path: string): string[] {
  const segments = path.split('/').slice(0, -1);
  return segments.map((_, i) => segments.slice(0, i + 1).join('/'));
}

const BACKUP = /^(.*)\.~([1-9]\d{0,8})~$/;

/** The numbered backups of `fileName` among the names of its directory (GNU style: name.~N~). */
export function backupsOf(fileName: string, siblings: readonly string[]): string[] {
  return siblings.filter((name) => BACKUP.exec(name)?.[1] === fileName);
}

/** The next numbered backup of `fileName`: one past the highest number in use, never reusing one. */
export function nextBackupName(fileName: string, siblings: readonly string[]): string {
  const highest = backupsOf(fileName, siblings).reduce(
    (max, name) => Math.max(max, Number(BACKUP.exec(name)?.[2] ?? 0)),
    0,
  );
  return `${fileName}.~${String(highest + 1)}~`;
}

/** A hidden temporary file beside `fileName`: ".system_design.md.1a2b3c.tmp". */
export const tempName = (fileName: string, tag: string): string => `.${fileName}.${tag}.tmp`;

/** A file beside a target, named as the user named --out: the backup beside "out/system_design.md". */
export const besideShown = (shownTarget: string, file: string): string =>
  join(dirname(shownTarget), basename(file));
