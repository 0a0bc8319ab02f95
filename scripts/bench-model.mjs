// Requests, tokens, cost and waiting time of the model co-pilot (issue 16): each example session runs
// with the built CLI against the tests' loopback fake Messages API, with simulated latency (first
// token after 800 ms, then 60 output tokens a second) and plausible answers, as a person would see
// it: in a pseudo-terminal (so the streamed prose shows), answering each prompt after a think time.
//
// Usage: npm run bench:model [-- [--think-ms 4000] [--time-scale 0.25] [example.yaml ...]]
// An example whose answers file says `command: pipeline` or `command: interview` runs that command.
//
// Why a pseudo-terminal and not --json: --json implies --quiet, which turns off the streamed prose
// and the progress lines the waits are read from, and with stderr on a pipe nothing streams at all.
// The usage figures come from the fake's per-request usage (fake.usages) instead, which also gives
// the largest request. The prompts are marked by MLOPS_DESIGN_ANSWER_DELAY_MS's progress line ("Scripted answer
// to <id> in ..."), printed as each question or decision is asked: a scripted run prints nothing
// else when a free-text question is asked.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as pty from 'node-pty';
import { parse } from 'yaml';
import { loadFakeApi } from './fake-api.mjs';
import {
  costOf,
  count,
  percent,
  percentile,
  seconds,
  targetLines,
  usageTotals,
  waitsOf,
} from './bench-model-stats.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_EXAMPLES = [
  'examples/pastebin.yaml',
  'examples/news-feed.yaml',
  'examples/fraud-scoring.yaml',
  'examples/pipeline-churn.yaml',
  'examples/interview-strong.yaml',
];
const LATENCY = { firstTokenMs: 800, tokensPerSecond: 60 };

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'think-ms': { type: 'string', default: '4000' },
    'time-scale': { type: 'string', default: '0.25' },
  },
});
const thinkMs = Number(flags['think-ms']);
const scale = Number(flags['time-scale']);
if (!(thinkMs > 0) || !(scale > 0) || !Number.isFinite(thinkMs) || !Number.isFinite(scale)) {
  console.error(
    'bench:model: --think-ms and --time-scale take positive numbers (e.g. --think-ms 4000 --time-scale 0.25)',
  );
  process.exit(64);
}
const examples = positionals.length > 0 ? positionals : DEFAULT_EXAMPLES;

const scratch = mkdtempSync(join(tmpdir(), 'mlops-design-bench-model-'));
const fakeApi = await loadFakeApi(root, scratch);
const table = parse(readFileSync(join(root, 'references/numbers/anthropic.yaml'), 'utf8'));
const price = table.prices.find((row) => row.model === table.default_model);

/** The command an answers file is for: design unless it says pipeline or interview. */
function commandOf(path) {
  const command = parse(readFileSync(path, 'utf8'))?.command;
  return command === 'pipeline' || command === 'interview' ? command : 'design';
}

async function session(example, index) {
  const path = join(root, example);
  const command = commandOf(path);
  const home = join(scratch, `run-${index}`);
  const out = join(home, 'out');
  mkdirSync(out, { recursive: true });
  mkdirSync(join(home, 'config'));
  const fake = await fakeApi.startFakeAnthropic({
    latency: { firstTokenMs: LATENCY.firstTokenMs * scale, tokensPerSecond: LATENCY.tokensPerSecond / scale },
  });
  fake.fallback = fakeApi.plausible;
  const delayMs = thinkMs * scale;
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    TERM: 'xterm-256color',
    MLOPS_DESIGN_STATE_DIR: join(home, 'state'),
    XDG_STATE_HOME: join(home, 'xdg-state'),
    XDG_CONFIG_HOME: join(home, 'xdg-config'),
    ANTHROPIC_CONFIG_DIR: join(home, 'config'),
    ANTHROPIC_API_KEY: 'sk-bench-not-a-real-key',
    ANTHROPIC_BASE_URL: fake.url,
    MLOPS_DESIGN_ANSWER_DELAY_MS: String(delayMs),
  };
  const args = [
    join(root, 'dist/bin.js'),
    command,
    '--answers',
    path,
    '--out',
    out,
    '--copilot',
    'anthropic',
  ];
  const chunks = [];
  const start = performance.now();
  const child = pty.spawn(process.execPath, args, {
    name: 'xterm-256color',
    cols: 200,
    rows: 50,
    cwd: home,
    env,
  });
  child.onData((text) => chunks.push({ t: performance.now() - start, text }));
  const code = await new Promise((resolve) => child.onExit(({ exitCode }) => resolve(exitCode)));
  const wallMs = performance.now() - start;
  await fake.close();
  if (code !== 0) {
    const transcript = chunks.map((chunk) => chunk.text).join('');
    throw new Error(`${example}: the session ended ${code}:\n${transcript.slice(-2000)}`);
  }
  const { prompts, waits } = waitsOf(chunks, delayMs);
  const totals = usageTotals(fake.usages);
  // The CLI's own count (its usage line on stderr) and the fake's must agree.
  const reported = /(\d+) requests to /.exec(chunks.map((chunk) => chunk.text).join(''))?.[1];
  if (Number(reported) !== totals.requests) {
    throw new Error(
      `${example}: the CLI reported ${reported ?? 'no'} requests, the fake API answered ${totals.requests}`,
    );
  }
  return {
    example: relative(root, path),
    command,
    totals,
    cost: costOf(totals, price),
    prompts: prompts.length,
    wallMs: wallMs / scale,
    waits: waits.map((wait) => ({ ...wait, ms: wait.ms / scale })),
  };
}

const rows = [];
try {
  for (const [index, example] of examples.entries()) rows.push(await session(example, index));
} catch (error) {
  console.error(`bench:model: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (process.exitCode !== 2) {
  console.log(
    `Model co-pilot on ${table.default_model} list prices (${price.checked}); tokens counted by the fake API as characters / 4.`,
  );
  console.log(
    `Simulated latency: first token after ${LATENCY.firstTokenMs} ms, then ${LATENCY.tokensPerSecond} output tokens/s; a person answers each prompt after ${seconds(thinkMs)}.`,
  );
  if (scale !== 1) {
    console.log(
      `Run at time scale ${scale}: latency and think time were multiplied by ${scale}, and the times below divided by it (the CLI's own work is stretched by 1/${scale} too).`,
    );
  }
  const header = [
    'example',
    'requests',
    'uncached',
    'cache w',
    'cache r',
    'read %',
    'output',
    'cost $',
    'largest',
    'total s',
    'wait p50',
    'p95',
    'max',
    '>3 s (streamed)',
  ];
  const cells = rows.map((row) => {
    const waits = row.waits.map((wait) => wait.ms);
    const long = row.waits.filter((wait) => wait.ms > 3_000);
    return [
      row.example.replace(/^examples\//, ''),
      String(row.totals.requests),
      count(row.totals.uncached),
      count(row.totals.cacheWrites),
      count(row.totals.cacheReads),
      percent(row.totals.readShare),
      count(row.totals.output),
      row.cost.toFixed(4),
      count(row.totals.largest),
      (row.wallMs / 1000).toFixed(1),
      seconds(percentile(waits, 50) ?? 0),
      seconds(percentile(waits, 95) ?? 0),
      seconds(Math.max(0, ...waits)),
      `${long.length} (${long.filter((wait) => wait.streamed).length})`,
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((row) => row[column].length)),
  );
  const line = (row) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ');
  console.log(line(header));
  for (const row of cells) console.log(line(row));
  console.log(
    'Waits: from giving an answer to the next prompt, over every prompt of the session (nearest-rank percentiles); ">3 s (streamed)": waits over 3 s, and how many showed streamed text.',
  );
  for (const row of rows) {
    const longest = [...row.waits].sort((a, b) => b.ms - a.ms).slice(0, 3);
    const shown = longest.map(
      (wait) => `${seconds(wait.ms)} before ${wait.before}${wait.streamed ? ' (streamed)' : ''}`,
    );
    console.log(`Longest waits, ${row.example.replace(/^examples\//, '')}: ${shown.join('; ')}`);
  }
  const pastebin = rows.find((row) => row.example === 'examples/pastebin.yaml');
  if (pastebin) {
    console.log('Targets for the pastebin example (issue 16):');
    const lines = targetLines(pastebin);
    for (const target of lines) console.log(`  ${target.text}`);
    process.exitCode = lines.every((target) => target.ok) ? 0 : 1;
  }
}
