// The Anthropic client with the real SDK over loopback: prose streams in pieces that add up to the
// field, and a failure after prose was shown is not retried (the person has already seen it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMessagesClient,
  partialStringField,
  type ModelCall,
} from '../../src/copilot/anthropic/client.js';
import { AppError, Interrupted } from '../../src/errors.js';
import { startFakeAnthropic, type FakeAnthropic, type FakeReply } from '../support/fake-anthropic.js';

let fake: FakeAnthropic;
let config = '';
beforeAll(async () => {
  config = mkdtempSync(join(tmpdir(), 'mlops-design-sdk-config-'));
  process.env.ANTHROPIC_CONFIG_DIR = config;
  fake = await startFakeAnthropic();
});
afterAll(async () => {
  await fake.close();
  rmSync(config, { recursive: true, force: true });
});

const EXPLAIN =
  'The system of record must take every write for five years; a single PostgreSQL primary holds that comfortably, so sharding now would buy capacity the design will not use for years.';
const tools = [
  {
    name: 'propose_options',
    description: 'the proposal',
    input_schema: { properties: { explain: { type: 'string' } } },
  },
];

const call = (pieces: string[]): ModelCall => ({
  key: 'propose:high-level.datastore',
  model: 'claude-sonnet-5-5',
  system: [{ type: 'text', text: 'rules' }],
  user: 'the step',
  tools,
  toolName: 'propose_options',
  maxTokens: 512,
  proseField: 'explain',
  onProse: (text) => pieces.push(text),
});

const client = () =>
  createMessagesClient({
    apiKey: 'sk-test',
    baseURL: fake.url,
    timeoutMs: 2_000,
    maxRetries: 0,
    idleMs: 300,
  });

describe('streamed prose', () => {
  it('arrives in several pieces that add up to the field, before the answer is complete', async () => {
    fake.enqueue({ kind: 'tool', name: 'propose_options', input: { explain: EXPLAIN } });
    const pieces: string[] = [];
    const result = await client().call(call(pieces));
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(EXPLAIN);
    expect(result.input).toEqual({ explain: EXPLAIN });
  });

  it('a stall after prose was shown is not retried, and fails as unavailable (75)', async () => {
    const before = fake.requests.length;
    fake.enqueue({
      kind: 'stall',
      name: 'propose_options',
      input: { explain: EXPLAIN },
      stallAfterEvents: 4,
    });
    const pieces: string[] = [];
    const failure = await client()
      .call(call(pieces))
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(pieces.join('').length).toBeGreaterThan(0);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).exitCode).toBe(75);
    expect(fake.requests.length - before).toBe(1);
  });

  it('a stall before anything was shown is retried once', async () => {
    const before = fake.requests.length;
    fake.enqueue({
      kind: 'stall',
      name: 'propose_options',
      input: { explain: EXPLAIN },
      stallAfterEvents: 1,
    });
    fake.enqueue({ kind: 'tool', name: 'propose_options', input: { explain: EXPLAIN } });
    const pieces: string[] = [];
    const result = await client().call(call(pieces));
    expect(result.input).toEqual({ explain: EXPLAIN });
    expect(fake.requests.length - before).toBe(2);
  });
});

describe('the session signal', () => {
  const stoppable = (signal: AbortSignal, maxRetries = 0) =>
    createMessagesClient({
      apiKey: 'sk-test',
      baseURL: fake.url,
      timeoutMs: 60_000,
      maxRetries,
      idleMs: 60_000,
      signal,
    });
  /**
   * Answers the fake's next request with `reply`, then aborts `controller` with `reason` (after
   * `afterMs`, for the reply to have reached the client).
   */
  const abortOnRequest = (
    controller: AbortController,
    reason: string,
    reply: FakeReply,
    afterMs = 0,
  ): void => {
    const fallback = fake.fallback;
    fake.fallback = () => {
      fake.fallback = fallback;
      setTimeout(() => {
        controller.abort(reason);
      }, afterMs);
      return reply;
    };
  };

  it.each([
    { what: 'a request the API never answers', reply: { kind: 'stall' }, retries: 0, afterMs: 0 },
    {
      what: "the SDK's retry back-off (529, retry-after an hour)",
      reply: { kind: 'status', status: 529, retryAfterSeconds: 3_600 },
      retries: 3,
      afterMs: 200,
    },
  ] satisfies { what: string; reply: FakeReply; retries: number; afterMs: number }[])(
    'ends $what: Interrupted, by the signal named, not retried, never 75',
    async ({ reply, retries, afterMs }) => {
      for (const reason of ['SIGINT', 'SIGTERM'] as const) {
        const before = fake.requests.length;
        const controller = new AbortController();
        abortOnRequest(controller, reason, reply, afterMs);
        const failure = await stoppable(controller.signal, retries)
          .call(call([]))
          .then(
            () => undefined,
            (error: unknown) => error,
          );
        expect(failure).toBeInstanceOf(Interrupted);
        expect((failure as Interrupted).by).toBe(reason);
        expect(fake.requests.length - before).toBe(1);
      }
    },
  );
});

describe('partialStringField', () => {
  it.each([
    ['{"expl', undefined],
    ['{"explain":"', ''],
    ['{"explain":"The sys', 'The sys'],
    ['{"a":1,"explain":"line\\none \\u00e9t\\u00', 'line\none ét'],
    ['{"explain":"say \\"no\\" \\\\ then', 'say "no" \\ then'],
    ['{"explain":"cut at an escape \\', 'cut at an escape '],
    ['{"explain":"done","next":"other"}', 'done'],
  ])('%s -> %j', (json, expected) => {
    expect(partialStringField(json, 'explain')).toBe(expected);
  });
});
