/**
 * Reading the knowledge compiled at build time. Kept apart from the parsers in load.ts, which build
 * zod schemas on import: a run of the CLI only reads JSON and should not pay for them.
 */
import { readFileSync } from 'node:fs';
import { AppError, ExitCode } from '../errors.js';
import { COMPILED_GUIDE_BODIES, COMPILED_KNOWLEDGE, COMPILED_PROBLEMS } from '../paths.js';
import type { Knowledge } from './load.js';

/**
 * The knowledge compiled at build time (scripts/bundle.mjs writes it with loadKnowledge, so it was
 * validated then): the CLI reads JSON instead of parsing every guide's YAML at start-up. The guides'
 * full text is a separate file: only the model's prompts and `references` need it, and parsing it
 * on every run would cost the scripted session time it has not got.
 */
export function loadCompiledKnowledge(file = COMPILED_KNOWLEDGE): Knowledge {
  return readCompiled(file) as Knowledge;
}

/** The same knowledge with each guide's full text. */
export function withGuideBodies(knowledge: Knowledge, file = COMPILED_GUIDE_BODIES): Knowledge {
  const bodies = readCompiled(file) as Record<string, string>;
  return {
    ...knowledge,
    guides: knowledge.guides.map((guide) => ({ ...guide, body: bodies[guide.id] ?? '' })),
  };
}

/** The same knowledge with the interview problem bank, which only `interview` and `problems` read. */
export function withProblems(knowledge: Knowledge, file = COMPILED_PROBLEMS): Knowledge {
  return { ...knowledge, problems: readCompiled(file) as Knowledge['problems'] };
}

function readCompiled(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AppError(
      ExitCode.internal,
      `The compiled knowledge base cannot be read (${(error as Error).message}); reinstall or rebuild mlops-design`,
    );
  }
}
