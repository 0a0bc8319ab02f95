/**
 * Pipeline scoping reads what people type: a schedule word decides the trigger over a technology
 * name, a component held to a latency target answers requests, a move is checked as it is typed
 * and updates the component's trigger and reason, and a name with a comma stays one name.
 */
import { describe, expect, it } from 'vitest';
import { initialState, recordAnswer } from '../../src/protocol/machine.js';
import type { QuestionSlot, SessionState } from '../../src/protocol/types.js';
import type { PipelinePlan } from '../../src/protocols/pipeline/decompose.js';
import { applyMoves, classify, type Move } from '../../src/protocols/pipeline/classify.js';
import { parseComponents, traitsOf, triggerOf } from '../../src/protocols/pipeline/components.js';
import { pipelineProtocol } from '../../src/protocols/pipeline/index.js';
import { joinSplitNames, pipelinesOf } from '../../src/protocols/pipeline/model.js';
import { splitNames } from '../../src/protocols/pipeline/slots.js';
import { value } from '../support/results.js';

const plansOf = (state: SessionState): PipelinePlan[] => {
  const result = pipelinesOf(state);
  if (!result.ok) throw new Error(`${result.error.question}: ${result.error.message}`);
  return result.value;
};

const slot = (id: string): QuestionSlot => {
  const found = pipelineProtocol.steps.find((step) => step.id === id);
  if (found?.kind !== 'question') throw new Error(`no question ${id}`);
  return found;
};

describe('the trigger', () => {
  it.each([
    ['pull from kafka nightly -> dedupe -> write the feature table', 'schedule', 'nightly'],
    ['read the click stream weekly and build training data', 'schedule', 'weekly'],
    ['a cron job loads kinesis exports into the warehouse', 'schedule', 'on a schedule (cron)'],
    ['hourly: consume the pub/sub topic into parquet', 'schedule', 'hourly'],
    ['consume click events from kafka and update counters', 'continuous', 'continuous (a stream)'],
    [
      'continuously score events as they arrive, reading kafka nightly for backfills',
      'continuous',
      'continuous (a stream)',
    ],
  ] as const)('"%s" runs %s', (text, kind, label) => {
    expect(triggerOf(text)).toEqual({ kind, text: label });
  });

  it('makes "ingest: pull from kafka nightly" a batch, not a stream', () => {
    const item = classify({
      name: 'ingest',
      description: 'pull from kafka nightly, build the training snapshot',
    });
    expect(item.traits.trigger.kind).toBe('schedule');
    expect(item.rule).not.toBe('stream');
    expect(item.bucket).toBe('pipeline');
  });

  it.each([
    'API: score each transaction, p99 50ms',
    'returns a fraud score to the checkout service within 80 ms',
    'lookup service for the features, P99 < 20ms',
  ])('makes a component with a latency target a deployed endpoint: "%s"', (description) => {
    const item = classify({ name: 'scoring api', description });
    expect(item.traits.trigger.kind).toBe('request');
    expect(item.bucket).toBe('deployed');
  });

  it('keeps a latency the batch measures, or a source API, out of serving', () => {
    expect(triggerOf('nightly: pull from the partner REST API -> train')).toEqual({
      kind: 'schedule',
      text: 'nightly',
    });
    expect(triggerOf('weekly: train, evaluate AUC -> register')).toMatchObject({ kind: 'schedule' });
  });
});

const COMPONENTS = value(
  parseComponents([
    'ingest: consume click events from kafka',
    '"dedupe, enrich": nightly: drop duplicate clicks -> compute the user features',
    'training: weekly: load the clicks -> train the model -> evaluate -> register the model',
    'scorer: score users in a notebook for the CRM team',
  ]),
);

describe('names with commas', () => {
  it('keeps a quoted name, or one listed on its own line, as one name', () => {
    expect(COMPONENTS.map((component) => component.name)).toEqual([
      'ingest',
      'dedupe, enrich',
      'training',
      'scorer',
    ]);
    const unquoted = value(parseComponents(['dedupe, enrich: nightly: drop duplicates -> join users']));
    expect(unquoted[0]?.name).toBe('dedupe, enrich');
  });

  it('keeps it whole in an owners answer, quoted or not', () => {
    expect(splitNames('ingest, "dedupe, enrich" and training')).toEqual([
      'ingest',
      'dedupe, enrich',
      'training',
    ]);
    expect(joinSplitNames(splitNames('ingest, dedupe, enrich and training'), COMPONENTS)).toEqual([
      'ingest',
      'dedupe, enrich',
      'training',
    ]);
    const owners = value(
      slot('decompose.owners').parse('data team: ingest, dedupe, enrich; ML team: training, scorer'),
    );
    let state = initialState(pipelineProtocol, 'Clicks', 'ml');
    state = recordAnswer(state, 'classify.components', { raw: [], value: COMPONENTS });
    state = recordAnswer(state, 'classify.moves', { raw: 'none', value: [] });
    state = recordAnswer(state, 'decompose.owners', { raw: '', value: owners });
    const plans = plansOf(state);
    expect(plans.find((plan) => plan.components.includes('dedupe, enrich'))?.owner).toBe('data team');
  });
});

describe('a move', () => {
  const parseMoves = (raw: string) => value(slot('classify.moves').parse(raw)) as readonly Move[];

  it('reads when the moved component runs, and says the reading back', () => {
    const moves = parseMoves('ingest: pipeline, nightly; scorer: deployed');
    expect(moves).toEqual([
      { name: 'ingest', bucket: 'pipeline', trigger: { kind: 'schedule', text: 'nightly' } },
      { name: 'scorer', bucket: 'deployed' },
    ]);
    expect(slot('classify.moves').readAs?.(moves, '')).toBe(
      'ingest -> pipeline (nightly); scorer -> deployed',
    );
    expect(slot('classify.moves').parse('ingest: pipeline whenever')).toMatchObject({ ok: false });
    expect(parseMoves('"dedupe, enrich": defer')).toEqual([{ name: 'dedupe, enrich', bucket: 'defer' }]);
  });

  it("updates the component's trigger and reason, so the decomposition follows it", () => {
    const classified = COMPONENTS.map((component) => classify(component));
    expect(classified[0]?.bucket).toBe('not-a-pipeline');
    const moved = applyMoves(classified, parseMoves('ingest: pipeline (nightly); scorer: deployed'));
    expect(moved[0]).toMatchObject({
      bucket: 'pipeline',
      rule: 'moved',
      traits: { trigger: { kind: 'schedule', text: 'nightly' } },
    });
    expect(moved[0]?.reason).toMatch(/^moved by you from "Not a pipeline"; runs nightly \(the rules said: /);
    expect(moved[3]).toMatchObject({ bucket: 'deployed', traits: { trigger: { kind: 'request' } } });
    // A stream moved into a pipeline without a schedule is no longer "continuous".
    const bare = applyMoves(classified, parseMoves('ingest: pipeline'));
    expect(bare[0]?.traits.trigger).toEqual({ kind: 'unspecified', text: 'not stated' });
    expect(traitsOf(COMPONENTS[0] ?? { name: '', description: '' }).trigger.kind).toBe('continuous');
    // The decomposition runs the moved stream on its new schedule.
    let state = initialState(pipelineProtocol, 'Clicks', 'ml');
    state = recordAnswer(state, 'classify.components', { raw: [], value: COMPONENTS });
    state = recordAnswer(state, 'classify.moves', {
      raw: '',
      value: parseMoves('ingest: pipeline, nightly'),
    });
    expect(plansOf(state).find((plan) => plan.components.includes('ingest'))?.trigger).toBe('nightly');
  });
});
