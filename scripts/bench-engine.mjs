// The estimation engine over a sweep of 10,000 deterministic scenarios: estimates per second, and
// the ratio against a baseline measured in the same run (structuredClone of each scenario: the
// cost of merely touching the same data). Run by `npm run bench` after the start-up benchmark.
import { estimateFromSpec } from '../dist/estimation/index.js';
import { engineTables } from '../dist/knowledge/engine-tables.js';
import { loadKnowledge } from '../dist/knowledge/load.js';

const SCENARIOS = 10_000;
const ROUNDS = 5;
const tables = engineTables(loadKnowledge());

// A small linear congruential generator: the same sweep on every run and every machine.
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = (values) => values[Math.floor(random() * values.length)];
const scenarios = Array.from({ length: SCENARIOS }, () => ({
  dau: pick([1e4, 1e6, 5e7, 3e8]),
  writesPerUser: { perSecond: pick([1, 2, 10, 50]) / 86_400, perUser: true, period: 'day' },
  readsPerUser: { perSecond: pick([5, 20, 100, 500]) / 86_400, perUser: true, period: 'day' },
  writeSize: pick([200, 1_000, 10_000, 2_000_000]),
  readSize: pick([500, 1_000, 50_000]),
  retention: pick([30, 365, 1_825]) * 86_400,
  replication: pick([1, 3]),
  peakFactor: pick([2, 3, 5]),
  perServerQps: pick([500, 2_000, 10_000]),
  targetUtilization: pick([0.5, 0.6, 0.8]),
  availability: pick([0.99, 0.999, 0.9999]),
  latencyBudget: pick([0.1, 0.2, 0.5]),
  path: pick([
    ['gateway', 'service', 'cache', 'db'],
    ['gateway', 'service', 'db'],
    ['gateway', 'service', 'features', 'model'],
  ]),
  growth: [10, 100],
}));

const time = (work) => {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

let failures = 0;
const engineMs = [];
const baselineMs = [];
for (let round = 0; round < ROUNDS + 1; round++) {
  const engine = time(() => {
    for (const spec of scenarios) if (!estimateFromSpec(spec, tables).ok) failures++;
  });
  const baseline = time(() => {
    for (const spec of scenarios) structuredClone(spec);
  });
  if (round > 0) {
    engineMs.push(engine);
    baselineMs.push(baseline);
  }
}
const engine = median(engineMs);
const baseline = median(baselineMs);
console.log(
  `\nestimation engine: ${SCENARIOS.toLocaleString('en')} scenarios (with 10x and 100x growth), median of ${ROUNDS} rounds`,
);
console.log(
  `  engine   ${engine.toFixed(1).padStart(8)} ms  ${Math.round((SCENARIOS / engine) * 1000).toLocaleString('en')} estimates/s`,
);
console.log(`  baseline ${baseline.toFixed(1).padStart(8)} ms  (structuredClone of each scenario)`);
console.log(
  `  ratio    ${(engine / baseline).toFixed(1)}x the baseline; ${failures / (ROUNDS + 1)} scenarios rejected per round`,
);
