// A whole interactive design session, as a person runs it: the built binary in a real
// pseudo-terminal, answered keystroke by keystroke. Also: without a terminal it refuses to prompt.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KEY } from '../support/pty-keys.js';
import { ptyEnv, spawnPty, type PtySession } from '../support/pty-session.js';

const BIN = resolve(import.meta.dirname, '../../dist/bin.js');

let home: string;
let session: PtySession | undefined;

const hermeticEnv = (): Record<string, string> => ptyEnv(home);

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` first`);
});

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'mlops-design-e2e-'));
});

afterEach(() => {
  session?.dispose();
  session = undefined;
  rmSync(home, { recursive: true, force: true });
});

describe('design in a pseudo-terminal', () => {
  it('runs a whole session from the title to the written document', { timeout: 60_000 }, async () => {
    const out = join(home, 'out');
    mkdirSync(out);
    const run = spawnPty(process.execPath, [BIN, 'design', '--scope', 'system', '--out', out], {
      cwd: home,
      env: hermeticEnv(),
    });
    session = run;
    const ask = async (prompt: RegExp, answer: string): Promise<void> => {
      await run.waitFor(prompt);
      run.answer(answer);
    };
    /** A decision is a select: its last choice is only on screen once the prompt is live. */
    const decide = async (prompt: RegExp, keys: string): Promise<void> => {
      await run.waitFor(prompt);
      await run.waitFor(/Something else \(type it\)/);
      run.write(keys);
    };

    await ask(/What are we designing\?/, 'Pastebin');
    await run.waitFor(/Phase 1\/6 · Requirements/);
    await ask(
      /What must the system do\?/,
      'A user pastes up to 1 MB of text and gets back a short URL within 200 ms; ' +
        'A visitor opens a short URL and sees the paste within 100 ms',
    );

    // A vague scale is pushed back on once, then a good answer is accepted.
    await ask(/How many users or requests/, 'lots of users');
    await run.waitFor(/Push-back: That has no number in it/);
    await ask(/How many users or requests/, '1M new pastes a day, 10x as many reads, growing 30% a year');

    await ask(/What response time is acceptable/, 'P50 30ms, P99 200ms');
    await ask(/What availability target\?/, '99.9%');
    await run.waitFor(/99\.9% allows 8h 45m/);
    await ask(
      /Can a reader see stale data/,
      'eventual, a new paste readable within 1 s; the author reads their own paste at once',
    );
    await ask(/Can any acknowledged data be lost\?/, 'no acknowledged paste may be lost, RPO 0');
    await ask(/How many engineers will build and run this/, ''); // Enter: not stated

    await run.waitFor(/Phase 2\/6 · Estimation/);
    await ask(/How many daily active users\?/, '2M');
    await ask(/How many writes/, '1M/day');
    await ask(/How many reads:/, '10:1');
    await ask(/How large is one write/, '10KB');
    await ask(/How large is one read response\?/, ''); // Enter: the default (the write size)
    await ask(/How long is data kept\?/, '5y');
    await ask(/How much higher is the busiest hour/, '3');
    await ask(/How many copies of the data are stored\?/, '3');
    await run.waitFor(/Back-of-envelope numbers/);

    await run.waitFor(/Phase 3\/6 · High-level design/);
    // Issue 13: the first high-level decision is the archetype; the pastebin's is recommended.
    await decide(/Which kind of system is this\?/, KEY.enter);
    await run.waitFor(/Recorded\. System archetype: Blobs plus metadata \(pastebin, file sharing\)\./);
    await ask(/Which key do most reads and writes look up by\?/, 'short_code');

    // C) More detail first: the detail is shown, then the same decision is asked again.
    await decide(/How should the application be split into deployable services\?/, KEY.down + KEY.down);
    await run.waitFor(/❯ C\) More detail first/);
    run.write(KEY.enter);
    const detail = await run.waitFor(/\nMore detail\r?\n([^\r\n]*\S[^\r\n]*)/);
    expect(detail[1]?.trim().length).toBeGreaterThan(20);
    await decide(/How should the application be split into deployable services\?/, KEY.enter);
    await run.waitFor(/Recorded\. Service architecture: /);

    await decide(/Where does the system of record live\?/, KEY.enter);
    await decide(/Should reads go through a cache\?/, KEY.enter);
    await decide(/Are writes applied synchronously or through a queue\?/, KEY.enter);
    await run.waitFor(/Phase 4\/6 · Deep-dive/);
    await decide(/Which components deserve a deep-dive\?/, KEY.enter);
    await run.waitFor(/Phase 5\/6 · Tradeoffs/);
    await decide(/During a network partition/, KEY.enter);
    await run.waitFor(/Phase 6\/6 · Operations/);
    await decide(/How are new versions rolled out and rolled back\?/, KEY.enter);
    await ask(
      /what do users get instead of an error/,
      'Serve reads from the cache and read replicas; if the primary is down, creation returns 503 with ' +
        'Retry-After and a banner says new pastes are paused, for up to 5 minutes.',
    );

    await run.waitFor(/Write the document\?/);
    await run.waitFor(/Yes, write the document/);
    run.write(KEY.enter);

    const code = await run.exited;
    const screen = run.screen.text;
    expect(code, run.screen.tail()).toBe(0);
    expect(screen).toContain('Phase 2/6 · Estimation');
    const document = join(out, 'system_design.md');
    expect(existsSync(document), `${document} was not written`).toBe(true);
    const markdown = readFileSync(document, 'utf8');
    expect(markdown.startsWith('# System Design: ')).toBe(true);
    expect(markdown).toContain('Pastebin');
    expect(markdown).not.toContain('\u001b');
    expect(screen).toContain(document);
  });
});

describe('design without a terminal', () => {
  it('refuses to prompt when stdin is not a TTY and points to --answers (exit 64)', async () => {
    const child = spawn(process.execPath, [BIN, 'design', '--scope', 'system', '--out', join(home, 'out')], {
      cwd: home,
      env: hermeticEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin.end();
    const code = await new Promise<number | null>((done, fail) => {
      child.on('error', fail);
      child.on('close', (exitCode) => {
        done(exitCode);
      });
    });
    expect(code, stderr).toBe(64);
    expect(stderr).toContain('--answers');
    expect(stderr).toMatch(/stdin is not a terminal/);
    expect(stdout).toBe('');
    expect(existsSync(join(home, 'out', 'system_design.md'))).toBe(false);
  });
});
