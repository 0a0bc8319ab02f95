/**
 * Inputs that are not regular files, and a state folder or --out the environment broke, with the
 * built binary in real temporary folders: a FIFO (mkfifo), /dev/zero and /dev/urandom or a link to
 * them, a state folder that is a file, read-only or full (a real tmpfs), /proc and /sys as --out.
 * Each run has a 10 s timeout, so a hang fails its test instead of stalling the suite; each asserts
 * the exit code, one clean error line and that nothing outside the expected outputs changed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canMount, mountTmpfs, unmount } from '../support/tmpfs.js';
import { tempFiles, tree } from '../support/tree.js';
import { expectCleanFailure, expectPrintable } from './support/hostile.js';
import {
  EXAMPLES_DIR,
  ROOT,
  assertBuilt,
  examplePath,
  runCli,
  tempDirs,
  type CliResult,
} from './support/run-cli.js';

const temp = tempDirs('hostile-inputs');
const PASTEBIN = examplePath('pastebin');
const PIPELINE = join(EXAMPLES_DIR, 'pipeline-churn.yaml');
const INTERVIEW = join(EXAMPLES_DIR, 'interview-strong.yaml');
const CASSETTE = join(ROOT, 'test', 'cassettes', 'pastebin.jsonl');
/** A hang must fail the test, not stall the suite. */
const TIMEOUT_MS = 10_000;
const isRoot = process.getuid?.() === 0;

beforeAll(() => {
  assertBuilt();
});

afterAll(() => {
  temp.removeAll();
});

/** A working directory with an empty --out (`out`) and a file beside it that no run may touch. */
function workspace(): string {
  const dir = temp.make();
  mkdirSync(join(dir, 'out'));
  writeFileSync(join(dir, 'outside.md'), 'beside --out: never touched\n');
  return dir;
}

const run = (dir: string, args: readonly string[]): Promise<CliResult> =>
  runCli(args, { cwd: dir, timeoutMs: TIMEOUT_MS });

const mkfifo = (path: string): void => {
  execFileSync('mkfifo', [path]);
};

/** A finished pastebin session in `dir/state`, turned back into an unfinished one; its id. */
async function unfinishedSession(dir: string): Promise<string> {
  mkdirSync(join(dir, 'made'));
  const made = await run(dir, ['design', '--answers', PASTEBIN, '--out', 'made', '--quiet']);
  expect(made.code, made.stderr).toBe(0);
  const [file] = readdirSync(join(dir, 'state')).filter((name) => name.endsWith('.json'));
  const path = join(dir, 'state', file ?? '');
  const record = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  writeFileSync(path, JSON.stringify({ ...record, finished: false, position: 'design.approval' }));
  return (file ?? '').replace(/\.json$/, '');
}

describe('an input that is not a regular file is refused at once, naming it', () => {
  const devices: readonly [string, (dir: string) => string, RegExp][] = [
    ['a FIFO', (dir) => (mkfifo(join(dir, 'answers.yaml')), 'answers.yaml'), /is a FIFO, not a regular file/],
    ['/dev/zero', () => '/dev/zero', /is a character device, not a regular file/],
    ['/dev/urandom', () => '/dev/urandom', /is a character device, not a regular file/],
    [
      'a symbolic link to /dev/zero',
      (dir) => (symlinkSync('/dev/zero', join(dir, 'answers.yaml')), 'answers.yaml'),
      /is a character device, not a regular file/,
    ],
    [
      'a symbolic link to /dev/urandom',
      (dir) => (symlinkSync('/dev/urandom', join(dir, 'answers.yaml')), 'answers.yaml'),
      /is a character device, not a regular file/,
    ],
    [
      'a symbolic link to a FIFO',
      (dir) => (mkfifo(join(dir, 'pipe')), symlinkSync('pipe', join(dir, 'answers.yaml')), 'answers.yaml'),
      /is a FIFO, not a regular file/,
    ],
  ];

  it.each(devices)('design --answers %s: 65', async (_, make, is) => {
    const dir = workspace();
    const path = make(dir);
    const before = tree(dir);
    const result = await run(dir, ['design', '--answers', path, '--out', 'out']);
    const line = expectCleanFailure(expect, result, 65);
    expect(line).toContain(`mlops-design: ${path}: `);
    expect(line).toMatch(is);
    expect(tree(dir)).toEqual(before);
  });

  const commands: readonly [string, (file: string) => string[]][] = [
    ['validate FILE', (file) => ['validate', file]],
    ['estimate --spec', (file) => ['estimate', '--spec', file]],
    ['pipeline --answers', (file) => ['pipeline', '--answers', file, '--out', 'out']],
    ['interview --answers', (file) => ['interview', '--answers', file, '--out', 'out']],
    [
      'design --copilot replay --cassette',
      (file) => ['design', '--answers', PASTEBIN, '--out', 'out', '--copilot', 'replay', '--cassette', file],
    ],
  ];

  it.each(commands)('%s: a FIFO and a link to /dev/zero are 65', async (_, args) => {
    const dir = workspace();
    mkfifo(join(dir, 'pipe.yaml'));
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    const before = tree(dir);
    for (const [file, is] of [
      ['pipe.yaml', 'a FIFO'],
      ['zero.yaml', 'a character device'],
    ] as const) {
      const result = await run(dir, args(file));
      expect(expectCleanFailure(expect, result, 65)).toContain(`${file}: is ${is}, not a regular file`);
    }
    expect(tree(dir)).toEqual(before);
  });

  it('a replayed cassette that is a real file still works (the check is not a blanket refusal)', async () => {
    const dir = workspace();
    symlinkSync(CASSETTE, join(dir, 'linked.jsonl'));
    const result = await run(dir, [
      'design',
      ...[
        '--answers',
        PASTEBIN,
        '--out',
        'out',
        '--copilot',
        'replay',
        '--cassette',
        'linked.jsonl',
        '--quiet',
      ],
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(dir, 'out', 'system_design.md'))).toBe(true);
  });

  it('a context document (problem_statement.md) that is a FIFO is 65, not a hang', async () => {
    const dir = workspace();
    mkfifo(join(dir, 'problem_statement.md'));
    const before = tree(dir);
    const result = await run(dir, ['pipeline', '--answers', PIPELINE, '--out', 'out']);
    expect(expectCleanFailure(expect, result, 65)).toContain('problem_statement.md: is a FIFO');
    expect(tree(dir)).toEqual(before);
  });

  it('an answers file over 1 MB is 65, read no further than the limit', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'big.yaml'), `# ${'x'.repeat(1_100_000)}\n`);
    const before = tree(dir);
    const result = await run(dir, ['design', '--answers', 'big.yaml', '--out', 'out']);
    expect(expectCleanFailure(expect, result, 65)).toContain('big.yaml: too large');
    expect(tree(dir)).toEqual(before);
  });
});

describe('the state folder holds things that are not sessions', () => {
  function hostileState(dir: string): void {
    const state = join(dir, 'state');
    mkdirSync(state, { recursive: true });
    mkfifo(join(state, 'a.json'));
    symlinkSync('/dev/zero', join(state, 'z.json'));
    mkdirSync(join(state, 'd.json'));
  }

  it('sessions lists the real ones and names what it skipped, once', async () => {
    const dir = workspace();
    const id = await unfinishedSession(dir);
    hostileState(dir);
    const before = tree(dir);
    for (const json of [false, true]) {
      const result = await run(dir, json ? ['sessions', '--json'] : ['sessions']);
      expect(result.code, result.stderr).toBe(0);
      expectPrintable(expect, result.stderr, 'stderr');
      const warnings = result.stderr.split('\n').filter((line) => line.startsWith('warning:'));
      expect(warnings).toEqual([
        `warning: skipped 3 entries in ${join(dir, 'state')} that are not regular files: a.json (FIFO), d.json (directory), z.json (link to a character device)`,
      ]);
      expect(result.stdout).toContain(id);
      if (json) expect((JSON.parse(result.stdout) as { sessions: unknown[] }).sessions).toHaveLength(1);
    }
    expect(tree(dir)).toEqual(before);
  });

  it.each([
    ['a', 'a FIFO'],
    ['z', 'a character device'],
  ])('resume %s (%s) is 65 and moves nothing', async (id, is) => {
    const dir = workspace();
    hostileState(dir);
    const before = tree(dir);
    const result = await run(dir, ['resume', id, '--answers', PASTEBIN]);
    expect(expectCleanFailure(expect, result, 65)).toBe(
      `mlops-design: ${join(dir, 'state', `${id}.json`)}: is ${is}, not a regular file; expected a saved session`,
    );
    expect(tree(dir)).toEqual(before);
  });

  it('resume --last looks past them to the real session', async () => {
    const dir = workspace();
    await unfinishedSession(dir);
    hostileState(dir);
    const result = await run(dir, ['resume', '--last', '--answers', PASTEBIN, '--out', '/proc']);
    // It found the session: what stops it is --out, checked before the first question.
    expect(expectCleanFailure(expect, result, 73)).toContain('--out /proc: not writable');
  });

  it.each([
    ['an id of 300 characters', 'a'.repeat(300)],
    ['an id with a path in it', 'x/../../etc'],
  ])('resume with %s is a usage error (64)', async (_, id) => {
    const dir = workspace();
    const before = tree(dir);
    const result = await run(dir, ['resume', id]);
    const line = expectCleanFailure(expect, result, 64);
    expect(line).toMatch(/is not a session id/);
    expect(line.length).toBeLessThan(200);
    expect(tree(dir)).toEqual(before);
  });

  it('an invalid session when invalid/ is a file: 65, the file left where it is', async () => {
    const dir = workspace();
    const state = join(dir, 'state');
    mkdirSync(state);
    writeFileSync(join(state, 'broken.json'), '{"schema": "something else"}\n');
    writeFileSync(join(state, 'invalid'), 'a file where the quarantine folder goes\n');
    const before = tree(dir);
    const result = await run(dir, ['resume', 'broken', '--answers', PASTEBIN]);
    expect(expectCleanFailure(expect, result, 65)).toMatch(
      /^mlops-design: session broken cannot be resumed: /,
    );
    expect(result.stderr).toContain(`left where it is, unchanged: ${join(state, 'invalid')} is not a folder`);
    expect(tree(dir)).toEqual(before);
  });

  it('an interview history log that is a FIFO or a link to /dev/zero is refused, not waited on', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'state'));
    mkfifo(join(dir, 'state', 'interview-history.jsonl'));
    const before = tree(dir);
    const fifo = await run(dir, ['interview', '--history']);
    expect(expectCleanFailure(expect, fifo, 65)).toContain('interview-history.jsonl: is a FIFO');
    expect(tree(dir)).toEqual(before);

    const other = workspace();
    mkdirSync(join(other, 'state'));
    symlinkSync('/dev/zero', join(other, 'state', 'interview-history.jsonl'));
    const zero = await run(other, ['interview', '--history', '--json']);
    expect(expectCleanFailure(expect, zero, 65)).toContain('interview-history.jsonl: is a character device');
  });

  it('a history log that is a FIFO when an interview finishes: the feedback stands, one warning, exit 0', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'state'));
    mkfifo(join(dir, 'state', 'interview-history.jsonl'));
    const result = await run(dir, ['interview', '--answers', INTERVIEW, '--out', 'out', '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toContain('interview_feedback.md');
    const warnings = result.stderr.split('\n').filter((line) => line.includes('interview-history.jsonl'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^warning: .*interview-history\.jsonl: is a FIFO or a socket, not a regular file; the interview was not added to the history log/,
    );
    expectPrintable(expect, result.stderr, 'stderr');
  });
});

describe('a state folder that is not a usable folder', () => {
  it('a file in its place is a configuration error (78) in design, sessions and resume', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'state'), 'not a folder\n');
    const before = tree(dir);
    for (const args of [
      ['design', '--answers', PASTEBIN, '--out', 'out'],
      ['sessions'],
      ['resume', '--last', '--answers', PASTEBIN],
    ]) {
      const result = await run(dir, args);
      expect(expectCleanFailure(expect, result, 78)).toBe(
        `mlops-design: the state folder ${join(dir, 'state')} is not a folder (it, or a folder above it, is a file)`,
      );
      expect(result.stderr).toContain('MLOPS_DESIGN_STATE_DIR');
    }
    expect(tree(dir)).toEqual(before);
  });

  it('--no-save runs without it', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'state'), 'not a folder\n');
    const result = await run(dir, ['design', '--answers', PASTEBIN, '--out', 'out', '--no-save', '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(dir, 'out', 'system_design.md'))).toBe(true);
  });
});

describe.skipIf(!canMount)('a state folder on a real, small file system (tmpfs)', () => {
  /** `dir/state` as a tmpfs mounted with `options`, unmounted after `body`. */
  async function onTmpfs(
    dir: string,
    options: string,
    body: (state: string) => Promise<void>,
  ): Promise<void> {
    const state = join(dir, 'state');
    mkdirSync(state);
    if (!mountTmpfs(state, options)) throw new Error('mounting the tmpfs failed');
    try {
      await body(state);
    } finally {
      unmount(state);
    }
  }

  it('read-only: 73 before the first question, naming the folder', async () => {
    const dir = workspace();
    await onTmpfs(dir, 'ro,size=64k', async (state) => {
      const before = tree(dir);
      const result = await run(dir, ['design', '--answers', PASTEBIN, '--out', 'out']);
      expect(expectCleanFailure(expect, result, 73)).toBe(
        `mlops-design: sessions cannot be saved in ${state}: read-only file system (EROFS)`,
      );
      expect(tree(dir)).toEqual(before);
    });
  });

  it('a missing folder on a read-only mount: 73 (not the ENOENT of a recursive mkdir)', async () => {
    const dir = workspace();
    await onTmpfs(dir, 'ro,size=64k', async (state) => {
      const result = await runCli(['design', '--answers', PASTEBIN, '--out', 'out'], {
        cwd: dir,
        timeoutMs: TIMEOUT_MS,
        env: { MLOPS_DESIGN_STATE_DIR: join(state, 'sessions') },
      });
      expect(expectCleanFailure(expect, result, 73)).toContain('read-only file system (EROFS)');
    });
  });

  it('full: 74 before the first question, and no temporary file left', async () => {
    const dir = workspace();
    await onTmpfs(dir, 'size=64k', async (state) => {
      writeFileSync(join(state, 'filler'), Buffer.alloc(64 * 1024));
      const before = tree(dir);
      const result = await run(dir, ['design', '--answers', PASTEBIN, '--out', 'out']);
      expect(expectCleanFailure(expect, result, 74)).toBe(
        `mlops-design: sessions cannot be saved in ${state}: no space left on the device (ENOSPC)`,
      );
      expect(tempFiles(dir)).toEqual([]);
      expect(tree(dir)).toEqual(before);
    });
  });

  it('full during the run: the document is written, with one warning that the run cannot be resumed', async () => {
    const dir = workspace();
    await onTmpfs(dir, 'size=64k', async (state) => {
      // 8 KB left: the first save (a few hundred bytes) fits, the finished session (about 23 KB) does not.
      writeFileSync(join(state, 'filler'), Buffer.alloc(56 * 1024));
      const result = await run(dir, ['design', '--answers', PASTEBIN, '--out', 'out', '--quiet']);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe(`${join(dir, 'out', 'system_design.md')}\n`);
      // Readings ("Read as: ...") are printed even with --quiet; the warning is the one other line.
      const said = result.stderr
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.startsWith('Read as: '));
      expect(said).toEqual([
        `warning: sessions cannot be saved in ${state}: no space left on the device (ENOSPC); this run cannot be resumed`,
      ]);
      expectPrintable(expect, result.stderr, 'stderr');
      expect(readFileSync(join(dir, 'out', 'system_design.md'), 'utf8')).toMatch(
        /^# System Design: Pastebin\n/,
      );
      expect(tempFiles(dir)).toEqual([]);
    });
  });
});

describe('--out that is not a writable directory is refused before the first question', () => {
  const sessions: readonly [string, string[]][] = [
    ['design', ['design', '--answers', PASTEBIN]],
    ['pipeline', ['pipeline', '--answers', PIPELINE]],
    ['interview', ['interview', '--answers', INTERVIEW]],
  ];

  it.each(sessions)('%s --out /proc and /sys/kernel: 73', async (_, args) => {
    const dir = workspace();
    const before = tree(dir);
    for (const [out, why] of [
      ['/proc', 'the file system takes no new files (ENOENT)'],
      ['/sys/kernel', isRoot ? 'permission denied (EACCES)' : ''],
    ] as const) {
      const result = await run(dir, [...args, '--out', out]);
      const line = expectCleanFailure(expect, result, 73);
      expect(line).toContain(`mlops-design: --out ${out}: not writable`);
      if (why !== '') expect(line).toContain(why);
      expect(result.stderr).toContain('Choose another directory with --out DIR.');
    }
    expect(tree(dir)).toEqual(before);
  });

  it('resume --out /proc: 73, the session untouched', async () => {
    const dir = workspace();
    const id = await unfinishedSession(dir);
    const before = tree(dir);
    const result = await run(dir, ['resume', id, '--answers', PASTEBIN, '--out', '/proc']);
    expect(expectCleanFailure(expect, result, 73)).toContain('--out /proc: not writable');
    expect(tree(dir)).toEqual(before);
  });

  it.each([
    [
      'a file',
      (dir: string) => {
        writeFileSync(join(dir, 'target'), 'x\n');
      },
      'is a file, expected a directory',
    ],
    [
      'a character device link',
      (dir: string) => {
        symlinkSync('/dev/null', join(dir, 'target'));
      },
      'is a character device',
    ],
    ['a missing folder', (): void => undefined, 'no such directory'],
  ])('--out %s: a usage error (64) naming it, before anything is asked', async (_, make, message) => {
    const dir = workspace();
    make(dir);
    const before = tree(dir);
    const result = await run(dir, ['design', '--answers', PASTEBIN, '--out', 'target']);
    expect(expectCleanFailure(expect, result, 64)).toContain(message);
    expect(tree(dir)).toEqual(before);
  });

  it.skipIf(!canMount)('pipeline --out on a read-only mount: 73', async () => {
    const dir = workspace();
    const out = join(dir, 'out');
    if (!mountTmpfs(out, 'ro,size=64k')) throw new Error('mounting the tmpfs failed');
    try {
      const result = await run(dir, ['pipeline', '--answers', PIPELINE, '--out', 'out']);
      expect(expectCleanFailure(expect, result, 73)).toBe(`mlops-design: --out ${out}: not writable`);
      expect(readdirSync(out)).toEqual([]);
    } finally {
      unmount(out);
    }
  });
});
