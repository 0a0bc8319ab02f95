/**
 * The lifecycle's files are the rules' alone. Each lifecycle example runs offline and with the
 * Anthropic co-pilot against the loopback fake Messages API, answering by schema only (placeholder
 * prose, invented numbers) and plausibly: whatever the model says, every file written is the
 * offline run's, byte for byte, and the --json summary (maturity, tier, rules, files) is the same.
 */
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plausible, schemaOnly, startFakeAnthropic, type FakeReply } from '../support/fake-anthropic.js';
import { ROOT, assertBuilt, runCli, stackFrames, tempDirs } from './support/run-cli.js';

const temp = tempDirs('model-lifecycle');
const EXAMPLES = [
  'lifecycle-fraud',
  'lifecycle-churn-batch',
  'lifecycle-edge-vision',
  'lifecycle-llm-vertex',
];

function filesUnder(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else found[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return Object.fromEntries(Object.entries(found).filter(([path]) => !path.startsWith('.mlops-design')));
}

async function session(
  name: string,
  mode?: (body: unknown) => FakeReply,
): Promise<{ files: Record<string, string>; json: Record<string, unknown>; requests: number }> {
  const dir = temp.make();
  const out = join(dir, 'out');
  mkdirSync(out);
  const fake = mode ? await startFakeAnthropic() : undefined;
  if (fake && mode) fake.fallback = mode;
  try {
    const result = await runCli(
      [
        'lifecycle',
        '--answers',
        join(ROOT, 'examples', `${name}.yaml`),
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
              ANTHROPIC_API_KEY: 'sk-ant-lifecycle-test',
              ANTHROPIC_BASE_URL: fake.url,
              ANTHROPIC_CONFIG_DIR: join(dir, 'config'),
            }
          : {},
      },
    );
    expect(result.code, `${name}: ${result.stderr}`).toBe(0);
    expect(stackFrames(result.stderr)).toEqual([]);
    const { maturity, tier, rules, files } = JSON.parse(result.stdout) as Record<string, unknown>;
    return {
      files: filesUnder(out),
      json: { maturity, tier, rules, files },
      requests: fake?.requests.length ?? 0,
    };
  } finally {
    await fake?.close();
  }
}

beforeAll(() => {
  assertBuilt();
});
afterAll(() => {
  temp.removeAll();
});

describe.concurrent('the model cannot change a lifecycle file', () => {
  it.for(
    EXAMPLES.flatMap((name) => [
      { name, mode: 'schema-only', reply: schemaOnly },
      { name, mode: 'plausible', reply: plausible },
    ]),
  )(
    "$name ($mode): every file and the summary are the offline run's",
    { timeout: 120_000 },
    async ({ name, reply }, { expect }) => {
      const [offline, model] = await Promise.all([session(name), session(name, reply)]);
      expect(model.requests).toBeGreaterThan(0);
      expect(model.json).toEqual(offline.json);
      expect(Object.keys(model.files).sort()).toEqual(Object.keys(offline.files).sort());
      for (const [path, content] of Object.entries(offline.files))
        expect(model.files[path], path).toBe(content);
    },
  );
});
