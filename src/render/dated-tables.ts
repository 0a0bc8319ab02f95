/**
 * The dated tables under references/numbers/ as documents: `mlops-design references throughput`
 * shows every figure the co-pilot sizes and prices with, next to its source and the date it was
 * checked. Pure: knowledge in, markdown out.
 */
import {
  calcMs,
  formatBytes,
  formatBytesPerSecond,
  formatCompact,
  formatCount,
} from '../estimation/index.js';
import type { Knowledge } from '../knowledge/load.js';
import type { LlmServingTable } from '../knowledge/llm-serving.js';
import type { ThroughputRow } from '../knowledge/throughput.js';

export interface DatedTableRow {
  readonly id: string;
  readonly description: string;
  readonly value: string;
  readonly source: string;
  readonly checked: string;
}

export interface DatedTable {
  readonly id: string;
  readonly title: string;
  readonly file: string;
  readonly updated: string;
  readonly use: string;
  readonly rows: readonly DatedTableRow[];
}

export function datedTables(
  knowledge: Pick<Knowledge, 'latencies' | 'throughput' | 'prices' | 'llmServing'>,
): DatedTable[] {
  const { latencies, throughput, prices, llmServing } = knowledge;
  return [
    {
      id: 'latency',
      title: 'Reference latencies',
      file: 'references/numbers/latency.yaml',
      updated: latencies.updated,
      use: 'Latency budgets: `estimate --latency-budget` splits a P99 across the components of `--path`.',
      rows: latencies.rows.map((row) => ({
        id: row.id,
        description: `${row.description}; path names: ${row.aliases.join(', ')}`,
        value: calcMs(row.seconds),
        source: row.source,
        checked: row.checked,
      })),
    },
    {
      id: 'throughput',
      title: 'Throughput per component',
      file: 'references/numbers/throughput.yaml',
      updated: throughput.updated,
      use: 'Sizing: the design co-pilot divides peak load and stored bytes by these to count nodes, shards and partitions.',
      rows: throughput.rows.map((row) => ({ ...row, value: throughputValue(row) })),
    },
    {
      id: 'cloud-prices',
      title: 'Cloud prices',
      file: 'references/numbers/cloud-prices.yaml',
      updated: prices.updated,
      use: 'Costs: `estimate` and the operations plan price compute, storage, egress, cache and GPUs with these unless a flag gives a price.',
      rows: Object.entries(prices.prices).map(([id, price]) => ({
        id,
        description: price.description,
        value: `$${String(price.usd)}/${price.unit}`,
        source: price.source,
        checked: price.checked,
      })),
    },
    {
      id: 'llm-serving',
      title: 'LLM serving',
      file: 'references/numbers/llm-serving.yaml',
      updated: llmServing.updated,
      use: 'LLM sizing: GPU memory is weights (parameters x bytes per parameter) plus KV cache; replicas come from decode throughput at peak.',
      rows: llmServingRows(llmServing),
    },
  ];
}

function llmServingRows(table: LlmServingTable): DatedTableRow[] {
  const { gpus, precisions, models, decode } = table;
  return [
    ...Object.values(gpus).map((gpu) => ({
      id: `gpu.${gpu.id}`,
      description: `${gpu.description}; priced as ${gpu.price}`,
      value: formatBytes(gpu.memoryBytes),
      source: gpu.source,
      checked: gpu.checked,
    })),
    ...Object.values(precisions).map((precision) => ({
      id: `precision.${precision.id}`,
      description: `Bytes per parameter at ${precision.id}`,
      value: `${String(precision.bytesPerParameter)} B/parameter`,
      source: precision.source,
      checked: precision.checked,
    })),
    ...Object.values(models).map((model) => ({
      id: `model.${model.id}`,
      description: `${model.description}: ${formatCount(model.layers)} layers, ${formatCount(model.kvHeads)} KV heads, head dim ${formatCount(model.headDim)}`,
      value: `${formatCompact(model.parameters)} parameters`,
      source: model.source,
      checked: model.checked,
    })),
    ...decode.map((row) => ({
      id: `decode.${row.id}`,
      description: `Output tokens/s of one replica of ${row.model} at ${row.precision} on ${row.gpusPerReplica === 1 ? 'one' : formatCount(row.gpusPerReplica)} ${row.gpu} GPU${row.gpusPerReplica === 1 ? '' : 's'}, ${formatCount(row.batch)} sequences at once`,
      value: `${formatCount(row.outputTokensPerSecond)} tokens/s`,
      source: row.source,
      checked: row.checked,
    })),
  ];
}

function throughputValue(row: ThroughputRow): string {
  switch (row.unit) {
    case 'per-second':
      return `${formatCount(row.value)}/s`;
    case 'bytes':
      return formatBytes(row.value);
    case 'bytes-per-second':
      return formatBytesPerSecond(row.value);
    case 'count':
      return formatCount(row.value);
  }
}

/** One section per row: a table with sources this long does not fit a terminal. */
export function datedTableMarkdown(dated: DatedTable): string {
  return [
    `# ${dated.title}`,
    `From \`${dated.file}\`, updated ${dated.updated}. ${dated.use}`,
    ...dated.rows.map(
      (row) =>
        `## ${row.id}: ${row.value}\n\n${row.description}.\n\nSource: ${row.source} (checked ${row.checked}).`,
    ),
  ].join('\n\n');
}
