/** Reads an answers file from disk and validates its shape; semantic checks live in plan.ts. */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { AppError, ExitCode, badInput } from '../errors.js';
import { didYouMean } from '../lib/suggest.js';
import { answersFileSchema, TOP_LEVEL_KEYS, type AnswersFile } from './schema.js';

export interface LoadedAnswers {
  readonly path: string;
  readonly file: AnswersFile;
}

export function readAnswersFile(path: string): LoadedAnswers {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError(ExitCode.inputNotFound, `${path}: answers file not found`);
    if (code === 'EISDIR')
      throw new AppError(ExitCode.inputNotFound, `${path}: is a directory, expected an answers file`);
    throw new AppError(ExitCode.inputNotFound, `${path}: cannot read (${code ?? 'unknown error'})`);
  }
  return { path, file: parseAnswersText(path, text) };
}

export function parseAnswersText(path: string, text: string): AnswersFile {
  let data: unknown;
  try {
    data = path.endsWith('.json')
      ? JSON.parse(text)
      : parseYaml(text, { prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    const first = (error as Error).message.split('\n')[0] ?? 'syntax error';
    throw badInput(`${path}: not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${first}`);
  }
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
