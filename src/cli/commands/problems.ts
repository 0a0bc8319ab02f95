/** `mlops-design problems`: the interview problem bank, filtered by level and tag. */
import { loadCompiledKnowledge, withProblems } from '../../knowledge/compiled.js';
import type { GlobalOptions } from '../options.js';
import { colourEnabled, createOutput } from '../output.js';

export function runProblems(globals: GlobalOptions, options: Record<string, unknown>): void {
  const out = createOutput({
    colour: colourEnabled({ env: process.env, isTTY: process.stdout.isTTY, flag: globals.color }),
    quiet: globals.quiet,
  });
  const problems = withProblems(loadCompiledKnowledge()).problems.filter(
    (problem) =>
      (typeof options.level !== 'string' || problem.level === options.level) &&
      (typeof options.tag !== 'string' || problem.tags.includes(options.tag)),
  );
  if (globals.json) {
    out.result(
      JSON.stringify(
        {
          problems: problems.map(({ id, title, level, tags, timebox_minutes, prompt, key_areas }) => ({
            id,
            title,
            level,
            tags,
            timebox_minutes,
            prompt,
            key_areas,
          })),
        },
        null,
        2,
      ),
    );
    return;
  }
  if (problems.length === 0) {
    out.info('No problem matches; list them all with: mlops-design problems');
    return;
  }
  for (const problem of problems)
    out.result(
      `${out.style.cyan(problem.id.padEnd(24))} ${problem.title.padEnd(34)} ${problem.level.padEnd(7)} ${String(problem.timebox_minutes)}m  [${problem.tags.join(', ')}]`,
    );
}
