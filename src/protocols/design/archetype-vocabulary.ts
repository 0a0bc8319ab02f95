/**
 * The words an archetype (references/archetypes/*.yaml) may use: the quantities its texts quote,
 * the units of its own parameters, and the engine's sizing rules with the inputs each one takes.
 * The catalogue is validated against these at build time, so a text can only quote a number the
 * engine computes, and a component can only be sized by a rule the engine has.
 */

/** How a quantity is shown: a rate, bytes, a count, a duration, a fraction or plain text. */
export type QuantityKind = 'rate' | 'bytes' | 'count' | 'seconds' | 'fraction' | 'text';

/** Quantities every design has, from the estimate and the answers. */
export const BASE_QUANTITIES = {
  /** Peak requests per second, reads plus writes. */
  peak_qps: 'rate',
  peak_writes: 'rate',
  peak_reads: 'rate',
  avg_writes: 'rate',
  avg_reads: 'rate',
  /** Daily active users (or the entity count the scale names). */
  users: 'count',
  /** Writes a day. */
  writes_per_day: 'count',
  write_size: 'bytes',
  read_size: 'bytes',
  storage_per_day: 'bytes',
  /** All copies over the retention period. */
  storage_total: 'bytes',
  /** One copy over the retention period. */
  data_per_copy: 'bytes',
  cache_memory: 'bytes',
  retention: 'seconds',
  /** The P99 target (seconds); 0 when none was stated. */
  p99: 'seconds',
  peak_factor: 'count',
  /** The access key the user named ("user_id"). */
  key: 'text',
} as const satisfies Record<string, QuantityKind>;

export type BaseQuantity = keyof typeof BASE_QUANTITIES;

/** Units of an archetype's own parameters (each shown with its reason in the document). */
export const PARAMETER_UNITS = {
  count: 'count',
  fraction: 'fraction',
  bytes: 'bytes',
  seconds: 'seconds',
  'per-second': 'rate',
  tokens: 'count',
} as const satisfies Record<string, QuantityKind>;

export type ParameterUnit = keyof typeof PARAMETER_UNITS;

/**
 * The engine's sizing rules and their inputs. An input is a product of factors (numbers, base
 * quantities or the archetype's parameters); an input left out takes its default.
 */
export const SIZING_RULES = {
  /** Stateless request-serving instances. */
  'app-instances': { requests: ['peak_qps'] },
  /** The system of record as decided (one relational primary, shards, or a partitioned store). */
  datastore: {},
  /** Cache nodes holding a hot set. */
  cache: { bytes: ['cache_memory'] },
  /** An in-memory keyed store (presence, counters, positions): keys x bytes, and its operations. */
  'in-memory': { keys: null, bytes_per_key: null, ops: null },
  /** A replicated log: brokers for the bytes, partitions for the consumers. */
  stream: { messages: ['peak_writes'], bytes_per_message: ['write_size'] },
  /** A managed queue, billed per request. */
  queue: { messages: ['peak_writes'] },
  /** Consumers of a queue or log. */
  workers: { messages: ['peak_writes'], per_worker: null },
  /** Long-lived client connections. */
  'connection-gateway': { connections: null },
  /** An inverted index: shards by bytes, replicas by queries. */
  'search-index': { documents: null, bytes_per_document: null, queries: ['peak_reads'] },
  /** An approximate-nearest-neighbour index held in memory. */
  'vector-index': { vectors: null, dimensions: null },
  /** GPU inference of a generative model: weights plus KV cache, tokens per second at peak. */
  'llm-serving': { requests: null, output_tokens: null, context_tokens: null, parameters: null },
  /** Embedding items (documents, queries) on GPUs. */
  embedding: { items: null },
  /** A batch job that must finish inside its window. */
  'batch-job': { records: null, window: null },
  /** CPU model servers for requests that call the model. */
  'model-serving': { requests: null },
  /** Object storage for payloads over the retention period. */
  'object-storage': { bytes: ['data_per_copy'] },
  /** A columnar store for events, hot and cold tiers. */
  'analytics-store': { bytes_per_day: ['storage_per_day'], hot_days: null },
  /** A small managed service billed as a few instances (scheduler, registry, monitoring). */
  managed: { instances: null },
} as const satisfies Record<string, Record<string, readonly string[] | null>>;

export type SizingRule = keyof typeof SIZING_RULES;
export const SIZING_RULE_IDS = Object.keys(SIZING_RULES) as [SizingRule, ...SizingRule[]];

/** The ML decisions a component can be conditional on. */
export const SERVING_MODES = ['online', 'batch'] as const;
