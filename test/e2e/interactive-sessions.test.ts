/* eslint-disable no-control-regex -- the colour tests look for escape sequences on purpose */
// Never losing the user's work, in a real pseudo-terminal: Ctrl-C, SIGTERM, a double SIGINT and EOF
// mid-session each leave one line and a saved session; `resume` continues at the exact question
// and finishes with the same document as an uninterrupted scripted run; --no-save saves nothing;
// colour reaches a terminal only when it should, and never a pipe or a written file.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KEY } from '../support/pty-keys.js';
import { ptyEnv, spawnPty, type PtySession } from '../support/pty-session.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'dist/bin.js');
const WAIT_MS = 15_000;

let home: string;
const running: PtySession[] = [];

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` first`);
});

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'mlops-design-sessions-'));
});

afterEach(() => {
  for (const run of running.splice(0)) run.dispose();
  rmSync(home, { recursive: true, force: true });
});

const hermeticEnv = (options: { colour?: boolean } = {}): Record<string, string> => ptyEnv(home, options);

function stateDir(): string {
  return join(home, 'state');
}

function emptyDir(name: string): string {
  const dir = join(home, name);
  mkdirSync(dir);
  return dir;
}

function pty(args: readonly string[], env: Record<string, string> = hermeticEnv()): PtySession {
  const run = spawnPty(process.execPath, [BIN, ...args], { cwd: home, env });
  running.push(run);
  return run;
}

/** Runs the CLI with stdin, stdout and stderr all pipes (no terminal anywhere). */
function piped(
  args: readonly string[],
  env: Record<string, string> = hermeticEnv(),
): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: home,
    env,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: WAIT_MS,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// ---------------------------------------------------------------------------------------------
// One table drives both the keyboard and the answers file, so the two runs cannot drift apart.

const TITLE = 'Pastebin';

type Row =
  | {
      readonly id: string;
      readonly kind: 'text';
      readonly prompt: RegExp;
      readonly typed: string;
      /** Enter on an empty line takes the question's default; the answers file then omits the id. */
      readonly usesDefault?: true;
    }
  | { readonly id: string; readonly kind: 'decision'; readonly prompt: RegExp; readonly choice: 'A' | 'B' };

const ROWS: readonly Row[] = [
  {
    id: 'requirements.functional',
    kind: 'text',
    prompt: /What must the system do\?/,
    typed:
      'A user pastes up to 1 MB of text and gets back a short URL within 200 ms; ' +
      'A visitor opens a short URL and sees the paste within 100 ms',
  },
  {
    id: 'requirements.scale',
    kind: 'text',
    prompt: /How many users or requests/,
    typed: '1M new pastes a day, 10x as many reads, growing 30% a year',
  },
  {
    id: 'requirements.latency',
    kind: 'text',
    prompt: /What response time is acceptable/,
    typed: 'P50 30ms, P99 200ms',
  },
  { id: 'requirements.availability', kind: 'text', prompt: /What availability target\?/, typed: '99.95%' },
  {
    id: 'requirements.consistency',
    kind: 'text',
    prompt: /Can a reader see stale data/,
    typed: 'eventual, a new paste readable within 1 s; the author reads their own paste at once',
  },
  {
    id: 'requirements.durability',
    kind: 'text',
    prompt: /Can any acknowledged data be lost\?/,
    typed: 'no acknowledged paste may be lost, RPO 0',
  },
  { id: 'requirements.team', kind: 'text', prompt: /How many engineers will build and run this/, typed: '3' },
  { id: 'estimation.users', kind: 'text', prompt: /How many daily active users\?/, typed: '2M' },
  { id: 'estimation.writes', kind: 'text', prompt: /How many writes/, typed: '1M/day' },
  { id: 'estimation.reads', kind: 'text', prompt: /How many reads:/, typed: '10:1' },
  { id: 'estimation.write-size', kind: 'text', prompt: /How large is one write/, typed: '10KB' },
  {
    id: 'estimation.read-size',
    kind: 'text',
    prompt: /How large is one read response\?/,
    typed: '',
    usesDefault: true,
  },
  { id: 'estimation.retention', kind: 'text', prompt: /How long is data kept\?/, typed: '5y' },
  { id: 'estimation.peak-factor', kind: 'text', prompt: /How much higher is the busiest hour/, typed: '3' },
  {
    id: 'estimation.replication',
    kind: 'text',
    prompt: /How many copies of the data are stored\?/,
    typed: '3',
  },
  // Issue 13: the first high-level decision is what kind of system this is.
  { id: 'high-level.archetype', kind: 'decision', prompt: /Which kind of system is this\?/, choice: 'A' },
  {
    id: 'high-level.access-key',
    kind: 'text',
    prompt: /Which key do most reads and writes look up by\?/,
    typed: 'short_code',
  },
  {
    id: 'high-level.architecture',
    kind: 'decision',
    prompt: /How should the application be split into deployable services\?/,
    choice: 'A',
  },
  {
    id: 'high-level.datastore',
    kind: 'decision',
    prompt: /Where does the system of record live\?/,
    choice: 'A',
  },
  { id: 'high-level.cache', kind: 'decision', prompt: /Should reads go through a cache\?/, choice: 'B' },
  {
    id: 'high-level.write-path',
    kind: 'decision',
    prompt: /Are writes applied synchronously or through a queue\?/,
    choice: 'A',
  },
  { id: 'deep-dive.focus', kind: 'decision', prompt: /Which components deserve a deep-dive\?/, choice: 'A' },
  { id: 'tradeoffs.consistency', kind: 'decision', prompt: /During a network partition/, choice: 'A' },
  {
    id: 'operations.deployment',
    kind: 'decision',
    prompt: /How are new versions rolled out and rolled back\?/,
    choice: 'A',
  },
  {
    id: 'operations.degradation',
    kind: 'text',
    prompt: /what do users get instead of an error/,
    typed:
      'Serve reads from the cache and read replicas; if the primary is down, creation returns 503 with ' +
      'Retry-After and a banner says new pastes are paused, for up to 5 minutes.',
  },
  // The cache (B above) goes against its own condition at 347/s reads: the self-check finds it, and
  // the finding is kept with a reason, which the resumed and the scripted document both record.
  {
    id: 'operations.keep-findings',
    kind: 'text',
    prompt: /Keep any finding anyway\?/,
    typed: 'contradicts-own-condition:high-level.cache: launch campaigns bring read bursts of 10x',
  },
];

const AVAILABILITY = ROWS.findIndex((row) => row.id === 'requirements.availability');

function answersFile(): string {
  const answers: Record<string, string> = {};
  for (const row of ROWS) {
    if (row.kind === 'decision') answers[row.id] = row.choice;
    else if (!row.usesDefault) answers[row.id] = row.typed;
  }
  answers.approval = 'yes';
  const path = join(home, 'answers.json');
  writeFileSync(
    path,
    JSON.stringify({ version: 1, command: 'design', title: TITLE, scope: 'system', answers }),
  );
  return path;
}

/** Waits until the prompt of `row` is live and waiting for input. */
async function atPrompt(run: PtySession, row: Row): Promise<void> {
  await run.waitFor(row.prompt, WAIT_MS);
  // A decision is a select: its last choice is only on screen once the prompt is live.
  if (row.kind === 'decision') await run.waitFor(/Something else \(type it\)/, WAIT_MS);
}

/** Answers the live prompt of `row` as a person would: type a line, or move the selection and press Enter. */
function typeRow(run: PtySession, row: Row): void {
  if (row.kind === 'text') run.answer(row.typed);
  else run.write(row.choice === 'A' ? KEY.enter : KEY.down + KEY.enter);
}

async function answerRow(run: PtySession, row: Row): Promise<void> {
  await atPrompt(run, row);
  typeRow(run, row);
}

/** Starts `design` and answers the title and the rows before `stopAt`; returns the session id. */
async function startDesign(run: PtySession, stopAt: number): Promise<string> {
  const started = await run.waitFor(/Session (\S+) · saved after every answer/, WAIT_MS);
  await run.waitFor(/What are we designing\?/, WAIT_MS);
  run.answer(TITLE);
  for (const row of ROWS.slice(0, stopAt)) await answerRow(run, row);
  const id = started[1];
  if (id === undefined) throw new Error('no session id on screen');
  return id;
}

function lastLine(run: PtySession): string {
  return run.screen.text.replace(/\r/g, '').trimEnd().split('\n').pop() ?? '';
}

function savedLine(id: string, what = 'Interrupted'): string {
  return `${what}. Session ${id} saved. Resume with: mlops-design resume ${id}`;
}

/** The first question asked after `marker` (inquirer's pending prompt line starts with "? "). */
function firstPromptAfter(run: PtySession, marker: string): string {
  const text = run.screen.text.replace(/\r/g, '');
  const from = text.indexOf(marker);
  expect(from, `"${marker}" is not on the screen:\n${run.screen.tail()}`).toBeGreaterThanOrEqual(0);
  return /^\? (.*)$/m.exec(text.slice(from))?.[1] ?? '';
}

function expectNoStackTrace(run: PtySession): void {
  const text = run.screen.text;
  expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(text).not.toMatch(/ExitPromptError|AbortPromptError|internal error/);
}

interface SavedRecord {
  readonly id: string;
  readonly finished: boolean;
  readonly position: string;
  readonly state: {
    readonly title: string;
    readonly answers: Record<string, { readonly raw: unknown }>;
    readonly decisions: Record<string, { readonly key?: string }>;
  };
}

function readSession(id: string): SavedRecord {
  return JSON.parse(readFileSync(join(stateDir(), `${id}.json`), 'utf8')) as SavedRecord;
}

/** The saved answers are exactly the rows before `stopAt`, as typed, and nothing after. */
function expectSavedUpTo(record: SavedRecord, stopAt: number): void {
  expect(record.finished).toBe(false);
  expect(record.state.title).toBe(TITLE);
  for (const row of ROWS.slice(0, stopAt)) {
    if (row.kind === 'text') expect(record.state.answers[row.id]?.raw, row.id).toBe(row.typed);
  }
  expect(Object.keys(record.state.answers)).not.toContain(ROWS[stopAt]?.id);
  expect(record.position).toBe(ROWS[stopAt]?.id);
}

// ---------------------------------------------------------------------------------------------

describe('interrupting a session in a pseudo-terminal', () => {
  it('Ctrl-C at a prompt saves the session; resume finishes it to the same document as a scripted run', async () => {
    const out = emptyDir('out');
    const first = pty(['design', '--scope', 'system', '--out', out]);
    const id = await startDesign(first, AVAILABILITY);
    await atPrompt(first, ROWS[AVAILABILITY] as Row);
    first.write(KEY.ctrlC);

    expect(await first.exited, first.screen.tail()).toBe(130);
    expect(lastLine(first)).toBe(savedLine(id));
    expectNoStackTrace(first);
    // No partial document and no temp file anywhere: the out dir is empty, the state dir holds the
    // session and nothing else, and the temp dir holds nothing but those two.
    expect(readdirSync(out)).toEqual([]);
    expect(readdirSync(stateDir())).toEqual([`${id}.json`]);
    expect(readdirSync(home).sort()).toEqual(['out', 'state']);
    expectSavedUpTo(readSession(id), AVAILABILITY);

    const second = pty(['resume', id]);
    await second.waitFor(new RegExp(`Resuming session ${id}`), WAIT_MS);
    await atPrompt(second, ROWS[AVAILABILITY] as Row);
    expect(firstPromptAfter(second, `Resuming session ${id}`)).toMatch(/^What availability target\?/);
    typeRow(second, ROWS[AVAILABILITY] as Row);
    for (const row of ROWS.slice(AVAILABILITY + 1)) await answerRow(second, row);
    await second.waitFor(/Write the document\?/, WAIT_MS);
    await second.waitFor(/Yes, write the document/, WAIT_MS);
    second.write(KEY.enter);
    expect(await second.exited, second.screen.tail()).toBe(0);
    expectNoStackTrace(second);

    const document = join(out, 'system_design.md');
    expect(readdirSync(out).sort()).toEqual(['.mlops-design', 'system_design.md']);
    expect(second.screen.text).toContain(document);

    const sessions = piped(['sessions', '--json']);
    expect(sessions.code, sessions.stderr).toBe(0);
    const listed = (
      JSON.parse(sessions.stdout) as { sessions: { id: string; finished: boolean; title: string }[] }
    ).sessions.find((row) => row.id === id);
    expect(listed).toMatchObject({ id, finished: true, title: TITLE });
    const finished = readSession(id);
    expect(finished.finished).toBe(true);
    // The keys pressed chose what the table says (B included), so the file below says the same.
    for (const row of ROWS) {
      if (row.kind === 'decision') expect(finished.state.decisions[row.id]?.key, row.id).toBe(row.choice);
    }

    // The same answers from a file, with no terminal at all, give the same bytes.
    const scriptedOut = emptyDir('scripted');
    const scripted = piped(['design', '--answers', answersFile(), '--out', scriptedOut]);
    expect(scripted.code, scripted.stderr).toBe(0);
    const resumed = readFileSync(document);
    expect(resumed.length).toBeGreaterThan(1_000);
    expect(resumed.equals(readFileSync(join(scriptedOut, 'system_design.md')))).toBe(true);
    expect(resumed.toString('utf8')).toContain(
      'Kept by the team: launch campaigns bring read bursts of 10x.',
    );
  });

  it('SIGTERM while a prompt waits exits 143 with the session saved; resume --last starts at that question', async () => {
    const out = emptyDir('out');
    const first = pty(['design', '--scope', 'system', '--out', out]);
    const id = await startDesign(first, AVAILABILITY);
    await atPrompt(first, ROWS[AVAILABILITY] as Row);
    process.kill(first.pid, 'SIGTERM');

    expect(await first.exited, first.screen.tail()).toBe(143);
    expect(lastLine(first)).toBe(savedLine(id));
    expectNoStackTrace(first);
    expect(readdirSync(out)).toEqual([]);
    expectSavedUpTo(readSession(id), AVAILABILITY);

    const second = pty(['resume', '--last']);
    await second.waitFor(new RegExp(`Resuming session ${id}`), WAIT_MS);
    await atPrompt(second, ROWS[AVAILABILITY] as Row);
    expect(firstPromptAfter(second, `Resuming session ${id}`)).toMatch(/^What availability target\?/);
    second.write(KEY.ctrlC);
    expect(await second.exited, second.screen.tail()).toBe(130);
    expect(lastLine(second)).toBe(savedLine(id));
  });

  it('two SIGINTs in quick succession exit 130 with the session saved', async () => {
    const out = emptyDir('out');
    const run = pty(['design', '--scope', 'system', '--out', out]);
    const id = await startDesign(run, AVAILABILITY);
    await atPrompt(run, ROWS[AVAILABILITY] as Row);
    process.kill(run.pid, 'SIGINT');
    process.kill(run.pid, 'SIGINT');

    expect(await run.exited, run.screen.tail()).toBe(130);
    expectNoStackTrace(run);
    expect(readdirSync(out)).toEqual([]);
    expect(readdirSync(stateDir())).toEqual([`${id}.json`]);
    expectSavedUpTo(readSession(id), AVAILABILITY);
  });

  it('Ctrl-D (end of input) at an empty prompt exits non-zero with the answers so far saved', async () => {
    const out = emptyDir('out');
    const run = pty(['design', '--scope', 'system', '--out', out]);
    const id = await startDesign(run, AVAILABILITY);
    await atPrompt(run, ROWS[AVAILABILITY] as Row);
    run.write('\u0004');

    const code = await run.exited;
    expect(code, run.screen.tail()).not.toBe(0);
    // The CLI says "Input ended." when it can tell EOF from Ctrl-C, "Interrupted." when it cannot.
    expect([savedLine(id, 'Input ended'), savedLine(id, 'Interrupted')]).toContain(lastLine(run));
    expectNoStackTrace(run);
    expect(readdirSync(out)).toEqual([]);
    expectSavedUpTo(readSession(id), AVAILABILITY);
  });

  it('Ctrl-C at the title, before the first question, exits 130 saying there is nothing to save', async () => {
    const out = emptyDir('out');
    const run = pty(['design', '--scope', 'system', '--out', out]);
    await run.waitFor(/What are we designing\?/, WAIT_MS);
    run.write(KEY.ctrlC);

    expect(await run.exited, run.screen.tail()).toBe(130);
    expect(lastLine(run)).toBe('Interrupted before the first question; nothing to save.');
    expectNoStackTrace(run);
    expect(readdirSync(out)).toEqual([]);
    expect(existsSync(stateDir()) ? readdirSync(stateDir()) : []).toEqual([]);
  });

  it('--no-save: Ctrl-C exits 130 saying nothing was saved, and nothing is in the state dir', async () => {
    const out = emptyDir('out');
    const run = pty(['design', '--no-save', '--scope', 'system', '--out', out]);
    await run.waitFor(/Not saving this session \(--no-save\)\./, WAIT_MS);
    await run.waitFor(/What are we designing\?/, WAIT_MS);
    run.answer(TITLE);
    for (const row of ROWS.slice(0, AVAILABILITY)) await answerRow(run, row);
    await atPrompt(run, ROWS[AVAILABILITY] as Row);
    run.write(KEY.ctrlC);

    expect(await run.exited, run.screen.tail()).toBe(130);
    expect(lastLine(run)).toBe('Interrupted. Nothing was saved (--no-save).');
    expect(run.screen.text).not.toMatch(/Session \S+ saved/);
    expectNoStackTrace(run);
    expect(readdirSync(out)).toEqual([]);
    expect(existsSync(stateDir()) ? readdirSync(stateDir(), { recursive: true }) : []).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

// An SGR (Select Graphic Rendition) sequence is CSI, parameters, then "m": it sets colour, bold,
// dim and so on. Other CSI sequences inquirer uses to redraw a prompt (cursor to column "\e[12G",
// up "\e[1A", erase line "\e[2K", show cursor "\e[?25h") end in another letter, carry no colour,
// and are allowed. A bare reset ("\e[0m" or "\e[m") turns styling off and is allowed too: only an
// SGR that turns some styling on is colour.
const SGR = /\u001b\[([0-9;]*)m/g;

function stylingSequences(raw: string): string[] {
  return [...raw.matchAll(SGR)].filter((match) => !/^0*$/.test(match[1] ?? '')).map((match) => match[0]);
}

describe('colour', () => {
  it('reaches a terminal when NO_COLOR and FORCE_COLOR are unset', async () => {
    const run = pty(['design', '--scope', 'system', '--out', emptyDir('out')], hermeticEnv({ colour: true }));
    await startDesign(run, 0);
    await atPrompt(run, ROWS[0] as Row);
    run.write(KEY.ctrlC);
    expect(await run.exited, run.screen.tail()).toBe(130);

    const raw = run.raw();
    expect(stylingSequences(raw).length).toBeGreaterThan(0);
    // The CLI's own styling, not only inquirer's: the bold banner and the bold cyan phase header.
    expect(raw).toContain('\u001b[1mmlops-design: a system design session');
    expect(raw).toMatch(/\u001b\[1m\u001b\[36mPhase 1\/6 · Requirements/);
  });

  it('never reaches a terminal with NO_COLOR=1, through push-backs, notes, decisions and reports', async () => {
    const run = pty(['design', '--scope', 'system', '--out', emptyDir('out')]);
    const architecture = ROWS.findIndex((row) => row.id === 'high-level.architecture');
    await startDesign(run, 0);
    // A vague answer first, for a push-back (yellow when coloured).
    await run.waitFor(/What must the system do\?/, WAIT_MS);
    run.answer('pastes');
    await run.waitFor(/Push-back:/, WAIT_MS);
    for (const row of ROWS.slice(0, architecture + 1)) await answerRow(run, row);
    await run.waitFor(/Recorded\. /, WAIT_MS);
    // A select with its highlight moved, then Ctrl-C.
    const datastore = ROWS[architecture + 1] as Row;
    await atPrompt(run, datastore);
    run.write(KEY.down);
    await run.waitFor(/❯ B\)/, WAIT_MS);
    run.write(KEY.ctrlC);
    expect(await run.exited, run.screen.tail()).toBe(130);

    const raw = run.raw();
    expect(raw).toMatch(/\u001b\[\d*G/); // inquirer did redraw its prompts: the check saw raw bytes
    expect(stylingSequences(raw)).toEqual([]);
  });

  it('never reaches a pipe or the written file, even with NO_COLOR unset', () => {
    const out = emptyDir('out');
    const result = piped(
      ['design', '--answers', join(ROOT, 'examples/pastebin.yaml'), '--out', out],
      hermeticEnv({ colour: true }),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(join(out, 'system_design.md'));
    expect(result.stderr.length).toBeGreaterThan(0);
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stderr).not.toContain('\u001b');
    const document = readFileSync(join(out, 'system_design.md'), 'utf8');
    expect(document.startsWith('# System Design: ')).toBe(true);
    expect(document).not.toContain('\u001b');
  });
});
