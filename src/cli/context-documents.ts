/** ML context documents read from the working directory when they exist. */
import { join } from 'node:path';
import { AppError } from '../errors.js';
import { describeProblem, MAX_INPUT_BYTES, problemCode, readRegularFile } from '../lib/read-input.js';
import type { ContextDocument } from '../protocol/types.js';

export const CONTEXT_FILES = ['problem_statement.md', 'architecture.md'] as const;

/** A missing one is skipped; one that is a FIFO, a device or too large is refused, never waited on. */
export function readContextDocuments(directory: string): ContextDocument[] {
  return CONTEXT_FILES.flatMap((name) => {
    const path = join(directory, name);
    const read = readRegularFile(path, MAX_INPUT_BYTES);
    if (read.ok) return [{ name, text: read.bytes.toString('utf8') }];
    if (read.problem.kind === 'missing') return [];
    throw new AppError(
      problemCode(read.problem),
      `${path}: ${describeProblem(read.problem, 'context document')}`,
    );
  });
}
