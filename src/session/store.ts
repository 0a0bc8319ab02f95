/**
 * Where sessions live: $MLOPS_DESIGN_STATE_DIR, else $XDG_STATE_HOME/mlops-design/sessions, else
 * ~/.local/state/mlops-design/sessions. Saves are synchronous and atomic (temp file, then rename),
 * so a session is on disk before the next prompt, even when the process is interrupted during it.
 * A file that fails validation is never overwritten: it is moved aside and reported.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AppError, ExitCode } from '../errors.js';
import { firstIssue } from '../lib/zod-issue.js';
import { parseSessionRecord, type SessionRecord } from './record.js';

export function sessionsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MLOPS_DESIGN_STATE_DIR) return env.MLOPS_DESIGN_STATE_DIR;
  const stateHome = env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(stateHome, 'mlops-design', 'sessions');
}

export type Loaded =
  | { readonly ok: true; readonly record: SessionRecord }
  | { readonly ok: false; readonly id: string; readonly problem: string };

export class SessionStore {
  private ready = false;
  constructor(readonly dir: string = sessionsDir()) {}

  path(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  save(record: SessionRecord): void {
    if (!this.ready) mkdirSync(this.dir, { recursive: true });
    this.ready = true;
    // Atomic by rename: a temp file in the same directory, then rename() over the session file, so
    // a reader (or a crash) sees the old file or the new one, never half of one. No fsync per
    // answer: a crash of this process loses nothing (the kernel has the data), and saving every
    // step must not make a scripted run noticeably slower.
    const path = this.path(record.id);
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(record)}\n`, 'utf8');
    renameSync(temp, path);
  }

  load(id: string): Loaded {
    const path = this.path(id);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT')
        throw new AppError(
          ExitCode.inputNotFound,
          `no saved session ${id} in ${this.dir}`,
          'List them with: mlops-design sessions',
        );
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
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .sort();
  }

  /** Moves an invalid session file aside (never overwritten, never deleted) and says where. */
  quarantine(id: string): string {
    const aside = join(this.dir, 'invalid');
    mkdirSync(aside, { recursive: true });
    let target = join(aside, `${id}.json`);
    for (let n = 1; existsSync(target); n++) target = join(aside, `${id}.${n}.json`);
    renameSync(this.path(id), target);
    return target;
  }
}

/** A session id: its creation time (sortable) and a short random suffix. */
export function newSessionId(now: Date, random: () => number = Math.random): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15).toLowerCase();
  const suffix = Math.floor(random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0');
  return `${stamp}-${suffix}`;
}
