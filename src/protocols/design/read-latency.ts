/**
 * The latency answer: both percentiles when both are given ("p50 ~10ms, p99 < 100ms"), a single
 * figure as the P99, or, for a batch system, the deadline its run must meet ("the nightly run must
 * finish within 4h"), which the estimate and the SLOs then use instead of a P99.
 */
import { formatDuration, parseDuration, parseLatency } from '../../estimation/index.js';
import { fail, ok, type Result } from '../../lib/result.js';
import { asText } from '../../protocol/answer-text.js';
import type { RawAnswer } from '../../protocol/types.js';

type Seconds = number;

/** Request latency targets, or a batch deadline: never both. */
export type LatencyTarget =
  | { readonly p50?: Seconds; readonly p99: Seconds; readonly deadline?: undefined }
  | { readonly deadline: Seconds; readonly p50?: undefined; readonly p99?: undefined };

const VALUE = String.raw`(\d[\d.,]*\s*(?:ms|msecs?|milliseconds?|us|\u00b5s|\u03bcs|s|secs?|seconds?))\b`;
const FILLER = String.raw`(?:\s*(?:latency|[:=~\u2248<>]|<=|\u2264|of|is|at|under|below|within|less than|at most|about|around|roughly|max))*\s*`;
const LABEL = String.raw`\b(p\s?(?:50|90|95|99(?:\.9)?|999)|median|tail)\b`;
// "p99 < 100ms" and "100ms p99" (at most a few words between).
const LABEL_FIRST = new RegExp(`${LABEL}${FILLER}${VALUE}`, 'gi');
const VALUE_FIRST = new RegExp(`${VALUE}\\s*(?:at\\s+(?:the\\s+)?)?${LABEL}`, 'gi');
const BARE = new RegExp(VALUE, 'i');
const SUB_SECOND = /\b(?:sub[- ]?second|under a second|within a second|less than a second)\b/i;
const BATCH =
  /\b(?:batch|nightly|daily run|deadline|finish(?:es|ed)?|complete[sd]?|done|offline|overnight)\b/i;
const DEADLINE =
  /(?:within|in under|under|in|by|before|less than|at most|inside|<)\s*[~\u2248]?\s*(?:an?\s+)?(\d[\d.,]*\s*(?:h|hrs?|hours?|min|mins|minutes?|s|secs?|seconds?|d|days?)|hour|day)\b/i;

type Label = 'p50' | 'p99' | 'p95';

function labelOf(written: string): Label {
  const label = written.toLowerCase().replace(/\s+/g, '');
  if (label === 'p50' || label === 'median') return 'p50';
  return label === 'p90' || label === 'p95' ? 'p95' : 'p99';
}

function percentiles(text: string): Partial<Record<Label, Seconds>> {
  const found: Partial<Record<Label, Seconds>> = {};
  const take = (label: string | undefined, value: string | undefined): void => {
    if (label === undefined || value === undefined) return;
    const parsed = parseLatency(value);
    const key = labelOf(label);
    if (parsed.ok && found[key] === undefined) found[key] = parsed.value;
  };
  for (const match of text.matchAll(LABEL_FIRST)) take(match[1], match[2]);
  for (const match of text.matchAll(VALUE_FIRST)) take(match[2], match[1]);
  return found;
}

const EXPECTED =
  'expected latency targets like "P50 50ms, P99 200ms" (a single figure is taken as the P99), or a batch deadline like "the nightly run must finish within 4h"';

export function parseLatencyTarget(raw: RawAnswer): Result<LatencyTarget> {
  const text = asText(raw);
  const found = percentiles(text);
  const tail = found.p99 ?? found.p95;
  if (tail !== undefined) return ok(found.p50 === undefined ? { p99: tail } : { p50: found.p50, p99: tail });
  if (found.p50 !== undefined)
    return fail(`'${text}' gives a median but no tail target: add a P99, e.g. "P50 50ms, P99 200ms"`);
  if (BATCH.test(text)) {
    const written = DEADLINE.exec(text)?.[1];
    const deadline =
      written === undefined
        ? undefined
        : parseDuration(/^(?:hour|day)$/i.test(written) ? `1 ${written}` : written);
    if (deadline?.ok) return ok({ deadline: deadline.value });
    return fail(
      `'${text}' names a batch run but no deadline: say how long the run may take, e.g. "the nightly run must finish within 4h"`,
    );
  }
  const bare = BARE.exec(text)?.[1];
  const single = bare === undefined ? undefined : parseLatency(bare);
  if (single?.ok) return ok({ p99: single.value });
  if (SUB_SECOND.test(text)) return ok({ p99: 1 });
  return fail(`${EXPECTED}, got "${text}"`);
}

/** "P50 10 ms, P99 100 ms", or "a batch deadline: the run finishes within 4h". */
export function latencyTargetText(target: LatencyTarget): string {
  if (target.deadline !== undefined)
    return `a batch deadline: the run must finish within ${formatDuration(target.deadline)} (no request latency target)`;
  return target.p50 === undefined
    ? `P99 ${formatDuration(target.p99)}`
    : `P50 ${formatDuration(target.p50)}, P99 ${formatDuration(target.p99)}`;
}
