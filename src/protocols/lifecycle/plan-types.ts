/**
 * The lifecycle plan: every decision the lifecycle session makes, as one value. The files under
 * `mlops/` are rendered from it and from nothing else (src/render/lifecycle/), so a file never
 * decides anything a reader of mlops_plan.md could not see. Built by `planOf` (plan.ts) from the
 * typed answers; pure data, no functions.
 */
import type { DeploymentTarget, Fired, Governance, Platform, Stack, Tier } from './rules.js';

export type ModelType =
  | 'classification'
  | 'regression'
  | 'clustering'
  | 'ranking'
  | 'generative'
  | 'time-series'
  | 'recommendation'
  | 'computer-vision'
  | 'nlp';

/** The framework a model is trained in, which fixes its serialised format and the servers that load it. */
export type Framework =
  'sklearn' | 'xgboost' | 'lightgbm' | 'pytorch' | 'tensorflow' | 'onnx' | 'huggingface' | 'custom';

export type Ci = 'github' | 'gitlab' | 'none';

/** How the model is served, which decides the deployment files. */
export type Serving =
  /** A KServe InferenceService; `mode` decides which autoscaling and canary fields are valid. */
  | {
      readonly kind: 'kserve';
      readonly mode: 'Standard' | 'Knative';
      /** KServe's modelFormat name (sklearn, xgboost, lightgbm, pytorch, tensorflow, onnx, huggingface). */
      readonly modelFormat: string;
      /** The ServingRuntime the team chose (kserve-tritonserver...); absent, KServe picks by format. */
      readonly runtime?: string;
    }
  /** A plain Kubernetes Deployment + Service + HPA + PodDisruptionBudget running an MLflow model server. */
  | { readonly kind: 'deployment' }
  /** A managed cloud endpoint, deployed by the cloud's CLI. */
  | { readonly kind: 'managed'; readonly cloud: 'vertex_ai' | 'sagemaker' | 'azure_ml' | 'databricks' }
  /** A container on virtual machines, run by docker compose. */
  | { readonly kind: 'compose' }
  /** Exported to a device format and shipped to devices in stages. */
  | { readonly kind: 'edge'; readonly format: 'onnx' | 'tflite' | 'torchscript' }
  /** No online endpoint. */
  | { readonly kind: 'none' };

/** Batch scoring, when the target needs it: a Kubernetes CronJob or a scheduled job elsewhere. */
export interface BatchScoring {
  /** Cron, five fields, UTC. */
  readonly schedule: string;
  readonly kind: 'cronjob' | 'scheduled-workflow';
}

export interface Scaling {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** What the autoscaler tracks: cpu/memory (Standard KServe, HPA), concurrency/rps (Knative only). */
  readonly metric: 'cpu' | 'memory' | 'concurrency' | 'rps';
  /** The target: percent utilisation for cpu/memory, in-flight requests or requests a second otherwise. */
  readonly target: number;
  /** Requests a second one replica is assumed (or was measured) to serve, and where that came from. */
  readonly replicaRps: number;
  readonly replicaRpsSource: 'measured' | 'assumed';
}

export interface Resources {
  /** Kubernetes quantities, e.g. "1", "500m", "2Gi". */
  readonly cpuRequest: string;
  readonly cpuLimit: string;
  readonly memoryRequest: string;
  readonly memoryLimit: string;
  readonly gpus: number;
}

/** The rollout a new version takes in production. */
export interface Rollout {
  readonly strategy: 'canary' | 'blue-green' | 'recreate' | 'staged-devices';
  /** Percent of traffic (or devices) at each step before the next, ending at 100. */
  readonly steps: readonly number[];
}

/** Where the tracking server runs: self-hosted MLflow (Kubernetes or compose), or the stack's own. */
export type Tracking =
  | { readonly kind: 'mlflow-kubernetes' }
  | { readonly kind: 'mlflow-compose' }
  /** A managed MLflow (Databricks, SageMaker, Azure ML) or another tracker the team already runs. */
  | { readonly kind: 'existing'; readonly tool: string };

export type Retraining =
  | { readonly format: 'argo'; readonly schedule: string }
  | { readonly format: 'kfp'; readonly schedule: string }
  | { readonly format: 'github-actions'; readonly schedule: string }
  | { readonly format: 'gitlab'; readonly schedule: string }
  | { readonly format: 'airflow'; readonly schedule: string }
  | { readonly format: 'none'; readonly why: string };

/** One of the five capabilities of the MLOps engineer specification, its tool and why. */
export interface Capability {
  readonly id: 'orchestration' | 'registry' | 'ci-cd' | 'monitoring' | 'testing';
  readonly tool: string;
  readonly why: string;
}

/** The monitoring thresholds, as the alert rules and the plan state them. */
export interface Monitoring {
  /** The latency target the p95 alert compares with, in milliseconds (online targets). */
  readonly latencyTargetMs?: number;
  /** The availability SLO over 30 days, e.g. 0.999; the burn-rate alerts are computed from it. */
  readonly availability: number;
  readonly psi: { readonly monitor: number; readonly investigate: number; readonly retrain: number };
  readonly accuracyDrop: { readonly investigate: number; readonly retrain: number };
  readonly latency: { readonly factor: number; readonly minutes: number };
  readonly errorRate: { readonly alert: number; readonly page: number };
  /** The metric the accuracy alert reads (auc, f1, rmse, ndcg...), by model type. */
  readonly qualityMetric: string;
  /** Whether a lower value of the quality metric is better (rmse, mape). */
  readonly lowerIsBetter: boolean;
}

export interface LifecyclePlan {
  readonly title: string;
  /** A DNS-1123 label made from the title: Kubernetes names, the registered model, the image. */
  readonly name: string;
  readonly modelType: ModelType;
  readonly framework: Framework;
  readonly target: DeploymentTarget;
  readonly governance: Governance;
  readonly stack: Stack;
  readonly platform: Platform;
  readonly ci: Ci;
  readonly team: number;
  readonly regulated: boolean;
  readonly rps?: number;
  readonly latencyMs?: number;
  readonly dataVolumeBytes?: number;
  readonly concurrentUsers?: number;
  readonly modelSizeBytes?: number;
  readonly maturity: { readonly level: 0 | 1 | 2; readonly evidence: readonly string[] };
  readonly tier: { readonly tier: Tier; readonly why: string; readonly recommended: Tier };
  /** Every rule that fired, in the order the plan lists them (stack, deployment, gates). */
  readonly rules: readonly Fired[];
  /** Conflicts that stop the plan: when any, no file is written. */
  readonly aborts: readonly string[];
  readonly capabilities: readonly Capability[];
  readonly tracking: Tracking;
  /**
   * The registry: MLflow's, self-hosted or managed, on every stack, so that promotion, retraining and
   * rollback are the same commands everywhere; aliases and tags, never stages. A managed endpoint
   * (Vertex AI, SageMaker...) holds only the serving copy of each version.
   */
  readonly registry: 'mlflow';
  readonly serving: Serving;
  readonly batch?: BatchScoring;
  readonly scaling?: Scaling;
  readonly resources: Resources;
  readonly rollout: Rollout;
  readonly retraining: Retraining;
  readonly monitoring: Monitoring;
  /** Quality gates in force: rollback always; approval, model card, gradual rollout at production. */
  readonly gates: {
    readonly approval: boolean;
    readonly modelCard: boolean;
    readonly gradualRollout: boolean;
    readonly privacyChecks: boolean;
  };
  /** Which groups of files the tier writes. */
  readonly writes: {
    readonly monitoring: boolean;
    readonly retraining: boolean;
    readonly cicd: boolean;
    readonly modelCard: boolean;
  };
}
