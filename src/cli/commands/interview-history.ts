/** `mlops-design interview --history`: the dimensions that stay weak across mock interviews. */
import { DIMENSIONS } from '../../knowledge/problems.js';
import { DIMENSION_TITLES } from '../../render/interview-feedback.js';
import { MAX_POINTS } from '../../protocols/interview/score.js';
import { readHistory } from '../../session/interview-history.js';
import { SessionStore } from '../../session/store.js';
import type { GlobalOptions } from '../options.js';
import { colourEnabled, createOutput } from '../output.js';

export function runInterviewHistory(globals: GlobalOptions): void {
  const out = createOutput({
    colour: colourEnabled({ env: process.env, isTTY: process.stdout.isTTY, flag: globals.color }),
    quiet: globals.quiet,
  });
  const { dir } = new SessionStore();
  const { entries, skipped } = readHistory(dir);
  const averages = DIMENSIONS.map((id) => ({
    id,
    average:
      entries.length === 0
        ? 0
        : entries.reduce((total, entry) => total + entry.dimensions[id], 0) / entries.length,
  })).sort((a, b) => a.average - b.average || DIMENSIONS.indexOf(a.id) - DIMENSIONS.indexOf(b.id));
  if (globals.json) {
    out.result(
      JSON.stringify(
        {
          interviews: entries.length,
          skipped_lines: skipped,
          weakest: averages.map(({ id, average }) => ({
            dimension: id,
            average: Math.round(average * 100) / 100,
          })),
          sessions: entries,
        },
        null,
        2,
      ),
    );
    return;
  }
  if (entries.length === 0) {
    out.info(`No finished interviews in ${dir} yet. Start one with: mlops-design interview --random`);
    return;
  }
  out.result(
    `${String(entries.length)} interview(s); weakest dimensions first (average points of ${String(MAX_POINTS)}):`,
  );
  for (const { id, average } of averages)
    out.result(`  ${DIMENSION_TITLES[id].padEnd(20)} ${average.toFixed(1)}`);
  const last = entries[entries.length - 1];
  if (last)
    out.result(
      `Last: ${last.problem} (${last.level}) scored ${String(last.score)} on ${last.at.slice(0, 10)}.`,
    );
  if (skipped > 0) out.warn(`${String(skipped)} damaged line(s) in the log were skipped.`);
}
