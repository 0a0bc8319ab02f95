/**
 * The model is outside input. Every example runs three times through the built CLI: offline, and
 * with the Anthropic co-pilot against the loopback fake Messages API in two modes:
 *
 * - schema-only: valid by each tool's JSON Schema and nothing more (placeholder prose with invented
 *   numbers, invented and repeated ids, every boolean true), as a model that ignores every
 *   instruction would send. The document, its numbers, its diagram, its component ids, its red
 *   flags and findings must be the offline run's.
 * - plausible: the baseline's prose reworded as a model that follows the instructions would. The
 *   model's prose must reach the document, and nothing else may change.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plausible, schemaOnly, startFakeAnthropic, type FakeReply } from '../support/fake-anthropic.js';
import {
  EXAMPLES,
  ROOT,
  assertBuilt,
  examplePath,
  loadMermaid,
  mermaidBlocks,
  runCli,
  stackFrames,
  tempDirs,
} from './support/run-cli.js';
import { expectOnlyModelProse } from './support/model-prose.js';

const temp = tempDirs('boundary');

interface Example {
  readonly name: string;
  readonly command: 'design' | 'pipeline' | 'interview';
  readonly answers: string;
  readonly document: string;
  /** The --json fields that hold what the rules and the engine computed. */
  readonly facts: readonly string[];
}

const DESIGN_FACTS = [
  'decisions',
  'estimate',
  'cost',
  'sizing',
  'red_flags',
  'decision_rules',
  'findings',
  'requirements',
  'archetypes',
];

const CASES: readonly Example[] = [
  ...EXAMPLES.map((name) => ({
    name,
    command: 'design' as const,
    answers: examplePath(name),
    document: 'system_design.md',
    facts: DESIGN_FACTS,
  })),
  ...['pipeline-churn', 'pipeline-documents'].map((name) => ({
    name,
    command: 'pipeline' as const,
    answers: join(ROOT, 'examples', `${name}.yaml`),
    document: 'pipeline_architecture.md',
    facts: ['decisions', 'smells', 'pipelines', 'classification'],
  })),
  ...['interview-strong', 'interview-weak'].map((name) => ({
    name,
    command: 'interview' as const,
    answers: join(ROOT, 'examples', `${name}.yaml`),
    document: 'interview_feedback.md',
    facts: [
      'decisions',
      'level',
      'score',
      'verdict',
      'dimensions',
      'missing_components',
      'red_flags',
      'numbers',
    ],
  })),
];

interface Run {
  readonly code: number;
  readonly stderr: string;
  readonly json: Record<string, unknown>;
  readonly document: string;
}

async function session(example: Example, mode?: (body: unknown) => FakeReply): Promise<Run> {
  const dir = temp.make();
  const out = join(dir, 'out');
  mkdirSync(out);
  const fake = mode ? await startFakeAnthropic() : undefined;
  if (fake && mode) fake.fallback = mode;
  try {
    const result = await runCli(
      [
        example.command,
        '--answers',
        example.answers,
        '--out',
        out,
        '--json',
        '--no-save',
        '--copilot',
        fake ? 'anthropic' : 'offline',
      ],
      {
        cwd: dir,
        env: fake
          ? {
              ANTHROPIC_API_KEY: 'sk-ant-boundary-test',
              ANTHROPIC_BASE_URL: fake.url,
              ANTHROPIC_CONFIG_DIR: join(dir, 'config'),
            }
          : {},
      },
    );
    expect(result.code, `${example.name}: ${result.stderr}`).toBe(0);
    expect(stackFrames(result.stderr)).toEqual([]);
    if (fake) expect(fake.requests.length, `${example.name}: model requests`).toBeGreaterThan(0);
    return {
      code: result.code,
      stderr: result.stderr,
      json: JSON.parse(result.stdout) as Record<string, unknown>,
      document: readFileSync(join(out, example.document), 'utf8'),
    };
  } finally {
    await fake?.close();
  }
}

const pick = (json: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(keys.map((key) => [key, json[key]]));

/** The architecture without the prose a model may reword: ids, names, types and flows. */
const structure = (json: Record<string, unknown>): unknown => {
  const architecture = json.architecture as
    { components: { id: string; name: string; type: string }[]; flows: unknown } | undefined;
  return architecture
    ? {
        components: architecture.components.map(({ id, name, type }) => ({ id, name, type })),
        flows: architecture.flows,
      }
    : null;
};

let mermaid: Awaited<ReturnType<typeof loadMermaid>> | undefined;

beforeAll(async () => {
  assertBuilt();
  mermaid = await loadMermaid();
});

afterAll(() => {
  mermaid?.dispose();
  temp.removeAll();
});

describe.concurrent('the model cannot cross the boundary', () => {
  it.for(CASES)(
    '$name ($command): schema-only answers change nothing the rules or the engine own',
    { timeout: 120_000 },
    async (example, { expect }) => {
      const [offline, model] = await Promise.all([session(example), session(example, schemaOnly)]);
      expect(pick(model.json, example.facts)).toEqual(pick(offline.json, example.facts));
      expect(structure(model.json)).toEqual(structure(offline.json));
      const blocks = mermaidBlocks(model.document);
      expect(blocks).toEqual(mermaidBlocks(offline.document));
      for (const block of blocks) await expect(mermaid?.mermaid.parse(block)).resolves.toBeTruthy();
      // Every entry it sent was refused (invented numbers, placeholders, unknown keys), so the
      // document is the offline one, byte for byte; and it was said.
      expect(model.document).toBe(offline.document);
      expect(model.stderr).toMatch(/The model's (prose|output) for /);
    },
  );

  it.for(CASES)(
    '$name ($command): plausible prose reaches the document and nothing else changes',
    { timeout: 120_000 },
    async (example, { expect }) => {
      const [offline, model] = await Promise.all([session(example), session(example, plausible)]);
      expect(pick(model.json, example.facts)).toEqual(pick(offline.json, example.facts));
      expect(structure(model.json)).toEqual(structure(offline.json));
      expect(mermaidBlocks(model.document)).toEqual(mermaidBlocks(offline.document));
      // The model's prose is in the document, every line that differs carries it, no new number.
      expectOnlyModelProse(expect, model.document, offline.document);
    },
  );
});
