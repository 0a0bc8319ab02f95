// Engine tables for the spec tests: a small latency table and the price table of 2026-11-22, so the
// tests do not depend on references/ (which other work updates).
import type { EngineTables, ReferenceLatency } from '../../../src/estimation/index.js';

const row = (id: string, seconds: number, aliases: readonly string[]): ReferenceLatency => ({
  id,
  description: id,
  seconds,
  source: 'test table',
  checked: '2026-11-22',
  aliases,
});

export const TABLES: EngineTables = {
  latencies: [
    row('network-hop-region', 0.000_5, ['gateway', 'LB']),
    row('service-compute', 0.01, ['service', 'app']),
    row('cache-read', 0.001, ['cache', 'redis']),
    row('sql-query', 0.005, ['db', 'postgres']),
    row('model-inference', 0.05, ['model']),
  ],
  prices: {
    storagePerGbMonth: 0.023,
    egressPerGb: 0.09,
    serverPerHour: 0.2016,
    gpuPerHour: 1.006,
    source: 'price table of 2026-11-22',
  },
};
