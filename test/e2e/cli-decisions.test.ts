/**
 * Decisions as values through the built binary: own words are echoed as read and listed under
 * `interpretations`; words that read as nothing fail 65 before anything is asked; a file without
 * decisions runs with --accept-recommended (each listed on stderr and in --json) and fails without.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPONENT_TYPES } from '../../src/protocols/design/model.js';
import { assertBuilt, examplePath, runCli, stackFrames, tempDirs } from './support/run-cli.js';

const temp = tempDirs('decisions');
afterAll(() => {
  temp.removeAll();
});
beforeAll(() => {
  assertBuilt();
});

interface AnswersFile {
  answers: Record<string, unknown>;
  [key: string]: unknown;
}

/** The pastebin example with some answers changed (undefined removes one), written to a temp dir. */
function pastebinWith(changes: Record<string, string | undefined>): {
  dir: string;
  file: string;
  out: string;
} {
  const dir = temp.make();
  const file = parse(readFileSync(examplePath('pastebin'), 'utf8')) as AnswersFile;
  file.answers = Object.fromEntries(
    Object.entries({ ...file.answers, ...changes }).filter(([, value]) => value !== undefined),
  );
  const path = join(dir, 'answers.yaml');
  writeFileSync(path, stringify(file));
  const out = join(dir, 'out');
  mkdirSync(out);
  return { dir, file: path, out };
}

const DECISIONS = [
  'high-level.architecture',
  'high-level.datastore',
  'high-level.cache',
  'high-level.write-path',
  'deep-dive.focus',
  'tradeoffs.consistency',
  'operations.deployment',
];

describe('own words in an answers file', () => {
  it('are echoed as read, drive the design and are listed under interpretations', async () => {
    const run = pastebinWith({
      'high-level.cache': 'Skip the cache for now',
      'high-level.write-path': 'A Kinesis stream in front of the writers',
    });
    const result = await runCli(['design', '--answers', run.file, '--out', run.out, '--json'], {
      cwd: run.dir,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('high-level.cache: read "Skip the cache for now" as no cache.');
    expect(result.stderr).toContain(
      'high-level.write-path: read "A Kinesis stream in front of the writers" as a replicated log (stream).',
    );
    const summary = JSON.parse(result.stdout) as {
      schema: string;
      interpretations: { id: string; words: string; value: string }[];
      decisions: Record<string, { value: string; source: string }>;
      accepted_by_default: unknown[];
      cost: {
        lines: { component: string; item: string; basis: string; monthly_usd: number }[];
        total_monthly_usd: number;
      };
      architecture: {
        components: { id: string; name: string; type: string; purpose: string }[];
        flows: { from: string; to: string; label: string }[];
      };
    };
    expect(summary.interpretations).toEqual([
      {
        id: 'high-level.cache',
        words: 'Skip the cache for now',
        value: 'none',
        label: 'No cache: serve reads from the datastore (and replicas)',
      },
      {
        id: 'high-level.write-path',
        words: 'A Kinesis stream in front of the writers',
        value: 'stream',
        label: 'Accept writes into a replicated log (Kafka or Kinesis), apply them with workers',
      },
    ]);
    expect(summary.decisions['high-level.datastore']).toMatchObject({
      value: 'relational',
      source: 'option',
    });
    expect(summary.accepted_by_default).toEqual([]);
    expect(summary.schema).toBe('mlops-design/summary@2');
    // The design as data: every type from the documented vocabulary, every flow between components.
    const { components, flows } = summary.architecture;
    expect(components.map((component) => component.type)).not.toContain('cache');
    // A replicated log is a `stream` (replayable), distinct from a `queue`, since issue 13.
    expect(components.find((component) => component.id === 'queue')).toMatchObject({
      name: 'Write log (replicated stream)',
      type: 'stream',
    });
    for (const component of components) expect(COMPONENT_TYPES).toContain(component.type);
    const ids = new Set(components.map((component) => component.id));
    // The bill as data: every line billed to a component of the design, and the total their sum.
    const { lines, total_monthly_usd: total } = summary.cost;
    // Since issue 13 each line names the size it bills at 1x ("Application instances (2 instances)").
    expect(lines.map((line) => line.item)).toContainEqual(
      expect.stringMatching(/^Application instances \(\d+ instances?\)$/),
    );
    for (const line of lines) {
      expect(ids.has(line.component), line.component).toBe(true);
      expect(line.monthly_usd).toBeGreaterThan(0);
    }
    // The total is the bill at full retention. Since issue 13 storage is billed only at the end of
    // retention (no first-month line); a first-month line would be an alternative, left out.
    expect(lines.map((line) => line.basis)).toContain('at-retention');
    expect(total).toBeCloseTo(
      lines.filter((line) => line.basis !== 'first-month').reduce((sum, line) => sum + line.monthly_usd, 0),
      1,
    );
    for (const flow of flows)
      expect([ids.has(flow.from), ids.has(flow.to)], JSON.stringify(flow)).toEqual([true, true]);
    const document = readFileSync(join(run.out, 'system_design.md'), 'utf8');
    expect(document).not.toContain('Cache (Redis)');
    expect(document).toContain('#### Write log (replicated stream)');
  });

  it('that read as no value fail validate and design with 65, naming the id and the values', async () => {
    const run = pastebinWith({ 'high-level.cache': 'purple' });
    for (const args of [
      ['validate', run.file],
      ['design', '--answers', run.file, '--out', run.out],
    ]) {
      const result = await runCli(args, { cwd: run.dir });
      expect(result.code, result.stderr).toBe(65);
      expect(result.stderr).toContain(
        `${run.file}: answers.high-level.cache: "purple" reads as none of this decision's values; answer A, B or one of none (no cache), cache-aside`,
      );
      expect(stackFrames(result.stderr)).toEqual([]);
    }
    expect(readdirSync(run.out)).toEqual([]);
  });
});

describe('--accept-recommended', () => {
  const withoutDecisions = Object.fromEntries(DECISIONS.map((id) => [id, undefined]));

  it('runs a file without decisions, listing each recommendation taken on stderr and in --json', async () => {
    const run = pastebinWith(withoutDecisions);
    const result = await runCli(
      ['design', '--answers', run.file, '--out', run.out, '--accept-recommended', '--json'],
      { cwd: run.dir },
    );
    expect(result.code, result.stderr).toBe(0);
    for (const id of DECISIONS) {
      expect(result.stderr).toContain(
        `answers.${id}: not answered; the recommended option (A) is accepted by default (--accept-recommended)`,
      );
    }
    const summary = JSON.parse(result.stdout) as { accepted_by_default: { id: string; value: string }[] };
    expect(summary.accepted_by_default.map((entry) => entry.id)).toEqual(DECISIONS);
    expect(summary.accepted_by_default.find((entry) => entry.id === 'high-level.datastore')?.value).toBe(
      'relational',
    );
    // The same design as answering A everywhere.
    const reference = join(run.dir, 'reference');
    mkdirSync(reference);
    const answeredA = await runCli(['design', '--answers', examplePath('pastebin'), '--out', reference], {
      cwd: run.dir,
    });
    expect(answeredA.code, answeredA.stderr).toBe(0);
    const strip = (text: string): string => text.replace(/ \(the recommendation, accepted by default\)/g, '');
    expect(strip(readFileSync(join(run.out, 'system_design.md'), 'utf8'))).toBe(
      readFileSync(join(reference, 'system_design.md'), 'utf8'),
    );
  });

  it('without the flag, the same file fails with 65 naming every missing decision', async () => {
    const run = pastebinWith(withoutDecisions);
    const result = await runCli(['design', '--answers', run.file, '--out', run.out], { cwd: run.dir });
    expect(result.code).toBe(65);
    for (const id of DECISIONS) expect(result.stderr).toContain(`answers.${id}: missing`);
    expect(readdirSync(run.out)).toEqual([]);
  });

  it('never defaults a question, and needs an answers file', async () => {
    const run = pastebinWith({ 'requirements.latency': undefined });
    const result = await runCli(['design', '--answers', run.file, '--out', run.out, '--accept-recommended'], {
      cwd: run.dir,
    });
    expect(result.code).toBe(65);
    expect(result.stderr).toContain('answers.requirements.latency: missing');
    const alone = await runCli(['design', '--accept-recommended', '--no-input', '--out', run.out], {
      cwd: run.dir,
    });
    expect(alone.code).toBe(64);
    expect(alone.stderr).toMatch(/^mlops-design: --accept-recommended needs --answers FILE/);
  });
});
