/**
 * Answers as engineers type them (tildes, nines, DAU labels, notes, a peak, a team sum) pass
 * `validate` and `design`, and every reading is said on stderr; a peak rate given to `estimate`
 * is the peak, with the average derived from it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli, tempDirs } from './support/run-cli.js';

const temp = tempDirs('reader');

const TYPED = `version: 1
command: design
title: Pastebin, typed
scope: system
answers:
  requirements.functional: |
    - A user pastes up to 1 MB of text and gets back a short URL within 200 ms.
    - A visitor opens a short URL and sees the paste within 100 ms.
  requirements.scale: ~2M DAU, growing 30% a year
  requirements.latency: p50 ~10ms, p99 < 100ms
  requirements.availability: 99.9% (three nines)
  requirements.consistency: eventual, a new paste readable within 1 s; the author reads their own paste at once
  requirements.durability: no acknowledged paste may be lost, RPO 0
  requirements.team: 3 DS + 1 MLE
  estimation.users: around 2M DAU
  estimation.writes: ~1M/day
  estimation.reads: 10:1 i guess
  estimation.write-size: few hundred bytes, say 300B
  estimation.retention: 7 years (audit log)
  estimation.peak-factor: ~3
  estimation.replication: 3
  high-level.archetype: A
  high-level.access-key: short_code
  high-level.architecture: A
  high-level.datastore: A
  high-level.cache: A
  high-level.write-path: A
  deep-dive.focus: A
  tradeoffs.consistency: A
  operations.deployment: A
  operations.degradation: Serve reads from the cache and read replicas; if the primary is down, creation returns 503 with Retry-After, for up to 5 minutes.
  approval: yes
`;

let dir = '';
let answers = '';

beforeAll(() => {
  assertBuilt();
  dir = temp.make();
  answers = join(dir, 'typed.yaml');
  writeFileSync(answers, TYPED);
});
afterAll(() => {
  temp.removeAll();
});

describe('answers typed the way engineers type', () => {
  it('pass validate', async () => {
    const result = await runCli(['validate', answers], { cwd: dir });
    expect(result.stderr).not.toMatch(/expected/);
    expect(result.code).toBe(0);
  });

  it('pass design, and stderr says how each was read', async () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    const result = await runCli(['design', '--answers', answers, '--out', out], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    for (const line of [
      'Read as: P50 10 ms, P99 100 ms',
      'Read as: 99.9% (three nines)',
      'Read as: 4 engineers (3 DS + 1 MLE)',
      'Read as: 2,000,000 DAU',
      'Read as: 1M/day = 11.6/s',
      'Read as: 10 reads per write',
      "Read as: 300 B (from 'say 300B')",
      "Read as: 7 years; the note '(audit log)' kept as context",
      'Read as: peak = average x 3',
    ])
      expect(result.stderr).toContain(line);
    const document = readFileSync(join(out, 'system_design.md'), 'utf8');
    expect(document).toContain('P50 10 ms, P99 100 ms');
  });

  it('a batch deadline is a latency answer, and the document says so', async () => {
    const batch = join(dir, 'batch.yaml');
    writeFileSync(
      batch,
      TYPED.replace(
        'requirements.latency: p50 ~10ms, p99 < 100ms',
        "requirements.latency: 'n/a - batch, the whole nightly run has to finish in under 4h'",
      ),
    );
    const out = join(dir, 'batch-out');
    mkdirSync(out);
    const result = await runCli(['design', '--answers', batch, '--out', out], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      'Read as: a batch deadline: the run must finish within 4h (no request latency target)',
    );
    expect(readFileSync(join(out, 'system_design.md'), 'utf8')).toContain(
      'batch: the run must finish within 4h',
    );
  });

  it('a truly ambiguous answer fails with 65, naming the id and the fragment', async () => {
    const vague = join(dir, 'vague.yaml');
    writeFileSync(vague, TYPED.replace('few hundred bytes, say 300B', 'a few hundred bytes'));
    const result = await runCli(['validate', vague], { cwd: dir });
    expect(result.code).toBe(65);
    expect(result.stderr).toContain(
      "estimation.write-size: 'a few hundred bytes' is not a size: give a number, e.g. 300 B",
    );
  });
});

describe('estimate with a rate given as its peak', () => {
  it('uses it as the peak and derives the average, and says so', async () => {
    const result = await runCli(
      [
        '--json',
        'estimate',
        '--writes',
        '20K/s at peak',
        '--peak-factor',
        '4',
        '--availability',
        'four nines',
      ],
      { cwd: dir },
    );
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as {
      metrics: Record<string, { value: number; formula: string }>;
    };
    expect(report.metrics.peak_write_qps?.value).toBe(20_000);
    expect(report.metrics.write_qps?.value).toBe(5_000);
    expect(report.metrics.write_qps?.formula).toBe(
      '20,000 writes/s at peak (given); average = peak / peak factor 4 = 5,000/s',
    );
    // Writes alone still give the totals and the error budget: one set of metric ids.
    expect(report.metrics.peak_qps?.value).toBe(20_000);
    expect(report.metrics.total_qps?.value).toBe(5_000);
    expect(report.metrics.error_budget_per_day?.value).toBe(43_200);
  });
});
