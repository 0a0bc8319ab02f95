/**
 * The exit-code matrix: bad inputs as a user meets them, one per row, each in its own temporary
 * directory. Every row asserts the contract's exact exit code, a first stderr line that starts with
 * "mlops-design: " and names the problem (the file and key, the flag or the path), no stack trace,
 * nothing on stdout, and nothing written: the whole temporary directory (answers, --out, session
 * state) is byte for byte what it was before the run, apart from the moves a row expects (an invalid
 * session is moved aside, unchanged), and no temp file is left anywhere.
 */
import { spawn } from 'node:child_process';
import {
  linkSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  BIN,
  assertBuilt,
  cliEnv,
  examplePath,
  runCli,
  stackFrames,
  tempDirs,
  type CliResult,
  type RunOptions,
} from './support/run-cli.js';
import { snapshot } from '../support/tree.js';

const temp = tempDirs('exit-matrix');
const PASTEBIN_PATH = examplePath('pastebin');
const PASTEBIN = readFileSync(PASTEBIN_PATH, 'utf8');
const CHURN = readFileSync(join(dirname(PASTEBIN_PATH), 'pipeline-churn.yaml'), 'utf8');
const STRONG = readFileSync(join(dirname(PASTEBIN_PATH), 'interview-strong.yaml'), 'utf8');

beforeAll(() => {
  assertBuilt();
});

afterAll(() => {
  temp.removeAll();
});

/** A literal string as a regular-expression fragment. */
const esc = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The first stderr line: the program's prefix, then `body` (a regular-expression fragment). */
const first = (body: string): RegExp => new RegExp(`^mlops-design: ${body}`);

/** The pastebin example with one edit; fails loudly when the edit does not apply. */
function pastebin(from: string | RegExp, to: string): string {
  const text = PASTEBIN.replace(from, to);
  if (text === PASTEBIN) throw new Error(`the edit ${String(from)} did not change the pastebin example`);
  return text;
}

/** The pastebin example as JSON, for the JSON rows. */
const pastebinJson = (): string => JSON.stringify(parseYaml(PASTEBIN), null, 2);

/** Deterministic "random" bytes with NULs in them: a binary file that is the same on every run. */
function binaryBytes(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let seed = 0x2545f491;
  for (let i = 0; i < length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    bytes[i] = i % 16 === 0 ? 0 : seed >>> 24;
  }
  return bytes;
}

/** About 10 MB of YAML-shaped text: a valid header and some 150,000 answers under made-up ids. */
function tenMegabytesOfYaml(): string {
  const lines = ['version: 1', 'title: Big', 'scope: system', 'answers:'];
  let size = 0;
  for (let i = 0; size < 10 * 1024 * 1024; i++) {
    const line = `  notes.item-${i}: some free text that pads the file out to ten megabytes`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

/**
 * runCli, but a run that outlives `timeoutMs` is killed with SIGKILL: the CLI handles SIGTERM in
 * JavaScript, which cannot run while the event loop is blocked (a parse that never ends), so
 * runCli's SIGTERM would leave the row waiting for the process to finish on its own.
 */
function runCliKilledAfter(
  args: readonly string[],
  options: RunOptions,
  timeoutMs: number,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: cliEnv(options.cwd, options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/**
 * What a temp file of a staged write, a backup, an editor's file or the session store's temp file
 * would be called: none may appear in a failed run.
 */
const TEMP_FILE = /(^|\/)\.?system_design\.md\.|\.tmp$|~$|\.json\.[0-9a-f]+$/;

interface Prepared {
  readonly args: readonly string[];
  /** The whole first line of stderr. */
  readonly first: RegExp;
  /** Further lines that must each match some line of stderr (the detail naming the key). */
  readonly lines?: readonly RegExp[];
  /** The first line is all there is on stderr (a bad flag value: one line, no hint). */
  readonly oneLine?: boolean;
  /** Paths (relative to the case's directory) the run moves, unchanged: from -> to. */
  readonly moves?: Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs?: number;
  /** The run must end within this many milliseconds. */
  readonly withinMs?: number;
}

interface Case {
  readonly name: string;
  readonly code: number;
  /** Writes the case's files into `dir` (which already holds an empty `out/`) and says what to run. */
  readonly prepare: (dir: string) => Prepared | Promise<Prepared>;
}

/** `design --answers <file> --out out`, with the answers file written first. */
function answersRow(
  file: string,
  content: string | Buffer,
  extra: Omit<Prepared, 'args'>,
  flags: string[] = [],
) {
  return (dir: string): Prepared => {
    writeFileSync(join(dir, file), content);
    return { args: ['design', '--answers', file, '--out', 'out', ...flags], ...extra };
  };
}

/** A 65 row: a summary line naming the file, and a detail line naming the file and the key. */
function badAnswers(
  name: string,
  file: string,
  content: string | Buffer,
  detail: string,
  flags: string[] = [],
): Case {
  return {
    name,
    code: 65,
    prepare: answersRow(
      file,
      content,
      { first: first(`${esc(file)}: `), lines: [new RegExp(`^ {2}${esc(file)}: ${detail}`)] },
      flags,
    ),
  };
}

/** A 64 row: a bad flag value, reported in exactly one line (the whole of `line`). */
function badFlag(name: string, args: readonly string[], line: string): Case {
  return { name, code: 64, prepare: () => ({ args, first: first(`${esc(line)}$`), oneLine: true }) };
}

/** Runs a scripted design to its document (out: `doc/`), so that `state/` holds one finished session. */
async function savedSession(
  dir: string,
): Promise<{ id: string; file: string; record: Record<string, unknown> }> {
  mkdirSync(join(dir, 'doc'));
  const made = await runCli(['design', '--answers', PASTEBIN_PATH, '--out', 'doc'], {
    cwd: dir,
    env: { MLOPS_DESIGN_STATE_DIR: join(dir, 'state') },
  });
  if (made.code !== 0) throw new Error(`the scripted design failed (${made.code}):\n${made.stderr}`);
  const names = readdirSync(join(dir, 'state')).filter((name) => name.endsWith('.json'));
  if (names.length !== 1 || names[0] === undefined)
    throw new Error(`expected one session, found ${names.join(', ')}`);
  const file = `state/${names[0]}`;
  const record = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
  return { id: names[0].slice(0, -'.json'.length), file, record };
}

/** The saved session, edited back to unfinished (as if stopped at approval), with its document removed. */
async function unfinishedSession(
  dir: string,
): Promise<{ id: string; file: string; record: Record<string, unknown> }> {
  const session = await savedSession(dir);
  const record = { ...session.record, finished: false, position: 'approval' };
  writeFileSync(join(dir, session.file), `${JSON.stringify(record, null, 2)}\n`);
  rmSync(join(dir, 'doc', 'system_design.md'));
  return { ...session, record };
}

/**
 * An unfinished session that stopped before `id` (its answer removed, the session waiting there),
 * and an answers file for what is left: the pastebin example with one edit.
 */
async function stoppedBefore(dir: string, id: string, from: string | RegExp, to: string): Promise<Prepared> {
  const { id: session, file, record } = await unfinishedSession(dir);
  const state = record.state as { answers: Record<string, unknown> };
  if (!(id in state.answers)) throw new Error(`the saved session has no answer ${id}`);
  const answers = Object.fromEntries(Object.entries(state.answers).filter(([key]) => key !== id));
  const stopped = { ...record, position: id, state: { ...state, answers } };
  writeFileSync(join(dir, file), `${JSON.stringify(stopped, null, 2)}\n`);
  writeFileSync(join(dir, 'rest.yaml'), pastebin(from, to));
  return {
    args: ['resume', session, '--answers', 'rest.yaml'],
    first: first('rest\\.yaml: 1 problem\\(s\\); nothing was written$'),
  };
}

const CASES: readonly Case[] = [
  // --- The answers file: syntax and shape (65) ---
  {
    name: 'malformed YAML',
    code: 65,
    prepare: answersRow('answers.yaml', 'version: 1\ntitle: [unclosed\n  answers: {\n', {
      first: first('answers\\.yaml: not valid YAML: \\S'),
    }),
  },
  {
    name: 'JSON answers with a trailing comma',
    code: 65,
    prepare: answersRow('answers.json', pastebinJson().replace(/("approval": "yes")\n/, '$1,\n'), {
      first: first('answers\\.json: not valid JSON: \\S'),
    }),
  },
  badAnswers(
    'answers as a list',
    'answers.yaml',
    '- requirements.latency: P99 200ms\n- approval: yes\n',
    'expected a mapping',
  ),
  badAnswers(
    'title as a mapping',
    'answers.yaml',
    pastebin(/^title: Pastebin$/m, 'title:\n  name: Pastebin'),
    'title: .*expected string',
  ),
  badAnswers('version: 2', 'answers.yaml', pastebin(/^version: 1$/m, 'version: 2'), 'version: .*expected 1'),
  badAnswers(
    'an unknown top-level key',
    'answers.yaml',
    pastebin(/^title: Pastebin$/m, 'title: Pastebin\nauthor: me'),
    'author: unknown key; expected one of version, command, title, scope, answers, followups',
  ),
  badAnswers(
    'an unknown id close to a real one',
    'answers.yaml',
    pastebin('estimation.retention:', 'estimation.retnetion:'),
    'answers\\.estimation\\.retnetion: unknown question id.*did you mean "estimation\\.retention"',
  ),
  badAnswers(
    'a computed id given as an answer',
    'answers.yaml',
    pastebin('  approval: yes', '  estimation.numbers: 42\n  approval: yes'),
    'answers\\.estimation\\.numbers: is computed from the answers, not answered',
  ),
  badAnswers(
    'a missing required id',
    'answers.yaml',
    pastebin(/^ {2}estimation\.retention:.*\n/m, ''),
    'answers\\.estimation\\.retention: missing',
  ),
  {
    name: 'a YAML key given twice',
    code: 65,
    prepare: answersRow(
      'answers.yaml',
      pastebin('  approval: yes', '  requirements.latency: P99 5s\n  approval: yes'),
      { first: first('answers\\.yaml: not valid YAML: .*unique') },
    ),
  },
  {
    // The YAML row above is refused ("Map keys must be unique"); JSON must not silently keep the last one.
    name: 'a JSON key given twice',
    code: 65,
    prepare: answersRow(
      'answers.json',
      pastebinJson().replace(
        /("requirements\.latency": "[^"]*",\n)/,
        '$1    "requirements.latency": "P99 5s",\n',
      ),
      { first: first('answers\\.json: .*requirements\\.latency|answers\\.json: .*(duplicate|twice|unique)') },
    ),
  },
  badAnswers(
    'command: interview given to design',
    'answers.yaml',
    pastebin('command: design', 'command: interview'),
    'command: this file is for `interview`',
  ),
  badAnswers(
    'approval: no',
    'answers.yaml',
    pastebin('approval: yes', 'approval: no'),
    'answers\\.approval: ',
  ),
  badAnswers(
    'a title of 81 characters',
    'answers.yaml',
    pastebin(/^title: Pastebin$/m, `title: ${'x'.repeat(81)}`),
    'title: .*80',
  ),
  {
    name: 'an alias bomb (billion laughs)',
    code: 65,
    prepare: answersRow(
      'answers.yaml',
      [
        'version: 1',
        'title: Laughs',
        'scope: system',
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        ...['b', 'c', 'd', 'e', 'f', 'g'].map(
          (name, i) =>
            `${name}: &${name} [${Array(9)
              .fill(`*${'abcdef'[i] ?? 'a'}`)
              .join(',')}]`,
        ),
        'answers:',
        '  requirements.functional: *g',
        '',
      ].join('\n'),
      { first: first('answers\\.yaml: not valid YAML: .*alias') },
    ),
  },
  badAnswers(
    '--scope ml on a system answers file',
    'answers.yaml',
    PASTEBIN,
    'answers\\.requirements\\.problem: missing',
    ['--scope', 'ml'],
  ),

  // --- Answers that fail their parser (65) ---
  ...(
    [
      ['estimation.write-size: 10KB', 'estimation.write-size: lots', 'estimation\\.write-size: .*"lots"'],
      [
        'estimation.write-size: 10KB',
        'estimation.write-size: 10 parsecs',
        'estimation\\.write-size: .*"10 parsecs"',
      ],
      [
        'requirements.latency: P50 30ms, P99 200ms',
        'requirements.latency: fast',
        'requirements\\.latency: .*"fast"',
      ],
      [
        'requirements.availability: 99.9%',
        'requirements.availability: 150%',
        'requirements\\.availability: .*"150%"',
      ],
      ['estimation.retention: 5y', 'estimation.retention: -3y', 'estimation\\.retention: .*"-3y"'],
      ['estimation.peak-factor: 3', 'estimation.peak-factor: 0', 'estimation\\.peak-factor: .*"0"'],
      ['estimation.replication: 3', 'estimation.replication: 11', 'estimation\\.replication: .*"11"'],
      ['estimation.writes: 1M/day', 'estimation.writes: -5/day', 'estimation\\.writes: .*"-5/day"'],
    ] as const
  ).map(([from, to, detail]) =>
    badAnswers(`answer ${to}`, 'answers.yaml', pastebin(from, to), `answers\\.${detail}`),
  ),

  // --- Files that are not answers files ---
  badAnswers('an empty file', 'answers.yaml', '', 'expected a mapping'),
  {
    name: 'a binary file (bytes with NULs)',
    code: 65,
    prepare: answersRow('answers.yaml', binaryBytes(4096), { first: first('answers\\.yaml: ') }),
  },
  {
    name: 'a 10 MB file fails quickly',
    code: 65,
    prepare: answersRow('answers.yaml', tenMegabytesOfYaml(), {
      first: first('answers\\.yaml: '),
      timeoutMs: 10_000,
      withinMs: 8_000,
    }),
  },
  {
    name: 'a missing answers file',
    code: 66,
    prepare: () => ({
      args: ['design', '--answers', 'nowhere.yaml', '--out', 'out'],
      first: first('nowhere\\.yaml: answers file not found$'),
    }),
  },
  {
    name: 'a directory as --answers',
    code: 66,
    prepare: (dir) => {
      mkdirSync(join(dir, 'answers-dir'));
      return {
        args: ['design', '--answers', 'answers-dir', '--out', 'out'],
        first: first('answers-dir: is a directory'),
      };
    },
  },
  {
    name: 'a symlink loop as --answers',
    code: 66,
    prepare: (dir) => {
      symlinkSync('loop-b.yaml', join(dir, 'loop-a.yaml'));
      symlinkSync('loop-a.yaml', join(dir, 'loop-b.yaml'));
      return {
        args: ['design', '--answers', 'loop-a.yaml', '--out', 'out'],
        first: first('loop-a\\.yaml: '),
      };
    },
  },

  // --- Where the document goes ---
  {
    name: '--out a directory that does not exist',
    code: 64,
    prepare: (dir) => ({
      args: ['design', '--answers', PASTEBIN_PATH, '--out', 'no-such-dir'],
      first: first(`--out ${esc(join(realpathSync(dir), 'no-such-dir'))}: no such directory`),
    }),
  },
  {
    name: '--out a regular file',
    code: 64,
    prepare: (dir) => {
      writeFileSync(join(dir, 'a-file'), 'not a directory\n');
      return {
        args: ['design', '--answers', PASTEBIN_PATH, '--out', 'a-file'],
        first: first(`--out ${esc(join(realpathSync(dir), 'a-file'))}: is a file`),
      };
    },
  },
  {
    name: '--out given as an empty string',
    code: 64,
    prepare: () => ({
      args: ['design', '--answers', PASTEBIN_PATH, '--out', ''],
      first: first('--out: expected a directory, got nothing$'),
      oneLine: true,
    }),
  },
  {
    name: 'an existing system_design.md without --force',
    code: 73,
    prepare: (dir) => {
      writeFileSync(join(dir, 'out', 'system_design.md'), 'my own notes, not to be lost\n');
      return {
        args: ['design', '--answers', PASTEBIN_PATH, '--out', 'out'],
        first: first(`${esc(join(realpathSync(dir), 'out', 'system_design.md'))} already exists$`),
        lines: [/--force/],
      };
    },
  },
  {
    name: 'system_design.md is a directory inside --out',
    code: 64,
    prepare: (dir) => {
      mkdirSync(join(dir, 'out', 'system_design.md'));
      return {
        args: ['design', '--answers', PASTEBIN_PATH, '--out', 'out', '--force'],
        first: first(`${esc(join(realpathSync(dir), 'out', 'system_design.md'))}: is a directory`),
      };
    },
  },
  // Never written through: a link, a hard link, or a records folder that leads outside --out. The
  // file the link points at lies outside --out, in the case's directory, which must not change.
  {
    name: 'system_design.md is a symbolic link to a file outside --out',
    code: 73,
    prepare: (dir) => {
      writeFileSync(join(dir, 'precious.md'), 'not to be overwritten\n');
      symlinkSync('../precious.md', join(dir, 'out', 'system_design.md'));
      return {
        args: ['design', '--answers', PASTEBIN_PATH, '--out', 'out', '--force'],
        first: first(
          `${esc(join(realpathSync(dir), 'out', 'system_design.md'))} is a symbolic link; mlops-design never writes through one$`,
        ),
      };
    },
  },
  {
    name: 'system_design.md is a hard link to a file outside --out',
    code: 73,
    prepare: (dir) => {
      writeFileSync(join(dir, 'precious.md'), 'not to be overwritten\n');
      linkSync(join(dir, 'precious.md'), join(dir, 'out', 'system_design.md'));
      return {
        args: ['design', '--answers', PASTEBIN_PATH, '--out', 'out', '--force'],
        first: first(
          `${esc(join(realpathSync(dir), 'out', 'system_design.md'))} is a hard link \\(one of 2 names for the same file\\); mlops-design never writes through one$`,
        ),
      };
    },
  },
  ...(['symbolic link', 'hard link'] as const).map((kind): Case => ({
    // --force keeps an edited document under the next numbered backup; a backup that is a link is
    // suspect (the names under --out no longer say what they hold), so the run stops before writing.
    name: `--force when system_design.md.~1~ is a ${kind} to a file outside --out`,
    code: 73,
    prepare: (dir) => {
      writeFileSync(join(dir, 'precious.md'), 'not to be overwritten\n');
      writeFileSync(join(dir, 'out', 'system_design.md'), 'my own notes\n');
      const backup = join(dir, 'out', 'system_design.md.~1~');
      if (kind === 'symbolic link') symlinkSync('../precious.md', backup);
      else linkSync(join(dir, 'precious.md'), backup);
      return {
        args: ['design', '--answers', PASTEBIN_PATH, '--out', 'out', '--force'],
        first: first(`${esc(join(realpathSync(dir), 'out', 'system_design.md.~1~'))} is a ${kind}`),
      };
    },
  })),
  {
    name: 'the records folder out/.mlops-design is a symbolic link to a folder outside --out',
    code: 73,
    prepare: (dir) => {
      mkdirSync(join(dir, 'elsewhere'));
      symlinkSync('../elsewhere', join(dir, 'out', '.mlops-design'));
      const out = join(realpathSync(dir), 'out');
      return {
        args: ['design', '--answers', PASTEBIN_PATH, '--out', 'out'],
        first: first(
          `${esc(join(out, '.mlops-design', 'manifest.json'))} cannot be created: ${esc(join(out, '.mlops-design'))} is a symbolic link that leads outside --out ${esc(out)}$`,
        ),
      };
    },
  },
  {
    name: 'system_design.md.~1~ is a directory when --force would keep an edited document',
    code: 73,
    prepare: (dir) => {
      writeFileSync(join(dir, 'out', 'system_design.md'), 'my own notes\n');
      mkdirSync(join(dir, 'out', 'system_design.md.~1~'));
      return {
        args: ['design', '--answers', PASTEBIN_PATH, '--out', 'out', '--force'],
        first: first(`${esc(join(realpathSync(dir), 'out', 'system_design.md.~1~'))} is not a regular file`),
      };
    },
  },

  // --- Flags ---
  {
    name: 'an unknown flag',
    code: 64,
    prepare: () => ({
      args: ['design', '--answers', PASTEBIN_PATH, '--out', 'out', '--verbose'],
      first: first(".*unknown option '--verbose'"),
    }),
  },
  {
    name: '--scope galaxy',
    code: 64,
    prepare: () => ({
      args: ['design', '--answers', PASTEBIN_PATH, '--out', 'out', '--scope', 'galaxy'],
      first: first('--scope: expected one of system, ml, hybrid, got "galaxy"$'),
      oneLine: true,
    }),
  },
  {
    name: '--copilot gpt',
    code: 64,
    prepare: () => ({
      args: ['design', '--answers', PASTEBIN_PATH, '--out', 'out', '--copilot', 'gpt'],
      first: first('--copilot: expected one of offline, anthropic, replay, got "gpt"$'),
      oneLine: true,
    }),
  },
  {
    name: 'a misspelt command (valdate)',
    code: 64,
    prepare: () => ({ args: ['valdate', PASTEBIN_PATH], first: first('.*valdate') }),
  },
  {
    name: '--copilot anthropic without a key',
    code: 78,
    prepare: () => ({
      args: ['design', '--answers', PASTEBIN_PATH, '--out', 'out', '--copilot', 'anthropic'],
      first: first('.*Anthropic'),
    }),
  },
  {
    name: 'design without --answers under CI',
    code: 64,
    prepare: () => ({
      args: ['design', '--out', 'out'],
      first: first('no terminal to ask questions on \\(CI is set\\)'),
      lines: [/--answers/],
    }),
  },
  {
    name: 'design --no-input without --answers (CI unset)',
    code: 64,
    prepare: () => ({
      args: ['design', '--no-input', '--out', 'out'],
      first: first('.*--no-input'),
      lines: [/--answers/],
      env: { CI: undefined },
    }),
  },

  // --- validate ---
  {
    name: 'validate a missing file',
    code: 66,
    prepare: () => ({
      args: ['validate', 'nowhere.yaml'],
      first: first('nowhere\\.yaml: answers file not found$'),
    }),
  },
  {
    name: 'validate a file that is not YAML',
    code: 65,
    prepare: (dir) => {
      writeFileSync(
        join(dir, 'answers.yaml'),
        pastebin(/^title: Pastebin$/m, 'title: Pastebin\ntitle: Again'),
      );
      return { args: ['validate', 'answers.yaml'], first: first('answers\\.yaml: not valid YAML: .*unique') };
    },
  },

  // --- estimate ---
  {
    name: 'estimate with a bad flag value',
    code: 64,
    prepare: () => ({
      args: ['estimate', '--writes', '10M/day', '--retention', 'a while'],
      first: first('--retention: .*"a while"'),
    }),
  },
  {
    name: 'estimate with a negative flag value',
    code: 64,
    prepare: () => ({
      args: ['estimate', '--writes', '10M/day', '--replication', '-1'],
      first: first('--replication: .*-1'),
    }),
  },
  {
    name: 'estimate with no inputs',
    code: 64,
    prepare: () => ({ args: ['estimate'], first: first('nothing to estimate') }),
  },
  {
    name: 'estimate --spec with an unknown key',
    code: 65,
    prepare: (dir) => {
      writeFileSync(join(dir, 'spec.yaml'), 'writes: 10M/day\nwrtes: 5\n');
      return {
        args: ['estimate', '--spec', 'spec.yaml'],
        first: first('spec\\.yaml: wrtes: unknown input \\(did you mean "writes"\\?\\)'),
      };
    },
  },
  {
    name: 'estimate --spec with a value out of range',
    code: 65,
    prepare: (dir) => {
      writeFileSync(join(dir, 'spec.yaml'), 'writes: 10M/day\nwrite_size: 1KB\nreplication: 0\n');
      return { args: ['estimate', '--spec', 'spec.yaml'], first: first('spec\\.yaml: replication: .*0') };
    },
  },
  {
    name: 'estimate --spec a missing file',
    code: 66,
    prepare: () => ({
      args: ['estimate', '--spec', 'nowhere.yaml'],
      first: first('nowhere\\.yaml: spec file not found$'),
    }),
  },

  // --- resume ---
  {
    name: 'resume with both an id and --last',
    code: 64,
    prepare: () => ({
      args: ['resume', 'some-id', '--last'],
      first: first('give a session id or --last, not both'),
    }),
  },
  {
    name: 'resume with neither an id nor --last',
    code: 64,
    prepare: () => ({ args: ['resume'], first: first('which session\\?') }),
  },
  {
    name: 'resume a path instead of an id',
    code: 64,
    prepare: () => ({
      args: ['resume', '../../etc/passwd'],
      first: first('"\\.\\./\\.\\./etc/passwd" is not a session id'),
    }),
  },
  {
    name: 'resume an unknown id',
    code: 66,
    prepare: () => ({
      args: ['resume', '20260101-000000-abcd'],
      first: first('no saved session 20260101-000000-abcd in '),
    }),
  },
  {
    name: 'resume --last with no saved session',
    code: 66,
    prepare: () => ({ args: ['resume', '--last'], first: first('no unfinished session in ') }),
  },
  {
    name: 'resume a finished session',
    code: 64,
    prepare: async (dir) => {
      const { id } = await savedSession(dir);
      return { args: ['resume', id], first: first(`session ${esc(id)} is finished`) };
    },
  },
  ...(
    [
      [
        'from a newer version ("version": 99)',
        (text: string) => text.replace('"version": 1,', '"version": 99,'),
      ],
      ['truncated', (text: string) => text.slice(0, Math.floor(text.length / 2))],
      [
        'with an answer edited to one that does not parse',
        (text: string) => text.replace('"raw": "P50 30ms, P99 200ms"', '"raw": "fast"'),
      ],
    ] as const
  ).map(([how, edit]): Case => ({
    name: `resume a session file ${how}`,
    code: 65,
    prepare: async (dir) => {
      const { id, file } = await unfinishedSession(dir);
      const text = readFileSync(join(dir, file), 'utf8');
      const edited = edit(text);
      if (edited === text) throw new Error(`the edit "${how}" did not change the session file`);
      writeFileSync(join(dir, file), edited);
      return {
        args: ['resume', id],
        first: first(`session ${esc(id)} cannot be resumed: `),
        lines: [new RegExp(`moved, unchanged, to .*${esc(`state/invalid/${id}.json`)}`)],
        moves: { [file]: `state/invalid/${id}.json` },
      };
    },
  })),
  {
    // A copy of a session under another name (to branch it) names the original's id inside: resuming
    // the copy must not write into the original's file.
    name: 'resume a session file whose id does not match its name',
    code: 65,
    prepare: async (dir) => {
      const { record } = await unfinishedSession(dir);
      const copy = '20990101-000000-copy';
      writeFileSync(join(dir, 'state', `${copy}.json`), `${JSON.stringify(record, null, 2)}\n`);
      return {
        args: ['resume', copy, '--answers', PASTEBIN_PATH],
        first: first(`session ${copy} cannot be resumed: `),
        moves: { [`state/${copy}.json`]: `state/invalid/${copy}.json` },
      };
    },
  },
  {
    name: 'resume an unfinished session under CI without --answers',
    code: 64,
    prepare: async (dir) => {
      const { id } = await unfinishedSession(dir);
      return { args: ['resume', id], first: first('no terminal to ask questions on'), lines: [/--answers/] };
    },
  },
  {
    name: 'resume an unfinished session whose document now exists',
    code: 73,
    prepare: async (dir) => {
      const { id } = await unfinishedSession(dir);
      writeFileSync(join(dir, 'doc', 'system_design.md'), 'written by hand meanwhile\n');
      return {
        args: ['resume', id, '--answers', PASTEBIN_PATH],
        first: first(`${esc(join(realpathSync(dir), 'doc', 'system_design.md'))} already exists$`),
      };
    },
  },
  // resume --answers checks its whole file against what the session still needs, before the first
  // question: the saved session is left byte for byte as it was.
  {
    name: 'resume --answers without an answer the session still needs',
    code: 65,
    prepare: async (dir) => ({
      ...(await stoppedBefore(dir, 'operations.degradation', /^ {2}operations\.degradation:.*\n/m, '')),
      lines: [/^ {2}rest\.yaml: answers\.operations\.degradation: missing; the session asks: /],
    }),
  },
  {
    name: 'resume --answers with a remaining answer that does not parse',
    code: 65,
    prepare: async (dir) => ({
      ...(await stoppedBefore(
        dir,
        'high-level.access-key',
        'high-level.access-key: short_code',
        'high-level.access-key: the short code, mostly',
      )),
      lines: [/^ {2}rest\.yaml: answers\.high-level\.access-key: expected one key name like "user_id"/],
    }),
  },
  {
    name: 'resume --answers with a file for another command',
    code: 65,
    prepare: async (dir) => ({
      ...(await stoppedBefore(dir, 'operations.degradation', 'command: design', 'command: pipeline')),
      lines: [/^ {2}rest\.yaml: command: this file is for `pipeline`, but it was given to `design`/],
    }),
  },
  {
    name: 'resume with a missing --answers file',
    code: 66,
    prepare: async (dir) => {
      const { id } = await unfinishedSession(dir);
      return {
        args: ['resume', id, '--answers', 'nowhere.yaml'],
        first: first('nowhere\\.yaml: answers file not found$'),
      };
    },
  },

  // --- --json: the error goes to stderr only ---
  {
    name: 'design --json with a bad answers file',
    code: 65,
    prepare: answersRow(
      'answers.yaml',
      pastebin('requirements.latency: P50 30ms, P99 200ms', 'requirements.latency: fast'),
      {
        first: first('answers\\.yaml: '),
        lines: [/^ {2}answers\.yaml: answers\.requirements\.latency: .*"fast"/],
      },
      ['--json'],
    ),
  },
  {
    name: 'estimate --json with a bad flag value',
    code: 64,
    prepare: () => ({
      args: ['estimate', '--json', '--write-size', '10 parsecs'],
      first: first('--write-size: .*parsecs'),
    }),
  },

  // --- Pipeline scoping and interview practice ---
  {
    name: 'a pipeline answers file that gives a scope',
    code: 65,
    prepare: (dir) => {
      writeFileSync(
        join(dir, 'scoping.yaml'),
        CHURN.replace('command: pipeline\n', 'command: pipeline\nscope: ml\n'),
      );
      return {
        args: ['pipeline', '--answers', 'scoping.yaml', '--out', 'out'],
        first: first('scoping\\.yaml: '),
        lines: [/^ {2}scoping\.yaml: scope: `pipeline` sessions have no scope; remove the key/],
      };
    },
  },
  {
    name: 'an interview answers file naming a problem the bank lacks',
    code: 65,
    prepare: (dir) => {
      writeFileSync(
        join(dir, 'candidate.yaml'),
        STRONG.replace('interview.problem: url-shortener', 'interview.problem: url-shortner'),
      );
      return {
        args: ['interview', '--answers', 'candidate.yaml', '--out', 'out'],
        first: first('candidate\\.yaml: '),
        lines: [/^ {2}candidate\.yaml: answers\.interview\.problem: expected a problem id from the bank/],
      };
    },
  },
  {
    name: 'interview --pass-mark out of range',
    code: 64,
    prepare: () => ({
      args: ['interview', '--answers', 'none.yaml', '--pass-mark', '101'],
      first: first('--pass-mark: expected a score from 0 to 100, got "101"$'),
      oneLine: true,
    }),
  },
  {
    name: 'interview --timebox that is no duration',
    code: 64,
    prepare: () => ({
      args: ['interview', '--problem', 'chat', '--timebox', 'a while'],
      first: first('--timebox: expected a timebox between 10 minutes and 3 hours, .*got "a while"$'),
      oneLine: true,
    }),
  },
  badFlag(
    'interview --level that is no level, before any answers file is read',
    ['interview', '--answers', 'none.yaml', '--level', 'principal'],
    '--level: expected one of mid, senior, staff, got "principal"',
  ),
  badFlag(
    'questions --command that names no protocol',
    ['questions', '--command', 'deploy'],
    '--command: expected one of design, pipeline, interview, lifecycle, got "deploy"',
  ),
  badFlag(
    'estimate --spec given as an empty string',
    ['estimate', '--spec', ''],
    '--spec: expected the path of a spec file, got nothing',
  ),
  {
    name: 'problems --level that is no level',
    code: 64,
    prepare: () => ({
      args: ['problems', '--level', 'junior'],
      first: first('--level: expected one of mid, senior, staff, got "junior"$'),
      oneLine: true,
    }),
  },
];

describe.concurrent('exit-code matrix: every bad input fails cleanly with its exit code', () => {
  it('has at least 30 rows', ({ expect }) => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.for(CASES)('$name exits $code', async (row, { expect }) => {
    const dir = temp.make();
    mkdirSync(join(dir, 'out'));
    const prepared = await row.prepare(dir);
    const before = snapshot(dir);

    const started = Date.now();
    const options = { cwd: dir, ...(prepared.env ? { env: prepared.env } : {}) };
    const result =
      prepared.timeoutMs === undefined
        ? await runCli(prepared.args, options)
        : await runCliKilledAfter(prepared.args, options, prepared.timeoutMs);
    const elapsed = Date.now() - started;
    const context = `mlops-design ${prepared.args.join(' ')}\nstderr:\n${result.stderr.slice(0, 2000)}`;

    expect(result.code, context).toBe(row.code);
    if (prepared.withinMs !== undefined) expect(elapsed, context).toBeLessThan(prepared.withinMs);
    expect(result.stdout, context).toBe('');
    expect(stackFrames(result.stderr), context).toEqual([]);
    expect(result.stderr, context).not.toContain('internal error');

    const lines = result.stderr.split('\n').filter((line) => line.trim() !== '');
    const firstLine = lines[0] ?? '';
    expect(firstLine, context).toMatch(/^mlops-design: /);
    expect(firstLine, context).toMatch(prepared.first);
    if (prepared.oneLine) expect(lines, context).toEqual([firstLine]);
    for (const pattern of prepared.lines ?? []) {
      expect(
        lines.some((line) => pattern.test(line)),
        `a stderr line matching ${String(pattern)}\n${context}`,
      ).toBe(true);
    }

    // Nothing written: the directory is what it was, apart from the expected moves (content unchanged).
    const expected = new Map(before);
    for (const [from, to] of Object.entries(prepared.moves ?? {})) {
      const content = before.get(from);
      expect(content, `${from} existed before the run`).toBeDefined();
      expected.delete(from);
      for (let parent = dirname(to); parent !== '.'; parent = dirname(parent)) expected.set(parent, 'dir');
      expected.set(to, content ?? '');
    }
    const after = snapshot(dir);
    expect(
      [...after.keys()].filter((path) => TEMP_FILE.test(path) && !before.has(path)),
      context,
    ).toEqual([]);
    expect(Object.fromEntries([...after].sort()), context).toEqual(Object.fromEntries([...expected].sort()));
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(
      [...before.keys()]
        .filter((path) => /^out\/[^/]+$/.test(path))
        .map((path) => path.slice(4))
        .sort(),
    );
  });
});
