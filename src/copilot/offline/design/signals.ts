/**
 * The facts the offline co-pilot reasons from: the engine's numbers and the requirements, gathered
 * once so every proposal and draft quotes the same figures.
 */
import {
  formatBytes,
  formatDuration,
  formatRate,
  type Estimate,
  type MetricId,
} from '../../../estimation/index.js';
import type { SessionState } from '../../../protocol/types.js';
import type { Capacity } from '../../../knowledge/throughput.js';
import {
  designAnswers,
  designDecisions,
  designResults,
  type DesignAnswers,
  type DesignDecisions,
} from '../../../protocols/design/model.js';
import { metricValue, payloadPlacement } from '../../../protocols/design/sizing.js';
import { designFacts, type DesignFacts } from '../../../protocols/design/facts.js';

export { metricValue, payloadPlacement };

export interface Signals {
  readonly answers: DesignAnswers;
  /** The values of the decisions taken so far. */
  readonly decisions: DesignDecisions;
  readonly estimate: Estimate;
  readonly ml: boolean;
  readonly peakQps: number;
  readonly avgQps: number;
  readonly peakWrites: number;
  readonly peakReads: number;
  readonly readRatio: number;
  /** What the requirements rule out and the numbers the decision conditions read. */
  readonly facts: DesignFacts;
  readonly storagePerDay: number;
  readonly storageRetention: number;
  /** One copy of the data over the retention period: what a single primary must hold. */
  readonly storagePerCopy: number;
  /** Payloads go to object storage and the database keeps metadata. */
  readonly blobs: boolean;
  /** One copy of what the database holds over the retention period (metadata only when `blobs`). */
  readonly databaseBytes: number;
  readonly cacheBytes: number;
  readonly writeSize: number;
  readonly readSize: number;
  readonly peakFactor: number;
  /** Seconds; undefined when no latency target was given. */
  readonly p99?: number;
  /** Seconds a batch run may take, when the latency answer is a deadline instead of a P99. */
  readonly deadline?: number;
  readonly availability: number;
  readonly strong: boolean;
  readonly rpo?: number;
  readonly partitionKey: string;
  /** What one node of each component carries, from the dated throughput table. */
  readonly capacity: Capacity;
  /** Display helpers. */
  readonly show: {
    readonly peakQps: string;
    readonly peakWrites: string;
    readonly peakReads: string;
    readonly storageRetention: string;
    readonly storagePerCopy: string;
    readonly databaseBytes: string;
    readonly cacheBytes: string;
    readonly p99: string;
  };
}

export function signalsOf(state: SessionState, capacity: Capacity): Signals {
  const answers = designAnswers(state);
  const estimate = designResults(state).estimate;
  if (!estimate) throw new Error('the design advisor needs the estimate before it can advise');
  const value = (id: MetricId): number => metricValue(estimate, id);
  const writes = value('write_qps');
  const reads = value('read_qps');
  const p99 = answers.latency?.p99;
  const deadline = answers.latency?.deadline;
  const facts = designFacts(state, capacity);
  const signals = {
    answers,
    decisions: designDecisions(state),
    estimate,
    ml: state.scope !== 'system',
    peakQps: value('peak_qps'),
    avgQps: value('total_qps'),
    peakWrites: value('peak_write_qps'),
    peakReads: value('peak_read_qps'),
    readRatio: writes > 0 ? reads / writes : 0,
    storagePerDay: value('storage_per_day'),
    storageRetention: value('storage_total'),
    storagePerCopy: value('storage_total') / estimate.input.replication,
    ...payloadPlacement(estimate, capacity),
    cacheBytes: value('cache_memory'),
    writeSize: estimate.input.writeSizeBytes,
    readSize: estimate.input.readSizeBytes,
    peakFactor: estimate.input.peakFactor,
    availability: answers.availability ?? 0.999,
    strong: facts.freshReads === 'all',
    facts,
    partitionKey: answers.partitionKey ?? 'id',
    capacity,
    ...(p99 === undefined ? {} : { p99 }),
    ...(deadline === undefined ? {} : { deadline }),
    ...(answers.durability?.rpoSeconds === undefined ? {} : { rpo: answers.durability.rpoSeconds }),
  };
  return {
    ...signals,
    show: {
      peakQps: `${formatRate(signals.peakQps)} peak`,
      peakWrites: `${formatRate(signals.peakWrites)} peak writes`,
      peakReads: `${formatRate(signals.peakReads)} peak reads`,
      storageRetention: formatBytes(signals.storageRetention),
      storagePerCopy: formatBytes(signals.storagePerCopy),
      databaseBytes: formatBytes(signals.databaseBytes),
      cacheBytes: formatBytes(signals.cacheBytes),
      p99:
        deadline !== undefined
          ? `a batch deadline of ${formatDuration(deadline)}`
          : p99 === undefined
            ? 'no P99 target'
            : `${Math.round(p99 * 1000)} ms P99`,
    },
  };
}

export const ratioText = (ratio: number): string =>
  `${ratio >= 10 ? Math.round(ratio) : Math.round(ratio * 10) / 10}:1`;
