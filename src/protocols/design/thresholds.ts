/**
 * Decision thresholds of the design protocol: the offline co-pilot reasons with them and the
 * decision rules and red flags fire on them, so a design is never advised one way and judged
 * another. They are positions (when a cache pays, when serving goes to the edge), explained in the
 * reference guides; what one node of a component carries is measured data instead, and lives in the
 * dated table references/numbers/throughput.yaml. Every message that uses a threshold quotes it.
 */
export const THRESHOLDS = {
  /** Reads per write from which a cache clearly pays for its invalidation cost. */
  cacheReadRatio: 5,
  /** Peak reads per second from which a cache pays even for moderate read ratios. */
  cacheReadsPerSecond: 2_000,
  /**
   * Floor: below this many reads per second at peak there is never a cache, whatever the ratio. One
   * relational primary serves a few thousand indexed reads a second from its buffer cache (the hot
   * set of a small system fits in its memory), so a cache would add invalidation bugs and a system
   * to run without removing a bottleneck.
   */
  cacheMinReadsPerSecond: 1_000,
  /** Peak writes per second, or a peak factor, from which a queue should absorb write bursts. */
  queueWritesPerSecond: 2_000,
  queuePeakFactor: 4,
  /**
   * Floor: below this many writes per second at peak there is never a queue in the write path,
   * whatever the peak factor. One primary (planning 5K writes/s) absorbs such a burst at a tenth of
   * its capacity, so a queue would only add a broker, consumer lag and eventual visibility.
   */
  queueMinWritesPerSecond: 500,
  /**
   * Floor: separate services need separate owners. Below two teams (two of five engineers: the
   * smallest team that can run its own releases and on-call rotation) there is one deployable.
   */
  microservicesMinEngineers: 10,
  /** Feature freshness (seconds) under which features are streamed rather than computed in batch. */
  streamingFeatureFreshness: 300,
  /**
   * Deployment: traffic (peak requests/s) from which 1% of it shows a regression within minutes, or
   * an availability target that cannot afford a release breaking everyone at once: a canary pays.
   */
  canaryPeakQps: 100,
  canaryAvailability: 0.9995,
  /** Write size from which payloads belong in object storage rather than in the database. */
  blobBytes: 100_000,
  /**
   * Smaller payloads still move to object storage when they make the database outgrow one primary
   * and are large next to their metadata (a pastebin's 10 KB pastes over 5 years).
   */
  blobBytesWhenLarge: 4_000,
  /** Planning size of one record's metadata in the database once its payload lives elsewhere (row plus indexes). */
  metadataBytesPerRecord: 500,
  /** Target utilisation: headroom for a failed instance and for the next spike. */
  targetUtilisation: 0.6,
  /**
   * ML serving rules (seconds). Batch or online follows prediction freshness, never the P99 alone:
   * predictions needed fresher than the batch period are served online whatever the P99.
   */
  edgeServingP99: 0.05,
  batchFreshness: 3_600,
  autoscaleRequestsPerSecond: 1_000,
  /** A model larger than this needs compression or staged loading. */
  largeModelBytes: 1e9,
  /** Under this P99 (seconds), a write cannot wait for a cross-region round trip (60-150 ms). */
  crossRegionP99: 0.15,
  /**
   * Engineers it takes to own one service well (releases, upgrades, its data, the pager): a team of
   * 5-9 owns about 2-5 services (the microservices-architecture guide).
   */
  engineersPerService: 2,
} as const;
