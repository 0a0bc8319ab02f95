/**
 * From the lifecycle session's typed answers to the plan: every choice the files make, decided
 * here by rule (rules.ts) and nowhere else. Pure: the same inputs give the same plan.
 */
import type {
  BatchScoring,
  Capability,
  Ci,
  Framework,
  LifecyclePlan,
  ModelType,
  Monitoring,
  Resources,
  Retraining,
  Rollout,
  Scaling,
  Serving,
  Tracking,
} from './plan-types.js';
import {
  abortsOf,
  deploymentRules,
  maturityOf,
  qualityGates,
  stackRules,
  THRESHOLDS,
  tierOf,
  type Conflict,
  type DeploymentTarget,
  type Governance,
  type Platform,
  type Practice,
  type Stack,
  type Tier,
} from './rules.js';

export type Cloud = 'aws' | 'gcp' | 'azure';
export type Orchestrator = 'airflow' | 'argo' | 'kubeflow' | 'none';
export type ModelServer = 'auto' | 'torchserve' | 'tensorflow-serving' | 'triton' | 'tflite';

/** The session's answers, parsed: what `planOf` decides from. */
export interface LifecycleInputs extends Practice {
  readonly title: string;
  readonly modelType: ModelType;
  readonly target: DeploymentTarget;
  readonly rps?: number;
  readonly latencyMs?: number;
  readonly dataVolumeBytes?: number;
  readonly concurrentUsers?: number;
  readonly governance: Governance;
  readonly stack: Stack;
  readonly platform: Platform;
  /** The cloud of a managed platform, when the stack does not already say it. */
  readonly cloud?: Cloud;
  /** KServe's deployment mode, on kubernetes-kserve (v0.20's default is Standard). */
  readonly kserveMode?: 'Standard' | 'Knative';
  readonly team: number;
  readonly framework: Framework;
  readonly modelSizeBytes?: number;
  readonly regulated: boolean;
  readonly ci: Ci;
  readonly orchestrator: Orchestrator;
  /** A model server the team has chosen already; 'auto' lets the plan pick by framework. */
  readonly server: ModelServer;
  /** Requests a second one replica served in a load test, when measured. */
  readonly replicaRps?: number;
  /** The most replicas the cluster or quota can give this model, when capped. */
  readonly maxReplicas?: number;
  /** Whether every prediction must come with an explanation (a regulator's or a policy's mandate). */
  readonly explainability: boolean;
  /** The availability SLO the burn-rate alerts protect, when stated (else by governance). */
  readonly availability?: number;
  /** The tier the person chose, when not the recommended one. */
  readonly tier?: Tier;
}

/** A DNS-1123 label from the title: lower case, digits and dashes, at most 40 characters. */
export function nameOf(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return /^[a-z]/.test(slug) ? slug : `model-${slug}`.replace(/-+$/, '');
}

const KSERVE_FORMAT: Readonly<Record<Framework, string>> = {
  sklearn: 'sklearn',
  xgboost: 'xgboost',
  lightgbm: 'lightgbm',
  pytorch: 'pytorch',
  tensorflow: 'tensorflow',
  onnx: 'onnx',
  huggingface: 'huggingface',
  // A custom model is packaged as an MLflow pyfunc, which KServe serves through MLServer.
  custom: 'mlflow',
};

/** The ServingRuntime KServe ships for a server the team has chosen; TFLite is a device runtime, not one. */
const KSERVE_RUNTIME: Readonly<Partial<Record<ModelServer, string>>> = {
  torchserve: 'kserve-torchserve',
  'tensorflow-serving': 'kserve-tensorflow-serving',
  triton: 'kserve-tritonserver',
};

/** Frameworks with a maintained path to a device format. */
const EDGE_FORMAT: Readonly<Partial<Record<Framework, 'onnx' | 'tflite' | 'torchscript'>>> = {
  sklearn: 'onnx',
  xgboost: 'onnx',
  lightgbm: 'onnx',
  pytorch: 'onnx',
  tensorflow: 'tflite',
  onnx: 'onnx',
  huggingface: 'onnx',
};

/** Frameworks with a maintained explainer (SHAP, Captum, Alibi); a generative model has none that a regulator accepts. */
const EXPLAINABLE: readonly Framework[] = ['sklearn', 'xgboost', 'lightgbm', 'pytorch', 'tensorflow'];

/** Serialised formats each named model server loads. */
const SERVER_FORMAT: Readonly<Record<Framework, string>> = {
  sklearn: 'sklearn',
  xgboost: 'xgboost',
  lightgbm: 'lightgbm',
  pytorch: 'pytorch',
  tensorflow: 'tensorflow',
  onnx: 'onnx',
  huggingface: 'pytorch',
  custom: 'custom',
};

/** The cloud a managed stack implies. */
const STACK_CLOUD: Readonly<Partial<Record<Stack, Cloud>>> = {
  vertex_ai: 'gcp',
  sagemaker: 'aws',
  azure_ml: 'azure',
};

const CLOUD_SERVICE: Readonly<Record<Cloud, 'vertex_ai' | 'sagemaker' | 'azure_ml'>> = {
  gcp: 'vertex_ai',
  aws: 'sagemaker',
  azure: 'azure_ml',
};

const TRACKER: Readonly<Partial<Record<Stack, string>>> = {
  databricks: 'Databricks managed MLflow',
  sagemaker: 'SageMaker managed MLflow',
  azure_ml: "Azure ML's MLflow-compatible workspace",
};

const isKubernetes = (platform: Platform): boolean =>
  platform === 'kubernetes' || platform === 'kubernetes-kserve';

/** The quality metric the accuracy alert reads, by model type, and whether lower is better. */
const QUALITY: Readonly<Record<ModelType, readonly [string, boolean]>> = {
  classification: ['auc', false],
  regression: ['rmse', true],
  clustering: ['silhouette', false],
  ranking: ['ndcg_at_10', false],
  generative: ['eval_pass_rate', false],
  'time-series': ['mape', true],
  recommendation: ['recall_at_20', false],
  'computer-vision': ['map_50', false],
  nlp: ['f1', false],
};

/**
 * Requests a second one replica serves when nobody has measured it: a tree model on one CPU core
 * answers in about 5 ms; a neural network on CPU in about 10-20 ms; a transformer or a generative
 * model is bound by its GPU. Assumptions, said as such in the plan, until a load test replaces them.
 */
function assumedReplicaRps(inputs: LifecycleInputs): number {
  if (inputs.modelType === 'generative') return 2;
  if (inputs.framework === 'huggingface') return 20;
  if (inputs.framework === 'pytorch' || inputs.framework === 'tensorflow') return 50;
  return 200;
}

function servingOf(inputs: LifecycleInputs): Serving {
  const { target, platform, framework } = inputs;
  if (target === 'batch') return { kind: 'none' };
  if (target === 'edge' || target === 'embedded')
    return { kind: 'edge', format: EDGE_FORMAT[framework] ?? 'onnx' };
  if (platform === 'kubernetes-kserve') {
    const runtime = KSERVE_RUNTIME[inputs.server];
    return {
      kind: 'kserve',
      mode: inputs.kserveMode ?? 'Standard',
      modelFormat: KSERVE_FORMAT[framework],
      ...(runtime === undefined ? {} : { runtime }),
    };
  }
  if (platform === 'kubernetes') return { kind: 'deployment' };
  if (platform === 'vms') return { kind: 'compose' };
  if (inputs.stack === 'databricks') return { kind: 'managed', cloud: 'databricks' };
  const cloud = STACK_CLOUD[inputs.stack] ?? inputs.cloud ?? 'aws';
  return { kind: 'managed', cloud: CLOUD_SERVICE[cloud] };
}

function batchOf(inputs: LifecycleInputs): BatchScoring | undefined {
  if (inputs.target !== 'batch' && inputs.target !== 'hybrid') return undefined;
  // Nightly at 01:00 UTC: after the day's data lands, before people read the scores in the morning.
  return { schedule: '0 1 * * *', kind: isKubernetes(inputs.platform) ? 'cronjob' : 'scheduled-workflow' };
}

const GI = 1024 ** 3;

function resourcesOf(inputs: LifecycleInputs, serving: Serving): Resources {
  const size = inputs.modelSizeBytes ?? 0;
  // Memory: the weights twice over (loaded copy plus a reload during a rollout), at least 1 GiB.
  const memoryGi = Math.max(1, Math.ceil((2 * size) / GI));
  const gpu =
    serving.kind !== 'none' &&
    serving.kind !== 'edge' &&
    (inputs.modelType === 'generative' ||
      (size > THRESHOLDS.largeModelBytes && inputs.framework !== 'sklearn'));
  return {
    cpuRequest: gpu ? '4' : '1',
    cpuLimit: gpu ? '8' : '2',
    memoryRequest: `${String(memoryGi)}Gi`,
    memoryLimit: `${String(Math.ceil(memoryGi * 1.5))}Gi`,
    gpus: gpu ? 1 : 0,
  };
}

function scalingOf(inputs: LifecycleInputs, serving: Serving): Scaling | undefined {
  if (serving.kind === 'none' || serving.kind === 'edge') return undefined;
  const replicaRps = inputs.replicaRps ?? assumedReplicaRps(inputs);
  // Production keeps two replicas so a node drain or a crash never takes the endpoint down.
  const floor = inputs.governance === 'production' ? 2 : 1;
  // 50% headroom over the stated peak: a replica lost or a traffic spike does not breach the latency target.
  const needed = inputs.rps === undefined ? floor * 2 : Math.ceil((inputs.rps * 1.5) / replicaRps);
  // A stated cap (the cluster's or the quota's) bounds the headroom; below the peak itself it is a conflict.
  const maxReplicas = Math.min(Math.max(floor, needed, 2), Math.max(floor, inputs.maxReplicas ?? Infinity));
  const knative = serving.kind === 'kserve' && serving.mode === 'Knative';
  const latencySeconds = (inputs.latencyMs ?? 100) / 1000;
  return {
    minReplicas: floor,
    maxReplicas,
    metric: knative ? 'concurrency' : 'cpu',
    // Knative: in-flight requests per replica by Little's law (rate x time in the system), at least 1.
    target: knative ? Math.max(1, Math.round(replicaRps * latencySeconds)) : 70,
    replicaRps,
    replicaRpsSource: inputs.replicaRps === undefined ? 'assumed' : 'measured',
  };
}

function rolloutOf(inputs: LifecycleInputs, serving: Serving, tier: Tier): Rollout {
  if (serving.kind === 'edge') return { strategy: 'staged-devices', steps: [1, 10, 50, 100] };
  if (inputs.governance !== 'production' || serving.kind === 'none')
    return { strategy: 'recreate', steps: [100] };
  if (serving.kind === 'compose') return { strategy: 'blue-green', steps: [0, 100] };
  return { strategy: 'canary', steps: tier === 3 ? [5, 25, 50, 100] : [10, 100] };
}

function trackingOf(inputs: LifecycleInputs): Tracking {
  const tool = TRACKER[inputs.stack];
  if (tool !== undefined) return { kind: 'existing', tool };
  if (inputs.platform === 'cloud-managed') {
    // Google Cloud has no managed MLflow: a small server on a VM, run by docker compose.
    const tracker = TRACKER[CLOUD_SERVICE[STACK_CLOUD[inputs.stack] ?? inputs.cloud ?? 'aws']];
    return tracker === undefined ? { kind: 'mlflow-compose' } : { kind: 'existing', tool: tracker };
  }
  return { kind: isKubernetes(inputs.platform) ? 'mlflow-kubernetes' : 'mlflow-compose' };
}

/** Weekly on Sunday at 02:00 UTC; daily for a time series, whose most recent days matter most. */
const scheduleOf = (inputs: LifecycleInputs): string =>
  inputs.modelType === 'time-series' ? '0 3 * * *' : '0 2 * * 0';

function retrainingOf(inputs: LifecycleInputs, tier: Tier): Retraining {
  if (tier === 1)
    return {
      format: 'none',
      why: 'a quick assessment: retraining is automated at the production-pipeline tier',
    };
  const schedule = scheduleOf(inputs);
  if (inputs.stack === 'kubeflow' || inputs.stack === 'vertex_ai' || inputs.orchestrator === 'kubeflow')
    return { format: 'kfp', schedule };
  if (inputs.orchestrator === 'airflow') return { format: 'airflow', schedule };
  if (
    isKubernetes(inputs.platform) &&
    (inputs.orchestrator === 'argo' || inputs.team >= THRESHOLDS.smallTeam)
  )
    return { format: 'argo', schedule };
  if (inputs.ci === 'github') return { format: 'github-actions', schedule };
  if (inputs.ci === 'gitlab') return { format: 'gitlab', schedule };
  if (isKubernetes(inputs.platform)) return { format: 'argo', schedule };
  return {
    format: 'none',
    why: 'no orchestrator and no CI platform to schedule it: retrain by hand with `mlflow run` until one is chosen',
  };
}

const RETRAINING_TOOL: Readonly<Record<Retraining['format'], string>> = {
  argo: 'Argo Workflows (a CronWorkflow)',
  kfp: 'Kubeflow Pipelines v2',
  'github-actions': 'a scheduled GitHub Actions workflow',
  gitlab: 'a scheduled GitLab CI pipeline',
  airflow: 'Airflow (a DAG)',
  none: 'none yet',
};

function capabilitiesOf(inputs: LifecycleInputs, retraining: Retraining, tracking: Tracking): Capability[] {
  const orchestrationWhy: Readonly<Record<Retraining['format'], string>> = {
    argo: 'Kubernetes is there and the team can own one more controller; each step is a container with retries',
    kfp:
      inputs.stack === 'vertex_ai'
        ? 'Vertex AI Pipelines runs Kubeflow Pipelines v2 definitions: managed, with lineage in Vertex ML Metadata'
        : 'the stack is Kubeflow: its pipelines keep artifacts and lineage per run',
    'github-actions': `a team of ${String(inputs.team)} already runs GitHub Actions: a scheduled workflow adds no system to operate`,
    gitlab: `a team of ${String(inputs.team)} already runs GitLab CI: a scheduled pipeline adds no system to operate`,
    airflow: 'the team runs Airflow already: one more DAG beside the data pipelines that feed it',
    none: retraining.format === 'none' ? retraining.why : '',
  };
  const registryTool =
    tracking.kind === 'existing'
      ? `MLflow Model Registry in ${tracking.tool} (aliases and tags)`
      : 'MLflow Model Registry (aliases and tags)';
  const servingCopy =
    inputs.stack === 'vertex_ai'
      ? '; Vertex AI Model Registry holds only the serving copy deploy.sh uploads, because Vertex has no MLflow server and promotion, retraining and rollback are the same MLflow commands on every target'
      : '';
  return [
    {
      id: 'orchestration',
      tool: RETRAINING_TOOL[retraining.format],
      why: orchestrationWhy[retraining.format],
    },
    {
      id: 'registry',
      tool: registryTool,
      why: `one registered model per environment, the served version named by the @champion alias and the candidate by @challenger; stages are deprecated since MLflow 2.9${servingCopy}`,
    },
    {
      id: 'ci-cd',
      tool:
        inputs.ci === 'github'
          ? 'GitHub Actions'
          : inputs.ci === 'gitlab'
            ? 'GitLab CI/CD'
            : 'none: the promotion script, run by hand',
      why:
        inputs.ci === 'none'
          ? 'no CI platform: promotion is the script in registry/, and the approver is recorded as a version tag'
          : 'tests, the staging deployment and the production approval in one place; approvals belong to the CI platform, not the registry',
    },
    {
      id: 'monitoring',
      tool: 'Prometheus alert rules, a Grafana dashboard, Evidently for drift reports',
      why:
        inputs.target === 'batch'
          ? 'a freshness alert on the scoring run, feature drift (PSI) and accuracy on labelled samples: a batch job fails quietly, so its output is what is watched'
          : inputs.target === 'edge' || inputs.target === 'embedded'
            ? 'feature drift (PSI) and accuracy from device telemetry: the devices serve, so the model is watched through what they report'
            : 'burn-rate alerts on the SLO, p95 latency, errors, feature drift (PSI) and accuracy on labelled samples',
    },
    {
      id: 'testing',
      tool: 'pytest: data validation, behavioural tests, a quality threshold against @champion, a latency benchmark',
      why: 'a model that passes unit tests can still be worse than the one it replaces: the gate compares it with the champion on the same holdout',
    },
  ];
}

function monitoringOf(inputs: LifecycleInputs): Monitoring {
  const [qualityMetric, lowerIsBetter] = QUALITY[inputs.modelType];
  return {
    ...(inputs.latencyMs !== undefined && inputs.target !== 'batch'
      ? { latencyTargetMs: inputs.latencyMs }
      : {}),
    availability: inputs.availability ?? (inputs.governance === 'production' ? 0.999 : 0.99),
    psi: THRESHOLDS.psi,
    accuracyDrop: THRESHOLDS.accuracyDrop,
    latency: THRESHOLDS.latency,
    errorRate: THRESHOLDS.errorRate,
    qualityMetric,
    lowerIsBetter,
  };
}

/** The conflicts that stop the plan (on top of rules.ts's abortsOf): each names both sides. */
export function conflictsOf(
  inputs: LifecycleInputs,
  scaling: Scaling | undefined = scalingOf(inputs, servingOf(inputs)),
): Conflict[] {
  const conflicts = abortsOf({
    ...inputs,
    modelFormat: SERVER_FORMAT[inputs.framework],
    ...(inputs.server === 'auto' ? {} : { server: inputs.server }),
    ...(inputs.maxReplicas !== undefined && scaling
      ? { maxReplicas: inputs.maxReplicas, perReplicaRps: scaling.replicaRps }
      : {}),
    explainabilityRequired: inputs.explainability,
    explainabilitySupported: EXPLAINABLE.includes(inputs.framework) && inputs.modelType !== 'generative',
  });
  if (
    (inputs.target === 'edge' || inputs.target === 'embedded') &&
    EDGE_FORMAT[inputs.framework] === undefined
  )
    conflicts.push({
      question: 'lifecycle.framework',
      says: `an ${inputs.target} target with a ${inputs.framework} model: there is no maintained export to ONNX or TFLite for it`,
    });
  if (
    (inputs.target === 'edge' || inputs.target === 'embedded') &&
    inputs.modelSizeBytes !== undefined &&
    inputs.modelSizeBytes > THRESHOLDS.largeModelBytes &&
    inputs.latencyMs !== undefined &&
    inputs.latencyMs < THRESHOLDS.edgeLatencyMs
  )
    conflicts.push({
      question: 'lifecycle.model-size',
      says: `under ${String(THRESHOLDS.edgeLatencyMs)} ms on a device with a model over 1 GB: distil or quantise the model first, then plan its deployment`,
    });
  return conflicts;
}

export function planOf(inputs: LifecycleInputs): LifecyclePlan {
  const maturity = maturityOf(inputs);
  const recommended = tierOf(inputs);
  const tier = inputs.tier ?? recommended.tier;
  const serving = servingOf(inputs);
  const scaling = scalingOf(inputs, serving);
  const tracking = trackingOf(inputs);
  const registry = 'mlflow';
  const retraining = retrainingOf(inputs, tier);
  const gateRules = qualityGates(inputs);
  const has = (id: string): boolean => gateRules.some((gate) => gate.id === id);
  const batch = batchOf(inputs);
  return {
    title: inputs.title,
    name: nameOf(inputs.title),
    modelType: inputs.modelType,
    framework: inputs.framework,
    target: inputs.target,
    governance: inputs.governance,
    stack: inputs.stack,
    platform: inputs.platform,
    ci: inputs.ci,
    team: inputs.team,
    regulated: inputs.regulated,
    ...(inputs.rps !== undefined ? { rps: inputs.rps } : {}),
    ...(inputs.latencyMs !== undefined ? { latencyMs: inputs.latencyMs } : {}),
    ...(inputs.dataVolumeBytes !== undefined ? { dataVolumeBytes: inputs.dataVolumeBytes } : {}),
    ...(inputs.concurrentUsers !== undefined ? { concurrentUsers: inputs.concurrentUsers } : {}),
    ...(inputs.modelSizeBytes !== undefined ? { modelSizeBytes: inputs.modelSizeBytes } : {}),
    maturity,
    tier: {
      tier,
      recommended: recommended.tier,
      why:
        tier === recommended.tier
          ? recommended.why
          : `chosen by you over the recommended tier ${String(recommended.tier)} (${recommended.why})`,
    },
    rules: [...stackRules(inputs), ...deploymentRules(inputs), ...gateRules],
    aborts: conflictsOf(inputs, scaling).map((conflict) => conflict.says),
    capabilities: capabilitiesOf(inputs, retraining, tracking),
    tracking,
    registry,
    serving,
    ...(batch ? { batch } : {}),
    ...(scaling ? { scaling } : {}),
    resources: resourcesOf(inputs, serving),
    rollout: rolloutOf(inputs, serving, tier),
    retraining,
    monitoring: monitoringOf(inputs),
    gates: {
      approval: has('approval'),
      modelCard: has('model-card'),
      gradualRollout: has('gradual-rollout'),
      privacyChecks: has('privacy-checks'),
    },
    writes: {
      monitoring: tier >= 2,
      retraining: tier >= 2 && retraining.format !== 'none',
      cicd: tier >= 2 && inputs.ci !== 'none',
      modelCard: has('model-card') || tier === 3,
    },
  };
}
