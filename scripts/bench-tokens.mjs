// Prompt economy of the Anthropic co-pilot: a whole scripted design session against the loopback
// fake Messages API of the tests (which counts tokens as characters / 4 and accounts for prompt
// caching as the API does), once with caching and once without, in the same run. Prints requests,
// input tokens (uncached, cache writes, cache reads), output tokens, the cache-read share and the
// input cost against the uncached run. Targets: cache reads >= 70% of input tokens; input cost <=
// 35% of the uncached run's. Usage: npm run bench:tokens [-- examples/news-feed.yaml]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFakeApi } from './fake-api.mjs';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const example = process.argv[2] ?? 'examples/pastebin.yaml';
const scratch = mkdtempSync(join(tmpdir(), 'mlops-design-tokens-'));
const { startFakeAnthropic, echoBaseline } = await loadFakeApi(root, scratch);

const table = parse(readFileSync(join(root, 'references/numbers/anthropic.yaml'), 'utf8'));
const price = table.prices.find((row) => row.model === table.default_model);

async function session(cache) {
  const fake = await startFakeAnthropic();
  fake.fallback = echoBaseline;
  const out = join(scratch, cache ? 'cached' : 'uncached');
  mkdirSync(out);
  const env = {
    PATH: process.env.PATH,
    HOME: scratch,
    NO_COLOR: '1',
    CI: '1',
    MLOPS_DESIGN_STATE_DIR: join(scratch, 'state'),
    ANTHROPIC_API_KEY: 'sk-bench-not-a-real-key',
    ANTHROPIC_BASE_URL: fake.url,
    ANTHROPIC_CONFIG_DIR: join(scratch, 'config'),
    MLOPS_DESIGN_PROMPT_CACHE: cache ? 'on' : 'off',
  };
  // Asynchronously: the fake API lives in this process and must keep answering while the CLI runs.
  const child = spawn(
    process.execPath,
    [
      join(root, 'dist/bin.js'),
      'design',
      '--answers',
      join(root, example),
      '--out',
      out,
      '--copilot',
      'anthropic',
      '--json',
    ],
    { env },
  );
  const result = { stdout: '', stderr: '', status: 0 };
  child.stdout.on('data', (chunk) => (result.stdout += chunk));
  child.stderr.on('data', (chunk) => (result.stderr += chunk));
  result.status = await new Promise((done) => child.on('close', done));
  await fake.close();
  if (result.status !== 0) throw new Error(`the session failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout).usage;
}

const cached = await session(true);
const uncached = await session(false);
rmSync(scratch, { recursive: true, force: true });

const inputs = (u) => u.input_tokens + u.cache_write_tokens + u.cache_read_tokens;
const inputCost = (u) =>
  (u.input_tokens * price.input +
    u.cache_write_tokens * price.cache_write +
    u.cache_read_tokens * price.cache_read) /
  1e6;
const row = (name, u) =>
  `${name.padEnd(10)} ${String(u.requests).padStart(8)} ${String(u.input_tokens).padStart(10)} ${String(u.cache_write_tokens).padStart(12)} ${String(u.cache_read_tokens).padStart(11)} ${String(u.output_tokens).padStart(8)} ${('$' + inputCost(u).toFixed(4)).padStart(10)}`;
const share = cached.cache_read_tokens / inputs(cached);
const costRatio = inputCost(cached) / inputCost(uncached);
console.log(
  `${example} on ${table.default_model} list prices (${price.checked}); tokens counted by the fake API as characters / 4`,
);
console.log(
  `${'run'.padEnd(10)} ${'requests'.padStart(8)} ${'uncached'.padStart(10)} ${'cache writes'.padStart(12)} ${'cache reads'.padStart(11)} ${'output'.padStart(8)} ${'input $'.padStart(10)}`,
);
console.log(row('cached', cached));
console.log(row('uncached', uncached));
console.log(
  `cache reads: ${(share * 100).toFixed(1)}% of input tokens (target >= 70%): ${share >= 0.7 ? 'ok' : 'MISSED'}`,
);
console.log(
  `input cost: ${(costRatio * 100).toFixed(1)}% of the uncached run (target <= 35%): ${costRatio <= 0.35 ? 'ok' : 'MISSED'}`,
);
process.exitCode = share >= 0.7 && costRatio <= 0.35 ? 0 : 1;
