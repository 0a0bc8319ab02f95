/** Turns the estimation answers into the engine's input. */
import type { EstimateInput, EstimateSpec } from '../../estimation/index.js';
import type { DesignAnswers } from './model.js';

export function estimateInputFrom(answers: DesignAnswers): EstimateInput | undefined {
  const { writes, reads, writeSize, retention } = answers;
  if (!writes || !reads || writeSize === undefined || retention === undefined) return undefined;
  const readSpec =
    reads.ratio !== undefined
      ? { ratio: reads.ratio }
      : {
          perSecond: reads.perSecond ?? 0,
          perUser: reads.perUser ?? false,
          ...(reads.peak ? { peak: reads.peak } : {}),
        };
  return {
    ...(answers.users === undefined ? {} : { dailyActiveUsers: answers.users }),
    writes,
    reads: readSpec,
    writeSizeBytes: writeSize,
    ...(answers.readSize === undefined ? {} : { readSizeBytes: answers.readSize }),
    retentionSeconds: retention,
    ...(answers.peakFactor === undefined ? {} : { peakFactor: answers.peakFactor }),
    ...(answers.replication === undefined ? {} : { replication: answers.replication }),
  };
}

/**
 * The same inputs as `estimate` flags would give them (--dau, --writes or --writes-per-user, --reads,
 * --reads-per-user or --read-write-ratio, sizes, retention, peak factor, replication, availability),
 * so `design --json` prints the object `estimate --json` prints for them.
 */
export function estimateSpecFrom(answers: DesignAnswers): EstimateSpec | undefined {
  const { writes, reads, writeSize, retention } = answers;
  if (!writes || !reads || writeSize === undefined || retention === undefined) return undefined;
  const readSpec: Partial<EstimateSpec> =
    reads.ratio !== undefined
      ? { readWriteRatio: reads.ratio }
      : reads.perUser === true
        ? { readsPerUser: { perSecond: reads.perSecond ?? 0, perUser: true } }
        : { reads: { perSecond: reads.perSecond ?? 0, perUser: false } };
  return {
    ...(answers.users === undefined ? {} : { dau: answers.users }),
    ...(writes.perUser ? { writesPerUser: writes } : { writes }),
    ...readSpec,
    writeSize,
    ...(answers.readSize === undefined ? {} : { readSize: answers.readSize }),
    retention,
    ...(answers.peakFactor === undefined ? {} : { peakFactor: answers.peakFactor }),
    ...(answers.replication === undefined ? {} : { replication: answers.replication }),
    ...(answers.availability === undefined ? {} : { availability: answers.availability }),
  };
}
