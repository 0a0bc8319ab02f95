/**
 * `interview --answers`: a strong and a weak candidate for the same problem are replayed and
 * reviewed; their scores separate clearly, each review quotes the candidate, the pass mark sets the
 * exit code, the gaps log builds up, and the bank lists with its filters.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ROOT, assertBuilt, markdownlint, runCli, tempDirs, type CliResult } from './support/run-cli.js';

const DOCUMENT = 'interview_feedback.md';
const CANDIDATES = ['interview-strong', 'interview-weak'] as const;
type Candidate = (typeof CANDIDATES)[number];
const examplePath = (name: Candidate): string => join(ROOT, 'examples', `${name}.yaml`);
const temp = tempDirs('interview');

interface Summary {
  readonly command: string;
  readonly problem: string;
  readonly level: string;
  readonly score: number;
  readonly verdict: string;
  readonly dimensions: Record<string, number>;
  readonly missing_components: string[];
  readonly red_flags: { id: string }[];
  readonly hints: number;
}

let dir = '';
const runs = new Map<Candidate, { result: CliResult; out: string }>();
const env = (): Record<string, string> => ({ MLOPS_DESIGN_STATE_DIR: join(dir, 'state') });
const summaryOf = (name: Candidate): Summary => JSON.parse(runs.get(name)?.result.stdout ?? '{}') as Summary;
const reviewOf = (name: Candidate): string => readFileSync(join(runs.get(name)?.out ?? '', DOCUMENT), 'utf8');

beforeAll(async () => {
  assertBuilt();
  dir = temp.make();
  // One after the other: both land in the same gaps log.
  for (const name of CANDIDATES) {
    const out = join(dir, name);
    mkdirSync(out);
    const result = await runCli(['interview', '--answers', examplePath(name), '--out', out, '--json'], {
      cwd: dir,
      env: env(),
    });
    runs.set(name, { result, out });
  }
});

afterAll(() => {
  temp.removeAll();
});

describe.each(CANDIDATES)('interview --answers examples/%s.yaml', (name) => {
  it('writes the review and one JSON summary with the score and the dimensions', () => {
    const run = runs.get(name);
    expect(run?.result.code, run?.result.stderr).toBe(0);
    const summary = summaryOf(name);
    expect(summary).toMatchObject({ command: 'interview', problem: 'url-shortener', level: 'senior' });
    expect(Object.keys(summary.dimensions)).toEqual([
      'requirements',
      'estimation',
      'high-level',
      'deep-dive',
      'tradeoffs',
      'operations',
      'communication',
    ]);
    expect(summary.score).toBeGreaterThanOrEqual(0);
    expect(summary.score).toBeLessThanOrEqual(100);
  });

  it('quotes the candidate verbatim as evidence', () => {
    const { answers, followups = {} } = parseYaml(readFileSync(examplePath(name), 'utf8')) as {
      answers: Record<string, string>;
      followups?: Record<string, string>;
    };
    const said = [...Object.values(answers), ...Object.values(followups)].join('\n');
    const quotes = reviewOf(name)
      .split('\n')
      .filter((line) => line.startsWith('> ') && line.length > 10)
      .map((line) => line.slice(2));
    expect(quotes.length).toBeGreaterThan(0);
    for (const quote of quotes) expect(said, quote).toContain(quote);
  });

  it('passes markdownlint and matches its snapshot', async () => {
    const lint = await markdownlint([join(runs.get(name)?.out ?? '', DOCUMENT)], dir);
    expect(lint.stdout).toContain('Summary: 0 error(s)');
    await expect(reviewOf(name)).toMatchFileSnapshot(`__snapshots__/${name}.${DOCUMENT}`);
  });
});

describe('the two candidates', () => {
  it('separate clearly: the strong one is a hire, the weak one a no hire, 50+ points apart', () => {
    const strong = summaryOf('interview-strong');
    const weak = summaryOf('interview-weak');
    expect(strong.verdict).toBe('hire');
    expect(weak.verdict).toBe('no hire');
    expect(strong.score - weak.score).toBeGreaterThanOrEqual(50);
    for (const dimension of Object.keys(strong.dimensions))
      expect(strong.dimensions[dimension], dimension).toBeGreaterThanOrEqual(weak.dimensions[dimension] ?? 0);
  });

  it('the weak review names the missing components, the red flags, the hint and the unchecked numbers', () => {
    const weak = summaryOf('interview-weak');
    expect(weak.missing_components).toEqual(['cache', 'link-scanner', 'click-stream', 'click-analytics']);
    expect(weak.red_flags.map((flag) => flag.id)).toEqual([
      'skipped-estimation',
      'microservices-day-one',
      'ignored-failure-modes',
      'assumed-scale',
    ]);
    expect(weak.hints).toBe(1);
    const review = reviewOf('interview-weak');
    expect(review).toContain('Hints used: 1.');
    expect(review).toContain('No figures to check');
    expect(review).toContain('Storage over retention: 1.667 GB/day x 1,825 days of retention = 3.042 TB');
  });

  it('the strong review checks every figure against the engine', () => {
    expect(reviewOf('interview-strong')).toContain(
      '| 9 TB | Storage over retention, 3 copies | 9.13 TB | within 2x |',
    );
  });
});

describe('the interview command', () => {
  it('--pass-mark sets the exit code: 1 below it, 0 at or above it, the review written either way', async () => {
    const below = join(dir, 'below');
    mkdirSync(below);
    const failing = await runCli(
      [
        'interview',
        '--answers',
        examplePath('interview-weak'),
        '--out',
        below,
        '--pass-mark',
        '60',
        '--no-save',
      ],
      { cwd: dir },
    );
    expect(failing.code).toBe(1);
    expect(failing.stderr).toMatch(/mlops-design: score \d+ is below the pass mark 60/);
    expect(failing.stderr).toContain('Score 25/100: no hire for senior. Weakest: estimation and tradeoffs.');
    expect(readFileSync(join(below, DOCUMENT), 'utf8')).toContain('no hire');
    const above = join(dir, 'above');
    mkdirSync(above);
    const passing = await runCli(
      [
        'interview',
        '--answers',
        examplePath('interview-strong'),
        '--out',
        above,
        '--pass-mark',
        '60',
        '--no-save',
      ],
      { cwd: dir },
    );
    expect(passing.code, passing.stderr).toBe(0);
    const bad = await runCli(
      ['interview', '--answers', examplePath('interview-strong'), '--pass-mark', 'high'],
      { cwd: dir },
    );
    expect(bad.code).toBe(64);
  });

  it('an unknown --problem exits 64 before any question; with --answers the flags are ignored, with a warning', async () => {
    const unknown = await runCli(['interview', '--problem', 'url-shortner'], { cwd: dir });
    expect(unknown.code).toBe(64);
    expect(unknown.stderr.split('\n')[0]).toBe(
      'mlops-design: --problem: expected a problem id from the bank (mlops-design problems), got "url-shortner"',
    );
    const out = join(dir, 'ignored');
    mkdirSync(out);
    const replay = await runCli(
      [
        'interview',
        '--answers',
        examplePath('interview-strong'),
        '--problem',
        'chat',
        '--out',
        out,
        '--no-save',
      ],
      { cwd: dir },
    );
    expect(replay.code, replay.stderr).toBe(0);
    expect(replay.stderr).toContain('warning: --problem ignored: the answers file answers interview.problem');
    expect(readFileSync(join(out, DOCUMENT), 'utf8')).toContain('Problem `url-shortener`');
  });

  it('a scripted "?" gets its hint and never becomes the answer: with no answer after it, exit 65 naming the id', async () => {
    const weak = readFileSync(examplePath('interview-weak'), 'utf8');
    const withoutFollowup = join(dir, 'hint-without-answer.yaml');
    writeFileSync(withoutFollowup, weak.replace(/\nfollowups:[\s\S]*$/, '\n'));
    const result = await runCli(['interview', '--answers', withoutFollowup, '--no-save'], { cwd: dir });
    expect(result.code).toBe(65);
    expect(result.stderr).toContain('interview.estimation: "?" asks for help, never answers');
    expect(result.stderr).toContain('Hint 1 of 1: Turn links per month into writes per second');
  });

  it('--history shows the weakest dimensions across the interviews run so far', async () => {
    const result = await runCli(['interview', '--history', '--json'], { cwd: dir, env: env() });
    expect(result.code, result.stderr).toBe(0);
    const history = JSON.parse(result.stdout) as {
      interviews: number;
      weakest: { dimension: string; average: number }[];
    };
    expect(history.interviews).toBe(2);
    expect(history.weakest[0]?.dimension).toBe('estimation');
    const text = await runCli(['interview', '--history'], { cwd: dir, env: env() });
    expect(text.stdout).toMatch(/^2 interview\(s\); weakest dimensions first/);
  });

  it('problems lists the bank, filtered by level and tag', async () => {
    const all = await runCli(['problems', '--json'], { cwd: dir });
    const { problems } = JSON.parse(all.stdout) as {
      problems: { id: string; level: string; tags: string[]; archetypes: string[]; components: string[] }[];
    };
    expect(problems.length).toBeGreaterThanOrEqual(16);
    // Each problem names its archetypes; its expected components come from them.
    const byId = (id: string) => problems.find((problem) => problem.id === id);
    expect(byId('document-qa-llm')).toMatchObject({ archetypes: ['llm-rag'] });
    expect(byId('search-ranking')?.archetypes).toEqual(['search-autocomplete', 'recommendations']);
    // The archetype's components (vector index, GPU serving) and the problem's own extra (a gateway).
    expect(byId('document-qa-llm')?.components).toEqual(
      expect.arrayContaining(['app', 'vector-index', 'llm-serving', 'llm-gateway']),
    );
    expect(byId('web-crawler')?.archetypes).toEqual([]);
    for (const id of [
      'url-shortener',
      'pastebin',
      'news-feed',
      'chat',
      'rate-limiter',
      'web-crawler',
      'notification-system',
      'search-autocomplete',
      'ride-hailing-dispatch',
      'video-streaming',
      'fraud-scoring',
      'recommendations',
      'feature-store',
      'ad-click-prediction',
      'search-ranking',
      'document-qa-llm',
    ])
      expect(problems.map((problem) => problem.id)).toContain(id);
    const ml = await runCli(['problems', '--tag', 'ml', '--level', 'senior', '--json'], { cwd: dir });
    const filtered = (JSON.parse(ml.stdout) as { problems: { level: string; tags: string[] }[] }).problems;
    expect(filtered.length).toBeGreaterThan(0);
    for (const problem of filtered) {
      expect(problem.level).toBe('senior');
      expect(problem.tags).toContain('ml');
    }
  });

  it('validate and questions know the interview protocol', async () => {
    const valid = await runCli(['validate', examplePath('interview-weak')], { cwd: dir });
    expect(valid.code, valid.stderr).toBe(0);
    expect(valid.stdout).toMatch(/interview\.estimation\s+\? -> Lots of users/);
    const questions = await runCli(['questions', '--command', 'interview', '--json'], { cwd: dir });
    const ids = (JSON.parse(questions.stdout) as { questions: { id: string }[] }).questions.map((q) => q.id);
    expect(ids).toEqual([
      'title',
      'interview.problem',
      'interview.level',
      'interview.timebox',
      'interview.requirements',
      'interview.estimation',
      'interview.high-level',
      'interview.deep-dive',
      'interview.tradeoffs',
      'interview.operations',
      'approval',
    ]);
  });
});
