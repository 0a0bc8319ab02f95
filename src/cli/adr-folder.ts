/**
 * `--adr` and `--adr-dir DIR`: where a design session writes its Architecture Decision Records,
 * as a folder relative to --out (default docs/decisions), checked before the first question.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { usageError } from '../errors.js';
import { artifactPath } from '../output/plan.js';

export const DEFAULT_ADR_DIR = 'docs/decisions';

/** The folder, relative to --out and posix, or undefined when no records are asked for. */
export function adrFolder(
  options: { readonly adr?: boolean | undefined; readonly adrDir?: string | undefined },
  outDir: string,
): string | undefined {
  const given = options.adrDir;
  if (options.adr !== true && given === undefined) return undefined;
  const raw = given ?? DEFAULT_ADR_DIR;
  // An absolute folder is accepted when it lies inside --out; records are never written elsewhere.
  const inside = isAbsolute(raw) ? relative(outDir, raw).split(sep).join('/') : raw;
  const planned = artifactPath(inside.replace(/\/+$/, ''));
  if (!planned.ok)
    throw usageError(
      `--adr-dir ${raw}: expected a folder inside --out ${outDir}, got ${planned.error}`,
      'Give a folder relative to --out, e.g. --adr-dir docs/decisions.',
    );
  return planned.value;
}
