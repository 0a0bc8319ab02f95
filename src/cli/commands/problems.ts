/** `mlops-design problems`: the interview problem bank, filtered by level and tag. */
import { z } from 'zod';
import { loadCompiledKnowledge, withProblems } from '../../knowledge/compiled.js';
import { LEVELS } from '../../knowledge/problems.js';
import { flagValue, oneOf, parseFlags, type GlobalOptions } from '../options.js';
import { colourEnabled, createOutput } from '../output.js';
import { plainTable } from '../table.js';

const problemsFlags = z.object({
  level: oneOf(LEVELS).optional(),
  tag: flagValue('a tag, e.g. ml').optional(),
});

export function runProblems(globals: GlobalOptions, raw: Readonly<Record<string, unknown>>): void {
  const options = parseFlags(problemsFlags, raw);
  const out = createOutput({
    colour: colourEnabled({ env: process.env, isTTY: process.stdout.isTTY, flag: globals.color }),
    quiet: globals.quiet,
  });
  const problems = withProblems(loadCompiledKnowledge()).problems.filter(
    (problem) =>
      (options.level === undefined || problem.level === options.level) &&
      (options.tag === undefined || problem.tags.includes(options.tag)),
  );
  if (globals.json) {
    out.result(
      JSON.stringify(
        {
          problems: problems.map(
            ({ id, title, level, tags, timebox_minutes, prompt, key_areas, archetypes, components }) => ({
              id,
              title,
              level,
              tags,
              timebox_minutes,
              prompt,
              key_areas,
              archetypes,
              components: components.map((component) => component.id),
            }),
          ),
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
  out.result(
    plainTable(
      ['ID', 'TITLE', 'LEVEL', 'TIMEBOX', 'TAGS'],
      problems.map((problem) => [
        out.style.cyan(problem.id),
        problem.title,
        problem.level,
        `${String(problem.timebox_minutes)}m`,
        problem.tags.join(', '),
      ]),
    ),
  );
}
