/**
 * `design --adr`: one MADR 4.0 record per decision for every example, numbered after the records
 * already in the folder, linked from the Tradeoffs table, lint-clean, the same files on a second
 * run, and `--check` that says which files would change without writing any.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tree } from '../support/tree.js';
import {
  EXAMPLES,
  assertBuilt,
  examplePath,
  markdownlint,
  runCli,
  stackFrames,
  tempDirs,
  type ExampleName,
} from './support/run-cli.js';

const temp = tempDirs('adr');
beforeAll(() => {
  assertBuilt();
});
afterAll(() => {
  temp.removeAll();
});

const RECORDS = 'docs/decisions';
/**
 * The decisions with a record: not the picks (the archetype and the deep-dive focus decide what
 * the design holds and what the review covers, not a tradeoff); the ledger adds its region strategy.
 */
const DECISIONS_OF = {
  pastebin: 6,
  'news-feed': 6,
  'fraud-scoring': 8,
  messenger: 6,
  'payments-ledger': 7,
  'ride-dispatch': 6,
  'document-qa': 8,
  'churn-scoring': 8,
  recommendations: 8,
  'url-shortener': 6,
  'internal-tool': 6,
} as const satisfies Record<ExampleName, number>;

/** An --out holding two records someone wrote before, and a README in the same folder. */
function outWithRecords(): string {
  const out = join(temp.make(), 'out');
  mkdirSync(join(out, RECORDS), { recursive: true });
  writeFileSync(join(out, RECORDS, '0001-record-architecture-decisions.md'), '# Record decisions\n');
  writeFileSync(join(out, RECORDS, '0007-use-postgresql.md'), '# Use PostgreSQL\n');
  writeFileSync(join(out, RECORDS, 'README.md'), '# Decisions\n');
  return out;
}

describe.each(EXAMPLES)('design --adr on examples/%s.yaml', (name) => {
  let out = '';
  let first = { code: -1, stdout: '', stderr: '' };
  beforeAll(async () => {
    out = outWithRecords();
    first = await runCli(['design', '--answers', examplePath(name), '--out', out, '--adr', '--no-save'], {
      cwd: out,
    });
  });

  it('writes one record per decision, numbered after the records already there', () => {
    expect(first.code, first.stderr).toBe(0);
    const names = readdirSync(join(out, RECORDS));
    const written = names.filter(
      (file) =>
        !['0001-record-architecture-decisions.md', '0007-use-postgresql.md', 'README.md'].includes(file),
    );
    expect(written).toHaveLength(DECISIONS_OF[name]);
    expect(written.map((file) => file.slice(0, 5))).toEqual(
      Array.from({ length: DECISIONS_OF[name] }, (_, i) => `${String(8 + i).padStart(4, '0')}-`),
    );
    for (const file of written) expect(file).toMatch(/^\d{4}-[a-z0-9]+(?:-[a-z0-9]+)*\.md$/);
    // The records someone wrote are untouched.
    expect(readFileSync(join(out, RECORDS, '0007-use-postgresql.md'), 'utf8')).toBe('# Use PostgreSQL\n');
    for (const file of written) expect(first.stdout).toContain(join(out, RECORDS, file));
  });

  it('writes MADR 4.0 records with front matter, accepted, dated the day of the session', () => {
    for (const file of readdirSync(join(out, RECORDS)).filter((f) => Number(f.slice(0, 4)) >= 8)) {
      const text = readFileSync(join(out, RECORDS, file), 'utf8');
      const front = /^---\n([\s\S]*?)\n---\n/.exec(text);
      expect(front, file).not.toBeNull();
      const meta = parse(front?.[1] ?? '') as { status: string; date: string };
      expect(meta.status).toBe('accepted');
      expect(meta.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const headings = text.split('\n').filter((line) => /^#{1,3} /.test(line));
      expect(headings.slice(1, 5)).toEqual([
        '## Context and Problem Statement',
        '## Considered Options',
        '## Decision Outcome',
        '### Consequences',
      ]);
      expect(text).toMatch(/^Chosen option: ".+", because /m);
      expect(text).toContain('## More Information');
    }
  });

  it('passes markdownlint, the records and the document', async () => {
    const files = readdirSync(join(out, RECORDS))
      .filter((file) => Number(file.slice(0, 4)) >= 8)
      .map((file) => join(RECORDS, file));
    const lint = await markdownlint([...files, 'system_design.md'], out);
    expect(lint.code, lint.stdout + lint.stderr).toBe(0);
  });

  it('links each row of the Tradeoffs table to its record, and every link resolves', () => {
    const document = readFileSync(join(out, 'system_design.md'), 'utf8');
    const links = [...document.matchAll(/^\| \[([^\]]+)\]\((docs\/decisions\/[^)]+)\)/gm)];
    expect(links.length).toBe(DECISIONS_OF[name]);
    for (const [, , path] of links)
      expect(readdirSync(join(out, RECORDS))).toContain(path?.slice(RECORDS.length + 1));
  });

  it('gives the same files again with --force, and --check then finds nothing to change', async () => {
    const before = tree(out);
    const again = await runCli(
      ['design', '--answers', examplePath(name), '--out', out, '--adr', '--no-save', '--force'],
      { cwd: out },
    );
    expect(again.code, again.stderr).toBe(0);
    expect(tree(out)).toEqual(before);
    const check = await runCli(
      ['design', '--answers', examplePath(name), '--out', out, '--adr', '--no-save', '--check'],
      { cwd: out },
    );
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toBe('');
  });
});

describe('design --adr --check after an answer changes', () => {
  it('exits 1 listing the document and the new record, and writes nothing', async () => {
    const out = outWithRecords();
    const wrote = await runCli(
      ['design', '--answers', examplePath('pastebin'), '--out', out, '--adr', '--no-save'],
      {
        cwd: out,
      },
    );
    expect(wrote.code, wrote.stderr).toBe(0);
    const changed = join(temp.make(), 'changed.yaml');
    writeFileSync(
      changed,
      readFileSync(examplePath('pastebin'), 'utf8').replace('high-level.cache: A', 'high-level.cache: B'),
    );
    const before = tree(out);
    const check = await runCli(
      ['design', '--answers', changed, '--out', out, '--adr', '--no-save', '--check'],
      {
        cwd: out,
      },
    );
    expect(check.code).toBe(1);
    // The pastebin's recommendation is now no cache (A), so B is the cache; records 0008-0013 are
    // the six decisions, and the changed one would be the next number.
    expect(check.stdout.trim().split('\n')).toEqual([
      join(out, 'system_design.md'),
      join(out, RECORDS, '0014-caching-cache-aside-with-redis-in-front-of-the-datastore.md'),
    ]);
    expect(check.stderr).toMatch(/--check: 2 of 7 file\(s\) differ/);
    expect(stackFrames(check.stderr)).toEqual([]);
    expect(tree(out)).toEqual(before);
  });

  it('refuses a record folder outside --out with 64 before anything is asked', async () => {
    const out = outWithRecords();
    const result = await runCli(
      [
        'design',
        '--answers',
        examplePath('pastebin'),
        '--out',
        out,
        '--adr-dir',
        '../decisions',
        '--no-save',
      ],
      { cwd: out },
    );
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/^mlops-design: --adr-dir \.\.\/decisions: expected a folder inside --out/);
    expect(readdirSync(out)).toEqual(['docs']);
  });
});
