/**
 * pipeline_architecture.md from a finished pipeline-scoping session: a specification, not an
 * implementation guide. Steps are prose with what each produces; no code, no configuration, no cost
 * or time estimates (the lint in pipeline-lint.ts holds every render to that).
 */
import type { SessionState } from '../protocol/types.js';
import { BUCKET_LABELS, type Classification } from '../protocols/pipeline/classify.js';
import type { PipelinePlan, PipelineRole } from '../protocols/pipeline/decompose.js';
import { pipelineAnswers, pipelineResults } from '../protocols/pipeline/model.js';
import { MAX_OPEN_QUESTIONS } from '../protocols/pipeline/slots.js';
import { MAX_STEPS, PIPELINES_PER_ENGINEER, type Smell } from '../protocols/pipeline/smells.js';
import { bullets, fillTemplate, table } from './markdown.js';
import { codeSpan, headingText, inline, plain } from './markdown-inline.js';

/** New projects start on this Python unless the team says otherwise. */
export const DEFAULT_PYTHON = 'Python 3.12';

export interface PipelineDocumentInput {
  readonly state: SessionState;
  /** The scoping classification with the user's moves applied. */
  readonly classification: readonly Classification[];
  readonly smells: readonly Smell[];
}

export function renderPipelineArchitecture(template: string, input: PipelineDocumentInput): string {
  const { state, classification } = input;
  const answers = pipelineAnswers(state);
  const pipelines = orderedPipelines(state);
  const model = registryName(state.title);
  return fillTemplate(template, {
    title: headingText(state.title),
    overview: overview(input, pipelines),
    pipelines: pipelines
      .map((pipeline, index) => pipelineSection(pipeline, pipelines, index, model, answers.orchestrator))
      .join('\n\n'),
    data_flow: dataFlow(pipelines, model),
    not_a_pipeline: notAPipeline(classification),
    deferred: deferred(classification, pipelines),
    open_questions: openQuestions(state, pipelines),
  });
}

/** The MVP first (the decision's choice), then the others in the order they were found. */
function orderedPipelines(state: SessionState): PipelinePlan[] {
  const pipelines = [...(pipelineResults(state).pipelines ?? [])];
  const chosen = state.decisions['mvp.choice']?.items?.[0];
  const mvp = pipelines.findIndex((pipeline) => pipeline.name === chosen);
  if (mvp > 0) pipelines.unshift(...pipelines.splice(mvp, 1));
  return pipelines;
}

export function registryName(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return slug.length > 0 ? slug.slice(0, 40) : 'model';
}

const count = (n: number, one: string, many = `${one}s`): string => `${String(n)} ${n === 1 ? one : many}`;

function overview(input: PipelineDocumentInput, pipelines: readonly PipelinePlan[]): string {
  const { state, classification, smells } = input;
  const answers = pipelineAnswers(state);
  const others = classification.filter((item) => item.bucket === 'not-a-pipeline').length;
  const later = classification.filter((item) => item.bucket === 'defer').length;
  const mvp = pipelines[0];
  const position = state.decisions['mvp.choice'];
  const summary = [
    `${plain(state.title)}: the ${count(classification.length, 'component')} described in the interview become ${count(pipelines.length, 'pipeline')} (${pipelines.map((pipeline) => plain(pipeline.name)).join(', ')}), with ${count(others, 'component')} left to other tools and ${String(later)} deferred.`,
    mvp
      ? `Pipeline 1, ${plain(mvp.name)}, is the MVP${position?.source === 'words' && position.key !== 'A' ? ` (your choice: ${inline(position.label)})` : ''}: ${inline(mvpReason(state))}`
      : 'No component was classified as a pipeline.',
  ].join(' ');
  const engineers = answers.team?.engineers;
  const facts = [
    `**Readiness**: ${
      answers.stage === 'exploring'
        ? 'not ready yet. The data is still being explored and no prototype works, so the recommendation is to finish the experiment in a notebook first; build these pipelines when it gives results worth repeating.'
        : answers.stage === 'production'
          ? 'something already runs in production; these pipelines restructure it, one at a time, with the current process kept until each replacement has run unattended.'
          : "a working prototype exists, so its steps become the MVP pipeline's steps."
    }`,
    `**Team**: ${
      engineers === undefined
        ? `not stated; plan for at most ${String(PIPELINES_PER_ENGINEER)} active pipelines per engineer.`
        : `${count(engineers, 'engineer')} for ${count(pipelines.length, 'active pipeline')} (the ceiling is about ${String(PIPELINES_PER_ENGINEER)} per engineer).`
    }`,
    `**Defaults**: ${DEFAULT_PYTHON} for new projects; orchestrator: ${answers.orchestrator === undefined ? 'not decided yet' : inline(answers.orchestrator)}.`,
  ];
  const classified = table(
    ['Component', 'Classified as', 'Why'],
    classification.map((item) => [
      plain(item.component.name),
      BUCKET_LABELS[item.bucket],
      `${inline(item.reason)} (rule ${codeSpan(item.rule)})`,
    ]),
  );
  const flagged =
    smells.length === 0
      ? '**Smells flagged**: none.'
      : `**Smells flagged**:\n\n${bullets(smells.map((smell) => `${codeSpan(smell.id)}: ${inline(smell.message)}`))}`;
  return [summary, bullets(facts), classified, flagged].join('\n\n');
}

function mvpReason(state: SessionState): string {
  const position = state.decisions['mvp.choice']?.proposal.position ?? '';
  return position.replace(/^Option A: [^,]+, because /, '').replace(/\.?$/, '.');
}

/** What to watch on each kind of pipeline: the signal that it has gone wrong without failing. */
const WATCH: Readonly<Record<PipelineRole | 'deployed', string>> = {
  data: 'rows in and out of each step against the last run, null rates, and the age of the newest version; a run that succeeds with half the rows is the failure to catch',
  training:
    'the evaluation metric against production on the same holdout, the training data version, and run duration; a candidate that never beats production is a data problem',
  inference:
    'rows scored, the prediction distribution against the last run, and the age of the newest predictions; alert when it is older than twice the schedule',
  deployed:
    'P99 latency against its target, error rate, the share of fallback answers, and the model version serving; a fallback served as a 200 is still a failure',
  other: 'run success, duration and output size against the last run',
};

/** How a pipeline recovers: reruns must be safe, and a bad model must be one promotion away from gone. */
const RERUNS: Readonly<Record<PipelineRole | 'deployed', string>> = {
  data: "a rerun for the same date replaces that date's version, so rerunning is always safe; a failed run leaves the previous version in place",
  training:
    'a failed or rejected run registers nothing promotable, so production keeps its model; reruns with the same data version are comparable',
  inference:
    'a rerun replaces the whole output atomically, so consumers never see a half-written batch; the previous batch stays until the new one is complete',
  deployed:
    'rolling back is promoting the previous model version; the endpoint reloads it without a redeploy',
  other: 'reruns replace their outputs rather than append to them',
};

function sourcesText(pipeline: PipelinePlan, pipelines: readonly PipelinePlan[]): string {
  if (pipeline.sources.length > 0) return pipeline.sources.map(inline).join(', ');
  const upstream = pipelines.find((other) => other.role === 'data');
  if (upstream && pipeline !== upstream && !pipeline.deployed)
    return `the versioned outputs of ${plain(upstream.name)}`;
  return pipeline.deployed ? 'the request payload' : 'as named in the steps';
}

function pipelineSection(
  pipeline: PipelinePlan,
  pipelines: readonly PipelinePlan[],
  index: number,
  model: string,
  orchestrator: string | undefined,
): string {
  const label = index === 0 ? 'MVP' : `Phase ${String(index + 1)}`;
  const size =
    pipeline.steps.length > MAX_STEPS
      ? `${count(pipeline.steps.length, 'step')}, more than the ${String(MAX_STEPS)} that keep a pipeline one job: split it (see the smells).`
      : pipeline.steps.length < 3
        ? `${count(pipeline.steps.length, 'step')}: small; if it shares a trigger with a neighbour, merge them.`
        : `${count(pipeline.steps.length, 'step')}, within the 3-${String(MAX_STEPS)} that keep one pipeline one job.`;
  const registry =
    pipeline.role === 'training'
      ? `\`${model}\`: each run registers a new version; promotion decides which one is production.`
      : pipeline.role === 'inference'
        ? `\`${model}\`: reads the version at the production stage${pipeline.deployed ? ', and reloads when a new one is promoted' : ' at the start of each run'}.`
        : 'none: it produces data, not models; its outputs are versioned artifacts the training pipeline reads.';
  const requirements = [
    orchestrator === undefined ? 'orchestrator not decided' : inline(orchestrator),
    DEFAULT_PYTHON,
    pipeline.deployed
      ? 'a long-running HTTP deployment with health checks'
      : `trigger: ${inline(pipeline.trigger)}`,
    ...(pipeline.steps.some((step) => /\bgpus?\b/i.test(step.text))
      ? ['GPU nodes for the steps that ask for them']
      : []),
  ];
  return [
    `### Pipeline ${String(index + 1)}: ${plain(pipeline.name)} (${label})`,
    bullets([
      `**Purpose**: ${inline(pipeline.purpose)}.`,
      `**Trigger**: ${inline(pipeline.trigger)}.`,
      `**Owner**: ${inline(pipeline.owner)}.`,
    ]),
    `- **Steps** (${size})\n${pipeline.steps.map((step, n) => `  ${String(n + 1)}. ${inline(step.text)}: produces ${inline(step.produces)}.`).join('\n')}`,
    bullets([
      `**Data sources**: ${sourcesText(pipeline, pipelines)}.`,
      `**Key artifacts**: ${pipeline.artifacts.length > 0 ? pipeline.artifacts.map(inline).join('; ') : 'its published outputs'}.`,
      `**Orchestrator requirements**: ${requirements.join('; ')}.`,
      `**Registry model**: ${registry}`,
      `**Watch**: ${WATCH[pipeline.deployed ? 'deployed' : pipeline.role]}.`,
      `**Reruns**: ${RERUNS[pipeline.deployed ? 'deployed' : pipeline.role]}.`,
      ...(index === 0
        ? [
            '**Done when**: it has run unattended on real data at least twice, its outputs sit where the next pipeline will read them, and someone has used them.',
          ]
        : []),
      ...(pipeline.split ? [`**Why separate**: ${inline(pipeline.split)}.`] : []),
    ]),
  ].join('\n\n');
}

function dataFlow(pipelines: readonly PipelinePlan[], model: string): string {
  const training = pipelines.find((pipeline) => pipeline.role === 'training');
  const data = pipelines.filter((pipeline) => pipeline.role === 'data');
  const consumers = pipelines.filter((pipeline) => pipeline.role === 'inference');
  const lines = [
    ...data.map((pipeline) => {
      const last = pipeline.artifacts[pipeline.artifacts.length - 1];
      const output = last === undefined ? 'its outputs' : inline(last);
      const feeds =
        training && training.steps.some((step) => /\b(?:features?|dataset|training data)\b/i.test(step.text));
      return `${plain(pipeline.name)} writes ${output} as a versioned artifact${feeds ? `; ${plain(training.name)} reads the latest version, so a failed data run leaves training on the previous one` : ' for the components that read it'}.`;
    }),
    training
      ? `${plain(training.name)} registers each trained model as a new version of \`${model}\`, with its evaluation metrics and the data version it used.`
      : `No training pipeline is in scope: versions of \`${model}\` are registered by the existing process, and the pipelines below read the production one.`,
    `Promotion stages: a new version starts as a candidate; the evaluation step promotes it to staging when it beats the production version on the agreed metric, and to production after a review; the replaced version is archived, not deleted, so rolling back is promoting it again.`,
    ...consumers.map(
      (pipeline) =>
        `${plain(pipeline.name)} loads \`${model}\` at the production stage${pipeline.deployed ? ' when it starts and again on every promotion' : ' at the start of each run'}: promoting a version changes what it uses, with no paths or version ids written into it.`,
    ),
    'No pipeline triggers another: schedules, data arrival and promotion events connect them, and each can fail and be rerun on its own.',
    'Lineage: every artifact records the run, code version and input versions that produced it, so any prediction traces back to its model and data versions.',
  ];
  return bullets(lines);
}

function latencyText(seconds: number): string {
  return seconds < 1
    ? `${String(Math.round(seconds * 1000))} ms`
    : `${String(Math.round(seconds * 10) / 10)} s`;
}

function notAPipeline(classification: readonly Classification[]): string {
  const items = classification.filter((item) => item.bucket === 'not-a-pipeline');
  return items.length === 0
    ? 'None: every component described is a pipeline step or deferred.'
    : bullets(
        items.map(
          (item) =>
            `**${plain(item.component.name)}**: ${inline(item.reason)}. Use instead: ${item.instead === undefined ? 'a tool outside the pipelines' : inline(item.instead)}.`,
        ),
      );
}

function deferred(classification: readonly Classification[], pipelines: readonly PipelinePlan[]): string {
  const items = classification.filter((item) => item.bucket === 'defer');
  const later = pipelines.slice(1);
  const roles = new Set(pipelines.map((pipeline) => (pipeline.deployed ? 'deployed' : pipeline.role)));
  const missing = STANDARD.filter(([role]) => !roles.has(role)).map(([, text]) => text);
  const lines = [
    ...items.map((item) => `**${plain(item.component.name)}**: ${inline(item.reason)}.`),
    ...missing,
    ...(later.length > 0
      ? [
          `After the MVP runs unattended, add ${later.map((pipeline) => plain(pipeline.name)).join(', then ')}, one at a time, each proven before the next.`,
        ]
      : []),
  ];
  return lines.length === 0 ? 'Nothing deferred: the MVP is the whole scope.' : bullets(lines);
}

/** The standard pipelines of an ML system, and when each earns its place if it is not in scope yet. */
const STANDARD: readonly [PipelineRole | 'deployed', string][] = [
  [
    'data',
    '**A data pipeline** (not in scope): add it when more than one pipeline reads the same prepared data, or when ingestion fails often enough that training should not wait on it.',
  ],
  [
    'training',
    '**A training pipeline** (not in scope): add it when retraining by hand happens more than monthly, or when nobody can say which data a production model saw.',
  ],
  [
    'inference',
    '**A batch inference pipeline** (not in scope): add it when consumers can use predictions that are hours old; it is cheaper and simpler than serving per request.',
  ],
  [
    'deployed',
    '**A deployed pipeline** (not in scope): add it only when a caller needs an answer within the request; benchmark it before reaching for a separate serving stack.',
  ],
];

function openQuestions(state: SessionState, pipelines: readonly PipelinePlan[]): string {
  const answers = pipelineAnswers(state);
  const endpoint = pipelines.find((pipeline) => pipeline.deployed);
  const derived = [
    ...(answers.orchestrator === undefined
      ? [
          'Which orchestrator will run the pipelines (Kubernetes, Vertex AI, SageMaker or an existing one), and can it reach every data source?',
        ]
      : []),
    ...(endpoint && answers.latency !== undefined
      ? [
          `Does ${plain(endpoint.name)} meet its ${latencyText(answers.latency)} P99 with realistic payloads? Benchmark it before building a separate serving stack.`,
        ]
      : []),
    'Who signs off a promotion to production: the evaluation step alone, or a person as well?',
  ];
  const questions = [...(answers.openQuestions ?? []), ...derived].slice(0, MAX_OPEN_QUESTIONS);
  return questions.map((question, index) => `${String(index + 1)}. ${inline(question)}`).join('\n');
}
