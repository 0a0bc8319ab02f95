/**
 * One run at a time writes into an --out directory: a lock held across check, stage and rename, so
 * two runs started together never both pass the "does it exist?" check and lose one document.
 * proper-lockfile makes the lock a directory (mkdir is atomic, also on network file systems), keeps
 * its mtime fresh while held and takes over one left by a crashed run once it is stale. The lock
 * lives inside --out (.mlops-design.lock), never beside it, and is removed on release.
 */
import { join } from 'node:path';
import { lock } from 'proper-lockfile';
import { AppError, ExitCode } from '../errors.js';
import { errnoCode, ioFailure } from './io-errors.js';
import type { OutDir } from './inspect.js';
import { LOCK_NAME } from './plan.js';

/** A lock not refreshed for this long belongs to a run that died; the next run takes it over. */
const STALE_MS = 10_000;

export interface HeldLock {
  /** Throws when the lock was lost meanwhile (its directory removed or taken over). */
  readonly check: () => void;
  readonly release: () => Promise<void>;
}

/**
 * Takes the lock of --out, waiting for another run to finish: 20 retries take about 5 s, far longer
 * than a run holds it (it checks, stages and renames a few small files).
 */
export async function lockOut(out: OutDir, retries = 20): Promise<HeldLock> {
  const shown = join(out.shown, LOCK_NAME);
  let lost: Error | undefined;
  let release: () => Promise<void>;
  try {
    release = await lock(out.real, {
      lockfilePath: join(out.real, LOCK_NAME),
      realpath: false,
      stale: STALE_MS,
      retries: { retries, factor: 1.2, minTimeout: 50, maxTimeout: 400 },
      onCompromised: (error) => {
        lost = error;
      },
    });
  } catch (error) {
    if (errnoCode(error) === 'ELOCKED')
      throw new AppError(
        ExitCode.outputExists,
        `${shown}: another mlops-design run is writing into --out ${out.shown}`,
        `Run again when it has finished (a lock left by a run that crashed is taken over after ${String(STALE_MS / 1000)} s).`,
      );
    throw ioFailure(error, shown) ?? error;
  }
  return {
    check: () => {
      if (lost)
        throw new AppError(
          ExitCode.outputExists,
          `${shown}: the lock on --out ${out.shown} was lost while writing (${lost.message}); nothing was changed`,
        );
    },
    release: async () => {
      try {
        await release();
      } catch {
        // Already released or taken over: the files are in place either way.
      }
    },
  };
}
