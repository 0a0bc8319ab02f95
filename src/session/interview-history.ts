/**
 * The gaps log: one line per finished mock interview (problem, level, score, points per
 * dimension), kept beside the saved sessions, so `interview --history` can show the dimensions
 * that stay weak across sessions.
 */
import { closeSync, constants, fstatSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError, ExitCode } from '../errors.js';
import { DIMENSIONS } from '../knowledge/problems.js';
import { O_NONBLOCK, describeProblem, entryKind, problemCode, readRegularFile } from '../lib/read-input.js';
import { errnoCode, ioFailure } from '../output/io-errors.js';

/** One line is a few hundred bytes: this is tens of thousands of interviews. */
const MAX_HISTORY_BYTES = 10_000_000;
/** Appending never waits on a FIFO (no reader: ENXIO at once) and never follows a link into a device. */
const APPEND_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | O_NONBLOCK;

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
  const file = join(dir, HISTORY_FILE);
  let fd: number | undefined;
  try {
    mkdirSync(dir, { recursive: true });
    fd = openSync(file, APPEND_FLAGS, 0o600);
    const stat = fstatSync(fd);
    if (!stat.isFile())
      throw new AppError(
        ExitCode.outputExists,
        `${file}: is ${entryKind(stat)}, not a regular file; the interview was not added to the history log`,
        'Move it away; the next interview starts a new log.',
      );
    writeSync(fd, `${JSON.stringify(entry)}\n`);
  } catch (error) {
    if (errnoCode(error) === 'ENXIO')
      throw new AppError(
        ExitCode.outputExists,
        `${file}: is a FIFO or a socket, not a regular file; the interview was not added to the history log`,
        'Move it away; the next interview starts a new log.',
      );
    throw ioFailure(error, file) ?? error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The entries that parse; a damaged line is skipped and counted, never fatal. A log that is no
 * regular file (a FIFO, a device, a link to one) is refused at once, never waited on or read.
 */
export function readHistory(dir: string): { entries: HistoryEntry[]; skipped: number } {
  const file = join(dir, HISTORY_FILE);
  const read = readRegularFile(file, MAX_HISTORY_BYTES);
  if (!read.ok) {
    if (read.problem.kind === 'missing') return { entries: [], skipped: 0 };
    throw new AppError(
      problemCode(read.problem),
      `${file}: ${describeProblem(read.problem, 'interview history log')}`,
      'Move it away; the next interview starts a new log.',
    );
  }
  const entries: HistoryEntry[] = [];
  let skipped = 0;
  for (const line of read.bytes.toString('utf8').split('\n')) {
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
