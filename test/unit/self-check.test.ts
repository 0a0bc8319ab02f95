/**
 * Each rule of the design's self-check fires on a minimal bad design and stays quiet on the same
 * design made good. Designs are built by hand: a few components, flows, a tier plan and a bill.
 */
import { describe, expect, it } from 'vitest';
import type { CostEstimate } from '../../src/protocols/design/cost.js';
import type { Component, DesignAnswers } from '../../src/protocols/design/model.js';
import type { TierPlan } from '../../src/protocols/design/tier-plan.js';
import { parseKept } from '../../src/protocols/design/review.js';
import { degradationTarget, selfCheck, type DesignUnderReview } from '../../src/rules/self-check.js';

const component = (id: string, type: Component['type'], name = id): Component => ({
  id,
  name,
  type,
  purpose: 'p',
  api: 'a',
  data: 'd',
  failureMode: 'f',
});

const CORE: Component[] = [
  component('client', 'client', 'Clients'),
  component('gateway', 'gateway', 'Load balancer'),
  component('app', 'service', 'Application service'),
  component('datastore', 'datastore', 'PostgreSQL'),
];
const CORE_FLOWS = [
  { from: 'client', to: 'gateway', label: 'HTTPS' },
  { from: 'gateway', to: 'app', label: 'request' },
  { from: 'app', to: 'datastore', label: 'write' },
];

function planOf(ids: readonly string[]): TierPlan {
  const tiers = ids.map((id) => ({
    component: id,
    rule: 'app-instances' as const,
    tier: { count: 2, unit: 'instance', calculation: 'c', result: '2 instances' },
    inputs: {},
    figures: [],
    cost: [],
  }));
  return { factor: 1, tiers, get: (id) => tiers.find((tier) => tier.component === id) };
}

function costOf(ids: readonly string[]): CostEstimate {
  return {
    rows: ids.map((id) => ({
      component: id,
      basis: 'monthly' as const,
      item: id,
      calculation: '1 x $1 = $1',
      monthly: '$1',
      usd: 1,
    })),
    note: '',
  };
}

function design(more: {
  answers?: DesignAnswers;
  components?: Component[];
  flows?: { from: string; to: string; label: string }[];
  replication?: number;
  regions?: string;
  sized?: readonly string[];
  costed?: readonly string[];
}): DesignUnderReview {
  const components = [...CORE, ...(more.components ?? [])];
  const ids = components.filter((c) => c.type !== 'client').map((c) => c.id);
  return {
    answers: { functional: ['A user saves a note and gets its id within 200 ms.'], ...more.answers },
    decisions:
      more.regions === undefined ? {} : ({ regions: more.regions } as DesignUnderReview['decisions']),
    architecture: { components, flows: [...CORE_FLOWS, ...(more.flows ?? [])], summary: '' },
    plan: planOf(more.sized ?? ids),
    cost: costOf(more.costed ?? ids),
    archetypes: [],
    replication: more.replication ?? 3,
  };
}

const ids = (d: DesignUnderReview): string[] => selfCheck(d).map((finding) => finding.id);

describe('the self-check', () => {
  it('is quiet on a small, complete design', () => {
    expect(selfCheck(design({}))).toEqual([]);
  });

  it('unserved-requirement: a requirement that needs search, with no search index', () => {
    const answers = { functional: ['A shopper searches the catalogue and gets results within 200 ms.'] };
    expect(ids(design({ answers }))).toEqual(['unserved-requirement:1']);
    const served = design({
      answers,
      components: [component('search-index', 'search-index', 'Search index')],
      flows: [{ from: 'app', to: 'search-index', label: 'query' }],
    });
    expect(ids(served)).toEqual([]);
  });

  it('unserved-requirement: generated answers need an LLM, notifications a sender', () => {
    const answers = {
      functional: [
        'An employee asks a question and the assistant answers from the wiki.',
        'A user gets a push notification when a reply arrives.',
      ],
    };
    expect(ids(design({ answers }))).toEqual(['unserved-requirement:1', 'unserved-requirement:2']);
  });

  it('unsized and uncosted: a component the plan cannot size, or the bill leaves out', () => {
    const extra = {
      components: [component('presence', 'presence')],
      flows: [{ from: 'app', to: 'presence', label: 'lookup' }],
    };
    const billed = ['gateway', 'app', 'datastore'];
    expect(ids(design({ ...extra, sized: ['app', 'datastore'], costed: billed }))).toEqual([
      'unsized:presence',
    ]);
    expect(ids(design({ ...extra, costed: billed }))).toEqual(['uncosted:presence']);
    // The entry point is billed by its egress and needs no tier of its own.
    expect(ids(design({ ...extra, sized: ['app', 'datastore', 'presence'] }))).toEqual([]);
  });

  it('broken-flow and disconnected: a flow to nothing, a component nothing calls', () => {
    const broken = design({ flows: [{ from: 'app', to: 'ghost', label: 'call' }] });
    expect(ids(broken)).toEqual(['broken-flow:app->ghost']);
    const lonely = design({ components: [component('scheduler', 'scheduler')] });
    expect(ids(lonely)).toEqual(['disconnected:scheduler']);
  });

  it('rpo-zero-single-copy: RPO 0 with one copy', () => {
    const answers = { durability: { text: 'RPO 0', rpoSeconds: 0 } };
    expect(ids(design({ answers, replication: 1 }))).toEqual(['rpo-zero-single-copy']);
    expect(ids(design({ answers, replication: 2 }))).toEqual([]);
  });

  it('rpo-zero-region-loss: losing a region must not lose data, in one region', () => {
    const answers = { durability: { text: 'RPO 0, even if a whole region is lost', rpoSeconds: 0 } };
    expect(ids(design({ answers, regions: 'single-region' }))).toEqual(['rpo-zero-region-loss']);
    expect(ids(design({ answers, regions: 'active-passive' }))).toEqual([]);
    expect(ids(design({ answers: { durability: { text: 'RPO 0', rpoSeconds: 0 } } }))).toEqual([]);
  });

  it('latency-unreachable:llm: a 200 ms P99 on generated answers', () => {
    const llm = {
      components: [component('llm', 'llm-serving', 'LLM serving')],
      flows: [{ from: 'app', to: 'llm', label: 'generate' }],
    };
    expect(ids(design({ ...llm, answers: { latency: { p99: 0.2 } } }))).toEqual(['latency-unreachable:llm']);
    expect(ids(design({ ...llm, answers: { latency: { p99: 2 } } }))).toEqual([]);
    expect(ids(design({ answers: { latency: { p99: 0.2 } } }))).toEqual([]);
  });

  it('degradation-names-nothing: a degradation answer about no component of the design', () => {
    expect(ids(design({ answers: { degradation: 'We show a friendly error page.' } }))).toEqual([
      'degradation-names-nothing',
    ]);
    expect(
      ids(design({ answers: { degradation: 'When the database is down, reads come from replicas.' } })),
    ).toEqual([]);
  });
});

describe('degradationTarget', () => {
  const components = [
    ...CORE,
    component('model-server', 'model-serving', 'Model server'),
    component('cache', 'cache', 'Cache (Redis)'),
  ];
  it('finds the component a degradation answer names, by name or by kind', () => {
    expect(degradationTarget('If the Model server times out, use the rules score', components)?.id).toBe(
      'model-server',
    );
    expect(degradationTarget('when redis is gone we read from the primary', components)?.id).toBe('cache');
    expect(degradationTarget('serve a static page', components)).toBeUndefined();
  });
});

describe('findings kept anyway', () => {
  it('reads "id: reason" pairs, several separated by ";", and "none"', () => {
    expect(parseKept('none')).toEqual({ ok: true, value: {} });
    expect(
      parseKept('uncosted:sso: the company already pays for it; disconnected:scheduler: runs from cron'),
    ).toEqual({
      ok: true,
      value: {
        'uncosted:sso': 'the company already pays for it',
        'disconnected:scheduler': 'runs from cron',
      },
    });
    const bad = parseKept('keep them all');
    expect(bad.ok).toBe(false);
  });
});
