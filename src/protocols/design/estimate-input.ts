/** Turns the estimation answers into the engine's input. */
import type { EstimateInput } from '../../estimation/index.js';
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
