/**
 * Recording and replaying model exchanges. A cassette is JSONL, one exchange per line, keyed by the
 * step that asked ("propose:high-level.datastore"). Replay is strict and loud: a step with no
 * recorded reply is an error naming it, so a changed protocol cannot silently replay stale output.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { badInput } from '../../errors.js';
import { readInputFile } from '../../lib/read-input.js';
import type { MessagesClient, ModelResult, ReportedUsage } from './client.js';

interface Exchange {
  readonly key: string;
  readonly tool: string;
  readonly input: unknown;
  readonly usage: ReportedUsage;
}

export function recordingClient(inner: MessagesClient, path: string): MessagesClient {
  writeFileSync(path, '');
  return {
    async call(request) {
      const result = await inner.call(request);
      const exchange: Exchange = {
        key: request.key,
        tool: request.toolName,
        input: result.input,
        usage: result.usage,
      };
      appendFileSync(path, `${JSON.stringify(exchange)}\n`);
      return result;
    },
  };
}

export function replayClient(path: string): MessagesClient {
  const queues = new Map<string, Exchange[]>();
  readInputFile(path, 'cassette')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .forEach((line, index) => {
      let exchange: Exchange;
      try {
        exchange = JSON.parse(line) as Exchange;
      } catch {
        throw badInput(`${path}: line ${index + 1}: not a JSON exchange`);
      }
      if (typeof exchange.key !== 'string' || typeof exchange.tool !== 'string')
        throw badInput(`${path}: line ${index + 1}: expected "key" and "tool"`);
      queues.set(exchange.key, [...(queues.get(exchange.key) ?? []), exchange]);
    });
  return {
    call(request): Promise<ModelResult> {
      const exchange = queues.get(request.key)?.shift();
      if (!exchange)
        return Promise.reject(
          badInput(
            `${path}: no recorded reply for step ${request.key}; record the cassette again with --record`,
          ),
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
