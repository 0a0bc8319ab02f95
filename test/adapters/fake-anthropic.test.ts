// The fake Messages API against the REAL @anthropic-ai/sdk over loopback: JSON and SSE replies, the
// SDK's retry policy (429, 529, 5xx, resets; not 401), timeouts on a stall, request ids, usage with
// prompt caching, and the key travelling only in x-api-key.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic, {
  APIConnectionTimeoutError,
  AuthenticationError,
  InternalServerError,
  OverloadedError,
} from '@anthropic-ai/sdk';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  autoInput,
  schemaOnly,
  startFakeAnthropic,
  type FakeAnthropic,
  type FakeLatency,
} from '../support/fake-anthropic.js';

const KEY = 'sk-test-sentinel';
const TOOL: Anthropic.Tool = {
  name: 'record_estimate',
  description: 'Record an estimate.',
  input_schema: {
    type: 'object',
    properties: {
      qps: { type: 'number', minimum: 10 },
      unit: { type: 'string', enum: ['rps', 'rpm'] },
      notes: { type: 'string' },
      tags: { type: 'array', items: { type: 'string' }, minItems: 2 },
      detail: {
        type: 'object',
        properties: { label: { type: 'string' }, ok: { type: 'boolean' } },
        required: ['label'],
      },
    },
    required: ['qps', 'unit', 'tags', 'detail'],
  },
};

const params = (
  extra: Partial<Anthropic.MessageCreateParamsNonStreaming> = {},
): Anthropic.MessageCreateParamsNonStreaming => ({
  model: 'claude-fake-1',
  max_tokens: 1024,
  messages: [{ role: 'user', content: 'Estimate the read QPS.' }],
  tools: [TOOL],
  tool_choice: { type: 'tool', name: TOOL.name },
  ...extra,
});

let fake: FakeAnthropic;
let configDir = '';
let savedConfigDir: string | undefined;

beforeAll(() => {
  savedConfigDir = process.env.ANTHROPIC_CONFIG_DIR;
  configDir = mkdtempSync(join(tmpdir(), 'mlops-design-anthropic-config-'));
});
afterAll(() => {
  if (savedConfigDir === undefined) delete process.env.ANTHROPIC_CONFIG_DIR;
  else process.env.ANTHROPIC_CONFIG_DIR = savedConfigDir;
  rmSync(configDir, { recursive: true, force: true });
});
beforeEach(async () => {
  for (const key of Object.keys(process.env)) {
    if (key.startsWith('ANTHROPIC_')) Reflect.deleteProperty(process.env, key);
  }
  process.env.ANTHROPIC_CONFIG_DIR = configDir;
  fake = await startFakeAnthropic();
});
afterEach(async () => {
  await fake.close();
});

const client = (options: { maxRetries?: number; timeout?: number } = {}): Anthropic =>
  new Anthropic({
    apiKey: KEY,
    baseURL: fake.url,
    maxRetries: options.maxRetries ?? 2,
    timeout: options.timeout ?? 2000,
    logLevel: 'off',
  });

describe('autoInput', () => {
  it('builds a minimal valid instance: required only, enums first, minItems, bounds, $refs', () => {
    expect(autoInput(TOOL.input_schema)).toEqual({
      qps: 10,
      unit: 'rps',
      tags: ['x', 'x'],
      detail: { label: 'x' },
    });
    expect(
      autoInput({
        $defs: { Leaf: { type: 'integer', exclusiveMinimum: 3 } },
        type: 'object',
        properties: {
          leaf: { $ref: '#/$defs/Leaf' },
          maybe: { anyOf: [{ type: 'null' }, { type: 'string' }] },
        },
        required: ['leaf', 'maybe'],
      }),
    ).toEqual({ leaf: 4, maybe: 'x' });
  });
});

describe('fake Anthropic Messages API with the real SDK', () => {
  it('answers a non-streaming tool_use Message, echoing the model, with a request id', async () => {
    fake.enqueue({ kind: 'tool', name: TOOL.name, input: { qps: 1200, unit: 'rps' } });
    const message = await client().messages.create(params());
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-fake-1',
      stop_reason: 'tool_use',
      content: [{ type: 'tool_use', name: TOOL.name, input: { qps: 1200, unit: 'rps' } }],
    });
    expect(message.id).toMatch(/^msg_fake_/);
    expect(message._request_id).toBe('req_fake_1');
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBe(Math.ceil(JSON.stringify(message.content).length / 4));
  });

  it('streams a tool_use in input_json_delta chunks that finalMessage() reassembles', async () => {
    const input = { qps: 1200, unit: 'rps', tags: ['read', 'hot'], detail: { label: 'feed' } };
    fake.enqueue({ kind: 'tool', name: TOOL.name, input });
    const stream = client().messages.stream(params());
    const partials: string[] = [];
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') {
        partials.push(event.delta.partial_json);
      }
    });
    const message = await stream.finalMessage();
    expect(partials.length).toBeGreaterThanOrEqual(2);
    expect(partials.join('')).toBe(JSON.stringify(input));
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([expect.objectContaining({ type: 'tool_use', name: TOOL.name, input })]);
    expect(stream.request_id).toBe('req_fake_1');
    expect(message.usage.output_tokens).toBeGreaterThan(1);
    const body = fake.requests[0]?.body as Anthropic.MessageCreateParams;
    expect(body.stream).toBe(true);
  });

  it('falls back to calling the forced tool with autoInput of its schema', async () => {
    const message = await client().messages.create(params());
    expect(message.content[0]).toMatchObject({ type: 'tool_use', input: autoInput(TOOL.input_schema) });
  });

  it('streams a text reply as text deltas', async () => {
    fake.enqueue({ kind: 'text', text: 'Read QPS is about twelve hundred per second at peak.' });
    const stream = client().messages.stream(params({ tools: [], tool_choice: { type: 'auto' } }));
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));
    const message = await stream.finalMessage();
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    expect(deltas.join('')).toBe('Read QPS is about twelve hundred per second at peak.');
    expect(message.stop_reason).toBe('end_turn');
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: deltas.join('') })]);
  });

  it('retries a 429 with retry-after 0, then succeeds', async () => {
    fake.enqueue({ kind: 'status', status: 429, retryAfterSeconds: 0 }, { kind: 'text', text: 'ok' });
    const message = await client().messages.create(params());
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'ok' });
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests.map((r) => r.headers['x-stainless-retry-count'])).toEqual(['0', '1']);
  });

  it('retries a 529 overloaded_error, then succeeds', async () => {
    fake.enqueue({ kind: 'status', status: 529, retryAfterSeconds: 0.01 });
    const message = await client().messages.create(params());
    expect(message.stop_reason).toBe('tool_use');
    expect(fake.requests).toHaveLength(2);
  });

  it('gives up on 500 after maxRetries with an InternalServerError carrying the last request id', async () => {
    const fail = { kind: 'status', status: 500, retryAfterSeconds: 0.01 } as const;
    fake.enqueue(fail, fail, fail);
    const error: unknown = await client()
      .messages.create(params())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({
      status: 500,
      requestID: 'req_fake_3',
      error: { type: 'error', error: { type: 'api_error' } },
    });
    expect(fake.requests).toHaveLength(3);
  });

  it('does not retry a 401: AuthenticationError after one request', async () => {
    fake.enqueue({ kind: 'status', status: 401 });
    const error: unknown = await client()
      .messages.create(params())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, requestID: 'req_fake_1', type: 'authentication_error' });
    expect(fake.requests).toHaveLength(1);
  });

  it('reports 529 as OverloadedError once retries are spent', async () => {
    fake.enqueue({ kind: 'status', status: 529, retryAfterSeconds: 0.01 });
    const error: unknown = await client({ maxRetries: 0 })
      .messages.create(params())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OverloadedError);
    expect(error).toMatchObject({ type: 'overloaded_error' });
  });

  it('retries after a connection reset, then succeeds', async () => {
    fake.enqueue({ kind: 'reset' });
    const message = await client().messages.create(params());
    expect(message.stop_reason).toBe('tool_use');
    expect(fake.requests).toHaveLength(2);
  });

  it('a stall before the headers ends in APIConnectionTimeoutError within about the timeout', async () => {
    fake.enqueue({ kind: 'stall' });
    const started = Date.now();
    const error: unknown = await client({ maxRetries: 0, timeout: 500 })
      .messages.stream(params())
      .finalMessage()
      .catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(1500);
  });

  it('a stall mid-stream is not caught by the SDK timeout: an idle watchdog has to abort it', async () => {
    fake.enqueue({ kind: 'stall', stallAfterEvents: 3 });
    const controller = new AbortController();
    let idle: NodeJS.Timeout | undefined;
    const arm = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        controller.abort();
      }, 700);
    };
    const events: string[] = [];
    const started = Date.now();
    const stream = client({ maxRetries: 0, timeout: 300 }).messages.stream(params(), {
      signal: controller.signal,
    });
    arm();
    stream.on('streamEvent', (event) => {
      events.push(event.type);
      arm();
    });
    const error: unknown = await stream.finalMessage().catch((e: unknown) => e);
    clearTimeout(idle);
    expect(events).toEqual(['message_start', 'content_block_start', 'content_block_delta']);
    expect(error).toBeInstanceOf(Anthropic.APIUserAbortError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(650); // well past the 300 ms SDK timeout
  });

  it('reports cache creation, then a cache read, for a repeated cache_control system prefix', async () => {
    const system: Anthropic.TextBlockParam[] = [
      { type: 'text', text: 'You are a system design co-pilot. '.repeat(40) },
      { type: 'text', text: 'Reference: capacity tables. '.repeat(40), cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'Session-specific notes.' },
    ];
    const anthropic = client();
    const first = await anthropic.messages.create(params({ system }));
    const second = await anthropic.messages
      .stream(params({ system, messages: [{ role: 'user', content: 'And the write QPS?' }] }))
      .finalMessage();
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.cache_creation_input_tokens).toBe(0);
    expect(second.usage.input_tokens).toBeGreaterThan(0);

    const plain = await anthropic.messages.create(
      params({ system: system.map((block) => ({ type: 'text' as const, text: block.text })) }),
    );
    expect(plain.usage.cache_creation_input_tokens).toBe(0);
    expect(plain.usage.cache_read_input_tokens).toBe(0);
    expect(plain.usage.input_tokens).toBe(
      (first.usage.cache_creation_input_tokens ?? 0) + first.usage.input_tokens,
    );
  });

  it('reports zero usage when token counting is off', async () => {
    const quiet = await startFakeAnthropic({ tokenCounting: false });
    try {
      const anthropic = new Anthropic({ apiKey: KEY, baseURL: quiet.url, maxRetries: 0, logLevel: 'off' });
      const message = await anthropic.messages.create(params());
      expect(message.usage).toMatchObject({
        input_tokens: 0,
        output_tokens: 0,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      });
    } finally {
      await quiet.close();
    }
  });

  // SDK 1.12 sends an apiKey as `authorization: Bearer <key>`, not as x-api-key (the fake accepts either).
  it('records the body and lower-cased headers; the key travels in the authorization header only', async () => {
    await client().messages.create(params());
    const [request] = fake.requests;
    expect(request?.path).toBe('/v1/messages');
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.headers['x-api-key']).toBeUndefined();
    expect(request?.headers['anthropic-version']).toBeTruthy();
    const body = request?.body as Anthropic.MessageCreateParams;
    expect(body.model).toBe('claude-fake-1');
    expect(JSON.stringify(body)).not.toContain(KEY);
    const carriers = Object.entries(request?.headers ?? {}).filter(([, value]) => value.includes(KEY));
    expect(carriers.map(([name]) => name)).toEqual(['authorization']);
  });

  it('answers 401 authentication_error to a request without credentials, like the API', async () => {
    const response = await fetch(`${fake.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params()),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('request-id')).toBe('req_fake_1');
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
  });
});

describe('usages, tool calls and the schema-only mode', () => {
  it('records one usage and the forced tool per answered request, not for errors', async () => {
    fake.enqueue({ kind: 'status', status: 429, retryAfterSeconds: 0.01 });
    const anthropic = client();
    const first = await anthropic.messages.create(params());
    const second = await anthropic.messages
      .stream(params({ tools: [], tool_choice: { type: 'auto' } }))
      .finalMessage();
    expect(fake.requests).toHaveLength(3);
    expect(fake.toolCalls).toEqual([TOOL.name, '']);
    expect(fake.usages).toEqual(
      [first, second].map((message, i) => ({
        requestId: `req_fake_${i + 2}`,
        input_tokens: message.usage.input_tokens,
        cache_creation_input_tokens: message.usage.cache_creation_input_tokens,
        cache_read_input_tokens: message.usage.cache_read_input_tokens,
        output_tokens: message.usage.output_tokens,
      })),
    );
    expect(fake.usages[0]?.input_tokens).toBeGreaterThan(0);
  });

  it('schemaOnly as the fallback: the SDK gets a tool call valid by the schema, with no instruction followed', async () => {
    fake.fallback = schemaOnly;
    const message = await client().messages.stream(params()).finalMessage();
    const block = message.content[0];
    expect(block?.type).toBe('tool_use');
    const input = block?.type === 'tool_use' ? block.input : undefined;
    expect(z.fromJSONSchema(TOOL.input_schema as Record<string, unknown>).safeParse(input).success).toBe(
      true,
    );
    expect(input).toMatchObject({
      unit: 'rpm',
      detail: { ok: true },
      notes: expect.stringMatching(/\d/) as unknown,
    });
    expect(input).not.toMatchObject({ qps: 10 });
  });
});

describe('simulated latency', () => {
  const LATENCY: FakeLatency = { firstTokenMs: 300, tokensPerSecond: 200 };
  const TEXT = 'Reads go to the cache first, then to a replica of the paste store. '.repeat(6);
  // The fake's own count: ceil(chars / 4) of the content blocks' JSON.
  const pacedMs =
    (Math.ceil(JSON.stringify([{ type: 'text', text: TEXT, citations: null }]).length / 4) /
      LATENCY.tokensPerSecond) *
    1000;
  const SLACK = 25; // timers may fire a little early relative to Date.now()

  let slow: FakeAnthropic;
  beforeEach(async () => {
    slow = await startFakeAnthropic({ latency: LATENCY });
  });
  afterEach(async () => {
    await slow.close();
  });
  const slowClient = (): Anthropic =>
    new Anthropic({ apiKey: KEY, baseURL: slow.url, maxRetries: 0, timeout: 10_000, logLevel: 'off' });
  const textParams = params({ tools: [], tool_choice: { type: 'auto' } });

  it('streams headers at once, the first text after firstTokenMs, the rest paced at tokensPerSecond', async () => {
    slow.enqueue({ kind: 'text', text: TEXT });
    const started = Date.now();
    const stream = slowClient().messages.stream(textParams);
    let connectedAt = -1;
    const deltaTimes: number[] = [];
    stream.on('connect', () => (connectedAt = Date.now() - started));
    stream.on('text', () => deltaTimes.push(Date.now() - started));
    const message = await stream.finalMessage();
    const finishedAt = Date.now() - started;
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: TEXT })]);
    expect(connectedAt).toBeGreaterThanOrEqual(0);
    expect(connectedAt).toBeLessThan(deltaTimes[0] ?? -1);
    expect(deltaTimes[0]).toBeGreaterThanOrEqual(LATENCY.firstTokenMs - SLACK);
    expect(deltaTimes.length).toBeGreaterThanOrEqual(10);
    expect((deltaTimes.at(-1) ?? 0) - (deltaTimes[0] ?? 0)).toBeGreaterThanOrEqual(pacedMs * 0.8);
    expect(finishedAt).toBeGreaterThanOrEqual(LATENCY.firstTokenMs + pacedMs - SLACK);
    expect(pacedMs).toBeGreaterThan(400); // the reply is long enough for the pacing to show
  });

  it('holds a JSON reply for the whole time, then sends it complete', async () => {
    slow.enqueue({ kind: 'text', text: TEXT });
    const started = Date.now();
    const message = await slowClient().messages.create(textParams);
    expect(Date.now() - started).toBeGreaterThanOrEqual(LATENCY.firstTokenMs + pacedMs - SLACK);
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: TEXT })]);
  });

  it('serves requests concurrently: a short reply asked second is answered first', async () => {
    slow.enqueue({ kind: 'text', text: TEXT }, { kind: 'text', text: 'Short.' });
    const finished: string[] = [];
    const anthropic = slowClient();
    const long = anthropic.messages.create(textParams).then(() => finished.push('long'));
    while (slow.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const short = anthropic.messages.create(textParams).then(() => finished.push('short'));
    await Promise.all([long, short]);
    expect(finished).toEqual(['short', 'long']);
    expect(slow.usages.map((usage) => usage.requestId)).toEqual(['req_fake_2', 'req_fake_1']);
  });
});
