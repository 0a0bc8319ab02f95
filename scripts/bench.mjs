// Start-up and whole-session cost, as ratios against bare `node -e 0` measured in the same run.
// Commands alternate run by run so drift on the machine affects each of them alike; medians of
// RUNS runs each after WARMUP discarded rounds. Usage: npm run bench [-- --runs 20]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runsFlag = process.argv.indexOf('--runs');
const RUNS = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 15;
const WARMUP = 2;
const out = mkdtempSync(join(tmpdir(), 'mlops-design-bench-'));
const bin = join(root, 'dist', 'bin.js');
const env = { ...process.env, NO_COLOR: '1', CI: '1', MLOPS_DESIGN_STATE_DIR: join(out, 'state') };
for (const key of Object.keys(env)) if (key.startsWith('ANTHROPIC_')) Reflect.deleteProperty(env, key);

const commands = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'mlops-design --version', args: [bin, '--version'] },
  { name: 'mlops-design --help', args: [bin, '--help'] },
  { name: 'validate examples/pastebin.yaml', args: [bin, 'validate', join(root, 'examples/pastebin.yaml')] },
  {
    name: 'design --answers examples/pastebin.yaml',
    args: [
      bin,
      'design',
      '--answers',
      join(root, 'examples/pastebin.yaml'),
      '--out',
      out,
      '--force',
      '--quiet',
    ],
  },
];

const samples = new Map(commands.map((command) => [command.name, []]));
for (let round = 0; round < WARMUP + RUNS; round++) {
  for (const command of commands) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, command.args, { cwd: out, env, encoding: 'utf8' });
    const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) {
      console.error(`${command.name} exited ${result.status}: ${result.stderr}`);
      process.exit(1);
    }
    if (round >= WARMUP) samples.get(command.name).push(elapsedMs);
  }
}
rmSync(out, { recursive: true, force: true });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const baseline = median(samples.get('node -e 0'));
const targets = { 'mlops-design --version': 1.3, 'design --answers examples/pastebin.yaml': 3 };
console.log(
  `${RUNS} alternating runs each (after ${WARMUP} warm-up rounds), medians, node ${process.version}`,
);
console.log(`${'command'.padEnd(42)} ${'median ms'.padStart(10)} ${'x node'.padStart(8)}  target`);
let missed = 0;
for (const command of commands) {
  const ms = median(samples.get(command.name));
  const ratio = ms / baseline;
  const target = targets[command.name];
  const verdict = target === undefined ? '' : ratio <= target ? `<= ${target}x ok` : `<= ${target}x MISSED`;
  if (target !== undefined && ratio > target) missed++;
  console.log(
    `${command.name.padEnd(42)} ${ms.toFixed(1).padStart(10)} ${ratio.toFixed(2).padStart(8)}  ${verdict}`,
  );
}
process.exitCode = missed > 0 ? 1 : 0;
