/**
 * The gaps log: one line per finished mock interview (problem, level, score, points per
 * dimension), kept beside the saved sessions, so `interview --history` can show the dimensions
 * that stay weak across sessions.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DIMENSIONS } from '../knowledge/problems.js';

const entrySchema = z.strictObject({
  at: z.string(),
  problem: z.string(),
  level: z.string(),
  score: z.number(),
  dimensions: z.record(z.enum(DIMENSIONS), z.number()),
});
export type HistoryEntry = z.infer<typeof entrySchema>;

export const HISTORY_FILE = 'interview-history.jsonl';

export function appendHistory(dir: string, entry: HistoryEntry): void {
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, HISTORY_FILE), `${JSON.stringify(entry)}\n`, { mode: 0o600 });
}

/** The entries that parse; a damaged line is skipped and counted, never fatal. */
export function readHistory(dir: string): { entries: HistoryEntry[]; skipped: number } {
  const file = join(dir, HISTORY_FILE);
  if (!existsSync(file)) return { entries: [], skipped: 0 };
  const entries: HistoryEntry[] = [];
  let skipped = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = entrySchema.safeParse(JSON.parse(line));
      if (parsed.success) entries.push(parsed.data);
      else skipped += 1;
    } catch {
      skipped += 1;
    }
  }
  return { entries, skipped };
}
