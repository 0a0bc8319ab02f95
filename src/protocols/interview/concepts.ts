/**
 * What a candidate means, not only the words a rubric expects. Each criterion and each component
 * is a concept: phrases that say it (synonyms, phrasings, typical abbreviations), and near misses
 * that look like it but say something else ("API gateway" is not a connection gateway, "a rolling
 * average" is not a rolling deploy). Near misses are masked before the phrases are matched, so a
 * near keyword is never a match. Components take their words from the archetypes' `keywords`, the
 * same knowledge the design co-pilot reads, widened by the abbreviations below.
 */

export interface Concept {
  /** Regular-expression sources, matched case-insensitively at word boundaries. */
  readonly phrases: readonly string[];
  /** Regular-expression sources of phrases that contain a phrase but mean something else. */
  readonly not?: readonly string[];
}

/** Each phrase at word boundaries, unless it starts or ends with a symbol ("->"), which is its own. */
const bounded = (sources: readonly string[]): RegExp =>
  new RegExp(
    sources
      .map((source) => {
        const start = /^(?:[a-z0-9(]|\\[dw])/i.test(source) ? '(?<![a-z0-9])' : '';
        const end = /(?:[a-z0-9)?*+]|\\[dw])$/i.test(source) ? '(?![a-z0-9])' : '';
        return `${start}(?:${source})${end}`;
      })
      .join('|'),
    'gi',
  );

const compiled = new WeakMap<Concept, { phrases: RegExp; not?: RegExp }>();
function patternsOf(concept: Concept): { phrases: RegExp; not?: RegExp } {
  const known = compiled.get(concept);
  if (known) return known;
  const fresh = {
    phrases: bounded(concept.phrases),
    ...(concept.not && concept.not.length > 0 ? { not: bounded(concept.not) } : {}),
  };
  compiled.set(concept, fresh);
  return fresh;
}

/** Does the text say the concept, once its near misses are taken out? */
export function says(text: string, concept: Concept): boolean {
  const { phrases, not } = patternsOf(concept);
  const masked = not ? text.replace(not, ' · ') : text;
  phrases.lastIndex = 0;
  const found = phrases.test(masked);
  phrases.lastIndex = 0;
  return found;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A keyword as people write it: "key-value" or "key value", with its plural. */
const keywordSource = (keyword: string): string =>
  `${escape(keyword).replace(/(?:\\-|\s)+/g, '[- ]?')}(?:s|es)?`;

/** Abbreviations and other names for words the archetypes use. */
const ALSO: Readonly<Record<string, readonly string[]>> = {
  dynamodb: ['dynamo', 'ddb'],
  postgresql: ['postgres', 'pg', 'psql'],
  postgres: ['postgresql', 'pg'],
  'key-value': ['kv', 'kv store'],
  database: ['db', 'dbs'],
  datastore: ['data store', 'db'],
  cache: ['caching', 'cached'],
  websocket: ['web socket', 'ws', 'wss'],
  websockets: ['web sockets'],
  'load balancer': ['lb', 'alb', 'elb', 'nlb'],
  'object storage': ['s3', 'gcs', 'blob storage'],
  cdn: ['content delivery network', 'edge cache'],
  base62: ['base 62', 'base-62'],
  shard: ['sharding', 'sharded', 'shards'],
  partition: ['partitioned', 'partitioning'],
  'key generation': ['key generator', 'id generator', 'id generation'],
  'message queue': ['mq', 'queue'],
  'push notification': ['push', 'apns', 'fcm'],
  kafka: ['msk', 'event bus'],
  elasticsearch: ['elastic', 'opensearch'],
  'rate limiter': ['rate limiting', 'rate-limit', 'throttling'],
  'model registry': ['mlflow registry', 'registry'],
  'feature store': ['feast', 'tecton'],
};

/**
 * Words that contain a keyword but name something else. "Gateway" alone is a connection gateway
 * in a messenger or a dispatch system; an API gateway or a payment gateway is another component.
 */
const NEAR: Readonly<Record<string, readonly string[]>> = {
  gateway: ['api[- ]gateways?', 'payment[- ]gateways?', 'gateway api'],
  range: ['a range of', 'in the range', 'range (?:from|between)', 'wide range'],
  online: ['online store', 'online features?'],
  event: ['event loop', 'in the event', 'at any event'],
  stream: ['upstream', 'downstream', 'stream of consciousness'],
  page: ['web ?pages?', 'landing pages?', 'page loads?', 'home ?pages?'],
  lock: ['lock-?in', 'vendor lock'],
  session: ['session (?:token|cookie)s?'],
};

/** A component's concept: its archetype keywords, their other names, and their near misses. */
export function componentConcept(keywords: readonly string[]): Concept {
  const phrases = keywords.flatMap((keyword) => [keyword, ...(ALSO[keyword] ?? [])]).map(keywordSource);
  const not = keywords.flatMap((keyword) => NEAR[keyword] ?? []);
  return { phrases: [...new Set(phrases)], ...(not.length > 0 ? { not } : {}) };
}

/** A failure described: something breaking, and usually what happens then. */
const FAILURE: Concept = {
  phrases: [
    'fail\\w*',
    'crash\\w*',
    'dies',
    'die',
    'died',
    'dead',
    '(?:goes|go|went|is|are|being|be|gets?) down',
    'down(?:time)?\\s+(?:of|for)',
    'outages?',
    'unavailable',
    'unreachable',
    'unhealthy',
    'degrad\\w*',
    'fall(?:s|ing)? (?:back|through|to|over)',
    'fell (?:back|to)',
    'fallback',
    'failover',
    'circuit[- ]breakers?',
    'retr(?:y|ies|ied|ying)',
    'time[- ]?outs?',
    'timed out',
    'idempoten\\w*',
    'recover\\w*',
    'lost',
    'partition(?:ed)? from',
    'split[- ]brain',
    'disaster recovery',
    'dr',
    'if \\w+ (?:is|goes) (?:slow|away)',
  ],
  not: ['fail[- ]?fast', 'recover(?:ed|s)? costs?', 'lost (?:sales|revenue|customers)'],
};

/** The concepts of the rubric's criteria, by id. */
export const CRITERIA = {
  'non-functional': {
    phrases: [
      'latency',
      'latencies',
      'p50',
      'p90',
      'p95',
      'p99\\w*',
      'availab\\w*',
      'uptime',
      'highly available',
      'ha',
      '(?:three|four|five|3|4|5) nines',
      'consisten\\w*',
      'durab\\w*',
      'never lose',
      "can't lose",
      'stale\\w*',
      'fresh\\w*',
      '\\d+\\s*ms',
      'milliseconds?',
      'sla',
      'slo',
    ],
    not: ['ha ha', 'freshly'],
  },
  scope: {
    phrases: [
      'out of scope',
      'not in scope',
      "won't",
      'will not',
      'assum\\w*',
      'clarify',
      'later',
      'v1',
      'mvp',
      'first version',
      'non-?goals?',
      'not covering',
      'skip(?:ping)?',
      'ignor(?:e|ing) (?:\\w+ )?for now',
      'leave (?:\\w+ )?out',
    ],
    not: ['see you later', 'assumed scale'],
  },
  peak: {
    phrases: [
      'peaks?',
      'spikes?',
      'bursts?',
      'busiest',
      'worst[- ]case',
      'at the top of the hour',
      '\\d+x (?:the )?average',
    ],
  },
  flow: {
    phrases: [
      '->',
      '→',
      'then',
      'flows?',
      'goes to',
      'go(?:es)? through',
      'writes? to',
      'reads? from',
      'sends?',
      'calls?',
      'hits?',
      'forwards?',
      'routes? to',
      'passes? (?:it )?to',
      'on a (?:cache )?miss',
      'looks? up',
    ],
    not: ['call it', 'so-called', 'then again'],
  },
  'data-model': {
    phrases: [
      'schema',
      'tables?',
      'index\\w*',
      'partition key',
      'primary key',
      'sort key',
      'hash key',
      'pk',
      'columns?',
      'rows?',
      'keyed (?:by|on)',
      'data model',
      'key is',
      'fields?',
    ],
    not: ['index funds?', 'rows? of (?:servers|boxes)', 'on the table'],
  },
  algorithm: {
    phrases: [
      'algorithms?',
      'hash\\w*',
      'base[- ]?62',
      'counters?',
      'consistent hashing',
      'token bucket',
      'leaky bucket',
      'sliding (?:window|log)',
      'queues?',
      'sort\\w*',
      'rank\\w*',
      'batch\\w*',
      'bloom filters?',
      'tries',
      'trie',
      'geohash\\w*',
      'quadtrees?',
      'lru',
      'snowflake',
      'fan-?out',
      'range allocation',
      'ranges? (?:per|of) (?:server|ids|keys)',
    ],
    not: ['sort of'],
  },
  scaling: {
    phrases: [
      '10x',
      '100x',
      'shard\\w*',
      'replica\\w*',
      'partitions',
      'partitioned',
      'horizontal\\w*',
      'scales? (?:out|horizontally)',
      'scale it out',
      'add (?:more )?(?:nodes|servers|instances|machines)',
      'autoscal\\w*',
      'auto[- ]scal\\w*',
    ],
  },
  failure: FAILURE,
  alternative: {
    phrases: [
      'instead of',
      'rather than',
      'versus',
      'vs\\.?',
      'alternatives?',
      'or we could',
      'could have used',
      'compared (?:to|with)',
      'over',
      'the other option',
      'another option',
    ],
    not: [
      'over (?:the|a|an|\\d)\\w*',
      'over time',
      'all over',
      'game over',
      'over and over',
      'takes? over',
      'turn(?:s|ed)? over',
    ],
  },
  reason: {
    phrases: [
      'because',
      'since',
      'so that',
      "so (?:we|i|you|it|they|users?|clients?|the \\w+) (?:can|could|get|keep|see|don't|do not|never|always|stay|know)",
      'so (?:we|i) (?:can|could)',
      'so clicks',
      'which means',
      'in order to',
      'to be able to',
      'that way',
      'the reason',
      'lets us',
      'allows us',
      'given that',
      'as a result',
      'for the sake of',
      'due to',
      "that's why",
    ],
    not: ['since (?:\\d|last|then|yesterday)\\w*', 'ever since'],
  },
  cost: {
    phrases: [
      'at the cost of',
      'at the expense of',
      'costs?',
      'costly',
      'los(?:e|es|ing)',
      'trade-?offs?',
      'downsides?',
      'drawbacks?',
      'but',
      'penalty',
      'sacrific\\w*',
      'gives? up',
      'the catch',
      'price (?:is|we pay)',
    ],
    not: ['cost model', 'nothing but', 'all but'],
  },
  'when-else': {
    phrases: [
      '(?:if|when|unless|once)\\b[^.]*\\b(?:would|switch\\w*|better|wins?|choose|pick|go with|move to|revisit)',
      'the alternative wins',
      'would (?:switch|choose|pick|move|go)',
    ],
  },
  slo: {
    phrases: [
      'slos?',
      'slis?',
      'error budgets?',
      'p99\\w*',
      'p95',
      'latency',
      'error rates?',
      '5xx',
      'burn[- ]rates?',
      '(?:three|four|3|4) nines',
      'availability target',
    ],
  },
  monitoring: {
    phrases: [
      'monitor\\w*',
      'alert\\w*',
      'dashboards?',
      'pag(?:e|es|ed|ing)',
      'on-?call',
      'pager\\w*',
      'grafana',
      'prometheus',
      'datadog',
      'metrics',
      'wakes? (?:someone|somebody|me) up',
      'observability',
    ],
    not: ['web ?pages?', 'landing pages?', 'page loads?', 'home ?pages?', 'pagination', 'paged results'],
  },
  deploy: {
    phrases: [
      'canar(?:y|ies)',
      'roll(?:s|ed)? ?backs?',
      'roll(?:ing)? back',
      'blue[- /]green',
      'feature[- ]flags?',
      'feature toggles?',
      'shadow(?:ing| traffic| mode)?',
      'rolling (?:deploy\\w*|updates?|restarts?|releases?|upgrades?|out)',
      'deploy\\w* (?:are|is|go|goes|run|runs)? ?(?:done )?(?:as )?rolling',
      'staged rollouts?',
      'gradual(?:ly)? roll\\w*',
      'progressive (?:delivery|rollouts?)',
      'one (?:az|zone|region|host|node|instance) at a time',
      'revert\\w*',
      'dark launch\\w*',
    ],
    not: ['rolling (?:window|average|mean|sum|count|\\d+[- ]day)s?'],
  },
} as const satisfies Readonly<Record<string, Concept>>;

export type CriterionId = keyof typeof CRITERIA;
