/**
 * The one module that talks to @anthropic-ai/sdk, imported on the first model call so commands
 * that never call a model never load it. It streams each request (an idle watchdog ends a stalled
 * stream), lets the SDK retry what it retries (408, 409, 429, 5xx, 529 and connection errors, with
 * backoff and retry-after), retries once more an error in the middle of a stream (nothing has been
 * shown yet: outputs are shown only once complete), and translates every failure into the project's
 * own errors. The API key (or token) is passed to the SDK and never appears in any message.
 */
import { AppError, ExitCode, interruptionOf } from '../../errors.js';
import { redact } from '../../lib/redact.js';
import { sanitize } from '../../lib/sanitize.js';
import type { SystemBlock } from './prompts.js';

export interface ModelTool {
  readonly name: string;
  readonly description: string;
  readonly input_schema: Record<string, unknown>;
}

export interface ModelCall {
  /** Which step asks ("propose:high-level.datastore"): recordings are keyed by it. */
  readonly key: string;
  readonly model: string;
  readonly system: readonly SystemBlock[];
  readonly user: string;
  /**
   * Every tool of the protocol, in a fixed order, on every request: tools are the start of the
   * cached prompt prefix, so sending only the step's tool would break the cache on every turn.
   */
  readonly tools: readonly ModelTool[];
  /** The tool this step must call. */
  readonly toolName: string;
  /** A prose field of the tool's input to stream as it arrives (e.g. a proposal's "explain"). */
  readonly proseField?: string;
  /** Receives each new piece of that field's text. */
  readonly onProse?: (text: string) => void;
  readonly maxTokens: number;
}

export interface ReportedUsage {
  readonly input_tokens?: number | null;
  readonly output_tokens?: number | null;
  readonly cache_creation_input_tokens?: number | null;
  readonly cache_read_input_tokens?: number | null;
}

export interface ModelResult {
  /** The tool input the model produced (not yet validated). */
  readonly input: unknown;
  readonly usage: ReportedUsage;
  readonly requestId: string | null;
}

export interface MessagesClient {
  call(request: ModelCall): Promise<ModelResult>;
}

/** Something was shown while the request streamed: retrying would show it twice. */
class ShownError extends Error {
  constructor(readonly original: unknown) {
    super('failed after part of the answer was shown');
  }
}

/** One credential: an API key, or a bearer token (ANTHROPIC_AUTH_TOKEN, as gateways often use). */
export type Credential = { readonly apiKey: string } | { readonly authToken: string };

export type ClientOptions = Credential & ClientSettings;

interface ClientSettings {
  /** Defaults to ANTHROPIC_BASE_URL, as the SDK does, else the public API. */
  readonly baseURL?: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  /** A stream with no event for this long is ended and counts as a failed attempt. */
  readonly idleMs: number;
  /** Called with true while a request is outstanding (for a spinner). */
  readonly onWait?: (waiting: boolean) => void;
  /**
   * The session's signal (SIGINT, SIGTERM): it ends a request in flight and the SDK's retry
   * back-off at once, and the call then fails with Interrupted, never as an unavailable API.
   */
  readonly signal?: AbortSignal;
}

type Sdk = typeof import('@anthropic-ai/sdk');

export function createMessagesClient(options: ClientOptions): MessagesClient {
  let sdk: Promise<Sdk> | undefined;
  let client: InstanceType<Sdk['default']> | undefined;
  const connect = async (): Promise<{ module: Sdk; client: InstanceType<Sdk['default']> }> => {
    const module = await (sdk ??= import('@anthropic-ai/sdk'));
    client ??= new module.default({
      ...('apiKey' in options ? { apiKey: options.apiKey } : { authToken: options.authToken }),
      ...(options.baseURL ? { baseURL: options.baseURL } : {}),
      timeout: options.timeoutMs,
      maxRetries: options.maxRetries,
      logLevel: 'off',
    });
    return { module, client };
  };

  const attempt = async (request: ModelCall): Promise<ModelResult> => {
    const { client: anthropic } = await connect();
    const controller = new AbortController();
    const stop = options.signal;
    // The SDK takes one signal: it aborts for a stall (the idle watchdog below) or for the session.
    const signal = stop ? AbortSignal.any([controller.signal, stop]) : controller.signal;
    let idle: NodeJS.Timeout | undefined;
    const arm = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        controller.abort(new Error('idle'));
      }, options.idleMs);
    };
    const stream = anthropic.messages.stream(
      {
        model: request.model,
        max_tokens: request.maxTokens,
        system: request.system.map((block) => ({ ...block })),
        messages: [{ role: 'user', content: request.user }],
        tools: request.tools.map((tool) => ({
          ...tool,
          input_schema: { type: 'object' as const, ...tool.input_schema },
        })),
        tool_choice: { type: 'tool', name: request.toolName },
      },
      { signal },
    );
    arm();
    stream.on('streamEvent', arm);
    let streamed = '';
    const field = request.proseField;
    const onProse = request.onProse;
    if (field && onProse) {
      // The SDK's snapshot leaves a string out until it is complete, so read the field's text from
      // the raw partial JSON as it grows.
      let raw = '';
      stream.on('inputJson', (partial) => {
        raw += partial;
        const text = partialStringField(raw, field);
        if (text !== undefined && text.length > streamed.length) {
          onProse(text.slice(streamed.length));
          streamed = text;
        }
      });
    }
    try {
      const message = await stream.finalMessage().catch((error: unknown) => {
        throw streamed.length > 0 ? new ShownError(error) : error;
      });
      const block = message.content.find(
        (content) => content.type === 'tool_use' && content.name === request.toolName,
      );
      return {
        input: block?.type === 'tool_use' ? block.input : undefined,
        usage: message.usage,
        requestId: stream.request_id ?? null,
      };
    } finally {
      clearTimeout(idle);
    }
  };

  return {
    async call(request) {
      options.onWait?.(true);
      try {
        try {
          return await attempt(request);
        } catch (error) {
          // The SDK has retried what it could before the stream started; an error in the middle
          // of a stream, or a stall, gets one more attempt, as nothing has been shown yet.
          // An overload or stall after prose was shown is not retried: the person has seen it.
          if (isAuthFailure(error) || error instanceof ShownError || options.signal?.aborted) throw error;
          return await attempt(request);
        }
      } catch (error) {
        // Whatever the SDK made of the abort (a user abort, a failed connection), it was the signal.
        throw interruptionOf(options.signal) ?? translate(error);
      } finally {
        options.onWait?.(false);
      }
    },
  };
}

interface ApiErrorLike {
  readonly status?: number;
  readonly requestID?: string | null;
  readonly error?: { readonly error?: { readonly type?: string } };
  readonly name?: string;
}

function isAuthFailure(error: unknown): boolean {
  const status = (error as ApiErrorLike | undefined)?.status;
  return status === 401 || status === 403;
}

/** SDK errors become the project's: 401/403 exit 78 with what to do, everything else 75 with the request id. */
export function translate(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ShownError) return translate(error.original);
  const e = (error ?? {}) as ApiErrorLike;
  // The request id and error type are the server's (or a gateway's) text: shown clean and key-free.
  const shown = (text: unknown): string =>
    typeof text === 'string' ? redact(sanitize(text)).slice(0, 100) : '';
  const request = shown(e.requestID) ? `; request ${shown(e.requestID)}` : '';
  const type = shown(e.error?.error?.type);
  if (e.status === 401 || e.status === 403) {
    return new AppError(
      ExitCode.config,
      `the Anthropic API refused the key (${e.status}${type ? ` ${type}` : ''}${request})`,
      'Check ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN (and ANTHROPIC_BASE_URL if you use a gateway), or run with --copilot offline.',
    );
  }
  const what = e.status
    ? `HTTP ${e.status}${type ? ` ${type}` : ''}`
    : e.name === 'APIConnectionTimeoutError'
      ? 'timed out'
      : e.name === 'APIUserAbortError'
        ? 'the stream stalled'
        : 'the connection failed';
  return new AppError(
    ExitCode.llmUnavailable,
    `the Anthropic API is unavailable after retries (${what}${request})`,
    'Try again later, or run with --copilot offline.',
  );
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * The decoded text so far of a top-level string field in partial JSON (`{"explain":"The sys`),
 * stopping before an escape that has not fully arrived. Undefined until the field's string starts.
 */
export function partialStringField(json: string, field: string): string | undefined {
  const start = new RegExp(`"${field}"\\s*:\\s*"`).exec(json);
  if (!start) return undefined;
  let text = '';
  for (let i = start.index + start[0].length; i < json.length; i++) {
    const char = json[i] ?? '';
    if (char === '"') break;
    if (char !== '\\') {
      text += char;
      continue;
    }
    const next = json[i + 1];
    if (next === undefined) break;
    if (next === 'u') {
      const hex = json.slice(i + 2, i + 6);
      if (hex.length < 4) break;
      text += String.fromCharCode(Number.parseInt(hex, 16));
      i += 5;
    } else {
      text += ESCAPES[next] ?? next;
      i += 1;
    }
  }
  return text;
}
