// Records a cassette per design example through the Anthropic co-pilot path, against the tests'
// loopback fake Messages API answering as a model that follows the instructions would (the
// baseline's prose reworded, structure and numbers kept: the fake's `plausible` mode). CI replays
// them with --copilot replay, so the model path (prompts, tools, the checks of the model's prose,
// requests made ahead, the cassette format) runs on every build without a key. Re-run after
// changing prompts, tools or the protocol:
//   npm run build && node scripts/record-cassettes.mjs
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFakeApi } from './fake-api.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'mlops-design-cassettes-'));
const { startFakeAnthropic, plausible } = await loadFakeApi(root, scratch);
mkdirSync(join(root, 'test/cassettes'), { recursive: true });

// Every design example (the interview and pipeline examples run other commands).
const designExamples = readdirSync(join(root, 'examples'))
  .filter((file) => file.endsWith('.yaml'))
  .filter((file) => /^command: design$/m.test(readFileSync(join(root, 'examples', file), 'utf8')))
  .map((file) => file.slice(0, -'.yaml'.length))
  .sort();

for (const name of designExamples) {
  const fake = await startFakeAnthropic();
  fake.fallback = plausible;
  const out = join(scratch, name);
  mkdirSync(out);
  const cassette = join(root, 'test/cassettes', `${name}.jsonl`);
  const env = {
    PATH: process.env.PATH,
    HOME: scratch,
    NO_COLOR: '1',
    CI: '1',
    MLOPS_DESIGN_STATE_DIR: join(scratch, 'state'),
    ANTHROPIC_API_KEY: 'sk-recording-not-a-real-key',
    ANTHROPIC_BASE_URL: fake.url,
    ANTHROPIC_CONFIG_DIR: join(scratch, 'config'),
  };
  const child = spawn(
    process.execPath,
    [
      join(root, 'dist/bin.js'),
      'design',
      '--answers',
      join(root, 'examples', `${name}.yaml`),
      '--out',
      out,
      '--copilot',
      'anthropic',
      '--record',
      cassette,
      // The cassette being recorded again replaces the old one.
      '--force',
      '--quiet',
    ],
    { env, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const code = await new Promise((done) => child.on('close', done));
  await fake.close();
  if (code !== 0) throw new Error(`recording ${name} failed with exit ${code}`);
  console.log(`recorded ${cassette}`);
}
rmSync(scratch, { recursive: true, force: true });
