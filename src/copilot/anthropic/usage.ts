/**
 * Token usage of a session and its estimated cost, from the dated model price table. Input tokens
 * are split as the API reports them: uncached, written to the cache, read from the cache.
 */
import { formatCount } from '../../estimation/index.js';
import type { ModelPrice } from './models.js';

export interface Usage {
  requests: number;
  inputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  outputTokens: number;
}

export const emptyUsage = (): Usage => ({
  requests: 0,
  inputTokens: 0,
  cacheWriteTokens: 0,
  cacheReadTokens: 0,
  outputTokens: 0,
});

export function addUsage(
  total: Usage,
  reported: {
    input_tokens?: number | null;
    output_tokens?: number | null;
    cache_creation_input_tokens?: number | null;
    cache_read_input_tokens?: number | null;
  },
): void {
  total.requests += 1;
  total.inputTokens += reported.input_tokens ?? 0;
  total.outputTokens += reported.output_tokens ?? 0;
  total.cacheWriteTokens += reported.cache_creation_input_tokens ?? 0;
  total.cacheReadTokens += reported.cache_read_input_tokens ?? 0;
}

export const allInputTokens = (usage: Usage): number =>
  usage.inputTokens + usage.cacheWriteTokens + usage.cacheReadTokens;

/** USD: input, cache writes, cache reads and output at their own rates. */
export function inputCost(usage: Usage, price: ModelPrice): number {
  return (
    (usage.inputTokens * price.input +
      usage.cacheWriteTokens * price.cache_write +
      usage.cacheReadTokens * price.cache_read) /
    1e6
  );
}

export function totalCost(usage: Usage, price: ModelPrice): number {
  return inputCost(usage, price) + (usage.outputTokens * price.output) / 1e6;
}

export function usageLine(usage: Usage, model: string, price: ModelPrice | undefined): string {
  const tokens = `${usage.requests} requests to ${model}: ${formatCount(allInputTokens(usage))} input tokens (${formatCount(usage.cacheReadTokens)} read from the cache, ${formatCount(usage.cacheWriteTokens)} written to it), ${formatCount(usage.outputTokens)} output tokens`;
  return price
    ? `${tokens}; estimated cost $${totalCost(usage, price).toFixed(4)} (list prices checked ${price.checked})`
    : `${tokens}; cost unpriced (${model} is not in the price table)`;
}
