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
  /** Peak writes per second, or a peak factor, from which a queue should absorb write bursts. */
  queueWritesPerSecond: 2_000,
  queuePeakFactor: 4,
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
  /** ML serving rules (seconds). */
  edgeServingP99: 0.05,
  batchServingP99: 0.5,
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
