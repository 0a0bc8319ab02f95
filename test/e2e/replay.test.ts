// CI's model path without a key: each design example replays its recorded cassette through the
// Anthropic co-pilot (prompts, tools, the checks of the model's prose, requests made ahead, the
// cassette format). The cassettes were recorded against the fake answering as a model that follows
// the instructions would, so the document is the offline one (which the snapshots pin) with the
// model's prose in place of the offline prose, and nothing else changed.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, ROOT, assertBuilt, examplePath, runCli, tempDirs } from './support/run-cli.js';
import { expectOnlyModelProse } from './support/model-prose.js';

const temp = tempDirs('replay');
beforeAll(() => {
  assertBuilt();
});
afterAll(() => {
  temp.removeAll();
});

describe.each(EXAMPLES)('replaying the %s cassette', (name) => {
  it('writes the document of the snapshot with the model prose in it, with no key and no network', async () => {
    const dir = temp.make();
    const out = join(dir, 'out');
    mkdirSync(out);
    const cassette = join(ROOT, 'test', 'cassettes', `${name}.jsonl`);
    const result = await runCli(
      [
        'design',
        '--answers',
        examplePath(name),
        '--out',
        out,
        '--copilot',
        'replay',
        '--cassette',
        cassette,
        '--json',
      ],
      {
        cwd: dir,
        env: { ANTHROPIC_API_KEY: undefined, ANTHROPIC_BASE_URL: undefined },
      },
    );
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { copilot: string; usage: { requests: number } };
    expect(summary.copilot).toBe('anthropic');
    // One request per exchange: every line after the header.
    expect(summary.usage.requests).toBe(readFileSync(cassette, 'utf8').trim().split('\n').length - 1);
    const document = readFileSync(join(out, 'system_design.md'), 'utf8');
    const offline = readFileSync(
      join(ROOT, 'test', 'e2e', '__snapshots__', `${name}.system_design.md`),
      'utf8',
    );
    expectOnlyModelProse(expect, document, offline);
    expect(document.split('\n')).toHaveLength(offline.split('\n').length);
  });
});
