import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGuide, REQUIRED_SECTIONS, type Guide } from '../../src/knowledge/guide.js';
import { guidesFor } from '../../src/knowledge/select.js';
import { parseLatencies } from '../../src/knowledge/latencies.js';
import {
  loadGuides,
  loadLatencies,
  loadLlmServing,
  loadPrices,
  loadThroughput,
} from '../../src/knowledge/load.js';
import { decodeRow, parseLlmServing } from '../../src/knowledge/llm-serving.js';
import { parsePrices } from '../../src/knowledge/prices.js';
import { parseThroughput } from '../../src/knowledge/throughput.js';
import { error, value } from '../support/results.js';

const CAPABILITIES = new URL('../../references/capabilities/', import.meta.url);
const PRICES = new URL('../../references/numbers/cloud-prices.yaml', import.meta.url);
const THROUGHPUT = new URL('../../references/numbers/throughput.yaml', import.meta.url);
const LLM_SERVING = new URL('../../references/numbers/llm-serving.yaml', import.meta.url);
const GUIDE_FILES = readdirSync(CAPABILITIES)
  .filter((name) => name.endsWith('.md'))
  .sort();
const read = (name: string): string => readFileSync(new URL(name, CAPABILITIES), 'utf8');
const DATABASE = read('database-design.md');

/** A small valid guide, for the failure cases. */
function guideText(front: string, body?: string): string {
  const sections =
    body ??
    REQUIRED_SECTIONS.map(
      (name) => `## ${name}\n\nText for ${name}.\n\n- **First**: one\n- **Second**: two`,
    ).join('\n\n');
  return `---\n${front}\n---\n\n# Title\n\n${sections}\n`;
}
const FRONT = [
  'id: caching',
  'title: Caching',
  'components: [cache]',
  'phases: [deep-dive]',
  'keywords: [ttl]',
  'sources:',
  '  - title: A book',
  '    consulted: 2026-01-31',
].join('\n');

describe('the bundled guides', () => {
  it('are the thirteen capability guides', () => {
    expect(GUIDE_FILES).toEqual([
      'api-design.md',
      'database-design.md',
      'distributed-systems.md',
      'drift-detection.md',
      'messaging-and-events.md',
      'microservices-architecture.md',
      'ml-infra-patterns.md',
      'ml-platform-design.md',
      'ml-serving-architecture.md',
      'model-monitoring.md',
      'pipeline-scoping.md',
      'reliability-and-sre.md',
      'scalability-patterns.md',
    ]);
  });

  it.each(GUIDE_FILES)(
    '%s parses, is 800-2,500 words, with at least 4 failure modes and 4 red flags',
    (name) => {
      const guide = value(parseGuide(name, read(name)));
      expect(guide.id).toBe(name.replace(/\.md$/, ''));
      expect(guide.words).toBeGreaterThanOrEqual(800);
      expect(guide.words).toBeLessThanOrEqual(2_500);
      expect(guide.failureModes.length).toBeGreaterThanOrEqual(4);
      expect(guide.redFlags.length).toBeGreaterThanOrEqual(4);
      for (const mode of guide.failureModes) {
        expect(mode.name.length, `${name}: ${mode.name}`).toBeGreaterThan(0);
        expect(mode.text.length, `${name}: ${mode.name}`).toBeGreaterThan(0);
      }
      expect(guide.principle.length).toBeGreaterThan(100);
      expect(guide.whenToUse.length).toBeGreaterThan(0);
      expect(guide.sources.every((source) => /^\d{4}-\d{2}-\d{2}$/.test(source.consulted))).toBe(true);
    },
  );

  it('load in file order through loadGuides', () => {
    expect(loadGuides().map((guide) => `${guide.id}.md`)).toEqual(GUIDE_FILES);
  });
});

describe('parseGuide', () => {
  it('reads the frontmatter, sections and bolded failure-mode names of a minimal guide', () => {
    const guide = value(parseGuide('caching.md', guideText(FRONT)));
    expect(guide).toMatchObject({
      id: 'caching',
      title: 'Caching',
      components: ['cache'],
      phases: ['deep-dive'],
      sources: [{ title: 'A book', consulted: '2026-01-31' }],
      principle: 'Text for Core principle.',
      failureModes: [
        { name: 'First', text: 'one' },
        { name: 'Second', text: 'two' },
      ],
      redFlags: ['**First**: one', '**Second**: two'],
      whenToUse: 'Text for When to use this.',
    });
  });

  it('names the file and the missing section', () => {
    const withoutRedFlags = DATABASE.replace('## Red flags', '## Warning signs');
    expect(error(parseGuide('database-design.md', withoutRedFlags))).toBe(
      'database-design.md: missing section(s) "## Red flags"',
    );
  });

  it('names the file when the frontmatter is missing', () => {
    expect(error(parseGuide('caching.md', '# Caching\n\n## Core principle\n'))).toBe(
      'caching.md: expected YAML frontmatter between --- lines',
    );
  });

  it('names the file when the frontmatter is not YAML', () => {
    expect(error(parseGuide('caching.md', guideText('id: [unclosed')))).toMatch(
      /^caching\.md: frontmatter is not valid YAML: /,
    );
  });

  it('names the file and the key of an invalid frontmatter value', () => {
    expect(error(parseGuide('caching.md', guideText(FRONT.replace('[deep-dive]', '[someday]'))))).toMatch(
      /^caching\.md: frontmatter phases\.0: /,
    );
    expect(error(parseGuide('caching.md', guideText(`${FRONT}\nowner: me`)))).toMatch(
      /^caching\.md: frontmatter \(root\): /,
    );
    expect(error(parseGuide('caching.md', guideText(FRONT.replace('2026-01-31', 'last week'))))).toMatch(
      /^caching\.md: frontmatter sources\.0\.consulted: /,
    );
  });

  it('names the file when the id does not match the file name', () => {
    expect(error(parseGuide('references/capabilities/databases.md', DATABASE))).toBe(
      'references/capabilities/databases.md: frontmatter id "database-design" should match the file name "databases"',
    );
  });
});

describe('guidesFor', () => {
  const guides: Guide[] = loadGuides();
  const ids = (list: readonly Guide[]): string[] => list.map((guide) => guide.id);

  it('returns the guide whose primary component it is first', () => {
    expect(ids(guidesFor(guides, 'datastore'))).toEqual([
      'database-design',
      'distributed-systems',
      'scalability-patterns',
    ]);
    expect(ids(guidesFor(guides, 'queue'))[0]).toBe('messaging-and-events');
    expect(ids(guidesFor(guides, 'model-serving'))[0]).toBe('ml-serving-architecture');
    expect(ids(guidesFor(guides, 'feature-store'))[0]).toBe('ml-platform-design');
    expect(ids(guidesFor(guides, 'service'))[0]).toBe('microservices-architecture');
  });

  it('then the narrower guide, then the id', () => {
    // monitoring is primary in three guides: two list two types, one lists three.
    expect(ids(guidesFor(guides, 'monitoring')).slice(0, 3)).toEqual([
      'drift-detection',
      'model-monitoring',
      'reliability-and-sre',
    ]);
  });

  it('ranks the guides that list a keyword first, and keeps the type order otherwise', () => {
    expect(ids(guidesFor(guides, 'service', 'operations'))[0]).toBe('microservices-architecture');
    expect(ids(guidesFor(guides, 'service', 'operations', 'canary'))[0]).toBe('reliability-and-sre');
    expect(ids(guidesFor(guides, 'datastore', 'tradeoffs', 'pacelc'))[0]).toBe('distributed-systems');
    expect(ids(guidesFor(guides, 'datastore', 'tradeoffs', 'no-such-keyword'))).toEqual(
      ids(guidesFor(guides, 'datastore', 'tradeoffs')),
    );
  });

  it('filters by phase and returns nothing for an unknown type', () => {
    expect(ids(guidesFor(guides, 'datastore', 'estimation'))).toEqual(['scalability-patterns']);
    expect(guidesFor(guides, 'teleporter')).toEqual([]);
  });
});

describe('the price table', () => {
  const text = readFileSync(PRICES, 'utf8');

  it('parses, dated, with every price the cost estimate uses', () => {
    const table = value(parsePrices('cloud-prices.yaml', text));
    expect(table.updated).toBe('2026-11-22');
    expect(Object.keys(table.prices).sort()).toEqual([
      'cache.node',
      'compute.general-4vcpu',
      'compute.gpu-a100',
      'compute.gpu-a10g',
      'compute.gpu-h100',
      'compute.gpu-l4',
      'network.egress',
      'queue.requests',
      'storage.block-ssd',
      'storage.object',
    ]);
    expect(table.prices['compute.general-4vcpu']).toMatchObject({ usd: 0.2016, unit: 'hour' });
    expect(table.prices['storage.object']).toMatchObject({ usd: 0.023, unit: 'GB-month' });
    expect(table.prices['compute.gpu-a10g']).toMatchObject({ usd: 1.006, unit: 'hour' });
    // An 8-GPU instance priced per GPU: p5.48xlarge at $55.04/hour / 8 = $6.88
    expect(table.prices['compute.gpu-h100']).toMatchObject({ usd: 6.88, unit: 'GPU-hour' });
    expect(loadPrices()).toEqual(table);
  });

  it('the latency table parses, dated, with each alias naming one row', () => {
    const latencies = loadLatencies();
    expect(latencies.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(latencies.rows.length).toBeGreaterThanOrEqual(12);
    for (const row of latencies.rows) {
      expect(row.seconds).toBeGreaterThan(0);
      expect(row.source.length).toBeGreaterThan(10);
    }
    const aliases = latencies.rows.flatMap((row) => row.aliases);
    expect(new Set(aliases).size).toBe(aliases.length);
    for (const name of ['gateway', 'service', 'cache', 'db', 'queue', 'model'])
      expect(aliases).toContain(name);
  });

  it('a latency table with an alias in two rows fails, naming the alias', () => {
    const row = (id: string) =>
      `  - {id: ${id}, description: d, ms: 1, aliases: [db], source: s, checked: 2026-11-22}`;
    const parsed = parseLatencies(
      'latency.yaml',
      ['updated: 2026-11-22', 'rows:', row('a'), row('b')].join('\n'),
    );
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.error).toMatch(/latency\.yaml: alias "db" is in both a and b/);
  });

  it('names a missing row', () => {
    const withoutEgress = text.replace(/ {2}- id: network\.egress\n(?: {4}.*\n)+/, '');
    expect(error(parsePrices('cloud-prices.yaml', withoutEgress))).toBe(
      'cloud-prices.yaml: missing price rows network.egress',
    );
  });

  it('names the key path of a bad price', () => {
    expect(error(parsePrices('cloud-prices.yaml', text.replace('usd: 0.2016', 'usd: -1')))).toMatch(
      /^cloud-prices\.yaml: rows\.0\.usd: /,
    );
    expect(
      error(parsePrices('cloud-prices.yaml', text.replace('id: storage.object', 'id: storage.tape'))),
    ).toMatch(/^cloud-prices\.yaml: rows\.2\.id: /);
  });

  it('a dated table that is not YAML fails with one line naming the file, not a throw', () => {
    const broken = error(parsePrices('cloud-prices.yaml', 'updated: 2026-11-22\nrows: [\n'));
    expect(broken).toMatch(/^cloud-prices\.yaml: not valid YAML: /);
    expect(broken).not.toContain('\n');
    expect(error(parseLatencies('latency.yaml', 'rows: {'))).toMatch(/^latency\.yaml: not valid YAML: /);
  });

  it('a row with a date that is not YYYY-MM-DD names its path', () => {
    expect(
      error(parsePrices('cloud-prices.yaml', text.replace(/checked: \S+/, 'checked: last week'))),
    ).toMatch(/^cloud-prices\.yaml: rows\.0\.checked: /);
  });
});

describe('the throughput table', () => {
  const text = readFileSync(THROUGHPUT, 'utf8');

  it('parses, dated, each row with a named source, into the capacities the co-pilot sizes with', () => {
    const table = value(parseThroughput('throughput.yaml', text));
    expect(table.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const row of table.rows) {
      expect(row.source.length, row.id).toBeGreaterThan(40);
      expect(row.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(table.capacity).toMatchObject({
      relationalPrimaryWritesPerSecond: 5_000,
      relationalPrimaryBytes: 5e12,
      partitionedNodeWritesPerSecond: 10_000,
      partitionedNodeBytes: 2e12,
      appServerRequestsPerSecond: 2_000,
      modelServerRequestsPerSecond: 500,
      cacheNodeOpsPerSecond: 100_000,
      cacheNodeBytes: 18e9,
      logPartitionBytesPerSecond: 10e6,
      objectPrefixWritesPerSecond: 3_500,
      objectPrefixReadsPerSecond: 5_500,
      gatewayConnectionsPerHost: 100_000,
      streamBrokerBytesPerSecond: 75e6,
      searchShardBytes: 30e9,
      searchShardQueriesPerSecond: 300,
      vectorNodeBytes: 64e9,
      embeddingGpuItemsPerSecond: 500,
    });
    expect(Object.keys(table.capacity)).toHaveLength(table.rows.length);
    expect(loadThroughput()).toEqual(table);
  });

  it('names a missing row, a duplicate, an unknown id and a unit the co-pilot does not expect', () => {
    const withoutCache = text.replace(/ {2}- id: cache-node\.ops\n(?: {4}.*\n)+/, '');
    expect(error(parseThroughput('throughput.yaml', withoutCache))).toBe(
      'throughput.yaml: missing throughput rows cache-node.ops',
    );
    const appRow = /( {2}- id: app-server\.requests\n(?: {4}.*\n)+)/.exec(text)?.[1] ?? '';
    expect(error(parseThroughput('throughput.yaml', `${text}${appRow}`))).toBe(
      'throughput.yaml: row app-server.requests appears twice',
    );
    expect(
      error(parseThroughput('throughput.yaml', text.replace('id: app-server.requests', 'id: app.requests'))),
    ).toMatch(/^throughput\.yaml: rows\.4\.id: /);
    const bytesAsRate = text.replace(
      /(id: relational-primary\.storage\n(?: {4}.*\n)*? {4}unit: )bytes/,
      '$1per-second',
    );
    expect(error(parseThroughput('throughput.yaml', bytesAsRate))).toBe(
      'throughput.yaml: row relational-primary.storage has unit "per-second", expected "bytes"',
    );
  });
});

describe('the LLM-serving table', () => {
  const text = readFileSync(LLM_SERVING, 'utf8');

  it('parses, dated, with every GPU, precision and model, and decode rows that name them', () => {
    const table = value(parseLlmServing('llm-serving.yaml', text));
    expect(table.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(table.gpus['a100-80gb']).toMatchObject({ memoryBytes: 80e9, price: 'compute.gpu-a100' });
    expect(table.gpus.l4).toMatchObject({ memoryBytes: 24e9, price: 'compute.gpu-l4' });
    expect(Object.values(table.precisions).map((row) => row.bytesPerParameter)).toEqual([2, 1, 0.5]);
    expect(table.models['llama-3-8b']).toMatchObject({ layers: 32, kvHeads: 8, headDim: 128 });
    expect(table.models['llama-2-13b']).toMatchObject({ layers: 40, kvHeads: 40, headDim: 128 });
    expect(decodeRow(table, 'llama-2-13b', 'fp16', 'a100-80gb')).toMatchObject({
      outputTokensPerSecond: 700,
      batch: 32,
    });
    expect(decodeRow(table, 'llama-3-70b', 'int4', 'l4')).toBeUndefined();
    for (const row of table.decode) expect(row.source, row.id).toMatch(/^Planning figure/);
    expect(loadLlmServing()).toEqual(table);
  });

  it('every GPU names a price row that the price table has', () => {
    const prices = loadPrices().prices;
    for (const gpu of Object.values(loadLlmServing().gpus)) expect(prices[gpu.price], gpu.id).toBeDefined();
  });

  it('names a missing row, a duplicate, an unknown id and a decode id that does not match its row', () => {
    const withoutL4 = text.replace(/ {2}- id: l4\n(?: {4}.*\n)+/, '');
    expect(error(parseLlmServing('llm-serving.yaml', withoutL4))).toBe(
      'llm-serving.yaml: missing gpus rows l4',
    );
    const int8 = /( {2}- id: int8\n(?: {4}.*\n)+)/.exec(text)?.[1] ?? '';
    expect(error(parseLlmServing('llm-serving.yaml', text.replace(int8, `${int8}${int8}`)))).toBe(
      'llm-serving.yaml: precisions row int8 appears twice',
    );
    expect(error(parseLlmServing('llm-serving.yaml', text.replace('- id: h100-80gb', '- id: b200')))).toMatch(
      /^llm-serving\.yaml: gpus\.3\.id: /,
    );
    expect(
      error(
        parseLlmServing('llm-serving.yaml', text.replace('price: compute.gpu-l4', 'price: compute.gpu-l40s')),
      ),
    ).toMatch(/^llm-serving\.yaml: gpus\.1\.price: /);
    const mislabelled = error(
      parseLlmServing(
        'llm-serving.yaml',
        text.replace('- id: llama-3-8b.fp16.l4', '- id: llama-3-8b.fp16.h100'),
      ),
    );
    expect(mislabelled).toBe(
      'llm-serving.yaml: decode row llama-3-8b.fp16.h100 should have the id llama-3-8b.fp16.l4 (model.precision.gpu)',
    );
    expect(mislabelled).not.toContain('\n');
  });
});
