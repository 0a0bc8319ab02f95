/**
 * Lifecycle plans for the ops generators' tests (monitoring, retraining, CI/CD), until
 * test/support/lifecycle-plans.ts lands on main: one base plan and the variations the files differ
 * by (serving kind, batch, retraining format, CI, governance).
 */
import type { LifecyclePlan } from '../../src/protocols/lifecycle/plan-types.js';
import { THRESHOLDS } from '../../src/protocols/lifecycle/rules.js';

const monitoring: LifecyclePlan['monitoring'] = {
  latencyTargetMs: 100,
  availability: 0.999,
  psi: { ...THRESHOLDS.psi },
  accuracyDrop: { ...THRESHOLDS.accuracyDrop },
  latency: { ...THRESHOLDS.latency },
  errorRate: { ...THRESHOLDS.errorRate },
  qualityMetric: 'auc',
  lowerIsBetter: false,
};

/** Online fraud scoring on KServe (Knative), production governance, GitHub CI, Argo retraining. */
const onlineKserve: LifecyclePlan = {
  title: 'Fraud scoring',
  name: 'fraud-scoring',
  modelType: 'classification',
  framework: 'xgboost',
  target: 'online',
  governance: 'production',
  stack: 'mlflow',
  platform: 'kubernetes-kserve',
  ci: 'github',
  team: 8,
  regulated: true,
  rps: 2_000,
  latencyMs: 100,
  maturity: { level: 1, evidence: ['training: pipeline'] },
  tier: { tier: 3, why: 'regulated', recommended: 3 },
  rules: [],
  aborts: [],
  capabilities: [],
  tracking: { kind: 'mlflow-kubernetes' },
  registry: 'mlflow',
  serving: { kind: 'kserve', mode: 'Knative', modelFormat: 'xgboost' },
  scaling: {
    minReplicas: 2,
    maxReplicas: 10,
    metric: 'concurrency',
    target: 10,
    replicaRps: 250,
    replicaRpsSource: 'assumed',
  },
  resources: { cpuRequest: '1', cpuLimit: '2', memoryRequest: '2Gi', memoryLimit: '4Gi', gpus: 0 },
  rollout: { strategy: 'canary', steps: [10, 50, 100] },
  retraining: { format: 'argo', schedule: '0 3 * * 1' },
  monitoring,
  gates: { approval: true, modelCard: true, gradualRollout: true, privacyChecks: true },
  writes: { monitoring: true, retraining: true, cicd: true, modelCard: true },
};

export const OPS_PLANS = {
  onlineKserve,
  /** Nightly batch scoring, 3 people, no stack: a CronJob, GitHub Actions retraining, rmse. */
  batch: {
    ...onlineKserve,
    title: 'Nightly demand forecast',
    name: 'demand-forecast',
    modelType: 'time-series',
    framework: 'lightgbm',
    target: 'batch',
    governance: 'staging',
    stack: 'none',
    platform: 'kubernetes',
    team: 3,
    regulated: false,
    serving: { kind: 'none' },
    batch: { schedule: '0 2 * * *', kind: 'cronjob' },
    retraining: { format: 'github-actions', schedule: '0 4 * * 0' },
    monitoring: { ...monitoring, qualityMetric: 'rmse', lowerIsBetter: true },
    rollout: { strategy: 'recreate', steps: [100] },
    gates: { approval: false, modelCard: false, gradualRollout: false, privacyChecks: false },
  },
  /** Kubeflow on KServe Standard mode: a KFP v2 pipeline. */
  kubeflow: {
    ...onlineKserve,
    name: 'churn-model',
    title: 'Churn model',
    stack: 'kubeflow',
    serving: { kind: 'kserve', mode: 'Standard', modelFormat: 'sklearn' },
    // Standard mode scales with an HPA, on cpu or memory only: concurrency is Knative's.
    scaling: {
      minReplicas: 2,
      maxReplicas: 10,
      metric: 'cpu',
      target: 70,
      replicaRps: 250,
      replicaRpsSource: 'assumed',
    },
    retraining: { format: 'kfp', schedule: '0 5 * * *' },
  },
  /** GitLab CI and GitLab retraining on a plain Deployment, availability 99.5%. */
  gitlab: {
    ...onlineKserve,
    name: 'ranker',
    title: 'Search ranker',
    modelType: 'ranking',
    ci: 'gitlab',
    platform: 'kubernetes',
    serving: { kind: 'deployment' },
    retraining: { format: 'gitlab', schedule: '30 1 * * *' },
    monitoring: { ...monitoring, availability: 0.995, latencyTargetMs: 250, qualityMetric: 'ndcg' },
  },
  /** Airflow retraining, a managed endpoint, hybrid (online plus an hourly batch). */
  airflow: {
    ...onlineKserve,
    name: 'recs',
    title: 'Recommendations',
    modelType: 'recommendation',
    target: 'hybrid',
    serving: { kind: 'managed', cloud: 'sagemaker' },
    batch: { schedule: '0 * * * *', kind: 'scheduled-workflow' },
    retraining: { format: 'airflow', schedule: '0 6 * * *' },
  },
  /** No CI and no retraining, an edge model: drift and quality alerts only. */
  ciNone: {
    ...onlineKserve,
    name: 'defect-vision',
    title: 'Defect detection',
    modelType: 'computer-vision',
    target: 'edge',
    ci: 'none',
    governance: 'experimental',
    serving: { kind: 'edge', format: 'onnx' },
    retraining: { format: 'none', why: 'experimental governance: retrain by hand' },
    rollout: { strategy: 'staged-devices', steps: [5, 25, 100] },
    gates: { approval: false, modelCard: false, gradualRollout: false, privacyChecks: false },
  },
} satisfies Record<string, LifecyclePlan>;
