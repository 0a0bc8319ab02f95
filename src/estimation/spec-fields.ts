/**
 * The inputs of `mlops-design estimate`, in one table: each has a flag (--writes-per-user), the
 * same name in snake_case for spec files (writes_per_user), a kind that says how it is parsed, and
 * an example. Flags, spec files, help and the JSON `inputs` all come from this table.
 */
import {
  parseCount,
  parseDuration,
  parseLatency,
  parsePercent,
  parsePrice,
  parseRate,
  parseRatio,
  parseSize,
} from './index.js';
import type { EstimateSpec } from './spec-types.js';
import { fail, ok, type Result } from '../lib/result.js';
import { outOfRange } from './reader/read.js';

type Kind =
  | 'rate'
  | 'count'
  | 'ratio'
  | 'number'
  | 'size'
  | 'duration'
  | 'percent'
  | 'fraction'
  | 'price'
  | 'milliseconds'
  | 'list'
  | 'multiples';

export interface Field {
  readonly key: keyof EstimateSpec;
  readonly flag: string;
  readonly snake: string;
  readonly kind: Kind;
  /** For prices: the unit the price must be per. */
  readonly per?: 'GB' | 'GB-month' | 'hour';
  readonly help: string;
}

const field = (key: keyof EstimateSpec, kind: Kind, help: string, per?: Field['per']): Field => ({
  key,
  kind,
  help,
  flag: key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`),
  snake: key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`),
  ...(per ? { per } : {}),
});

export const FIELDS: readonly Field[] = [
  field('writes', 'rate', 'write rate with its period, e.g. 10M/month, 500/s'),
  field('reads', 'rate', 'read rate with its period, e.g. 1B/day'),
  field('readWriteRatio', 'ratio', 'reads per write, e.g. 10 or 10:1'),
  field('dau', 'count', 'daily active users, e.g. 10M'),
  field('writesPerUser', 'rate', 'writes per user, e.g. 2/day'),
  field('readsPerUser', 'rate', 'reads per user, e.g. 20/day'),
  field('writeSize', 'size', 'size of one write, e.g. 1KB (SI; KiB for 1024)'),
  field('readSize', 'size', 'size of one read response (default: the write size)'),
  field('retention', 'duration', 'how long data is kept, e.g. 5y, 90d'),
  field('replication', 'number', 'stored copies (default 1)'),
  field('peakFactor', 'number', 'peak over average traffic (default 2)'),
  field('perServerQps', 'number', 'requests per second one server handles'),
  field('targetUtilization', 'fraction', 'target utilisation, e.g. 0.6 or 60% (default 1)'),
  field('connections', 'count', 'concurrent connections, e.g. 1M'),
  field('connectionsPerServer', 'count', 'connections one server holds, e.g. 50K'),
  field('cacheFraction', 'fraction', "share of a day's read volume to cache (default 0.2)"),
  field('storagePrice', 'price', 'storage price, e.g. $0.023/GB-month (default: price table)', 'GB-month'),
  field('egressPrice', 'price', 'egress price, e.g. $0.09/GB (default: price table)', 'GB'),
  field('serverPrice', 'price', 'price of one server, e.g. $0.20/hour (default: price table)', 'hour'),
  field('gpuPrice', 'price', 'price of one GPU, e.g. $1.00/hour (default: price table)', 'hour'),
  field('gpuHours', 'number', 'GPU hours to price, e.g. 500'),
  field('availability', 'percent', 'availability target, e.g. 99.9%'),
  field('latencyBudget', 'milliseconds', 'P99 latency budget in ms, e.g. 200'),
  field('path', 'list', 'request path to split the budget across, e.g. gateway,service,cache,db'),
  field('trainingExamples', 'count', 'training examples, e.g. 500M'),
  field('exampleSize', 'size', 'size of one training example, e.g. 2KB'),
  field('entities', 'count', 'entities in the feature store, e.g. 50M'),
  field('features', 'count', 'features per entity, e.g. 200'),
  field('bytesPerFeature', 'size', 'bytes per feature value, e.g. 8B'),
  field('modelLatency', 'milliseconds', 'model inference time per batch in ms, e.g. 20'),
  field('batchSize', 'count', 'requests per inference batch (default 1)'),
  field('growth', 'multiples', 'recompute at these multiples, e.g. 10x,100x'),
];

export const FIELD_BY_SNAKE: ReadonlyMap<string, Field> = new Map(FIELDS.map((f) => [f.snake, f]));

const number = (text: string, what: string): Result<number> => {
  const value = Number(text.replace(/[,_]/g, ''));
  if (text.trim() === '' || Number.isNaN(value)) return fail(`expected ${what}, got "${text}"`);
  const tooLarge = outOfRange(value, text.trim());
  return tooLarge === undefined ? ok(value) : fail(tooLarge);
};

/** Parses one input as written (a flag value, or a spec-file value turned into text). */
export function parseField(f: Field, text: string): Result<unknown> {
  const trimmed = text.trim();
  switch (f.kind) {
    case 'rate':
      return parseRate(trimmed);
    case 'count':
      return parseCount(trimmed);
    case 'ratio':
      return parseRatio(trimmed);
    case 'number':
      return number(trimmed, 'a number, e.g. 3');
    case 'size':
      return parseSize(trimmed);
    case 'duration':
      return parseDuration(trimmed);
    case 'percent':
      // 0.999 without a % sign would read as 0.999%: almost certainly a fraction meant as 99.9%.
      if (!trimmed.endsWith('%') && Number(trimmed) < 1) {
        return fail(`"${trimmed}" would mean ${trimmed}%; write the target as a percentage, e.g. 99.9%`);
      }
      return parsePercent(trimmed);
    case 'fraction':
      return trimmed.endsWith('%')
        ? parsePercent(trimmed)
        : number(trimmed, 'a fraction like 0.6 or a percentage like 60%');
    case 'price': {
      if (/^\$?\d[\d.,]*$/.test(trimmed))
        return number(trimmed.replace('$', ''), `a price per ${f.per ?? 'unit'}`);
      const price = parsePrice(trimmed);
      if (!price.ok) return price;
      return price.value.per === f.per
        ? ok(price.value.usd)
        : fail(`expected a price per ${f.per ?? 'unit'}, e.g. $0.02/${f.per ?? 'GB'}, got "${trimmed}"`);
    }
    case 'milliseconds':
      // A bare number is milliseconds (the flag says MS); "0.2s" and "200ms" are read with their unit.
      return /^\d[\d.,]*$/.test(trimmed) ? msToSeconds(trimmed) : parseLatency(trimmed);
    case 'list': {
      const items = trimmed
        .split(',')
        .map((item) => item.trim().toLowerCase())
        .filter(Boolean);
      return items.length > 0
        ? ok(items)
        : fail('expected a comma-separated list, e.g. gateway,service,cache,db');
    }
    case 'multiples': {
      const items = trimmed.split(',').map((item) => Number(item.trim().replace(/x$/i, '')));
      return items.length > 0 && items.every((k) => k > 0 && outOfRange(k, trimmed) === undefined)
        ? ok(items)
        : fail(`expected multiples like "10x,100x", got "${trimmed}"`);
    }
  }
}

function msToSeconds(text: string): Result<number> {
  const ms = Number(text.replace(/,/g, ''));
  if (Number.isNaN(ms)) return fail(`expected milliseconds, got "${text}"`);
  const tooLarge = outOfRange(ms, text);
  return tooLarge === undefined ? ok(ms / 1000) : fail(tooLarge);
}

/** A spec written with snake_case keys and textual values ("writes: 100M/month"), as in spec files. */
export function specFromSnake(values: Readonly<Record<string, string | number>>): Result<EstimateSpec> {
  const spec: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const f = FIELD_BY_SNAKE.get(key);
    if (!f) return fail(`${key}: not an estimate input`);
    const parsed = parseField(f, String(value));
    if (!parsed.ok) return fail(`${key}: ${parsed.error}`);
    spec[f.key] = parsed.value;
  }
  return ok(spec as EstimateSpec);
}
