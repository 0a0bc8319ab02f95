// A mock interview in a real pseudo-terminal: the interviewer states the problem with the phase's
// time budget, reveals the scale when asked, answers "?" with a hint (and a second "?" with none left,
// never as the answer), pushes back on a thin answer,
// and writes a review that counts the hint and measured the time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY } from '../support/pty-keys.js';
import { usePtyCli } from '../support/pty-cli.js';

const start = usePtyCli('interview');

describe('interview in a pseudo-terminal', () => {
  it('runs a whole mock interview to the review', { timeout: 60_000 }, async () => {
    const { run, out, ask } = start((dir) => [
      'interview',
      '--problem',
      'rate-limiter',
      '--level',
      'mid',
      '--timebox',
      '40m',
      '--out',
      dir,
    ]);

    // --problem names the problem, so its title is the session's: nothing is asked before it.
    await run.waitFor(/Phase 2\/7 · Requirements/);
    expect(run.screen.text).not.toMatch(/What are we designing\?/);
    // The first question states the problem and the phase's share of the 40 minutes.
    await ask(
      /Tell me what the system must do[\s\S]*\(about 4 of your\s+40\s+minutes\)/,
      'Limit each client to a number of requests per window and reject the rest with 429. How many requests per second do we handle?',
    );
    await run.waitFor(/Interviewer: /);
    await ask(/how much traffic and storage/, '?');
    await run.waitFor(/Help: Hint 1 of 1: /);
    // The phase has one hint: a second "?" says so and is never taken as the answer.
    await ask(/how much traffic and storage/, '?');
    await run.waitFor(/Help: No hints left for this phase/);
    await ask(
      /how much traffic and storage/,
      'About 120,000 checks/s on average and 350,000 checks/s at peak, counters kept in memory.',
    );
    await ask(/Walk me through the high-level design/, 'a gateway');
    await run.waitFor(/Push-back: Name the components/);
    await ask(
      /Walk me through the high-level design/,
      'Each request goes through the API gateway, which calls the limiter; the limiter keeps a token bucket per client in Redis and then allows or rejects the request.',
    );
    await ask(
      /go deep/,
      'Token bucket per client key in Redis, refilled lazily on each request; keys are sharded by client id across Redis nodes and a node failure fails open.',
    );
    await ask(
      /main tradeoffs/,
      'A token bucket instead of a sliding log because it needs constant memory per client, at the cost of allowing short bursts.',
    );
    await ask(
      /How do you know it is healthy/,
      'Alert on limiter latency P99 and error rate, watch the share of 429s, and fail open with a canary for every config change.',
    );
    await run.waitFor(/Write the document\?/);
    await run.waitFor(/Yes, write the document/);
    run.write(KEY.enter);

    const code = await run.exited;
    expect(code, run.screen.tail()).toBe(0);
    const review = readFileSync(join(out, 'interview_feedback.md'), 'utf8');
    expect(review.split('\n')[0]).toBe('# Interview Feedback: Distributed rate limiter (mid)');
    expect(review).toContain('Problem `rate-limiter`, 40 minutes, scored for mid level.');
    expect(review).toContain('Hints used: 1.');
    expect(review).toContain('The scale was asked for before it was used.');
    expect(review).toMatch(/\| Requirements \| [\d.]+ \| 4 \| measured \|/);
    expect(review).toContain(
      '> Limit each client to a number of requests per window and reject the rest with 429.',
    );
  });
});
