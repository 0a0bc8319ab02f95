import { describe, expect, it } from 'vitest';
import {
  applicableSteps,
  initialState,
  isDone,
  nextStep,
  phaseIndex,
  progressLabel,
  recordAnswer,
  recordDerived,
  recordDraft,
  rewindTo,
} from '../../src/protocol/machine.js';
import type { SessionState, Step } from '../../src/protocol/types.js';
import { designProtocol } from '../../src/protocols/design/index.js';
import { emptyState, withDecision } from '../support/design-state.js';

const PROBLEM_STATEMENT = {
  name: 'problem_statement.md',
  text: '# Problem\nFlag fraud before authorisation.',
};

/** Marks a step done with a placeholder record of the right kind. */
function complete(state: SessionState, step: Step): SessionState {
  switch (step.kind) {
    case 'question':
      return recordAnswer(state, step.id, { raw: 'x', value: 'x' });
    case 'decision':
      return withDecision(state, step.id, step.values[0]?.value ?? 'a', 'Option A');
    case 'draft':
      return recordDraft(state, step.id, { drafted: step.id });
    case 'derive':
      return recordDerived(state, step.id, { derived: step.id });
  }
}

/** The ids nextStep hands out, in order, until nothing is left. */
function walk(start: SessionState): string[] {
  const asked: string[] = [];
  let state = start;
  for (let step = nextStep(designProtocol, state); step; step = nextStep(designProtocol, state)) {
    asked.push(step.id);
    state = complete(state, step);
  }
  return asked;
}

function step(id: string): Step {
  const found = designProtocol.steps.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}

const SYSTEM_ORDER = [
  'requirements.functional',
  'requirements.scale',
  'requirements.latency',
  'requirements.availability',
  'requirements.consistency',
  'requirements.durability',
  'requirements.team',
  'estimation.users',
  'estimation.writes',
  'estimation.reads',
  'estimation.write-size',
  'estimation.read-size',
  'estimation.retention',
  'estimation.peak-factor',
  'estimation.replication',
  'estimation.numbers',
  'high-level.archetype',
  'high-level.access-key',
  'high-level.architecture',
  'high-level.datastore',
  'high-level.cache',
  'high-level.write-path',
  'high-level.components',
  'deep-dive.focus',
  'deep-dive.details',
  'tradeoffs.consistency',
  'tradeoffs.records',
  'operations.deployment',
  'operations.degradation',
  'operations.plan',
  'operations.cost',
  'operations.review',
  'operations.second-opinion',
  'operations.keep-findings',
];

const ML_ORDER = [
  'requirements.problem',
  ...SYSTEM_ORDER.slice(0, 6),
  'requirements.prediction-freshness',
  'requirements.model-update',
  'requirements.feature-freshness',
  'requirements.model-size',
  ...SYSTEM_ORDER.slice(6, 22),
  'high-level.serving',
  'high-level.features',
  ...SYSTEM_ORDER.slice(22),
];

describe('nextStep', () => {
  it('walks a system design in protocol order and skips every ML step', () => {
    expect(walk(emptyState('system'))).toEqual(SYSTEM_ORDER);
  });

  it('asks the problem statement and the ML questions for ml and hybrid scope', () => {
    expect(walk(emptyState('ml'))).toEqual(ML_ORDER);
    expect(walk(emptyState('hybrid'))).toEqual(ML_ORDER);
  });

  it('skips requirements.problem when a context document frames the problem', () => {
    const state = emptyState('ml', [PROBLEM_STATEMENT]);
    expect(nextStep(designProtocol, state)?.id).toBe('requirements.functional');
    expect(walk(state)).toEqual(ML_ORDER.slice(1));
  });

  it('returns the first unanswered step, even when a later one is already answered', () => {
    let state = emptyState('system');
    state = recordAnswer(state, 'requirements.functional', { raw: 'x', value: ['x'] });
    state = recordAnswer(state, 'requirements.latency', { raw: '200ms', value: { p99: 0.2 } });
    expect(nextStep(designProtocol, state)?.id).toBe('requirements.scale');
    expect(isDone(step('requirements.latency'), state)).toBe(true);
    expect(isDone(step('requirements.scale'), state)).toBe(false);
  });

  it('returns undefined once every applicable step is done', () => {
    let state = emptyState('system');
    for (const each of applicableSteps(designProtocol, state)) state = complete(state, each);
    expect(nextStep(designProtocol, state)).toBeUndefined();
  });
});

describe('applicableSteps', () => {
  it('lists no ML step for system scope and all of them for ml scope', () => {
    expect(applicableSteps(designProtocol, emptyState('system')).map((s) => s.id)).toEqual(SYSTEM_ORDER);
    expect(applicableSteps(designProtocol, emptyState('ml')).map((s) => s.id)).toEqual(ML_ORDER);
  });
});

describe('progressLabel', () => {
  it('names the phase number, the phase count and the phase title', () => {
    expect(progressLabel(designProtocol, step('requirements.functional'))).toBe('Phase 1/6 · Requirements');
    expect(progressLabel(designProtocol, step('estimation.writes'))).toBe('Phase 2/6 · Estimation');
    expect(progressLabel(designProtocol, step('high-level.cache'))).toBe('Phase 3/6 · High-level design');
    expect(progressLabel(designProtocol, step('deep-dive.details'))).toBe('Phase 4/6 · Deep-dive');
    expect(progressLabel(designProtocol, step('tradeoffs.records'))).toBe('Phase 5/6 · Tradeoffs');
    expect(progressLabel(designProtocol, step('operations.plan'))).toBe('Phase 6/6 · Operations');
  });

  it('refuses a phase the protocol does not have', () => {
    expect(() => phaseIndex(designProtocol, 'testing')).toThrow('protocol design has no phase testing');
  });
});

describe('record functions', () => {
  it('return a new state and leave the old one untouched', () => {
    const before = initialState(designProtocol, 'Pastebin', 'system');
    const after = recordAnswer(before, 'requirements.scale', { raw: '1M', value: { text: '1M' } });
    expect(before.answers).toEqual({});
    expect(Object.keys(after.answers)).toEqual(['requirements.scale']);
    expect(after.title).toBe('Pastebin');
  });
});

describe('rewindTo', () => {
  let finished = emptyState('system');
  for (const each of applicableSteps(designProtocol, finished)) finished = complete(finished, each);

  it('clears the phase answers and every decision, draft and result from that phase on, keeping later answers', () => {
    const rewound = rewindTo(designProtocol, finished, 'estimation');
    expect(Object.keys(rewound.answers)).toEqual([
      'requirements.functional',
      'requirements.scale',
      'requirements.latency',
      'requirements.availability',
      'requirements.consistency',
      'requirements.durability',
      'requirements.team',
      'high-level.access-key',
      'operations.degradation',
      'operations.keep-findings',
    ]);
    expect(rewound.decisions).toEqual({});
    expect(rewound.drafts).toEqual({});
    expect(rewound.derived).toEqual({});
    expect(nextStep(designProtocol, rewound)?.id).toBe('estimation.users');
  });

  it('keeps the drafts, derived results and decisions of earlier phases', () => {
    const rewound = rewindTo(designProtocol, finished, 'tradeoffs');
    expect(Object.keys(rewound.drafts)).toEqual(['high-level.components', 'deep-dive.details']);
    expect(Object.keys(rewound.derived)).toEqual(['estimation.numbers']);
    expect(Object.keys(rewound.decisions)).toEqual([
      'high-level.archetype',
      'high-level.architecture',
      'high-level.datastore',
      'high-level.cache',
      'high-level.write-path',
      'deep-dive.focus',
    ]);
    expect(Object.keys(rewound.answers)).toHaveLength(Object.keys(finished.answers).length);
    expect(nextStep(designProtocol, rewound)?.id).toBe('tradeoffs.consistency');
  });

  it('clears a phase with questions and decisions (high-level) but keeps the operations answer', () => {
    const rewound = rewindTo(designProtocol, finished, 'high-level');
    expect('high-level.access-key' in rewound.answers).toBe(false);
    expect('operations.degradation' in rewound.answers).toBe(true);
    expect(rewound.drafts).toEqual({});
    expect(Object.keys(rewound.derived)).toEqual(['estimation.numbers']);
    expect(nextStep(designProtocol, rewound)?.id).toBe('high-level.archetype');
  });

  it('does not touch the title, scope or context', () => {
    const withContext = { ...finished, scope: 'ml' as const, context: [PROBLEM_STATEMENT] };
    const rewound = rewindTo(designProtocol, withContext, 'requirements');
    expect(rewound.title).toBe('Test design');
    expect(rewound.scope).toBe('ml');
    expect(rewound.context).toEqual([PROBLEM_STATEMENT]);
  });
});
