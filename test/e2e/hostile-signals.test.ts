/**
 * Signals are honoured at every point of a scripted run (issue 15): SIGINT and SIGTERM sent to the
 * built CLI while it works through an answers file, while a model request is stalled, and while the
 * SDK waits out a retry back-off. Each stops the run, saves the session (valid, unfinished,
 * resumable), prints the one line saying where the work is, writes no document, leaves every file
 * outside the state folder as it was, and exits 130 (SIGINT) or 143 (SIGTERM). The model cases run
 * against a loopback fake that never answers (or asks for an hour's wait): only the signal can have
 * ended them, so no assertion depends on time.
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSessionRecord } from '../../src/session/record.js';
import { SECRET_KEY, expectPrintable } from './support/hostile.js';
import {
  EXAMPLES_DIR,
  assertBuilt,
  examplePath,
  runCli,
  stackFrames,
  tempDirs,
  type CliResult,
  type RunOptions,
} from './support/run-cli.js';
import { startFakeAnthropic, type FakeAnthropic, type FakeReply } from '../support/fake-anthropic.js';
import { tree } from '../support/tree.js';

const temps = tempDirs('signals');
let fake: FakeAnthropic;
beforeAll(async () => {
  assertBuilt();
  fake = await startFakeAnthropic();
});
afterAll(async () => {
  await fake.close();
  temps.removeAll();
});

const CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type Signal = keyof typeof CODES;

interface Scripted {
  readonly command: 'design' | 'pipeline';
  readonly answers: string;
  readonly document: string;
}
const DESIGN: Scripted = {
  command: 'design',
  answers: examplePath('pastebin'),
  document: 'system_design.md',
};
const PIPELINE: Scripted = {
  command: 'pipeline',
  answers: join(EXAMPLES_DIR, 'pipeline-churn.yaml'),
  document: 'pipeline_architecture.md',
};

/** A working folder with an answers file and an --out folder that already holds a file of its own. */
function workspace(run: Scripted): { dir: string; out: string; answers: string } {
  const dir = temps.make();
  const out = join(dir, 'out');
  mkdirSync(out);
  writeFileSync(join(out, 'notes.md'), '# Notes kept by the team\n');
  const answers = join(dir, 'answers.yaml');
  copyFileSync(run.answers, answers);
  return { dir, out, answers };
}

/** Everything under `dir` but the state folder (where the session is saved). */
const outsideState = (dir: string): Record<string, string> =>
  Object.fromEntries(Object.entries(tree(dir)).filter(([path]) => !/^state(\/|$)/.test(path)));

/** The API pointed at the loopback fake with the test key; its client config kept in the folder. */
const modelEnv = (dir: string): NonNullable<RunOptions['env']> => ({
  ANTHROPIC_API_KEY: SECRET_KEY,
  ANTHROPIC_BASE_URL: fake.url,
  ANTHROPIC_CONFIG_DIR: join(dir, 'config'),
});

/** Resolves when the fake receives its next request, which it then answers with `reply`. */
function nextRequest(reply: FakeReply): Promise<void> {
  return new Promise((resolve) => {
    fake.fallback = () => {
      resolve();
      return reply;
    };
  });
}

/**
 * What every interrupted run shows: the exit code, the signal really sent, one session saved
 * (valid, unfinished) and named in stderr's last line, no stack trace, nothing unprintable, no key,
 * and no error line (an interruption is not an error). Returns the session id.
 */
function expectInterrupted(result: CliResult, signal: Signal, dir: string): string {
  expect(result.signalled, 'the signal was sent while the CLI ran').toBe(true);
  expect(result.code, `exit code; stderr:\n${result.stderr}`).toBe(CODES[signal]);
  expect(stackFrames(result.stderr)).toEqual([]);
  expectPrintable(expect, result.stderr, 'stderr');
  expectPrintable(expect, result.stdout, 'stdout');
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toMatch(/^mlops-design:/m);
  const files = readdirSync(join(dir, 'state')).filter((name) => name.endsWith('.json'));
  expect(files).toHaveLength(1);
  const id = (files[0] ?? '').replace(/\.json$/, '');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines.at(-1)).toBe(`Interrupted. Session ${id} saved. Resume with: mlops-design resume ${id}`);
  const record = parseSessionRecord(JSON.parse(readFileSync(join(dir, 'state', `${id}.json`), 'utf8')));
  expect(record.success, JSON.stringify(record.error?.issues)).toBe(true);
  expect(record.data?.finished).toBe(false);
  expect(record.data?.id).toBe(id);
  return id;
}

describe.each([DESIGN, PIPELINE])('a scripted $command run', (run) => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s while it works through the answers file stops it, saved, with no document',
    async (signal) => {
      const { dir, out, answers } = workspace(run);
      const before = outsideState(dir);
      // "Session <id>" is printed once the session is saved and before its first step: the whole
      // session is still ahead (hundreds of milliseconds of work), and before this fix it ran to
      // the end and exited 0 with the document written, whenever the signal came.
      const result = await runCli([run.command, '--answers', answers, '--out', out], {
        cwd: dir,
        signal: { name: signal, whenStderr: /^Session \S+\n/m },
      });
      expectInterrupted(result, signal, dir);
      expect(readdirSync(out)).not.toContain(run.document);
      expect(outsideState(dir)).toEqual(before);
    },
  );
});

interface ModelWait {
  readonly what: string;
  readonly run: Scripted;
  readonly args: readonly string[];
  readonly reply: FakeReply;
  /** How long after the request arrives the signal is sent (for the reply to reach the client). */
  readonly afterMs: number;
}
const WAITS: readonly ModelWait[] = [
  {
    // The fake holds the request and never sends a byte: without the signal the run would wait for
    // the SDK's timeout and then exit 75 (or carry on offline).
    what: 'a request the API never answers (design)',
    run: DESIGN,
    args: [],
    reply: { kind: 'stall' },
    afterMs: 0,
  },
  {
    // The 529 is on its way when the request arrives; the signal follows once the client has had it,
    // so it lands in the SDK's hour-long sleep before the retry.
    what: 'a retry back-off: 529 with retry-after an hour (pipeline, --copilot anthropic)',
    run: PIPELINE,
    args: ['--copilot', 'anthropic'],
    reply: { kind: 'status', status: 529, retryAfterSeconds: 3_600 },
    afterMs: 300,
  },
];

describe.each(WAITS)('waiting on $what', (wait) => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s ends the wait at once, saved, with no document',
    async (signal) => {
      const { dir, out, answers } = workspace(wait.run);
      const before = outsideState(dir);
      const seen = fake.requests.length;
      const arrived = nextRequest(wait.reply).then(
        () => new Promise((resolve) => setTimeout(resolve, wait.afterMs)),
      );
      const result = await runCli([wait.run.command, '--answers', answers, '--out', out, ...wait.args], {
        cwd: dir,
        env: modelEnv(dir),
        signal: { name: signal, when: arrived },
      });
      expectInterrupted(result, signal, dir);
      // Requests made ahead run side by side: each was sent once, none answered or retried.
      const bodies = fake.requests.slice(seen).map((request) => JSON.stringify(request.body));
      expect(bodies.length).toBeGreaterThanOrEqual(1);
      expect(new Set(bodies).size, 'no request retried').toBe(bodies.length);
      expect(readdirSync(out)).not.toContain(wait.run.document);
      expect(outsideState(dir)).toEqual(before);
    },
  );
});

describe('an interrupted scripted run', () => {
  it('resumes to the same document, byte for byte, as a run that was never interrupted', async () => {
    const whole = workspace(DESIGN);
    const uninterrupted = await runCli(['design', '--answers', whole.answers, '--out', whole.out], {
      cwd: whole.dir,
    });
    expect(uninterrupted.code, uninterrupted.stderr).toBe(0);

    const { dir, out, answers } = workspace(DESIGN);
    const stopped = await runCli(['design', '--answers', answers, '--out', out], {
      cwd: dir,
      signal: { name: 'SIGTERM', whenStderr: /^Phase 2\/6/m },
    });
    const id = expectInterrupted(stopped, 'SIGTERM', dir);
    const resumed = await runCli(['resume', id, '--answers', answers], { cwd: dir });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`^Resuming session ${id} `, 'm'));
    expect(readFileSync(join(out, DESIGN.document))).toEqual(readFileSync(join(whole.out, DESIGN.document)));
  });
});
