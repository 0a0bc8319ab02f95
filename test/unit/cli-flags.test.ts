/**
 * Flags are parsed with zod at the boundary, one schema per command: a bad value is a usage error
 * (64) in one line naming the flag and what was expected. And the protocol registry is the one list
 * of protocols that the command line, the answers file and the session record agree on.
 */
import { describe, expect, it } from 'vitest';
import { answersFileSchema } from '../../src/answers/schema.js';
import { interviewKind } from '../../src/cli/kinds/interview.js';
import { parseGlobalOptions } from '../../src/cli/options.js';
import { DEFAULT_PROTOCOL, PROTOCOL_NAMES, REGISTRY, loadKind, protocolOf } from '../../src/cli/registry.js';
import { AppError, ExitCode } from '../../src/errors.js';
import { sessionRecordSchema } from '../../src/session/record.js';
import { bundledKnowledge } from '../support/design-state.js';

const GLOBALS = { out: '.', force: false, json: false, quiet: false };

/** The usage error a call throws, as its exit code and its one line. */
function usage(call: () => unknown): { code: number; line: string } {
  try {
    call();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { code: error.exitCode, line: [error.message, ...error.details].join('\n') };
  }
  throw new Error('expected a usage error');
}

describe('global flags', () => {
  it.each([
    [{ out: '' }, '--out: expected a directory, got nothing'],
    [{ out: 42 }, '--out: expected a directory'],
    [{ copilot: 'gpt' }, '--copilot: expected one of offline, anthropic, replay, got "gpt"'],
    [{ model: 'Claude Opus' }, '--model: expected a model id like claude-sonnet-5-5'],
    [{ cassette: '' }, '--cassette: expected the path of a cassette, got nothing'],
  ])('%o exits 64: %s', (flags, line) => {
    expect(usage(() => parseGlobalOptions({ ...GLOBALS, ...flags }))).toEqual({ code: ExitCode.usage, line });
  });

  it('takes good values as given, with colour and input on and --check off unless given', () => {
    expect(parseGlobalOptions({ ...GLOBALS, copilot: 'replay', cassette: 'a.jsonl' })).toEqual({
      ...GLOBALS,
      copilot: 'replay',
      cassette: 'a.jsonl',
      check: false,
      color: true,
      input: true,
    });
  });
});

describe('session command flags', () => {
  const interview = interviewKind(bundledKnowledge());

  it.each([
    [{ level: 'junior' }, '--level: expected one of mid, senior, staff, got "junior"'],
    [
      { timebox: '5m' },
      '--timebox: expected a timebox between 10 minutes and 3 hours, e.g. "45m" or "1h", got "5m"',
    ],
    [{ passMark: '101' }, '--pass-mark: expected a score from 0 to 100, got "101"'],
    [
      { problem: 'url-shortner' },
      '--problem: expected a problem id from the bank (mlops-design problems), got "url-shortner"',
    ],
    [{ answers: '' }, '--answers: expected the path of an answers file, got nothing'],
  ])('interview %o exits 64: %s', (flags, line) => {
    expect(usage(() => interview.options(flags))).toEqual({ code: ExitCode.usage, line });
  });

  it('interview flags become the answers they give and the pass mark the run is held to', () => {
    const options = interview.options({
      problem: 'url-shortener',
      level: 'staff',
      timebox: '1h',
      passMark: '70',
    });
    expect(options.presets).toEqual({
      'interview.problem': 'url-shortener',
      'interview.level': 'staff',
      'interview.timebox': '1h',
    });
    expect(options.save).toBe(true);
    expect(options.instead).toBeUndefined();
    expect(interview.options({ history: true }).instead).toBeTypeOf('function');
  });

  it('--random picks a problem of the --level', () => {
    const bank = bundledKnowledge().problems;
    for (let i = 0; i < 10; i++) {
      const picked = interview.options({ random: true, level: 'mid' }).presets['interview.problem'];
      expect(bank.find((problem) => problem.id === picked)?.level).toBe('mid');
    }
  });

  it('design takes --scope from its closed list', async () => {
    const design = await loadKind('design');
    expect(design.options({ scope: 'ml', save: false })).toEqual({ scope: 'ml', save: false, presets: {} });
    expect(usage(() => design.options({ scope: 'galaxy' }))).toEqual({
      code: ExitCode.usage,
      line: '--scope: expected one of system, ml, hybrid, got "galaxy"',
    });
  });
});

describe('the protocol registry', () => {
  it('names every protocol once, design first (the default command)', () => {
    expect(PROTOCOL_NAMES).toEqual(['design', 'pipeline', 'interview', 'lifecycle']);
    expect(DEFAULT_PROTOCOL).toBe('design');
    expect(new Set(PROTOCOL_NAMES).size).toBe(PROTOCOL_NAMES.length);
  });

  it.each(['design', 'pipeline', 'lifecycle'] as const)(
    'loads %s: a protocol and a kind under the same name',
    async (name) => {
      const protocol = await protocolOf(name);
      const kind = await REGISTRY[name].kind();
      expect(protocol.id).toBe(name);
      expect(kind.command).toBe(name);
      expect(kind.protocol).toBe(protocol);
      expect(REGISTRY[name].flags.map((flag) => flag.flags)).toContain('--answers <file>');
    },
  );

  it('refuses a name it does not have, with a usage error', () => {
    expect(usage(() => protocolOf('deploy'))).toEqual({
      code: ExitCode.usage,
      line: '`deploy` sessions are not supported by this version',
    });
  });

  it('is the list the answers file and the session record accept', () => {
    const file = { version: 1, title: 'T', answers: {} };
    for (const command of PROTOCOL_NAMES)
      expect(answersFileSchema.safeParse({ ...file, command }).success, command).toBe(true);
    expect(answersFileSchema.safeParse({ ...file, command: 'deploy' }).success).toBe(false);
    const command = sessionRecordSchema.shape.command;
    for (const name of PROTOCOL_NAMES) expect(command.safeParse(name).success, name).toBe(true);
    expect(command.safeParse('deploy').success).toBe(false);
  });
});
