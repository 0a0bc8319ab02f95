/**
 * The lifecycle protocol's questions, decision and derived results, in the order they are asked.
 * Ids are a public contract (issue 17): answers files are keyed by them.
 */
import { formatBytes, formatDuration, formatPercent } from '../../estimation/index.js';
import { readCount, readPercent, readRate, readSize } from '../../estimation/reader/kinds.js';
import { fail, ok, type Result } from '../../lib/result.js';
import { asText, NOT_STATED, parseTeamSize, readTeamSize } from '../../protocol/answer-text.js';
import { approvalSlotFor, question } from '../../protocol/common-slots.js';
import { askAgain } from '../../protocol/machine.js';
import type {
  DecisionSlot,
  DeriveStep,
  QuestionSlot,
  RawAnswer,
  SessionState,
} from '../../protocol/types.js';
import { parseLatencyTarget } from '../design/read-latency.js';
import { parseModelSize } from '../design/requirements.js';
import { carriedPrefill } from './carry.js';
import { choiceReading, readChoice, readYesNo, type Choice } from './choices.js';
import {
  CI_CHOICES,
  CLOUD_CHOICES,
  DEPLOYMENT_CHOICES,
  FRAMEWORK_CHOICES,
  GOVERNANCE_CHOICES,
  KSERVE_MODE_CHOICES,
  MODEL_TYPE_CHOICES,
  ORCHESTRATOR_CHOICES,
  PLATFORM_CHOICES,
  RETRAINING_CHOICES,
  SERVER_CHOICES,
  STACK_CHOICES,
  TARGET_CHOICES,
  TRAINING_CHOICES,
} from './choice-lists.js';
import { assessmentOf, hasScale, lifecycleInputs, SCALE_IDS } from './model.js';
import { conflictsOf, planOf } from './plan.js';

export const LIFECYCLE_PHASES = [
  { id: 'model', title: 'The model' },
  { id: 'scale', title: 'Scale' },
  { id: 'practice', title: 'How it is done today' },
  { id: 'context', title: 'Governance, stack and team' },
  { id: 'plan', title: 'The plan' },
] as const;

const textOf = (raw: RawAnswer): string => asText(raw).trim();
const notStated = (raw: RawAnswer): boolean =>
  NOT_STATED.test(textOf(raw)) || /^not (?:known|measured|capped)$/i.test(textOf(raw));

/** A question whose answer is one of a list, read from a colleague's words. */
function choiceQuestion<T extends string>(
  slot: Omit<QuestionSlot<T>, 'kind' | 'answer' | 'parse' | 'readAs' | 'choices'> & {
    readonly list: readonly Choice<T>[];
  },
): QuestionSlot {
  const { list, ...rest } = slot;
  return question<T>({
    ...rest,
    kind: 'question',
    answer: 'choice',
    choices: list.map(({ value, label }) => ({ value, label })),
    parse: (raw) => {
      const read = readChoice(list, raw);
      return read.ok ? ok(read.value.value) : read;
    },
    readAs: (value, raw) => choiceReading(list, value, raw),
  });
}

/** An optional number: "not stated" leaves it out. */
const optionalNumber =
  (
    read: (text: string) => Result<{ readonly value: number; readonly read: string }>,
    label: string,
    example: string,
  ) =>
  (raw: RawAnswer): Result<number | undefined> => {
    if (notStated(raw)) return ok(undefined);
    const parsed = read(textOf(raw));
    if (!parsed.ok) return parsed;
    return parsed.value.value > 0
      ? ok(parsed.value.value)
      : fail(`expected ${label} above zero, e.g. "${example}"`);
  };

const readingOf =
  (read: (text: string) => Result<{ readonly read: string }>) =>
  (value: unknown, raw: RawAnswer): string | undefined => {
    if (value === undefined) return undefined;
    const parsed = read(textOf(raw));
    return parsed.ok ? parsed.value.read : undefined;
  };

const rateValue = (text: string): Result<{ value: number; read: string }> => {
  const rate = readRate(text);
  if (!rate.ok) return rate;
  if (rate.value.value.perUser)
    return fail(`"${text}" is a rate per user: give the total, e.g. "2,000 requests a second at peak"`);
  // The engine's note about deriving an average is the design protocol's; here the peak is the input.
  return ok({
    value: rate.value.value.perSecond,
    read: rate.value.read.replace(/, a peak: the average is derived from it/, ' at peak'),
  });
};

const countValue = (text: string): Result<{ value: number; read: string }> => readCount(text);

function parseLatency(raw: RawAnswer): Result<number | undefined> {
  if (notStated(raw)) return ok(undefined);
  const target = parseLatencyTarget(raw);
  if (!target.ok) return target;
  // A batch deadline is not a request latency: the plan reads the target as batch instead.
  if (target.value.deadline !== undefined) return ok(undefined);
  return ok(Math.round(target.value.p99 * 1000 * 1000) / 1000);
}

const isOnline = (state: SessionState): boolean => {
  const target = state.answers['lifecycle.deployment-target']?.value;
  return target === 'online' || target === 'hybrid';
};

const onKserve = (state: SessionState): boolean =>
  state.answers['lifecycle.platform']?.value === 'kubernetes-kserve' && isOnline(state);

const needsCloud = (state: SessionState): boolean =>
  state.answers['lifecycle.platform']?.value === 'cloud-managed' &&
  !['vertex_ai', 'sagemaker', 'azure_ml', 'databricks'].includes(
    String(state.answers['lifecycle.stack']?.value),
  );

const REGIMES =
  /\b(?:gdpr|hipaa|pci(?:[- ]dss)?|sox|fca|finra|sec|fda|eu ai act|basel|ccpa|glba|banking|insurance|healthcare|medical)\b/i;

const STEPS: (QuestionSlot | DecisionSlot | DeriveStep)[] = [
  choiceQuestion({
    id: 'lifecycle.model-type',
    phase: 'model',
    title: 'Model type',
    when: 'always',
    prompt: 'What kind of model is it?',
    help: 'It sets the quality metric the accuracy alert watches (AUC, RMSE, NDCG...) and whether a GPU is needed.',
    example: 'classification',
    list: MODEL_TYPE_CHOICES,
  }),
  choiceQuestion({
    id: 'lifecycle.framework',
    phase: 'model',
    title: 'Framework',
    when: 'always',
    prompt:
      'What is it trained in: sklearn, xgboost, lightgbm, pytorch, tensorflow, onnx, huggingface or custom?',
    help: 'The framework fixes the serialised format, and so which model servers can load it and whether it exports to a device.',
    example: 'xgboost',
    list: FRAMEWORK_CHOICES,
  }),
  question({
    kind: 'question',
    id: 'lifecycle.model-size',
    phase: 'model',
    title: 'Model size',
    when: 'always',
    answer: 'size',
    prompt:
      'How large is the model in memory? (bytes, or parameters: 7B parameters is about 14 GB in fp16; "not stated" if unknown)',
    help: 'Past about 1 GB, cold starts and rollouts take minutes: the plan adds compression or staged loading and sizes memory from it.',
    example: '200 MB',
    optional: { default: 'not stated', note: 'not stated' },
    parse: (raw) => {
      const size = parseModelSize(raw);
      return size.ok ? ok(size.value?.bytes) : size;
    },
    readAs: (bytes: number | undefined, raw) => {
      if (bytes === undefined) return undefined;
      const size = parseModelSize(raw);
      return size.ok && size.value?.derivation ? size.value.derivation : `${formatBytes(bytes)} in memory`;
    },
  }),
  choiceQuestion({
    id: 'lifecycle.deployment-target',
    phase: 'model',
    title: 'Deployment target',
    when: 'always',
    prompt: 'Where do its predictions happen: batch, online, edge, embedded or hybrid (batch and online)?',
    help: 'Batch precomputes predictions on a schedule; online answers each request; edge and embedded run on the device.',
    example: 'online',
    list: TARGET_CHOICES,
  }),
  question({
    kind: 'question',
    id: 'lifecycle.rps',
    phase: 'scale',
    title: 'Request rate',
    when: 'always',
    answer: 'rate',
    prompt: 'How many predictions a second at peak? ("not stated" for batch)',
    help: "Over 1,000 a second the plan autoscales and caches; the replica count is the peak with 50% headroom over one replica's throughput.",
    example: '~2k rps at peak',
    optional: { default: 'not stated', note: 'not stated' },
    parse: optionalNumber(rateValue, 'a rate', '2,000/s'),
    readAs: readingOf(rateValue),
  }),
  question({
    kind: 'question',
    id: 'lifecycle.latency',
    phase: 'scale',
    title: 'Latency target',
    when: 'always',
    answer: 'latency',
    prompt:
      'What latency must a prediction meet? (the p95 the alerts watch, e.g. "150ms"; "not stated" for batch)',
    help: 'Under 50 ms leaves no room for a network hop: edge or an optimised model. 50-500 ms is online serving. 500 ms or more, batch is acceptable.',
    example: 'p95 150ms',
    optional: { default: 'not stated', note: 'not stated' },
    parse: parseLatency,
    readAs: (ms: number | undefined, raw) => {
      if (ms === undefined) {
        const target = parseLatencyTarget(raw);
        return target.ok && target.value.deadline !== undefined
          ? `a batch deadline of ${formatDuration(target.value.deadline)}: no request latency target`
          : undefined;
      }
      const tail = /p\s?99/i.test(textOf(raw)) ? ' (the P99 given, taken as the target)' : '';
      return `${formatDuration(ms / 1000)}${tail}: the p95 target the latency alert compares with`;
    },
  }),
  question({
    kind: 'question',
    id: 'lifecycle.data-volume',
    phase: 'scale',
    title: 'Data volume',
    when: 'always',
    answer: 'size',
    prompt: 'How much data does one training run read? ("not stated" if unknown)',
    help: 'It decides whether training fits one machine (under about 100 GB) and how long a retraining run takes.',
    example: '50 GB',
    optional: { default: 'not stated', note: 'not stated' },
    parse: optionalNumber(readSize, 'a size', '50 GB'),
    readAs: readingOf(readSize),
  }),
  question({
    kind: 'question',
    id: 'lifecycle.concurrent-users',
    phase: 'scale',
    title: 'Concurrent users',
    when: 'always',
    answer: 'count',
    prompt: 'How many users at once, at peak? ("not stated" if unknown)',
    help: "With the latency it gives the requests in flight (Little's law), which sizes concurrency-based autoscaling.",
    example: '400',
    optional: { default: 'not stated', note: 'not stated' },
    parse: optionalNumber(countValue, 'a count', '400'),
    readAs: readingOf(countValue),
  }),
  question({
    kind: 'question',
    id: 'lifecycle.replica-rps',
    phase: 'scale',
    title: 'Throughput of one replica',
    when: 'online and hybrid targets',
    appliesTo: isOnline,
    answer: 'rate',
    prompt:
      'How many predictions a second did one replica serve in a load test? ("not measured" to use the plan\'s assumption)',
    help: 'Without a measurement the plan assumes about 200/s for a tree model on one core, 50/s for a neural network, 2/s for a generative model on one GPU, and says so.',
    example: 'not measured',
    optional: { default: 'not measured', note: 'assumed by framework' },
    parse: optionalNumber(rateValue, 'a rate', '200/s'),
    readAs: readingOf(rateValue),
  }),
  question({
    kind: 'question',
    id: 'lifecycle.max-replicas',
    phase: 'scale',
    title: 'Replica cap',
    when: 'online and hybrid targets',
    appliesTo: isOnline,
    answer: 'count',
    prompt:
      'Is there a cap on replicas (cluster capacity, GPU quota)? Give the most this model can have, or "not capped".',
    help: "A cap below the peak divided by one replica's throughput stops the plan: the infrastructure is short of the scale.",
    example: 'not capped',
    optional: { default: 'not capped', note: 'no cap' },
    parse: optionalNumber(countValue, 'a count', '20'),
    readAs: readingOf(countValue),
  }),
  choiceQuestion({
    id: 'lifecycle.training',
    phase: 'practice',
    title: 'Training today',
    when: 'always',
    prompt:
      'How is the model trained today: by hand in a notebook (manual), by a script someone runs (scripted), or by a pipeline (pipeline)?',
    help: "With deployment and retraining this is the evidence for the maturity level (Google's levels 0-2).",
    example: 'manual',
    list: TRAINING_CHOICES,
  }),
  choiceQuestion({
    id: 'lifecycle.deployment',
    phase: 'practice',
    title: 'Deployment today',
    when: 'always',
    prompt:
      'How does a new model reach production today: by hand (manual), by a script (scripted), or by a CI/CD pipeline (ci-cd)?',
    help: 'Level 2 needs the pipeline itself delivered by CI/CD, not only the model.',
    example: 'manual',
    list: DEPLOYMENT_CHOICES,
  }),
  choiceQuestion({
    id: 'lifecycle.retraining',
    phase: 'practice',
    title: 'Retraining today',
    when: 'always',
    prompt:
      'How is it retrained: never, by hand when someone notices (manual), on a schedule (scheduled), or on a trigger such as drift (triggered)?',
    help: 'Level 1 is continuous training: a pipeline that retrains on a schedule or a trigger without a person.',
    example: 'manual',
    list: RETRAINING_CHOICES,
  }),
  choiceQuestion({
    id: 'lifecycle.governance',
    phase: 'context',
    title: 'Governance',
    when: 'always',
    prompt: 'What governance level: experimental, staging or production?',
    help: 'Production adds an approval in the CI platform, a model card and a gradual rollout.',
    example: 'production',
    list: GOVERNANCE_CHOICES,
  }),
  question({
    kind: 'question',
    id: 'lifecycle.regulated',
    phase: 'context',
    title: 'Regulated',
    when: 'always',
    answer: 'choice',
    prompt:
      'Is the model in a regulated domain (finance, health, insurance; GDPR, HIPAA, PCI DSS)? yes or no',
    help: 'A regulated model gets governance and audit (the full lifecycle) and privacy checks, whatever the team size.',
    example: 'no',
    choices: [
      { value: 'no', label: 'Not regulated' },
      { value: 'yes', label: 'Regulated' },
    ],
    parse: (raw) => readYesNo(raw, REGIMES),
    readAs: (value: boolean, raw) =>
      /^(?:yes|no)$/i.test(textOf(raw)) ? undefined : value ? 'regulated (yes)' : 'not regulated (no)',
  }),
  question({
    kind: 'question',
    id: 'lifecycle.explainability',
    phase: 'context',
    title: 'Explainability',
    when: 'always',
    answer: 'choice',
    prompt: "Must each prediction come with an explanation (a regulator's or a policy's mandate)? yes or no",
    help: 'A mandate needs a framework with a maintained explainer (SHAP for trees, Captum for PyTorch); a generative model has none a regulator accepts.',
    example: 'no',
    optional: { default: 'no', note: 'no mandate' },
    choices: [
      { value: 'no', label: 'No mandate' },
      { value: 'yes', label: 'Explanations required' },
    ],
    parse: (raw) => readYesNo(raw),
  }),
  choiceQuestion({
    id: 'lifecycle.stack',
    phase: 'context',
    title: 'Existing stack',
    when: 'always',
    prompt:
      'Which ML platform do you run already: mlflow, kubeflow, vertex_ai, sagemaker, azure_ml, databricks, neptune, wandb, custom, or none?',
    help: 'An existing stack is integrated, not replaced: a second tracker or registry splits the lineage.',
    example: 'none',
    list: STACK_CHOICES,
  }),
  choiceQuestion({
    id: 'lifecycle.platform',
    phase: 'context',
    title: 'Platform',
    when: 'always',
    prompt: 'Where will it run: kubernetes, kubernetes-kserve (KServe installed), cloud-managed, or vms?',
    help: 'It decides the deployment files: an InferenceService, a Deployment with an HPA, a managed endpoint, or docker compose.',
    example: 'kubernetes',
    list: PLATFORM_CHOICES,
  }),
  choiceQuestion({
    id: 'lifecycle.cloud',
    phase: 'context',
    title: 'Cloud',
    when: 'cloud-managed platform without a managed stack',
    appliesTo: needsCloud,
    prompt: 'Which cloud: aws, gcp or azure?',
    help: "A managed platform uses that cloud's ML service (SageMaker, Vertex AI, Azure ML).",
    example: 'aws',
    list: CLOUD_CHOICES,
  }),
  choiceQuestion({
    id: 'lifecycle.kserve-mode',
    phase: 'context',
    title: 'KServe mode',
    when: 'online on kubernetes-kserve',
    appliesTo: onKserve,
    prompt:
      "KServe's deployment mode: standard (the v0.20 default: Deployments and an HPA) or knative (scale to zero, concurrency scaling, traffic-split canaries)?",
    help: 'Concurrency or rps autoscaling and canaryTrafficPercent exist only in Knative mode; Standard scales on cpu or memory.',
    example: 'standard',
    optional: { default: 'standard', note: "KServe's default" },
    list: KSERVE_MODE_CHOICES,
  }),
  choiceQuestion({
    id: 'lifecycle.server',
    phase: 'context',
    title: 'Model server',
    when: 'online and hybrid targets',
    appliesTo: isOnline,
    prompt:
      'Has a model server been chosen already: torchserve, tensorflow-serving, triton, tflite, or auto (pick by framework)?',
    help: "A server that cannot load the model's format stops the plan (a Keras model on TorchServe).",
    example: 'auto',
    optional: { default: 'auto', note: 'picked by framework' },
    list: SERVER_CHOICES,
  }),
  choiceQuestion({
    id: 'lifecycle.orchestrator',
    phase: 'context',
    title: 'Orchestrator',
    when: 'always',
    prompt: 'Does the team run a workflow orchestrator already: airflow, argo, kubeflow, or none?',
    help: 'Retraining joins the orchestrator the team already runs rather than adding one.',
    example: 'none',
    optional: { default: 'none', note: 'none' },
    list: ORCHESTRATOR_CHOICES,
  }),
  choiceQuestion({
    id: 'lifecycle.ci',
    phase: 'context',
    title: 'CI platform',
    when: 'always',
    prompt: 'Which CI platform: github, gitlab, or none?',
    help: 'The approval before production lives in the CI platform (a protected environment with reviewers), not in the registry.',
    example: 'github',
    list: CI_CHOICES,
  }),
  question({
    kind: 'question',
    id: 'lifecycle.team',
    phase: 'context',
    title: 'Team',
    when: 'always',
    answer: 'count',
    prompt: 'How many engineers will build and run this lifecycle?',
    help: "Under 5 engineers: MLflow and a simple deployment; Kubeflow's operations would take a person of their own.",
    example: '3 DS + 1 MLE',
    parse: (raw) => {
      const team = parseTeamSize(raw);
      if (!team.ok) return team;
      return team.value
        ? ok(team.value.engineers)
        : fail('expected a number of engineers, e.g. "4 engineers"');
    },
    readAs: (_team: number, raw) => {
      const read = readTeamSize(raw);
      return read.ok ? read.value?.read : undefined;
    },
  }),
  question({
    kind: 'question',
    id: 'lifecycle.availability',
    phase: 'context',
    title: 'Availability SLO',
    when: 'online and hybrid targets',
    appliesTo: isOnline,
    answer: 'percent',
    prompt:
      'What availability must the endpoint keep over 30 days? (default: 99.9% at production, 99% otherwise)',
    help: 'The burn-rate alerts page when the error budget burns 14.4 times too fast over an hour; 99.9% allows 43 minutes of errors a month.',
    example: '99.9%',
    optional: { default: 'by governance', note: '99.9% at production, 99% otherwise' },
    parse: (raw) => {
      if (/^(?:by governance|not stated|default)$/i.test(textOf(raw))) return ok(undefined);
      const read = readPercent(textOf(raw));
      if (!read.ok) return read;
      return read.value.value >= 0.9 && read.value.value < 1
        ? ok(read.value.value)
        : fail(`expected a target between 90% and 99.999%, got "${textOf(raw)}"`);
    },
    readAs: (value: number | undefined, raw) => {
      if (value === undefined) return undefined;
      const read = readPercent(textOf(raw));
      return read.ok ? read.value.read : formatPercent(value);
    },
  }),
  {
    kind: 'derive',
    id: 'lifecycle.assessment',
    phase: 'plan',
    title: 'Maturity, tier and rules',
    when: 'always',
    derive: (state) => {
      if (!hasScale(state))
        return askAgain(
          'lifecycle.rps',
          `give at least one of the request rate, the latency target, the data volume or the concurrent users (${SCALE_IDS.join(', ')}): the plan sizes nothing without one`,
        );
      const [conflict, ...more] = conflictsOf(lifecycleInputs(state));
      if (conflict)
        return askAgain(
          conflict.question,
          `the plan stops here: ${[conflict, ...more].map((item) => item.says).join('; ')}. Change this answer, or stop and resolve it first`,
        );
      return ok(assessmentOf(state));
    },
  },
  {
    kind: 'decision',
    id: 'lifecycle.tier',
    phase: 'plan',
    title: 'Tier',
    when: 'always',
    prompt: 'How deep the plan goes',
    values: [
      {
        value: 'tier-1',
        name: 'tier 1: quick assessment',
        phrases: ['tier 1', 'quick', 'assessment', 'minimal'],
        winsWhen: 'the model is experimental, or the team needs tracking and a registry before anything else',
      },
      {
        value: 'tier-2',
        name: 'tier 2: production pipeline',
        phrases: ['tier 2', 'production pipeline', 'pipeline'],
        winsWhen:
          'a small team putting a model into production: monitoring, retraining and CI/CD without the governance layer',
      },
      {
        value: 'tier-3',
        name: 'tier 3: full lifecycle',
        phrases: ['tier 3', 'full', 'full lifecycle', 'governance'],
        winsWhen:
          'regulated or production models with a team that can run governance, audit and staged rollouts',
      },
    ],
  },
  {
    kind: 'derive',
    id: 'lifecycle.plan',
    phase: 'plan',
    title: 'The lifecycle plan',
    when: 'always',
    derive: (state) => ok(planOf(lifecycleInputs(state))),
  },
];

/** Every question may take its default from a session named with --from (see carry.ts). */
export const LIFECYCLE_STEPS: (QuestionSlot | DecisionSlot | DeriveStep)[] = STEPS.map((step) =>
  step.kind === 'question'
    ? { ...step, prefill: (state: SessionState) => carriedPrefill(state, step.id) }
    : step,
);

export const lifecycleApprovalSlot = approvalSlotFor(
  LIFECYCLE_PHASES.map((phase) => phase.id),
  'plan',
);
