// Decisions are values: own words are read into a value of the slot's enumeration, once, and the
// architecture, rules and records switch on that value. Each case drives a whole scripted session.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { readDecision } from '../../src/protocol/read-decision.js';
import type { DecisionSlot, SessionState } from '../../src/protocol/types.js';
import { designProtocol } from '../../src/protocols/design/index.js';
import { designDrafts } from '../../src/protocols/design/model.js';
import { decisionRules } from '../../src/rules/decision-rules.js';
import { redFlags } from '../../src/rules/red-flags.js';
import { answersFileRespondent } from '../../src/respondents/answers-file.js';
import { initialState } from '../../src/protocol/machine.js';
import type { PickRequest, Respondent } from '../../src/respondents/port.js';
import { answersFile, finishedDesign, runDesignWith } from '../support/design-state.js';

const slot = (id: string): DecisionSlot => {
  const step = designProtocol.steps.find((candidate) => candidate.id === id);
  if (step?.kind !== 'decision') throw new Error(`${id} is not a decision`);
  return step;
};
const valueOf = (id: string, words: string): string | undefined => {
  const reading = readDecision(slot(id), words, undefined, undefined);
  return reading.kind === 'read' ? reading.choice.value : reading.kind;
};
const componentTypes = (state: SessionState): string[] =>
  (designDrafts(state).architecture?.components ?? []).map((component) => component.type);
const componentNames = (state: SessionState): string[] =>
  (designDrafts(state).architecture?.components ?? []).map((component) => component.name);

describe('own words are read into a value of each decision', () => {
  it.each<[string, string, string]>([
    // Reworded labels and the words engineers type, for every decision of the design protocol.
    ['high-level.architecture', 'keep it a modular monolith for now', 'modular-monolith'],
    ['high-level.architecture', 'one deployable, please', 'modular-monolith'],
    ['high-level.architecture', 'split into micro services', 'microservices'],
    ['high-level.architecture', 'a service per bounded context', 'microservices'],
    ['high-level.datastore', 'Postgres with a hot standby', 'relational'],
    ['high-level.datastore', 'Aurora MySQL', 'relational'],
    ['high-level.datastore', 'PostgreSQL sharded by account_id', 'relational-sharded'],
    ['high-level.datastore', 'Citus', 'relational-sharded'],
    ['high-level.datastore', 'CockroachDB', 'distributed-sql'],
    ['high-level.datastore', 'ScyllaDB cluster', 'wide-column'],
    ['high-level.datastore', 'DynamoDB on-demand', 'key-value'],
    ['high-level.datastore', 'MongoDB Atlas', 'document'],
    ['high-level.cache', 'Skip the cache for now', 'none'],
    ['high-level.cache', "we don't need a cache", 'none'],
    ['high-level.cache', 'no', 'none'],
    ['high-level.cache', 'Redis in front of the DB', 'cache-aside'],
    ['high-level.cache', 'cache-aside', 'cache-aside'],
    ['high-level.cache', 'write-through cache', 'write-through'],
    ['high-level.write-path', 'A Kinesis stream in front of the writers', 'stream'],
    ['high-level.write-path', 'Kafka', 'stream'],
    ['high-level.write-path', 'an SQS queue and a worker pool', 'queue'],
    ['high-level.write-path', 'write directly to the database', 'synchronous'],
    ['high-level.write-path', 'no queue, synchronous', 'synchronous'],
    ['high-level.serving', 'precompute nightly', 'batch'],
    ['high-level.serving', 'per-request online inference', 'online'],
    ['high-level.serving', 'a quantised model in-process', 'optimised-online'],
    ['high-level.features', 'Flink streaming features', 'streaming'],
    ['high-level.features', 'nightly batch from the warehouse', 'batch'],
    ['tradeoffs.consistency', 'strong consistency', 'cp'],
    ['tradeoffs.consistency', 'AP, serve stale', 'ap'],
    ['operations.deployment', 'blue/green', 'blue-green'],
    ['operations.deployment', 'canaries', 'canary'],
    ['operations.deployment', 'rolling update', 'rolling'],
  ])('%s: "%s" reads as %s', (id, words, value) => {
    expect(valueOf(id, words)).toBe(value);
  });

  it('names several values as ambiguous, and words matching none as unknown', () => {
    expect(valueOf('high-level.cache', 'Redis, or maybe no cache')).toBe('ambiguous');
    expect(valueOf('high-level.datastore', 'Postgres or DynamoDB')).toBe('ambiguous');
    expect(valueOf('high-level.cache', 'back')).toBe('unknown');
    expect(valueOf('high-level.write-path', 'whatever is cheapest')).toBe('unknown');
  });

  it('keeps custom words verbatim only where the slot allows it', () => {
    const reading = readDecision(
      slot('high-level.datastore'),
      'custom: FoundationDB record layer',
      undefined,
      undefined,
    );
    expect(reading).toMatchObject({
      kind: 'read',
      choice: { value: 'custom' },
      label: 'FoundationDB record layer',
    });
    expect(valueOf('high-level.cache', 'custom: a CDN')).toBe('unknown');
  });
});

describe('the value, not the words, shapes the design', () => {
  it('"Skip the cache for now" leaves the cache out of the architecture', async () => {
    const state = await finishedDesign({ answers: { 'high-level.cache': 'Skip the cache for now' } });
    expect(state.decisions['high-level.cache']).toMatchObject({
      value: 'none',
      source: 'words',
      words: 'Skip the cache for now',
    });
    expect(componentTypes(state)).not.toContain('cache');
  });

  it('"A Kinesis stream in front of the writers" puts a log and its workers in the write path', async () => {
    const state = await finishedDesign({
      answers: { 'high-level.write-path': 'A Kinesis stream in front of the writers' },
    });
    expect(state.decisions['high-level.write-path']?.value).toBe('stream');
    expect(componentNames(state)).toEqual(
      expect.arrayContaining(['Write log (replicated stream)', 'Write workers']),
    );
    const flows = designDrafts(state).architecture?.flows ?? [];
    expect(flows).toContainEqual({ from: 'workers', to: 'datastore', label: 'write' });
  });

  it('a reworded label for microservices splits the services and raises the red flag', async () => {
    const state = await finishedDesign({
      answers: { 'high-level.architecture': 'split it into microservices' },
    });
    expect(state.decisions['high-level.architecture']?.value).toBe('microservices');
    expect(componentNames(state)).toEqual(expect.arrayContaining(['Write service', 'Read service']));
    expect(redFlags(state).map((flag) => flag.id)).toContain('microservices-day-one');
  });

  it('words naming option B record option B', async () => {
    const state = await finishedDesign({ answers: { 'high-level.cache': 'no cache' } });
    // At 2 reads per write the recommendation is no cache (A), so the words are option A here.
    expect(state.decisions['high-level.cache']).toMatchObject({ value: 'none', key: 'A', source: 'words' });
    const cached = await finishedDesign({ answers: { 'high-level.cache': 'redis please' } });
    expect(cached.decisions['high-level.cache']).toMatchObject({ value: 'cache-aside', key: 'B' });
    expect(componentTypes(cached)).toContain('cache');
  });

  it('a value neither option proposed is still honoured', async () => {
    const state = await finishedDesign({ answers: { 'high-level.datastore': 'MongoDB' } });
    expect(state.decisions['high-level.datastore']).toMatchObject({ value: 'document', source: 'words' });
    expect(state.decisions['high-level.datastore']?.key).toBeUndefined();
    expect(componentNames(state)).toContain('Document store');
  });

  it('a custom datastore is kept verbatim, and every rule that reads it says it could not check it', async () => {
    const state = await finishedDesign({
      answers: { 'high-level.datastore': 'custom: FoundationDB with the record layer' },
    });
    expect(state.decisions['high-level.datastore']).toMatchObject({
      value: 'custom',
      label: 'FoundationDB with the record layer',
    });
    const datastore = designDrafts(state).architecture?.components.find((c) => c.type === 'datastore');
    expect(datastore?.name).toBe('FoundationDB with the record layer');
    expect(datastore?.failureMode).toMatch(/^Not checked:/);
    const unchecked = decisionRules(state).find(
      (finding) => finding.id === 'unchecked-custom:high-level.datastore',
    );
    expect(unchecked?.message).toMatch(
      /Could not check high-level\.datastore: "FoundationDB with the record layer"/,
    );
    const dive = designDrafts(state).deepDives?.find((d) => d.componentId === 'datastore');
    expect(dive?.failureHandling.join(' ')).toMatch(
      /^Not checked: "FoundationDB with the record layer" is your own choice/,
    );
  });

  it('an own-words deep-dive focus picks the components it names', async () => {
    const state = await finishedDesign({ answers: { 'deep-dive.focus': 'the cache and the gateway' } });
    expect(state.decisions['deep-dive.focus']).toMatchObject({ value: 'pick', items: ['gateway'] });
    expect(designDrafts(state).deepDives?.map((dive) => dive.componentId)).toEqual(['gateway']);
  });
});

describe('a scripted run never guesses', () => {
  const scripted = (answers: Record<string, string | undefined>, acceptRecommended = false) => {
    const file = answersFile({ answers });
    // Straight to the runner, without the plan that validate and start make first: the runner's
    // own refusal is what is tested here.
    return runDesignWith(
      answersFileRespondent('run.yaml', file, { acceptRecommended }),
      initialState(designProtocol, file.title, 'system'),
    );
  };

  it('fails with 65 on words that read as no value, naming the id and the values', async () => {
    const error = await scripted({ 'high-level.cache': 'purple' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).exitCode).toBe(65);
    expect((error as AppError).message).toMatch(
      /^high-level\.cache: "purple" reads as none of this decision's values; answer A, B or one of none \(no cache\), cache-aside/,
    );
  });

  it('fails with 65 on ambiguous words, naming the candidates', async () => {
    const error = await scripted({ 'high-level.datastore': 'Postgres or DynamoDB' }).catch(
      (caught: unknown) => caught,
    );
    expect((error as AppError).exitCode).toBe(65);
    expect((error as AppError).message).toContain('could mean relational');
    expect((error as AppError).message).toContain('key-value');
    expect((error as AppError).message).toContain('"custom: <your words>"');
  });

  it('takes the recommendation for a decision left out, with --accept-recommended, and says so', async () => {
    const decisions = designProtocol.steps.filter((step) => step.kind === 'decision').map((step) => step.id);
    const without = Object.fromEntries(decisions.map((id) => [id, undefined]));
    const state = await scripted(without, true);
    for (const id of decisions.filter(
      // ML decisions and the region strategy (no region is mentioned) are not asked here.
      (id) => !['high-level.serving', 'high-level.features', 'high-level.regions'].includes(id),
    )) {
      expect(state.decisions[id], id).toMatchObject({ source: 'default', key: 'A' });
      expect(state.decisions[id]?.report, id).toContain('accepted by default');
    }
    const error = await scripted(without).catch((caught: unknown) => caught);
    expect((error as AppError).exitCode).toBe(65);
  });
});

describe('a person confirms the reading, or picks another value', () => {
  const interactive = (
    answer: string,
    pick: (request: PickRequest) => string,
  ): { respondent: Respondent; asked: PickRequest[] } => {
    const file = answersFile({ answers: { 'high-level.cache': answer } });
    const scripted = answersFileRespondent('person.yaml', file);
    const asked: PickRequest[] = [];
    return {
      asked,
      respondent: {
        interactive: true,
        ask: (request) => scripted.ask(request),
        choose: (request) => scripted.choose(request),
        pick: (request) => {
          asked.push(request);
          return Promise.resolve(pick(request));
        },
      },
    };
  };
  const run = (respondent: Respondent) =>
    runDesignWith(respondent, initialState(designProtocol, 'Notes service', 'system'));

  it('echoes the reading and records it when confirmed', async () => {
    const { respondent, asked } = interactive('skip the cache', (request) => request.choices[0]?.value ?? '');
    const state = await run(respondent);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.message).toBe('Read as: no cache. Is that what you mean?');
    expect(asked[0]?.choices.map((choice) => choice.name)).toEqual([
      'Yes: no cache',
      'A cache-aside cache (Redis)',
      'A write-through cache',
      'Type it again',
    ]);
    expect(state.decisions['high-level.cache']).toMatchObject({ value: 'none', words: 'skip the cache' });
  });

  it('records the value picked instead of the reading', async () => {
    const { respondent } = interactive('skip the cache', () => 'write-through');
    const state = await run(respondent);
    expect(state.decisions['high-level.cache']).toMatchObject({
      value: 'write-through',
      label: 'A write-through cache',
    });
    expect(componentNames(state)).toContain('Write-through cache (Redis)');
  });

  it('offers the candidates when the words are ambiguous', async () => {
    const { respondent, asked } = interactive('redis or no cache', () => 'none');
    const state = await run(respondent);
    expect(asked[0]?.message).toMatch(/could mean none \(no cache\), cache-aside/);
    expect(asked[0]?.choices.map((choice) => choice.value)).toEqual([
      'none',
      'cache-aside',
      expect.any(String),
    ]);
    expect(state.decisions['high-level.cache']?.value).toBe('none');
  });
});
