/**
 * The pipeline document lint: each rule fails a document that breaks it and passes the near miss.
 * The base is the churn example's rendered document, which passes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_LINES, MIN_LINES, lintPipelineDocument } from '../../src/render/pipeline-lint.js';

const BASE = readFileSync(
  new URL('../e2e/__snapshots__/pipeline-churn.pipeline_architecture.md', import.meta.url),
  'utf8',
);
const lines = BASE.trimEnd().split('\n');
/** The base document padded with notes before the open questions to exactly `count` lines. */
const padded = (count: number): string => {
  const at = lines.indexOf('## Open Questions');
  const filler = Array.from({ length: count - lines.length }, (_, i) => `- Note ${String(i + 1)}.`);
  return `${[...lines.slice(0, at), ...filler, ...lines.slice(at)].join('\n')}\n`;
};
const insertBefore = (heading: string, text: string): string =>
  BASE.replace(`${heading}\n`, `${text}\n\n${heading}\n`);

describe('the pipeline document lint', () => {
  it('passes the rendered example', () => {
    expect(lintPipelineDocument(BASE)).toEqual([]);
    expect(lines.length).toBeGreaterThanOrEqual(MIN_LINES);
  });

  it(`holds the length to ${String(MIN_LINES)}-${String(MAX_LINES)} lines`, () => {
    expect(lintPipelineDocument(padded(MAX_LINES))).toEqual([]);
    expect(lintPipelineDocument(padded(MAX_LINES + 1))).toContain(
      `${String(MAX_LINES + 1)} lines; a pipeline architecture is ${String(MIN_LINES)}-${String(MAX_LINES)} lines: more than one plan holds (defer components, or scope each team's pipelines apart)`,
    );
    const short = BASE.split('\n')
      .filter((line) => !/^(?:\| | {2}|- \*\*)/.test(line))
      .join('\n');
    const count = short.replace(/\n$/, '').split('\n').length;
    expect(count).toBeLessThan(MIN_LINES);
    expect(lintPipelineDocument(short)).toContain(
      `${String(count)} lines; a pipeline architecture is ${String(MIN_LINES)}-${String(MAX_LINES)} lines: the scope leaves out what surrounds the model (revise classify: add its data, consumers and monitoring)`,
    );
  });

  it('needs every section, in order, with the MVP as pipeline 1', () => {
    const noFlow = BASE.replace('## Cross-Pipeline Data Flow\n', '## Data Flow\n');
    expect(lintPipelineDocument(noFlow).join('\n')).toMatch(
      /missing or out of order: .*Cross-Pipeline Data Flow/,
    );
    const noMvp = BASE.replace('(MVP)', '(Phase 1)');
    expect(lintPipelineDocument(noMvp).join('\n')).toMatch(/missing or out of order: .*Pipeline 1: .*MVP/);
    const swapped = BASE.replace('## Not-a-Pipeline Components', '## TEMP')
      .replace('## Deferred / Future Work', '## Not-a-Pipeline Components')
      .replace('## TEMP', '## Deferred / Future Work');
    expect(lintPipelineDocument(swapped).length).toBeGreaterThan(0);
  });

  it.each([
    ['a code block', '```python\nprint(1)\n```'],
    ['a setup command', 'Run pip install zenml before the first run.'],
    ['code', '@pipeline decorates the training function.'],
    ['a cost estimate', 'The training pipeline costs about $40 a run.'],
    ['a time estimate', 'The MVP takes about 3 weeks to build.'],
  ])('rejects %s, naming the line', (what, text) => {
    const problems = lintPipelineDocument(insertBefore('## Open Questions', text));
    expect(
      problems.some((problem) => problem.includes(`has ${what}: `)),
      problems.join('\n'),
    ).toBe(true);
  });

  it.each([
    ['a schedule', 'The training pipeline runs weekly and keeps 12 months of data.'],
    ['a number of steps', 'The scoring pipeline has 3 steps and scores 4M customers.'],
    ['a latency', 'The endpoint answers within 2 s.'],
  ])('accepts %s, which is not an estimate', (_what, text) => {
    expect(lintPipelineDocument(insertBefore('## Open Questions', text))).toEqual([]);
  });

  it('keeps 1-3 open questions', () => {
    const open = BASE.slice(BASE.indexOf('## Open Questions'));
    const withCount = (n: number): string =>
      BASE.replace(
        open,
        `## Open Questions\n\n${Array.from({ length: n }, (_, i) => `${String(i + 1)}. Question ${String(i + 1)}?`).join('\n')}\n`,
      );
    expect(lintPipelineDocument(withCount(1))).toEqual([]);
    expect(lintPipelineDocument(withCount(3))).toEqual([]);
    expect(lintPipelineDocument(withCount(4))).toContain(
      '4 open questions; keep 1-3 and answer the rest in the interview',
    );
    expect(lintPipelineDocument(withCount(0))).toContain(
      '0 open questions; keep 1-3 and answer the rest in the interview',
    );
  });
});
