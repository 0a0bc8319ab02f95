// ML tier sizing (LLM serving, embedding, batch deadlines, model servers), growth and storage
// tiering against figures computed by hand in the comment above each assertion.
import { describe, expect, it } from 'vitest';
import {
  batchDeadline,
  connectionGateway,
  embeddingThroughput,
  growthFactor,
  hoursCostPerMonth,
  kvBytesPerToken,
  llmServing,
  modelServingReplicas,
  nodeCostPerMonth,
  scaleInputs,
  storageCostPerMonth,
  tieredStorage,
  type LlmServingInput,
} from '../../../src/estimation/index.js';

/** Llama-2-13B at fp16 on an 80 GB GPU, 8 sequences of 4,096 tokens a replica. */
const NO_MINIMUM: LlmServingInput = {
  parameters: 13e9,
  bytesPerParameter: 2,
  precision: 'fp16',
  kvBytesPerToken: 819_200,
  contextTokens: 4_096,
  concurrentSequences: 8,
  gpuMemoryBytes: 80e9,
  gpuMemoryUsable: 0.9,
  peakOutputTokensPerSecond: 2_000,
  outputTokensPerSecondPerReplica: 700,
  utilisation: 0.6,
};
const LLAMA_13B: LlmServingInput = { ...NO_MINIMUM, minReplicas: 2 };

describe('kvBytesPerToken', () => {
  it('is 2 x layers x KV heads x head dim x bytes', () => {
    // Llama-2-13B: 2 x 40 x 40 x 128 x 2 B = 819,200 B per token
    expect(kvBytesPerToken({ layers: 40, kvHeads: 40, headDim: 128, bytesPerValue: 2 })).toEqual({
      value: 819_200,
      calculation: '2 (key and value) x 40 layers x 40 KV heads x 128 head dim x 2 B = 819,200 B/token',
      result: '819,200 B/token',
    });
    // Llama-3-8B, grouped-query attention: 2 x 32 x 8 x 128 x 2 B = 131,072 B
    expect(kvBytesPerToken({ layers: 32, kvHeads: 8, headDim: 128, bytesPerValue: 2 }).value).toBe(131_072);
    // Llama-3-70B: 2 x 80 x 8 x 128 x 2 B = 327,680 B
    expect(kvBytesPerToken({ layers: 80, kvHeads: 8, headDim: 128, bytesPerValue: 2 }).value).toBe(327_680);
  });
});

describe('llmServing', () => {
  it('13B at fp16: weights + KV cache fit one 80 GB GPU; replicas from decode throughput', () => {
    // weights 13e9 x 2 B = 26 GB; KV 819,200 x 4,096 x 8 = 26,843,545,600 B (26.84 GB);
    // (26 + 26.84) / (80 x 0.9 = 72) = 0.7339 -> 1 GPU a replica;
    // replicas 2,000 / (700 x 0.6 = 420) = 4.76 -> 5; GPUs 5 x 1 = 5
    const size = llmServing(LLAMA_13B);
    expect(size.weights).toEqual({
      value: 26e9,
      calculation: '13B parameters x 2 B (fp16) = 26 GB',
      result: '26 GB',
    });
    expect(size.kvCache.value).toBe(26_843_545_600);
    expect(size.kvCache.calculation).toBe(
      '819,200 B/token x 4,096 context tokens x 8 concurrent sequences = 26.84 GB',
    );
    expect(size.gpusPerReplica).toEqual({
      count: 1,
      unit: 'GPU',
      calculation:
        '(26 GB weights + 26.84 GB KV cache) / (80 GB per GPU x 90% usable) = 0.7339, rounded up = 1 GPU',
      result: '1 GPU',
      bytes: 52_843_545_600,
    });
    expect(size.replicas.calculation).toBe(
      '2,000/s peak output tokens / (700/s per replica x 60% target utilisation) = 4.762, rounded up = 5 replicas',
    );
    expect(size.gpus).toMatchObject({ count: 5, calculation: '5 replicas x 1 GPU per replica = 5 GPUs' });
  });

  it('70B at fp16 needs tensor parallelism; a count of 3 GPUs rounds to 4', () => {
    // weights 70e9 x 2 = 140 GB; KV 327,680 x 8,192 x 32 = 85.9 GB; 225.9 / 72 = 3.137 -> 4 GPUs
    const big = llmServing({
      ...LLAMA_13B,
      parameters: 70e9,
      kvBytesPerToken: 327_680,
      contextTokens: 8_192,
      concurrentSequences: 32,
      peakOutputTokensPerSecond: 5_000,
      outputTokensPerSecondPerReplica: 800,
    });
    expect(big.gpusPerReplica.count).toBe(4);
    // replicas 5,000 / (800 x 0.6 = 480) = 10.4 -> 11; GPUs 11 x 4 = 44
    expect([big.replicas.count, big.gpus.count]).toEqual([11, 44]);
    // 140 GB + 8,192 x 327,680 x 2 = 5.37 GB: 145.4 / 72 = 2.019 -> 3 -> 4 (power of two)
    const three = llmServing({
      ...LLAMA_13B,
      parameters: 70e9,
      kvBytesPerToken: 327_680,
      contextTokens: 8_192,
      concurrentSequences: 2,
    });
    expect(three.gpusPerReplica.count).toBe(4);
    expect(three.gpusPerReplica.calculation).toBe(
      '(140 GB weights + 5.369 GB KV cache) / (80 GB per GPU x 90% usable) = 2.019, rounded up = 3, next power of two for tensor parallelism = 4 GPUs',
    );
  });

  it('int4 weights are half a byte a parameter; no traffic keeps the minimum replicas', () => {
    // 70e9 x 0.5 = 35 GB
    const quiet = llmServing({
      ...LLAMA_13B,
      parameters: 70e9,
      bytesPerParameter: 0.5,
      precision: 'int4',
      peakOutputTokensPerSecond: 0,
    });
    expect(quiet.weights.calculation).toBe('70B parameters x 0.5 B (int4) = 35 GB');
    expect(quiet.replicas.calculation).toMatch(/= 0, at least 2 = 2 replicas$/);
    expect(llmServing({ ...NO_MINIMUM, peakOutputTokensPerSecond: 0 }).replicas.count).toBe(1);
  });
});

/** A job run 30 times a month on workers of 10,000 records/s. */
const nightly = (records: number, windowSeconds: number) =>
  batchDeadline({ records, windowSeconds, recordsPerSecondPerWorker: 10_000, runsPerMonth: 30 });

describe('embedding, batch and model serving', () => {
  it('embedding units from peak items', () => {
    // 2,000 / (500 x 0.6 = 300) = 6.67 -> 7 GPUs
    expect(
      embeddingThroughput({
        peakItemsPerSecond: 2_000,
        itemsPerSecondPerUnit: 500,
        utilisation: 0.6,
        unit: 'GPU',
      }),
    ).toEqual({
      count: 7,
      unit: 'GPU',
      calculation:
        '2,000/s peak items / (500/s per GPU x 60% target utilisation) = 6.667, rounded up = 7 GPUs',
      result: '7 GPUs',
    });
  });

  it('a batch job is sized from its deadline and billed for its run', () => {
    // 50M records / 4 h (14,400 s) = 3,472/s; / 10,000 per worker = 0.347 -> 1 worker;
    // run 50M / 10,000 = 5,000 s = 1.389 h; x 30 runs = 41.67 worker-hours a month
    const size = nightly(50e6, 14_400);
    expect(size.requiredRate.calculation).toBe('50M records / 4h window (14,400 s) = 3,472/s');
    expect(size.workers.calculation).toBe(
      '3,472/s required / 10,000/s per worker = 0.3472, rounded up = 1 worker',
    );
    expect(size.runSeconds.value).toBe(5_000);
    expect(size.runSeconds.result).toBe('5,000 s (1h 23m 20s)');
    expect(size.workerHoursPerMonth.value).toBeCloseTo(41.6667, 4);
    expect(hoursCostPerMonth(size.workerHoursPerMonth.value, 0.2016, 'worker').calculation).toBe(
      '41.67 worker-hours/month x $0.2016/hour = $8.40/month',
    );
  });

  it('a tight deadline needs many workers, each run shorter than the window', () => {
    // 2B records / 1 h = 555,556/s; / 10,000 = 55.56 -> 56 workers;
    // run 2e9 / 560,000 = 3,571 s; 56 x 0.992 h = 55.56 worker-hours a run
    const size = nightly(2e9, 3_600);
    expect(size.workers.count).toBe(56);
    expect(size.runSeconds.value).toBeCloseTo(3_571.43, 2);
    expect(size.workerHoursPerRun.value).toBeCloseTo(55.5556, 4);
    // No records: the minimum worker and no hours.
    const none = nightly(0, 3_600);
    expect([none.workers.count, none.workerHoursPerMonth.value]).toEqual([1, 0]);
  });

  it('model servers count only the requests that call the model', () => {
    // 12,000/s x 25% = 3,000/s; / (500 x 0.6 = 300) = 10 replicas exactly
    expect(
      modelServingReplicas({
        peakRequests: 12_000,
        shareCallingModel: 0.25,
        predictionsPerReplica: 500,
        utilisation: 0.6,
      }),
    ).toMatchObject({
      count: 10,
      calculation:
        '12,000/s peak requests x 25% calling the model = 3,000/s predictions / (500/s per replica x 60% target utilisation) = 10 replicas',
    });
    // A model no request calls still has the HA minimum of 2.
    expect(
      modelServingReplicas({
        peakRequests: 12_000,
        shareCallingModel: 0,
        predictionsPerReplica: 500,
        utilisation: 0.6,
      }).count,
    ).toBe(2);
  });
});

describe('growth and storage tiering', () => {
  it('(1 + g)^years, and a tier re-sized on grown loads', () => {
    expect(growthFactor({ annualGrowth: 0.4, years: 3 })).toEqual({
      value: 2.744,
      calculation: '(1 + 40%)^3 = 2.744',
      result: '2.744',
    });
    expect(growthFactor({ annualGrowth: 0.4, years: 1 }).value).toBe(1.4);
    // 40M x 2.744 = 109.76M connections / 60,000 = 1,829.3 -> 1,830 hosts
    const input = { concurrentConnections: 40e6, connectionsPerHost: 100_000, utilisation: 0.6 };
    const grown = scaleInputs(input, ['concurrentConnections'], 2.744);
    expect(grown).toEqual({ ...input, concurrentConnections: 109_760_000 });
    expect(connectionGateway(grown).count).toBe(1_830);
  });

  it('hot and cold bytes at full retention, each priced by the GB-month', () => {
    // hot 30 GB/day x 30 days = 900 GB x $0.08 = $72; cold 30 x 335 = 10,050 GB x $0.023 = $231.15
    const tiers = tieredStorage({
      bytesPerDay: 30e9,
      retentionDays: 365,
      hotDays: 30,
      hotPricePerGbMonth: 0.08,
      coldPricePerGbMonth: 0.023,
    });
    expect([tiers.hotBytes.value, tiers.coldBytes.value]).toEqual([900e9, 10_050e9]);
    expect(tiers.coldBytes.calculation).toBe('30 GB/day x (365 - 30) days cold = 10.05 TB');
    expect(tiers.hotCost.calculation).toBe('900 GB hot x $0.08/GB-month = $72.00/month');
    expect(tiers.coldCost.calculation).toBe('10,050 GB cold x $0.023/GB-month = $231.15/month');
    expect(tiers.totalCost).toEqual({
      usd: 303.15,
      calculation: '$72.00 hot + $231.15 cold = $303.15/month',
      result: '~$303',
    });
    // Retention shorter than the hot window: everything is hot.
    const short = tieredStorage({
      bytesPerDay: 1e9,
      retentionDays: 7,
      hotDays: 30,
      hotPricePerGbMonth: 0.08,
      coldPricePerGbMonth: 0.023,
    });
    expect([short.hotBytes.value, short.coldBytes.value]).toEqual([7e9, 0]);
  });

  it('prices GPUs and storage with the existing cost line helpers', () => {
    // 5 GPUs x $3.4309 x 720 h = $12,351.24
    expect(nodeCostPerMonth(5, 3.4309, 'GPU').calculation).toBe(
      '5 GPUs x $3.4309/hour x 720 hours/month = $12,351.24/month',
    );
    expect(nodeCostPerMonth(1, 0.437).calculation).toBe(
      '1 node x $0.437/hour x 720 hours/month = $314.64/month',
    );
    expect(storageCostPerMonth(1e12, 0.023).calculation).toBe('1,000 GB x $0.023/GB-month = $23.00/month');
  });
});
