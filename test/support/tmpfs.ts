// A small real file system for fault tests (full, read-only): a tmpfs mounted where this machine
// allows it (root with mount available, as here and in CI).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Mounts a tmpfs with `options` (e.g. "size=64k", "ro,size=64k") at `dir`; false when not allowed. */
export function mountTmpfs(dir: string, options: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const unmount = (dir: string): void => {
  execFileSync('umount', [dir], { stdio: 'ignore' });
};

/** Whether a test tmpfs can be mounted here; a test that needs one is skipped, saying so, when not. */
export const canMount = ((): boolean => {
  const probe = mkdtempSync(join(tmpdir(), 'mlops-design-tmpfs-probe-'));
  try {
    if (!mountTmpfs(probe, 'size=64k')) return false;
    unmount(probe);
    return true;
  } finally {
    rmdirSync(probe);
  }
})();
