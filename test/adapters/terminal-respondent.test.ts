// The terminal respondent with real @inquirer/prompts, driven through the input and output streams
// it accepts: raw bytes go in (as a terminal sends them: "\r" for Enter, "\u001b[B" for arrow down)
// and Node's readline turns them into keypresses, exactly as on a real terminal.
import { PassThrough, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Proposal, QuestionSlot, RawAnswer } from '../../src/protocol/types.js';
import { approvalSlot, scopeSlot } from '../../src/protocols/design/slots.js';
import type { AskRequest, Respondent } from '../../src/respondents/port.js';
import { Interrupted } from '../../src/errors.js';
import { terminalRespondent } from '../../src/respondents/terminal.js';
import { KEY } from '../support/pty-keys.js';
import { Transcript } from '../support/pty-transcript.js';
import { decision, question } from '../support/design-slots.js';

interface FakeTerminal {
  readonly respondent: Respondent;
  readonly screen: Transcript;
  readonly output: Writable;
  /** What the respondent said above its prompts (the CLI's guidance lines). */
  readonly said: string[];
  /** Sends keystrokes, as a terminal would send them. */
  type(keys: string): void;
  /** Marks an answer as handled, so an abandoned prompt cannot leak an unhandled rejection. */
  track<T>(answer: Promise<T>): Promise<T>;
  /** Sends a signal, as the CLI's signal handlers do: a waiting prompt is aborted. */
  signal(reason: 'SIGINT' | 'SIGTERM'): void;
  /** Marks the input as ended, as the CLI does when stdin emits 'end' (Ctrl-D, a closed pipe). */
  endInput(): void;
}

const terminals: { readonly abort: AbortController; readonly pending: Promise<unknown>[] }[] = [];

/** A pretend terminal: what the prompts print lands in a Transcript; `type` sends keystrokes. */
function fakeTerminal(): FakeTerminal {
  const screen = new Transcript();
  const input = Object.assign(new PassThrough(), { isTTY: true });
  const output = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        screen.append(chunk.toString());
        done();
      },
    }),
    { isTTY: true, columns: 200, rows: 50 },
  );
  // Nothing can be shown on an ended stream: fail pending waits at once instead of at their timeout.
  output.on('finish', () => {
    screen.end('the output stream given to terminalRespondent was ended (output.end() was called)');
  });
  const abort = new AbortController();
  const pending: Promise<unknown>[] = [];
  terminals.push({ abort, pending });
  const said: string[] = [];
  let ended = false;
  const respondent = terminalRespondent({
    input,
    output,
    signal: abort.signal,
    inputEnded: () => ended,
    say: (text) => {
      said.push(text);
    },
  });
  return {
    respondent,
    screen,
    output,
    said,
    type: (keys) => {
      input.write(keys);
    },
    track: (answer) => {
      answer.catch(() => undefined);
      pending.push(answer);
      return answer;
    },
    signal: (reason) => {
      abort.abort(reason);
    },
    endInput: () => {
      ended = true;
    },
  };
}

// A test that failed half-way leaves a prompt waiting for keys: cancel it through the signal.
afterEach(async () => {
  for (const { abort, pending } of terminals.splice(0)) {
    abort.abort();
    await Promise.allSettled(pending);
  }
});

const askFor = (slot: QuestionSlot, overrides: Partial<AskRequest> = {}): AskRequest => ({
  slot,
  prompt: slot.prompt,
  progress: 'Phase 1/6 · Requirements',
  attempt: 'first',
  ...overrides,
});

const proposal: Proposal = {
  explain: 'Reads are 10x writes; a cache keeps the hot keys in memory.',
  options: [
    {
      key: 'A',
      value: 'cache-aside',
      label: 'Cache-aside with Redis',
      summary: 'Read through a cache, fill it on a miss.',
      pros: ['fewer datastore reads'],
      cons: ['invalidation on write'],
    },
    {
      key: 'B',
      value: 'none',
      label: 'No cache',
      summary: 'Every read goes to the datastore.',
      pros: ['one less moving part'],
      cons: ['the datastore takes every read'],
    },
  ],
  position: 'A cache pays off at a 10:1 read ratio.',
  detail: 'Size the cache for the hot 20% of keys.',
};

describe('terminalRespondent.ask', () => {
  it('returns what was typed at a text question, and shows the prompt on the given output', async () => {
    const terminal = fakeTerminal();
    const slot = question('requirements.scale');
    const answer = terminal.track(terminal.respondent.ask(askFor(slot)));
    await terminal.screen.waitFor(/How many users or requests, and how fast is that growing\?/);
    terminal.type(`2M daily users, 30% growth a year${KEY.enter}`);
    await expect(answer).resolves.toBe('2M daily users, 30% growth a year');
    expect(terminal.respondent.interactive).toBe(true);
  });

  it('asks with the co-pilot phrasing and hints how to separate the items of a list', async () => {
    const terminal = fakeTerminal();
    const slot = question('requirements.functional');
    const answer = terminal.track(
      terminal.respondent.ask(askFor(slot, { prompt: 'Which use cases matter most?' })),
    );
    await terminal.screen.waitFor(/Which use cases matter most\? \(separate several with ";"\)/);
    terminal.type(`A user pastes text; a visitor reads it${KEY.enter}`);
    await expect(answer).resolves.toBe('A user pastes text; a visitor reads it');
  });

  it('returns the documented default of an optional question on an empty Enter', async () => {
    const terminal = fakeTerminal();
    const slot = question('estimation.read-size');
    expect(slot.optional).toBeDefined();
    const answer = terminal.track(terminal.respondent.ask(askFor(slot)));
    await terminal.screen.waitFor(/How large is one read response\? .*\[Enter for the write size\]/);
    terminal.type(KEY.enter);
    await expect(answer).resolves.toBe(slot.optional?.default);
    await expect(answer).resolves.toBe('same as write');
  });

  it('returns what was typed at an optional question when something was typed', async () => {
    const terminal = fakeTerminal();
    const answer = terminal.track(terminal.respondent.ask(askFor(question('estimation.peak-factor'))));
    await terminal.screen.waitFor(/\[Enter for default 2\]/);
    terminal.type(`3${KEY.enter}`);
    await expect(answer).resolves.toBe('3');
  });

  it('says why the previous answer failed before asking again', async () => {
    const terminal = fakeTerminal();
    const answer = terminal.track(
      terminal.respondent.ask(
        askFor(question('estimation.write-size'), {
          attempt: 'after-error',
          message: 'expected a size like "10KB", got "big"',
        }),
      ),
    );
    await terminal.screen.waitFor(/How large is one write/);
    expect(terminal.said).toEqual(['That did not work: expected a size like "10KB", got "big"']);
    terminal.type(`10KB${KEY.enter}`);
    await expect(answer).resolves.toBe('10KB');
  });

  it('offers the choices of a choice question as a select', async () => {
    const terminal = fakeTerminal();
    const slot = scopeSlot as unknown as QuestionSlot;
    const answer = terminal.track(terminal.respondent.ask(askFor(slot)));
    await terminal.screen.waitFor(/❯ General system/);
    terminal.type(KEY.down);
    await terminal.screen.waitFor(/❯ ML system/);
    terminal.type(KEY.enter);
    await expect(answer).resolves.toBe('ml');
  });

  it('returns "yes" on Enter at the approval select, and a phase after moving down', async () => {
    const slot = approvalSlot as unknown as QuestionSlot;

    const approving = fakeTerminal();
    const approved: Promise<RawAnswer> = approving.track(approving.respondent.ask(askFor(slot)));
    await approving.screen.waitFor(/❯ Yes, write the document/);
    await approving.screen.waitFor(/Revise operations/);
    approving.type(KEY.enter);
    await expect(approved).resolves.toBe('yes');
    expect(slot.parse(await approved)).toEqual({ ok: true, value: { approved: true } });

    const revising = fakeTerminal();
    const revised = revising.track(revising.respondent.ask(askFor(slot)));
    await revising.screen.waitFor(/Revise operations/);
    revising.type(KEY.down + KEY.down);
    await revising.screen.waitFor(/❯ Revise estimation/);
    revising.type(KEY.enter);
    await expect(revised).resolves.toBe('estimation');
  });
});

describe('terminalRespondent across prompts', () => {
  it('shows every prompt of a session on the output stream it was given, not only the first', async () => {
    const terminal = fakeTerminal();
    const first = terminal.track(terminal.respondent.ask(askFor(question('estimation.writes'))));
    await terminal.screen.waitFor(/How many writes/);
    terminal.type(`1M/day${KEY.enter}`);
    await expect(first).resolves.toBe('1M/day');
    // A session asks many questions through one respondent, so the stream must stay open.
    expect(terminal.output.writableEnded, 'the first prompt ended the output stream').toBe(false);

    const second = terminal.track(terminal.respondent.ask(askFor(question('estimation.retention'))));
    await terminal.screen.waitFor(/How long is data kept\?/);
    terminal.type(`5y${KEY.enter}`);
    await expect(second).resolves.toBe('5y');
  });
});

describe('terminalRespondent.choose', () => {
  const slot = decision('high-level.cache');
  const request = { slot, proposal, progress: 'Phase 3/6 · High-level design', attempt: 'first' } as const;

  it('returns A on Enter, with A marked as recommended', async () => {
    const terminal = fakeTerminal();
    const picked = terminal.track(terminal.respondent.choose(request));
    await terminal.screen.waitFor(/Should reads go through a cache\?/);
    await terminal.screen.waitFor(/❯ A\) Cache-aside with Redis \(recommended\)/);
    await terminal.screen.waitFor(/Something else \(type it\)/);
    terminal.type(KEY.enter);
    await expect(picked).resolves.toBe('A');
  });

  it('returns B after one arrow down', async () => {
    const terminal = fakeTerminal();
    const picked = terminal.track(terminal.respondent.choose(request));
    await terminal.screen.waitFor(/Something else \(type it\)/);
    terminal.type(KEY.down);
    await terminal.screen.waitFor(/❯ B\) No cache/);
    terminal.type(KEY.enter);
    await expect(picked).resolves.toBe('B');
  });

  it('returns C (more detail) after two arrows down', async () => {
    const terminal = fakeTerminal();
    const picked = terminal.track(terminal.respondent.choose(request));
    await terminal.screen.waitFor(/Something else \(type it\)/);
    terminal.type(KEY.down + KEY.down);
    await terminal.screen.waitFor(/❯ C\) More detail first/);
    terminal.type(KEY.enter);
    await expect(picked).resolves.toBe('C');
  });

  it('returns the words typed after choosing "Something else"', async () => {
    const terminal = fakeTerminal();
    const picked = terminal.track(terminal.respondent.choose(request));
    await terminal.screen.waitFor(/Something else \(type it\)/);
    terminal.type(KEY.down + KEY.down + KEY.down);
    await terminal.screen.waitFor(/❯ Something else \(type it\)/);
    terminal.type(KEY.enter);
    await terminal.screen.waitFor(/Your choice, in a few words:/);
    terminal.type(`Memcached behind a CDN${KEY.enter}`);
    await expect(picked).resolves.toBe('Memcached behind a CDN');
  });
});

describe('terminalRespondent.pick', () => {
  const reading = {
    slot: decision('high-level.cache'),
    message: 'Read as: no cache. Is that what you mean?',
    choices: [
      { value: 'yes', name: 'Yes: no cache' },
      { value: 'cache-aside', name: 'A cache-aside cache (Redis)' },
      { value: 'again', name: 'Type it again' },
    ],
  };

  it('shows how the words were read and returns the value confirmed on Enter', async () => {
    const terminal = fakeTerminal();
    const picked = terminal.track(terminal.respondent.pick(reading));
    await terminal.screen.waitFor(/Read as: no cache\. Is that what you mean\?/);
    await terminal.screen.waitFor(/❯ Yes: no cache/);
    terminal.type(KEY.enter);
    await expect(picked).resolves.toBe('yes');
  });

  it('returns another value picked with the arrows', async () => {
    const terminal = fakeTerminal();
    const picked = terminal.track(terminal.respondent.pick(reading));
    await terminal.screen.waitFor(/Type it again/);
    terminal.type(KEY.down);
    await terminal.screen.waitFor(/❯ A cache-aside cache \(Redis\)/);
    terminal.type(KEY.enter);
    await expect(picked).resolves.toBe('cache-aside');
  });
});

// Cancellation becomes the project's own Interrupted error at this boundary, saying what cancelled
// the prompt; nothing past the respondent sees inquirer's errors.
describe('a cancelled prompt', () => {
  const cancelled = async (answer: Promise<unknown>): Promise<unknown> =>
    answer.then(
      () => 'answered',
      (error: unknown) => error,
    );

  it.each([
    [
      'Ctrl-C at the prompt',
      'SIGINT',
      (terminal: FakeTerminal) => {
        terminal.type(KEY.ctrlC);
      },
    ],
    [
      'SIGTERM while it waits',
      'SIGTERM',
      (terminal: FakeTerminal) => {
        terminal.signal('SIGTERM');
      },
    ],
    [
      'SIGINT while it waits',
      'SIGINT',
      (terminal: FakeTerminal) => {
        terminal.signal('SIGINT');
      },
    ],
    [
      // inquirer closes the prompt the same way for Ctrl-C and for the end of input; the respondent
      // tells them apart by whether the input has ended.
      'the prompt closing after the input ended',
      'EOF',
      (terminal: FakeTerminal) => {
        terminal.endInput();
        terminal.type(KEY.ctrlC);
      },
    ],
  ] as const)('by %s is Interrupted by %s', async (_how, by, cancel) => {
    const terminal = fakeTerminal();
    const answer = terminal.track(terminal.respondent.ask(askFor(question('requirements.scale'))));
    await terminal.screen.waitFor(/How many users or requests/);
    cancel(terminal);
    const error = await cancelled(answer);
    expect(error).toBeInstanceOf(Interrupted);
    expect((error as Interrupted).by).toBe(by);
  });

  it('at a decision is Interrupted too', async () => {
    const terminal = fakeTerminal();
    const slot = decision('high-level.cache');
    const choice = terminal.track(
      terminal.respondent.choose({ slot, proposal, progress: 'Phase 3/6', attempt: 'first' }),
    );
    await terminal.screen.waitFor(/A\) Cache-aside with Redis/);
    terminal.signal('SIGTERM');
    const error = await cancelled(choice);
    expect(error).toBeInstanceOf(Interrupted);
    expect((error as Interrupted).by).toBe('SIGTERM');
  });
  it('at a reading to confirm is Interrupted too', async () => {
    const terminal = fakeTerminal();
    const picked = terminal.track(
      terminal.respondent.pick({
        slot: decision('high-level.cache'),
        message: 'Read as: no cache. Is that what you mean?',
        choices: [{ value: 'yes', name: 'Yes: no cache' }],
      }),
    );
    await terminal.screen.waitFor(/Read as: no cache/);
    terminal.type(KEY.ctrlC);
    const error = await cancelled(picked);
    expect(error).toBeInstanceOf(Interrupted);
    expect((error as Interrupted).by).toBe('SIGINT');
  });
});
