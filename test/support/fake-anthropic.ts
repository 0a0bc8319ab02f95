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

export interface FakeReply {
  /**
   * tool: a tool_use block calling `name` (default: the forced or first tool) with `input` (default:
   * autoInput of that tool's schema); text: a text block; status: an HTTP error; reset: the socket is
   * destroyed without a response; stall: see `stallAfterEvents`.
   */
  kind: 'tool' | 'text' | 'status' | 'reset' | 'stall';
  name?: string;
  input?: unknown;
  text?: string;
  /** For 'status': 429, 500, 529 (overloaded_error), 401 (authentication_error), 400 ... */
  status?: number;
  /** Sent as `retry-after`; the SDK ignores 0 (it then backs off ~0.5 s), fractions like 0.01 work. */
  retryAfterSeconds?: number;
  /** The error body's error.type; defaults from the status (429 rate_limit_error, 529 overloaded_error ...). */
  errorType?: string;
  /** For 'status': the error body's error.message (default `fake <status> <type>`), e.g. a gateway echoing headers. */
  errorMessage?: string;
  /**
   * For 'stall'. Undefined: nothing at all is sent, not even headers (the SDK's `timeout` fires).
   * A number, streaming: the headers and this many SSE events of a text reply (a tool reply if `name`
   * is set) are sent, then nothing, with the socket kept open (only an idle watchdog notices; the
   * SDK's timeout covers the wait for headers only). Non-streaming requests never get headers.
   */
  stallAfterEvents?: number;
}

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
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

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

export async function startFakeAnthropic(options: { tokenCounting?: boolean } = {}): Promise<FakeAnthropic> {
  const tokenCounting = options.tokenCounting ?? true;
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
    close: () => closeServer(),
  };

  let closed = false;
  const closeServer = (): Promise<void> => {
    if (closed) return Promise.resolve();
    closed = true;
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
    const requestId = `req_fake_${received}`;
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
        );
        startStream(res);
        for (const event of streamEvents(request, content).slice(0, Math.max(0, reply.stallAfterEvents))) {
          writeEvent(res, event);
        }
        return; // keep the socket open
      }
      case 'tool':
      case 'text': {
        const content = contentFor(reply, request);
        if (!streaming) {
          sendJson(res, 200, message(request, content, true));
          return;
        }
        startStream(res);
        for (const event of streamEvents(request, content)) writeEvent(res, event);
        res.end();
        return;
      }
    }
  }

  function contentFor(reply: FakeReply, request: Json): Json[] {
    if (reply.kind === 'tool') {
      const tool = reply.name === undefined ? chosenTool(request) : findTool(request, reply.name);
      const name = reply.name ?? (typeof tool?.name === 'string' ? tool.name : 'tool');
      const input =
        reply.input === undefined ? autoInput(tool?.input_schema ?? { type: 'object' }) : reply.input;
      return [{ type: 'tool_use', id: `toolu_fake_${received}`, name, input, caller: { type: 'direct' } }];
    }
    return [{ type: 'text', text: reply.text ?? 'ok', citations: null }];
  }

  function message(request: Json, content: Json[], complete: boolean): Json {
    const usage = usageFor(request, content);
    const stopReason = content.some((block) => block.type === 'tool_use') ? 'tool_use' : 'end_turn';
    return {
      id: `msg_fake_${received}`,
      type: 'message',
      role: 'assistant',
      model: request.model,
      content: complete ? content : [],
      stop_reason: complete ? stopReason : null,
      stop_sequence: null,
      stop_details: null,
      container: null,
      diagnostics: null,
      usage: complete ? usage : { ...usage, output_tokens: Math.min(1, usage.output_tokens) },
    };
  }

  function streamEvents(request: Json, content: Json[]): Json[] {
    const complete = message(request, content, true);
    const usage = complete.usage as Usage;
    const events: Json[] = [{ type: 'message_start', message: message(request, content, false) }];
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
          stop_reason: complete.stop_reason,
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

function defaultFallback(body: unknown): FakeReply {
  const tool = isRecord(body) ? chosenTool(body) : undefined;
  if (typeof tool?.name !== 'string') return { kind: 'text', text: 'ok' };
  return { kind: 'tool', name: tool.name, input: autoInput(tool.input_schema) };
}

function chosenTool(request: Json): Json | undefined {
  const choice = request.tool_choice;
  if (isRecord(choice) && choice.type === 'tool' && typeof choice.name === 'string') {
    const forced = findTool(request, choice.name);
    if (forced) return forced;
  }
  const first: unknown = Array.isArray(request.tools) ? request.tools[0] : undefined;
  return isRecord(first) ? first : undefined;
}

function findTool(request: Json, name: string): Json | undefined {
  const tools: unknown[] = Array.isArray(request.tools) ? request.tools : [];
  return tools.filter(isRecord).find((tool) => tool.name === name);
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

/**
 * A minimal valid instance of a JSON schema: required properties only, strings "x", numbers 1 (moved
 * into minimum/maximum), booleans false, arrays of minItems items, enum/const -> the first value,
 * anyOf/oneOf -> the first non-null branch, allOf -> merged, local $refs resolved.
 */
export function autoInput(schema: unknown): unknown {
  return instanceOf(schema, schema, 0);
}

function instanceOf(schema: unknown, root: unknown, depth: number): unknown {
  if (!isRecord(schema) || depth > 40) return null;
  const next = (sub: unknown): unknown => instanceOf(sub, root, depth + 1);
  if (typeof schema.$ref === 'string') return next(resolveRef(root, schema.$ref));
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.length > 0) {
      const branch: unknown = branches.find((b) => !(isRecord(b) && b.type === 'null')) ?? branches[0];
      return next(branch);
    }
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    const values = schema.allOf.map(next);
    return values.every(isRecord) ? Object.assign({}, ...values) : values[0];
  }
  const types: unknown[] | undefined = Array.isArray(schema.type) ? schema.type : undefined;
  const declared: unknown = types ? (types.find((type) => type !== 'null') ?? 'null') : schema.type;
  const type: unknown =
    declared ??
    ('properties' in schema || 'required' in schema ? 'object' : 'items' in schema ? 'array' : undefined);
  switch (type) {
    case 'string':
      return stringOf(schema);
    case 'number':
    case 'integer':
      return numberOf(schema, type === 'integer');
    case 'boolean':
      return false;
    case 'array': {
      const count = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const prefix: unknown[] = Array.isArray(schema.prefixItems)
        ? schema.prefixItems
        : Array.isArray(schema.items)
          ? schema.items
          : [];
      return Array.from({ length: count }, (_, i) => next(i < prefix.length ? prefix[i] : schema.items));
    }
    case 'object': {
      const properties = isRecord(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required)
        ? schema.required.filter((k) => typeof k === 'string')
        : [];
      const extra = isRecord(schema.additionalProperties) ? schema.additionalProperties : {};
      return Object.fromEntries(required.map((key) => [key, next(properties[key] ?? extra)]));
    }
    default:
      return null;
  }
}

function stringOf(schema: Json): string {
  const formats: Record<string, string> = {
    'date-time': '1970-01-01T00:00:00Z',
    date: '1970-01-01',
    time: '00:00:00Z',
    email: 'x@example.com',
    uri: 'https://example.com/',
    url: 'https://example.com/',
    uuid: '00000000-0000-4000-8000-000000000000',
  };
  const formatted = typeof schema.format === 'string' ? formats[schema.format] : undefined;
  if (formatted !== undefined) return formatted;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 1;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  return 'x'.repeat(Math.min(Math.max(min, 1), max));
}

function numberOf(schema: Json, integer: boolean): number {
  let value = 1;
  const num = (key: string): number | undefined =>
    typeof schema[key] === 'number' ? schema[key] : undefined;
  const minimum = num('minimum');
  const exclusiveMinimum = num('exclusiveMinimum');
  const maximum = num('maximum');
  const exclusiveMaximum = num('exclusiveMaximum');
  if (minimum !== undefined && value < minimum) value = integer ? Math.ceil(minimum) : minimum;
  if (exclusiveMinimum !== undefined && value <= exclusiveMinimum)
    value = integer ? Math.floor(exclusiveMinimum) + 1 : exclusiveMinimum + 1;
  if (maximum !== undefined && value > maximum) value = integer ? Math.floor(maximum) : maximum;
  if (exclusiveMaximum !== undefined && value >= exclusiveMaximum)
    value = integer ? Math.ceil(exclusiveMaximum) - 1 : exclusiveMaximum - 1;
  return value;
}

function resolveRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const token of ref.slice(1).split('/').filter(Boolean)) {
    if (!isRecord(node)) return undefined;
    node = node[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

/**
 * A fallback for mlops-design's own prompts: the model calls the requested tool with the baseline
 * the prompt carries (between <baseline> tags), which is always a valid answer. A whole session then
 * runs through the model path and writes the same document as the offline co-pilot.
 */
export function echoBaseline(body: {
  tool_choice?: { name?: string };
  tools?: { name: string }[];
  messages?: { content: unknown }[];
}): FakeReply {
  const last = body.messages?.[body.messages.length - 1]?.content;
  const text = typeof last === 'string' ? last : JSON.stringify(last ?? '');
  const match = /<baseline>\n([\s\S]*?)\n<\/baseline>/.exec(text);
  const name = body.tool_choice?.name ?? body.tools?.[0]?.name ?? 'tool';
  return { kind: 'tool', name, input: match?.[1] ? (JSON.parse(match[1]) as unknown) : {} };
}
