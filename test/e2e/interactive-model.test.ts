// The model co-pilot at a real terminal: the built binary in a pseudo-terminal talks through the
// real SDK to the loopback fake Messages API of this test process. An answer the question cannot
// read gets the model's reading as the default at the prompt; Enter takes it, and only then is it
// the answer. Requests made ahead never draw over the prompt.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  echoBaseline,
  startFakeAnthropic,
  type FakeAnthropic,
  type FakeReply,
} from '../support/fake-anthropic.js';
import { KEY } from '../support/pty-keys.js';
import { ptyEnv, spawnPty, type PtySession } from '../support/pty-session.js';

const BIN = resolve(import.meta.dirname, '../../dist/bin.js');

let home: string;
let session: PtySession | undefined;
let fake: FakeAnthropic | undefined;

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` first`);
});

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'mlops-design-e2e-model-'));
});

afterEach(async () => {
  session?.dispose();
  session = undefined;
  await fake?.close();
  fake = undefined;
  rmSync(home, { recursive: true, force: true });
});

describe('the model co-pilot in a pseudo-terminal', () => {
  it(
    'offers its reading of an unreadable answer as the default; Enter takes it',
    { timeout: 60_000 },
    async () => {
      const server = await startFakeAnthropic();
      fake = server;
      server.fallback = (body: Parameters<typeof echoBaseline>[0]): FakeReply =>
        body.tool_choice?.name === 'read_answer'
          ? { kind: 'tool', name: 'read_answer', input: { reading: 'P99 1s' } }
          : echoBaseline(body);
      const out = join(home, 'out');
      mkdirSync(out);
      const run = spawnPty(
        process.execPath,
        [BIN, 'design', '--scope', 'system', '--copilot', 'anthropic', '--out', out],
        {
          cwd: home,
          env: {
            ...ptyEnv(home),
            ANTHROPIC_API_KEY: 'sk-ant-test-not-a-key',
            ANTHROPIC_BASE_URL: server.url,
            ANTHROPIC_CONFIG_DIR: join(home, 'config'),
          },
        },
      );
      session = run;
      const ask = async (prompt: RegExp, answer: string): Promise<void> => {
        await run.waitFor(prompt);
        run.answer(answer);
      };
      await ask(/What are we designing\?/, 'Pastebin');
      await ask(
        /What must the system do\?/,
        'A user pastes up to 1 MB of text and gets back a short URL; a visitor opens a short URL and sees the paste',
      );
      await ask(/How many users or requests/, '1M new pastes a day, 10x as many reads');
      await ask(/What response time is acceptable/, 'a second is fine');
      await run.waitFor(/The co-pilot reads it as "P99 1s": press Enter to take that reading/);
      run.answer('');
      await run.waitFor(/What availability target\?/);
      run.write(KEY.ctrlC);
      expect(await run.exited).toBe(130);

      const state = join(home, 'state');
      const [file] = readdirSync(state).filter((name) => name.endsWith('.json'));
      const saved = JSON.parse(readFileSync(join(state, file ?? ''), 'utf8')) as {
        state: { answers: Record<string, { raw: string }> };
      };
      expect(saved.state.answers['requirements.latency']?.raw).toBe('P99 1s');
      const reread = server.requests.filter(
        (request) =>
          (request.body as { tool_choice?: { name?: string } }).tool_choice?.name === 'read_answer',
      );
      expect(reread).toHaveLength(1);
      // Nothing a request made ahead wrote reached the screen between the prompts: no notices, no
      // stray preview, one prompt line per question.
      expect(run.screen.text).not.toMatch(/The model's/);
    },
  );
});
