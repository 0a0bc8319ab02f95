/**
 * The design protocol's decisions as values: each decision's own enumeration, the words that read
 * as each value when someone answers in their own words, and when each value is the better choice.
 * Proposals offer two of these values; the architecture, the rules, the tradeoff records and the
 * document switch on the value recorded, never on a label or the user's words.
 */
import type { DecisionValue } from '../../protocol/types.js';

const v = <V extends string>(
  value: V,
  name: string,
  phrases: readonly string[],
  winsWhen?: string,
): DecisionValue & { readonly value: V } => ({
  value,
  name,
  phrases,
  ...(winsWhen ? { winsWhen } : {}),
});

// "Postgres", "PostgreSQL", "PG" and the managed relational offerings.
const RELATIONAL = String.raw`postgres(?:ql)?|mysql|mariadb|aurora|rds|cloud sql|relational(?: database| db)?|sql server|pg`;

export const ARCHITECTURE_VALUES = [
  v(
    'modular-monolith',
    'a modular monolith',
    [
      String.raw`(?:modular )?monolith(?:ic)?`,
      String.raw`(?:a |one )?single (?:service|deployable|app(?:lication)?)`,
      String.raw`one (?:service|deployable|app(?:lication)?|codebase)`,
      String.raw`keep it (?:as )?one`,
    ],
    'one team owns the product and its parts share one scaling profile',
  ),
  v(
    'microservices',
    'microservices',
    [
      String.raw`micro[- ]?services?`,
      String.raw`(?:a )?service per (?:\w+ ){0,2}\w+`,
      String.raw`split (?:it )?into (?:several |separate |many )?services`,
      String.raw`separate services`,
    ],
    'separate teams own parts of the product and release on their own cadence, or one part needs 10x the instances or a GPU',
  ),
] as const;

export const DATASTORE_VALUES = [
  v(
    'relational',
    'a relational primary with a standby (PostgreSQL)',
    [RELATIONAL, String.raw`(?:a )?single primary`, String.raw`one primary`],
    'writes stay under about 5K/s and data under about 5 TB, and multi-record transactions matter',
  ),
  v(
    'relational-sharded',
    'a sharded relational store',
    [
      String.raw`(?:${RELATIONAL})(?:\W+\w+){0,2}\W+shard(?:ed|ing|s)?`,
      String.raw`shard(?:ed|ing)?(?:\W+\w+){0,2}\W+(?:${RELATIONAL})`,
      'citus',
      'vitess',
    ],
    'relational queries and transactions within a key matter more than elastic scaling',
  ),
  v(
    'distributed-sql',
    'a distributed SQL database',
    [
      String.raw`distributed sql`,
      String.raw`new ?sql`,
      'spanner',
      String.raw`cockroach(?:db)?`,
      String.raw`yugabyte(?:db)?`,
      'tidb',
    ],
    'transactions must span keys that live on different shards',
  ),
  v(
    'wide-column',
    'a partitioned wide-column store',
    [String.raw`wide[- ]column(?: store)?`, 'cassandra', String.raw`scylla(?:db)?`, 'bigtable', 'hbase'],
    'writes pass about 5K/s or data about 5 TB, every hot query is by key, and eventual consistency is acceptable',
  ),
  v(
    'key-value',
    'a managed key-value store',
    [
      String.raw`key[- ]value(?: store| database)?`,
      String.raw`dynamo(?:db)?`,
      String.raw`kv store`,
      'foundationdb',
      'riak',
    ],
    'writes pass about 5K/s or data about 5 TB, and every hot query is by key',
  ),
  v(
    'document',
    'a document store',
    [String.raw`document (?:store|database|db)`, String.raw`mongo(?:db)?`, 'couchbase', 'firestore'],
    'records are self-contained documents read whole by key, and their shape changes often',
  ),
] as const;

export const CACHE_VALUES = [
  v(
    'none',
    'no cache',
    [
      String.raw`no(?:t a)? cach(?:e|ing)`,
      String.raw`(?:skip|drop|without|avoid|forget|defer)(?: the| a| any)? cach(?:e|ing)`,
      String.raw`(?:don'?t|do not|won'?t|will not) (?:need (?:a |any )?|add (?:a |any )?|use (?:a |any )?)?cach(?:e|ing)`,
      String.raw`(?:straight|directly) (?:from|to) the (?:datastore|database|db)`,
      'none',
      'no',
    ],
    'reads are fewer than about 5 per write, or every read must see the latest write',
  ),
  v(
    'cache-aside',
    'a cache-aside cache (Redis)',
    [
      String.raw`cache[- ]aside`,
      String.raw`lazy[- ]load(?:ing)?`,
      'redis',
      'memcached?',
      'valkey',
      String.raw`(?:a |an in-memory |read )?cach(?:e|ing)`,
      'yes',
    ],
    'reads pass about 2K/s or 5 per write and a few seconds of staleness is acceptable',
  ),
  v(
    'write-through',
    'a write-through cache',
    [String.raw`write[- ]through(?: cache)?`],
    'reads must see recent writes from the cache, and every write can afford a second write',
  ),
] as const;

export const WRITE_PATH_VALUES = [
  v(
    'synchronous',
    'synchronous writes to the datastore',
    [
      String.raw`synchronous(?:ly)?`,
      String.raw`sync(?: writes?)?`,
      String.raw`(?:write|commit)s? (?:directly|straight) (?:to|into) the (?:datastore|database|db)`,
      String.raw`in the request`,
      String.raw`no (?:queue|stream|kafka)`,
      String.raw`(?:skip|without|drop) the (?:queue|stream|log)`,
    ],
    'peaks stay under about 2K writes/s and a write must be visible the moment it returns',
  ),
  v(
    'queue',
    'a durable work queue',
    [
      String.raw`(?:message |work |durable |task )?queue`,
      'sqs',
      String.raw`rabbit(?:mq)?`,
      String.raw`pub/?sub`,
      String.raw`service bus`,
      'celery',
    ],
    'writes peak above about 2K/s or 4x the average and need no ordering beyond per-message retries',
  ),
  v(
    'stream',
    'a replicated log (stream)',
    [
      'kafka',
      String.raw`kinesis(?: stream)?`,
      'pulsar',
      'redpanda',
      String.raw`(?:event |replicated |append-only |commit )?log`,
      String.raw`(?:event |data )?stream`,
    ],
    'writes peak above about 2K/s or 4x the average, writes for one key must stay ordered, or other consumers replay them',
  ),
] as const;

export const SERVING_VALUES = [
  v(
    'online',
    'online inference per request',
    [
      String.raw`online(?: inference| serving| scoring)?`,
      String.raw`per[- ]request`,
      String.raw`real[- ]?time(?: inference| serving| scoring)?`,
      String.raw`model serv(?:er|ing)`,
    ],
    "predictions must use the request's own context within the latency budget",
  ),
  v(
    'optimised-online',
    'optimised online inference (compressed model, in-process or at the edge)',
    [
      String.raw`optimi[sz]ed(?: online)?(?: inference)?`,
      String.raw`(?:at|on) the edge`,
      'edge',
      String.raw`in[- ]process`,
      String.raw`quanti[sz]ed?`,
      String.raw`distill?ed`,
    ],
    'the P99 leaves no room for a network hop plus a full model',
  ),
  v(
    'batch',
    'batch scoring, looked up at request time',
    [
      String.raw`batch(?: scoring| inference| predictions?)?`,
      String.raw`precomput(?:e|ed|ing)(?: predictions)?`,
      String.raw`offline(?: scoring| inference)?`,
      'nightly',
    ],
    'predictions may be an hour or more old',
  ),
] as const;

export const FEATURE_VALUES = [
  v(
    'streaming',
    'streaming features into a feature store',
    [String.raw`stream(?:ing)?(?: features)?`, 'flink', String.raw`real[- ]?time(?: features)?`, 'kafka'],
    'features must be fresher than about 5 minutes',
  ),
  v(
    'batch',
    'batch features on a schedule',
    [
      String.raw`batch(?: features)?`,
      String.raw`nightly`,
      String.raw`(?:on a )?schedul(?:e|ed)`,
      String.raw`daily`,
      String.raw`warehouse`,
    ],
    'features may be a day old',
  ),
] as const;

/**
 * The archetype decision picks archetypes of the catalogue (items); its one value of its own is a
 * plain request/response service, the design with no archetype's components.
 */
export const ARCHETYPE_VALUES = [
  v(
    'plain',
    'a plain request/response service',
    [
      String.raw`plain(?: request[/ -]response)?(?: service)?`,
      String.raw`(?:a )?generic (?:service|api|design)`,
      String.raw`none of (?:these|them|the above)`,
      String.raw`no archetype`,
    ],
    'no archetype matches the requirements better than an API over one datastore',
  ),
] as const;

export const FOCUS_VALUES = [
  v('ranked', 'the top-ranked components', [String.raw`top[- ]ranked`, 'the top three', 'highest risk']),
  v('next-ranked', 'the next-ranked components', [String.raw`next[- ]ranked`, 'the next three']),
] as const;

export const CONSISTENCY_VALUES = [
  v(
    'cp',
    'consistency first (CP)',
    [
      String.raw`cp`,
      String.raw`consisten(?:cy|t)(?: first)?`,
      String.raw`strong(?:ly)?(?: consisten(?:cy|t))?`,
      String.raw`refuse`,
      String.raw`linearizab(?:le|ility)`,
    ],
    'a stale or conflicting read costs money or trust (balances, inventory, ownership)',
  ),
  v(
    'ap',
    'availability first (AP)',
    [
      String.raw`ap`,
      String.raw`availab(?:le|ility)(?: first)?`,
      String.raw`eventual(?:ly)?(?: consisten(?:cy|t))?`,
      String.raw`(?:serve )?stale`,
      String.raw`keep serving`,
    ],
    'an old answer is better than an error and conflicts can be merged',
  ),
] as const;

export const DEPLOYMENT_VALUES = [
  v(
    'canary',
    'canary releases',
    [String.raw`canar(?:y|ies)(?: releases?)?`, String.raw`progressive(?: delivery| rollout)?`],
    'traffic is large enough that 1% of it shows a regression within minutes',
  ),
  v(
    'blue-green',
    'blue-green deployment',
    [String.raw`blue[- /]green`, String.raw`red[- /]black`],
    'a release must switch everything at once and capacity can double for the switch',
  ),
  v(
    'rolling',
    'a rolling update',
    [
      String.raw`rolling(?: update| deploy(?:ment)?| restart)?`,
      String.raw`a few (?:instances|pods) at a time`,
    ],
    'the fleet is small and a few minutes of mixed versions is acceptable',
  ),
] as const;

type ValuesOf<T extends readonly DecisionValue[]> = T[number]['value'];
export type ArchitectureValue = ValuesOf<typeof ARCHITECTURE_VALUES>;
export type DatastoreValue = ValuesOf<typeof DATASTORE_VALUES>;
export type CacheValue = ValuesOf<typeof CACHE_VALUES>;
export type WritePathValue = ValuesOf<typeof WRITE_PATH_VALUES>;
export type ServingValue = ValuesOf<typeof SERVING_VALUES>;
export type FeatureValue = ValuesOf<typeof FEATURE_VALUES>;
export type ConsistencyValue = ValuesOf<typeof CONSISTENCY_VALUES>;
export type DeploymentValue = ValuesOf<typeof DEPLOYMENT_VALUES>;
