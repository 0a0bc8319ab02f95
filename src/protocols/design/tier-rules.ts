/**
 * Each sizing rule of the archetype vocabulary, as a call to the estimation engine with the
 * capacities and prices of the dated tables, and the cost lines of the units it sizes. One function
 * per rule keeps the mapping readable: a rule's inputs (already products of quantities), the
 * table rows it reads, and what is billed.
 */
import {
  batchDeadline,
  calcUsd,
  displayUsd,
  formatBytes,
  formatCompact,
  formatCount,
  formatPercent,
  formatRate,
  SECONDS_PER_MONTH,
  connectionGateway,
  diskCostPerMonth,
  embeddingThroughput,
  llmServing,
  modelServingReplicas,
  nodeCostPerMonth,
  partitionedStoreNodes,
  relationalPrimaries,
  searchIndex,
  servers,
  streamBrokers,
  tieredStorage,
  vectorIndex,
  type Estimate,
  type TierSize,
} from '../../estimation/index.js';
import type { Capacity } from '../../knowledge/throughput.js';
import type { SizingRule } from './archetype-vocabulary.js';
import type { DesignAnswers, DesignDecisions } from './model.js';
import type { InputValue } from './quantities.js';
import { metricValue, payloadPlacement } from './sizing.js';
import { THRESHOLDS as T } from './thresholds.js';
import type { TierCost } from './tier-plan.js';

/** The capacities and prices the rules read, from the dated tables. */
export interface TierTables {
  readonly capacity: Capacity;
  readonly prices: {
    readonly instanceHour: number;
    readonly cacheNodeHour: number;
    readonly blockGbMonth: number;
    readonly objectGbMonth: number;
    readonly queuePerMillion: number;
    readonly dated: string;
  };
  readonly llm: {
    readonly gpu: { readonly name: string; readonly memoryBytes: number; readonly usdPerHour: number };
    readonly bytesPerParameter: number;
    readonly precision: 'fp16' | 'int8' | 'int4';
    /** KV cache bytes per token of the reference model shape nearest in size. */
    readonly kvBytesPerToken: (parameters: number) => number;
    /** Aggregate decode tokens/s of one replica for a model of this size. */
    readonly tokensPerSecond: (parameters: number) => number;
    /** Sequences one replica decodes at once (the batch of its decode row). */
    readonly concurrentSequences: (parameters: number) => number;
  };
}

export interface RuleContext {
  readonly estimate: Estimate;
  readonly answers: DesignAnswers;
  readonly decided: DesignDecisions;
  readonly tables: TierTables;
  readonly component: string;
}

interface Sized {
  readonly tier: TierSize;
  readonly figures: readonly { readonly label: string; readonly calculation: string }[];
  readonly cost: readonly TierCost[];
}

const U = T.targetUtilisation;
const value = (inputs: Readonly<Record<string, InputValue>>, name: string): number =>
  inputs[name]?.value ?? 0;
const monthly = (item: string, line: TierCost['line']): TierCost => ({ item, basis: 'monthly', line });

function instances(count: number, unit: string, ctx: RuleContext, item: string): TierCost {
  return monthly(
    `${item} (${formatCount(count)} ${unit}${count === 1 ? '' : 's'})`,
    nodeCostPerMonth(count, ctx.tables.prices.instanceHour, unit),
  );
}

type Rule = (inputs: Readonly<Record<string, InputValue>>, ctx: RuleContext) => Sized | undefined;

const RULES: Readonly<Record<SizingRule, Rule>> = {
  'app-instances': (inputs, ctx) => {
    const plan = servers(value(inputs, 'requests'), ctx.tables.capacity.appServerRequestsPerSecond, U);
    const count = Math.max(2, plan.servers);
    const tier: TierSize = {
      count,
      unit: 'instance',
      calculation: `${plan.calculation}${plan.servers < 2 ? '; 2 for redundancy across zones' : ''}`,
      result: `${formatCount(count)} instances`,
    };
    return { tier, figures: [], cost: [instances(count, 'instance', ctx, 'Application instances')] };
  },
  datastore: (_, ctx) => {
    const { capacity, prices } = ctx.tables;
    const { databaseBytes } = payloadPlacement(ctx.estimate, capacity);
    const peakWrites = metricValue(ctx.estimate, 'peak_write_qps');
    const replication = ctx.estimate.input.replication;
    if (ctx.decided.datastore === 'relational' || ctx.decided.datastore === 'relational-sharded') {
      const size = relationalPrimaries({
        peakWrites,
        writesPerPrimary: capacity.relationalPrimaryWritesPerSecond,
        bytesPerCopy: databaseBytes,
        bytesPerPrimary: capacity.relationalPrimaryBytes,
      });
      return {
        tier: size.instances,
        figures: [{ label: 'Shards', calculation: size.shards.calculation }],
        cost: [
          instances(
            size.instances.count,
            'database instance',
            ctx,
            'Database instances, a primary and a standby per shard',
          ),
          {
            item: 'Database disks, end of retention',
            basis: 'at-retention',
            line: diskCostPerMonth(databaseBytes, Math.max(2, replication), prices.blockGbMonth),
          },
        ],
      };
    }
    const size = partitionedStoreNodes({
      peakWrites,
      writesPerNode: capacity.partitionedNodeWritesPerSecond,
      bytesWithReplicas: databaseBytes * replication,
      bytesPerNode: capacity.partitionedNodeBytes,
    });
    return {
      tier: size.nodes,
      figures: [],
      cost: [
        instances(size.nodes.count, 'node', ctx, 'Datastore nodes'),
        {
          item: 'Datastore disks, end of retention',
          basis: 'at-retention',
          line: diskCostPerMonth(databaseBytes, replication, prices.blockGbMonth),
        },
      ],
    };
  },
  cache: (inputs, ctx) => {
    const { cacheNodeBytes, cacheNodeOpsPerSecond } = ctx.tables.capacity;
    return memoryNodes(
      value(inputs, 'bytes'),
      metricValue(ctx.estimate, 'peak_read_qps'),
      cacheNodeBytes,
      cacheNodeOpsPerSecond,
      ctx,
      'Cache nodes',
    );
  },
  'in-memory': (inputs, ctx) => {
    const { cacheNodeBytes, cacheNodeOpsPerSecond } = ctx.tables.capacity;
    const bytes = value(inputs, 'keys') * value(inputs, 'bytes_per_key');
    return memoryNodes(
      bytes,
      value(inputs, 'ops'),
      cacheNodeBytes,
      cacheNodeOpsPerSecond,
      ctx,
      'In-memory nodes',
    );
  },
  stream: (inputs, ctx) => {
    const size = streamBrokers({
      peakMessagesPerSecond: value(inputs, 'messages'),
      messageBytes: Math.max(1, value(inputs, 'bytes_per_message')),
      replication: 3,
      brokerBytesPerSecond: ctx.tables.capacity.streamBrokerBytesPerSecond,
      utilisation: U,
      partitionMessagesPerSecond: ctx.tables.capacity.logPartitionEventsPerSecond,
    });
    return {
      tier: size.brokers,
      figures: [{ label: 'Partitions', calculation: size.partitions.calculation }],
      cost: [instances(size.brokers.count, 'broker', ctx, 'Log brokers')],
    };
  },
  queue: (inputs, ctx) => {
    // A managed queue is billed per request: each message is sent, received and deleted once.
    const average = value(inputs, 'messages') / ctx.estimate.input.peakFactor;
    const millions = (average * SECONDS_PER_MONTH * 3) / 1e6;
    const usd = millions * ctx.tables.prices.queuePerMillion;
    const tier: TierSize = {
      count: 1,
      unit: 'queue',
      calculation: 'a managed queue: no nodes to size, billed per request',
      result: '1 managed queue',
    };
    return {
      tier,
      figures: [],
      cost: [
        monthly('Managed queue requests (send, receive, delete)', {
          usd,
          calculation: `${formatRate(average)} average messages x 2,592,000 s/month x 3 requests = ${formatCompact(millions)}M requests x ${calcUsd(ctx.tables.prices.queuePerMillion)}/million = ${calcUsd(usd)}/month`,
          result: displayUsd(usd),
        }),
      ],
    };
  },
  workers: (inputs, ctx) => {
    const plan = servers(value(inputs, 'messages'), Math.max(1, value(inputs, 'per_worker')), U);
    const count = Math.max(2, plan.servers);
    return {
      tier: { count, unit: 'worker', calculation: plan.calculation, result: `${formatCount(count)} workers` },
      figures: [],
      cost: [instances(count, 'worker', ctx, 'Workers')],
    };
  },
  'connection-gateway': (inputs, ctx) => {
    const tier = connectionGateway({
      concurrentConnections: value(inputs, 'connections'),
      connectionsPerHost: ctx.tables.capacity.gatewayConnectionsPerHost,
      utilisation: U,
    });
    return { tier, figures: [], cost: [instances(tier.count, 'host', ctx, 'Connection gateway hosts')] };
  },
  'search-index': (inputs, ctx) => {
    const size = searchIndex({
      documents: value(inputs, 'documents'),
      bytesPerDocument: value(inputs, 'bytes_per_document'),
      indexOverhead: 1.5,
      shardBytes: ctx.tables.capacity.searchShardBytes,
      replicas: 1,
      peakQueries: value(inputs, 'queries'),
      queriesPerReplicaShard: ctx.tables.capacity.searchShardQueriesPerSecond,
    });
    return {
      tier: size.nodes,
      figures: [
        { label: 'Index size', calculation: size.indexBytes.calculation },
        { label: 'Shards', calculation: size.shards.calculation },
      ],
      cost: [instances(size.nodes.count, 'node', ctx, 'Search nodes')],
    };
  },
  'vector-index': (inputs, ctx) => {
    const size = vectorIndex({
      vectors: value(inputs, 'vectors'),
      dimensions: value(inputs, 'dimensions'),
      bytesPerDimension: 4,
      graphOverhead: 1.5,
      nodeMemoryBytes: ctx.tables.capacity.vectorNodeBytes,
      replicas: 2,
      utilisation: U,
    });
    return {
      tier: size.nodes,
      figures: [{ label: 'Index memory', calculation: size.indexBytes.calculation }],
      cost: [
        monthly(
          `Vector index nodes (${size.nodes.count})`,
          nodeCostPerMonth(size.nodes.count, ctx.tables.prices.cacheNodeHour),
        ),
      ],
    };
  },
  'llm-serving': (inputs, ctx) => {
    const { llm } = ctx.tables;
    const parameters = ctx.answers.modelSize
      ? ctx.answers.modelSize.bytes / llm.bytesPerParameter
      : value(inputs, 'parameters');
    const size = llmServing({
      parameters,
      bytesPerParameter: llm.bytesPerParameter,
      precision: llm.precision,
      kvBytesPerToken: llm.kvBytesPerToken(parameters),
      contextTokens: value(inputs, 'context_tokens'),
      concurrentSequences: llm.concurrentSequences(parameters),
      gpuMemoryBytes: llm.gpu.memoryBytes,
      gpuMemoryUsable: 0.9,
      peakOutputTokensPerSecond: value(inputs, 'requests') * value(inputs, 'output_tokens'),
      outputTokensPerSecondPerReplica: llm.tokensPerSecond(parameters),
      utilisation: U,
      minReplicas: 2,
    });
    return {
      tier: size.gpus,
      figures: [
        { label: 'Weights', calculation: size.weights.calculation },
        { label: 'KV cache per replica', calculation: size.kvCache.calculation },
        { label: `GPUs per replica (${llm.gpu.name})`, calculation: size.gpusPerReplica.calculation },
        { label: 'Replicas at peak', calculation: size.replicas.calculation },
      ],
      cost: [
        monthly(
          `${llm.gpu.name} GPUs (${size.gpus.count})`,
          nodeCostPerMonth(size.gpus.count, llm.gpu.usdPerHour),
        ),
      ],
    };
  },
  embedding: (inputs, ctx) => {
    const tier = embeddingThroughput({
      peakItemsPerSecond: value(inputs, 'items'),
      itemsPerSecondPerUnit: ctx.tables.capacity.embeddingGpuItemsPerSecond,
      utilisation: U,
      unit: 'GPU',
    });
    return {
      tier,
      figures: [],
      cost: [
        monthly(
          `Embedding GPUs (${tier.count})`,
          nodeCostPerMonth(tier.count, ctx.tables.llm.gpu.usdPerHour),
        ),
      ],
    };
  },
  'batch-job': (inputs, ctx) => {
    const size = batchDeadline({
      records: value(inputs, 'records'),
      windowSeconds: value(inputs, 'window'),
      recordsPerSecondPerWorker: ctx.tables.capacity.batchWorkerRecordsPerSecond,
      runsPerMonth: 30,
    });
    const usd = size.workerHoursPerMonth.value * ctx.tables.prices.instanceHour;
    const hours = size.workerHoursPerMonth.result;
    return {
      tier: size.workers,
      figures: [
        { label: 'Required rate', calculation: size.requiredRate.calculation },
        { label: 'Worker-hours a month', calculation: size.workerHoursPerMonth.calculation },
      ],
      cost: [
        monthly('Batch workers (per run, daily)', {
          usd,
          calculation: `${hours} x ${calcUsd(ctx.tables.prices.instanceHour)}/hour = ${calcUsd(usd)}/month`,
          result: displayUsd(usd),
        }),
      ],
    };
  },
  'model-serving': (inputs, ctx) => {
    const tier = modelServingReplicas({
      peakRequests: value(inputs, 'requests'),
      shareCallingModel: 1,
      predictionsPerReplica: ctx.tables.capacity.modelServerRequestsPerSecond,
      utilisation: U,
    });
    return { tier, figures: [], cost: [instances(tier.count, 'replica', ctx, 'Model server replicas')] };
  },
  'object-storage': (inputs, ctx) => {
    const bytes = value(inputs, 'bytes');
    const tier: TierSize = {
      count: 1,
      unit: 'bucket',
      calculation: 'managed object storage: no nodes, billed by the GB-month',
      result: 'managed',
      bytes,
    };
    return {
      tier,
      figures: [],
      cost: [
        {
          item: 'Object storage, end of retention',
          basis: 'at-retention',
          line: diskCostPerMonth(bytes, 1, ctx.tables.prices.objectGbMonth),
        },
      ],
    };
  },
  'analytics-store': (inputs, ctx) => {
    const days = ctx.estimate.input.retentionSeconds / 86_400;
    const size = tieredStorage({
      bytesPerDay: value(inputs, 'bytes_per_day'),
      retentionDays: days,
      hotDays: Math.min(days, value(inputs, 'hot_days')),
      hotPricePerGbMonth: ctx.tables.prices.blockGbMonth,
      coldPricePerGbMonth: ctx.tables.prices.objectGbMonth,
    });
    const tier: TierSize = {
      count: 1,
      unit: 'store',
      calculation: size.hotBytes.calculation,
      result: `${size.hotBytes.result} hot`,
      bytes: size.hotBytes.value,
    };
    return {
      tier,
      figures: [{ label: 'Cold tier', calculation: size.coldBytes.calculation }],
      cost: [
        { item: 'Analytics storage, hot tier', basis: 'at-retention', line: size.hotCost },
        { item: 'Analytics storage, cold tier', basis: 'at-retention', line: size.coldCost },
      ],
    };
  },
  managed: (inputs, ctx) => {
    const count = Math.max(1, Math.round(value(inputs, 'instances')));
    return {
      tier: {
        count,
        unit: 'instance',
        calculation: `${count} small instance${count === 1 ? '' : 's'} (managed service)`,
        result: `${count} instance${count === 1 ? '' : 's'}`,
      },
      figures: [],
      cost: [instances(count, 'instance', ctx, 'Instances')],
    };
  },
};

function memoryNodes(
  bytes: number,
  ops: number,
  nodeBytes: number,
  nodeOps: number,
  ctx: RuleContext,
  item: string,
): Sized {
  const byBytes = Math.ceil(bytes / (nodeBytes * 0.7));
  const byOps = Math.ceil(ops / (nodeOps * U));
  const primaries = Math.max(1, byBytes, byOps);
  const count = primaries * 2;
  const tier: TierSize = {
    count,
    unit: 'node',
    calculation: `max(1, ${formatCount(byBytes)} for ${formatBytes(bytes)} at 70% of ${formatBytes(nodeBytes)} per node, ${formatCount(byOps)} for ${formatRate(ops)} at ${formatPercent(U)} of ${formatRate(nodeOps)} per node) = ${formatCount(primaries)} ${primaries === 1 ? 'primary' : 'primaries'}, with a replica each = ${formatCount(count)} nodes`,
    result: `${formatCount(count)} nodes`,
    bytes,
  };
  return {
    tier,
    figures: [],
    cost: [
      monthly(
        `${item} (${count}, with a replica each)`,
        nodeCostPerMonth(count, ctx.tables.prices.cacheNodeHour),
      ),
    ],
  };
}

export function sizeByRule(
  rule: SizingRule,
  inputs: Readonly<Record<string, InputValue>>,
  ctx: RuleContext,
): Sized | undefined {
  return RULES[rule](inputs, ctx);
}
