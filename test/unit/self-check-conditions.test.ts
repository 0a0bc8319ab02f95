// The self-check's decision rules: a recommendation contradicting its own condition or a stated
// requirement is an error (a bug of the co-pilot); a user's choice against the advice is a warning.
import { describe, expect, it } from 'vitest';
import { recordDecision } from '../../src/protocol/machine.js';
import type { SessionState } from '../../src/protocol/types.js';
import { conditionFindings } from '../../src/rules/self-check-conditions.js';
import {
  PLACEHOLDER_PROPOSAL,
  bundledKnowledge,
  finishedDesign as scripted,
  finishedFromFile,
  withDecision,
  type DesignOptions,
} from '../support/design-state.js';

// Decisions an answers file leaves out (the archetype) take the recommendation, as with --accept-recommended.
const finishedDesign = (options: DesignOptions = {}): Promise<SessionState> =>
  scripted({ acceptRecommended: true, ...options });
const fromExample = (name: string): Promise<SessionState> => finishedFromFile(`examples/${name}.yaml`, true);

const capacity = bundledKnowledge().throughput.capacity;
const check = (state: SessionState) => conditionFindings(state, capacity);
const ids = (state: SessionState): string[] =>
  check(state).map((finding) => `${finding.id}=${finding.severity}`);

/** The decision as if the co-pilot had recommended it (option A of its proposal) and it was taken. */
function recommended(state: SessionState, id: string, value: string): SessionState {
  const [a, b] = PLACEHOLDER_PROPOSAL.options;
  return recordDecision(state, id, {
    proposal: { ...PLACEHOLDER_PROPOSAL, options: [{ ...a, value }, b] },
    value,
    source: 'option',
    key: 'A',
    label: `recommended ${value}`,
    detailShown: false,
    report: `${id}: ${value}`,
  });
}

describe('contradicts-own-condition', () => {
  it('is quiet on a clean design', async () => {
    expect(check(await finishedDesign())).toEqual([]);
  });

  it('a cache recommended at 2 reads per write and 27/s is an error; chosen by the user, a warning', async () => {
    const clean = await finishedDesign();
    const bug = check(recommended(clean, 'high-level.cache', 'cache-aside'));
    expect(bug).toEqual([
      {
        id: 'contradicts-own-condition:high-level.cache',
        severity: 'error',
        message:
          'The co-pilot recommended a cache-aside cache (Redis) for high-level.cache, but the condition under which no cache wins holds: peak reads stay under about 1K/s, or under 5 per write and 2K/s, or every read must see the latest write. Take the alternative, or change the answers that make it win.',
        evidence: '27/s peak reads; 2 reads per write; stale reads allowed',
      },
    ]);
    const users = check(withDecision(clean, 'high-level.cache', 'cache-aside', 'Redis in front'));
    expect(users.map((finding) => finding.severity)).toEqual(['warning']);
    expect(users[0]?.message).toMatch(
      /^You chose "Redis in front" \(a cache-aside cache \(Redis\)\) against/,
    );
  });

  it('a queue recommended at 13 writes/s is an error; a log at 4,630 writes/s is not', async () => {
    const small = await finishedDesign();
    expect(ids(recommended(small, 'high-level.write-path', 'stream'))).toEqual([
      'contradicts-own-condition:high-level.write-path=error',
    ]);
    const bursty = await finishedDesign({ answers: { 'estimation.writes': '200M/day' } });
    expect(bursty.decisions['high-level.write-path']?.value).toBe('stream');
    expect(ids(bursty)).toEqual([]);
  });

  it('a user who keeps PostgreSQL sharded below one primary gets a warning naming the choice', async () => {
    const state = withDecision(await finishedDesign(), 'high-level.datastore', 'relational-sharded', 'Citus');
    const [finding] = check(state);
    expect(finding?.id).toBe('contradicts-own-condition:high-level.datastore');
    expect(finding?.severity).toBe('warning');
    expect(finding?.message).toContain('You chose "Citus"');
    expect(finding?.evidence).toBe('13/s peak writes; 210 GB per copy; stale reads allowed');
  });

  it('says nothing of a condition the facts cannot decide (no capacity given)', async () => {
    const state = withDecision(await finishedDesign(), 'high-level.datastore', 'relational-sharded');
    expect(conditionFindings(state).map((finding) => finding.id)).toEqual([]);
  });
});

describe('contradicts-requirement', () => {
  it('queue-acknowledged writes with read-your-writes: error when recommended, warning when chosen', async () => {
    const ryw = await finishedDesign({
      answers: {
        'estimation.writes': '200M/day',
        'requirements.consistency': 'read-your-writes; others eventual',
      },
    });
    expect(ids(ryw)).toEqual([]);
    expect(ids(recommended(ryw, 'high-level.write-path', 'queue'))).toEqual([
      'contradicts-own-condition:high-level.write-path=error',
      'contradicts-requirement:high-level.write-path=error',
    ]);
    const chosen = check(withDecision(ryw, 'high-level.write-path', 'stream', 'Kafka'));
    expect(chosen.find((f) => f.id === 'contradicts-requirement:high-level.write-path')).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining(
        'which the requirements rule out: writers must read their own writes at once, and a write acknowledged from an asynchronous queue is not yet applied.',
      ) as unknown,
    });
  });

  it('AP with never-stale reads', async () => {
    const never = await finishedDesign({
      answers: { 'requirements.consistency': 'a customer must never see a stale balance' },
    });
    expect(ids(never)).toEqual([]);
    expect(ids(recommended(never, 'tradeoffs.consistency', 'ap'))).toContain(
      'contradicts-requirement:tradeoffs.consistency=error',
    );
    const eventual = await finishedDesign();
    expect(ids(recommended(eventual, 'tradeoffs.consistency', 'ap'))).toEqual([]);
  });

  it('batch serving with real-time freshness', async () => {
    const realtime = await finishedDesign({
      scope: 'ml',
      answers: {
        'requirements.prediction-freshness': 'real-time',
        'requirements.latency': 'P50 300ms, P99 800ms',
      },
    });
    expect(ids(realtime)).toEqual([]);
    expect(ids(recommended(realtime, 'high-level.serving', 'batch'))).toEqual([
      'contradicts-own-condition:high-level.serving=error',
      'contradicts-requirement:high-level.serving=error',
    ]);
    const daily = await finishedDesign({ scope: 'ml' });
    expect(daily.decisions['high-level.serving']?.value).toBe('batch');
    expect(ids(daily)).toEqual([]);
  });

  it('point-in-time recovery claimed as RPO 0', async () => {
    const state = await finishedDesign();
    const dives = state.drafts['deep-dive.details'] as { failureHandling: string[] }[];
    const claimed: SessionState = {
      ...state,
      drafts: {
        ...state.drafts,
        'deep-dive.details': dives.map((dive, index) =>
          index === 0
            ? {
                ...dive,
                failureHandling: [
                  ...dive.failureHandling,
                  'Loss of a region: point-in-time recovery from continuous backups; RPO 0 s is tested by a restore drill every quarter.',
                ],
              }
            : dive,
        ),
      },
    };
    expect(check(claimed)).toEqual([
      {
        id: 'contradicts-requirement:rpo-1',
        severity: 'error',
        message:
          'The design claims RPO 0 from backups or point-in-time recovery, which restore to minutes ago: RPO 0 needs replication that confirms each write before it is acknowledged.',
        evidence:
          '"Loss of a region: point-in-time recovery from continuous backups; RPO 0 s is tested by a restore drill every quarter"; durability requires RPO 0',
      },
    ]);
    const minutes = await finishedDesign({ answers: { 'requirements.durability': 'RPO 5 minutes' } });
    expect(check({ ...minutes, drafts: claimed.drafts })).toEqual([]);
  });

  it('a single region when the requirement is to survive losing one', async () => {
    const state = await finishedDesign({
      answers: {
        'requirements.scale': '500K notes a day; survive a region outage',
        'high-level.regions': 'single region',
      },
    });
    expect(ids(state)).toEqual([
      'contradicts-own-condition:high-level.regions=warning',
      'contradicts-requirement:high-level.regions=warning',
    ]);
  });
});

describe('the examples', () => {
  it.each(['pastebin', 'news-feed', 'fraud-scoring', 'messenger'])('%s has no finding', async (name) => {
    expect(check(await fromExample(name))).toEqual([]);
  });

  it("the pastebin's old recommendation (a cache at 347 reads/s) would be an error", async () => {
    const pastebin = await fromExample('pastebin');
    expect(ids(recommended(pastebin, 'high-level.cache', 'cache-aside'))).toEqual([
      'contradicts-own-condition:high-level.cache=error',
    ]);
  });

  it("the news feed's old recommendation (writes acknowledged from a log) contradicts read-your-writes", async () => {
    const feed = await fromExample('news-feed');
    expect(ids(recommended(feed, 'high-level.write-path', 'stream'))).toEqual([
      'contradicts-own-condition:high-level.write-path=error',
      'contradicts-requirement:high-level.write-path=error',
    ]);
  });
});
