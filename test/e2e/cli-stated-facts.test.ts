/**
 * Facts stated once, end to end through the built binary: an answers file whose estimation block is
 * left out gets the same numbers from the scale answer; a differing answer wins with a warning; a
 * stated peak far from the computed one is a finding; `design --json` carries the answers and the
 * estimate `estimate --json` prints for the same inputs.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, examplePath, runCli, tempDirs } from './support/run-cli.js';

const temp = tempDirs('stated-facts');
let dir: string;

beforeAll(() => {
  assertBuilt();
  dir = temp.make();
});
afterAll(() => {
  temp.removeAll();
});

const PASTEBIN = readFileSync(examplePath('pastebin'), 'utf8');
const ESTIMATION = /^ {2}estimation\.(?:users|writes|reads|write-size|retention|peak-factor): .*\n/gm;
const SCALE =
  '2M DAU, 1M new pastes a day, 10x as many reads, 10KB each, kept 5 years, 3x at peak, growing 30% a year';

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function design(
  file: string,
): Promise<{ json: Record<string, unknown>; stderr: string; code: number }> {
  const out = join(dir, `out-${String(Math.random()).slice(2)}`);
  mkdirSync(out);
  const result = await runCli(['design', '--answers', file, '--out', out, '--json'], { cwd: dir });
  return {
    json: JSON.parse(result.stdout) as Record<string, unknown>,
    stderr: result.stderr,
    code: result.code,
  };
}

type Estimate = { inputs: Record<string, number>; metrics: Record<string, { value: number }> };

describe('facts stated in requirements.scale', () => {
  it('fill the estimation questions a file leaves out: the same numbers as the file that gives them', async () => {
    const given = await design(examplePath('pastebin'));
    const stated = write(
      'stated.yaml',
      PASTEBIN.replace(ESTIMATION, '').replace(
        /^ {2}requirements\.scale: .*$/m,
        `  requirements.scale: ${SCALE}`,
      ),
    );
    expect(readFileSync(stated, 'utf8')).not.toMatch(/estimation\.writes/);
    const fromFacts = await design(stated);
    expect(fromFacts.code).toBe(0);
    expect((fromFacts.json.estimate as Estimate).metrics).toEqual((given.json.estimate as Estimate).metrics);
    const answers = fromFacts.json.answers as Record<string, { text: string; prefilledFrom?: string }>;
    expect(answers['estimation.writes']).toMatchObject({
      text: '1M/day',
      prefilledFrom: 'requirements.scale: "1M new pastes a day"',
    });
    expect(answers['estimation.users']?.text).toBe('2M');
    expect(answers['estimation.retention']?.text).toBe('5 years');
    expect(answers['estimation.peak-factor']?.text).toBe('3');
    // validate agrees: nothing is missing.
    const validated = await runCli(['validate', stated], { cwd: dir });
    expect(validated.code).toBe(0);
    expect(validated.stdout).toContain('1M/day (from requirements.scale: "1M new pastes a day")');
  });

  it('lose to an answer the file gives, with a one-line warning naming both ids, recorded as a finding', async () => {
    const file = write(
      'conflict.yaml',
      PASTEBIN.replace(/^ {2}requirements\.scale: .*$/m, `  requirements.scale: ${SCALE}`).replace(
        /^ {2}estimation\.writes: .*$/m,
        '  estimation.writes: 2M/day',
      ),
    );
    const run = await design(file);
    expect(run.code).toBe(0);
    const warnings = run.stderr.split('\n').filter((line) => line.includes('differs from'));
    expect(warnings).toEqual([
      `warning: ${join(dir, 'conflict.yaml')}: answers.estimation.writes: "2M/day" differs from requirements.scale: "1M new pastes a day" (read as "1M/day"); the answer given is used`,
    ]);
    expect((run.json.estimate as Estimate).inputs.writes).toBeCloseTo(2e6 / 86_400, 3);
    const findings = run.json.findings as { id: string; severity: string }[];
    expect(findings).toContainEqual(
      expect.objectContaining({ id: 'stated-fact-conflict:estimation.writes', severity: 'info' }),
    );
  });

  it('a stated peak 12x below the computed one is a peak-disagreement finding, not a failure', async () => {
    const file = write(
      'peak.yaml',
      PASTEBIN.replace(
        /^ {2}requirements\.scale: .*$/m,
        '  requirements.scale: 2M DAU, ~5k rps at peak, growing 30% a year',
      )
        .replace(/^ {2}estimation\.writes: .*$/m, '  estimation.writes: 5k/s')
        .replace(/^ {2}estimation\.reads: .*$/m, "  estimation.reads: '5:1'")
        .replace(/^ {2}estimation\.peak-factor: .*$/m, '  estimation.peak-factor: 2'),
    );
    const run = await design(file);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'warning: estimation.peak-factor: requirements.scale states "~5k rps at peak" (5,000/s), but the estimate\'s Peak total QPS is 60,000/s, 12x what was stated',
    );
    const findings = run.json.findings as { id: string; severity: string; evidence: string }[];
    const finding = findings.find((f) => f.id === 'peak-disagreement');
    expect(finding).toMatchObject({ severity: 'warning' });
    expect(finding?.evidence).toBe(
      'requirements.scale: "~5k rps at peak" (5,000/s); Peak total QPS = 60,000/s',
    );
  });
});

describe('design --json', () => {
  it('carries every answer and the estimate that estimate --json prints for the same inputs', async () => {
    const run = await design(examplePath('pastebin'));
    const flags = await runCli(
      [
        'estimate',
        '--json',
        '--dau',
        '2M',
        '--writes',
        '1M/day',
        '--read-write-ratio',
        '10:1',
        '--write-size',
        '10KB',
        '--retention',
        '5y',
        '--peak-factor',
        '3',
        '--replication',
        '3',
        '--availability',
        '99.9%',
      ],
      { cwd: dir },
    );
    expect(flags.code).toBe(0);
    expect(run.json.estimate).toEqual(JSON.parse(flags.stdout));
    const answers = run.json.answers as Record<string, { text: string; value: unknown }>;
    expect(answers['requirements.latency']).toMatchObject({
      text: 'P50 30ms, P99 200ms',
      value: { p50: 0.03, p99: 0.2 },
    });
    expect(answers['estimation.write-size']).toMatchObject({ text: '10KB', value: 10_000 });
    expect(answers['estimation.retention']?.value).toBe(157_680_000);
  });
});
