/**
 * EPCE proposals for the design protocol's decisions. Each one explains what is at stake, offers a
 * recommended option A and an alternative B with their costs, and takes a position that quotes the
 * numbers it rests on. The recommendation changes with the numbers: 40 QPS and 100K QPS get
 * different advice. This file holds the later phases' proposals and the dispatch; the high-level
 * ones live in proposals-system.ts and proposals-ml.ts. Each proposal's "more detail" cites the
 * reference guide behind the decision: its principle and a red flag it warns of.
 */
import { formatMinutes, formatPercent } from '../../../estimation/index.js';
import type { Archetype } from '../../../knowledge/archetypes.js';
import type { Guide } from '../../../knowledge/guide.js';
import { ARCHETYPE_SLOT } from '../../../protocols/design/archetype-choice.js';
import { proposeArchetype } from './proposals-archetype.js';
import { hardProblems } from './deep-dive-archetype.js';
import { guidesFor } from '../../../knowledge/select.js';
import type { Capacity } from '../../../knowledge/throughput.js';
import { PICK, type Proposal, type ProposalOption, type SessionState } from '../../../protocol/types.js';
import { deepDiveCandidates } from './focus.js';
import { cite, option } from '../proposal-text.js';
import type { Builder } from './proposal-kit.js';
import { features, serving } from './proposals-ml.js';
import { architecture, cache, datastore, writePath } from './proposals-system.js';
import { regions } from './proposals-regions.js';
import { ruledOutBy } from '../../../protocols/design/conditions.js';
import { THRESHOLDS as T } from '../../../protocols/design/thresholds.js';
import type { LatencyTable } from '../../../knowledge/latencies.js';
import { signalsOf, type Signals } from './signals.js';

const focus: Builder = (s, state, context) => {
  const candidates = deepDiveCandidates(s, state, hardProblems(state, context.archetypes));
  const picked = candidates.slice(0, 3);
  const alternative = candidates.slice(1, 4);
  const names = (list: typeof candidates): string =>
    list.map((candidate) => candidate.component.name).join(', ');
  return {
    explain:
      'A deep-dive goes into the components where the design is most likely to be wrong: the ones carrying the most load, data or risk.',
    options: [
      option(
        'A',
        { value: PICK, items: picked.map((c) => c.component.id) },
        names(picked),
        picked.map((c) => `${c.component.name}: ${c.reason}`).join(' '),
        ['covers the highest load and the highest risk'],
        ['other components get only their high-level description'],
      ),
      option(
        'B',
        { value: PICK, items: alternative.map((c) => c.component.id) },
        names(alternative),
        alternative.map((c) => `${c.component.name}: ${c.reason}`).join(' '),
        ['a different emphasis'],
        ['leaves out the top-ranked risk'],
      ),
    ],
    position: `Option A. ${picked.map((c) => `${c.component.name}, because ${c.reason}`).join('; ')}.`,
    detail: `Ranked by risk: ${candidates.map((c, index) => `${index + 1}. ${c.component.name} (${c.reason})`).join(' ')} Answer with other component names, comma-separated, to choose your own.`,
  };
};

const consistency: Builder = (s) => {
  const cp = option(
    'A',
    'cp',
    'Consistency first (CP): refuse or delay requests that cannot reach the owner of the data',
    'During a partition, writes and strongly consistent reads fail for the minority side rather than diverge.',
    ['no conflicting versions to reconcile', 'what the user reads is what was committed'],
    ['some requests fail during a partition or failover'],
  );
  const ap = option(
    'A',
    'ap',
    'Availability first (AP): keep serving, possibly stale, reconcile later',
    'During a partition, every side keeps answering; replicas converge after it heals.',
    ['requests keep succeeding during failures', 'lower latency: reads from the nearest replica'],
    ['readers may see stale data', 'concurrent writes need a merge rule (last-writer-wins loses updates)'],
  );
  const staleness = s.answers.consistency?.stalenessSeconds;
  const invariant = s.facts.invariant;
  if (s.strong || invariant) {
    return {
      explain: `When the network splits, a system must either refuse some requests or risk serving stale or conflicting data (CAP). ${invariant ? `The requirement "${invariant.phrase}" must hold through a partition.` : 'The requirement says reads must be current.'}`,
      options: [cp, { ...ap, key: 'B' }],
      position: `Option A: ${invariant ? `two sides that keep accepting writes apart would break "${invariant.phrase}"` : 'the requirement is strong consistency'}, so a failed request is better than a wrong answer. Keep the window short with automated failover.`,
      detail:
        'Strong consistency is per record: choose it for the data that needs it (balances, ownership) and let the rest (counters, feeds) be eventual.',
    };
  }
  return {
    explain: `When the network splits, a system must either refuse some requests or risk serving stale data (CAP). The requirement allows ${staleness === undefined ? 'eventual consistency' : `up to ${staleness} s of staleness`}.`,
    options: [ap, { ...cp, key: 'B' }],
    position:
      `Option A: staleness is allowed, so serving a slightly old answer beats an error. ${s.availability >= 0.9999 ? `At ${formatPercent(s.availability)} availability, refusing requests during every failover would spend the error budget.` : ''}`.trim(),
    detail:
      'Keep writes for one key on one leader (or use conditional writes) so concurrent updates to the same record cannot silently overwrite each other, even in an AP design.',
  };
};

const deployment: Builder = (s) => {
  const canary = option(
    'A',
    'canary',
    'Canary releases: 1%, then 10%, then 50%, then 100%',
    'Each stage runs long enough to compare error rate and latency with the baseline; a regression rolls back automatically.',
    ['a bad release reaches 1% of traffic, not everyone', 'rollback is a traffic shift, seconds'],
    [
      'needs metrics per version and a gate that reads them',
      'two versions run at once: schema changes must be backward compatible',
    ],
  );
  const blueGreen = option(
    'B',
    'blue-green',
    'Blue-green: deploy beside the old version, switch all traffic at once',
    'The new version is warmed up on a parallel fleet; a load-balancer switch moves traffic, and back.',
    ['instant rollback by switching back', 'simple to reason about'],
    ['everyone gets the new version at once', 'doubles capacity during the switch'],
  );
  const rolling = option(
    'B',
    'rolling',
    'Rolling update, a few instances at a time',
    'Instances are replaced in batches behind the load balancer.',
    ['no extra capacity', 'built into every orchestrator'],
    ['a bad release spreads batch by batch; rollback is another rollout'],
  );
  const errorBudget = formatMinutes((1 - s.availability) * 30 * 86_400);
  if (s.peakQps >= T.canaryPeakQps || s.availability >= T.canaryAvailability) {
    return {
      explain: `Most outages start with a change. At ${s.show.peakQps} and ${formatPercent(s.availability)} availability the monthly error budget is ${errorBudget}, so a release must be able to fail small.`,
      options: [canary, blueGreen],
      position: `Option A: with ${errorBudget} of budget a month, a release that breaks everyone for the 5 minutes it takes to notice spends most of it; a 1% canary spends 1% of that.`,
      detail:
        'Gate each stage on the golden signals of the new version against the old: error rate not more than 0.1 percentage points higher and P99 not more than 10% higher over 10 minutes, else roll back. Database migrations go out before the code that needs them (expand), and the cleanup after (contract).',
    };
  }
  return {
    explain: `Most outages start with a change. At ${s.show.peakQps} a few instances serve everything.`,
    options: [{ ...rolling, key: 'A' }, blueGreen],
    position:
      'Option A: at this scale per-version metrics are too thin for a canary to judge, so a rolling update with health checks and a one-command rollback is the proportionate choice.',
    detail:
      'Make rollback boring: keep the previous build deployable, and make every schema change backward compatible so the old code still runs against the new schema.',
  };
};

/**
 * A value the requirements rule out says so in its cons. The builders never recommend one (the
 * self-check would report it as a bug); offered as the alternative, it carries the reason.
 */
function gated(slotId: string, proposal: Proposal, facts: Signals['facts']): Proposal {
  const [a, b] = proposal.options;
  const mark = (o: ProposalOption): ProposalOption => {
    const reason = ruledOutBy(slotId, o.value, facts);
    return reason ? { ...o, cons: [`ruled out by the requirements: ${reason}`, ...o.cons] } : o;
  };
  return { ...proposal, options: [mark(a), mark(b)] };
}

const BUILDERS: Readonly<Record<string, Builder>> = {
  'high-level.architecture': architecture,
  'high-level.datastore': datastore,
  'high-level.regions': regions,
  'high-level.cache': cache,
  'high-level.write-path': writePath,
  'high-level.serving': serving,
  'high-level.features': features,
  'deep-dive.focus': focus,
  'tradeoffs.consistency': consistency,
  'operations.deployment': deployment,
};

/**
 * The guide each decision cites: the one serving the component decided in that phase; a keyword
 * picks among several (the reliability guide for canaries, not the one on service boundaries), and
 * the pattern picks which of its red flags is about this decision.
 */
const CITATIONS: Readonly<Record<string, { type: string; phase: string; keyword?: string; flag: RegExp }>> = {
  'high-level.architecture': { type: 'service', phase: 'high-level', flag: /service/i },
  'high-level.datastore': { type: 'datastore', phase: 'high-level', flag: /shard|primary|schema/i },
  'high-level.regions': {
    type: 'datastore',
    phase: 'high-level',
    keyword: 'PACELC',
    flag: /region|replicat|quorum/i,
  },
  'high-level.cache': { type: 'cache', phase: 'high-level', flag: /cach/i },
  'high-level.write-path': { type: 'queue', phase: 'high-level', flag: /queue|asynchron|consumer/i },
  'high-level.serving': { type: 'model-serving', phase: 'high-level', flag: /online|batch|latency/i },
  'high-level.features': { type: 'feature-store', phase: 'high-level', flag: /feature/i },
  'deep-dive.focus': { type: 'service', phase: 'deep-dive', keyword: 'back-of-envelope', flag: /10x|peak/i },
  'tradeoffs.consistency': {
    type: 'datastore',
    phase: 'tradeoffs',
    keyword: 'PACELC',
    flag: /consisten|quorum/i,
  },
  'operations.deployment': {
    type: 'service',
    phase: 'operations',
    keyword: 'canary',
    flag: /deploy|rollback/i,
  },
};

export function propose(
  slotId: string,
  state: SessionState,
  capacity: Capacity,
  guides: readonly Guide[],
  archetypes: readonly Archetype[],
  latencies?: LatencyTable,
): Proposal {
  if (slotId === ARCHETYPE_SLOT) return proposeArchetype(state, archetypes);
  const builder = BUILDERS[slotId];
  if (!builder) throw new Error(`the offline design advisor has no proposal for ${slotId}`);
  const s = signalsOf(state, capacity);
  const proposal = gated(
    slotId,
    builder(s, state, { archetypes, ...(latencies ? { latencies } : {}) }),
    s.facts,
  );
  const citation = CITATIONS[slotId];
  const guide = citation && guidesFor(guides, citation.type, citation.phase, citation.keyword)[0];
  return guide ? { ...proposal, detail: `${proposal.detail}\n\n${cite(guide, citation.flag)}` } : proposal;
}
