/**
 * Issue 15, output streams: the built CLI with stdout or stderr on a full device (/dev/full) or a
 * closed pipe, and with terminal escape sequences and the API key in everything that reaches the
 * screen from outside (answers and spec keys, file names, a hand-edited session, the interview
 * history, a server's error text). Each case asserts the exit code, one clean error line (or none),
 * no control character, no key, and every file outside the expected outputs byte-identical.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIMENSIONS } from '../../src/knowledge/problems.js';
import { startFakeAnthropic, type FakeAnthropic, type FakeReply } from '../support/fake-anthropic.js';
import { tree } from '../support/tree.js';
import { SECRET_KEY, expectCleanFailure, expectPrintable } from './support/hostile.js';
import {
  assertBuilt,
  examplePath,
  runCli,
  stackFrames,
  tempDirs,
  type CliResult,
} from './support/run-cli.js';

const dirs = tempDirs('streams');
afterAll(() => {
  dirs.removeAll();
});
beforeAll(() => {
  assertBuilt();
});

/** Sequences a hostile file carries: OSC 52 clipboard write, screen clear, window title. */
const OSC52 = '\u001b]52;c;ZXZpbA==\u0007';
const CLEAR = '\u001b[2J';
const TITLE = '\u001b]0;pwned\u0007';
const HOSTILE = `clip${OSC52}board${CLEAR}screen${TITLE}title`;
const SHOWN = 'clipboardscreentitle';
const PASTEBIN = readFileSync(examplePath('pastebin'), 'utf8');

interface Case {
  readonly cwd: string;
  /** Inputs live here; it must be byte-identical after the run. */
  readonly inputs: string;
  readonly out: string;
}

function makeCase(): Case {
  const cwd = dirs.make();
  const inputs = join(cwd, 'in');
  const out = join(cwd, 'out');
  mkdirSync(inputs);
  mkdirSync(out);
  writeFileSync(join(inputs, 'pastebin.yaml'), PASTEBIN);
  return { cwd, inputs, out };
}

/** Everything under the case folder but the state folder and the output folder. */
const outside = (c: Case): Record<string, string> =>
  Object.fromEntries(
    Object.entries(tree(c.cwd)).filter(
      ([path]) => !/^(state|out)(\/|$)/.test(path) && !/^(home|xdg-state)(\/|$)/.test(path),
    ),
  );

/** Runs one case and checks that nothing outside `out/` (and the state folder) changed. */
async function runCase(
  c: Case,
  args: readonly string[],
  options: Omit<Parameters<typeof runCli>[1], 'cwd'> = {},
): Promise<CliResult> {
  const before = outside(c);
  const result = await runCli(args, { cwd: c.cwd, ...options });
  expect(outside(c)).toEqual(before);
  expect(stackFrames(result.stderr)).toEqual([]);
  expectPrintable(expect, result.stderr, 'stderr');
  expectPrintable(expect, result.stdout, 'stdout');
  return result;
}

const design = (c: Case, ...flags: string[]): string[] => [
  'design',
  '--answers',
  join(c.inputs, 'pastebin.yaml'),
  '--out',
  c.out,
  ...flags,
];

/** The documents in `out/` (the writer's manifest, a dot file, aside). */
const documents = (c: Case): string[] => readdirSync(c.out).filter((name) => !name.startsWith('.'));

const errorLines = (stderr: string): string[] =>
  stderr.split('\n').filter((line) => line.startsWith('mlops-design:'));

describe('stdout on a full device: exit 74, one line on stderr, no stack trace', () => {
  it('design --json: the document is written, the summary cannot be, exit 74', async () => {
    const c = makeCase();
    const result = await runCase(c, design(c, '--json'), { stdoutTo: '/dev/full' });
    const line = expectCleanFailure(expect, result, 74);
    expect(line).toMatch(/standard output \(ENOSPC\)/);
    expect(documents(c)).toEqual(['system_design.md']);
  });

  it.each([
    ['estimate', ['estimate', '--writes', '1K/s']],
    ['references', ['references']],
    ['--version', ['--version']],
  ])('%s >/dev/full: exit 74 with one line', async (_name, args) => {
    const c = makeCase();
    const result = await runCase(c, args, { stdoutTo: '/dev/full' });
    expect(expectCleanFailure(expect, result, 74)).toMatch(/cannot write to standard output/);
  });

  it('sessions >/dev/full with a session to list: exit 74 with one line', async () => {
    const c = makeCase();
    expect((await runCase(c, design(c))).code).toBe(0);
    const result = await runCase(c, ['sessions'], { stdoutTo: '/dev/full' });
    expect(expectCleanFailure(expect, result, 74)).toMatch(/cannot write to standard output/);
  });

  it('a command that fails on its own keeps its own code and its one line', async () => {
    const c = makeCase();
    const result = await runCase(c, ['validate', join(c.inputs, 'missing.yaml')], {
      stdoutTo: '/dev/full',
    });
    expect(expectCleanFailure(expect, result, 66)).toContain('missing.yaml');
  });

  it('stdout and stderr both full: exit 74, silently, the document still written', async () => {
    const c = makeCase();
    const result = await runCase(c, design(c), { stdoutTo: '/dev/full', stderrTo: '/dev/full' });
    expect(result.code).toBe(74);
    expect(documents(c)).toEqual(['system_design.md']);
  });
});

describe('stderr on a full device: progress is dropped, the document is written, exit 74', () => {
  it('design 2>/dev/full writes its document and says where on stdout', async () => {
    const c = makeCase();
    const result = await runCase(c, design(c), { stderrTo: '/dev/full' });
    expect(result.code).toBe(74);
    expect(documents(c)).toEqual(['system_design.md']);
    expect(result.stdout).toContain(join(c.out, 'system_design.md'));
  });

  it('estimate 2>/dev/full that has nothing to say on stderr exits 0 with its result', async () => {
    const c = makeCase();
    const result = await runCase(c, ['estimate', '--writes', '1K/s', '--json'], {
      stderrTo: '/dev/full',
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveProperty('metrics');
  });
});

describe('a closed pipe (| head -1) ends the program quietly with the code it would have had', () => {
  it.each([
    ['references', () => ['references']],
    ['sessions', () => ['sessions']],
    ['estimate', () => ['estimate', '--writes', '1K/s']],
    ['design --json', (c: Case) => design(c, '--json')],
  ])('%s', async (name, args) => {
    const c = makeCase();
    const result = await runCase(c, args(c), { closeStdout: true });
    expect(result.code, result.stderr).toBe(0);
    expect(errorLines(result.stderr)).toEqual([]);
    if (name.startsWith('design')) expect(documents(c)).toEqual(['system_design.md']);
  });
});

describe('escape sequences from outside are removed from everything printed', () => {
  const hostileAnswers = `${PASTEBIN}${JSON.stringify(HOSTILE)}: 1\n`;

  it.each([
    ['validate', (c: Case) => ['validate', join(c.inputs, 'hostile.yaml')]],
    ['design', (c: Case) => ['design', '--answers', join(c.inputs, 'hostile.yaml'), '--out', c.out]],
  ])(
    'an unknown key in an answers file (%s): exit 65, the key shown without its sequences',
    async (_name, args) => {
      const c = makeCase();
      writeFileSync(join(c.inputs, 'hostile.yaml'), hostileAnswers);
      const result = await runCase(c, args(c));
      expectCleanFailure(expect, result, 65);
      expect(result.stderr).toContain(SHOWN);
      expect(readdirSync(c.out)).toEqual([]);
    },
  );

  it('an unknown key in an estimate --spec file: exit 65, the key shown without its sequences', async () => {
    const c = makeCase();
    writeFileSync(join(c.inputs, 'spec.yaml'), `writes: 1K/s\n${JSON.stringify(HOSTILE)}: 2\n`);
    const result = await runCase(c, ['estimate', '--spec', join(c.inputs, 'spec.yaml')]);
    expect(expectCleanFailure(expect, result, 65)).toContain(SHOWN);
  });

  it('a file name given on the command line: exit 66, the name shown without its sequences', async () => {
    const c = makeCase();
    const result = await runCase(c, ['validate', join(c.inputs, `${HOSTILE}.yaml`)]);
    expect(expectCleanFailure(expect, result, 66)).toContain(`${SHOWN}.yaml`);
  });

  it.each([
    [
      'a key',
      (c: Case) => {
        writeFileSync(join(c.inputs, 'forged.yaml'), `${PASTEBIN}"a\\nmlops-design: forged": 1\n`);
        return ['validate', join(c.inputs, 'forged.yaml')];
      },
      65,
    ],
    ['a file name', (c: Case) => ['validate', join(c.inputs, 'x\nmlops-design: forged.yaml')], 66],
  ])('a line break in %s cannot forge a second error line', async (_name, args, code) => {
    const c = makeCase();
    const result = await runCase(c, args(c));
    expectCleanFailure(expect, result, code);
    expect(result.stderr).toMatch(/\n {2,}mlops-design: forged/);
  });

  it('an unterminated ESC ] in an answer removes the introducer only, in the document and the session', async () => {
    const c = makeCase();
    const answer = '3 engineers\u001b] and the text after the introducer';
    writeFileSync(
      join(c.inputs, 'pastebin.yaml'),
      PASTEBIN.replace('requirements.team: 3 engineers', `requirements.team: ${JSON.stringify(answer)}`),
    );
    const result = await runCase(c, design(c));
    expect(result.code, result.stderr).toBe(0);
    const document = readFileSync(join(c.out, 'system_design.md'), 'utf8');
    expect(document).toContain('3 engineers and the text after the introducer');
    expectPrintable(expect, document, 'document');
    const sessions = join(c.cwd, 'state');
    const saved = readdirSync(sessions)
      .filter((name) => name.endsWith('.json'))
      .map((name) => readFileSync(join(sessions, name), 'utf8'));
    expect(saved.join('\n')).toContain('and the text after the introducer');
  });

  it('a hand-edited session title: sessions and resume show it without its sequences', async () => {
    const c = makeCase();
    expect((await runCase(c, design(c))).code).toBe(0);
    const sessions = join(c.cwd, 'state');
    const [name] = readdirSync(sessions).filter((file) => file.endsWith('.json'));
    if (name === undefined) throw new Error('no session saved');
    const file = join(sessions, name);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { state: { title: string } };
    saved.state.title = `Evil ${HOSTILE}`;
    writeFileSync(file, JSON.stringify(saved));
    const listed = await runCase(c, ['sessions']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`Evil ${SHOWN}`);
    const resumed = await runCase(c, ['resume', name.replace(/\.json$/, ''), '--no-input']);
    expect(resumed.code).not.toBe(70);
  });

  it('the interview history log: interview --history shows its lines without their sequences', async () => {
    const c = makeCase();
    mkdirSync(join(c.cwd, 'state'), { recursive: true });
    const entry = {
      at: '2026-12-03T00:00:00.000Z',
      problem: `url-shortener ${HOSTILE}`,
      level: `senior${CLEAR}`,
      score: 20,
      dimensions: Object.fromEntries(DIMENSIONS.map((id) => [id, 2])),
    };
    writeFileSync(join(c.cwd, 'state', 'interview-history.jsonl'), `${JSON.stringify(entry)}\n`);
    const result = await runCase(c, ['interview', '--history']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(SHOWN);
  });
});

describe('a server or gateway echoing the key and escape sequences in its error text', () => {
  let fake: FakeAnthropic;
  beforeAll(async () => {
    fake = await startFakeAnthropic();
  });
  afterAll(async () => {
    await fake.close();
  });

  const echo = (status: number): FakeReply => ({
    kind: 'status',
    status,
    retryAfterSeconds: 0.01,
    errorType: `bad${OSC52}_${SECRET_KEY}${TITLE}`,
    errorMessage: `Authorization: Bearer ${SECRET_KEY}\nx-api-key: ${SECRET_KEY}${CLEAR}`,
  });

  // The server answers every request so (requests made ahead run side by side); the client tries a
  // request twice and the SDK retries a 5xx three times within each try.
  it.each([
    [401, 78],
    [400, 75],
    [502, 75],
  ])('HTTP %i: exit %i, one clean line, the key nowhere', async (status, code) => {
    const c = makeCase();
    fake.fallback = () => echo(status);
    const result = await runCase(c, design(c, '--copilot', 'anthropic'), {
      env: { ANTHROPIC_API_KEY: SECRET_KEY, ANTHROPIC_BASE_URL: fake.url },
      timeoutMs: 40_000,
    });
    const line = expectCleanFailure(expect, result, code, { stdout: 'any' });
    expect(line).toContain(String(status));
    expect(line).not.toContain('sk-ant-');
    expect(`${result.stdout}${result.stderr}`).not.toContain(SECRET_KEY);
    expect(readdirSync(c.out)).toEqual([]);
  });

  it('HTTP 502 in default mode: the notice that the run continues offline is clean, exit 0', async () => {
    const c = makeCase();
    fake.fallback = () => echo(502);
    const result = await runCase(c, design(c), {
      env: { ANTHROPIC_API_KEY: SECRET_KEY, ANTHROPIC_BASE_URL: fake.url },
      timeoutMs: 40_000,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /HTTP 502 bad_\[redacted\]; request req_fake_\d+\); continuing on the offline/,
    );
    expect(result.stderr).not.toContain(SECRET_KEY);
    expect(documents(c)).toEqual(['system_design.md']);
  });
});
