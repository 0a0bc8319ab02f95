/**
 * Lifecycle plans for the file generators' tests: the inputs of the shipped examples and the
 * variants the examples do not reach (Knative, plain Deployments, compose, each retraining format),
 * each built by the product's own planOf so a test never hand-writes a plan the rules would not make.
 */
import { planOf, type LifecycleInputs } from '../../src/protocols/lifecycle/plan.js';
import type { LifecyclePlan } from '../../src/protocols/lifecycle/plan-types.js';

/** What every plan below shares; the online ones add a rate and a latency target. */
const common: LifecycleInputs = {
  title: 'Fraud scoring',
  modelType: 'classification',
  target: 'online',
  governance: 'production',
  stack: 'mlflow',
  platform: 'kubernetes-kserve',
  team: 8,
  framework: 'xgboost',
  modelSizeBytes: 200e6,
  regulated: true,
  ci: 'github',
  orchestrator: 'none',
  server: 'auto',
  explainability: false,
  training: 'scripted',
  deployment: 'manual',
  retraining: 'manual',
};

const base: LifecycleInputs = { ...common, rps: 2_000, latencyMs: 150 };

export const INPUTS = {
  /** Online fraud scoring on KServe (Standard mode), production, regulated, GitHub, Argo retraining. */
  fraudKserve: base,
  /** The same on KServe's Knative mode: concurrency scaling and canaryTrafficPercent. */
  fraudKnative: { ...base, title: 'Fraud scoring knative', kserveMode: 'Knative' },
  /** Nightly batch churn scoring, 3 people, no stack, plain Kubernetes, GitHub Actions retraining. */
  churnBatch: {
    ...common,
    title: 'Churn batch scoring',
    target: 'batch',
    dataVolumeBytes: 50e9,
    governance: 'staging',
    stack: 'none',
    platform: 'kubernetes',
    team: 3,
    regulated: false,
  },
  /** An edge computer-vision model shipped to devices, GitLab, W&B for tracking. */
  edgeVision: {
    ...common,
    title: 'Shelf camera detector',
    modelType: 'computer-vision',
    target: 'edge',
    latencyMs: 30,
    framework: 'pytorch',
    modelSizeBytes: 25e6,
    stack: 'wandb',
    platform: 'vms',
    ci: 'gitlab',
    team: 6,
    regulated: false,
  },
  /** An LLM behind Vertex AI: managed endpoint, KFP on Vertex Pipelines, production. */
  llmVertex: {
    ...base,
    title: 'Support answer drafting',
    modelType: 'generative',
    framework: 'huggingface',
    rps: 20,
    latencyMs: 2_000,
    modelSizeBytes: 16e9,
    stack: 'vertex_ai',
    platform: 'cloud-managed',
    team: 12,
    regulated: false,
    concurrentUsers: 400,
  },
  /** Online on plain Kubernetes: Deployment, Service, HPA, PDB; Kubeflow pipelines. */
  rankingDeployment: {
    ...base,
    title: 'Search ranking',
    modelType: 'ranking',
    framework: 'lightgbm',
    platform: 'kubernetes',
    stack: 'kubeflow',
    latencyMs: 80,
    rps: 5_000,
    regulated: false,
  },
  /** Online on virtual machines with docker compose, Airflow retraining, staging. */
  demandCompose: {
    ...base,
    title: 'Demand forecast',
    modelType: 'time-series',
    framework: 'sklearn',
    platform: 'vms',
    stack: 'none',
    orchestrator: 'airflow',
    governance: 'staging',
    rps: 50,
    latencyMs: 300,
    regulated: false,
  },
  /** SageMaker endpoint, GitLab CI. */
  sagemakerOnline: {
    ...base,
    title: 'Claims triage',
    framework: 'sklearn',
    platform: 'cloud-managed',
    stack: 'sagemaker',
    ci: 'gitlab',
    regulated: false,
  },
  /** A hybrid target without CI: batch plus online, tier 1 (experimental). */
  hybridExperimental: {
    ...base,
    title: 'Price suggestions',
    modelType: 'regression',
    target: 'hybrid',
    governance: 'experimental',
    platform: 'kubernetes',
    stack: 'none',
    ci: 'none',
    regulated: false,
    team: 2,
  },
  /** Hybrid recommendations on KServe Knative, the Triton runtime the team chose, Kubeflow, GitLab, staging. */
  recsTriton: {
    ...common,
    title: 'Home feed recommendations',
    modelType: 'recommendation',
    framework: 'pytorch',
    target: 'hybrid',
    rps: 800,
    latencyMs: 80,
    modelSizeBytes: 1.5e9,
    replicaRps: 120,
    governance: 'staging',
    regulated: false,
    stack: 'kubeflow',
    kserveMode: 'Knative',
    server: 'triton',
    orchestrator: 'kubeflow',
    ci: 'gitlab',
    team: 7,
    training: 'pipeline',
    deployment: 'scripted',
    retraining: 'scheduled',
  },
} satisfies Record<string, LifecycleInputs>;

export type PlanName = keyof typeof INPUTS;

export const PLANS: Readonly<Record<PlanName, LifecyclePlan>> = Object.fromEntries(
  Object.entries(INPUTS).map(([name, inputs]) => [name, planOf(inputs)]),
) as Record<PlanName, LifecyclePlan>;
