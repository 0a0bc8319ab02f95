/**
 * scripts/template-share.mjs measures how much of each design document is template text (issue 13,
 * section 6). It runs here as an engineer runs it, on small documents written to a temp folder.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES, ROOT, runScript, tempDirs } from '../e2e/support/run-cli.js';

const SCRIPT = join(ROOT, 'scripts', 'template-share.mjs');
const dirs = tempDirs('template-share');
afterAll(() => {
  dirs.removeAll();
});

interface Report {
  documents: { file: string; sentences: number; template: number; sharePercent: number }[];
  overall: { sentences: number; template: number; sharePercent: number };
  top: { sentence: string; occurrences: number; documents: number }[];
}

// Each document has 5 counted sentences; 2 are shared once numbers, the title, the component names
// and the identifiers in backticks are normalised. The identical heading, code block and short cells
// would push the share above 40% if they were counted.
const ALPHA = `# System Design: Alpha Store

Scope: general.

## A heading long enough to count as a sentence if headings were counted

The Alpha Store answers 1,160/s reads at peak with room to spare. Orders are shipped from the nearest warehouse first.

### Component Descriptions

#### Order service

- Purpose: reads of \`order_id\` go through Order service before the cache.
- Data owned: an audit trail for every order, kept for 10 years.

| Metric | Result |
| --- | --- |
| Peak QPS | ~38,200/s |
| A nightly job compacts the order history into monthly files | 3x |

\`\`\`text
This fenced line is the same in both documents and must not count.
\`\`\`
`;

const BETA = `# System Design: Beta Feed

Scope: general.

## A heading long enough to count as a sentence if headings were counted

The Beta Feed answers ~38,200/s reads at peak with room to spare. Posts are ranked by recency and then by reputation.

### Component Descriptions

#### Timeline service

- Purpose: reads of \`post_id\` go through Timeline service before the cache.
- Data owned: the newest posts of every followed account, for 30 days.

| Metric | Result |
| --- | --- |
| Peak QPS | ~1,160/s |
| Media files are resized once and served from the edge | 10 TB |

\`\`\`text
This fenced line is the same in both documents and must not count.
\`\`\`
`;

function write(dir: string, documents: Record<string, string>): string[] {
  return Object.entries(documents).map(([name, text]) => {
    writeFileSync(join(dir, name), text);
    return name;
  });
}

async function measure(documents: Record<string, string>, ...flags: string[]) {
  const cwd = dirs.make();
  const files = write(cwd, documents);
  const result = await runScript(SCRIPT, ['--files', ...files, ...flags], { cwd });
  return { ...result, files };
}

async function measureJson(documents: Record<string, string>, ...flags: string[]): Promise<Report> {
  const result = await measure(documents, '--json', ...flags);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

describe('template-share', () => {
  it('counts a sentence as template when its normalised form is in another document: 2 of 5 is 40.0%', async () => {
    const report = await measureJson({ 'alpha.md': ALPHA, 'beta.md': BETA }, '--top', '5');
    expect(report.documents).toEqual([
      { file: 'alpha.md', sentences: 5, template: 2, sharePercent: 40 },
      { file: 'beta.md', sentences: 5, template: 2, sharePercent: 40 },
    ]);
    expect(report.overall).toEqual({ sentences: 10, template: 4, sharePercent: 40 });
    expect(report.top).toEqual([
      {
        sentence: 'purpose: reads of <id> go through <component> before the cache',
        occurrences: 2,
        documents: 2,
      },
      { sentence: 'the <title> answers <n> reads at peak with room to spare', occurrences: 2, documents: 2 },
    ]);
  });

  it('prints a table with one decimal per document and overall', async () => {
    const { code, stdout } = await measure({ 'alpha.md': ALPHA, 'beta.md': BETA });
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual([
      'document  sentences  template   share',
      'alpha.md          5         2   40.0%',
      'beta.md           5         2   40.0%',
      'overall          10         4   40.0%',
      '',
    ]);
  });

  it('treats sentences differing only in numbers of any form and in the title as identical', async () => {
    const report = await measureJson(
      {
        'a.md':
          '# System Design: Alpha Store\n\nAlpha Store bills $4,640 for 10 TB at 99.99% over 4m 19s, 3x the 2026-11-22 quote and 1,160/s.\n',
        'b.md':
          '# System Design: Beta Feed\n\nBeta Feed bills $12 for 3 GB at 99.9% over 8h 45m 36s, 10x the 2025-01-02 quote and ~38,200/s.\n',
        'c.md':
          '# System Design: Gamma\n\nGamma pays $12 for 3 GB at 99.9% over 8h 45m 36s, 10x the 2025-01-02 quote and ~38,200/s.\n',
      },
      '--top',
      '1',
    );
    expect(report.documents.map((row) => [row.sentences, row.template])).toEqual([
      [1, 1],
      [1, 1],
      [1, 0],
    ]);
    expect(report.top[0]?.sentence).toBe('<title> bills <n> for <n> at <n> over <n> the <n> quote and <n>');
  });

  it('skips fenced code (text and mermaid), headings and fragments under 4 words', async () => {
    const shared =
      '# Same title words here\n\n## A heading shared by both documents word for word\n\nToo short here.\n\n' +
      '```text\n[Clients] --HTTPS--> [Load balancer] and more words\n```\n\n' +
      '```mermaid\nflowchart LR\n  client -->|"a label of several words"| gateway\n```\n';
    const report = await measureJson({ 'a.md': `${shared}\nOnly a has this sentence.\n`, 'b.md': shared });
    expect(report.documents.map((row) => row.sentences)).toEqual([1, 0]);
    expect(report.overall).toEqual({ sentences: 1, template: 0, sharePercent: 0 });
  });

  it('does not count a calculation: a cell or sentence with fewer than 4 alphabetic words besides placeholders and x', async () => {
    const calculations =
      '| Item | Calculation |\n| --- | --- |\n' +
      '| Cache nodes | 6 nodes x $0.437/hour x 720 hours/month = $1,887.84/month |\n' +
      '| Peak | 3,897/s average x peak factor 3 = 11,690/s |\n';
    const report = await measureJson(
      {
        'a.md': `# System Design: Alpha\n\n${calculations}\nAlpha keeps every order for ten years.\n`,
        'b.md': `# System Design: Beta\n\n${calculations}\nBeta keeps every post for one month.\n`,
      },
      '--top',
      '3',
    );
    // "<n> nodes x <n> hours/month = <n>" has 2 alphabetic words and "<n> average x peak factor <n>"
    // has 3: neither is counted, so only the prose sentence is, and it differs between the two.
    expect(report.documents.map((row) => [row.sentences, row.template])).toEqual([
      [1, 0],
      [1, 0],
    ]);
    expect(report.top).toEqual([]);
  });

  it('--max exits 1 naming each document above the share, and 0 at or under it', async () => {
    const documents = { 'alpha.md': ALPHA, 'beta.md': BETA };
    const over = await measure(documents, '--max', '0.15');
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('template-share: alpha.md 40.0%, beta.md 40.0% above --max 0.15\n');
    expect(over.stdout).toContain('target: each document at most 15.0%');
    const atLimit = await measure(documents, '--max', '0.4');
    expect(atLimit.code).toBe(0);
    expect(atLimit.stderr).toBe('');
  });

  it('rejects a bad flag value with 64 and a missing file with 66, in one line', async () => {
    const badMax = await measure({ 'a.md': ALPHA }, '--max', '15');
    expect(badMax.code).toBe(64);
    expect(badMax.stderr).toMatch(/^template-share: --max expects a share between 0 and 1 .*'15'\n$/);
    const missing = await measure({ 'a.md': ALPHA }, 'gone.md');
    expect(missing.code).toBe(66);
    expect(missing.stderr).toBe('template-share: gone.md: cannot read the markdown file (ENOENT)\n');
  });

  it('measures the snapshot-tested design documents by default', async () => {
    const result = await runScript(SCRIPT, ['--json'], { cwd: dirs.make() });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    // Every design example is snapshot-tested (test/e2e/support/run-cli.ts lists them).
    expect(report.documents.map((row) => row.file)).toEqual(
      [...EXAMPLES].sort().map((name) => `test/e2e/__snapshots__/${name}.system_design.md`),
    );
    for (const row of report.documents) expect(row.sentences).toBeGreaterThan(100);
  });
});
