import { beforeAll, describe, expect, it } from 'vitest';
import { designAdvisor } from '../../src/copilot/offline/design/advisor.js';
import { createOfflineCoPilot } from '../../src/copilot/offline/offline-copilot.js';
import type { Advisor } from '../../src/copilot/port.js';
import type { DecisionSlot, DraftStep, QuestionSlot, SessionState, Step } from '../../src/protocol/types.js';
import type { CostEstimate } from '../../src/protocols/design/cost.js';
import { estimateOf } from '../../src/protocols/design/estimation-slots.js';
import { designProtocol } from '../../src/protocols/design/index.js';
import {
  designDrafts,
  designResults,
  type Architecture,
  type OperationsPlan,
} from '../../src/protocols/design/model.js';
import {
  bundledKnowledge,
  emptyState,
  finishedDesign,
  withAnswer,
  withDecision,
} from '../support/design-state.js';

/** About 100K QPS peak: 259.2M writes/day is 3,000/s; 10 reads per write; peak factor 3 -> 99,000/s. */
const LARGE = {
  'estimation.writes': '259.2M/day',
  'estimation.reads': '10:1',
  'estimation.peak-factor': '3',
};
const ONLINE = {
  'requirements.prediction-freshness': 'real-time',
  'requirements.latency': 'P50 30ms, P99 100ms',
  'requirements.availability': '99.95%',
};

function step(id: string): Step {
  const found = designProtocol.steps.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}
const question = (id: string): QuestionSlot => step(id) as QuestionSlot;
const decision = (id: string): DecisionSlot => step(id) as DecisionSlot;

/** The label of option A the co-pilot proposed for a decision. */
function optionA(state: SessionState, id: string): string | undefined {
  return state.decisions[id]?.proposal.options[0].label;
}

function architecture(state: SessionState): Architecture {
  const drafted = designDrafts(state).architecture;
  if (!drafted) throw new Error('no architecture draft');
  return drafted;
}

function operations(state: SessionState): OperationsPlan {
  const drafted = designDrafts(state).operations;
  if (!drafted) throw new Error('no operations draft');
  return drafted;
}

/** The cost the protocol computed for a finished design. */
function cost(state: SessionState): CostEstimate {
  const computed = designResults(state).cost;
  if (!computed) throw new Error('no cost');
  return computed;
}

function metric(state: SessionState, id: string): number | undefined {
  return designResults(state).estimate?.metrics.find((m) => m.id === id)?.value;
}

const componentIds = (state: SessionState): string[] => architecture(state).components.map((c) => c.id);
const componentTypes = (state: SessionState): string[] => architecture(state).components.map((c) => c.type);

let small: SessionState;
let large: SessionState;
let largeStrong: SessionState;
let mlBatch: SessionState;
let mlOnline: SessionState;
let advisor: Advisor;

beforeAll(async () => {
  advisor = designAdvisor(bundledKnowledge());
  small = await finishedDesign();
  large = await finishedDesign({ answers: LARGE });
  largeStrong = await finishedDesign({
    answers: { ...LARGE, 'requirements.consistency': 'strong: every read sees the latest write' },
  });
  mlBatch = await finishedDesign({ scope: 'ml' });
  mlOnline = await finishedDesign({ scope: 'ml', answers: ONLINE });
});

describe('the numbers behind the two designs', () => {
  it('puts the small design at 40/s peak and the large one at 99,000/s peak', () => {
    expect(metric(small, 'peak_qps')).toBe(40);
    expect(metric(large, 'peak_qps')).toBe(99_000);
    expect(metric(large, 'peak_write_qps')).toBe(9_000);
  });
});

describe('recommendations change with the numbers', () => {
  it('datastore: one PostgreSQL primary at 40 QPS, a partitioned store at 100K QPS', () => {
    expect(optionA(small, 'high-level.datastore')).toBe(
      'PostgreSQL: one primary, a synchronous standby, read replicas as needed',
    );
    expect(optionA(large, 'high-level.datastore')).toBe(
      'A wide-column or key-value store partitioned by note_id (Cassandra, ScyllaDB or DynamoDB)',
    );
    expect(large.decisions['high-level.datastore']?.proposal.position).toBe(
      'Option A: 9,000/s peak writes exceeds what one primary sustains (about 5,000/s), and with eventual consistency allowed a partitioned store spreads that load across nodes without a primary bottleneck.',
    );
  });

  it('datastore: sharded PostgreSQL when the large design needs strong consistency', () => {
    expect(optionA(largeStrong, 'high-level.datastore')).toBe('PostgreSQL sharded by note_id');
  });

  it('cache: none at 40 QPS and 2:1 reads, cache-aside at 90,000/s reads', () => {
    expect(optionA(small, 'high-level.cache')).toBe(
      'No cache: serve reads from the datastore (and replicas)',
    );
    expect(optionA(large, 'high-level.cache')).toBe('Cache-aside with Redis in front of the datastore');
    expect(componentIds(small)).not.toContain('cache');
    expect(componentIds(large)).toContain('cache');
  });

  it('write path: synchronous at 13/s peak writes, a queue at 9,000/s', () => {
    expect(optionA(small, 'high-level.write-path')).toBe(
      'Write synchronously to the datastore in the request',
    );
    expect(optionA(large, 'high-level.write-path')).toBe(
      'Accept writes into a replicated log (Kafka or Kinesis), apply them with workers',
    );
    expect(componentIds(small)).toEqual(['client', 'gateway', 'app', 'datastore']);
    expect(componentIds(large)).toEqual([
      'client',
      'gateway',
      'app',
      'cache',
      'queue',
      'workers',
      'datastore',
    ]);
  });

  it('application instances: 2 for redundancy at 40 QPS, 83 at 99,000/s', () => {
    const app = (state: SessionState): string =>
      architecture(state).components.find((c) => c.id === 'app')?.purpose ?? '';
    expect(app(small)).toContain('2 instances (1 by load, a second for redundancy)');
    expect(app(large)).toContain('83 instances at 2,000/s each and 60% target utilisation');
    const costOf = (state: SessionState): string | undefined =>
      cost(state).rows.find((row) => row.item.startsWith('Application instances'))?.calculation;
    expect(costOf(small)).toMatch(/^2 instances x /);
    expect(costOf(large)).toMatch(/^83 instances x /);
  });

  it('architecture: a plain monolith at 40 QPS, a separate read scaling group at 100K QPS', () => {
    expect(small.decisions['high-level.architecture']?.proposal.position).toBe(
      'Option A. At 40/s peak this is 2 instances (1 by load, a second for redundancy) of one program; splitting it into services adds network hops and failure modes without removing a bottleneck. Split off a service when a second team owns part of it (about 10 engineers in all), or when one part needs 10x the instances or a GPU.',
    );
    expect(large.decisions['high-level.architecture']?.proposal.position).toMatch(
      /^Option A, with the read path deployed as its own scaling group: at 99,000\/s peak/,
    );
  });

  it('deployment: rolling updates for a small fleet, canaries at scale', () => {
    expect(optionA(small, 'operations.deployment')).toBe('Rolling update, a few instances at a time');
    expect(optionA(large, 'operations.deployment')).toBe(
      'Canary releases: 1%, then 10%, then 50%, then 100%',
    );
  });
});

describe('capacities come from the dated throughput table', () => {
  it('a primary rated at 10 writes/s sends the 13/s design to a partitioned store, quoting the figure', () => {
    const knowledge = bundledKnowledge();
    const { capacity } = knowledge.throughput;
    const slowPrimary = designAdvisor({
      ...knowledge,
      throughput: {
        ...knowledge.throughput,
        capacity: { ...capacity, relationalPrimaryWritesPerSecond: 10 },
      },
    });
    expect(advisor.propose(decision('high-level.datastore'), small).options[0].label).toMatch(
      /^PostgreSQL: one primary/,
    );
    const proposal = slowPrimary.propose(decision('high-level.datastore'), small);
    expect(proposal.options[0].label).not.toMatch(/^PostgreSQL: one primary/);
    expect(proposal.position).toContain('exceeds what one primary sustains (about 10/s)');
  });
});

describe('ML serving follows the freshness and latency targets', () => {
  it('picks batch scoring when predictions may be a day old', () => {
    expect(optionA(mlBatch, 'high-level.serving')).toBe('Batch scoring into a key-value store');
    expect(componentTypes(mlBatch)).toContain('batch-scoring');
    expect(componentTypes(mlBatch)).not.toContain('model-serving');
  });

  it('picks online inference for real-time predictions with a 100 ms P99', () => {
    expect(optionA(mlOnline, 'high-level.serving')).toBe('Online inference service behind the API');
    expect(componentTypes(mlOnline)).toContain('model-serving');
    expect(componentTypes(mlOnline)).not.toContain('batch-scoring');
  });

  it('optimises the model when the P99 is under 50 ms', async () => {
    const tight = await finishedDesign({
      scope: 'ml',
      answers: { ...ONLINE, 'requirements.latency': 'P50 10ms, P99 40ms' },
    });
    expect(optionA(tight, 'high-level.serving')).toBe(
      'Optimised online inference (quantised or distilled model on CPU, or at the edge)',
    );
  });

  it('streams features that must be fresher than 5 minutes, and batches nightly ones', async () => {
    expect(optionA(mlBatch, 'high-level.features')).toBe(
      'Batch features computed on a schedule, loaded into an online key-value store',
    );
    const streaming = await finishedDesign({
      scope: 'ml',
      answers: { 'requirements.feature-freshness': 'within 1 minute' },
    });
    expect(optionA(streaming, 'high-level.features')).toBe(
      'Streaming features into a feature store (online and offline stores)',
    );
    expect(componentTypes(streaming)).toContain('stream-processor');
    expect(componentTypes(mlBatch)).not.toContain('stream-processor');
  });
});

describe('deep-dives', () => {
  it('picks the riskiest components, ranked by the numbers', () => {
    const picked = (state: SessionState): string[] =>
      (designDrafts(state).deepDives ?? []).map((d) => d.componentId);
    expect(picked(small)).toEqual(['datastore', 'app', 'gateway']);
    expect(picked(large)).toEqual(['datastore', 'cache', 'app']);
    // An ML design's deep-dives start with its archetype's hard problems (online inference:
    // features inside the latency budget, the model server's rollout, then label delay in training).
    expect(picked(mlOnline)).toEqual(['feature-store', 'model-server', 'training']);
  });

  it('has scaling rows for 10x and 100x, each with numbers and a plan', () => {
    for (const state of [small, large, mlBatch, mlOnline]) {
      for (const deepDive of designDrafts(state).deepDives ?? []) {
        expect(deepDive.scaling.map((row) => row.factor)).toEqual([10, 100]);
        for (const row of deepDive.scaling) {
          // A generic deep-dive quotes the load and the data; an archetype's, the load and its own tier.
          expect(row.numbers).toMatch(
            /^[\d.,]+[KMB]?\/s peak( \([\d.,]+[KMB]?\/s writes\), [\d.]+ [KMGTP]?B stored|; .+: [\d,]+ \w+)/,
          );
          expect(row.plan).toMatch(/\d/);
        }
      }
    }
  });

  it('quotes the 10x and 100x numbers for the small PostgreSQL design', () => {
    const datastore = designDrafts(small).deepDives?.find((d) => d.componentId === 'datastore');
    expect(datastore?.scaling).toEqual([
      {
        factor: 10,
        numbers: '400/s peak (133/s writes), 6.31 TB stored, 2.3 GB hot set',
        plan: 'Still one primary (133/s writes, 2.1 TB); add read replicas before anything else.',
      },
      {
        factor: 100,
        numbers: '4,000/s peak (1,330/s writes), 63.1 TB stored, 23 GB hot set',
        plan: '5 shards by `note_id` (max of 1 for 1,330/s writes at 5,000/s each and 5 for 21 TB per copy at 5 TB each); plan 8 so shards split in halves.',
      },
    ]);
    expect(datastore?.guide?.id).toBe('database-design');
  });

  it('sizes the partitioned store in nodes at 10x and 100x', () => {
    const datastore = designDrafts(large).deepDives?.find((d) => d.componentId === 'datastore');
    expect(datastore?.scaling.map((row) => row.plan)).toEqual([
      expect.stringMatching(/^\d[\d,]* nodes \(max of 9 for 90,000\/s writes at 10,000\/s each/) as unknown,
      expect.stringMatching(/^\d[\d,]* nodes \(max of 90 for 900,000\/s writes at 10,000\/s each/) as unknown,
    ]);
  });

  // Every other place (the proposal, the component, the cost) runs at least 2 instances for
  // redundancy; a scaling plan of "1 instances" contradicts them.
  it('never plans fewer than 2 instances of anything', () => {
    for (const state of [small, mlBatch]) {
      for (const deepDive of designDrafts(state).deepDives ?? []) {
        for (const row of deepDive.scaling)
          expect(row.plan, deepDive.componentId).not.toMatch(/\b[01] instances\b/);
      }
    }
  });

  // A scheduled batch job does not take request traffic; scaling it like the request-serving tier
  // "behind the gateway" gives the reader a wrong plan.
  it('does not scale the batch scoring job as request-serving instances behind the gateway', () => {
    const job = architecture(mlBatch).components.find((c) => c.type === 'batch-scoring');
    const batch = designDrafts(mlBatch).deepDives?.find((d) => d.componentId === job?.id);
    expect(batch).toBeDefined();
    for (const row of batch?.scaling ?? []) expect(row.plan).not.toContain('behind the gateway');
  });
});

describe('failure modes match the chosen store', () => {
  // PostgreSQL with a synchronous standby has one primary: there is no write quorum and no hinted
  // handoff. The text must not describe a leaderless store because consistency is eventual.
  it('describes a PostgreSQL primary failure as a failover, not a lost quorum', () => {
    const datastore = architecture(small).components.find((c) => c.id === 'datastore');
    expect(datastore?.name).toBe('PostgreSQL');
    expect(datastore?.failureMode).not.toMatch(/quorum/i);
    const deepDive = designDrafts(small).deepDives?.find((d) => d.componentId === 'datastore');
    expect(deepDive?.failureHandling[0]).not.toMatch(/hinted handoff/i);
  });

  it('describes a partitioned store in terms of replicas and quorum', () => {
    const datastore = architecture(large).components.find((c) => c.id === 'datastore');
    expect(datastore?.name).toBe('Wide-column store');
    expect(datastore?.failureMode).toMatch(/replicas/i);
    expect(datastore?.failureMode).toMatch(/quorum/i);
    expect(datastore?.failureMode).not.toMatch(/standby|promoted/i);
  });
});

describe('tradeoff records', () => {
  it('has a record for every design decision before it, in protocol order', () => {
    const decisions = (state: SessionState): string[] =>
      (designDrafts(state).tradeoffs ?? []).map((t) => t.decision);
    expect(decisions(small).slice(0, 5)).toEqual([
      'Service architecture',
      'Primary datastore',
      'Caching',
      'Write path',
      'Consistency versus availability',
    ]);
    expect(decisions(mlOnline).slice(0, 7)).toEqual([
      'Service architecture',
      'Primary datastore',
      'Caching',
      'Write path',
      'Model serving mode',
      'Feature pipeline',
      'Consistency versus availability',
    ]);
    expect(decisions(small)).not.toContain('Deep-dive focus');
  });

  // DESIGN.md: the tradeoffs section lists every major decision. The deployment strategy is decided
  // in phase 6, after the tradeoffs draft, so the operations draft carries its record.
  it('includes the deployment strategy decision, with when the alternative wins', () => {
    const drafts = designDrafts(small);
    const records = [...(drafts.tradeoffs ?? []), ...(drafts.operations?.tradeoffs ?? [])];
    const deployment = records.find((t) => t.decision === 'Deployment strategy');
    expect(deployment?.chosen).toBe(small.decisions['operations.deployment']?.label);
    expect(deployment?.alternativeWins).toMatch(/^When .{20,}/);
    expect(deployment?.alternativeWins).not.toMatch(/strengths listed in the proposal/);
  });

  // A session saved at approval (a write that failed on a full disk) drafts the tradeoffs again on
  // resume, when the operations decisions already exist: its document must be the same.
  it('records each decision once, in the same draft, however late the tradeoffs are drafted', () => {
    const again = advisor.draft?.(step('tradeoffs.records') as DraftStep, small);
    expect(again).toEqual(designDrafts(small).tradeoffs);
    const records = [...(designDrafts(small).tradeoffs ?? []), ...operations(small).tradeoffs];
    const names = records.map((record) => record.decision);
    expect(names).toContain('Deployment strategy');
    expect(new Set(names).size).toBe(names.length);
  });

  it('says when the alternative wins, specifically, for every decision', () => {
    for (const state of [small, large, largeStrong, mlBatch, mlOnline]) {
      for (const record of designDrafts(state).tradeoffs ?? []) {
        expect(record.alternativeWins, record.decision).toMatch(/^When .+\.$/);
        expect(record.alternativeWins, record.decision).not.toContain('its strengths listed in the proposal');
        expect(record.alternative).not.toBe(record.chosen);
      }
    }
  });

  it('quotes the alternatives with their conditions', () => {
    const byDecision = new Map((designDrafts(small).tradeoffs ?? []).map((t) => [t.decision, t]));
    expect(byDecision.get('Primary datastore')?.alternativeWins).toBe(
      'When writes pass about 5K/s or data about 5 TB, every hot query is by key, and no read or invariant needs more than one key at a time.',
    );
    expect(byDecision.get('Caching')?.alternativeWins).toBe(
      'When peak reads pass about 1K/s and either 5 per write or 2K/s, and a few seconds of staleness is acceptable.',
    );
  });

  it('records a choice against the recommendation as such', async () => {
    const state = await finishedDesign({ answers: { 'high-level.cache': 'B' } });
    const cache = designDrafts(state).tradeoffs?.find((t) => t.decision === 'Caching');
    expect(cache?.chosen).toBe('Cache-aside with Redis in front of the datastore');
    expect(cache?.alternative).toBe('No cache: serve reads from the datastore (and replicas)');
    expect(cache?.reason).toMatch(/^Chosen over the co-pilot's recommendation \(No cache/);
    expect(componentIds(state)).toContain('cache');
  });
});

describe('proposals cite the reference guide behind each decision', () => {
  const CITED: Readonly<Record<string, string>> = {
    'high-level.architecture': 'microservices-architecture',
    'high-level.datastore': 'database-design',
    'high-level.cache': 'scalability-patterns',
    'high-level.write-path': 'messaging-and-events',
    'high-level.serving': 'ml-serving-architecture',
    'high-level.features': 'ml-platform-design',
    'deep-dive.focus': 'scalability-patterns',
    'tradeoffs.consistency': 'distributed-systems',
    'operations.deployment': 'reliability-and-sre',
  };

  it('every decision of a system and an ML design shows, under "more detail", its guide, principle and a red flag from it', () => {
    const guides = new Map(bundledKnowledge().guides.map((guide) => [guide.id, guide]));
    for (const state of [small, mlOnline]) {
      for (const [id, record] of Object.entries(state.decisions)) {
        // The archetype decision teaches from the catalogue (its hard problems), not a guide.
        if (id === 'high-level.archetype') continue;
        const citation =
          /From the guide \*(.+?)\* \(`([a-z-]+)`\): (.+?) Red flag it warns of: (.+?) Read it whole with `mlops-design references ([a-z-]+)`\.$/.exec(
            record.proposal.detail,
          );
        expect(citation, `${id} cites no guide`).not.toBeNull();
        const [, title, guideId, principle, redFlag] = citation ?? [];
        expect(guideId, id).toBe(CITED[id]);
        const guide = guides.get(guideId ?? '');
        expect(title).toBe(guide?.title);
        expect(guide?.principle.startsWith(principle ?? '-')).toBe(true);
        expect(guide?.redFlags).toContain(redFlag);
      }
    }
    expect(Object.keys(mlOnline.decisions).sort()).toEqual(
      [...Object.keys(CITED), 'high-level.archetype'].sort(),
    );
  });
});

describe('operations plan', () => {
  it('watches for failure modes only from guides about a component beyond the entry point and the application', () => {
    const guides = new Map(bundledKnowledge().guides.map((guide) => [guide.id, guide]));
    const sources = (state: SessionState): string[] => [
      ...new Set(
        operations(state).watchFor.map(
          (line) => /\(from the guide \*.+?\*, `([a-z-]+)`\)/.exec(line)?.[1] ?? '',
        ),
      ),
    ];
    // The reliability guide serves only the gateway and the application, which every design has: its
    // retry storm and cascading overload were quoted word for word in every document.
    expect(sources(small)).toEqual([]);
    expect(sources(mlOnline)).toEqual(['drift-detection', 'model-monitoring', 'ml-platform-design']);
    for (const state of [small, mlOnline]) {
      const quotedInDeepDives = (designDrafts(state).deepDives ?? []).flatMap((d) => d.failureHandling);
      for (const line of operations(state).watchFor) {
        const [, name, guideId, text] =
          /^(.+?) \(from the guide \*.+?\*, `([a-z-]+)`\): (.+)$/.exec(line) ?? [];
        expect(guides.get(guideId ?? '')?.failureModes).toContainEqual({ name, text });
        expect(quotedInDeepDives).not.toContain(`${name ?? ''}: ${text ?? ''}`);
      }
    }
  });

  it('quotes the error budget of 99.9% as 43m 12s a month', () => {
    expect(operations(small).slo[0]).toBe(
      'Availability SLO 99.9% of requests succeed over 30 days: an error budget of 43m 12s of full downtime a month, or 1,728 failed requests a day at 1,728,000 requests a day.',
    );
    expect(operations(small).slo[1]).toBe(
      'Latency SLO: 99% of requests complete within 200 ms over 30 days.',
    );
  });

  it('quotes 21m 36s for 99.95%, and adds a freshness SLO for ML', () => {
    expect(operations(mlOnline).slo[0]).toContain('an error budget of 21m 36s of full downtime a month');
    expect(operations(mlOnline).slo).toHaveLength(3);
    expect(operations(mlOnline).slo[2]).toMatch(/^Freshness SLO:/);
  });

  it('has a failure-mode row only where a component degrades in its own way, the stated degradation on the component it names', () => {
    // The gateway and the application had a row each saying "other instances take the load"; a
    // design with neither a cache nor a queue keeps only the row the degradation answer is about.
    const plan = operations(small);
    expect(plan.failureModes.map((mode) => mode.component)).toEqual(['PostgreSQL']);
    expect(plan.failureModes[0]?.degradation).toBe(
      'Serve reads from replicas; when the primary is down, writes return 503 with Retry-After for up to 5 minutes.',
    );
  });

  it('attaches the degradation answer to the component it names, else to the model server', async () => {
    const cacheDown = 'When the cache is down, serve from the database and shed low-priority reads.';
    const named = await finishedDesign({ answers: { ...LARGE, 'operations.degradation': cacheDown } });
    const rows = operations(named).failureModes;
    const cache = architecture(named).components.find((c) => c.type === 'cache');
    expect(rows.find((row) => row.component === cache?.name)?.degradation).toBe(cacheDown);
    expect(rows.filter((row) => row.degradation === cacheDown)).toHaveLength(1);

    const vague = 'Show a banner and keep going.';
    const ml = await finishedDesign({ scope: 'ml', answers: { ...ONLINE, 'operations.degradation': vague } });
    const model = architecture(ml).components.find((c) => c.type === 'model-serving');
    expect(model).toBeDefined();
    expect(operations(ml).failureModes.find((row) => row.degradation === vague)?.component).toBe(model?.name);
  });

  it('watches each component that exists, with the numbers of this design', () => {
    const lines = operations(large).monitoring;
    const names = architecture(large)
      .components.filter((c) => c.type !== 'client')
      .map((c) => c.name);
    expect(lines.map((line) => line.slice(0, line.indexOf(':')))).toEqual(names);
    expect(lines.join('\n')).toMatch(/hit rate/);
    expect(operations(small).monitoring.join('\n')).not.toMatch(/hit rate|lag in seconds/);
    expect(operations(small).alerts).toContain(
      'P99 over 200 ms for 10 minutes opens a ticket; over 400 ms for 5 minutes pages.',
    );
  });

  // DESIGN.md: every number shows its calculation. The unit prices are shown rounded to cents
  // ($0.2016 as "$0.20"), so "2 x $0.20/hour x 720 h" reads as $288.00 next to a result of $290.30.
  it('shows instance costs with a calculation that reproduces its figure, and the figure rounded', () => {
    const usd = (text: string): number => Number(text.replace(/[~$,]/g, ''));
    for (const state of [small, large]) {
      for (const row of cost(state).rows.filter((r) => /instances|nodes/i.test(r.item))) {
        const [factors = '', stated = ''] = row.calculation.split(' = ');
        // The price's source in parentheses ("price table of 2026-11-22") is not a factor.
        const product = [...factors.replace(/\(.*?\)/g, '').matchAll(/\$?([\d,]+(?:\.\d+)?)/g)]
          .map((m) => usd(m[1] ?? ''))
          .reduce((total, factor) => total * factor, 1);
        const figure = usd(stated.replace(/\/month$/, ''));
        expect(product.toFixed(2), `${row.item}: ${row.calculation}`).toBe(figure.toFixed(2));
        // The Monthly column is the same figure at 3 significant digits, marked ~ when rounded.
        expect(Math.abs(usd(row.monthly) - figure), `${row.item}: ${row.monthly}`).toBeLessThanOrEqual(
          figure * 0.005,
        );
        expect(row.monthly.startsWith('~')).toBe(usd(row.monthly) !== figure);
      }
    }
  });

  it('costs a cache only when the design has one', () => {
    const items = (state: SessionState): string[] => cost(state).rows.map((row) => row.item);
    const cacheRow = (state: SessionState): string | undefined =>
      items(state).find((item) => /^Cache nodes \(\d+, with a replica each\)$/.test(item));
    expect(cacheRow(small)).toBeUndefined();
    expect(cacheRow(large)).toBeDefined();
    expect(cost(small).note).toContain('(updated 2026-11-22)');
  });
});

describe('the advisor as the offline co-pilot uses it', () => {
  it('notes the downtime an availability target allows', () => {
    expect(advisor.note?.(question('requirements.availability'), 0.999, emptyState())).toBe(
      '99.9% allows 8h 45m 36s of downtime a year, 43m 12s a month.',
    );
    expect(advisor.note?.(question('requirements.latency'), { p99: 0.2 }, emptyState())).toBeUndefined();
  });

  it('phrases the access-key and degradation questions with the design in hand', () => {
    const accessKeySlot = question('high-level.access-key');
    const accessKey = advisor.phrase?.(accessKeySlot, small);
    expect(accessKey?.startsWith(`${accessKeySlot.prompt} `)).toBe(true);
    expect(accessKey).toContain('40/s');
    expect(advisor.phrase?.(question('operations.degradation'), small)).toBe(
      'When PostgreSQL fails or slows down, what do users get instead of an error, and for how long is that acceptable?',
    );
    expect(advisor.phrase?.(question('operations.degradation'), mlOnline)).toMatch(
      /^When Model server fails/,
    );
    expect(advisor.phrase?.(question('requirements.scale'), small)).toBeUndefined();
  });

  it('reports a choice with the constraint it creates', () => {
    const record = small.decisions['high-level.datastore'];
    if (!record) throw new Error('no datastore decision');
    expect(record.report).toBe(
      'Primary datastore: PostgreSQL: one primary, a synchronous standby, read replicas as needed. Constraint it creates: vertical scaling has a ceiling (roughly 5K writes/s and a few TB for a primary).',
    );
    expect(
      advisor.report(
        decision('high-level.datastore'),
        { value: 'custom', source: 'words', label: 'MongoDB', words: 'custom: MongoDB' },
        record.proposal,
        small,
      ),
    ).toMatch(/^Primary datastore: your own choice, "MongoDB"\. The co-pilot recommended PostgreSQL/);
  });

  it('the estimate asks again for daily active users when a rate is per user and none is given', () => {
    let state = emptyState();
    state = withAnswer(state, 'estimation.writes', '2/day per user');
    state = withAnswer(state, 'estimation.reads', '10:1');
    state = withAnswer(state, 'estimation.write-size', '1KB');
    state = withAnswer(state, 'estimation.retention', '1y');
    expect(estimateOf(state)).toEqual({
      ok: false,
      error: {
        question: 'estimation.users',
        message: 'a rate is given per user, so the number of daily active users is needed (e.g. "10M")',
      },
    });
  });

  it('refuses to propose before the numbers exist', () => {
    const state = withDecision(emptyState(), 'high-level.architecture', 'modular-monolith');
    expect(() => advisor.propose(decision('high-level.datastore'), state)).toThrow(
      'the design advisor needs the estimate before it can advise',
    );
  });

  it('reviews through the offline co-pilot: push-backs from the slot, notes from the advisor', async () => {
    const copilot = createOfflineCoPilot(advisor);
    const scale = question('requirements.scale');
    const vague = scale.parse('lots of users');
    if (!vague.ok) throw new Error(vague.error);
    const review = await copilot.review(scale, vague.value, emptyState());
    expect(review.pushBack).toMatch(/^That has no number in it\./);
    expect(review.note).toBeUndefined();
    expect(await copilot.review(question('requirements.availability'), 0.9999, emptyState())).toEqual({
      note: '99.99% allows 52m 34s of downtime a year, 4m 19s a month.',
    });
    expect(await copilot.phrase(scale, emptyState())).toBe(scale.prompt);
  });

  it('is deterministic: the same answers give the same state', async () => {
    expect(await finishedDesign({ answers: LARGE })).toEqual(large);
  });
});

describe('cache sizing advice', () => {
  it('tells a design with a terabyte-scale hot set of large responses to cache records instead, with the numbers', async () => {
    const feed = await finishedDesign({
      answers: {
        'estimation.writes': '100M/day',
        'estimation.reads': '10:1',
        'estimation.write-size': '1KB',
        'estimation.read-size': '50KB',
        'high-level.cache': 'C',
      },
      followups: { 'high-level.cache': 'A' },
    });
    const proposal = feed.decisions['high-level.cache']?.proposal;
    // 20% x 1B reads/day x 50 KB = 10 TB of responses; the same reads of 1 KB records is 200 GB.
    expect(proposal?.detail).toContain('10 TB');
    expect(proposal?.detail).toContain('cache the records');
    expect(proposal?.detail).toContain('200 GB');
    expect(proposal?.position).toContain('Cache records, not whole responses');
  });

  it('says nothing of the kind when the hot set is small', () => {
    expect(small.decisions['high-level.cache']?.proposal.detail).not.toContain('cache the records');
  });
});
