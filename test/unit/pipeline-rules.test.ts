// The pipeline-scoping rules: every classification rule and every smell fires on a minimal case and
// not on a near miss; traits, parsing, decomposition and the picture push-back say what they read.
import { describe, expect, it } from 'vitest';
import {
  applyMoves,
  BUCKET_LABELS,
  CLASSIFICATION_RULES,
  classify,
  DEDICATED_SERVING_SECONDS,
  type Bucket,
  type Classification,
} from '../../src/protocols/pipeline/classify.js';
import { MAX_COMPONENTS, parseComponents, traitsOf } from '../../src/protocols/pipeline/components.js';
import { decompose, producedBy, type PipelinePlan } from '../../src/protocols/pipeline/decompose.js';
import { coveredParts, MIN_PARTS, PARTS, pushBackOnPicture } from '../../src/protocols/pipeline/picture.js';
import {
  LARGE_DATA_BOUNDARIES,
  LARGE_DATA_BYTES,
  MAX_STEPS,
  PIPELINES_PER_ENGINEER,
  SMELL_RULES,
  smells,
  type ScopingFacts,
} from '../../src/protocols/pipeline/smells.js';
import { error, value } from '../support/results.js';

interface Case {
  readonly description: string;
  readonly latency?: number;
}

const classifyCase = ({ description, latency }: Case): Classification =>
  classify({ name: 'component', description }, latency === undefined ? {} : { latency });
const named = (name: string, description: string): Classification => classify({ name, description });
const uniqueSorted = (ids: readonly string[]): string[] => [...new Set(ids)].sort();

describe('classification', () => {
  const RULE_CASES: readonly (readonly [string, Bucket, Case, Case])[] = [
    [
      'one-off',
      'not-a-pipeline',
      { description: 'migrate old labels once' },
      { description: 'retrain once a week' },
    ],
    [
      'one-off',
      'not-a-pipeline',
      { description: 'relabel the training data once' },
      { description: 'relabel the training data once a week' },
    ],
    [
      'ci',
      'not-a-pipeline',
      { description: 'run unit tests on every push' },
      { description: 'evaluate the model on every new batch' },
    ],
    [
      'dashboard',
      'not-a-pipeline',
      { description: 'Streamlit dashboard for reviewers to inspect predictions' },
      { description: 'nightly report of predictions for reviewers' },
    ],
    [
      'alerting',
      'not-a-pipeline',
      { description: 'alert the team when accuracy drops' },
      { description: 'daily report: alert the team when accuracy drops' },
    ],
    [
      'stream',
      'not-a-pipeline',
      { description: 'streams events from Kafka and scores each one' },
      { description: 'score the events accumulated in the lake nightly' },
    ],
    [
      'defer',
      'defer',
      { description: 'hyperparameter tuning sweeps' },
      { description: 'retrain the model weekly with fixed hyperparameters' },
    ],
    [
      'sub-10ms-serving',
      'not-a-pipeline',
      { description: 'serve fraud scores per request', latency: 0.005 },
      { description: 'serve fraud scores per request', latency: DEDICATED_SERVING_SECONDS },
    ],
    [
      'endpoint',
      'deployed',
      { description: 'serve fraud scores per request', latency: 0.5 },
      { description: 'serve fraud scores per request', latency: 0.005 },
    ],
    [
      'endpoint',
      'deployed',
      { description: 'serve fraud scores per request' },
      { description: 'score customers nightly' },
    ],
    [
      'etl-without-ml',
      'not-a-pipeline',
      { description: 'copy tables from the warehouse to the lake nightly' },
      { description: 'copy the feature tables from the warehouse to the lake nightly' },
    ],
    [
      'batch-ml',
      'pipeline',
      { description: 'retrain the model weekly -> evaluate -> register' },
      { description: 'retrain the model once -> evaluate -> register' },
    ],
  ];

  it.each(RULE_CASES)('%s puts a minimal case in %s and not a near miss', (id, bucket, firing, nearMiss) => {
    const fired = classifyCase(firing);
    expect(fired.rule).toBe(id);
    expect(fired.bucket).toBe(bucket);
    expect(CLASSIFICATION_RULES.find((rule) => rule.id === id)?.bucket).toBe(bucket);
    expect(classifyCase(nearMiss).rule).not.toBe(id);
  });

  it('has a case for every rule, so a new rule without a test fails here', () => {
    expect(uniqueSorted(RULE_CASES.map(([id]) => id))).toEqual(
      uniqueSorted(CLASSIFICATION_RULES.map((rule) => rule.id)),
    );
    expect(CLASSIFICATION_RULES.map((rule) => rule.id)).toHaveLength(10);
  });

  it('says what to use instead for every not-a-pipeline case, and only for those', () => {
    for (const [id, , firing] of RULE_CASES) {
      const classified = classifyCase(firing);
      if (classified.bucket === 'not-a-pipeline') {
        expect(classified.instead, id).toMatch(/\w{3,}/);
      } else {
        expect(classified, id).not.toHaveProperty('instead');
      }
    }
  });

  it('explains a serving classification with the latency in milliseconds', () => {
    expect(classifyCase({ description: 'serve fraud scores per request', latency: 0.005 }).reason).toContain(
      'it must answer within 5 ms, under the 10 ms',
    );
    expect(classifyCase({ description: 'serve fraud scores per request', latency: 0.5 }).reason).toContain(
      'it answers requests over HTTP within 500 ms',
    );
    expect(classifyCase({ description: 'serve fraud scores per request' }).reason).toMatch(
      /^it answers requests over HTTP: a deployed pipeline/,
    );
  });

  it('names the trigger and the step count in the batch-ml reason', () => {
    expect(classifyCase({ description: 'retrain the model weekly -> evaluate -> register' }).reason).toBe(
      'batch (weekly), repeatable, versions model, 3 steps',
    );
    expect(classifyCase({ description: 'score customers every 6 hours' }).reason).toBe(
      'batch (every 6 hours), repeatable, versions predictions, one step, grouped with its neighbours',
    );
    expect(classifyCase({ description: 'train a model' }).reason).toMatch(
      /^a batch run \(trigger not stated yet\), repeatable, versions model, one step/,
    );
  });
});

describe('applyMoves', () => {
  const classified = [
    named('tuning', 'hyperparameter tuning sweeps'),
    named('training', 'retrain the model weekly -> evaluate -> register'),
    named('migration', 'migrate old labels once'),
  ];
  const [tuning, training, migration] = classified;

  it('moves a component to another bucket and quotes what the rules said', () => {
    const moved = applyMoves(classified, [{ name: 'tuning', bucket: 'pipeline' }]);
    expect(moved[0]).toMatchObject({ bucket: 'pipeline', rule: 'moved', component: tuning?.component });
    expect(moved[0]?.reason).toBe(
      `moved by you from "${BUCKET_LABELS.defer}" (the rules said: ${tuning?.reason ?? ''})`,
    );
    expect(moved[0]).not.toHaveProperty('instead');
    expect(moved[1]).toBe(training);
    expect(moved[2]).toBe(migration);
  });

  it('matches names case-insensitively', () => {
    const moved = applyMoves(classified, [{ name: 'TRAINING', bucket: 'not-a-pipeline' }]);
    expect(moved[1]).toMatchObject({
      bucket: 'not-a-pipeline',
      rule: 'moved',
      instead: 'what you use for it today',
    });
    expect(moved[1]?.reason).toContain('moved by you from "Pipeline"');
    expect(moved[1]?.reason).toContain('batch (weekly), repeatable');
  });

  it('drops the "instead" when a not-a-pipeline component moves into a pipeline', () => {
    const moved = applyMoves(classified, [{ name: 'Migration', bucket: 'pipeline' }]);
    expect(migration?.instead).toBeDefined();
    expect(moved[2]).toMatchObject({ bucket: 'pipeline', rule: 'moved' });
    expect(moved[2]).not.toHaveProperty('instead');
  });

  it('changes nothing when the move is to the bucket the component is already in', () => {
    const moved = applyMoves(classified, [{ name: 'training', bucket: 'pipeline' }]);
    expect(moved[1]).toBe(training);
    expect(moved[1]?.rule).toBe('batch-ml');
    expect(moved).toEqual(classified);
  });
});

describe('traitsOf', () => {
  const traits = (description: string) => traitsOf({ name: 'component', description });

  it.each([
    ['retrain the model weekly', 'schedule', 'weekly'],
    ['score customers nightly', 'schedule', 'nightly'],
    ['refresh features every 6 hours', 'schedule', 'every 6 hours'],
    ['parse invoices when new files land', 'event', 'when new files land'],
    ['retrain the model manually', 'manual', 'manual'],
    ['score each transaction per request', 'request', 'per request (HTTP)'],
    ['a fraud scoring endpoint', 'request', 'per request (HTTP)'],
    ['streams events from Kafka', 'continuous', 'continuous (a stream)'],
    ['retrain the model', 'unspecified', 'not stated'],
  ])('reads the trigger of "%s" as %s (%s)', (description, kind, text) => {
    expect(traits(description).trigger).toEqual({ kind, text });
  });

  it('does not read a pull from a named API as a request trigger', () => {
    expect(traits('pull data from the CRM API nightly').trigger).toEqual({
      kind: 'schedule',
      text: 'nightly',
    });
  });

  it('splits the steps on arrows, and keeps an unsplit description as one step', () => {
    expect(traits('retrain weekly on 90 days -> evaluate -> register').steps).toEqual([
      'retrain weekly on 90 days',
      'evaluate',
      'register',
    ]);
    expect(traits('ingest → parse → index').steps).toEqual(['ingest', 'parse', 'index']);
    expect(traits('score customers nightly').steps).toEqual(['score customers nightly']);
  });

  it('reads the largest data size mentioned, in bytes', () => {
    expect(traits('ingest 40 GB of scans -> OCR -> extract').dataBytes).toBe(40e9);
    expect(traits('join 2 GB of labels with 40 GB of scans').dataBytes).toBe(40e9);
    expect(traits('score customers nightly')).not.toHaveProperty('dataBytes');
  });

  it('flags a component that triggers other pipelines as meta', () => {
    expect(traits('triggers the other pipelines nightly').meta).toBe(true);
    expect(traits('orchestrates all child pipelines').meta).toBe(true);
    expect(traits('triggers a retrain nightly').meta).toBe(false);
  });

  it('flags dynamic logic, and dynamic logic that spawns more dynamic logic', () => {
    expect(traits('dynamically fans out one task per document')).toMatchObject({
      dynamic: true,
      nestedDynamic: false,
    });
    expect(traits('dynamically spawns dynamic tasks per document')).toMatchObject({
      dynamic: true,
      nestedDynamic: true,
    });
    expect(traits('retrain the model weekly')).toMatchObject({ dynamic: false, nestedDynamic: false });
  });

  it('reads ML work from the name as well as the description', () => {
    expect(traitsOf({ name: 'copy', description: 'copy tables nightly' }).ml).toBe(false);
    expect(traitsOf({ name: 'training', description: 'copy tables nightly' }).ml).toBe(true);
  });
});

describe('parseComponents', () => {
  const EXPECTED = [
    { name: 'ingest', description: 'pull from the warehouse nightly' },
    { name: 'training', description: 'retrain weekly -> evaluate -> register' },
  ];

  it('reads "name: description" lines from a list', () => {
    expect(
      value(
        parseComponents([
          'ingest: pull from the warehouse nightly',
          'training: retrain weekly -> evaluate -> register',
        ]),
      ),
    ).toEqual(EXPECTED);
  });

  it('reads "name: description" lines from one string, stripping bullets', () => {
    expect(
      value(
        parseComponents(
          '- ingest: pull from the warehouse nightly\n- training:   retrain weekly -> evaluate -> register\n\n',
        ),
      ),
    ).toEqual(EXPECTED);
  });

  it('accepts exactly the maximum number of components', () => {
    const lines = Array.from({ length: MAX_COMPONENTS }, (_, index) => `c${index}: retrain model ${index}`);
    expect(value(parseComponents(lines))).toHaveLength(MAX_COMPONENTS);
  });

  it('refuses a line without a colon', () => {
    expect(error(parseComponents('train retrain weekly'))).toBe(
      'expected "name: what it does and when it runs", e.g. "training: retrain the model weekly -> evaluate -> register", got "train retrain weekly"',
    );
  });

  it('refuses a name listed twice, whatever its case', () => {
    expect(error(parseComponents(['train: retrain weekly', 'Train: score nightly']))).toBe(
      'component "Train" is listed twice; give each component one line',
    );
  });

  it('refuses more than the maximum number of components', () => {
    const lines = Array.from(
      { length: MAX_COMPONENTS + 1 },
      (_, index) => `c${index}: retrain model ${index}`,
    );
    expect(error(parseComponents(lines))).toBe(
      'expected at most 20 components, got 21; group the small ones (all the reports, all the exports)',
    );
  });

  it('refuses an empty answer', () => {
    expect(error(parseComponents('  \n - \n'))).toBe(
      'expected one component per line as "name: what it does and when it runs"',
    );
  });
});

describe('smells', () => {
  const stepsOf = (count: number): PipelinePlan['steps'] =>
    Array.from({ length: count }, (_, index) => ({
      text: `Step ${index + 1}`,
      produces: 'an intermediate dataset',
    }));
  const plan = (overrides: Partial<PipelinePlan> = {}): PipelinePlan => ({
    name: 'Training pipeline',
    role: 'training',
    deployed: false,
    trigger: 'weekly',
    owner: 'ml team',
    components: ['training'],
    purpose: 'Training: retrain the model',
    steps: stepsOf(3),
    sources: [],
    artifacts: [],
    dynamicComponents: 0,
    nestedDynamic: false,
    meta: false,
    ...overrides,
  });
  const plans = (count: number): PipelinePlan[] =>
    Array.from({ length: count }, (_, index) => plan({ name: `Pipeline ${index + 1}` }));
  const ids = (facts: ScopingFacts): string[] => smells(facts).map((smell) => smell.id);
  const messageOf = (facts: ScopingFacts, id: string): string =>
    smells(facts).find((smell) => smell.id === id)?.message ?? '';

  const SMELL_CASES: readonly (readonly [string, ScopingFacts, ScopingFacts, readonly string[]])[] = [
    ['not-ready', { stage: 'exploring' }, { stage: 'prototype' }, ['no working prototype', 'in a notebook']],
    [
      'meta-pipeline',
      { pipelines: [plan({ name: 'Orchestrator', meta: true })] },
      { pipelines: [plan({ name: 'Orchestrator' })] },
      ['Orchestrator orchestrates other pipelines', 'Chain them with schedules and triggers'],
    ],
    [
      'dynamic-everywhere',
      { pipelines: [plan({ dynamicComponents: 1 }), plan({ name: 'Data pipeline', dynamicComponents: 1 })] },
      { pipelines: [plan({ dynamicComponents: 1 }), plan({ name: 'Data pipeline' })] },
      ['Dynamic steps in 2 pipelines', 'Keep each pipeline a static graph'],
    ],
    [
      'dynamic-everywhere',
      { pipelines: [plan({ dynamicComponents: 1, nestedDynamic: true })] },
      { pipelines: [plan({ dynamicComponents: 1 })] },
      ['Dynamic logic that spawns more dynamic logic', 'move branching into the step code'],
    ],
    [
      'mega-pipeline',
      { pipelines: [plan({ steps: stepsOf(MAX_STEPS + 1) })] },
      { pipelines: [plan({ steps: stepsOf(MAX_STEPS) })] },
      [`Training pipeline has ${MAX_STEPS + 1} steps`, `past ${MAX_STEPS}`, 'Split it where'],
    ],
    [
      'too-many-pipelines',
      { engineers: 2, pipelines: plans(2 * PIPELINES_PER_ENGINEER + 1) },
      { engineers: 2, pipelines: plans(2 * PIPELINES_PER_ENGINEER) },
      [
        `${2 * PIPELINES_PER_ENGINEER + 1} active pipelines for 2 engineer(s)`,
        `about ${PIPELINES_PER_ENGINEER} per engineer`,
        'Merge the ones that share a trigger',
      ],
    ],
    [
      'too-many-pipelines',
      { engineers: 1, pipelines: plans(PIPELINES_PER_ENGINEER + 1) },
      { pipelines: plans(PIPELINES_PER_ENGINEER + 1) },
      [`${PIPELINES_PER_ENGINEER + 1} active pipelines for 1 engineer(s)`],
    ],
    [
      'large-data-across-steps',
      { pipelines: [plan({ dataBytes: LARGE_DATA_BYTES, steps: stepsOf(LARGE_DATA_BOUNDARIES + 1) })] },
      { pipelines: [plan({ dataBytes: LARGE_DATA_BYTES, steps: stepsOf(LARGE_DATA_BOUNDARIES) })] },
      [
        `Training pipeline moves 1 GB through ${LARGE_DATA_BOUNDARIES} step boundaries`,
        '3 GB written per run',
        'pass a reference',
      ],
    ],
    [
      'large-data-across-steps',
      { pipelines: [plan({ dataBytes: LARGE_DATA_BYTES, steps: stepsOf(LARGE_DATA_BOUNDARIES + 1) })] },
      { pipelines: [plan({ dataBytes: LARGE_DATA_BYTES - 1, steps: stepsOf(LARGE_DATA_BOUNDARIES + 1) })] },
      [`through ${LARGE_DATA_BOUNDARIES} step boundaries`],
    ],
  ];

  it.each(SMELL_CASES)('%s fires at its boundary and not on a near miss', (id, firing, nearMiss, quotes) => {
    expect(ids(firing)).toContain(id);
    expect(ids(nearMiss)).not.toContain(id);
    const message = messageOf(firing, id);
    for (const quote of quotes) expect(message).toContain(quote);
  });

  it('has a case for every smell, so a new smell without a test fails here', () => {
    expect(uniqueSorted(SMELL_CASES.map(([id]) => id))).toEqual(
      uniqueSorted(SMELL_RULES.map((rule) => rule.id)),
    );
    expect(SMELL_RULES.map((rule) => rule.id)).toHaveLength(6);
  });

  it('fires nothing on a healthy plan', () => {
    expect(smells({ stage: 'production', engineers: 2, pipelines: plans(3) })).toEqual([]);
    expect(smells({})).toEqual([]);
  });

  it('every message takes a position: it quotes a number, or names the alternative after a colon', () => {
    const all = smells({
      stage: 'exploring',
      engineers: 1,
      pipelines: [
        plan({ name: 'Orchestrator', meta: true, dynamicComponents: 1, nestedDynamic: true }),
        plan({ name: 'Mega', steps: stepsOf(MAX_STEPS + 1), dataBytes: 40e9 }),
        plan({ name: 'Scoring', dynamicComponents: 1 }),
        plan({ name: 'Data' }),
      ],
    });
    expect(all.map((smell) => smell.id)).toEqual(SMELL_RULES.map((rule) => rule.id));
    expect(all.map((smell) => smell.phase)).toEqual([
      'picture',
      'decompose',
      'decompose',
      'decompose',
      'decompose',
      'decompose',
    ]);
    for (const smell of all) {
      expect(smell.message.length, smell.id).toBeGreaterThan(60);
      expect(smell.message, smell.id).toMatch(/\d|: /);
    }
  });
});

describe('decompose', () => {
  const oneTeam = (): string => 'ml team';

  it('splits components with different triggers, naming both triggers', () => {
    const plans = decompose(
      [
        named('ingest', 'pull transactions from the warehouse nightly -> clean -> build features'),
        named('training', 'retrain the model weekly -> evaluate -> register'),
      ],
      oneTeam,
    );
    expect(plans.map((plan) => [plan.name, plan.trigger, plan.components])).toEqual([
      ['Data pipeline', 'nightly', ['ingest']],
      ['Training pipeline', 'weekly', ['training']],
    ]);
    expect(plans[0]).not.toHaveProperty('split');
    expect(plans[0]?.sources).toEqual(['warehouse']);
    expect(plans[1]?.split).toBe(
      'a different trigger (weekly, not nightly): one pipeline cannot have two schedules, and each fails on its own',
    );
    expect(plans[1]?.artifacts).toEqual([
      'a trained model artifact',
      'evaluation metrics and a pass/fail decision',
      'a model version in the registry',
    ]);
  });

  it('keeps components with the same trigger and owner in one pipeline, steps in order', () => {
    const plans = decompose(
      [
        named('features', 'build features from the warehouse nightly -> validate'),
        named('scoring', 'score customers nightly -> publish'),
      ],
      oneTeam,
    );
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({
      name: 'Batch inference pipeline',
      role: 'inference',
      trigger: 'nightly',
      owner: 'ml team',
      components: ['features', 'scoring'],
    });
    expect(plans[0]?.steps).toEqual([
      { text: 'Build features from the warehouse nightly', produces: 'a feature table' },
      { text: 'Validate', produces: 'a data validation report' },
      { text: 'Score customers nightly', produces: 'a predictions table' },
      { text: 'Publish', produces: 'published outputs for their consumers' },
    ]);
    expect(plans[0]).not.toHaveProperty('split');
  });

  it('splits components with the same trigger but different owners, naming the teams', () => {
    const plans = decompose(
      [
        named('features', 'build features from the warehouse nightly -> validate'),
        named('scoring', 'score customers nightly -> publish'),
      ],
      (component) => (component === 'features' ? 'data team' : 'ml team'),
    );
    expect(plans.map((plan) => [plan.owner, plan.components])).toEqual([
      ['data team', ['features']],
      ['ml team', ['scoring']],
    ]);
    expect(plans[1]?.split).toBe('a different team owns it (ml team, not data team)');
  });

  it('gives a deployed component its own pipeline and leaves out what is not a pipeline', () => {
    const plans = decompose(
      [
        named('training', 'retrain the model weekly'),
        named('api', 'serve predictions per request -> respond'),
        named('scoring', 'score customers weekly'),
        named('dashboard', 'Streamlit dashboard for reviewers'),
        named('tuning', 'hyperparameter tuning sweeps'),
      ],
      oneTeam,
    );
    expect(plans.map((plan) => [plan.name, plan.deployed, plan.components])).toEqual([
      ['Training pipeline', false, ['training']],
      ['Api endpoint', true, ['api']],
      ['Batch inference pipeline', false, ['scoring']],
    ]);
    expect(plans[1]).toMatchObject({
      role: 'inference',
      trigger: 'per request (HTTP); reloads the model when a new version is promoted',
      split: 'it serves requests, so it deploys and scales apart from the batch pipelines',
    });
    expect(plans[1]?.artifacts).not.toContain('the response to the caller');
  });

  it('keeps two deployed components apart, and says why a batch pipeline after an endpoint is separate', () => {
    const plans = decompose(
      [
        named('search', 'answer queries per request'),
        named('ranking', 'rank results per request'),
        named('training', 'retrain the model weekly'),
      ],
      oneTeam,
    );
    expect(plans.map((plan) => plan.components)).toEqual([['search'], ['ranking'], ['training']]);
    expect(plans.map((plan) => plan.deployed)).toEqual([true, true, false]);
    expect(plans[2]?.split).toBe('it runs in batches, apart from the endpoint that serves requests');
  });

  it('names a second pipeline of the same role after its trigger', () => {
    const plans = decompose(
      [named('daily', 'retrain the ranker daily'), named('weekly', 'retrain the embedder weekly')],
      oneTeam,
    );
    expect(plans.map((plan) => plan.name)).toEqual(['Training pipeline', 'Training pipeline, weekly']);
  });

  it.each([
    ['train the ranker on 90 days', 'a trained model artifact'],
    ['retrain weekly', 'a trained model artifact'],
    ['register the model', 'a model version in the registry'],
    ['promote the winner', 'a model version in the registry'],
    ['evaluate against the current model', 'evaluation metrics and a pass/fail decision'],
    ['score customers', 'a predictions table'],
    ['ingest from the warehouse', 'a raw dataset snapshot'],
    ['clean and deduplicate', 'a cleaned dataset'],
    ['publish to the CRM', 'published outputs for their consumers'],
    ['shuffle things around', 'an intermediate dataset'],
  ])('producedBy("%s") is %s', (step, produced) => {
    expect(producedBy(step)).toBe(produced);
  });
});

describe('picture coverage', () => {
  const RICH =
    'Transactions land in the warehouse nightly; we clean them and build features, retrain a model weekly, ' +
    'compare it with the current one on AUC, and the fraud team uses the scores. We monitor drift. ' +
    'Today reviewers do this manually.';

  it('accepts a rich description without push-back', () => {
    expect(coveredParts(RICH).length).toBeGreaterThanOrEqual(MIN_PARTS);
    expect(coveredParts(RICH).map((part) => part.id)).toEqual(PARTS.map((part) => part.id));
    expect(pushBackOnPicture(RICH)).toBeUndefined();
  });

  it('pushes back on a thin description, naming what it covered and asking about what is missing', () => {
    const pushBack = pushBackOnPicture('just some data processing and training') ?? '';
    expect(pushBack).toMatch(
      /^That covers processing, training\. Before classifying anything, tell me more: /,
    );
    expect(pushBack).toContain('Where does the data come from, and how often does new data arrive?');
    expect(pushBack).toContain('How do you decide a new model is good enough to replace the current one?');
    expect(pushBack).not.toContain('How is the model trained');
    expect(pushBack).not.toContain('What has to happen to the data');
    expect(pushBack).toContain(`(The design needs at least ${MIN_PARTS} of: data sources, processing,`);
  });

  it('pushes back below MIN_PARTS parts and not at it', () => {
    const three = 'we train a model on warehouse tables and clean them';
    expect(coveredParts(three)).toHaveLength(MIN_PARTS - 1);
    expect(pushBackOnPicture(three)).toMatch(/^That covers data sources, processing, training\./);
    const four = `${three}; the team owns it`;
    expect(coveredParts(four)).toHaveLength(MIN_PARTS);
    expect(pushBackOnPicture(four)).toBeUndefined();
  });

  it('says so when a description names none of the parts', () => {
    expect(pushBackOnPicture('hello')).toMatch(/^That is a start, but it names none of the parts/);
  });
});

describe('regressions found in review', () => {
  it('"once daily" repeats: it is a schedule, not a one-off', () => {
    for (const description of [
      'retrain the model once daily',
      'score customers once nightly',
      'retrain the model once weekly',
    ])
      expect(classify({ name: 'x', description }).rule, description).toBe('batch-ml');
    expect(classify({ name: 'x', description: 'migrate the old labels once' }).rule).toBe('one-off');
  });

  it('an API named as a data source is not an endpoint', () => {
    for (const description of [
      'pull orders from the partner REST API nightly -> train the model',
      'fetch data from the HTTP API daily -> build features',
    ]) {
      const result = classify({ name: 'x', description });
      expect(result.traits.trigger.kind, description).toBe('schedule');
      expect(result.rule, description).toBe('batch-ml');
    }
    expect(classify({ name: 'x', description: 'serve predictions over an HTTP API' }).rule).toBe('endpoint');
  });

  it('gives every pipeline a distinct name, however many share a role and trigger', () => {
    const classified = ['ranker', 'embedder', 'classifier'].map((model) =>
      classify({ name: model, description: `retrain the ${model} weekly` }),
    );
    const names = decompose(classified, (name) => `${name} team`).map((pipeline) => pipeline.name);
    expect(names).toEqual(['Training pipeline', 'Training pipeline, weekly', 'Training pipeline 2']);
  });
});

describe('failure domains', () => {
  it('splits training from preparing data on the same schedule, and keeps training steps together', () => {
    const items = [
      classify({
        name: 'features',
        description: 'weekly: load orders from the warehouse -> compute features',
      }),
      classify({ name: 'training', description: 'weekly: train the model -> evaluate it' }),
      classify({ name: 'registration', description: 'weekly: register the model version' }),
    ];
    const plans = decompose(items, () => 'one team');
    expect(plans.map((plan) => [plan.name, plan.components])).toEqual([
      ['Data pipeline', ['features']],
      ['Training pipeline', ['training', 'registration']],
    ]);
    expect(plans[1]?.split).toBe(
      'a different failure domain: a failed data run must not stop training on the last good data, and a failed training run must not stop the pipelines that use the production model',
    );
  });
});
