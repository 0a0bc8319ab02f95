// The writer on a real temporary file system: several files with sub-directories, refusals before
// anything is written, failures injected through the `fs` parameter (a full disk while staging, a
// rename that fails midway, a rollback that fails too), the lock, and --check. Each case snapshots
// the whole case directory (the parent of --out) before and after.
import * as nodeFs from 'node:fs';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lock } from 'proper-lockfile';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import type { Artifact } from '../../src/output/artifacts.js';
import type { ArtifactFs } from '../../src/output/inspect.js';
import { parseManifest, sha256 } from '../../src/output/manifest.js';
import { changedFiles, checkTargets, writeArtifacts } from '../../src/output/write-artifacts.js';
import { value } from '../support/results.js';
import { tempFiles, tree } from '../support/tree.js';

let root = '';
let out = '';
beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'mlops-design-writer-')));
  out = join(root, 'out');
  mkdirSync(out);
  writeFileSync(join(root, 'outside.md'), 'outside --out: never touched\n');
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const ARTIFACTS: readonly Artifact[] = [
  { path: 'system_design.md', content: '# System Design\n' },
  { path: 'adr/0001-datastore.md', content: '# ADR 1\n' },
  { path: 'manifests/serving/deployment.yaml', content: 'kind: Deployment\n' },
];

/** An fs whose `name` call throws `code` on its `nth` matching call (1-based), and then works again. */
function failing(
  base: ArtifactFs,
  name: 'openSync' | 'writeSync' | 'renameSync',
  code: string,
  nth: number[],
  when: (args: unknown[]) => boolean = () => true,
): ArtifactFs {
  let calls = 0;
  const real = base[name] as (...args: unknown[]) => unknown;
  const wrapped = (...args: unknown[]): unknown => {
    if (when(args) && nth.includes(++calls))
      throw Object.assign(new Error(`${code}: injected failure, ${name}`), { code, syscall: name });
    return real(...args);
  };
  return { ...base, [name]: wrapped };
}

/** Runs `attempt`, expecting an AppError; returns it. */
async function refusal(attempt: () => unknown): Promise<AppError> {
  try {
    await attempt();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the writer to refuse');
}

const manifestOf = (dir: string): Map<string, string> =>
  new Map(value(parseManifest(readFileSync(join(dir, '.mlops-design', 'manifest.json'), 'utf8'))));

describe('writing a session of several files', () => {
  it('writes each file, creating sub-directories, and records each in the manifest', async () => {
    const before = tree(root);
    const written = await writeArtifacts(out, ARTIFACTS, { force: false });
    expect(written.files).toEqual(ARTIFACTS.map((artifact) => join(out, artifact.path)));
    expect(written.backups).toEqual([]);
    for (const artifact of ARTIFACTS)
      expect(readFileSync(join(out, artifact.path), 'utf8')).toBe(artifact.content);
    expect([...manifestOf(out)]).toEqual(
      [...ARTIFACTS]
        .sort((a, b) => (a.path < b.path ? -1 : 1))
        .map((artifact) => [artifact.path, sha256(artifact.content)]),
    );
    // Outside --out nothing changed; inside, only the files, their folders and the records.
    const after = tree(root);
    expect(Object.keys(after).filter((path) => !path.startsWith('out/') && path !== 'out')).toEqual(
      Object.keys(before).filter((path) => path !== 'out'),
    );
    expect(after['outside.md']).toBe(before['outside.md']);
    expect(readdirSync(out).sort()).toEqual(['.mlops-design', 'adr', 'manifests', 'system_design.md']);
    expect(tempFiles(root)).toEqual([]);
  });

  it('replaces its own unedited output with --force and keeps an edited file under a fresh backup', async () => {
    await writeArtifacts(out, ARTIFACTS, { force: false });
    writeFileSync(join(out, 'adr', '0001-datastore.md'), '# ADR 1\nmy edit\n');
    writeFileSync(join(out, 'adr', '0001-datastore.md.~1~'), 'an older backup\n');
    writeFileSync(join(out, 'adr', '0001-datastore.md.~3~'), 'another\n');
    const next = ARTIFACTS.map((artifact) => ({ ...artifact, content: `${artifact.content}v2\n` }));
    const written = await writeArtifacts(out, next, { force: true });
    expect(written.backups).toEqual([
      { file: join(out, 'adr', '0001-datastore.md'), backup: join(out, 'adr', '0001-datastore.md.~4~') },
    ]);
    expect(readFileSync(join(out, 'adr', '0001-datastore.md.~4~'), 'utf8')).toBe('# ADR 1\nmy edit\n');
    expect(readFileSync(join(out, 'adr', '0001-datastore.md.~1~'), 'utf8')).toBe('an older backup\n');
    for (const artifact of next)
      expect(readFileSync(join(out, artifact.path), 'utf8')).toBe(artifact.content);
    expect(readdirSync(out).sort()).toEqual(['.mlops-design', 'adr', 'manifests', 'system_design.md']);
    expect(tempFiles(root)).toEqual([]);
  });

  it('keeps the permissions of a file it replaces', async () => {
    await writeArtifacts(out, ARTIFACTS, { force: false });
    chmodSync(join(out, 'system_design.md'), 0o600);
    await writeArtifacts(out, [{ path: 'system_design.md', content: 'v2\n' }], { force: true });
    expect(statSync(join(out, 'system_design.md')).mode & 0o777).toBe(0o600);
  });

  it('a sub-directory that is a link to a folder inside --out is followed', async () => {
    mkdirSync(join(out, 'decisions'));
    symlinkSync('decisions', join(out, 'adr'));
    await writeArtifacts(out, ARTIFACTS, { force: false });
    expect(readFileSync(join(out, 'decisions', '0001-datastore.md'), 'utf8')).toBe('# ADR 1\n');
  });

  it('an unreadable manifest makes every existing file count as edited: kept, with a warning', async () => {
    await writeArtifacts(out, ARTIFACTS, { force: false });
    writeFileSync(join(out, '.mlops-design', 'manifest.json'), '{ broken');
    const written = await writeArtifacts(out, ARTIFACTS.slice(0, 1), { force: true });
    expect(written.backups.map((entry) => entry.backup)).toEqual([join(out, 'system_design.md.~1~')]);
    expect(written.warnings).toEqual([
      `warning: ${join(out, '.mlops-design', 'manifest.json')}: not valid JSON; every existing file was treated as edited by hand and kept`,
    ]);
    expect([...manifestOf(out).keys()]).toEqual(['system_design.md']);
  });
});

describe('refused before anything is written (73), naming the path', () => {
  it.each([
    ['..', '../outside.md', 'a path that resolves outside --out'],
    ['an absolute path', join(tmpdir(), 'elsewhere.md'), 'an absolute path'],
  ])('%s', async (_name, path, why) => {
    const before = tree(root);
    const error = await refusal(() =>
      writeArtifacts(out, [...ARTIFACTS, { path, content: 'x' }], { force: true }),
    );
    expect(error.exitCode).toBe(73);
    expect(error.message).toBe(
      `${join(out, path)} cannot be created: it is ${why}; mlops-design writes only inside --out ${out}`,
    );
    expect(tree(root)).toEqual(before);
  });

  it('a sub-directory that is a symbolic link to a folder outside --out', async () => {
    mkdirSync(join(root, 'elsewhere'));
    symlinkSync('../elsewhere', join(out, 'adr'));
    const before = tree(root);
    const error = await refusal(() => writeArtifacts(out, ARTIFACTS, { force: true }));
    expect(error.exitCode).toBe(73);
    expect(error.message).toBe(
      `${join(out, 'adr', '0001-datastore.md')} cannot be created: ${join(out, 'adr')} is a symbolic link that leads outside --out ${out}`,
    );
    expect(tree(root)).toEqual(before);
  });

  it('a file where a sub-directory must go', async () => {
    writeFileSync(join(out, 'adr'), 'a file\n');
    const error = await refusal(() => {
      checkTargets(out, ['adr/0001.md'], { force: false, check: false });
    });
    expect(error.message).toBe(
      `${join(out, 'adr', '0001.md')} cannot be created: ${join(out, 'adr')} is not a directory`,
    );
  });

  it.each([
    ['EACCES', 73, 'permission denied (EACCES)'],
    ['ENOENT', 73, 'the file system takes no new files (ENOENT)'],
    ['ENOSPC', 74, 'no space left on the device (ENOSPC)'],
  ])(
    '--out where no file can be created (%s, as in /proc or /sys): %i, leaving nothing',
    async (code, exit, why) => {
      const before = tree(root);
      const fs = failing(nodeFs, 'openSync', code, [1], (args) =>
        String(args[0]).includes('.mlops-design-probe.'),
      );
      const error = await refusal(() => {
        checkTargets(out, ['system_design.md'], { force: false, check: false, fs });
      });
      expect(error.exitCode).toBe(exit);
      expect(error.message).toBe(`--out ${out}: not writable (a file cannot be created there: ${why})`);
      expect(tree(root)).toEqual(before);
    },
  );

  it('the probe that finds --out writable leaves nothing behind', () => {
    const before = tree(root);
    checkTargets(out, ['system_design.md'], { force: false, check: false });
    expect(tree(root)).toEqual(before);
  });

  it('every existing file is named in one error', async () => {
    for (const artifact of ARTIFACTS.slice(0, 2)) {
      mkdirSync(join(out, artifact.path, '..'), { recursive: true });
      writeFileSync(join(out, artifact.path), 'mine\n');
    }
    const before = tree(root);
    const error = await refusal(() => writeArtifacts(out, ARTIFACTS, { force: false }));
    expect(error.exitCode).toBe(73);
    expect(error.message).toBe(`2 files already exist in ${out}`);
    expect(error.details).toEqual([join(out, 'system_design.md'), join(out, 'adr', '0001-datastore.md')]);
    expect(error.hint).toMatch(/--force/);
    expect(tree(root)).toEqual(before);
  });
});

describe('a failure leaves --out as it was, with no temporary file', () => {
  /** --out holding an edited document, the tool's own earlier output and a records folder. */
  async function earlierRun(): Promise<Record<string, string>> {
    await writeArtifacts(out, ARTIFACTS.slice(0, 1), { force: false });
    writeFileSync(join(out, 'system_design.md'), '# System Design\nedited by hand\n');
    return tree(root);
  }

  it.each([
    ['ENOSPC', 74, 'no space left on the device (ENOSPC)'],
    ['EDQUOT', 74, 'disk quota exceeded (EDQUOT)'],
    ['EIO', 74, 'input/output error (EIO)'],
  ])('%s while staging the second file exits %i', async (code, exitCode, why) => {
    const before = await earlierRun();
    const fs = failing(nodeFs, 'writeSync', code, [2]);
    const error = await refusal(() => writeArtifacts(out, ARTIFACTS, { force: true, fs }));
    expect(error.exitCode).toBe(exitCode);
    expect(error.message).toMatch(
      new RegExp(`^${out}/\\S+ cannot be written: ${why.replace(/[()]/g, '\\$&')}$`),
    );
    expect(error.hint).toBe('Nothing in --out was changed.');
    expect(tree(root)).toEqual(before);
    expect(tempFiles(root)).toEqual([]);
  });

  it.each([
    ['EACCES', 'permission denied (EACCES)'],
    ['EPERM', 'operation not permitted (EPERM)'],
    ['EROFS', 'read-only file system (EROFS)'],
  ])('%s creating a file exits 73 "cannot be created"', async (code, why) => {
    const before = await earlierRun();
    // The first staged file (not the probe that checks --out is writable, made earlier the same way).
    const staged = (args: unknown[]): boolean =>
      args[1] === 'wx' && !String(args[0]).includes('.mlops-design-probe.');
    const fs = failing(nodeFs, 'openSync', code, [1], staged);
    const error = await refusal(() => writeArtifacts(out, ARTIFACTS, { force: true, fs }));
    expect(error.exitCode).toBe(73);
    expect(error.message).toBe(`${join(out, 'system_design.md')} cannot be created: ${why}`);
    expect(tree(root)).toEqual(before);
  });

  it('a rename that fails midway rolls back the files already renamed', async () => {
    const before = await earlierRun();
    // Renames: system_design.md (replacing the edited one), adr/... (new), then it fails on the third.
    const fs = failing(nodeFs, 'renameSync', 'EIO', [3]);
    const error = await refusal(() => writeArtifacts(out, ARTIFACTS, { force: true, fs }));
    expect(error.exitCode).toBe(74);
    expect(error.message).toBe(
      `${join(out, 'manifests', 'serving', 'deployment.yaml')} cannot be written: input/output error (EIO)`,
    );
    expect(readFileSync(join(out, 'system_design.md'), 'utf8')).toBe('# System Design\nedited by hand\n');
    expect(tree(root)).toEqual(before);
    expect(tempFiles(root)).toEqual([]);
  });

  it('a failed rename of the manifest, the last one, rolls back every file', async () => {
    const before = await earlierRun();
    const fs = failing(nodeFs, 'renameSync', 'ENOSPC', [4]);
    const error = await refusal(() => writeArtifacts(out, ARTIFACTS, { force: true, fs }));
    expect(error.exitCode).toBe(74);
    expect(tree(root)).toEqual(before);
  });

  it('when even the rollback fails, the error says where the previous content is, and keeps it', async () => {
    await earlierRun();
    // The second rename fails, and so does renaming the edited document back (the third call).
    const fs = failing(nodeFs, 'renameSync', 'EIO', [2, 3]);
    const error = await refusal(() => writeArtifacts(out, ARTIFACTS, { force: true, fs }));
    expect(error.exitCode).toBe(74);
    const backup = join(out, 'system_design.md.~1~');
    expect(error.details).toEqual([
      `${join(out, 'system_design.md')} could not be restored; its previous content is in ${backup}`,
    ]);
    expect(error.hint).toBe('Not every file could be put back (listed above).');
    expect(readFileSync(backup, 'utf8')).toBe('# System Design\nedited by hand\n');
    expect(tempFiles(root)).toEqual([]);
  });
});

describe('the lock on --out', () => {
  const lockPath = (): string => join(out, '.mlops-design.lock');

  it('a run that finds --out locked waits, and writes once the other run releases it', async () => {
    const release = await lock(out, { lockfilePath: lockPath(), realpath: false });
    const writing = writeArtifacts(out, ARTIFACTS, { force: false });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(readdirSync(out)).toEqual(['.mlops-design.lock']);
    await release();
    const written = await writing;
    expect(written.files).toHaveLength(3);
    expect(readdirSync(out).sort()).toEqual(['.mlops-design', 'adr', 'manifests', 'system_design.md']);
  });

  it('gives up with 73 naming the lock when the other run does not finish', async () => {
    const release = await lock(out, { lockfilePath: lockPath(), realpath: false });
    try {
      const before = tree(root);
      const error = await refusal(() => writeArtifacts(out, ARTIFACTS, { force: false, lockRetries: 1 }));
      expect(error.exitCode).toBe(73);
      expect(error.message).toBe(`${lockPath()}: another mlops-design run is writing into --out ${out}`);
      expect(tree(root)).toEqual(before);
    } finally {
      await release();
    }
  });

  it('takes over a lock left by a run that died (not refreshed for a minute)', async () => {
    mkdirSync(lockPath());
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lockPath(), minuteAgo, minuteAgo);
    await writeArtifacts(out, ARTIFACTS, { force: false, lockRetries: 0 });
    expect(readdirSync(out)).not.toContain('.mlops-design.lock');
  });
});

describe('--check', () => {
  it('names each file that is missing or differs, and writes nothing', async () => {
    await writeArtifacts(out, ARTIFACTS, { force: false });
    writeFileSync(join(out, 'adr', '0001-datastore.md'), 'changed\n');
    rmSync(join(out, 'manifests', 'serving', 'deployment.yaml'));
    const before = tree(root);
    expect(changedFiles(out, ARTIFACTS)).toEqual([
      join(out, 'adr', '0001-datastore.md'),
      join(out, 'manifests', 'serving', 'deployment.yaml'),
    ]);
    expect(changedFiles(out, ARTIFACTS.slice(0, 1))).toEqual([]);
    expect(tree(root)).toEqual(before);
  });

  it('checks only that --out exists and the paths stay inside it before the first question', () => {
    writeFileSync(join(out, 'system_design.md'), 'exists\n');
    expect(() => {
      checkTargets(out, ['system_design.md'], { force: false, check: true });
    }).not.toThrow();
    expect(() => {
      checkTargets(out, ['system_design.md'], { force: false, check: false });
    }).toThrow(`${join(out, 'system_design.md')} already exists`);
  });
});
