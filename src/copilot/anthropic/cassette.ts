/**
 * Recording and replaying model exchanges. A cassette is JSONL: a header line saying what it was
 * recorded for (the protocol, the co-pilot's settings, the answers), then one exchange per line,
 * keyed by the step that asked ("propose:high-level.datastore"). Replay is strict and loud: a
 * cassette recorded for other answers, another model or another protocol is refused before the
 * first question, naming the first step that differs; a step with no recorded reply is an error
 * naming it, so a changed protocol cannot silently replay stale output.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import { badInput } from '../../errors.js';
import { readInputFile } from '../../lib/read-input.js';
import { ioFailure } from '../../output/io-errors.js';
import type { MessagesClient, ModelResult, ReportedUsage } from './client.js';

export const CASSETTE_FORMAT = 2;

/** What a recording is for: a replay for anything else is refused. */
export interface CassetteSubject {
  /** The protocol's id and a fingerprint of its steps ("design@3f2a..."). */
  readonly protocol: string;
  /** The co-pilot's settings that shape its output. */
  readonly settings: { readonly model: string };
  /** The answers file as parsed, or null for a session answered at the terminal. */
  readonly answers: Readonly<Record<string, unknown>> | null;
}

/** A client that must hear what the session is for before its first call. */
export type Cassetted = MessagesClient & { readonly begin: (subject: CassetteSubject) => void };

interface Header {
  readonly mlops_design_cassette: number;
  /** sha256 of the canonical JSON of the subject. */
  readonly digest: string;
  readonly protocol: string;
  readonly settings: { readonly model: string };
  /** A digest per answer ("answers.requirements.functional"), to name the first one that differs. */
  readonly answers: Readonly<Record<string, string>> | null;
}

interface Exchange {
  readonly key: string;
  readonly tool: string;
  readonly input: unknown;
  readonly usage: ReportedUsage;
}

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  // Parsed answers hold only JSON values; undefined (no JSON of its own) is written as null.
  return value === undefined ? 'null' : JSON.stringify(value);
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** One digest per answer: top-level keys as they are, mappings (answers, followups) per id. */
function answerDigests(answers: Readonly<Record<string, unknown>>): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const [key, value] of Object.entries(answers)) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [id, item] of Object.entries(value as Record<string, unknown>))
        digests[`${key}.${id}`] = sha256(canonicalJson(item)).slice(0, 16);
    } else if (value !== undefined) digests[key] = sha256(canonicalJson(value)).slice(0, 16);
  }
  return digests;
}

export function cassetteHeader(subject: CassetteSubject): Header {
  return {
    mlops_design_cassette: CASSETTE_FORMAT,
    digest: sha256(canonicalJson(subject)),
    protocol: subject.protocol,
    settings: subject.settings,
    answers: subject.answers === null ? null : answerDigests(subject.answers),
  };
}

/**
 * Writes exchanges as they come, after the header that `begin` writes once the answers are known.
 * The place was checked before the session started (see checkRecordTarget).
 */
export function recordingClient(inner: MessagesClient, path: string): Cassetted {
  const write = (text: string, append: boolean): void => {
    try {
      if (append) appendFileSync(path, text);
      else writeFileSync(path, text);
    } catch (error) {
      throw ioFailure(error, path) ?? error;
    }
  };
  let begun = false;
  return {
    begin(subject) {
      write(`${JSON.stringify(cassetteHeader(subject))}\n`, false);
      begun = true;
    },
    async call(request) {
      const result = await inner.call(request);
      if (!begun) throw new Error('a cassette exchange before its header');
      const exchange: Exchange = {
        key: request.key,
        tool: request.toolName,
        input: result.input,
        usage: result.usage,
      };
      write(`${JSON.stringify(exchange)}\n`, true);
      return result;
    },
  };
}

interface Cassette {
  readonly header: Header;
  readonly exchanges: readonly Exchange[];
}

const RECORD_AGAIN = 'record the cassette again with --record';

function readCassette(path: string): Cassette {
  const lines = readInputFile(path, 'cassette').split('\n');
  const parsed = lines.flatMap((line, index) => {
    if (line.trim() === '') return [];
    try {
      return [{ line: index + 1, value: JSON.parse(line) as unknown }];
    } catch {
      throw badInput(`${path}: line ${index + 1}: not a JSON line`);
    }
  });
  const [first, ...rest] = parsed;
  const header = first?.value as Partial<Header> | null | undefined;
  if (
    typeof header !== 'object' ||
    header === null ||
    header.mlops_design_cassette !== CASSETTE_FORMAT ||
    typeof header.digest !== 'string' ||
    typeof header.protocol !== 'string' ||
    typeof header.settings?.model !== 'string' ||
    typeof header.answers !== 'object'
  )
    throw badInput(
      `${path}: line 1: expected a cassette header (format ${CASSETTE_FORMAT}) saying what it was recorded for`,
      [],
      `Cassettes of an older format cannot be checked against the answers: ${RECORD_AGAIN}.`,
    );
  const exchanges = rest.map(({ line, value }) => {
    const exchange = value as Partial<Exchange> | null;
    if (typeof exchange?.key !== 'string' || typeof exchange.tool !== 'string')
      throw badInput(`${path}: line ${line}: expected an exchange with "key" and "tool"`);
    return exchange as Exchange;
  });
  return { header: header as Header, exchanges };
}

/** Why this cassette cannot be replayed for this subject, naming the first thing that differs. */
function mismatch(cassette: Cassette, subject: CassetteSubject): string | undefined {
  const { header } = cassette;
  const now = cassetteHeader(subject);
  if (now.digest === header.digest) return undefined;
  if (header.protocol !== now.protocol)
    return `was recorded for protocol ${header.protocol}, and this run is ${now.protocol}`;
  if (header.settings.model !== now.settings.model)
    return `was recorded with model ${header.settings.model}, and this run uses ${now.settings.model} (--model)`;
  if (header.answers === null || now.answers === null)
    return header.answers === null
      ? 'was recorded at the terminal, and this run reads an answers file'
      : 'was recorded from an answers file; replay it with that file (--answers)';
  const recorded = header.answers;
  const current = now.answers;
  // In the recorded file's order (the order a session takes its answers: title, scope, then the
  // answers as written), then any answer only this file has. Exchanges are keyed by phase and
  // step, not by answer, so they say nothing about the order.
  const order = [...new Set([...Object.keys(recorded), ...Object.keys(current)])];
  const first = order.find((id) => recorded[id] !== current[id]);
  if (first === undefined) return 'was recorded for other settings';
  const step = first.replace(/^answers\./, '');
  const how =
    recorded[first] === undefined
      ? 'is answered here but was not when it was recorded'
      : current[first] === undefined
        ? 'was answered when it was recorded but is not here'
        : 'has a different answer from the one it was recorded with';
  return `was recorded for different answers: step ${step} ${how}`;
}

export function replayClient(path: string): Cassetted {
  const cassette = readCassette(path);
  const queues = new Map<string, Exchange[]>();
  for (const exchange of cassette.exchanges)
    queues.set(exchange.key, [...(queues.get(exchange.key) ?? []), exchange]);
  return {
    begin(subject) {
      const why = mismatch(cassette, subject);
      if (why !== undefined)
        throw badInput(
          `${path}: this cassette ${why}`,
          [],
          `Replay it with what it was recorded for, or ${RECORD_AGAIN}.`,
        );
    },
    call(request): Promise<ModelResult> {
      const exchange = queues.get(request.key)?.shift();
      if (!exchange)
        return Promise.reject(
          badInput(`${path}: no recorded reply for step ${request.key}; ${RECORD_AGAIN}`),
        );
      if (exchange.tool !== request.toolName)
        return Promise.reject(
          badInput(
            `${path}: step ${request.key} was recorded with tool ${exchange.tool}, but asks for ${request.toolName}`,
          ),
        );
      return Promise.resolve({ input: exchange.input, usage: exchange.usage, requestId: 'replay' });
    },
  };
}
