/**
 * Issue 15, the replay part, against the built binary in real temporary folders: numbers that
 * overflow (refused naming the input; `validate` refuses what `design` refuses), a malformed
 * ANTHROPIC_BASE_URL (78 before any question), strict replay (a cassette replayed for other answers
 * is refused naming the first step that differs) and `--record` that never replaces an input.
 * Every failure: its exit code, one sanitised error line, no stack trace, no key, and every file in
 * the folder byte-identical before and after.
 */
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tree } from '../support/tree.js';
import { SECRET_KEY, expectCleanFailure } from './support/hostile.js';
import { ROOT, assertBuilt, examplePath, runCli, tempDirs, type CliResult } from './support/run-cli.js';

const temp = tempDirs('hostile-replay');
beforeAll(() => {
  assertBuilt();
});
afterAll(() => {
  temp.removeAll();
});

const cassetteOf = (name: string): string => join(ROOT, 'test', 'cassettes', `${name}.jsonl`);
const TEN_TO_308 = `1${'0'.repeat(308)}`;
const PASTEBIN = readFileSync(examplePath('pastebin'), 'utf8');

/** A folder with the pastebin answers and an empty out/; the run's env carries the test key. */
function workspace(): string {
  const dir = temp.make();
  mkdirSync(join(dir, 'out'));
  writeFileSync(join(dir, 'answers.yaml'), PASTEBIN);
  return dir;
}

async function run(
  dir: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  return runCli(args, { cwd: dir, env: { ANTHROPIC_API_KEY: SECRET_KEY, ...env } });
}

/** Runs, and asserts a clean failure with `code` that left every file as it was; returns the error line. */
async function refused(
  dir: string,
  args: readonly string[],
  code: number,
  env: Record<string, string> = {},
): Promise<string> {
  const before = tree(dir);
  const result = await run(dir, args, env);
  const line = expectCleanFailure(expect, result, code);
  expect(tree(dir)).toEqual(before);
  return line;
}

const replay = (cassette: string, answers = 'answers.yaml'): string[] => [
  'design',
  '--answers',
  answers,
  '--out',
  'out',
  '--no-save',
  '--copilot',
  'replay',
  '--cassette',
  cassette,
];

describe('numbers that overflow are refused, naming the input', () => {
  it.each([
    [
      '10^308 written in digits',
      ['--writes', `${TEN_TO_308}/s`, '--write-size', '1KB'],
      /^mlops-design: --writes: .*too large/,
    ],
    ['1e400', ['--writes', '1e400/s'], /^mlops-design: --writes: /],
    [
      '999999999999999999999999 TB',
      ['--writes', '10/s', '--write-size', '999999999999999999999999 TB'],
      /^mlops-design: --write-size: .*too large/,
    ],
    [
      'a retention of 10^30 years',
      ['--writes', '10/s', '--retention', `1${'0'.repeat(30)} years`],
      /^mlops-design: --retention: .*too large/,
    ],
    ['a negative rate', ['--writes', '-5/s'], /^mlops-design: --writes: /],
    [
      'a peak factor of 0',
      ['--writes', '10/s', '--peak-factor', '0'],
      /^mlops-design: --peak-factor: must be at least 1/,
    ],
    [
      'a price of 10^30',
      ['--writes', '10/s', '--storage-price', `$1${'0'.repeat(30)}/GB-month`],
      /^mlops-design: --storage-price: .*too large/,
    ],
  ])('estimate with %s: 64 naming the flag', async (_name, flags, line) => {
    const dir = workspace();
    expect(await refused(dir, ['estimate', ...flags], 64)).toMatch(line);
  });

  it('estimate --spec with 10^308 writes: 65 naming the file and the key', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'spec.yaml'), `writes: ${TEN_TO_308}/day\nwrite_size: 1KB\n`);
    expect(await refused(dir, ['estimate', '--spec', 'spec.yaml'], 65)).toMatch(
      /^mlops-design: spec\.yaml: writes: .*too large/,
    );
  });

  it('validate refuses the answers file design refuses, with the same problem', async () => {
    const dir = workspace();
    writeFileSync(
      join(dir, 'big.yaml'),
      PASTEBIN.replace('estimation.writes: 1M/day', `estimation.writes: ${TEN_TO_308}/day`),
    );
    const before = tree(dir);
    const validated = await run(dir, ['validate', 'big.yaml']);
    expect(validated.code, validated.stderr).toBe(65);
    const designed = await run(dir, ['design', '--answers', 'big.yaml', '--out', 'out', '--no-save']);
    expectCleanFailure(expect, designed, 65);
    expect(tree(dir)).toEqual(before);
    const problem = (result: CliResult): string | undefined =>
      result.stderr.split('\n').find((text) => text.includes('answers.estimation.writes'));
    expect(problem(designed)).toMatch(/big\.yaml: answers\.estimation\.writes: .*too large/);
    expect(problem(validated)).toBe(problem(designed));
  });
});

describe('a malformed ANTHROPIC_BASE_URL is a configuration error before any question', () => {
  it.each(['not a url', 'ftp://x', 'http://'])('%j: 78 naming the variable', async (url) => {
    const dir = workspace();
    const design = ['design', '--answers', 'answers.yaml', '--out', 'out', '--no-save'];
    for (const flags of [['--copilot', 'anthropic'], []]) {
      const line = await refused(dir, [...design, ...flags], 78, { ANTHROPIC_BASE_URL: url });
      // The value is not echoed: a gateway URL may carry credentials.
      expect(line).toBe(
        'mlops-design: ANTHROPIC_BASE_URL is not a valid URL: expected http:// or https:// and a host, e.g. https://api.anthropic.com',
      );
    }
  });
});

describe('replay is strict about what it replays', () => {
  it('the news-feed cassette replayed for the pastebin answers: 65 naming the first step', async () => {
    const dir = workspace();
    const line = await refused(dir, replay(cassetteOf('news-feed')), 65);
    expect(line).toMatch(
      // The title is the first answer a session takes.
      /news-feed\.jsonl: this cassette was recorded for different answers: step title /,
    );
  });

  it('one changed answer: 65 naming that step, not an earlier one', async () => {
    const dir = workspace();
    writeFileSync(
      join(dir, 'answers.yaml'),
      PASTEBIN.replace('estimation.retention: 5y', 'estimation.retention: 3y'),
    );
    const line = await refused(dir, replay(cassetteOf('pastebin')), 65);
    expect(line).toMatch(/step estimation\.retention has a different answer/);
  });

  it('another model: 65 naming the models', async () => {
    const dir = workspace();
    const line = await refused(dir, [...replay(cassetteOf('pastebin')), '--model', 'claude-opus-5-1'], 65);
    expect(line).toMatch(/recorded with model \S+, and this run uses claude-opus-5-1/);
  });

  it('a cassette of the old format (no header): 65 saying to record it again', async () => {
    const dir = workspace();
    const old = readFileSync(cassetteOf('pastebin'), 'utf8').split('\n').slice(1).join('\n');
    writeFileSync(join(dir, 'old.jsonl'), old);
    const line = await refused(dir, replay('old.jsonl'), 65);
    expect(line).toMatch(/old\.jsonl: line 1: expected a cassette header/);
  });

  it('a recording replays for its own answers and writes the same document', async () => {
    const dir = workspace();
    const recorded = await run(dir, [...replay(cassetteOf('pastebin')), '--record', 'again.jsonl']);
    expect(recorded.code, recorded.stderr).toBe(0);
    const first = readFileSync(join(dir, 'out', 'system_design.md'), 'utf8');
    const header = JSON.parse(readFileSync(join(dir, 'again.jsonl'), 'utf8').split('\n')[0] ?? '') as {
      mlops_design_cassette: number;
      digest: string;
    };
    expect(header.mlops_design_cassette).toBe(2);
    expect(header.digest).toMatch(/^[0-9a-f]{64}$/);
    const replayed = await run(dir, [...replay('again.jsonl'), '--force']);
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out', 'system_design.md'), 'utf8')).toBe(first);
  });
});

describe('--record never replaces an input or an existing file', () => {
  it('an existing file without --force: 73', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'kept.jsonl'), 'mine\n');
    const line = await refused(dir, [...replay(cassetteOf('pastebin')), '--record', 'kept.jsonl'], 73);
    expect(line).toBe('mlops-design: --record kept.jsonl: already exists');
  });

  it.each([
    ['by its own name, even with --force', 'answers.yaml', ['--force']],
    ['through a symlink', 'link.yaml', []],
    ['through another path', './sub/../answers.yaml', ['--force']],
  ])('the answers file %s: 64', async (_how, target, flags) => {
    const dir = workspace();
    mkdirSync(join(dir, 'sub'));
    symlinkSync('answers.yaml', join(dir, 'link.yaml'));
    const line = await refused(dir, [...replay(cassetteOf('pastebin')), '--record', target, ...flags], 64);
    expect(line).toBe(`mlops-design: --record ${target}: would overwrite the answers file`);
    expect(readFileSync(join(dir, 'answers.yaml'), 'utf8')).toBe(PASTEBIN);
  });

  it('with the offline co-pilot, which has nothing to record: 64, the answers file untouched', async () => {
    const dir = workspace();
    const line = await refused(
      dir,
      [
        'design',
        '--answers',
        'answers.yaml',
        '--out',
        'out',
        '--no-save',
        '--copilot',
        'offline',
        '--record',
        'answers.yaml',
      ],
      64,
    );
    expect(line).toBe(
      'mlops-design: --record answers.yaml: the offline co-pilot makes no model requests, so there is nothing to record',
    );
    expect(readFileSync(join(dir, 'answers.yaml'), 'utf8')).toBe(PASTEBIN);
  });

  it('the cassette being replayed: 64', async () => {
    const dir = workspace();
    copyFileSync(cassetteOf('pastebin'), join(dir, 'tape.jsonl'));
    const line = await refused(dir, [...replay('tape.jsonl'), '--record', 'tape.jsonl', '--force'], 64);
    expect(line).toBe('mlops-design: --record tape.jsonl: would overwrite the cassette being replayed');
  });

  it.each([
    ['a folder', 'out', /^mlops-design: --record out: is a folder, not a file$/],
    [
      'a missing folder',
      'nowhere/tape.jsonl',
      /^mlops-design: --record nowhere\/tape\.jsonl: the folder nowhere does not exist$/,
    ],
  ])('into %s: 73, not 70', async (_what, target, line) => {
    const dir = workspace();
    expect(await refused(dir, [...replay(cassetteOf('pastebin')), '--record', target], 73)).toMatch(line);
  });
});
