/**
 * A loopback imitation of the Anthropic Messages API (POST /v1/messages), close enough that the real
 * @anthropic-ai/sdk works against it with `baseURL: fake.url`. It answers JSON Messages or SSE streams,
 * error statuses with the API's error body, connection resets and stalls, and reports usage with a
 * deterministic token count (ceil(chars / 4) of each prompt part's JSON) and prompt caching.
 *
 * Every response carries a `request-id` header `req_fake_<n>`, where n counts the requests the server
 * has received (1-based, including resets and stalls), so `requests[n - 1]` is the request it answers.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chosenTool, defaultFallback, findTool, forcedToolName, type FakeReply } from './fake-replies.js';
import { autoInput, isRecord, type Json } from './fake-schema.js';

export { PLAUSIBLE_OPENERS, plausibleInput } from './fake-plausible.js';
export { echoBaseline, plausible, schemaOnly, type FakeReply } from './fake-replies.js';
export { autoInput, schemaOnlyInput } from './fake-schema.js';

export interface RecordedRequest {
  // The parsed JSON body exactly as received; `any` so tests can reach into it freely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  /** Lower-cased header names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  /** The request path, e.g. '/v1/messages'. */
  path: string;
}

export interface FakeAnthropic {
  url: string;
  requests: RecordedRequest[];
  enqueue(...replies: FakeReply[]): void;
  /** Decides the reply when the queue is empty. Default: call the tool forced by tool_choice, else the first tool. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  fallback: (body: any) => FakeReply;
  /** One entry per answered request (a tool or text reply), in the order the replies were completed. */
  usages: FakeUsage[];
  /** The tool each answered request forced by tool_choice ('' when none), aligned with `usages`. */
  toolCalls: string[];
  close(): Promise<void>;
}

/** The usage reported for one answered request, and the request-id it was sent with. */
export interface FakeUsage {
  requestId: string;
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
}

/**
 * Simulated model latency for tool and text replies: a stream sends its headers at once,
 * `message_start` after firstTokenMs, then the content deltas paced so that the reply's output
 * tokens (the fake's own count, ceil(chars / 4)) arrive at tokensPerSecond, then the closing events;
 * a JSON reply waits the whole time before its body. Errors, resets and stalls are not delayed.
 * Requests are served concurrently.
 */
export interface FakeLatency {
  firstTokenMs: number;
  tokensPerSecond: number;
}

export interface FakeOptions {
  /** Report usage with counted tokens and prompt caching (default true); false reports zeros. */
  tokenCounting?: boolean;
  latency?: FakeLatency;
}

const tokensOf = (value: unknown): number => Math.ceil(JSON.stringify(value).length / 4);

const DEFAULT_ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  408: 'timeout_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

export async function startFakeAnthropic(options: FakeOptions = {}): Promise<FakeAnthropic> {
  const tokenCounting = options.tokenCounting ?? true;
  const latency = options.latency;
  const queue: FakeReply[] = [];
  const seenPrefixes = new Set<string>();
  let received = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, errorBody('api_error', `fake server error: ${String(error)}`));
      else res.destroy();
    });
  });

  const fake: FakeAnthropic = {
    url: '',
    requests: [],
    enqueue(...replies) {
      queue.push(...replies);
    },
    fallback: defaultFallback,
    usages: [],
    toolCalls: [],
    close: () => closeServer(),
  };

  // Pending latency timers; close() clears them so a closed fake holds no event-loop handle.
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number): Promise<void> =>
    ms <= 0
      ? Promise.resolve()
      : new Promise((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, ms);
          timers.add(timer);
        });

  let closed = false;
  const closeServer = (): Promise<void> => {
    if (closed) return Promise.resolve();
    closed = true;
    for (const timer of timers) clearTimeout(timer);
    return new Promise<void>((resolve, reject) => {
      server.close((error) => {
        if (error) reject(error);
        else resolve();
      });
      server.closeAllConnections();
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    received += 1;
    const n = received; // later requests may arrive while this one waits out its latency
    const requestId = `req_fake_${n}`;
    res.setHeader('request-id', requestId);
    let body: unknown;
    try {
      body = raw.length > 0 ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    fake.requests.push({ body, headers: flattenHeaders(req), path });

    if (req.method !== 'POST' || path !== '/v1/messages') {
      sendJson(res, 404, errorBody('not_found_error', `Not found: ${req.method ?? ''} ${path}`, requestId));
      return;
    }
    const invalid = validate(req, body);
    if (invalid) {
      sendJson(res, invalid.status, errorBody(invalid.type, invalid.message, requestId));
      return;
    }
    const request = body as Json;
    const reply = queue.shift() ?? fake.fallback(request);
    const streaming = request.stream === true;

    switch (reply.kind) {
      case 'reset':
        req.socket.resetAndDestroy();
        return;
      case 'status': {
        const status = reply.status ?? 500;
        if (reply.retryAfterSeconds !== undefined)
          res.setHeader('retry-after', String(reply.retryAfterSeconds));
        const type = reply.errorType ?? DEFAULT_ERROR_TYPES[status] ?? 'api_error';
        sendJson(res, status, errorBody(type, reply.errorMessage ?? `fake ${status} ${type}`, requestId));
        return;
      }
      case 'stall': {
        if (!streaming || reply.stallAfterEvents === undefined) return; // hold the request, send nothing
        const content = contentFor(
          reply.name === undefined
            ? { ...reply, kind: 'text', text: reply.text ?? 'stalled' }
            : { ...reply, kind: 'tool' },
          request,
          n,
        );
        startStream(res);
        const events = streamEvents(request, content, usageFor(request, content), n);
        for (const event of events.slice(0, Math.max(0, reply.stallAfterEvents))) writeEvent(res, event);
        return; // keep the socket open
      }
      case 'tool':
      case 'text': {
        const content = contentFor(reply, request, n);
        const usage = usageFor(request, content);
        // The fake's own output count paces the reply even when reported usage is zero.
        const pacedMs = latency ? (tokensOf(content) / latency.tokensPerSecond) * 1000 : 0;
        const firstTokenMs = latency?.firstTokenMs ?? 0;
        if (!streaming) {
          await sleep(firstTokenMs + pacedMs);
          if (res.destroyed) return;
          sendJson(res, 200, message(request, content, usage, true, n));
          answered(requestId, request, usage);
          return;
        }
        startStream(res);
        const started = Date.now();
        const until = (ms: number): Promise<void> => sleep(started + ms - Date.now());
        const events = streamEvents(request, content, usage, n);
        const deltaChars = events.map(deltaLength);
        const totalChars = deltaChars.reduce((a, b) => a + b, 0);
        let sentChars = 0;
        await until(firstTokenMs);
        for (const [index, event] of events.entries()) {
          sentChars += deltaChars[index] ?? 0;
          if (totalChars > 0 && (deltaChars[index] ?? 0) > 0)
            await until(firstTokenMs + (pacedMs * sentChars) / totalChars);
          if (res.destroyed) return;
          writeEvent(res, event);
        }
        res.end();
        answered(requestId, request, usage);
        return;
      }
    }
  }

  function answered(requestId: string, request: Json, usage: Usage): void {
    fake.usages.push({
      requestId,
      input_tokens: usage.input_tokens,
      cache_creation_input_tokens: usage.cache_creation_input_tokens,
      cache_read_input_tokens: usage.cache_read_input_tokens,
      output_tokens: usage.output_tokens,
    });
    fake.toolCalls.push(forcedToolName(request));
  }

  function contentFor(reply: FakeReply, request: Json, n: number): Json[] {
    if (reply.kind === 'tool') {
      const tool = reply.name === undefined ? chosenTool(request) : findTool(request, reply.name);
      const name = reply.name ?? (typeof tool?.name === 'string' ? tool.name : 'tool');
      const input =
        reply.input === undefined ? autoInput(tool?.input_schema ?? { type: 'object' }) : reply.input;
      return [{ type: 'tool_use', id: `toolu_fake_${n}`, name, input, caller: { type: 'direct' } }];
    }
    return [{ type: 'text', text: reply.text ?? 'ok', citations: null }];
  }

  function message(request: Json, content: Json[], usage: Usage, complete: boolean, n: number): Json {
    return {
      id: `msg_fake_${n}`,
      type: 'message',
      role: 'assistant',
      model: request.model,
      content: complete ? content : [],
      stop_reason: complete ? stopReasonOf(content) : null,
      stop_sequence: null,
      stop_details: null,
      container: null,
      diagnostics: null,
      usage: complete ? usage : { ...usage, output_tokens: Math.min(1, usage.output_tokens) },
    };
  }

  function streamEvents(request: Json, content: Json[], usage: Usage, n: number): Json[] {
    const events: Json[] = [{ type: 'message_start', message: message(request, content, usage, false, n) }];
    content.forEach((block, index) => {
      if (block.type === 'tool_use') {
        events.push({ type: 'content_block_start', index, content_block: { ...block, input: {} } });
        for (const partial_json of chunks(JSON.stringify(block.input ?? {}))) {
          events.push({
            type: 'content_block_delta',
            index,
            delta: { type: 'input_json_delta', partial_json },
          });
        }
      } else {
        events.push({ type: 'content_block_start', index, content_block: { ...block, text: '' } });
        for (const text of chunks(typeof block.text === 'string' ? block.text : '')) {
          events.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } });
        }
      }
      events.push({ type: 'content_block_stop', index });
    });
    events.push(
      {
        type: 'message_delta',
        delta: {
          stop_reason: stopReasonOf(content),
          stop_sequence: null,
          stop_details: null,
          container: null,
        },
        usage: {
          input_tokens: usage.input_tokens,
          output_tokens: usage.output_tokens,
          cache_creation_input_tokens: usage.cache_creation_input_tokens,
          cache_read_input_tokens: usage.cache_read_input_tokens,
          server_tool_use: null,
          output_tokens_details: null,
        },
      },
      { type: 'message_stop' },
    );
    return events;
  }

  interface Usage {
    input_tokens: number;
    output_tokens: number;
    cache_creation_input_tokens: number;
    cache_read_input_tokens: number;
    cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
    server_tool_use: null;
    output_tokens_details: null;
    service_tier: 'standard';
    inference_geo: null;
    speed: null;
  }

  function usageFor(request: Json, content: Json[]): Usage {
    const usage: Usage = {
      input_tokens: 0,
      output_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      server_tool_use: null,
      output_tokens_details: null,
      service_tier: 'standard',
      inference_geo: null,
      speed: null,
    };
    if (!tokenCounting) return usage;
    usage.output_tokens = tokensOf(content);
    const parts = promptParts(request);
    const counts = parts.map((part) => tokensOf(part.value));
    const sum = (from: number, to: number): number => counts.slice(from, to).reduce((a, b) => a + b, 0);
    const breakpoints = parts.flatMap((part, index) => (part.ttl ? [index] : []));
    const last = breakpoints.at(-1);
    if (last === undefined) {
      usage.input_tokens = sum(0, parts.length);
      return usage;
    }
    const hashes = new Map(
      breakpoints.map((index) => [
        index,
        createHash('sha256')
          .update(JSON.stringify(parts.slice(0, index + 1).map((part) => part.value)))
          .digest('hex'),
      ]),
    );
    // The longest prefix seen before is read from the cache; the rest up to the last breakpoint is written.
    const hit = [...breakpoints].reverse().find((index) => seenPrefixes.has(hashes.get(index) ?? ''));
    const readEnd = hit === undefined ? 0 : hit + 1;
    usage.cache_read_input_tokens = sum(0, readEnd);
    let segmentStart = readEnd;
    for (const index of breakpoints) {
      if (index < readEnd) continue;
      const tokens = sum(segmentStart, index + 1);
      if (parts[index]?.ttl === '1h') usage.cache_creation.ephemeral_1h_input_tokens += tokens;
      else usage.cache_creation.ephemeral_5m_input_tokens += tokens;
      segmentStart = index + 1;
    }
    usage.cache_creation_input_tokens = sum(readEnd, last + 1);
    usage.input_tokens = sum(last + 1, parts.length);
    for (const hash of hashes.values()) seenPrefixes.add(hash);
    return usage;
  }

  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}`;
  return fake;
}

/**
 * The prompt in the order the API caches it: tools, system blocks, messages. Each part's `ttl` is set
 * when it is a cache breakpoint (a tool or system block with cache_control, or a message with a content
 * block that has one); cache_control markers themselves are left out of the hashed and counted JSON,
 * so moving a breakpoint does not change the prefix before it.
 */
function promptParts(request: Json): { value: unknown; ttl: '5m' | '1h' | undefined }[] {
  const parts: { value: unknown; ttl: '5m' | '1h' | undefined }[] = [];
  const block = (value: unknown): void => {
    parts.push({ value: stripCacheControl(value), ttl: ttlOf(value) });
  };
  if (Array.isArray(request.tools)) request.tools.forEach(block);
  if (typeof request.system === 'string') parts.push({ value: request.system, ttl: undefined });
  else if (Array.isArray(request.system)) request.system.forEach(block);
  if (Array.isArray(request.messages)) {
    for (const message of request.messages) {
      if (isRecord(message) && Array.isArray(message.content)) {
        const ttls = message.content.map(ttlOf).filter((ttl) => ttl !== undefined);
        parts.push({
          value: { ...message, content: message.content.map(stripCacheControl) },
          ttl: ttls.includes('1h') ? '1h' : ttls[0],
        });
      } else {
        parts.push({ value: message, ttl: undefined });
      }
    }
  }
  return parts;
}

function ttlOf(value: unknown): '5m' | '1h' | undefined {
  if (!isRecord(value) || !isRecord(value.cache_control)) return undefined;
  return value.cache_control.ttl === '1h' ? '1h' : '5m';
}

function stripCacheControl(value: unknown): unknown {
  if (!isRecord(value) || !('cache_control' in value)) return value;
  const copy = { ...value };
  delete copy.cache_control;
  return copy;
}

/** What the real API rejects before any model work: missing auth, or a body without model/max_tokens/messages. */
function validate(
  req: IncomingMessage,
  body: unknown,
): { status: number; type: string; message: string } | undefined {
  if (!req.headers['x-api-key'] && !req.headers.authorization) {
    return { status: 401, type: 'authentication_error', message: 'x-api-key header is required' };
  }
  if (!isRecord(body))
    return { status: 400, type: 'invalid_request_error', message: 'body: expected a JSON object' };
  if (typeof body.model !== 'string') return invalidField('model');
  if (typeof body.max_tokens !== 'number') return invalidField('max_tokens');
  if (!Array.isArray(body.messages)) return invalidField('messages');
  return undefined;
}

function invalidField(field: string): { status: number; type: string; message: string } {
  return { status: 400, type: 'invalid_request_error', message: `${field}: Field required` };
}

function errorBody(type: string, message: string, requestId?: string): Json {
  return { type: 'error', error: { type, message }, ...(requestId ? { request_id: requestId } : {}) };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const stopReasonOf = (content: readonly Json[]): string =>
  content.some((block) => block.type === 'tool_use') ? 'tool_use' : 'end_turn';

/** The characters of content an event carries (0 for all but content deltas). */
function deltaLength(event: Json): number {
  if (event.type !== 'content_block_delta' || !isRecord(event.delta)) return 0;
  const piece = event.delta.partial_json ?? event.delta.text;
  return typeof piece === 'string' ? piece.length : 0;
}

function startStream(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  res.flushHeaders();
}

function writeEvent(res: ServerResponse, event: Json): void {
  res.write(`event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`);
}

/** Splits a string into (at least two, when it has two characters) roughly equal chunks. */
function chunks(text: string): string[] {
  if (text.length < 2) return [text];
  const count = Math.min(text.length, Math.max(2, Math.ceil(text.length / 24)));
  const size = Math.ceil(text.length / count);
  const out: string[] = [];
  for (let start = 0; start < text.length; start += size) out.push(text.slice(start, start + size));
  return out;
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(parts).toString('utf8');
}
