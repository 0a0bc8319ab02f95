// Every decision rule fires on a minimal scenario, and a near miss does not.
import { describe, expect, it } from 'vitest';
import { findings, type DesignFacts } from '../../src/rules/decision-rules.js';
import { THRESHOLDS as T } from '../../src/protocols/design/thresholds.js';
import { finishedDesign } from '../support/design-state.js';
import { decisionRules, designFacts } from '../../src/rules/decision-rules.js';

const NO_CACHE = { cache: 'none' } as const;
const facts = (overrides: Partial<DesignFacts>): DesignFacts => ({
  ml: false,
  strong: false,
  multiRegion: false,
  decisions: {},
  custom: [],
  ...overrides,
});
const ids = (f: DesignFacts): string[] => findings(f).map((finding) => finding.id);

describe('decision rules', () => {
  it.each<[string, Partial<DesignFacts>, Partial<DesignFacts>]>([
    ['serving-edge-or-optimise', { ml: true, p99Ms: 40 }, { ml: true, p99Ms: 50 }],
    // Freshness decides serving, never the P99 alone: 800 ms with real-time predictions is online.
    [
      'serving-online',
      { ml: true, p99Ms: 800, predictionFreshnessSeconds: 1 },
      { ml: true, p99Ms: 800, predictionFreshnessSeconds: 3_600 },
    ],
    [
      'serving-batch',
      { ml: true, p99Ms: 800, predictionFreshnessSeconds: 86_400 },
      { ml: true, p99Ms: 800, predictionFreshnessSeconds: 1 },
    ],
    [
      'serving-batch',
      { ml: true, p99Ms: 100, predictionFreshnessSeconds: 3_600 },
      { ml: true, p99Ms: 100, predictionFreshnessSeconds: 3_599 },
    ],
    ['serving-large-model', { ml: true, modelBytes: 1.2e9 }, { ml: true, modelBytes: 1e9 }],
    ['serving-autoscale', { ml: true, peakQps: 1_001 }, { ml: true, peakQps: 1_000 }],
    ['single-copy-of-data', { availability: 0.999, replication: 1 }, { availability: 0.999, replication: 2 }],
    // The advisor's own threshold for a cache: 5 reads per write, or 2,000 reads/s at peak, and
    // never under the floor of 1,000 reads/s whatever the ratio.
    [
      'read-heavy-without-cache',
      { readRatio: T.cacheReadRatio, peakReads: T.cacheMinReadsPerSecond, decisions: NO_CACHE },
      { readRatio: T.cacheReadRatio - 0.1, peakReads: T.cacheMinReadsPerSecond, decisions: NO_CACHE },
    ],
    [
      'read-heavy-without-cache',
      { readRatio: 50, peakReads: T.cacheMinReadsPerSecond, decisions: NO_CACHE },
      { readRatio: 50, peakReads: T.cacheMinReadsPerSecond - 1, decisions: NO_CACHE },
    ],
    [
      'read-heavy-without-cache',
      { readRatio: 2, peakReads: T.cacheReadsPerSecond, decisions: NO_CACHE },
      { readRatio: 2, peakReads: T.cacheReadsPerSecond - 1, decisions: NO_CACHE },
    ],
    [
      'bursty-writes-without-queue',
      {
        peakWrites: 2_000,
        peakFactor: 2,
        decisions: { writePath: 'synchronous' },
      },
      {
        peakWrites: 1_999,
        peakFactor: 3.9,
        decisions: { writePath: 'synchronous' },
      },
    ],
    // The floor: under 500 writes/s one primary absorbs any burst.
    [
      'bursty-writes-without-queue',
      { peakWrites: T.queueMinWritesPerSecond, peakFactor: 4, decisions: { writePath: 'synchronous' } },
      { peakWrites: T.queueMinWritesPerSecond - 1, peakFactor: 10, decisions: { writePath: 'synchronous' } },
    ],
    // The gate: a write the writer must read at once is never acknowledged from a queue.
    [
      'bursty-writes-without-queue',
      { peakWrites: 3_000, peakFactor: 2, decisions: { writePath: 'synchronous' } },
      { peakWrites: 3_000, peakFactor: 2, freshReads: 'own', decisions: { writePath: 'synchronous' } },
    ],
    [
      'strong-consistency-across-regions',
      { strong: true, multiRegion: true, p99Ms: 100 },
      { strong: true, multiRegion: true, p99Ms: 150 },
    ],
    // About one service per 2 engineers (a team of 9 owns 4 well); always at least one.
    ['more-services-than-owners', { services: 5, teamSize: 9 }, { services: 4, teamSize: 9 }],
    ['more-services-than-owners', { services: 2, teamSize: 1 }, { services: 1, teamSize: 1 }],
    [
      'realtime-where-hours-suffice',
      {
        ml: true,
        p99Ms: 100,
        predictionFreshnessSeconds: 86_400,
        decisions: { serving: 'online' },
      },
      {
        ml: true,
        p99Ms: 100,
        predictionFreshnessSeconds: 86_400,
        decisions: { serving: 'batch' },
      },
    ],
  ])('%s fires on a minimal scenario and not on a near miss', (id, firing, nearMiss) => {
    expect(ids(facts(firing))).toContain(id);
    expect(ids(facts(nearMiss))).not.toContain(id);
  });

  it('every message takes a position: it quotes a number, or names the alternative after a colon', () => {
    for (const finding of findings(
      facts({ ml: true, p99Ms: 40, peakQps: 5_000, availability: 0.9999, replication: 1, modelBytes: 2e9 }),
    )) {
      expect(finding.message.length, finding.id).toBeGreaterThan(60);
      expect(finding.message, finding.id).toMatch(/\d|: /);
    }
  });

  it('take the team size, the model size and the service count from a session', async () => {
    const team = await finishedDesign({
      answers: { 'requirements.team': '2 engineers', 'high-level.architecture': 'B' },
    });
    expect(designFacts(team)).toMatchObject({ teamSize: 2, services: 2 });
    expect(decisionRules(team).map((finding) => finding.id)).toContain('more-services-than-owners');
    const monolith = await finishedDesign({ answers: { 'requirements.team': '2 engineers' } });
    expect(designFacts(monolith)).toMatchObject({ teamSize: 2, services: 1 });
    expect(decisionRules(monolith).map((finding) => finding.id)).not.toContain('more-services-than-owners');
    const llm = await finishedDesign({
      scope: 'ml',
      answers: { 'requirements.model-size': '7B parameters' },
    });
    expect(designFacts(llm).modelBytes).toBe(14e9);
    expect(decisionRules(llm).map((finding) => finding.id)).toContain('serving-large-model');
    const trees = await finishedDesign({ scope: 'ml', answers: { 'requirements.model-size': '200 MB' } });
    expect(decisionRules(trees).map((finding) => finding.id)).not.toContain('serving-large-model');
  });

  it('fire in a session from its answers and decisions, and not on a clean design', async () => {
    const clean = await finishedDesign();
    expect(decisionRules(clean)).toEqual([]);
    const noCache = await finishedDesign({
      answers: {
        'estimation.writes': '5M/day',
        'estimation.reads': '20:1',
        'high-level.cache': 'B',
        'estimation.replication': '1',
      },
    });
    expect(decisionRules(noCache).map((finding) => finding.id)).toEqual([
      'single-copy-of-data',
      'read-heavy-without-cache',
    ]);
  });
});
