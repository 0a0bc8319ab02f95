/**
 * What the session commands call: check the targets before the first question, write a session's
 * artifacts (locked, staged, renamed together, the manifest updated), or, for --check, say which
 * files would change without writing anything.
 */
import { join } from 'node:path';
import type { Artifact } from './artifacts.js';
import { commitChanges } from './commit.js';
import {
  defaultFs,
  inspectTargets,
  lookAt,
  openOutDir,
  plannedPath,
  type ArtifactFs,
  type OutDir,
  type Target,
} from './inspect.js';
import { errnoCode, ioFailure } from './io-errors.js';
import { lockOut } from './lock.js';
import { nextManifest, parseManifest, type Manifest } from './manifest.js';
import { MANIFEST_PATH, besideShown } from './plan.js';

export interface WriteOptions {
  readonly force: boolean;
  /** The file-system calls to make; tests pass a wrapper that fails one of them. */
  readonly fs?: ArtifactFs;
  /** How many times to retry a lock held by another run (default 20, about 5 s in all). */
  readonly lockRetries?: number;
}

export interface Written {
  /** Each artifact's path under --out as given, in the order rendered. */
  readonly files: readonly string[];
  /** Edited documents that were kept before being replaced: the file and its backup. */
  readonly backups: readonly { readonly file: string; readonly backup: string }[];
  readonly warnings: readonly string[];
}

/**
 * Before the first question: --out is a writable directory, and each path known now is safe to write
 * (with --check, only that the paths stay inside --out, since nothing will be written).
 */
export function checkTargets(
  outDir: string,
  paths: readonly string[],
  options: WriteOptions & { readonly check: boolean },
): void {
  const fs = options.fs ?? defaultFs;
  const out = openOutDir(outDir, !options.check, fs);
  if (options.check) {
    for (const path of paths) plannedPath(out, path);
    return;
  }
  const { manifest } = readRecords(out, fs);
  inspectTargets(out, paths, { force: options.force, manifest, fs });
}

/** --check: the artifacts whose file differs from what would be written (missing counts), by shown path. */
export function changedFiles(
  outDir: string,
  artifacts: readonly Artifact[],
  fs: ArtifactFs = defaultFs,
): string[] {
  const out = openOutDir(outDir, false, fs);
  return artifacts.flatMap((artifact) => {
    const target = lookAt(out, plannedPath(out, artifact.path), fs);
    const same = target.existing?.bytes.equals(Buffer.from(artifact.content, 'utf8')) ?? false;
    return same ? [] : [target.shown];
  });
}

/** Writes every artifact into --out, all or nothing, under the lock of --out. */
export async function writeArtifacts(
  outDir: string,
  artifacts: readonly Artifact[],
  options: WriteOptions,
): Promise<Written> {
  const fs = options.fs ?? defaultFs;
  const out = openOutDir(outDir, true, fs);
  const paths = artifacts.map((artifact) => plannedPath(out, artifact.path));
  const repeated = paths.find((path, i) => paths.indexOf(path) !== i);
  if (repeated !== undefined) throw new Error(`two artifacts of one session are both ${repeated}`);

  const held = await lockOut(out, options.lockRetries);
  try {
    // Checked again under the lock: a file may have appeared during the session.
    const records = readRecords(out, fs);
    const targets = inspectTargets(out, paths, { force: options.force, manifest: records.manifest, fs });
    const planned = artifacts.map((artifact, i) => ({
      path: paths[i] ?? artifact.path,
      content: artifact.content,
    }));
    const committed = commitChanges(
      out,
      [
        ...targets.map((target, i) => ({ target, content: planned[i]?.content ?? '' })),
        { target: records.target, content: nextManifest(records.manifest, planned).content },
      ],
      fs,
      held.check,
    );
    return {
      files: targets.map((target) => target.shown),
      backups: targets.flatMap((target) =>
        target.backup === undefined
          ? []
          : [{ file: target.shown, backup: besideShown(target.shown, target.backup) }],
      ),
      warnings: [
        ...(records.warning === undefined ? [] : [records.warning]),
        ...committed.leftovers.map((file) => `warning: could not remove the temporary file ${file}`),
      ],
    };
  } finally {
    await held.release();
  }
}

interface Records {
  readonly target: Target;
  readonly manifest: Manifest;
  readonly warning?: string;
}

/** The manifest, looked at like any target (never through a link); unreadable counts as empty. */
function readRecords(out: OutDir, fs: ArtifactFs): Records {
  const target = lookAt(out, MANIFEST_PATH, fs);
  if (!target.existing) return { target, manifest: new Map() };
  const parsed = parseManifest(target.existing.bytes.toString('utf8'));
  if (parsed.ok) return { target, manifest: parsed.value };
  return {
    target,
    manifest: new Map(),
    warning: `warning: ${target.shown}: ${parsed.error}; every existing file was treated as edited by hand and kept`,
  };
}

/**
 * A folder under --out as it is now (for numbering records): every name in it, and those among them
 * that mlops-design wrote (its manifest lists them). A folder that does not exist yet is empty; one
 * that resolves outside --out is refused like any target.
 */
export function folderNames(
  outDir: string,
  dir: string,
  fs: ArtifactFs = defaultFs,
): { readonly existing: readonly string[]; readonly own: readonly string[] } {
  const out = openOutDir(outDir, false, fs);
  const folder = plannedPath(out, dir);
  // Looking at a file inside it checks every parent: no link out of --out, no file in the way.
  lookAt(out, plannedPath(out, `${folder}/.probe`), fs);
  let existing: string[];
  try {
    existing = fs.readdirSync(join(out.real, folder)).sort();
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return { existing: [], own: [] };
    throw ioFailure(error, join(out.shown, folder)) ?? error;
  }
  const { manifest } = readRecords(out, fs);
  return { existing, own: existing.filter((name) => manifest.has(`${folder}/${name}`)) };
}
