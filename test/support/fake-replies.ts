/**
 * The replies of the fake Messages API and the fallbacks that choose them when its queue is empty:
 * the minimal valid answer (the default), the baseline echoed back (echoBaseline), an answer valid by
 * the tool's schema alone (schemaOnly) and a plausible rewording of the baseline (plausible).
 */
import { plausibleInput } from './fake-plausible.js';
import { autoInput, hashOf, isRecord, schemaOnlyInput, type Json } from './fake-schema.js';

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

/** The tool forced by tool_choice, else the first tool. */
export function chosenTool(request: Json): Json | undefined {
  const choice = request.tool_choice;
  if (isRecord(choice) && choice.type === 'tool' && typeof choice.name === 'string') {
    const forced = findTool(request, choice.name);
    if (forced) return forced;
  }
  const first: unknown = Array.isArray(request.tools) ? request.tools[0] : undefined;
  return isRecord(first) ? first : undefined;
}

export function findTool(request: Json, name: string): Json | undefined {
  const tools: unknown[] = Array.isArray(request.tools) ? request.tools : [];
  return tools.filter(isRecord).find((tool) => tool.name === name);
}

/** The name tool_choice forces, or '' when the request forces none. */
export function forcedToolName(request: Json): string {
  const choice = request.tool_choice;
  return isRecord(choice) && choice.type === 'tool' && typeof choice.name === 'string' ? choice.name : '';
}

export function defaultFallback(body: unknown): FakeReply {
  const tool = isRecord(body) ? chosenTool(body) : undefined;
  if (typeof tool?.name !== 'string') return { kind: 'text', text: 'ok' };
  return { kind: 'tool', name: tool.name, input: autoInput(tool.input_schema) };
}

/**
 * The JSON between `<baseline>\n` and `\n</baseline>` in the last message: its content as a string,
 * or its text blocks joined by newlines.
 */
function baselineOf(body: { messages?: { content: unknown }[] }): unknown {
  const last = body.messages?.[body.messages.length - 1]?.content;
  const text =
    typeof last === 'string'
      ? last
      : Array.isArray(last)
        ? last
            .map((block) => (isRecord(block) && typeof block.text === 'string' ? block.text : ''))
            .join('\n')
        : '';
  const match = /<baseline>\n([\s\S]*?)\n<\/baseline>/.exec(text);
  return match?.[1] ? (JSON.parse(match[1]) as unknown) : undefined;
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
  const name = body.tool_choice?.name ?? body.tools?.[0]?.name ?? 'tool';
  return { kind: 'tool', name, input: baselineOf(body) ?? {} };
}

/**
 * A fallback answering as a model that follows the tool's JSON Schema and ignores every instruction:
 * the forced tool called with schemaOnlyInput of its schema, seeded by a hash of the request body (so
 * the same request always gets the same answer). A request without tools gets placeholder text.
 */
export function schemaOnly(body: unknown): FakeReply {
  const seed = hashOf(JSON.stringify(body ?? null));
  const tool = isRecord(body) ? chosenTool(body) : undefined;
  if (typeof tool?.name !== 'string') {
    return { kind: 'text', text: `stand-in text ${10 + (seed % 90)} with 3.7x headroom for node-7` };
  }
  return { kind: 'tool', name: tool.name, input: schemaOnlyInput(tool.input_schema, seed) };
}

/**
 * A fallback answering as a model that follows the instructions: the forced tool called with the
 * request's baseline, its prose reworded (plausibleInput, openers in PLAUSIBLE_OPENERS) and every
 * id, value and number kept. A request without a baseline gets the default answer.
 */
export function plausible(body: unknown): FakeReply {
  const request = isRecord(body) ? body : {};
  const baseline = baselineOf(request);
  const tool = chosenTool(request);
  if (baseline === undefined || typeof tool?.name !== 'string') return defaultFallback(body);
  return { kind: 'tool', name: tool.name, input: plausibleInput(baseline, tool.input_schema) };
}
