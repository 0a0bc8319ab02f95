/**
 * `mlops-design estimate` as a user runs it: flags or a spec file in, the Metric | Calculation |
 * Result table or the JSON contract out, and one-line errors with the contract's exit codes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli, stackFrames, tempDirs } from './support/run-cli.js';

const temp = tempDirs('estimate');
let dir = '';

beforeAll(() => {
  assertBuilt();
  dir = temp.make();
});
afterAll(() => {
  temp.removeAll();
});

const estimate = (...args: string[]) => runCli(['estimate', ...args], { cwd: dir });

interface JsonMetric {
  readonly value: number;
  readonly unit: string;
  readonly formula: string;
  readonly display: string;
}
interface JsonReport {
  readonly inputs: Record<string, unknown>;
  readonly metrics: Record<string, JsonMetric>;
  readonly warnings: string[];
  readonly latency_budget?: {
    budget: number;
    slack: number;
    allocations: { component: string; reference: string | null }[];
  };
  readonly growth?: Record<string, Record<string, JsonMetric>>;
}

async function json(...args: string[]): Promise<JsonReport> {
  const result = await estimate(...args, '--json');
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as JsonReport;
}

const PASTEBIN = [
  '--writes',
  '10M/month',
  '--read-write-ratio',
  '10',
  '--write-size',
  '1KB',
  '--retention',
  '3y',
];

describe('estimate: human output', () => {
  it('prints the Metric | Calculation | Result table with the work shown, on stdout', async () => {
    const result = await estimate(...PASTEBIN);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('| Metric | Calculation | Result |');
    expect(result.stdout).toContain(
      '| Average write QPS | 10M writes/month / 2,592,000 s/month = 3.858/s | ~3.86/s |',
    );
    expect(result.stdout).toContain('peak factor 2 (default)');
    expect(result.stdout).toContain(
      '| Storage over retention | 333.3 MB/day x 1,095 days of retention = 365 GB | 365 GB |',
    );
    expect(result.stdout).not.toMatch(/NaN|Infinity|undefined|\d{13,}/);
  });

  it('prints warnings on stderr, naming the input', async () => {
    const result = await estimate(...PASTEBIN, '--peak-factor', '20');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: .*peak_factor/m);
    expect(result.stdout).not.toContain('warning');
  });
});

describe('estimate: the JSON contract', () => {
  it('has inputs, metrics by id with value, unit, formula and display, in base units, and warnings', async () => {
    const report = await json(
      ...PASTEBIN,
      '--availability',
      '99.9%',
      '--per-server-qps',
      '50',
      '--target-utilization',
      '0.6',
    );
    expect(report.inputs).toMatchObject({
      read_write_ratio: 10,
      write_size: 1000,
      retention: 94_608_000,
      availability: 0.999,
    });
    expect(report.inputs.writes).toBeCloseTo(3.858_024_691_36, 9);
    for (const id of [
      'write_qps',
      'read_qps',
      'total_qps',
      'peak_qps',
      'storage_per_day',
      'storage_per_month',
      'storage_total',
      'ingress_bandwidth',
      'egress_bandwidth',
      'servers',
      'servers_pow2',
      'cache_memory',
      'storage_cost_per_month',
      'egress_cost_per_day',
      'egress_cost_per_month',
      'downtime_per_year',
      'downtime_per_quarter',
      'downtime_per_month',
      'downtime_per_week',
      'downtime_per_day',
      'error_budget_per_day',
    ]) {
      const metric = report.metrics[id];
      expect(metric, id).toBeDefined();
      expect(Number.isFinite(metric?.value), id).toBe(true);
      expect(metric?.formula.length, id).toBeGreaterThan(5);
      expect(metric?.display.length, id).toBeGreaterThan(0);
    }
    expect(report.metrics.storage_per_month).toMatchObject({ value: 10e9, unit: 'bytes', display: '10 GB' });
    expect(report.metrics.downtime_per_month?.value).toBeCloseTo(2_592, 6);
    // 84.88/s peak / (50/s x 60%) = 2.83 -> 3 servers, 4 as a power of two: capacity rounds up.
    expect(report.metrics.servers?.value).toBe(3);
    expect(report.metrics.servers_pow2?.value).toBe(4);
    expect(report.warnings).toEqual([]);
  });

  it('omits metrics whose inputs are missing', async () => {
    const report = await json('--availability', '99.99%');
    expect(Object.keys(report.metrics).sort()).toEqual(
      [
        'downtime_per_day',
        'downtime_per_month',
        'downtime_per_quarter',
        'downtime_per_week',
        'downtime_per_year',
      ].sort(),
    );
    expect(report.metrics.downtime_per_year?.value).toBeCloseTo(3_153.6, 6);
  });

  it('computes connection servers, the latency budget and growth multiples', async () => {
    const report = await json(
      ...PASTEBIN,
      '--connections',
      '1M',
      '--connections-per-server',
      '50K',
      '--latency-budget',
      '200',
      '--path',
      'gateway,service,cache,db',
      '--growth',
      '10x,100x',
    );
    expect(report.metrics.connection_servers?.value).toBe(20);
    expect(report.latency_budget?.budget).toBeCloseTo(0.2, 9);
    expect(report.latency_budget?.allocations.map((a) => a.component)).toEqual([
      'gateway',
      'service',
      'cache',
      'db',
    ]);
    expect(report.latency_budget?.allocations.every((a) => a.reference !== null)).toBe(true);
    expect(report.latency_budget?.slack).toBeGreaterThan(0);
    const base = report.metrics.peak_qps?.value ?? 0;
    expect(report.growth?.['10x']?.peak_qps?.value).toBeCloseTo(base * 10, 6);
    expect(report.growth?.['100x']?.storage_total?.value).toBeCloseTo(
      (report.metrics.storage_total?.value ?? 0) * 100,
      0,
    );
    expect(report.growth?.['100x']?.connection_servers?.value).toBe(2_000);
  });

  it('reports an overrun when the path needs more than the budget', async () => {
    const result = await estimate('--latency-budget', '5', '--path', 'gateway,service,db,model', '--json');
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.latency_budget?.slack).toBeLessThan(0);
    expect(report.warnings.join(' ')).toMatch(/overrun|over budget|exceed/i);
  });
});

describe('estimate: spec files', () => {
  it('reads the same inputs in snake_case from YAML, and flags override them', async () => {
    const spec = join(dir, 'spec.yaml');
    writeFileSync(
      spec,
      'writes: 10M/month\nread_write_ratio: 10\nwrite_size: 1KB\nretention: 3y\npeak_factor: 3\n',
    );
    const fromFile = await json('--spec', spec);
    const fromFlags = await json(...PASTEBIN, '--peak-factor', '3');
    expect(fromFile.metrics).toEqual(fromFlags.metrics);
    const overridden = await json('--spec', spec, '--peak-factor', '2');
    expect(overridden.metrics.peak_qps?.value).toBeCloseTo(
      (fromFile.metrics.peak_qps?.value ?? 0) * (2 / 3),
      6, // values are reported with 10 significant digits
    );
  });

  it('reads JSON spec files', async () => {
    const spec = join(dir, 'spec.json');
    writeFileSync(
      spec,
      JSON.stringify({ dau: '50M', writes_per_user: '2/day', write_size: '1KB', retention: '1y' }),
    );
    const report = await json('--spec', spec);
    expect(report.metrics.write_qps?.value).toBeCloseTo(1_157.407_407, 5);
  });
});

describe('estimate: errors', () => {
  const expectOneLine = (stderr: string): void => {
    expect(stderr.trim().split('\n')[0]).toMatch(/^mlops-design: /);
    expect(stackFrames(stderr)).toEqual([]);
  };

  it.each([
    [['--writes', 'lots'], /--writes: expected a rate/],
    [['--write-size', '12 parsecs'], /--write-size: /],
    [['--availability', '0.999'], /--availability: "0.999" would mean 0.999%/],
    [['--growth', 'ten'], /--growth: expected multiples/],
    [['--writes', '1M/day', '--peak-factor', '0.5'], /--peak-factor: .*at least 1/],
    [['--availability', '100%'], /--availability: /],
    [['--writes', '1M/day', '--writes-per-user', '2/day', '--dau', '1M'], /--writes|--writes-per-user/],
    [['--latency-budget', '200'], /--latency-budget|--path/],
    [[], /nothing to estimate/],
  ])('bad flag values exit 64 with one line naming the flag: %j', async (args, message) => {
    const result = await estimate(...args);
    expect(result.code, result.stderr).toBe(64);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
    expectOneLine(result.stderr);
  });

  it('a bad spec file exits 65 naming the file and the key, with a suggestion for a near miss', async () => {
    const typo = join(dir, 'typo.yaml');
    writeFileSync(typo, 'writes: 1M/day\nwrite_szie: 1KB\n');
    const unknown = await estimate('--spec', typo);
    expect(unknown.code).toBe(65);
    expect(unknown.stderr).toMatch(/typo\.yaml: write_szie: unknown input \(did you mean "write_size"\?\)/);
    expectOneLine(unknown.stderr);

    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'writes: 1M/day\npeak_factor: 0.5\n');
    const check = await estimate('--spec', bad);
    expect(check.code).toBe(65);
    expect(check.stderr).toMatch(/bad\.yaml: peak_factor: /);
    expectOneLine(check.stderr);
  });

  it('a missing spec file exits 66', async () => {
    const result = await estimate('--spec', join(dir, 'nope.yaml'));
    expect(result.code).toBe(66);
    expect(result.stderr).toMatch(/nope\.yaml: spec file not found/);
  });
});

describe('estimate: large JSON through a pipe', () => {
  it('arrives complete and parses when it is far larger than a 64 KiB pipe buffer', async () => {
    const multiples = Array.from({ length: 59 }, (_, index) => index + 2).join(',');
    const result = await estimate(
      ...PASTEBIN,
      '--availability',
      '99.9%',
      '--per-server-qps',
      '100',
      '--growth',
      multiples,
      '--json',
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(256 * 1024);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(Object.keys(report.growth ?? {})).toHaveLength(59);
    expect(report.growth?.['60x']?.write_qps?.value).toBeCloseTo(
      (report.metrics.write_qps?.value ?? 0) * 60,
      6,
    );
  });
});
