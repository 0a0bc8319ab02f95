/**
 * An availability target reads back exactly as the user wrote it, wherever it is shown: the
 * requirements table, the tradeoffs, the SLO, the terminal, the estimate table. 0.99999 * 100 is
 * 99.99900000000001 in floating point; that must never reach a reader.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, examplePath, runCli, tempDirs, type CliResult } from './support/run-cli.js';

const DOCUMENT = 'system_design.md';
// Six or more decimals after a digit: float noise, since no figure in a design has that many,
// except a small ratio shown to its significant digits: 0.006944 (34.72/s / 5,000/s) is 1 to 4
// zeros and at most 5 digits. 1.0000000000000002 has more zeros, and is still caught.
const LONG_FLOAT = /\d\.(?!0{1,4}[1-9]\d{0,4}(?!\d))\d{6,}/;
const temp = tempDirs('percentages');

interface Design {
  readonly result: CliResult;
  readonly document: string;
}

/** The pastebin example with another availability target, run as a user runs it. */
async function designWith(availability: string): Promise<Design> {
  const dir = temp.make();
  const original = readFileSync(examplePath('pastebin'), 'utf8');
  const edited = original.replace(
    'requirements.availability: 99.9%',
    `requirements.availability: ${availability}`,
  );
  expect(edited).not.toBe(original);
  const answers = join(dir, 'answers.yaml');
  writeFileSync(answers, edited);
  const out = join(dir, 'out');
  mkdirSync(out);
  const result = await runCli(['design', '--answers', answers, '--out', out], { cwd: dir });
  return { result, document: result.code === 0 ? readFileSync(join(out, DOCUMENT), 'utf8') : '' };
}

const lines = (text: string, pattern: RegExp): string[] =>
  text.split('\n').filter((line) => pattern.test(line));

const designs = new Map<string, Design>();
const designOf = (availability: string): Design => {
  const found = designs.get(availability);
  if (!found) throw new Error(`no design run for ${availability}`);
  return found;
};

beforeAll(async () => {
  assertBuilt();
  for (const availability of ['99.999%', '99.95%']) designs.set(availability, await designWith(availability));
});

afterAll(() => {
  temp.removeAll();
});

describe('availability 99.999%', () => {
  it('writes the document', () => {
    const { result } = designOf('99.999%');
    expect(result.stderr).not.toMatch(/^mlops-design: /m);
    expect(result.code).toBe(0);
  });

  it('shows 99.999% in the requirements, the consistency tradeoff and the SLO', () => {
    const { document } = designOf('99.999%');
    expect(lines(document, /^\| Availability \|/)).toEqual([
      '| Availability | 99.999% (5m 15s of downtime a year) |',
    ]);
    const consistency = lines(document, /^\| Consistency versus availability \|/);
    expect(consistency).toHaveLength(1);
    expect(consistency[0]).toContain('At 99.999% availability, refusing requests during every failover');
    expect(lines(document, /^- Availability SLO /)).toEqual([
      expect.stringMatching(/^- Availability SLO 99\.999% of requests succeed over 30 days: /) as string,
    ]);
    // The deployment tradeoff quotes the budget the target leaves: 0.00001 x 30 days = 25.92 s.
    expect(document).toContain('with 0.4 minutes of budget a month');
  });

  it('never prints a long float, in the document or on the terminal', () => {
    const { document, result } = designOf('99.999%');
    expect(lines(document, LONG_FLOAT)).toEqual([]);
    expect(lines(result.stderr, LONG_FLOAT)).toEqual([]);
    expect(document).not.toContain('99.99900000000001');
  });

  it('every percentage that starts 99.999 is exactly 99.999%', () => {
    const { document, result } = designOf('99.999%');
    const shown = [...`${document}\n${result.stderr}`.matchAll(/99\.999[\d.]*%/g)].map((match) => match[0]);
    expect(shown.length).toBeGreaterThanOrEqual(4);
    expect(new Set(shown)).toEqual(new Set(['99.999%']));
  });

  it('says what the target allows when the answer is taken', () => {
    expect(designOf('99.999%').result.stderr).toContain(
      '99.999% allows 5m 15s of downtime a year, 25.9 s a month.',
    );
  });
});

describe('availability 99.95%', () => {
  it('shows 99.95% in the requirements and the SLO, and the budget in minutes', () => {
    const { document, result } = designOf('99.95%');
    expect(result.code).toBe(0);
    expect(lines(document, /^\| Availability \|/)).toEqual([
      '| Availability | 99.95% (4h 22m 48s of downtime a year) |',
    ]);
    expect(lines(document, /^- Availability SLO /)).toEqual([
      expect.stringMatching(/^- Availability SLO 99\.95% of requests succeed over 30 days: /) as string,
    ]);
    expect(document).toContain('with 21.6 minutes of budget a month');
    const shown = [...`${document}\n${result.stderr}`.matchAll(/99\.95[\d.]*%/g)].map((match) => match[0]);
    expect(new Set(shown)).toEqual(new Set(['99.95%']));
    expect(lines(document, LONG_FLOAT)).toEqual([]);
    expect(lines(result.stderr, LONG_FLOAT)).toEqual([]);
  });
});

describe('estimate --availability', () => {
  it.each(['99.999%', '99.95%'])(
    '%s shows the target as written in every calculation',
    async (availability) => {
      const dir = temp.make();
      const result = await runCli(['estimate', '--availability', availability], { cwd: dir });
      expect(result.code).toBe(0);
      expect(lines(result.stdout, LONG_FLOAT)).toEqual([]);
      const calculations = lines(result.stdout, /Downtime per/);
      expect(calculations).toHaveLength(5);
      for (const line of calculations) expect(line).toContain(`(100% - ${availability}) x `);
    },
  );
});
