/**
 * Where sessions live: $MLOPS_DESIGN_STATE_DIR, else $XDG_STATE_HOME/mlops-design/sessions, else
 * ~/.local/state/mlops-design/sessions. Saves are synchronous and atomic (temp file, then rename),
 * so a session is on disk before the next prompt, even when the process is interrupted during it.
 * A file that fails validation is never overwritten: it is moved aside and reported.
 *
 * The folder is outside the program's control: it may be a file, read-only, full, or hold a FIFO or
 * a link to /dev/zero. Each is a documented exit code naming the folder (78 not a folder, 73 cannot
 * be written, 74 full or failing), never an internal error, and never a hang: only regular files are
 * read, through src/lib/read-input.ts.
 */
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  type Dirent,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AppError, ExitCode } from '../errors.js';
import { describeProblem, entryKind, problemCode, readRegularFile } from '../lib/read-input.js';
import { sanitize } from '../lib/sanitize.js';
import { firstIssue } from '../lib/zod-issue.js';
import { errnoCode, errnoReason } from '../output/io-errors.js';
import { parseSessionRecord, type SessionRecord } from './record.js';

/** A saved session is a few kilobytes; the context documents it carries are at most 1 MB each. */
export const MAX_SESSION_BYTES = 10_000_000;

export function sessionsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MLOPS_DESIGN_STATE_DIR) return env.MLOPS_DESIGN_STATE_DIR;
  const stateHome = env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(stateHome, 'mlops-design', 'sessions');
}

export type Loaded =
  | { readonly ok: true; readonly record: SessionRecord }
  | { readonly ok: false; readonly id: string; readonly problem: string };

/** The folder's sessions, and the names that look like sessions but are no regular file. */
export interface Listing {
  readonly ids: readonly string[];
  readonly skipped: readonly { readonly name: string; readonly is: string }[];
}

const WHAT_TO_DO = 'Set MLOPS_DESIGN_STATE_DIR to a writable folder, or pass --no-save.';

export class SessionStore {
  private ready = false;
  /** Once the run has begun, a failed save warns (once) instead of ending it; see tolerateFailures. */
  private onFailure: ((line: string) => void) | undefined;
  /** Why saving stopped, once a save failed with failures tolerated. */
  private stopped: string | undefined;
  constructor(readonly dir: string = sessionsDir()) {}

  path(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  /** Whether every save of this run so far reached the disk. */
  get saving(): boolean {
    return this.stopped === undefined;
  }

  /**
   * Before the first question: the folder exists (it is created) and takes a file. A problem here is
   * an error with its code, while nothing has been asked yet.
   */
  prepare(): void {
    this.ensureFolder();
    const probe = join(this.dir, `.probe.${String(process.pid)}.tmp`);
    this.attempt(probe, () => {
      writeFileSync(probe, '{}\n', 'utf8');
      unlinkSync(probe);
    });
  }

  /**
   * From here on a failed save does not end the run: the answers are the user's work and the
   * document can still be written, so `warn` is told once and saving stops (DESIGN.md: nothing the
   * user wrote is lost; losing the run to a full state folder would lose all of it).
   */
  tolerateFailures(warn: (line: string) => void): void {
    this.onFailure = warn;
  }

  save(record: SessionRecord): void {
    if (this.stopped !== undefined) return;
    try {
      this.write(record);
    } catch (error) {
      if (!(error instanceof AppError) || this.onFailure === undefined) throw error;
      this.stopped = error.message;
      this.onFailure(`warning: ${error.message}; this run cannot be resumed`);
    }
  }

  private write(record: SessionRecord): void {
    this.ensureFolder();
    // Atomic by rename: a temp file in the same directory, then rename() over the session file, so
    // a reader (or a crash) sees the old file or the new one, never half of one. No fsync per
    // answer: a crash of this process loses nothing (the kernel has the data), and saving every
    // step must not make a scripted run noticeably slower.
    const path = this.path(record.id);
    const temp = `${path}.${String(process.pid)}.tmp`;
    this.attempt(temp, () => {
      writeFileSync(temp, `${JSON.stringify(record)}\n`, 'utf8');
      renameSync(temp, path);
    });
  }

  /** Runs a write; on failure the temp file goes (a full disk must not keep half a session) and the error is the contract's. */
  private attempt(temp: string, write: () => void): void {
    try {
      write();
    } catch (error) {
      try {
        unlinkSync(temp);
      } catch {
        // It was never created, or is already gone.
      }
      throw this.failure(error);
    }
  }

  private ensureFolder(): void {
    if (this.ready) return;
    try {
      mkdirSync(this.dir, { recursive: true });
    } catch (error) {
      // Node's recursive mkdir says ENOENT where the file system said EROFS or EACCES: ask once more.
      const real = errnoCode(error) === 'ENOENT' ? mkdirError(this.dir) : error;
      if (real !== undefined) throw this.failure(errnoCode(real) === 'ENOENT' ? error : real);
    }
    this.ready = true;
  }

  /** A failed call on the folder as the user should hear it, naming the folder and what to do. */
  private failure(error: unknown): AppError {
    if (error instanceof AppError) return error;
    const code = errnoCode(error);
    if (code === 'ENOTDIR' || code === 'EEXIST') return notAFolder(this.dir);
    const reason = errnoReason(error);
    if (reason === undefined) throw error;
    return new AppError(reason.code, `sessions cannot be saved in ${this.dir}: ${reason.why}`, WHAT_TO_DO);
  }

  /**
   * The session `id`. A missing file is 66 and one that is no regular file (a FIFO, a device, a
   * link to one) 65, both thrown: neither is a session to move aside. A file that is no valid
   * session is returned as a problem, to be reported and moved aside.
   */
  load(id: string): Loaded {
    const path = this.path(id);
    const read = readRegularFile(path, MAX_SESSION_BYTES);
    if (!read.ok) {
      if (read.problem.kind === 'missing')
        throw new AppError(
          ExitCode.inputNotFound,
          `no saved session ${id} in ${this.dir}`,
          'List them with: mlops-design sessions',
        );
      if (read.problem.kind === 'too-large')
        return { ok: false, id, problem: describeProblem(read.problem, 'saved session') };
      throw new AppError(
        problemCode(read.problem),
        `${path}: ${describeProblem(read.problem, 'saved session')}`,
        `Move it out of ${this.dir}.`,
      );
    }
    let data: unknown;
    try {
      data = JSON.parse(read.bytes.toString('utf8'));
    } catch (error) {
      return { ok: false, id, problem: `not valid JSON (${(error as Error).message.split('\n')[0] ?? ''})` };
    }
    const parsed = parseSessionRecord(data);
    if (!parsed.success) {
      return { ok: false, id, problem: firstIssue(parsed.error) };
    }
    // A copied or renamed file would otherwise save over the session it was copied from.
    if (parsed.data.id !== id)
      return { ok: false, id, problem: `the file is named ${id} but holds session ${parsed.data.id}` };
    return { ok: true, record: parsed.data as SessionRecord };
  }

  /** Ids of saved sessions, oldest first (ids start with their creation time). */
  ids(): string[] {
    return [...this.list().ids];
  }

  /**
   * The folder's `*.json` entries: regular files (or links to one) as session ids, oldest first;
   * anything else (a FIFO, a device, a folder, a link to /dev/zero) is skipped and named, never read.
   */
  list(): Listing {
    let entries: Dirent[];
    try {
      entries = readdirSync(this.dir, { withFileTypes: true });
    } catch (error) {
      const code = errnoCode(error);
      if (code === 'ENOENT') return { ids: [], skipped: [] };
      if (code === 'ENOTDIR') throw notAFolder(this.dir);
      throw new AppError(
        ExitCode.inputNotFound,
        `sessions cannot be listed in ${this.dir}: ${errnoReason(error)?.why ?? String(error)}`,
        WHAT_TO_DO,
      );
    }
    const ids: string[] = [];
    const skipped: { name: string; is: string }[] = [];
    for (const entry of entries) {
      if (!entry.name.endsWith('.json')) continue;
      const is = entry.isSymbolicLink() ? this.linkKind(entry.name) : entryKind(entry);
      if (is === 'a regular file' || is === 'a link to a regular file')
        ids.push(entry.name.slice(0, -'.json'.length));
      else skipped.push({ name: entry.name, is });
    }
    return { ids: ids.sort(), skipped: skipped.sort((a, b) => a.name.localeCompare(b.name)) };
  }

  private linkKind(name: string): string {
    try {
      return `a link to ${entryKind(statSync(join(this.dir, name)))}`;
    } catch {
      return 'a broken symbolic link';
    }
  }

  /**
   * Moves an invalid session file aside (never overwritten, never deleted) and says where; or why
   * it stays where it is (`invalid/` is a file, the folder is read-only).
   */
  quarantine(
    id: string,
  ): { readonly moved: true; readonly to: string } | { readonly moved: false; readonly why: string } {
    const aside = join(this.dir, 'invalid');
    try {
      mkdirSync(aside, { recursive: true });
      let target = join(aside, `${id}.json`);
      for (let n = 1; exists(target); n++) target = join(aside, `${id}.${String(n)}.json`);
      renameSync(this.path(id), target);
      return { moved: true, to: target };
    } catch (error) {
      const code = errnoCode(error);
      if (code === 'EEXIST' || code === 'ENOTDIR') return { moved: false, why: `${aside} is not a folder` };
      return {
        moved: false,
        why: `it cannot be moved to ${aside}: ${errnoReason(error)?.why ?? String(error)}`,
      };
    }
  }
}

/** The error of a plain mkdir of `dir`, if it fails. */
function mkdirError(dir: string): unknown {
  try {
    mkdirSync(dir);
    return undefined;
  } catch (error) {
    return error;
  }
}

/** Whether anything (even a broken link) has this name. */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function notAFolder(dir: string): AppError {
  return new AppError(
    ExitCode.config,
    `the state folder ${dir} is not a folder (it, or a folder above it, is a file)`,
    'Move the file away, or set MLOPS_DESIGN_STATE_DIR to a folder (or pass --no-save).',
  );
}

/** The skipped entries of a listing, as one warning line (names sanitised: they come from the disk). */
export function skippedLine(dir: string, skipped: Listing['skipped']): string | undefined {
  if (skipped.length === 0) return undefined;
  const names = skipped.map(({ name, is }) => `${sanitize(name)} (${is.replace(/^an? /, '')})`);
  return `warning: skipped ${String(skipped.length)} ${skipped.length === 1 ? 'entry' : 'entries'} in ${dir} that ${skipped.length === 1 ? 'is not a regular file' : 'are not regular files'}: ${names.join(', ')}`;
}

/** A session id: its creation time (sortable) and a short random suffix. */
export function newSessionId(now: Date, random: () => number = Math.random): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15).toLowerCase();
  const suffix = Math.floor(random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0');
  return `${stamp}-${suffix}`;
}

/** What an id may be: a file name in the state folder, never a path, never longer than a name can be. */
export const SESSION_ID = /^[a-z0-9-]{1,200}$/;

/** A long id is shown by its start and length: the message is one line, whatever was typed. */
export function shownId(id: string): string {
  return id.length <= 60 ? id : `${id.slice(0, 40)}... (${String(id.length)} characters)`;
}
