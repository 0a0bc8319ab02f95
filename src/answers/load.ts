/** Reads an answers file from disk and validates its shape; semantic checks live in plan.ts. */
import { badInput } from '../errors.js';
import { readInputFile } from '../lib/read-input.js';
import { parseStructured } from '../lib/structured.js';
import { didYouMean } from '../lib/suggest.js';
import { answersFileSchema, TOP_LEVEL_KEYS, type AnswersFile } from './schema.js';

export interface LoadedAnswers {
  readonly path: string;
  readonly file: AnswersFile;
}

export function readAnswersFile(path: string): LoadedAnswers {
  return { path, file: parseAnswersText(path, readInputFile(path, 'answers file')) };
}

export function parseAnswersText(path: string, text: string): AnswersFile {
  const data = parseStructured(path, text);
  const parsed = answersFileSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.flatMap((issue) => {
    const at = issue.path.join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map(
        (key) =>
          `${path}: ${at ? `${at}.` : ''}${key}: unknown key; expected one of ${TOP_LEVEL_KEYS.join(', ')}${didYouMean(key, TOP_LEVEL_KEYS)}`,
      );
    }
    if (issue.code === 'invalid_type' && issue.path.length === 0) {
      return [`${path}: expected a mapping with version, title, scope and answers`];
    }
    return [`${path}: ${at || '(root)'}: ${issue.message}`];
  });
  throw badInput(`${path}: ${problems.length} problem(s) in the answers file`, problems);
}
