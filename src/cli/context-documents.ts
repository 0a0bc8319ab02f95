/** ML context documents read from the working directory when they exist. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContextDocument } from '../protocol/types.js';

export const CONTEXT_FILES = ['problem_statement.md', 'architecture.md'] as const;

export function readContextDocuments(directory: string): ContextDocument[] {
  return CONTEXT_FILES.flatMap((name) => {
    const path = join(directory, name);
    return existsSync(path) ? [{ name, text: readFileSync(path, 'utf8') }] : [];
  });
}
