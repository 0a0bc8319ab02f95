/**
 * The archetypes of the catalogue by id, with the name shown for each and the words that name one
 * in an answer ("a chat app", "it's basically a ledger"). The content lives in
 * references/archetypes/<id>.yaml; the build refuses a catalogue whose ids differ from these, so the
 * decision can offer them without reading the catalogue.
 */
export interface ArchetypeEntry {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
}

const entry = (id: string, name: string, aliases: readonly string[]): ArchetypeEntry => ({
  id,
  name,
  aliases,
});

export const ARCHETYPE_INDEX: readonly ArchetypeEntry[] = [
  entry('internal-tool', 'Small CRUD service or internal tool', [
    'crud',
    'internal tool',
    'admin tool',
    'back office',
  ]),
  entry('key-value-lookup', 'Key-value lookup service (URL shortener)', [
    'url shortener',
    'short links',
    'key-value lookup',
  ]),
  entry('blob-metadata', 'Blobs plus metadata (pastebin, file sharing)', [
    'pastebin',
    'file sharing',
    'blob store',
    'blobs',
  ]),
  entry('social-feed', 'Social feed or timeline', ['feed', 'timeline', 'news feed']),
  entry('messaging', 'Messaging and chat', ['chat', 'messaging', 'messenger']),
  entry('notifications', 'Notifications', ['notifications', 'notification service', 'push']),
  entry('search-autocomplete', 'Search and autocomplete', [
    'search',
    'autocomplete',
    'typeahead',
    'document search',
  ]),
  entry('media-streaming', 'Media upload and streaming', ['video', 'streaming', 'media upload']),
  entry('geo-dispatch', 'Geo matching and dispatch', [
    'dispatch',
    'ride hailing',
    'geo matching',
    'delivery matching',
  ]),
  entry('payments-ledger', 'Payments and ledger', ['payments', 'ledger', 'wallet']),
  entry('booking-inventory', 'Booking and inventory', ['booking', 'reservations', 'inventory', 'tickets']),
  entry('rate-limiting', 'API rate limiting', ['rate limiter', 'rate limiting', 'throttling']),
  entry('event-analytics', 'Event ingestion, metrics and analytics', [
    'analytics',
    'metrics',
    'event ingestion',
    'clickstream',
  ]),
  entry('online-inference', 'Online model inference (fraud and risk scoring)', [
    'online inference',
    'fraud scoring',
    'risk scoring',
    'real-time scoring',
  ]),
  entry('recommendations', 'Recommendations (candidate retrieval, then ranking)', [
    'recommendations',
    'recommender',
    'ranking',
  ]),
  entry('batch-scoring', 'Batch model scoring', ['batch scoring', 'nightly scoring', 'churn scoring']),
  entry('llm-rag', 'LLM serving and retrieval-augmented generation', [
    'llm',
    'rag',
    'document q&a',
    'chatbot',
    'assistant',
  ]),
  entry('ml-platform', 'Feature and training platform', [
    'feature store',
    'training platform',
    'ml platform',
  ]),
];
