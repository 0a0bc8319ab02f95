// `mlops-design references`: the guides listed, one rendered in the terminal, styled only when the
// project's colour switch says so.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, assertBuilt, runCli, stackFrames, tempDirs } from './support/run-cli.js';

const temp = tempDirs('references');
let dir = '';
beforeAll(() => {
  assertBuilt();
  dir = temp.make();
});
afterAll(() => {
  temp.removeAll();
});

const guideIds = readdirSync(join(ROOT, 'references', 'capabilities'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => name.replace(/\.md$/, ''))
  .sort();

describe('references', () => {
  it('lists every guide with its component types and phases, then the dated tables', async () => {
    const result = await runCli(['references'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const [guideLines = '', tableLines = ''] = result.stdout.trim().split('\n\nDated tables of numbers:\n');
    expect(guideLines.split('\n').map((line) => line.split(/\s+/)[0])).toEqual(guideIds);
    expect(guideIds).toHaveLength(13);
    expect(result.stdout).toMatch(/^database-design\s+Database design\s+\[datastore/m);
    expect(tableLines.split('\n').map((line) => line.split(/\s+/)[0])).toEqual([
      'latency',
      'throughput',
      'cloud-prices',
      'llm-serving',
    ]);
    expect(result.stdout).toMatch(
      /^throughput\s+Throughput per component\s+\[19 rows, updated \d{4}-\d{2}-\d{2}\]$/m,
    );
  });

  it('renders a dated table with every row, its value, source and date', async () => {
    const result = await runCli(['references', 'throughput', '--no-color'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^# Throughput per component/m);
    for (const row of [
      'relational-primary.writes: 5,000/s',
      'cache-node.memory: 18 GB',
      'log-partition.bytes: 10 MB/s',
      'connection-gateway.connections: 100,000',
    ])
      expect(result.stdout).toContain(`## ${row}`);
    expect(result.stdout.match(/^## /gm)).toHaveLength(19);
    // The terminal renderer wraps long lines, sometimes between "(checked" and its date.
    expect(result.stdout.match(/\(checked\s+\d{4}-\d{2}-\d{2}\)\./g)).toHaveLength(19);
    const llm = await runCli(['references', 'llm-serving', '--no-color'], { cwd: dir });
    expect(llm.code, llm.stderr).toBe(0);
    for (const row of [
      'gpu.h100-80gb: 80 GB',
      'precision.int4: 0.5 B/parameter',
      'model.llama-3-70b: 70B parameters',
    ])
      expect(llm.stdout).toContain(`## ${row}`);
    expect(llm.stdout).toContain('## decode.llama-2-13b.fp16.a100-80gb: 700 tokens/s');
    const json = await runCli(['references', 'cloud-prices', '--json'], { cwd: dir });
    const table = JSON.parse(json.stdout) as { file: string; rows: { id: string; value: string }[] };
    expect(table.file).toBe('references/numbers/cloud-prices.yaml');
    expect(table.rows).toContainEqual(
      expect.objectContaining({ id: 'compute.general-4vcpu', value: '$0.2016/hour' }),
    );
  });

  it('--json lists id, title, components, phases, keywords, dated sources and word counts', async () => {
    const result = await runCli(['references', '--json'], { cwd: dir });
    const { guides, tables } = JSON.parse(result.stdout) as {
      guides: { id: string; words: number; sources: { consulted: string }[] }[];
      tables: { id: string; rows: number }[];
    };
    expect(guides.map((guide) => guide.id)).toEqual(guideIds);
    expect(tables).toContainEqual(expect.objectContaining({ id: 'latency', rows: 17 }));
    for (const guide of guides) {
      expect(guide.words, guide.id).toBeGreaterThanOrEqual(800);
      expect(guide.words, guide.id).toBeLessThanOrEqual(2_500);
      expect(guide.sources[0]?.consulted, guide.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('renders one guide with its sections and sources, with no escape codes in a pipe or under NO_COLOR', async () => {
    for (const env of [{}, { NO_COLOR: '1', FORCE_COLOR: undefined }]) {
      const result = await runCli(['references', 'drift-detection'], { cwd: dir, env });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^# Drift detection/m);
      for (const heading of ['## Core principle', '## Failure modes', '## Red flags', '## Sources'])
        expect(result.stdout).toContain(heading);
      expect(result.stdout).toMatch(/0\.25/);
      expect(result.stdout).not.toContain('\u001b');
    }
  });

  it('styles the rendering when FORCE_COLOR asks for it, and not with --no-color', async () => {
    const coloured = await runCli(['references', 'api-design'], {
      cwd: dir,
      env: { NO_COLOR: undefined, FORCE_COLOR: '1' },
    });
    expect(coloured.stdout).toContain('\u001b[');
    const plain = await runCli(['references', 'api-design', '--no-color'], {
      cwd: dir,
      env: { NO_COLOR: undefined, FORCE_COLOR: '1' },
    });
    expect(plain.stdout).not.toContain('\u001b');
  });

  it('an unknown guide exits 64 with a suggestion, no stack trace', async () => {
    const result = await runCli(['references', 'database-desing'], { cwd: dir });
    expect(result.code).toBe(64);
    expect(result.stderr.split('\n')[0]).toBe(
      'mlops-design: no reference guide or table "database-desing" (did you mean "database-design"?)',
    );
    expect(stackFrames(result.stderr)).toEqual([]);
    expect(result.stdout).toBe('');
  });
});
