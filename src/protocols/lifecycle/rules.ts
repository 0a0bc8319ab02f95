/**
 * The MLOps lifecycle's decision rules (issue 17, groundwork: not yet wired to a command). Each rule
 * is a pure function of the typed facts, with the threshold it applies and the reason it gives, so
 * the plan can say which rules fired and why. Where the specification contradicts itself the rule
 * here says which reading won:
 *
 * - Latency bands overlap (< 100 ms → compression; < 50 ms → edge; 50-500 ms → online). The bands
 *   win: under 50 ms needs edge or an optimised model, 50-500 ms is online serving, 500 ms or more
 *   (or batch) may be batch. Compression is advice inside the online band below 100 ms.
 * - Maturity level 0 → "full tier 3" against "a team under 5 → avoid Kubeflow". A team under 5
 *   cannot run the full lifecycle: its tier is capped at 2 (production pipeline, MLflow), unless
 *   the model is regulated, where governance and audit (tier 3) are not optional.
 */

export type DeploymentTarget = 'batch' | 'online' | 'edge' | 'embedded' | 'hybrid';
export type Governance = 'experimental' | 'staging' | 'production';
export type Stack =
  | 'mlflow'
  | 'kubeflow'
  | 'vertex_ai'
  | 'sagemaker'
  | 'azure_ml'
  | 'databricks'
  | 'neptune'
  | 'wandb'
  | 'custom'
  | 'none';
export type Platform = 'kubernetes' | 'kubernetes-kserve' | 'cloud-managed' | 'vms';

/** How models are trained, deployed and retrained today: the evidence for the maturity level. */
export interface Practice {
  readonly training: 'manual' | 'scripted' | 'pipeline';
  readonly deployment: 'manual' | 'scripted' | 'ci-cd';
  readonly retraining: 'never' | 'manual' | 'scheduled' | 'triggered';
}

export interface LifecycleFacts extends Practice {
  readonly target: DeploymentTarget;
  readonly rps?: number;
  readonly latencyMs?: number;
  readonly governance: Governance;
  readonly stack: Stack;
  readonly platform: Platform;
  readonly team: number;
  readonly modelSizeBytes?: number;
  readonly regulated: boolean;
}

/** A rule that fired: its id, the threshold it applied, and what it says. */
export interface Fired {
  readonly id: string;
  readonly threshold: string;
  readonly says: string;
}

export const THRESHOLDS = {
  smallTeam: 5,
  edgeLatencyMs: 50,
  compressLatencyMs: 100,
  batchLatencyMs: 500,
  autoscaleRps: 1_000,
  largeModelBytes: 1e9,
  psi: { monitor: 0.1, investigate: 0.2, retrain: 0.25 },
  accuracyDrop: { investigate: 0.05, retrain: 0.1 },
  latency: { factor: 1.5, minutes: 10 },
  errorRate: { alert: 0.01, page: 0.05 },
} as const;

const T = THRESHOLDS;

/** Google's MLOps levels: 0 manual, 1 automated training pipeline, 2 CI/CD of the pipelines. */
export function maturityOf(practice: Practice): { readonly level: 0 | 1 | 2; readonly evidence: string[] } {
  const automatedTraining =
    practice.training === 'pipeline' &&
    (practice.retraining === 'scheduled' || practice.retraining === 'triggered');
  const evidence = [
    `training: ${practice.training}`,
    `deployment: ${practice.deployment}`,
    `retraining: ${practice.retraining}`,
  ];
  if (automatedTraining && practice.deployment === 'ci-cd') return { level: 2, evidence };
  if (automatedTraining) return { level: 1, evidence };
  return { level: 0, evidence };
}

export type Tier = 1 | 2 | 3;

/** The tier from maturity, governance and team (see the file comment for the contradiction). */
export function tierOf(facts: LifecycleFacts): { readonly tier: Tier; readonly why: string } {
  const { level } = maturityOf(facts);
  if (facts.regulated)
    return { tier: 3, why: 'a regulated model needs governance and audit logging: the full lifecycle' };
  if (facts.governance === 'experimental')
    return { tier: 1, why: 'experimental governance: a quick assessment and tracking first' };
  const wanted: Tier = level === 0 ? 3 : level === 1 ? 2 : 3;
  if (facts.team < T.smallTeam && wanted === 3)
    return {
      tier: 2,
      why: `a team of ${String(facts.team)} (under ${String(T.smallTeam)}) cannot run the full lifecycle; the production pipeline tier, on MLflow`,
    };
  return {
    tier: wanted,
    why:
      level === 0
        ? `maturity level 0 at ${facts.governance} governance: nothing is automated yet, so the plan builds the whole lifecycle (tracking, registry, CI/CD, monitoring, retraining) rather than patching one part`
        : level === 1
          ? 'maturity level 1 (training is automated): monitoring and governance are what is missing'
          : 'maturity level 2 (the pipelines are delivered by CI/CD): the advanced patterns (staged rollouts, drift-triggered retraining, governance) are the next step',
  };
}

/** How an existing stack is integrated, where it is not itself a tracker and a registry. */
const INTEGRATE: Readonly<Partial<Record<Stack, string>>> = {
  wandb:
    'Integrate with wandb rather than replace it: runs stay where the team logs them today; only the registry that serving follows is added, so no run is logged twice.',
  neptune:
    'Integrate with neptune rather than replace it: runs stay where the team logs them today; only the registry that serving follows is added, so no run is logged twice.',
  kubeflow:
    'Integrate with kubeflow rather than replace it: its pipelines run the retraining; runs and the registry go to MLflow beside it, because Kubeflow Pipelines keeps pipeline lineage but no registry with aliases.',
  vertex_ai:
    'Integrate with vertex_ai rather than replace it: Vertex AI runs the pipelines and serves; runs and the registry go to MLflow, the same commands as every other target.',
};

/** Stack selection: integrate with what exists; small teams on MLflow; managed when cloud-native. */
export function stackRules(facts: LifecycleFacts): Fired[] {
  const fired: Fired[] = [];
  if (facts.stack !== 'none')
    fired.push({
      id: 'integrate-existing-stack',
      threshold: 'an existing stack is named',
      says:
        INTEGRATE[facts.stack] ??
        `Integrate with ${facts.stack} rather than replace it: a second tracker or registry splits the lineage.`,
    });
  else if (facts.platform === 'cloud-managed')
    fired.push({
      id: 'managed-when-cloud-native',
      threshold: 'platform is a managed cloud',
      says: "Prefer the cloud's managed services (Vertex AI, SageMaker, Azure ML) for a faster start.",
    });
  else
    fired.push({
      id: 'open-source-on-premises',
      threshold: 'no managed cloud platform',
      says:
        facts.team < T.smallTeam
          ? 'Prefer open source for portability between clusters and clouds: MLflow for runs and the registry.'
          : 'Prefer open source for portability between clusters and clouds: MLflow for runs and the registry, Kubeflow or Argo for pipelines.',
    });
  if (facts.team < T.smallTeam)
    fired.push({
      id: 'small-team-mlflow',
      threshold: `team < ${String(T.smallTeam)}`,
      says: `A team of ${String(facts.team)} starts with MLflow and a simple deployment; Kubeflow's operational load would take a person of its own.`,
    });
  if (facts.regulated)
    fired.push({
      id: 'regulated-governance',
      threshold: 'regulated industry',
      says: 'Enforce model governance and audit logging: every deployment traceable to its training run and approver.',
    });
  return fired;
}

/** Deployment pattern from the latency band, the request rate and the model size. */
export function deploymentRules(facts: LifecycleFacts): Fired[] {
  const fired: Fired[] = [];
  const latency = facts.latencyMs;
  if (facts.target === 'batch' || (latency !== undefined && latency >= T.batchLatencyMs))
    fired.push({
      id: 'batch-acceptable',
      threshold: `target batch or latency >= ${String(T.batchLatencyMs)} ms`,
      says:
        facts.target === 'batch'
          ? 'Batch inference: precompute predictions on a schedule and serve them from a store.'
          : `A budget of ${String(latency)} ms allows batch inference: precompute what is known ahead (per user, per item) and serve it from a store; what depends on the request itself stays on the ${facts.target} endpoint.`,
    });
  else if (latency !== undefined && latency < T.edgeLatencyMs)
    fired.push({
      id: 'edge-or-optimise',
      threshold: `latency < ${String(T.edgeLatencyMs)} ms`,
      says: `Under ${String(T.edgeLatencyMs)} ms leaves no room for a network hop and a general model server: deploy at the edge or optimise the model (quantisation, distillation, a compiled runtime).`,
    });
  else if (latency !== undefined)
    fired.push({
      id: 'online-serving',
      threshold: `${String(T.edgeLatencyMs)} ms <= latency < ${String(T.batchLatencyMs)} ms`,
      says:
        latency < T.compressLatencyMs
          ? `Online serving on an optimised model server; under ${String(T.compressLatencyMs)} ms, compress the model (quantisation, pruning) to keep the tail inside the budget.`
          : 'Online serving on an optimised model server.',
    });
  if (facts.rps !== undefined && facts.rps > T.autoscaleRps)
    fired.push({
      id: 'autoscale-and-cache',
      threshold: `rps > ${String(T.autoscaleRps)}`,
      says: `At ${String(facts.rps)} requests a second, autoscale the servers and cache the model (and repeated predictions) in memory.`,
    });
  if (facts.modelSizeBytes !== undefined && facts.modelSizeBytes > T.largeModelBytes)
    fired.push({
      id: 'large-model',
      threshold: 'model > 1 GB',
      says: 'A model over 1 GB needs compression or staged loading: cold starts and rollouts otherwise take minutes.',
    });
  return fired;
}

export type Action = 'none' | 'monitor' | 'investigate' | 'retrain' | 'alert' | 'page';

/** PSI 0.1-0.2 monitor, over 0.2 investigate, over 0.25 retrain. */
export function driftAction(psi: number): Action {
  if (psi > T.psi.retrain) return 'retrain';
  if (psi > T.psi.investigate) return 'investigate';
  if (psi >= T.psi.monitor) return 'monitor';
  return 'none';
}

/** An accuracy drop (a fraction of the baseline) over 5% investigate, over 10% retrain at once. */
export function accuracyAction(drop: number): Action {
  if (drop > T.accuracyDrop.retrain) return 'retrain';
  if (drop > T.accuracyDrop.investigate) return 'investigate';
  return 'none';
}

/** p95 over 1.5x the target for 10 minutes or more alerts. */
export function latencyAction(p95Ms: number, targetMs: number, minutes: number): Action {
  return p95Ms > T.latency.factor * targetMs && minutes >= T.latency.minutes ? 'alert' : 'none';
}

/** An error rate over 1% alerts, over 5% pages the on-call engineer. */
export function errorAction(rate: number): Action {
  if (rate > T.errorRate.page) return 'page';
  if (rate > T.errorRate.alert) return 'alert';
  return 'none';
}

/** The quality gates a release passes: a rollback always; more at production and when regulated. */
export function qualityGates(facts: LifecycleFacts): Fired[] {
  const gates: Fired[] = [
    {
      id: 'rollback-procedure',
      threshold: 'always',
      says: 'A rollback procedure with its exact commands, tested before the first release.',
    },
  ];
  if (facts.governance === 'production')
    gates.push(
      {
        id: 'approval',
        threshold: 'governance production',
        says: 'An approval by a named reviewer in the CI platform before production.',
      },
      {
        id: 'model-card',
        threshold: 'governance production',
        says: 'A model card: intended use, data, metrics by slice, limits.',
      },
      {
        id: 'gradual-rollout',
        threshold: 'governance production',
        says: 'A gradual rollout (canary or blue-green) with an automatic rollback on the SLO.',
      },
    );
  if (facts.regulated)
    gates.push({
      id: 'privacy-checks',
      threshold: 'regulated industry',
      says: 'Data privacy checks (GDPR, HIPAA): personal data found, minimised and its access logged.',
    });
  return gates;
}

/** A conflict that stops the plan: the question whose answer must change, and what conflicts. */
export interface Conflict {
  readonly question: string;
  readonly says: string;
}

/** What stops the plan before any file is written, naming the conflict. */
export function abortsOf(
  facts: LifecycleFacts & {
    readonly modelFormat?: string;
    readonly server?: string;
    readonly maxReplicas?: number;
    readonly perReplicaRps?: number;
    readonly explainabilityRequired?: boolean;
    readonly explainabilitySupported?: boolean;
  },
): Conflict[] {
  const aborts: Conflict[] = [];
  const formats: Readonly<Record<string, readonly string[]>> = {
    torchserve: ['pytorch', 'torchscript', 'onnx'],
    'tensorflow-serving': ['tensorflow', 'keras'],
    triton: ['onnx', 'tensorrt', 'pytorch', 'tensorflow'],
    tflite: ['tflite'],
  };
  const accepted = facts.server === undefined ? undefined : formats[facts.server];
  if (facts.modelFormat !== undefined && accepted && !accepted.includes(facts.modelFormat))
    aborts.push({
      question: 'lifecycle.server',
      says: `a ${facts.modelFormat} model cannot be served by ${String(facts.server)} (it takes ${accepted.join(', ')})`,
    });
  if (
    facts.rps !== undefined &&
    facts.maxReplicas !== undefined &&
    facts.perReplicaRps !== undefined &&
    facts.maxReplicas * facts.perReplicaRps < facts.rps
  )
    aborts.push({
      question: 'lifecycle.max-replicas',
      says: `${String(facts.maxReplicas)} replicas at ${String(facts.perReplicaRps)} requests a second serve ${String(facts.maxReplicas * facts.perReplicaRps)}, short of ${String(facts.rps)}`,
    });
  if (facts.explainabilityRequired && facts.explainabilitySupported === false)
    aborts.push({
      question: 'lifecycle.explainability',
      says: 'an explainability mandate with a framework that has no supported explainer',
    });
  return aborts;
}
