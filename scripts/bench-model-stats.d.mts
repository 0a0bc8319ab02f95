// Types of the pure parts of bench:model, for the unit tests (the script itself is plain JavaScript).
export interface Chunk {
  /** Milliseconds since the run started, when the chunk arrived. */
  readonly t: number;
  readonly text: string;
}
export interface Prompt {
  readonly id: string;
  readonly t: number;
}
export interface Wait {
  readonly after: string;
  readonly before: string;
  readonly ms: number;
  readonly streamed: boolean;
}
export interface ReportedUsage {
  readonly input_tokens?: number;
  readonly cache_creation_input_tokens?: number;
  readonly cache_read_input_tokens?: number;
  readonly output_tokens?: number;
}
export interface Totals {
  readonly requests: number;
  readonly uncached: number;
  readonly cacheWrites: number;
  readonly cacheReads: number;
  readonly output: number;
  readonly largest: number;
  readonly input: number;
  readonly readShare: number;
}
export interface Price {
  readonly input: number;
  readonly cache_write: number;
  readonly cache_read: number;
  readonly output: number;
}
export function percentile(values: readonly number[], p: number): number | undefined;
export function waitsOf(chunks: readonly Chunk[], delayMs: number): { prompts: Prompt[]; waits: Wait[] };
export function usageTotals(usages: readonly ReportedUsage[]): Totals;
export function costOf(totals: Totals, price: Price): number;
export const TARGETS: {
  readonly requests: number;
  readonly inputTokens: number;
  readonly costUsd: number;
  readonly largestRequest: number;
  readonly cacheReadShare: number;
  readonly p95WaitMs: number;
};
export function targetLines(row: {
  readonly totals: Totals;
  readonly cost: number;
  readonly waits: readonly Wait[];
}): { text: string; ok: boolean }[];
export function count(n: number): string;
export function percent(share: number): string;
export function seconds(ms: number): string;
