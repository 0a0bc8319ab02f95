// Requirements decide before thresholds do: each gate fires on a minimal scenario and stays quiet
// on its near miss, through the real offline co-pilot and the real step machine.
import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../src/protocol/types.js';
import { conditionHolds } from '../../src/protocols/design/conditions.js';
import { designFacts } from '../../src/protocols/design/facts.js';
import { designDrafts } from '../../src/protocols/design/model.js';
import { freshReadsIn, invariantIn, regionNeedsIn } from '../../src/protocols/design/requirements.js';
import { bundledKnowledge, finishedDesign, type DesignOptions } from '../support/design-state.js';

const design = (
  answers: NonNullable<DesignOptions['answers']>,
  more: Omit<DesignOptions, 'answers'> = {},
): Promise<SessionState> => finishedDesign({ acceptRecommended: true, ...more, answers });
const value = (state: SessionState, id: string): string | undefined => state.decisions[id]?.value;
const proposal = (state: SessionState, id: string) => state.decisions[id]?.proposal;

describe('the vocabulary of requirement gates', () => {
  it('reads which reads must be fresh', () => {
    expect(freshReadsIn(['read-your-writes; others eventual'])).toBe('own');
    expect(freshReadsIn(['eventual; the author reads their own paste at once'])).toBe('own');
    expect(freshReadsIn(['a customer must never see a stale balance'])).toBe('all');
    expect(freshReadsIn(['linearizable'])).toBe('all');
    expect(freshReadsIn(['eventual, up to 5 s stale'])).toBeUndefined();
    expect(freshReadsIn(['scores are never cached'])).toBeUndefined();
  });

  it('reads an invariant and whether it spans records', () => {
    expect(invariantIn(['A transfer moves money between two accounts and never double-spends'])).toEqual({
      phrase: 'never double-spends',
      multiRecord: true,
    });
    expect(invariantIn(['never double-book a seat'])?.multiRecord).toBe(true);
    expect(invariantIn(['a driver is never assigned to two riders at once'])).toEqual({
      phrase: 'never assigned to two',
      multiRecord: true,
    });
    expect(invariantIn(['each event is counted exactly once'])).toEqual({
      phrase: 'exactly once',
      multiRecord: false,
    });
    expect(invariantIn(['eventual, up to 5 s stale', 'a user books a table within 1 s'])).toBeUndefined();
  });

  it('reads regions: mentioned, a region loss to survive, users on several continents', () => {
    expect(regionNeedsIn(['serve users in the EU and US'])).toEqual({
      phrase: 'the EU and US',
      survive: false,
      spread: true,
    });
    expect(regionNeedsIn(['survive a region outage'])).toMatchObject({ survive: true, spread: false });
    expect(regionNeedsIn(['data residency: EU customers stay in the EU'])).toEqual({
      phrase: 'data residency',
      survive: false,
      spread: false,
    });
    expect(regionNeedsIn(['500K notes a day, 20% growth a year'])).toEqual({ survive: false, spread: false });
  });
});

describe('consistency gates', () => {
  // 200M writes a day at peak factor 2: about 4,630 writes/s at peak, where a log pays.
  const BURSTY = { 'estimation.writes': '200M/day' };

  it('read-your-writes makes the write path synchronous; "eventual, 5 s" at the same rates may queue', async () => {
    const ryw = await design({ ...BURSTY, 'requirements.consistency': 'read-your-writes; others eventual' });
    expect(value(ryw, 'high-level.write-path')).toBe('synchronous');
    const queue = proposal(ryw, 'high-level.write-path')?.options[1];
    expect(queue?.value).toBe('stream');
    expect(queue?.cons[0]).toMatch(/^ruled out by the requirements: writers must read their own writes/);
    const eventual = await design({ ...BURSTY, 'requirements.consistency': 'eventual, up to 5 s stale' });
    expect(value(eventual, 'high-level.write-path')).toBe('stream');
  });

  it('"never stale" keeps the cache off and chooses CP; eventual at the same rates caches and chooses AP', async () => {
    const READS = { 'estimation.writes': '10M/day', 'estimation.reads': '10:1' };
    const never = await design({
      ...READS,
      'requirements.consistency': 'a customer must never see a stale balance',
    });
    expect(value(never, 'high-level.cache')).toBe('none');
    expect(value(never, 'tradeoffs.consistency')).toBe('cp');
    expect(value(never, 'high-level.write-path')).toBe('synchronous');
    expect(proposal(never, 'high-level.cache')?.position).toMatch(/reads are never stale, so no cache/);
    const eventual = await design(READS);
    expect(value(eventual, 'high-level.cache')).toBe('cache-aside');
    expect(value(eventual, 'tradeoffs.consistency')).toBe('ap');
  });

  it('an invariant over records stays in one transaction: one primary, or distributed SQL past it', async () => {
    const TRANSFER = {
      'requirements.functional': [
        'A customer transfers money between two accounts and sees the new balance within 300 ms; a transfer never double-spends.',
      ],
      'requirements.consistency': 'eventual for statements, up to 5 s stale',
    };
    const small = await design(TRANSFER);
    expect(value(small, 'high-level.datastore')).toBe('relational');
    expect(proposal(small, 'high-level.datastore')?.position).toContain(
      '"never double-spends" holds because every record it spans commits in one transaction on the one primary.',
    );
    expect(value(small, 'tradeoffs.consistency')).toBe('cp');
    // 20,000 writes/s at peak: past one primary.
    const large = await design({ ...TRANSFER, 'estimation.writes': '864M/day' });
    expect(value(large, 'high-level.datastore')).toBe('distributed-sql');
    const sharded = proposal(large, 'high-level.datastore')?.options[1];
    expect(sharded?.value).toBe('relational-sharded');
    expect(sharded?.cons[0]).toMatch(/^ruled out by the requirements: the invariant "never double-spends"/);
    const eventual = await design({ 'estimation.writes': '864M/day' });
    expect(value(eventual, 'high-level.datastore')).toBe('wide-column');
  });
});

describe('absolute floors', () => {
  it('a 5 requests/s internal tool gets one application, one relational database, no cache, queue or shards', async () => {
    const tool = await design({
      'requirements.scale': '40 staff, about 5 requests a second at peak',
      'estimation.writes': '100K/day',
      'estimation.reads': '20:1',
      'estimation.peak-factor': '4',
      'requirements.team': '3 engineers',
    });
    expect(value(tool, 'high-level.architecture')).toBe('modular-monolith');
    expect(value(tool, 'high-level.datastore')).toBe('relational');
    expect(value(tool, 'high-level.cache')).toBe('none');
    expect(value(tool, 'high-level.write-path')).toBe('synchronous');
    expect(proposal(tool, 'high-level.cache')?.position).toContain(
      'Add a cache when peak reads pass 1,000/s and either 5 per write or 2,000/s.',
    );
    expect(proposal(tool, 'high-level.write-path')?.position).toMatch(/is under 500\/s, a burst one primary/);
    expect(proposal(tool, 'high-level.architecture')?.position).toContain(
      'Split off a service when a second team owns part of it (about 10 engineers in all)',
    );
    const types = designDrafts(tool).architecture?.components.map((component) => component.type);
    expect(types).not.toContain('cache');
    expect(types).not.toContain('queue');
  });

  it('2,000 reads/s at 10 per write brings the cache', async () => {
    const readHeavy = await design({ 'estimation.writes': '10M/day', 'estimation.reads': '10:1' });
    expect(value(readHeavy, 'high-level.cache')).toBe('cache-aside');
  });

  it('two teams bring services along their boundaries; one team keeps one deployable', async () => {
    const two = await design({ 'requirements.team': '12 engineers in two teams' });
    expect(value(two, 'high-level.architecture')).toBe('microservices');
    const one = await design({ 'requirements.team': '9 engineers' });
    expect(value(one, 'high-level.architecture')).toBe('modular-monolith');
  });
});

describe('the region strategy', () => {
  it('is asked when a requirement mentions two regions, and not otherwise', async () => {
    const regions = await design({
      'requirements.scale':
        '500K notes a day, 20% growth a year; run in two regions to survive a region outage',
    });
    expect(value(regions, 'high-level.regions')).toBe('active-passive');
    const detail = proposal(regions, 'high-level.regions');
    expect(detail?.options[0].summary).toContain('every write pays a cross-region round trip: 65 ms');
    expect(detail?.options[1].cons.join(' ')).toContain('roughly doubles the serving fleet');
    expect(designFacts(regions).multiRegion).toBe(false);
    const none = await design({});
    expect(none.decisions['high-level.regions']).toBeUndefined();
  });

  it('users on two continents with a tight P99 get active-active; residency alone stays in one region', async () => {
    const spread = await design({
      'requirements.scale': '2M daily users in the EU and US, 20% growth a year',
      'requirements.latency': 'P50 30ms, P99 120ms',
    });
    expect(value(spread, 'high-level.regions')).toBe('active-active');
    expect(designFacts(spread).multiRegion).toBe(true);
    const residency = await design({
      'requirements.scale': '500K notes a day; data residency: EU customers stay in the EU',
    });
    expect(value(residency, 'high-level.regions')).toBe('single-region');
  });
});

describe('ML serving follows freshness, never the P99 alone', () => {
  it('real-time freshness with an 800 ms P99 is online; daily freshness is batch', async () => {
    const realtime = await design(
      { 'requirements.prediction-freshness': 'real-time', 'requirements.latency': 'P50 300ms, P99 800ms' },
      { scope: 'ml' },
    );
    expect(value(realtime, 'high-level.serving')).toBe('online');
    expect(proposal(realtime, 'high-level.serving')?.options[1].cons[0]).toMatch(
      /^ruled out by the requirements: predictions must be fresher/,
    );
    const daily = await design(
      { 'requirements.prediction-freshness': 'daily', 'requirements.latency': 'P50 300ms, P99 800ms' },
      { scope: 'ml' },
    );
    expect(value(daily, 'high-level.serving')).toBe('batch');
  });

  it('an LLM answering users is online on GPUs even with a slow P99', async () => {
    const qa = await design(
      {
        'requirements.problem':
          'Answer employee questions from internal documents with a 13B LLM so support tickets drop 20%.',
        'requirements.functional': [
          'An employee asks a question and gets an answer with sources within 3 s.',
        ],
        'requirements.prediction-freshness': 'hourly',
        'requirements.latency': 'P50 1500ms, P99 3s',
      },
      { scope: 'ml', title: 'Document Q&A' },
    );
    expect(value(qa, 'high-level.serving')).toBe('online');
    expect(proposal(qa, 'high-level.serving')?.options[0].label).toContain('GPUs');
  });
});

describe('durability: backups are RPO of minutes, never RPO 0', () => {
  it('the datastore deep-dive says what each loss costs in data', async () => {
    const state = await design({});
    const text = (designDrafts(state).deepDives ?? []).flatMap((dive) => dive.failureHandling).join('\n');
    expect(text).not.toMatch(/RPO 0 s is tested by a restore drill/);
    expect(text).toContain(
      'Loss of a zone: the synchronous replica in another zone already holds every acknowledged write (RPO 0).',
    );
    expect(text).toContain(
      'point-in-time recovery from continuous backups to just before the corruption (RPO of minutes',
    );
  });
});

describe('conditions are predicates on the facts', () => {
  it('answer "not known" without the numbers they read', () => {
    const facts = { ml: false, strong: false, multiRegion: false, decisions: {}, custom: [] };
    expect(conditionHolds('high-level.cache', 'cache-aside', facts)).toBeUndefined();
    expect(conditionHolds('high-level.datastore', 'relational', facts)).toBeUndefined();
    expect(
      conditionHolds('high-level.datastore', 'relational', {
        ...facts,
        peakWrites: 10,
        databaseBytes: 1e9,
        primary: bundledPrimary(),
      }),
    ).toBe(true);
  });
});

function bundledPrimary(): { writesPerSecond: number; bytes: number } {
  const { capacity } = bundledKnowledge().throughput;
  return {
    writesPerSecond: capacity.relationalPrimaryWritesPerSecond,
    bytes: capacity.relationalPrimaryBytes,
  };
}
