/**
 * The lifecycle's questions read a colleague's words and say how they read them; planOf decides
 * serving, scaling, rollout, tracking and retraining by rule; every conflict stops the plan naming
 * the question to change, and its near miss does not.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkLifecycleFiles, renderLifecycle } from '../../src/render/lifecycle/index.js';
import { LIFECYCLE_STEPS } from '../../src/protocols/lifecycle/slots.js';
import { conflictsOf, nameOf, planOf, type LifecycleInputs } from '../../src/protocols/lifecycle/plan.js';
import type { QuestionSlot } from '../../src/protocol/types.js';
import { INPUTS, PLANS } from '../support/lifecycle-plans.js';

const slot = (id: string): QuestionSlot => {
  const found = LIFECYCLE_STEPS.find((step) => step.id === id);
  if (found?.kind !== 'question') throw new Error(`no question ${id}`);
  return found;
};

/** The value a question reads from the words, and what it says back. */
const read = (id: string, words: string): { value: unknown; said: string | undefined } => {
  const question = slot(id);
  const parsed = question.parse(words);
  if (!parsed.ok) throw new Error(`${id} refused "${words}": ${parsed.error}`);
  return { value: parsed.value, said: question.readAs?.(parsed.value, words) };
};

const refusal = (id: string, words: string): string => {
  const parsed = slot(id).parse(words);
  if (parsed.ok) throw new Error(`${id} read "${words}" as ${JSON.stringify(parsed.value)}`);
  return parsed.error;
};

describe('the questions read what a colleague types, and say how', () => {
  it.each([
    [
      'lifecycle.platform',
      'k8s with KServe',
      'kubernetes-kserve',
      'Kubernetes with KServe (kubernetes-kserve)',
    ],
    ['lifecycle.platform', 'EKS', 'kubernetes', 'Kubernetes (kubernetes)'],
    ['lifecycle.platform', 'on-prem VMs', 'vms', 'Virtual machines (vms)'],
    ['lifecycle.framework', 'scikit-learn', 'sklearn', 'scikit-learn (sklearn)'],
    ['lifecycle.framework', 'Keras', 'tensorflow', 'TensorFlow (tensorflow)'],
    ['lifecycle.stack', 'GCP Vertex', 'vertex_ai', 'Vertex AI (vertex_ai)'],
    ['lifecycle.stack', 'W&B', 'wandb', 'Weights & Biases (wandb)'],
    ['lifecycle.model-type', 'LLM', 'generative', 'Generative (generative)'],
    ['lifecycle.model-type', 'demand forecasting', 'time-series', 'Time series (time-series)'],
    ['lifecycle.deployment-target', 'real-time API', 'online', 'Online (online)'],
    ['lifecycle.retraining', 'when someone notices', 'manual', 'By hand, when someone notices (manual)'],
    ['lifecycle.deployment', 'GitHub Actions', 'ci-cd', 'A CI/CD pipeline (ci-cd)'],
    ['lifecycle.ci', 'GitHub Actions', 'github', 'GitHub Actions (github)'],
  ])('%s reads "%s" as %s', (id, words, value, said) => {
    expect(read(id, words)).toEqual({ value, said });
  });

  it('takes the value itself without a reading, in any case or with underscores', () => {
    expect(read('lifecycle.stack', 'vertex_ai')).toEqual({ value: 'vertex_ai', said: undefined });
    expect(read('lifecycle.framework', 'XGBoost')).toEqual({ value: 'xgboost', said: undefined });
    expect(read('lifecycle.platform', 'kubernetes_kserve').value).toBe('kubernetes-kserve');
  });

  it('reads rates, latencies, sizes, parameters and teams the way engineers write them', () => {
    expect(read('lifecycle.rps', '~5k rps at peak')).toEqual({
      value: 5000,
      said: '5,000/s at peak',
    });
    expect(read('lifecycle.rps', '432M requests/day').value).toBe(5000);
    expect(read('lifecycle.latency', 'p95 150ms')).toMatchObject({ value: 150 });
    expect(read('lifecycle.latency', 'P50 20ms, P99 100ms').said).toBe(
      '100 ms (the P99 given, taken as the target): the p95 target the latency alert compares with',
    );
    expect(read('lifecycle.latency', 'the nightly run must finish within 4h')).toEqual({
      value: undefined,
      said: 'a batch deadline of 4h: no request latency target',
    });
    expect(read('lifecycle.model-size', '7B parameters')).toEqual({
      value: 14e9,
      said: '7,000,000,000 parameters x 2 bytes (fp16) = 14 GB',
    });
    expect(read('lifecycle.team', '3 DS + 1 MLE')).toEqual({ value: 4, said: '4 engineers (3 DS + 1 MLE)' });
    expect(read('lifecycle.availability', 'four nines')).toEqual({
      value: 0.9999,
      said: '99.99% (four nines)',
    });
    expect(read('lifecycle.regulated', 'HIPAA').value).toBe(true);
    expect(read('lifecycle.regulated', 'no, internal analytics only').value).toBe(false);
    expect(read('lifecycle.data-volume', 'not stated').value).toBeUndefined();
  });

  it('refuses words that name two values, naming both, and a per-user rate, asking for the total', () => {
    expect(refusal('lifecycle.stack', 'mlflow on databricks')).toBe(
      '"mlflow on databricks" could mean mlflow or databricks: answer one of mlflow, kubeflow, vertex_ai, sagemaker, azure_ml, databricks, neptune, wandb, custom, none',
    );
    expect(refusal('lifecycle.rps', '10 requests per user per day')).toContain(
      'is a rate per user: give the total',
    );
    expect(refusal('lifecycle.ci', 'Jenkins')).toBe('expected one of github, gitlab, none, got "Jenkins"');
  });
});

const base = INPUTS.fraudKserve;

describe('planOf decides by rule', () => {
  it('serves by target and platform', () => {
    const kind = (inputs: Partial<LifecycleInputs>): string => planOf({ ...base, ...inputs }).serving.kind;
    expect(kind({})).toBe('kserve');
    expect(kind({ platform: 'kubernetes' })).toBe('deployment');
    expect(kind({ platform: 'vms' })).toBe('compose');
    expect(kind({ platform: 'cloud-managed', stack: 'sagemaker' })).toBe('managed');
    expect(kind({ target: 'edge' })).toBe('edge');
    expect(kind({ target: 'batch' })).toBe('none');
    expect(planOf({ ...base, target: 'hybrid', platform: 'kubernetes' }).batch).toEqual({
      schedule: '0 1 * * *',
      kind: 'cronjob',
    });
  });

  it('sizes replicas from the peak with 50% headroom, two at least at production, capped by a stated cap', () => {
    expect(planOf(base).scaling).toMatchObject({ minReplicas: 2, maxReplicas: 15, replicaRps: 200 });
    expect(planOf({ ...base, replicaRps: 500 }).scaling).toMatchObject({
      maxReplicas: 6,
      replicaRpsSource: 'measured',
    });
    expect(planOf({ ...base, governance: 'staging' }).scaling?.minReplicas).toBe(1);
    expect(planOf({ ...base, maxReplicas: 12 }).scaling?.maxReplicas).toBe(12);
  });

  it('runs the server the team chose as its KServe runtime, and lets KServe pick by format otherwise', () => {
    expect(planOf(INPUTS.recsTriton).serving).toEqual({
      kind: 'kserve',
      mode: 'Knative',
      modelFormat: 'pytorch',
      runtime: 'kserve-tritonserver',
    });
    expect(planOf(base).serving).toEqual({ kind: 'kserve', mode: 'Standard', modelFormat: 'xgboost' });
  });

  it("scales on concurrency only in Knative mode, by Little's law", () => {
    expect(planOf({ ...base, kserveMode: 'Knative' }).scaling).toMatchObject({
      metric: 'concurrency',
      target: 30,
    });
    expect(planOf(base).scaling).toMatchObject({ metric: 'cpu', target: 70 });
  });

  it('rolls out gradually only at production, in four steps at tier 3', () => {
    expect(planOf(base).rollout).toEqual({ strategy: 'canary', steps: [5, 25, 50, 100] });
    expect(planOf({ ...base, regulated: false, team: 3 }).rollout).toEqual({
      strategy: 'canary',
      steps: [10, 100],
    });
    expect(planOf({ ...base, governance: 'staging' }).rollout.strategy).toBe('recreate');
    expect(planOf({ ...base, target: 'edge' }).rollout.strategy).toBe('staged-devices');
  });

  it('retrains in the orchestrator the team runs, else by team size and CI', () => {
    const format = (inputs: Partial<LifecycleInputs>): string =>
      planOf({ ...base, ...inputs }).retraining.format;
    expect(format({})).toBe('argo');
    expect(format({ stack: 'kubeflow' })).toBe('kfp');
    expect(format({ stack: 'vertex_ai', platform: 'cloud-managed' })).toBe('kfp');
    expect(format({ orchestrator: 'airflow' })).toBe('airflow');
    expect(format({ team: 3, regulated: false })).toBe('github-actions');
    expect(format({ team: 3, regulated: false, ci: 'gitlab' })).toBe('gitlab');
    expect(format({ governance: 'experimental', regulated: false })).toBe('none');
  });

  it('tracks where the stack already tracks, else on a self-hosted MLflow', () => {
    expect(planOf(base).tracking).toEqual({ kind: 'mlflow-kubernetes' });
    expect(planOf({ ...base, platform: 'vms' }).tracking).toEqual({ kind: 'mlflow-compose' });
    expect(planOf({ ...base, stack: 'databricks' }).tracking).toEqual({
      kind: 'existing',
      tool: 'Databricks managed MLflow',
    });
    // Google Cloud has no managed MLflow: a small server under docker compose keeps one registry everywhere.
    expect(planOf({ ...base, stack: 'vertex_ai', platform: 'cloud-managed' }).tracking).toEqual({
      kind: 'mlflow-compose',
    });
  });

  it('writes monitoring, retraining and CI/CD from tier 2, the model card at production', () => {
    expect(planOf({ ...base, tier: 1 }).writes).toEqual({
      monitoring: false,
      retraining: false,
      cicd: false,
      modelCard: true,
    });
    expect(planOf({ ...base, tier: 2, ci: 'none' }).writes).toMatchObject({ monitoring: true, cicd: false });
    expect(planOf({ ...base, governance: 'staging', regulated: false, team: 3 }).writes.modelCard).toBe(
      false,
    );
  });

  it('names resources with a DNS-1123 label', () => {
    expect(nameOf('Card fraud scoring (v2)!')).toBe('card-fraud-scoring-v2');
    expect(nameOf('2024 churn')).toBe('model-2024-churn');
    expect(nameOf('x'.repeat(80))).toHaveLength(40);
  });
});

describe('every conflict stops the plan naming the question to change; its near miss does not', () => {
  const questions = (inputs: Partial<LifecycleInputs>): string[] =>
    conflictsOf({ ...base, ...inputs }).map((conflict) => conflict.question);

  it.each([
    [
      'a keras model on TorchServe',
      { framework: 'tensorflow', server: 'torchserve' },
      { framework: 'pytorch', server: 'torchserve' },
      'lifecycle.server',
    ],
    [
      'a replica cap short of the peak',
      { maxReplicas: 9, replicaRps: 200 },
      { maxReplicas: 10, replicaRps: 200 },
      'lifecycle.max-replicas',
    ],
    [
      'explanations required of a generative model',
      { explainability: true, modelType: 'generative', framework: 'huggingface' },
      { explainability: true },
      'lifecycle.explainability',
    ],
    [
      'an edge target with no export path',
      { target: 'edge', framework: 'custom' },
      { target: 'edge', framework: 'pytorch' },
      'lifecycle.framework',
    ],
    [
      'under 50 ms on a device with a model over 1 GB',
      { target: 'edge', latencyMs: 40, modelSizeBytes: 2e9 },
      { target: 'edge', latencyMs: 50, modelSizeBytes: 2e9 },
      'lifecycle.model-size',
    ],
  ] as const)('%s', (_name, conflict, nearMiss, question) => {
    expect(questions(conflict)).toEqual([question]);
    expect(questions(nearMiss)).toEqual([]);
  });

  it('lists every conflict in the plan, and the plan of a conflicting session writes nothing', () => {
    const plan = planOf({
      ...base,
      framework: 'tensorflow',
      server: 'torchserve',
      explainability: true,
      modelType: 'generative',
    });
    expect(plan.aborts).toHaveLength(2);
  });
});

describe('the product checks its files before writing them', () => {
  const template = readFileSync(new URL('../../templates/mlops_plan.md', import.meta.url), 'utf8');

  it('refuses an MLproject that lacks an entry point the retraining pipeline runs, and passes the real one', () => {
    const files = renderLifecycle(template, PLANS.fraudKserve);
    expect(checkLifecycleFiles(files)).toEqual([]);
    const broken = files.map((file) =>
      file.path.endsWith('MLproject')
        ? { ...file, content: file.content.replace(/^ {2}validate_data:/m, '  check_data:') }
        : file,
    );
    expect(checkLifecycleFiles(broken)).toEqual([
      'MLproject: entry_points: the retraining pipeline runs "validate_data", which it does not define',
    ]);
  });

  it('refuses a registry policy that names a stage', () => {
    const files = renderLifecycle(template, PLANS.churnBatch).map((file) =>
      file.path.endsWith('registry/policy.yaml')
        ? {
            ...file,
            content: file.content.replace(/means: the candidate under evaluation.*$/m, 'means: Staging'),
          }
        : file,
    );
    expect(checkLifecycleFiles(files)).toEqual([
      'registry/policy.yaml: (top): names a registry stage: stages are deprecated since MLflow 2.9, use aliases and tags',
    ]);
  });
});
