/**
 * A stated peak against the computed one. "~5k rps at peak" in the scale answer and then "5k/s" as
 * the write rate gives a computed peak of average x peak factor, far from what was said; the two
 * figures are put side by side and the session asks which is right (a scripted run records it).
 */
import { formatRate, type Estimate } from '../../estimation/index.js';
import type { SessionState } from '../../protocol/types.js';
import { statedFactsOf } from './prefill.js';
import type { StatedPeak } from './stated-facts.js';

/** Past this ratio either way, a stated and a computed peak disagree. */
export const PEAK_TOLERANCE = 1.5;

const METRIC: Readonly<Record<StatedPeak['of'], string>> = {
  requests: 'peak_qps',
  writes: 'peak_write_qps',
  reads: 'peak_read_qps',
};

export interface PeakDisagreement {
  readonly stated: StatedPeak;
  readonly computed: number;
  readonly metric: string;
  /** Names both figures and what to do. */
  readonly message: string;
  /** Both figures, quoted, for a finding's evidence. */
  readonly evidence: string;
}

export function peakDisagreement(state: SessionState, estimate: Estimate): PeakDisagreement | undefined {
  const stated = statedFactsOf(state).peak;
  if (!stated) return undefined;
  // Writes given as a peak and the stated peak are one figure said twice ("20K/s at peak" in both):
  // the stated peak is then the write peak, whatever reads come on top.
  const writesPeak = estimate.input.writes.peak === true ? estimate.input.writes.perSecond : undefined;
  if (writesPeak !== undefined && agree(writesPeak, stated.perSecond)) return undefined;
  const metric = estimate.metrics.find((m) => m.id === METRIC[stated.of]);
  if (!metric || !(metric.value > 0)) return undefined;
  if (agree(metric.value, stated.perSecond)) return undefined;
  const ratio = metric.value / stated.perSecond;
  const times =
    ratio >= 1 ? `${formatTimes(ratio)} what was stated` : `1/${formatTimes(1 / ratio)} of what was stated`;
  const factor = estimate.input.peakFactor;
  const evidence = `${stated.source}: "${stated.quote}" (${formatRate(stated.perSecond)}); ${metric.label} = ${formatRate(metric.value)}`;
  return {
    stated,
    computed: metric.value,
    metric: metric.id,
    evidence,
    message:
      `${stated.source} states "${stated.quote}" (${formatRate(stated.perSecond)}), but the estimate's ${metric.label} is ${formatRate(metric.value)}, ${times}: ` +
      `the rates are read as averages and multiplied by the peak factor ${String(factor)}. Which is right? ` +
      'Give the peak factor that makes them agree, give the rates as peaks (revise the write rate), or answer the same again to keep the estimate.',
  };
}

function agree(a: number, b: number): boolean {
  const ratio = a / b;
  return ratio <= PEAK_TOLERANCE && ratio >= 1 / PEAK_TOLERANCE;
}

function formatTimes(ratio: number): string {
  return `${ratio >= 10 ? String(Math.round(ratio)) : ratio.toFixed(1).replace(/\.0$/, '')}x`;
}
