// The conversation in a real pseudo-terminal: a pastebin designed at 80 and 120 columns with no
// word cut at a line end and the typed answers counted; `?`, `help`, `back`, `skip` and Esc at
// the prompts, none of them ever stored as an answer.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { usePtyCli, type PtyRun } from '../support/pty-cli.js';
import { KEY } from '../support/pty-keys.js';
import { cutWords, renderScreen, wordsOf } from '../support/pty-screen.js';

const start = usePtyCli('conversation');
const ESC = '\u001b';

/** A person at the keyboard: `typed` counts the answers that needed typing (Enter alone does not). */
function person(session: PtyRun): {
  type: (prompt: RegExp, text: string) => Promise<void>;
  enter: (prompt: RegExp) => Promise<void>;
  decide: (prompt: RegExp, keys?: string) => Promise<void>;
  typed: () => number;
} {
  let typed = 0;
  // A prompt wrapped to the terminal's width breaks at any space.
  const at = (prompt: RegExp): RegExp => new RegExp(prompt.source.replace(/ /g, '\\s+'), prompt.flags);
  return {
    type: async (prompt, text) => {
      typed += 1;
      await session.ask(at(prompt), text);
    },
    enter: async (prompt) => {
      await session.ask(at(prompt), '');
    },
    // A decision is a select: its last choice is only on screen once the prompt is live.
    decide: async (prompt, keys = KEY.enter) => {
      await session.run.waitFor(at(prompt));
      await session.run.waitFor(/Something else \(type it\)/);
      session.run.write(keys);
    },
    typed: () => typed,
  };
}

const FUNCTIONAL =
  'A user pastes up to 1 MB of text and gets back a short URL within 200 ms; ' +
  'A visitor opens a short URL and sees the paste within 100 ms';
const DEGRADATION =
  'Serve reads from the cache and read replicas; if the primary is down, creation returns 503 with ' +
  'Retry-After and a banner says new pastes are paused, for up to 5 minutes.';

/** The estimation phase of the pastebin: rates, sizes and retention typed, defaults taken; the count typed. */
async function estimation(session: PtyRun): Promise<number> {
  const { type, enter, typed } = person(session);
  await enter(/How many daily active users\?/);
  await type(/How many writes/, '1M/day');
  await type(/How many reads:/, '10:1');
  await type(/How large is one write/, '10KB');
  await enter(/How large is one read response\?/);
  await type(/How long is data kept\?/, '5y');
  await enter(/How much higher is the busiest hour/);
  await type(/How many copies of the data are stored\?/, '3');
  return typed();
}

/** A fluent engineer designing a pastebin: types what only they know, takes defaults and recommendations with Enter. */
async function pastebin(session: PtyRun): Promise<number> {
  const { type, enter, decide, typed } = person(session);
  await type(/What are we designing\?/, 'Pastebin');
  await type(/What must the system do\?/, FUNCTIONAL);
  await type(/How many users or requests/, '1M new pastes a day, 10x as many reads, growing 30% a year');
  await type(/What response time is acceptable/, 'P50 30ms, P99 200ms');
  await type(/What availability target\?/, '99.9%');
  await type(/Can a reader see stale data/, 'eventual, a new paste readable within 1 s');
  await type(/Can any acknowledged data be lost\?/, 'no acknowledged paste may be lost, RPO 0');
  await enter(/How many engineers will build and run this/);
  const estimated = await estimation(session);
  await decide(/Which kind of system is this\?/);
  await type(/Which key do most reads and writes look up by\?/, 'short_code');
  await decide(/How should the application be split into deployable services\?/);
  await decide(/Where does the system of record live\?/);
  await decide(/Should reads go through a cache\?/);
  await decide(/Are writes applied synchronously or through a queue\?/);
  await decide(/Which components deserve a deep-dive\?/);
  await decide(/During a network partition/);
  await decide(/How are new versions rolled out and rolled back\?/);
  await type(/what do users get instead of an error/, DEGRADATION);
  await session.run.waitFor(/Summary: Pastebin/);
  await session.run.waitFor(/Yes, write the document/);
  session.run.write(KEY.enter);
  return typed() + estimated;
}

describe('a design session fits the terminal', () => {
  for (const cols of [80, 120]) {
    it(
      `at ${cols} columns no word is cut at a line end, in at most 15 typed answers`,
      { timeout: 90_000 },
      async () => {
        const session = start((out) => ['design', '--scope', 'system', '--out', out], { cols });
        const typed = await pastebin(session);
        expect(await session.run.exited, session.run.screen.tail()).toBe(0);
        // Enter accepted every default and recommendation: 14 answers typed (the target is at most 15).
        expect(typed).toBe(14);
        expect(typed).toBeLessThanOrEqual(15);
        const document = readFileSync(join(session.out, 'system_design.md'), 'utf8');
        const rows = await renderScreen(session.run.raw(), cols);
        const words = wordsOf(`${document}\n${session.run.screen.text}`);
        expect(cutWords(rows, words)).toEqual([]);
        // The summary fits one screen; the options of a decision are listed once (in the select).
        const screen = session.run.screen.text;
        const from = screen.lastIndexOf('Summary: Pastebin');
        const summary = screen.slice(from, screen.indexOf('Write the document?', from));
        expect(summary.split(/\r?\n/).length, summary).toBeLessThanOrEqual(22);
        expect(screen).toMatch(/Phase 2\/6 · Estimation · question \d+ of \d+/);
        expect(screen).not.toMatch(/\n\s+A\) .*\(recommended\)\s*\r?\n\s+\S.*\r?\n\s+\+ /);
      },
    );
  }
});

describe('what a person types instead of an answer', () => {
  it(
    'explains at ? and help, goes back with back and Esc, skips only an optional question, stores none of them',
    { timeout: 90_000 },
    async () => {
      const session = start((out) => ['design', '--scope', 'system', '--out', out], { cols: 100 });
      const { run } = session;
      const { type, enter, decide } = person(session);
      await type(/What are we designing\?/, '?');
      await run.waitFor(/Help: The title heads the document/);
      await type(/What are we designing\?/, 'Pastebin');
      await type(/What must the system do\?/, 'help');
      await run.waitFor(/Help: .*[\s\S]*Example: /);
      await type(/What must the system do\?/, FUNCTIONAL);
      await type(/How many users or requests/, '1M new pastes a day, 10x as many reads');
      // back: the previous question again, its answer the default (Enter keeps it).
      await type(/What response time is acceptable/, 'back');
      await run.waitFor(/Your earlier answer: Enter keeps it/);
      await enter(/How many users or requests/);
      await type(/What response time is acceptable/, 'P50 30ms, P99 200ms');
      // skip: refused for a required question, the default for an optional one.
      await type(/What availability target\?/, 'skip');
      await run.waitFor(/required and cannot be skipped/);
      await type(/What availability target\?/, '99.9%');
      await type(/Can a reader see stale data/, 'eventual');
      await type(/Can any acknowledged data be lost\?/, 'RPO 0');
      await type(/How many engineers will build and run this/, 'skip');
      await estimation(session);
      // Esc in a select: back to the previous question, then on again.
      await decide(/Which kind of system is this\?/, ESC);
      await enter(/How many copies of the data are stored\?/);
      await decide(/Which kind of system is this\?/);
      await type(/Which key do most reads and writes look up by\?/, 'short_code');
      await decide(/How should the application be split into deployable services\?/);
      await decide(/Where does the system of record live\?/);
      await decide(/Should reads go through a cache\?/);
      // "back" typed as a decision's own words goes back; it is never read as a choice.
      await decide(/Are writes applied synchronously or through a queue\?/, KEY.up + KEY.enter);
      await type(/Your choice, in a few words/, 'back');
      await decide(/Should reads go through a cache\?/);
      await decide(/Are writes applied synchronously or through a queue\?/);
      await decide(/Which components deserve a deep-dive\?/);
      await decide(/During a network partition/);
      await decide(/How are new versions rolled out and rolled back\?/);
      await type(/what do users get instead of an error/, DEGRADATION);
      await run.waitFor(/Yes, write the document/);
      run.write(KEY.enter);
      expect(await run.exited, run.screen.tail()).toBe(0);
      const path = join(session.out, 'system_design.md');
      expect(existsSync(path)).toBe(true);
      const document = readFileSync(path, 'utf8');
      expect(document).not.toMatch(/^- (?:help|\?|back|skip)\s*$/im);
      expect(document).not.toMatch(/back over/i);
      expect(document).toContain('1M new pastes a day');
    },
  );
});
