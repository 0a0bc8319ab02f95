/**
 * `design --answers`: each bundled example renders a complete, deterministic, lint-clean document
 * whose Mermaid diagram parses, and whose advice follows the numbers.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  EXAMPLES,
  ROOT,
  assertBuilt,
  examplePath,
  loadMermaid,
  markdownlint,
  mermaidBlocks,
  runCli,
  stackFrames,
  tempDirs,
  type CliResult,
  type ExampleName,
} from './support/run-cli.js';

const DOCUMENT = 'system_design.md';
const temp = tempDirs('design');

interface ExampleRun {
  readonly dir: string;
  readonly first: CliResult;
  readonly second: CliResult;
  readonly firstPath: string;
  readonly secondPath: string;
}

const runs = new Map<ExampleName, ExampleRun>();

function runOf(name: ExampleName): ExampleRun {
  const found = runs.get(name);
  if (!found) throw new Error(`no run recorded for ${name}`);
  return found;
}

function documentOf(name: ExampleName): string {
  return readFileSync(runOf(name).firstPath, 'utf8');
}

beforeAll(async () => {
  assertBuilt();
  // Every example twice, into two different directories, all at once.
  await Promise.all(
    EXAMPLES.map(async (name) => {
      const dir = temp.make();
      const firstOut = join(dir, 'first');
      const secondOut = join(dir, 'second');
      mkdirSync(firstOut);
      mkdirSync(secondOut);
      const [first, second] = await Promise.all([
        runCli(['design', '--answers', examplePath(name), '--out', firstOut], { cwd: dir }),
        runCli(['design', '--answers', examplePath(name), '--out', secondOut], { cwd: dir }),
      ]);
      runs.set(name, {
        dir,
        first,
        second,
        firstPath: join(firstOut, DOCUMENT),
        secondPath: join(secondOut, DOCUMENT),
      });
    }),
  );
});

afterAll(() => {
  temp.removeAll();
});

const REQUIRED_IN_ORDER = [
  '# System Design: ',
  '## Requirements',
  '### Functional',
  '### Non-Functional',
  '## Estimation',
  '## High-Level Architecture',
  '## Deep-Dive: ',
  '## Tradeoffs',
  '## Operational Concerns',
  '### Monitoring',
  '### Deployment',
  '### Failure Modes',
  '### Cost Estimation',
  '## Summary',
] as const;

describe.each(EXAMPLES)('design --answers examples/%s.yaml', (name) => {
  it('exits 0, prints the written path on stdout and writes system_design.md', () => {
    const { first, firstPath } = runOf(name);
    expect(first.stderr).not.toMatch(/^mlops-design: /m);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`${firstPath}\n`);
    expect(existsSync(firstPath)).toBe(true);
    // The document, and the tool's record of what it wrote (the sha256 --force compares against).
    expect(readdirSync(join(firstPath, '..')).sort()).toEqual(['.mlops-design', DOCUMENT]);
    const manifest = JSON.parse(
      readFileSync(join(firstPath, '..', '.mlops-design', 'manifest.json'), 'utf8'),
    ) as {
      files: Record<string, { sha256: string }>;
    };
    expect(manifest.files).toEqual({
      [DOCUMENT]: { sha256: createHash('sha256').update(readFileSync(firstPath)).digest('hex') },
    });
  });

  it('writes a byte-identical document on a second run into another directory', () => {
    const { second, firstPath, secondPath } = runOf(name);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(`${secondPath}\n`);
    expect(readFileSync(secondPath).equals(readFileSync(firstPath))).toBe(true);
  });

  it('has every required section, in order, and at least two deep-dives', () => {
    const document = documentOf(name);
    const lines = document.split('\n');
    const title = lines[0] ?? '';
    expect(title).toMatch(/^# System Design: \S/);
    let from = 0;
    for (const heading of REQUIRED_IN_ORDER) {
      const index = lines.findIndex(
        (line, at) => at >= from && (heading.endsWith(' ') ? line.startsWith(heading) : line === heading),
      );
      expect(index, `"${heading}" after line ${from + 1}`).toBeGreaterThanOrEqual(from);
      from = index;
    }
    expect(lines.filter((line) => line.startsWith('## Deep-Dive: ')).length).toBeGreaterThanOrEqual(2);
    const operations = document.slice(
      document.indexOf('\n## Operational Concerns\n'),
      document.indexOf('\n## Summary\n'),
    );
    for (const heading of ['### Monitoring', '### Deployment', '### Failure Modes', '### Cost Estimation'])
      expect(operations).toContain(`\n${heading}\n`);
  });

  it('contains no escape codes, on stdout or in the file', () => {
    const { first } = runOf(name);
    expect(documentOf(name)).not.toContain('\u001b');
    expect(first.stdout).not.toContain('\u001b');
    expect(first.stderr).not.toContain('\u001b');
  });

  it('passes markdownlint with the project configuration', async () => {
    const { dir, firstPath } = runOf(name);
    const lint = await markdownlint([firstPath], dir);
    expect(lint.stderr).toBe('');
    expect(lint.stdout).toContain('Summary: 0 error(s)');
    expect(lint.code).toBe(0);
  });

  it('matches its snapshot', async () => {
    await expect(documentOf(name)).toMatchFileSnapshot(`__snapshots__/${name}.system_design.md`);
  });
});

/** The lines of the section that starts at `heading`, up to the next heading of the same level or above. */
function section(document: string, heading: string): string[] {
  const lines = document.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`no "${heading}" in the document`);
  const level = /^#+/.exec(heading)?.[0].length ?? 1;
  const end = lines.findIndex(
    (line, at) => at > start && /^#+ /.test(line) && (/^#+/.exec(line)?.[0].length ?? 0) <= level,
  );
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

const amount = (text: string): number => Number(text.replace(/[~$,]/g, ''));

describe.each(EXAMPLES)('the numbers in the %s document are consistent', (name) => {
  const costRows = (): { item: string; calculation: string; monthly: string }[] =>
    // | Component | Item | Calculation | Monthly (estimate) |: each line names the component it bills.
    section(documentOf(name), '### Cost Estimation').flatMap((line) => {
      const match = /^\| (.+?) \| (.+?) \| (.+?) \| (~?\$[\d,]+(?:\.\d+)?) \|$/.exec(line);
      return match?.[1] && match[2] && match[3] && match[4]
        ? [{ item: `${match[1]}: ${match[2]}`, calculation: match[3], monthly: match[4] }]
        : [];
    });

  it('every cost row shows a calculation that gives its figure, and the figure rounded in Monthly', () => {
    const rows = costRows();
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const wrong = rows.flatMap(({ item, calculation, monthly }) => {
      const [factorsText = '', stated = ''] = calculation.split(' = $');
      const factors = factorsText
        .split(' x ')
        .map((part) => amount(/\$?[\d,]*\.?\d+/.exec(part)?.[0] ?? 'NaN'));
      const product = factors.reduce((total, factor) => total * factor, 1);
      const figure = amount(stated.replace(/\/month$/, ''));
      const shown = amount(monthly);
      // Operands are displayed rounded (2,738 GB), so allow 0.1% or a cent; Monthly has 3 significant digits.
      const calculationHolds = Math.abs(product - figure) <= Math.max(0.01, figure * 0.001);
      const roundedHolds = Math.abs(shown - figure) <= figure * 0.005;
      return calculationHolds && roundedHolds
        ? []
        : [`${item}: ${calculation} multiplies to $${product.toFixed(2)}; the document says ${monthly}`];
    });
    expect(wrong).toEqual([]);
  });

  it('the cost calculations group thousands like the rest of the document', () => {
    const ungrouped = costRows()
      // A date ("price table of 2026-11-22") is not a quantity.
      .map((row) => row.calculation.replace(/\d{4}-\d{2}-\d{2}/g, ''))
      .filter((calculation) => /(?<![\d,.])\d{4,}(?![\d,])/.test(calculation));
    expect(ungrouped).toEqual([]);
  });

  it('the architecture counts the components it lists and describes', () => {
    const document = documentOf(name);
    const summary = section(document, '## High-Level Architecture').find((line) =>
      /^\d+ components for /.test(line),
    );
    const match = /^(\d+) components for .*? stored: (.+)\.$/.exec(summary ?? '');
    expect(match, `the component summary line: ${summary ?? '(none)'}`).not.toBeNull();
    const claimed = Number(match?.[1]);
    const described = section(document, '### Component Descriptions')
      .filter((line) => line.startsWith('#### '))
      .map((line) => line.slice('#### '.length));
    // Names may hold commas ("Document, permission and conversation metadata (PostgreSQL)"), so
    // the list is compared whole with the described components rather than split on commas.
    expect(match?.[2]).toBe(described.join(', '));
    expect(claimed, `"${summary ?? ''}" lists ${described.length}`).toBe(described.length);
  });
});

describe('colour', () => {
  it('FORCE_COLOR styles stderr but never stdout or the written document', async () => {
    const dir = temp.make();
    const out = join(dir, 'out');
    mkdirSync(out, { recursive: true });
    const result = await runCli(['design', '--answers', examplePath('pastebin'), '--out', out], {
      cwd: dir,
      env: { NO_COLOR: undefined, FORCE_COLOR: '1' },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('\u001b[');
    expect(result.stdout).toBe(`${join(out, DOCUMENT)}\n`);
    expect(readFileSync(join(out, DOCUMENT), 'utf8')).toBe(documentOf('pastebin'));
  });

  it('without NO_COLOR, a pipe gets no escape codes', async () => {
    const dir = temp.make();
    const out = join(dir, 'out');
    mkdirSync(out, { recursive: true });
    const result = await runCli(['design', '--answers', examplePath('pastebin'), '--out', out], {
      cwd: dir,
      env: { NO_COLOR: undefined },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Phase 1/6');
    expect(result.stderr).not.toContain('\u001b');
  });
});

describe('the Mermaid diagrams', () => {
  let mermaid: Awaited<ReturnType<typeof loadMermaid>> | undefined;
  const parser = (): Awaited<ReturnType<typeof loadMermaid>>['mermaid'] => {
    if (!mermaid) throw new Error('mermaid did not load');
    return mermaid.mermaid;
  };

  beforeAll(async () => {
    mermaid = await loadMermaid();
  });

  afterAll(() => {
    mermaid?.dispose();
  });

  it('rejects a broken flowchart, so the check below is real', async () => {
    await expect(parser().parse('flowchart LR\n  a[["open" --> ((b')).rejects.toThrow();
    await expect(parser().parse('flowchart LR\n  a["A"] -->|"ok"| b["B"]')).resolves.toBeTruthy();
  });

  it.each(EXAMPLES)('the %s document has a flowchart that parses', async (name) => {
    const blocks = mermaidBlocks(documentOf(name));
    expect(blocks).toHaveLength(1);
    for (const block of blocks) {
      expect(block).toMatch(/^flowchart /);
      await expect(parser().parse(block)).resolves.toBeTruthy();
    }
  });
});

/** The Chosen cell of a decision's row in the Tradeoffs table. */
function chosen(document: string, decision: string): string {
  const row = section(document, '## Tradeoffs').find((line) => line.startsWith(`| ${decision} | `));
  return row?.split(' | ')[1] ?? `(no "${decision}" row in the Tradeoffs table)`;
}

describe('advice follows the numbers', () => {
  // Issue 13: the pastebin is a blobs-plus-metadata system; its PostgreSQL store is named for its role.
  it('a pastebin at 382/s peak gets PostgreSQL, object storage for payloads, and no write queue', () => {
    const document = documentOf('pastebin');
    expect(document).toContain('382/s');
    expect(document).toContain('Archetype: Blobs plus metadata (pastebin, file sharing).');
    expect(chosen(document, 'Primary datastore')).toMatch(/^PostgreSQL/);
    expect(document).toContain('## Deep-Dive: Metadata store\n');
    expect(document).toMatch(/^- Purpose: System of record for metadata \(PostgreSQL: /m);
    expect(document).toContain('#### Object storage (content)');
    expect(chosen(document, 'Caching')).toMatch(/^No cache/);
    expect(chosen(document, 'Write path')).toMatch(/^Write synchronously to the datastore/);
    expect(document).not.toContain('Write queue');
    expect(document).not.toContain('Write log');
  });

  // Authors read their own posts at once: the write commits before the API answers, whatever the rate.
  it('a news feed at 38,200/s peak gets a partitioned wide-column store and a synchronous write path', () => {
    const document = documentOf('news-feed');
    expect(document).toContain('38,200/s');
    expect(document).toContain('Archetype: Social feed or timeline.');
    expect(chosen(document, 'Primary datastore')).toMatch(
      /^A wide-column or key-value store partitioned by user_id/,
    );
    expect(document).toContain('Cassandra');
    expect(document).toContain('## Deep-Dive: Post and follow-graph store (partitioned by author)\n');
    expect(document).toContain(
      '## Deep-Dive: Fan-out workers: Fan-out on write, on read, and where a celebrity flips it',
    );
    expect(chosen(document, 'Service architecture')).toMatch(/^A few services along the team boundaries/);
    expect(chosen(document, 'Write path')).toMatch(/^Write synchronously to the datastore in the request/);
    expect(document).not.toContain('#### Write log (replicated stream)');
    expect(chosen(document, 'Primary datastore')).not.toMatch(/PostgreSQL/);
  });

  it('the ML example gets model serving and a feature store', () => {
    const document = documentOf('fraud-scoring');
    expect(document).toContain('Archetype: Online model inference (fraud and risk scoring).');
    expect(document).toContain('#### Model server');
    expect(document).toContain('#### Online feature store');
    expect(document).toMatch(/^## Deep-Dive: Model server: /m);
    expect(document).toMatch(/^## Deep-Dive: Online feature store: /m);
  });
});

describe('design --json', () => {
  it('prints exactly one JSON summary on stdout', async () => {
    const dir = temp.make();
    const out = join(dir, 'out');
    mkdirSync(out, { recursive: true });
    const result = await runCli(['design', '--answers', examplePath('pastebin'), '--out', out, '--json'], {
      cwd: dir,
    });
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(summary.command).toBe('design');
    expect(summary.files_written).toEqual([join(out, DOCUMENT)]);
    expect(existsSync(join(out, DOCUMENT))).toBe(true);
    expect(Array.isArray(summary.phases)).toBe(true);
    const phases = summary.phases as { id: string; steps: number; completed: number }[];
    expect(phases.map((phase) => phase.id)).toEqual([
      'requirements',
      'estimation',
      'high-level',
      'deep-dive',
      'tradeoffs',
      'operations',
    ]);
    for (const phase of phases) expect(phase.completed).toBe(phase.steps);
    expect(summary.red_flags).toEqual([]);
    expect(summary.warnings).toEqual([]);
    expect(summary.usage).toMatchObject({ requests: 0, input_tokens: 0, output_tokens: 0 });
    expect(result.stdout).not.toContain('\u001b');
  });

  it('reports microservices from day one as a red flag, in the JSON and in the document', async () => {
    const dir = temp.make();
    const answers = join(dir, 'microservices.yaml');
    const original = readFileSync(examplePath('pastebin'), 'utf8');
    const edited = original.replace('high-level.architecture: A', 'high-level.architecture: B');
    expect(edited).not.toBe(original);
    writeFileSync(answers, edited);
    const out = join(dir, 'out');
    mkdirSync(out, { recursive: true });
    const result = await runCli(['design', '--answers', answers, '--out', out, '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { red_flags: { id: string; phase: string }[] };
    expect(Array.isArray(summary.red_flags)).toBe(true);
    expect(summary.red_flags.map((flag) => flag.id)).toContain('microservices-day-one');
    expect(stackFrames(result.stderr)).toEqual([]);

    const document = readFileSync(join(out, DOCUMENT), 'utf8');
    expect(document).toMatch(/^## Red Flags$/m);
    expect(document).toContain('**microservices-day-one**');
    expect(document.indexOf('## Red Flags')).toBeLessThan(document.indexOf('## Summary'));
    expect(documentOf('pastebin')).not.toContain('## Red Flags');
    const lint = await markdownlint([join(out, DOCUMENT)], dir);
    expect(lint.code).toBe(0);
  });

  it('without --json, names the red flags on stderr and only the path on stdout', async () => {
    const dir = temp.make();
    const answers = join(dir, 'microservices.yaml');
    writeFileSync(
      answers,
      readFileSync(examplePath('pastebin'), 'utf8').replace(
        'high-level.architecture: A',
        'high-level.architecture: B',
      ),
    );
    const out = join(dir, 'out');
    mkdirSync(out, { recursive: true });
    const result = await runCli(['design', '--answers', answers, '--out', out], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${join(out, DOCUMENT)}\n`);
    expect(result.stderr).toContain('microservices-day-one');
  });
});

/** Each archetype's title -> the titles of its hard problems, from the catalogue the build compiles. */
function hardProblemTitles(): Map<string, string[]> {
  const dir = join(ROOT, 'references', 'archetypes');
  return new Map(
    readdirSync(dir)
      .filter((file) => file.endsWith('.yaml'))
      .map((file) => {
        const archetype = parseYaml(readFileSync(join(dir, file), 'utf8')) as {
          title: string;
          hard_problems: { title: string }[];
        };
        return [archetype.title, archetype.hard_problems.map((problem) => problem.title)];
      }),
  );
}

/** The Sizing table: component -> its cells (1x, 1 year, 3 years, 10x, 100x). */
function sizingRows(document: string): Map<string, string[]> {
  return new Map(
    section(document, '### Sizing').flatMap((line) => {
      const cells = line.split(' | ').map((cell) => cell.replace(/^\| |\s*\|$/g, ''));
      const [component, ...sizes] = cells;
      return component && sizes.length === 5 && /\d/.test(sizes[0] ?? '') ? [[component, sizes]] : [];
    }),
  );
}

/** The deep-dive sections, each from its title to the next section (## Tradeoffs after the last). */
const deepDivesOf = (document: string): string[] =>
  document
    .split(/^## Deep-Dive: /m)
    .slice(1)
    .map((deepDive) => deepDive.split(/^## /m)[0] ?? '');

// A deep-dive on a capability (a datastore, model serving) draws on its reference guide. A deep-dive
// on one of the archetype's hard problems draws on the archetype instead (issue 13): it names that
// hard problem, and its scaling rows carry the engine's sizes, the same as the Sizing table's.
describe.each(EXAMPLES)('the %s deep-dives draw on the reference guides or the archetype', (name) => {
  it('a guide deep-dive names its guide and carries at least one number taken from it', () => {
    const document = documentOf(name);
    const deepDives = deepDivesOf(document);
    expect(deepDives.length).toBeGreaterThanOrEqual(2);
    const fromGuides = deepDives.filter((deepDive) => deepDive.includes('from the guide *'));
    for (const deepDive of fromGuides) {
      const title = deepDive.split('\n')[0] ?? '';
      const guide = /from the guide \*(.+?)\* \(`([a-z-]+)`\)/.exec(deepDive);
      expect(guide, `${name}: ${title} names no guide`).not.toBeNull();
      const guideText = readFileSync(
        join(ROOT, 'references', 'capabilities', `${guide?.[2] ?? ''}.md`),
        'utf8',
      );
      // The failure modes quoted from the guide: lines of the section that appear verbatim in it.
      const handling = deepDive.split('### Failure Handling')[1]?.split('###')[0] ?? '';
      const quoted = handling.split('\n').filter((line) => {
        const text = line.startsWith('- ') ? line.slice(2).split(': ').slice(1).join(': ').slice(0, 60) : '';
        return text.length >= 20 && guideText.includes(text);
      });
      expect(quoted.length, `${name}: ${title} quotes nothing from ${guide?.[2] ?? ''}`).toBeGreaterThan(0);
      expect(
        quoted.some((line) => /\d/.test(line)),
        `${name}: ${title} carries no number from its guide`,
      ).toBe(true);
    }
  });

  it("an archetype deep-dive names the archetype's hard problem and carries the engine's sizes", () => {
    const document = documentOf(name);
    const archetype = /^Archetype: (.+)\.$/m.exec(document)?.[1] ?? '';
    const problems = hardProblemTitles().get(archetype);
    expect(problems, `${name}: archetype "${archetype}" is not in the catalogue`).toBeDefined();
    const components = section(document, '### Component Descriptions')
      .filter((line) => line.startsWith('#### '))
      .map((line) => line.slice('#### '.length));
    const sizing = sizingRows(document);
    const deepDives = deepDivesOf(document).filter((deepDive) => !deepDive.includes('from the guide *'));
    expect(deepDives.length, `${name}: no deep-dive on a hard problem`).toBeGreaterThanOrEqual(1);
    for (const deepDive of deepDives) {
      const title = deepDive.split('\n')[0] ?? '';
      const component = components.find((candidate) => title.startsWith(`${candidate}: `));
      expect(component, `${name}: "${title}" names no component of the design`).toBeDefined();
      const problem = title.slice(`${component ?? ''}: `.length);
      expect(problems, `${name}: "${problem}" is not a hard problem of ${archetype}`).toContain(problem);
      // 10x and 100x: "| 10x | 3,820/s peak; <component>: 4 instances |", as in the Sizing table.
      const sizes = sizing.get(component ?? '');
      expect(sizes, `${name}: ${component ?? ''} is not in the Sizing table`).toBeDefined();
      for (const [factor, size] of [
        ['10x', sizes?.[3]],
        ['100x', sizes?.[4]],
      ] as const) {
        const row = deepDive.split('\n').find((line) => line.startsWith(`| ${factor} | `)) ?? '';
        expect(size, `${name}: ${title} at ${factor}`).toMatch(/\d/);
        expect(row, `${name}: ${title} at ${factor}`).toContain(`; ${component ?? ''}: ${size ?? ''} |`);
      }
    }
  });
});
