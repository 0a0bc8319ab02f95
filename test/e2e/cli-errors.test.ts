/**
 * Failures as a user meets them: the contract's exit code, a message on stderr that names the file
 * and the key, no stack trace, nothing on stdout, and nothing written into --out.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';
import {
  assertBuilt,
  examplePath,
  runCli,
  stackFrames,
  tempDirs,
  type CliResult,
} from './support/run-cli.js';

const temp = tempDirs('errors');
const PASTEBIN = readFileSync(examplePath('pastebin'), 'utf8');

beforeAll(() => {
  assertBuilt();
});

afterAll(() => {
  temp.removeAll();
});

interface Case {
  readonly dir: string;
  readonly out: string;
  readonly answers: string;
}

/** A fresh directory holding a copy of the pastebin example edited by `edit`. */
function answersCase(expect: ExpectStatic, edit: (text: string) => string): Case {
  const dir = temp.make();
  const answers = join(dir, 'answers.yaml');
  const text = edit(PASTEBIN);
  expect(text, 'the edit changed the example').not.toBe(PASTEBIN);
  writeFileSync(answers, text);
  const out = join(dir, 'out');
  mkdirSync(out);
  return { dir, out, answers };
}

function expectCleanFailure(expect: ExpectStatic, result: CliResult, code: number): string[] {
  expect(result.stdout).toBe('');
  expect(stackFrames(result.stderr)).toEqual([]);
  expect(result.stderr).not.toContain('internal error');
  expect(result.code).toBe(code);
  const lines = result.stderr.split('\n').filter((line) => line.trim() !== '');
  expect(lines.length).toBeGreaterThan(0);
  return lines;
}

/** One line on stderr names both the answers file and the key at fault. */
function expectLineNaming(expect: ExpectStatic, lines: readonly string[], file: string, key: string): string {
  const line = lines.find((candidate) => candidate.includes(file) && candidate.includes(key));
  expect(line, `a stderr line naming ${file} and ${key} in:\n${lines.join('\n')}`).toBeDefined();
  return line ?? '';
}

describe.concurrent('design --answers with a bad answers file exits 65 and writes nothing', () => {
  it('a missing answer names the id and the question it asks', async ({ expect }) => {
    const { dir, out, answers } = answersCase(expect, (text) =>
      text.replace(/^ {2}requirements\.latency:.*\n/m, ''),
    );
    const [result, questions] = await Promise.all([
      runCli(['design', '--answers', answers, '--out', out], { cwd: dir }),
      runCli(['questions', '--json'], { cwd: dir }),
    ]);
    const lines = expectCleanFailure(expect, result, 65);
    expect(lines[0]).toMatch(/^mlops-design: /);
    expect(lines[0]).toContain(answers);
    const line = expectLineNaming(expect, lines, answers, 'requirements.latency');
    const { questions: rows } = JSON.parse(questions.stdout) as {
      questions: { id: string; prompt: string }[];
    };
    const prompt = rows.find((row) => row.id === 'requirements.latency')?.prompt;
    expect(prompt).toMatch(/P50.*P99/);
    expect(line).toContain(`"${prompt ?? ''}"`);
    expect(line).toContain('missing');
    expect(readdirSync(out)).toEqual([]);
  });

  it('an unknown id close to a real one suggests it', async ({ expect }) => {
    const { dir, out, answers } = answersCase(expect, (text) =>
      text.replace('requirements.latency:', 'requirements.latncy:'),
    );
    const result = await runCli(['design', '--answers', answers, '--out', out], { cwd: dir });
    const lines = expectCleanFailure(expect, result, 65);
    const line = expectLineNaming(expect, lines, answers, 'requirements.latncy');
    expect(line).toContain('did you mean "requirements.latency"');
    expect(readdirSync(out)).toEqual([]);
  });

  it('an unknown top-level key suggests the real one', async ({ expect }) => {
    const { dir, out, answers } = answersCase(expect, (text) => text.replace(/^title:/m, 'titel:'));
    const result = await runCli(['design', '--answers', answers, '--out', out], { cwd: dir });
    const lines = expectCleanFailure(expect, result, 65);
    const line = expectLineNaming(expect, lines, answers, 'titel');
    expect(line).toContain('did you mean "title"');
    expect(readdirSync(out)).toEqual([]);
  });

  it('an answer that does not parse names its id and what was expected', async ({ expect }) => {
    const { dir, out, answers } = answersCase(expect, (text) =>
      text.replace('estimation.write-size: 10KB', 'estimation.write-size: lots'),
    );
    const result = await runCli(['design', '--answers', answers, '--out', out], { cwd: dir });
    const lines = expectCleanFailure(expect, result, 65);
    const line = expectLineNaming(expect, lines, answers, 'estimation.write-size');
    expect(line).toContain('"lots"');
    expect(line).toMatch(/size/);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe.concurrent('other failures of design', () => {
  it('an answers file that does not exist exits 66 and names it', async ({ expect }) => {
    const dir = temp.make();
    const out = join(dir, 'out');
    mkdirSync(out, { recursive: true });
    const missing = join(dir, 'no-such-answers.yaml');
    const result = await runCli(['design', '--answers', missing, '--out', out], { cwd: dir });
    const lines = expectCleanFailure(expect, result, 66);
    expect(lines[0]).toBe(`mlops-design: ${missing}: answers file not found`);
    expect(readdirSync(out)).toEqual([]);
  });

  it('an existing document exits 73 and is left untouched; --force replaces it, keeping it as .~1~', async ({
    expect,
  }) => {
    const dir = temp.make();
    const out = join(dir, 'out');
    mkdirSync(out, { recursive: true });
    const target = join(out, 'system_design.md');
    writeFileSync(target, 'my own notes\n');
    const refused = await runCli(['design', '--answers', examplePath('pastebin'), '--out', out], {
      cwd: dir,
    });
    const lines = expectCleanFailure(expect, refused, 73);
    expect(lines[0]).toBe(`mlops-design: ${target} already exists`);
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(target, 'utf8')).toBe('my own notes\n');
    expect(readdirSync(out)).toEqual(['system_design.md']);

    const forced = await runCli(['design', '--answers', examplePath('pastebin'), '--out', out, '--force'], {
      cwd: dir,
    });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toBe(`${target}\n`);
    expect(readFileSync(target, 'utf8')).toMatch(/^# System Design: Pastebin\n/);
    // The replaced version (not written by mlops-design) is kept beside it, byte for byte, under a
    // numbered backup no later run reuses; the manifest records what the tool wrote.
    expect(readdirSync(out).sort()).toEqual(['.mlops-design', 'system_design.md', 'system_design.md.~1~']);
    expect(readFileSync(`${target}.~1~`, 'utf8')).toBe('my own notes\n');
    expect(forced.stderr).toContain(`it is kept as ${target}.~1~`);
  });

  it('--copilot anthropic without a key exits 78', async ({ expect }) => {
    const dir = temp.make();
    const out = join(dir, 'out');
    mkdirSync(out, { recursive: true });
    const result = await runCli(
      ['design', '--answers', examplePath('pastebin'), '--out', out, '--copilot', 'anthropic'],
      { cwd: dir },
    );
    const lines = expectCleanFailure(expect, result, 78);
    expect(lines[0]).toMatch(/^mlops-design: .*anthropic/i);
    expect(readdirSync(out)).toEqual([]);
  });

  it('design without --answers under CI exits 64 and points at --answers', async ({ expect }) => {
    const dir = temp.make();
    const out = join(dir, 'out');
    mkdirSync(out, { recursive: true });
    const result = await runCli(['design', '--out', out], { cwd: dir });
    const lines = expectCleanFailure(expect, result, 64);
    expect(lines[0]).toMatch(/^mlops-design: .*CI/);
    expect(result.stderr).toContain('--answers');
    expect(readdirSync(out)).toEqual([]);
  });

  it('an unknown option exits 64 and names it', async ({ expect }) => {
    const dir = temp.make();
    const out = join(dir, 'out');
    mkdirSync(out, { recursive: true });
    const result = await runCli(['design', '--answers', examplePath('pastebin'), '--out', out, '--bogus'], {
      cwd: dir,
    });
    const lines = expectCleanFailure(expect, result, 64);
    expect(lines[0]).toContain("unknown option '--bogus'");
    expect(readdirSync(out)).toEqual([]);
  });

  it('--out naming an existing file is a clear user error, not an internal one', async ({ expect }) => {
    const dir = temp.make();
    const out = join(dir, 'not-a-directory');
    writeFileSync(out, 'a file\n');
    const result = await runCli(['design', '--answers', examplePath('pastebin'), '--out', out], { cwd: dir });
    expect(result.stdout).toBe('');
    expect(stackFrames(result.stderr)).toEqual([]);
    const messages = result.stderr.split('\n').filter((line) => line.startsWith('mlops-design: '));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(out);
    expect(messages[0]).not.toContain('internal error');
    expect([64, 73]).toContain(result.code);
    expect(readFileSync(out, 'utf8')).toBe('a file\n');
  });
});

describe.concurrent('a closed stdout', () => {
  it.for([['questions'], ['validate', examplePath('pastebin')]])(
    '`%s ...` piped into a reader that stops early ends quietly',
    async (args, { expect }) => {
      const dir = temp.make();
      const result = await runCli(args, { cwd: dir, closeStdout: true });
      expect(stackFrames(result.stderr), result.stderr).toEqual([]);
      expect(result.stderr).not.toContain('EPIPE');
      expect(result.code).not.toBe(70);
    },
  );
});
