// The pure parts of bench:model (scripts/bench-model.mjs): what a person waits for, read from a
// timestamped transcript of the CLI's terminal output, token totals from per-request usage, and the
// issue's targets. No I/O and no clock: the bench passes the times in.

/** The progress line the answers-file respondent prints as it is asked (MLOPS_DESIGN_ANSWER_DELAY_MS). */
const PROMPT_LINE = /Scripted answer to (\S+) in [^\r\n]*\r?\n/g;
/** The streamed prose preview's dim attribute (src/cli/spinner.ts); nothing else the CLI prints is dim. */
const STREAMED = '\u001b[2m';

/**
 * The nearest-rank percentile (p in 0..100) of the values: the smallest value with at least p% of
 * the values at or below it; undefined for no values.
 */
export function percentile(values, p) {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

/**
 * The prompts of a scripted run and the waits between them, from the chunks of its terminal output
 * as they arrived ({ t: ms, text }). A prompt's time is the arrival of its progress line; each
 * answer is given `delayMs` after its prompt (the respondent waits that long); a wait runs from an
 * answer to the next prompt. A wait "streamed" when prose was shown during it.
 */
export function waitsOf(chunks, delayMs) {
  let text = '';
  const ends = []; // ends[i]: the offset just past chunk i in `text`
  for (const chunk of chunks) {
    text += chunk.text;
    ends.push(text.length);
  }
  const timeAt = (offset) => {
    const index = ends.findIndex((end) => offset < end);
    return chunks[index === -1 ? chunks.length - 1 : index].t;
  };
  const prompts = [...text.matchAll(PROMPT_LINE)].map((match) => ({
    id: match[1],
    t: timeAt(match.index + match[0].length - 1),
  }));
  const streamedAt = [];
  for (let at = text.indexOf(STREAMED); at !== -1; at = text.indexOf(STREAMED, at + 1)) {
    streamedAt.push(timeAt(at));
  }
  const waits = prompts.slice(1).map((next, index) => {
    const answeredAt = prompts[index].t + delayMs;
    return {
      after: prompts[index].id,
      before: next.id,
      ms: Math.max(0, next.t - answeredAt),
      streamed: streamedAt.some((t) => t > answeredAt && t <= next.t),
    };
  });
  return { prompts, waits };
}

/** Sums per-request usage as the API reports it; `largest` is the biggest request's whole input. */
export function usageTotals(usages) {
  const totals = { requests: 0, uncached: 0, cacheWrites: 0, cacheReads: 0, output: 0, largest: 0 };
  for (const usage of usages) {
    const uncached = usage.input_tokens ?? 0;
    const writes = usage.cache_creation_input_tokens ?? 0;
    const reads = usage.cache_read_input_tokens ?? 0;
    totals.requests += 1;
    totals.uncached += uncached;
    totals.cacheWrites += writes;
    totals.cacheReads += reads;
    totals.output += usage.output_tokens ?? 0;
    totals.largest = Math.max(totals.largest, uncached + writes + reads);
  }
  totals.input = totals.uncached + totals.cacheWrites + totals.cacheReads;
  totals.readShare = totals.input === 0 ? 0 : totals.cacheReads / totals.input;
  return totals;
}

/** USD at list prices per million tokens (references/numbers/anthropic.yaml). */
export function costOf(totals, price) {
  return (
    (totals.uncached * price.input +
      totals.cacheWrites * price.cache_write +
      totals.cacheReads * price.cache_read +
      totals.output * price.output) /
    1e6
  );
}

/** The targets for the pastebin example with the model (issue 16). */
export const TARGETS = {
  requests: 25,
  inputTokens: 400_000,
  costUsd: 0.2,
  largestRequest: 12_000,
  cacheReadShare: 0.7,
  p95WaitMs: 3_000,
};

/**
 * One line per target: `ok` or `MISSED`, with the measured value. `row` holds the totals, the cost
 * and the waits (in a person's time, already divided by the time scale).
 */
export function targetLines(row) {
  const waits = row.waits.map((wait) => wait.ms);
  const p95 = percentile(waits, 95) ?? 0;
  const long = row.waits.filter((wait) => wait.ms > TARGETS.p95WaitMs);
  const streamedLong = long.filter((wait) => wait.streamed).length;
  const checks = [
    [
      `requests: ${row.totals.requests} (target <= ${TARGETS.requests})`,
      row.totals.requests <= TARGETS.requests,
    ],
    [
      `input tokens: ${count(row.totals.input)} (target <= ${count(TARGETS.inputTokens)})`,
      row.totals.input <= TARGETS.inputTokens,
    ],
    [
      `estimated cost: $${row.cost.toFixed(4)} (target <= $${TARGETS.costUsd.toFixed(2)})`,
      row.cost <= TARGETS.costUsd,
    ],
    [
      `largest request: ${count(row.totals.largest)} input tokens (target <= ${count(TARGETS.largestRequest)})`,
      row.totals.largest <= TARGETS.largestRequest,
    ],
    [
      `cache reads: ${percent(row.totals.readShare)} of input tokens (target >= ${percent(TARGETS.cacheReadShare)})`,
      row.totals.readShare >= TARGETS.cacheReadShare,
    ],
    [`p95 wait: ${seconds(p95)} (target <= ${seconds(TARGETS.p95WaitMs)})`, p95 <= TARGETS.p95WaitMs],
    [
      `waits over ${seconds(TARGETS.p95WaitMs)} showing streamed text: ${streamedLong} of ${long.length} (target: all)`,
      streamedLong === long.length,
    ],
  ];
  return checks.map(([text, ok]) => ({ text: `${text}: ${ok ? 'ok' : 'MISSED'}`, ok }));
}

export const count = (n) => Math.round(n).toLocaleString('en-US');
export const percent = (share) => `${(share * 100).toFixed(1)}%`;
export const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
