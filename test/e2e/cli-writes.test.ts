/**
 * Writing as a user meets it, with the built binary: --force never loses a hand edit, two runs at
 * once never both succeed with a document lost, a full disk (a real 64 KiB tmpfs where mounting is
 * allowed) and a lock that is not released end with their exit codes and leave the session
 * resumable, and --check writes nothing. Each case compares its whole directory (the parent of
 * --out) before and after: nothing outside --out changes but the session store.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canMount, mountTmpfs, unmount } from '../support/tmpfs.js';
import { tempFiles, tree } from '../support/tree.js';
import {
  assertBuilt,
  examplePath,
  runCli,
  stackFrames,
  tempDirs,
  type CliResult,
} from './support/run-cli.js';

const temp = tempDirs('writes');
const PASTEBIN = examplePath('pastebin');
/** The document the pastebin example renders, written once into a directory of its own. */
let expected = '';

beforeAll(async () => {
  assertBuilt();
  const dir = temp.make();
  mkdirSync(join(dir, 'out'));
  const made = await runCli(['design', '--answers', PASTEBIN, '--out', 'out', '--quiet'], { cwd: dir });
  if (made.code !== 0) throw new Error(`the reference run failed (${String(made.code)}):\n${made.stderr}`);
  expected = readFileSync(join(dir, 'out', 'system_design.md'), 'utf8');
});

afterAll(() => {
  temp.removeAll();
});

interface Case {
  readonly dir: string;
  readonly out: string;
  readonly document: string;
}

function makeCase(): Case {
  const dir = temp.make();
  const out = join(dir, 'out');
  mkdirSync(out);
  writeFileSync(join(dir, 'outside.md'), 'beside --out: never touched\n');
  return { dir, out, document: join(out, 'system_design.md') };
}

const design = (c: Case, ...flags: string[]): Promise<CliResult> =>
  runCli(['design', '--answers', PASTEBIN, '--out', 'out', '--quiet', ...flags], { cwd: c.dir });

/** The case directory without --out and the session store: what no run may change. */
function outsideOut(c: Case): Record<string, string> {
  return Object.fromEntries(Object.entries(tree(c.dir)).filter(([path]) => !/^(out|state)(\/|$)/.test(path)));
}

/** A failed run: its exit code, one "mlops-design:" line first, no stack trace, nothing on stdout. */
function expectFailure(result: CliResult, code: number): string {
  expect(result.code, result.stderr).toBe(code);
  expect(result.stdout).toBe('');
  expect(stackFrames(result.stderr)).toEqual([]);
  expect(result.stderr).not.toContain('internal error');
  expect(result.stderr).not.toContain('This is a bug');
  // Readings ("Read as: ...") are said as each answer is read, so they come before the error.
  const first = result.stderr.split('\n').find((line) => !line.startsWith('Read as: ')) ?? '';
  expect(first).toMatch(/^mlops-design: \S/);
  return first;
}

/** The session named in a failure's hint ("Session <id> is saved; finish it with: ..."). */
function savedSession(c: Case, result: CliResult): { id: string; finished: boolean } {
  const id = /Session (\S+) is saved; finish it with: mlops-design resume \1/.exec(result.stderr)?.[1];
  expect(id, result.stderr).toBeDefined();
  const record = JSON.parse(readFileSync(join(c.dir, 'state', `${id ?? ''}.json`), 'utf8')) as {
    finished: boolean;
  };
  return { id: id ?? '', finished: record.finished };
}

/**
 * A run that failed to write left its session unfinished; once `fix` removes the cause, `resume
 * --force` writes the document an uninterrupted run writes, keeps the hand-written one, and only
 * then marks the session finished.
 */
async function finishesAfter(c: Case, failed: CliResult, fix: () => void): Promise<void> {
  const session = savedSession(c, failed);
  expect(session.finished).toBe(false);
  fix();
  const resumed = await runCli(['resume', session.id, '--answers', PASTEBIN, '--force', '--quiet'], {
    cwd: c.dir,
  });
  expect(resumed.code, resumed.stderr).toBe(0);
  expect(readFileSync(c.document, 'utf8')).toBe(expected);
  expect(readFileSync(`${c.document}.~1~`, 'utf8')).toBe('my own notes\n');
  expect(savedSession(c, failed).finished).toBe(true);
}

describe('--force never destroys work the user did', () => {
  it('a hand-edited document replaced twice keeps both edits in distinct backups', async () => {
    const c = makeCase();
    const before = outsideOut(c);
    expect((await design(c)).code).toBe(0);

    writeFileSync(c.document, `${expected}\nFirst edit by hand.\n`);
    const first = await runCli(['design', '--answers', PASTEBIN, '--out', 'out', '--force'], { cwd: c.dir });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe(`${c.document}\n`);
    expect(first.stderr).toContain(`it is kept as ${c.document}.~1~`);

    writeFileSync(c.document, `${expected}\nSecond edit by hand.\n`);
    expect((await design(c, '--force')).code).toBe(0);

    expect(readFileSync(c.document, 'utf8')).toBe(expected);
    expect(readFileSync(`${c.document}.~1~`, 'utf8')).toBe(`${expected}\nFirst edit by hand.\n`);
    expect(readFileSync(`${c.document}.~2~`, 'utf8')).toBe(`${expected}\nSecond edit by hand.\n`);

    // Its own unedited output is simply replaced: no third backup.
    const again = await runCli(['design', '--answers', PASTEBIN, '--out', 'out', '--force'], { cwd: c.dir });
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain('kept as');
    expect(readdirSync(c.out).sort()).toEqual([
      '.mlops-design',
      'system_design.md',
      'system_design.md.~1~',
      'system_design.md.~2~',
    ]);
    expect(outsideOut(c)).toEqual(before);
    expect(tempFiles(c.dir)).toEqual([]);
  });
});

describe('two runs into the same --out at once', () => {
  it('without --force: one writes, the other exits 73, and the document is whole', async () => {
    for (let round = 0; round < 2; round++) {
      const c = makeCase();
      const before = outsideOut(c);
      const results = await Promise.all([design(c), design(c)]);
      const codes = results.map((result) => result.code).sort();
      expect(codes, results.map((result) => result.stderr).join('\n')).toEqual([0, 73]);
      const loser = results.find((result) => result.code === 73);
      if (!loser) throw new Error('no run exited 73');
      expect(expectFailure(loser, 73)).toBe(`mlops-design: ${c.document} already exists`);
      expect(readFileSync(c.document, 'utf8')).toBe(expected);
      expect(readdirSync(c.out).sort()).toEqual(['.mlops-design', 'system_design.md']);
      expect(outsideOut(c)).toEqual(before);
      expect(tempFiles(c.dir)).toEqual([]);
    }
  });

  it('with --force over a hand-written document: both succeed, and the hand-written one is kept once', async () => {
    const c = makeCase();
    writeFileSync(c.document, 'my own notes\n');
    const results = await Promise.all([design(c, '--force'), design(c, '--force')]);
    expect(results.map((result) => result.code)).toEqual([0, 0]);
    expect(readFileSync(c.document, 'utf8')).toBe(expected);
    // The second run found the first one's output, unedited, and replaced it without a backup.
    expect(readdirSync(c.out).sort()).toEqual(['.mlops-design', 'system_design.md', 'system_design.md.~1~']);
    expect(readFileSync(`${c.document}.~1~`, 'utf8')).toBe('my own notes\n');
    expect(tempFiles(c.dir)).toEqual([]);
  });

  it('a lock that is not released makes the run wait, then exit 73 naming it, with the session resumable', async () => {
    const c = makeCase();
    writeFileSync(c.document, 'my own notes\n');
    const lock = join(c.out, '.mlops-design.lock');
    mkdirSync(lock);
    const before = tree(c.out);
    const outside = outsideOut(c);
    const locked = await design(c, '--force');
    expect(expectFailure(locked, 73)).toBe(
      `mlops-design: ${lock}: another mlops-design run is writing into --out ${c.out}`,
    );
    expect(tree(c.out)).toEqual(before);
    expect(outsideOut(c)).toEqual(outside);
    // Once the other run is gone, the session is finished from where it stopped.
    await finishesAfter(c, locked, () => {
      rmdirSync(lock);
    });
  });
});

describe.skipIf(!canMount)('on a real, small file system (tmpfs)', () => {
  it('a full disk exits 74, changes nothing, and the session finishes once there is room', async () => {
    const c = makeCase();
    if (!mountTmpfs(c.out, 'size=64k')) throw new Error('mounting the tmpfs failed');
    try {
      writeFileSync(c.document, 'my own notes\n');
      // About 15 KB left: less than the document (about 23 KB) needs.
      writeFileSync(join(c.out, 'filler'), Buffer.alloc(48 * 1024));
      const before = tree(c.out);
      const outside = outsideOut(c);
      const full = await design(c, '--force');
      const first = expectFailure(full, 74);
      expect(first).toBe(
        `mlops-design: ${c.document} cannot be written: no space left on the device (ENOSPC)`,
      );
      expect(full.stderr).toContain('Nothing in --out was changed.');
      expect(tree(c.out)).toEqual(before);
      expect(outsideOut(c)).toEqual(outside);
      await finishesAfter(c, full, () => {
        rmSync(join(c.out, 'filler'));
      });
    } finally {
      unmount(c.out);
    }
  });

  it('a read-only file system exits 73 before the first question', async () => {
    const c = makeCase();
    if (!mountTmpfs(c.out, 'ro,size=64k')) throw new Error('mounting the tmpfs failed');
    try {
      const outside = outsideOut(c);
      const result = await design(c);
      expect(expectFailure(result, 73)).toBe(`mlops-design: --out ${c.out}: not writable`);
      expect(readdirSync(c.out)).toEqual([]);
      expect(outsideOut(c)).toEqual(outside);
    } finally {
      unmount(c.out);
    }
  });
});

describe('--check writes nothing and says whether the files are up to date', () => {
  it('exits 0 on an up-to-date folder and 1 after one answer changes, naming the file', async () => {
    const c = makeCase();
    expect((await design(c)).code).toBe(0);
    const before = tree(c.out);

    const current = await design(c, '--check');
    expect(current.code, current.stderr).toBe(0);
    expect(current.stdout).toBe('');
    expect(tree(c.out)).toEqual(before);

    const changed = join(c.dir, 'changed.yaml');
    const answers = readFileSync(PASTEBIN, 'utf8');
    const edited = answers.replace('requirements.availability: 99.9%', 'requirements.availability: 99.99%');
    expect(edited).not.toBe(answers);
    writeFileSync(changed, edited);
    const stale = await runCli(['design', '--answers', changed, '--out', 'out', '--quiet', '--check'], {
      cwd: c.dir,
    });
    expect(stale.code).toBe(1);
    expect(stale.stdout).toBe(`${c.document}\n`);
    expect(stale.stderr.split('\n').find((line) => !line.startsWith('Read as: '))).toBe(
      'mlops-design: --check: 1 of 1 file(s) differ from what the session would write',
    );
    expect(stackFrames(stale.stderr)).toEqual([]);
    expect(tree(c.out)).toEqual(before);

    const json = await runCli(['design', '--answers', changed, '--out', 'out', '--check', '--json'], {
      cwd: c.dir,
    });
    expect(json.code).toBe(1);
    const summary = JSON.parse(json.stdout) as { files_written: string[]; files_differing: string[] };
    expect(summary.files_written).toEqual([]);
    expect(summary.files_differing).toEqual([c.document]);
    expect(tree(c.out)).toEqual(before);
  });

  it('counts a missing file as differing, and creates nothing under --out', async () => {
    const c = makeCase();
    const result = await design(c, '--check');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(`${c.document}\n`);
    expect(readdirSync(c.out)).toEqual([]);
  });
});
