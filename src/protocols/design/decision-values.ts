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
    'one team (under about 10 engineers) owns the product and its parts share one scaling profile',
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
    'separate teams (about 10 engineers or more) own parts of the product and release on their own cadence',
  ),
] as const;

export const DATASTORE_VALUES = [
  v(
    'relational',
    'a relational primary with a standby (PostgreSQL)',
    [RELATIONAL, String.raw`(?:a )?single primary`, String.raw`one primary`],
    'writes stay under about 5K/s and data under about 5 TB: one primary holds them, and multi-record transactions come free',
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
    'one primary cannot hold the writes or the data, reads must be current or an invariant holds within one key, and relational queries matter more than elastic scaling',
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
    "one primary cannot hold the writes or the data, and an invariant spans records that would live on different shards (a transfer's two legs, a booking and its inventory)",
  ),
  v(
    'wide-column',
    'a partitioned wide-column store',
    [String.raw`wide[- ]column(?: store)?`, 'cassandra', String.raw`scylla(?:db)?`, 'bigtable', 'hbase'],
    'writes pass about 5K/s or data about 5 TB, every hot query is by key, eventual consistency is acceptable and no invariant spans records',
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
    'writes pass about 5K/s or data about 5 TB, every hot query is by key, and no read or invariant needs more than one key at a time',
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
    'peak reads stay under about 1K/s, or under 5 per write and 2K/s, or every read must see the latest write',
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
    'peak reads pass about 1K/s and either 5 per write or 2K/s, and a few seconds of staleness is acceptable',
  ),
  v(
    'write-through',
    'a write-through cache',
    [String.raw`write[- ]through(?: cache)?`],
    'reads pass the cache floor, writers must read their own writes from the cache, and every write can afford a second write',
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
    'peak writes stay under about 500/s, or under 2K/s and 4x the average, or a write must be visible the moment it returns',
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
    'writes peak above about 500/s and either 2K/s or 4x the average, no read must see a write the moment it returns, and per-message retries are all the ordering needed',
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
    'writes peak above about 500/s and either 2K/s or 4x the average, no read must see a write the moment it returns, and writes for one key must stay ordered or other consumers replay them',
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
    'predictions must be fresher than the batch period (an hour), or a model answers users as they ask, and a network hop fits the P99',
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
    'predictions must be computed per request and the P99 (under 50 ms) leaves no room for a network hop plus a full model',
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
    'predictions may be an hour or more old, and no model answers users as they ask',
  ),
] as const;

export const FEATURE_VALUES = [
  v(
    'streaming',
    'streaming features into a feature store',
    [String.raw`stream(?:ing)?(?: features)?`, 'flink', String.raw`real[- ]?time(?: features)?`, 'kafka'],
    'features must be 5 minutes old or fresher',
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
    'features may be more than 5 minutes old (an hourly or nightly job keeps up)',
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
    'a stale or conflicting read costs money or trust: reads must be current, or an invariant must never break (balances, inventory, ownership)',
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
    'the requirements allow stale reads, no invariant must hold across a partition, and an old answer is better than an error',
  ),
] as const;

export const REGION_VALUES = [
  v(
    'single-region',
    'one region, across its zones',
    [
      String.raw`(?:a |one )?single[- ]region`,
      String.raw`one region`,
      String.raw`(?:stay|keep it) in one region`,
      String.raw`no (?:second|other) region`,
    ],
    'no requirement asks to survive losing a region or to serve users on several continents nearby (data residency alone is one region in the right place)',
  ),
  v(
    'active-passive',
    'active-passive across two regions',
    [
      String.raw`active[- /]passive`,
      String.raw`(?:warm |hot )?standby region`,
      String.raw`(?:primary|home) region(?: with (?:a )?(?:standby|failover|replica))?`,
      String.raw`fail ?over to (?:a |another |the other |a second )?region`,
      String.raw`disaster recovery region`,
    ],
    'losing a region must not take the service down, and users can pay a cross-region round trip for writes (they are on one continent, or the P99 is 150 ms or more)',
  ),
  v(
    'active-active',
    'active-active in several regions',
    [
      String.raw`active[- /]active`,
      String.raw`multi[- ]?master`,
      String.raw`(?:serve|write) (?:from |in )?(?:every|each|all|both) regions?`,
      String.raw`home regions? per (?:record|user|account|tenant)`,
    ],
    'users on several continents must each be served nearby within a P99 under 150 ms, which one region cannot give across an ocean',
  ),
] as const;

export const DEPLOYMENT_VALUES = [
  v(
    'canary',
    'canary releases',
    [String.raw`canar(?:y|ies)(?: releases?)?`, String.raw`progressive(?: delivery| rollout)?`],
    'traffic is large enough that 1% of it shows a regression within minutes (about 100 requests/s at peak), or the availability target (99.95% or more) cannot afford a release that breaks everyone',
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
    'traffic is under about 100 requests/s at peak, availability under 99.95%, and a few minutes of mixed versions is acceptable',
  ),
] as const;

type ValuesOf<T extends readonly DecisionValue[]> = T[number]['value'];
export type ArchitectureValue = ValuesOf<typeof ARCHITECTURE_VALUES>;
export type DatastoreValue = ValuesOf<typeof DATASTORE_VALUES>;
export type CacheValue = ValuesOf<typeof CACHE_VALUES>;
export type WritePathValue = ValuesOf<typeof WRITE_PATH_VALUES>;
export type ServingValue = ValuesOf<typeof SERVING_VALUES>;
export type FeatureValue = ValuesOf<typeof FEATURE_VALUES>;
export type RegionValue = ValuesOf<typeof REGION_VALUES>;
export type ConsistencyValue = ValuesOf<typeof CONSISTENCY_VALUES>;
export type DeploymentValue = ValuesOf<typeof DEPLOYMENT_VALUES>;

/**
 * The values of each decision that has conditions, by slot id (the slots use the same lists). The
 * self-check reads them from here rather than from the slots, which import the review that runs it.
 */
export const CONDITIONED_VALUES: Readonly<Record<string, readonly DecisionValue[]>> = {
  'high-level.architecture': ARCHITECTURE_VALUES,
  'high-level.datastore': DATASTORE_VALUES,
  'high-level.regions': REGION_VALUES,
  'high-level.cache': CACHE_VALUES,
  'high-level.write-path': WRITE_PATH_VALUES,
  'high-level.serving': SERVING_VALUES,
  'high-level.features': FEATURE_VALUES,
  'tradeoffs.consistency': CONSISTENCY_VALUES,
  'operations.deployment': DEPLOYMENT_VALUES,
};
