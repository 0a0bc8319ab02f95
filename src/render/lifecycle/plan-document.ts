/**
 * mlops_plan.md: the lifecycle plan for the people who will build it. Maturity with its evidence,
 * the tier and why, every rule that fired with its threshold, which reading won where the
 * specification contradicts itself, the tool for each capability, the order of work, the
 * thresholds, the gates, and every file written with what it is for.
 */
import { capitalise } from '../../lib/capitalise.js';
import { displayBytes, formatCount, formatDuration, formatPercent } from '../../estimation/index.js';
import type { Artifact } from '../../output/artifacts.js';
import type { LifecyclePlan } from '../../protocols/lifecycle/plan-types.js';
import { THRESHOLDS } from '../../protocols/lifecycle/rules.js';
import { bullets, fillTemplate, table } from '../markdown.js';
import { codeSpan, headingText, inline, plain } from '../markdown-inline.js';

const TIER_NAMES = { 1: 'quick assessment', 2: 'production pipeline', 3: 'full lifecycle' } as const;

const numbered = (items: readonly string[]): string =>
  items.map((item, index) => `${String(index + 1)}. ${item}`).join('\n');

/** "an" before a vowel sound as these words are said (an xgboost, an nlp, an onnx). */
const article = (word: string): string => (/^(?:[aeiou]|x|nlp)/i.test(word) ? 'an' : 'a');

const ms = (value: number): string => formatDuration(value / 1000);

function summary(plan: LifecyclePlan): string {
  const scale = [
    plan.rps !== undefined ? `${formatCount(plan.rps)} predictions/s at peak` : undefined,
    plan.latencyMs !== undefined ? `a p95 target of ${ms(plan.latencyMs)}` : undefined,
    plan.dataVolumeBytes !== undefined ? `${displayBytes(plan.dataVolumeBytes)} per training run` : undefined,
    plan.concurrentUsers !== undefined ? `${String(plan.concurrentUsers)} concurrent users` : undefined,
  ].filter((part): part is string => part !== undefined);
  return inline(
    `${capitalise(article(plan.modelType))} ${plan.modelType} model in ${plan.framework}, ${plan.target} target, ${plan.governance} governance${plan.regulated ? ', regulated' : ''}, on ${plan.platform} with ${plan.stack === 'none' ? 'no existing ML stack' : plan.stack}, a team of ${String(plan.team)}${scale.length > 0 ? `; ${scale.join(', ')}` : ''}. Maturity level ${String(plan.maturity.level)}, tier ${String(plan.tier.tier)} (${TIER_NAMES[plan.tier.tier]}).`,
  );
}

function maturity(plan: LifecyclePlan): string {
  const meaning = [
    'no pipeline retrains the model on its own: each new model is a person running a notebook or a script, and each release a hand-off.',
    'a pipeline retrains the model on a schedule or a trigger (continuous training); the pipeline itself is still released by hand.',
    'the pipelines themselves are built, tested and delivered by CI/CD.',
  ][plan.maturity.level];
  return [
    `Level ${String(plan.maturity.level)} of Google's MLOps levels: ${meaning}`,
    '',
    bullets(plan.maturity.evidence.map(inline)),
  ].join('\n');
}

function tier(plan: LifecyclePlan): string {
  const chosen =
    plan.tier.tier === plan.tier.recommended
      ? 'the recommended tier'
      : `chosen over the recommended tier ${String(plan.tier.recommended)}`;
  return inline(
    `Tier ${String(plan.tier.tier)}, ${TIER_NAMES[plan.tier.tier]} (${chosen}): ${plan.tier.why}.`,
  );
}

const rules = (plan: LifecyclePlan): string =>
  table(
    ['Rule', 'Threshold', 'What it says'],
    plan.rules.map((rule) => [codeSpan(rule.id), inline(rule.threshold), inline(rule.says)]),
  );

const contradictions = (plan: LifecyclePlan): string =>
  bullets(
    [
      `Maturity level 0 recommends the full tier 3, and a team under ${String(THRESHOLDS.smallTeam)} should avoid Kubeflow's complexity. The team rule wins: a team under ${String(THRESHOLDS.smallTeam)} is capped at tier 2 on MLflow, because a lifecycle nobody has time to run decays faster than one never built. A regulated model is the exception: governance and audit are not optional, so it gets tier 3 at any size.`,
      `The latency rules overlap (under 100 ms compress; under 50 ms edge; 50-500 ms online). The bands win because they are exhaustive and disjoint: under ${String(THRESHOLDS.edgeLatencyMs)} ms edge or an optimised model, ${String(THRESHOLDS.edgeLatencyMs)}-${String(THRESHOLDS.batchLatencyMs)} ms online serving, ${String(THRESHOLDS.batchLatencyMs)} ms or more batch is acceptable. Under ${String(THRESHOLDS.compressLatencyMs)} ms compression is advice inside the online band, not a different deployment.`,
      "The specification's registry stages (None, Staging, Production, Archived) are deprecated since MLflow 2.9: the plan uses aliases (@champion, @challenger) and tags, with one registered model per environment.",
      ...(plan.serving.kind === 'kserve'
        ? [
            "The specification's KServe example scales on concurrency with a 10% canaryTrafficPercent: that is valid only in KServe's Knative mode. In the Standard mode (the default since v0.15) the plan scales on CPU and runs its canary as described under Deployment.",
          ]
        : []),
    ].map(inline),
  );

const capabilities = (plan: LifecyclePlan): string =>
  table(
    ['Capability', 'Tool', 'Why'],
    plan.capabilities.map((capability) => [
      plain(capability.id),
      inline(capability.tool),
      inline(capability.why),
    ]),
  );

function deployment(plan: LifecyclePlan): string {
  const lines: string[] = [];
  const serving = plan.serving;
  switch (serving.kind) {
    case 'kserve':
      lines.push(
        `A KServe InferenceService in ${serving.mode} mode, model format ${serving.modelFormat}${serving.runtime === undefined ? '' : `, on the ${serving.runtime} runtime you chose`}.${serving.mode === 'Knative' ? ' Knative mode allows concurrency scaling and canaryTrafficPercent.' : ' Standard mode is plain Deployments with an HPA: it scales on CPU or memory only, and the canary is a spec.canary entry (its own predictor with fixed replicas and a trafficPercent), not canaryTrafficPercent.'}`,
      );
      break;
    case 'deployment':
      lines.push(
        'A Kubernetes Deployment with a Service, a HorizontalPodAutoscaler (it owns the replica count, so the Deployment sets none) and a PodDisruptionBudget.',
      );
      break;
    case 'managed':
      lines.push(
        `A managed endpoint on ${serving.cloud}, deployed by its CLI with a traffic split for the rollout.`,
      );
      break;
    case 'compose':
      lines.push(
        'A model server container on virtual machines, run by docker compose, with a health check; releases are blue-green.',
      );
      break;
    case 'edge':
      lines.push(
        `Exported to ${serving.format} and checked against the original on sample inputs before it ships; devices receive it in stages.`,
      );
      break;
    case 'none':
      lines.push(
        'No online endpoint: predictions are computed in batch and written where their readers look.',
      );
  }
  if (plan.batch)
    lines.push(
      `Batch scoring runs on the schedule ${codeSpan(plan.batch.schedule)} (UTC) as ${plan.batch.kind === 'cronjob' ? 'a Kubernetes CronJob' : 'a scheduled workflow'}.`,
    );
  if (plan.scaling) {
    const s = plan.scaling;
    const rate =
      plan.rps !== undefined
        ? `the peak of ${formatCount(plan.rps)}/s with 50% headroom`
        : 'no stated peak (twice the floor until one is measured)';
    lines.push(
      `Replicas: ${String(s.minReplicas)} to ${String(s.maxReplicas)}, from ${rate} over ${String(s.replicaRps)}/s per replica (${s.replicaRpsSource === 'measured' ? 'measured' : 'assumed until a load test measures it'}). The autoscaler tracks ${s.metric} at ${String(s.target)}${s.metric === 'cpu' || s.metric === 'memory' ? '% utilisation' : s.metric === 'concurrency' ? " requests in flight per replica (the rate times the latency, by Little's law)" : ' requests a second'}.${s.minReplicas >= 2 ? ' Two replicas at least, so a node drain or a crash never takes the endpoint down.' : ''}`,
    );
  }
  const r = plan.resources;
  if (plan.serving.kind !== 'none' && plan.serving.kind !== 'edge')
    lines.push(
      `Each replica requests ${r.cpuRequest} CPU and ${r.memoryRequest} (limits ${r.cpuLimit} and ${r.memoryLimit})${r.gpus > 0 ? ` and ${String(r.gpus)} GPU` : ''}${plan.modelSizeBytes !== undefined ? `: memory covers twice the ${displayBytes(plan.modelSizeBytes)} of weights (the loaded copy and a reload during a rollout), 1Gi at least` : ''}.`,
    );
  const rollingOnly = plan.serving.kind === 'deployment' && plan.rollout.strategy === 'canary';
  lines.push(
    rollingOnly
      ? `Rollout: a rolling update (never below the current capacity) checked against the SLO before the version is crowned. A plain Deployment cannot give a version ${plan.rollout.steps.map((step) => `${String(step)}%`).join(' -> ')} of the traffic: that needs weighted routing in front of two Deployments (a Gateway API HTTPRoute, or Argo Rollouts), the first thing to add when the gradual rollout must be literal.`
      : plan.rollout.strategy === 'recreate'
        ? 'Rollout: a new version replaces the old one at once; at this governance level a gradual rollout is not required.'
        : plan.rollout.strategy === 'staged-devices'
          ? `Rollout: staged to devices, ${plan.rollout.steps.map((step) => `${String(step)}%`).join(' -> ')} of the fleet, each stage soaking before the next and halted when device telemetry trips the halt conditions in edge-rollout.yaml.`
          : `Rollout: ${plan.rollout.strategy}, ${plan.rollout.steps.map((step) => `${String(step)}%`).join(' -> ')}, each step held until the SLO alerts stay quiet, rolled back automatically when one fires.`,
  );
  return bullets(lines.map(inline));
}

function order(plan: LifecyclePlan): string {
  const steps = [
    plan.tracking.kind === 'existing'
      ? `Point every run at ${plan.tracking.tool} (MLFLOW_TRACKING_URI in the environment, never in code).`
      : plan.stack === 'wandb' || plan.stack === 'neptune'
        ? `Stand up the MLflow server (mlops/tracking/) as the registry serving follows, with its database and artifact store; runs stay in ${plan.stack === 'wandb' ? 'Weights & Biases' : 'Neptune'}, and train.py registers each candidate's model in MLflow (promote.py, the CI and the runbook all speak MLflow's registry; porting them to ${plan.stack === 'wandb' ? 'the W&B Registry' : 'another registry'} is the alternative).`
        : 'Stand up the tracking server (mlops/tracking/) with its database and artifact store; credentials from the secret store.',
    'Make training a project run: mlops/project/MLproject with a fixed seed and pinned dependencies; log parameters, metrics, the data version and the model signature.',
    'Register the first version in the staging registered model with the required tags, and apply the registry policy (mlops/registry/policy.yaml): aliases, not stages.',
    ...(plan.writes.cicd
      ? [
          'Add the model tests and the CI/CD workflow: tests on every change, the staging deployment on merge, production behind the gated environment.',
        ]
      : []),
    plan.serving.kind === 'edge'
      ? 'Ship a registered version (the staging @challenger) to a test cohort of devices, never a file from a laptop: nothing reaches a device before a model is registered.'
      : plan.serving.kind === 'none'
        ? 'Run batch scoring in staging from a registered version (the staging @challenger), never from a file on a laptop: nothing scores before a model is registered.'
        : 'Deploy to staging from a registered version (the staging @challenger), never from a file on a laptop: no serving endpoint before a model is registered.',
    ...(plan.writes.monitoring
      ? [
          'Load the alert rules (after promtool test rules passes) and the dashboard; watch a week of traffic before trusting the thresholds.',
        ]
      : []),
    'Rehearse the rollback runbook against staging: a rollback nobody has run is a hope.',
    ...(plan.writes.modelCard
      ? ['Write the model card and have it reviewed with the version it describes.']
      : []),
    `Promote to production${plan.gates.approval ? ' with the approval' : ''}${plan.gates.gradualRollout ? `, through the rollout steps (${plan.rollout.steps.join('% -> ')}%)` : ''}.`,
    ...(plan.writes.retraining && plan.retraining.format !== 'none'
      ? [
          `Turn on scheduled retraining (${codeSpan(plan.retraining.schedule)} UTC); its candidates land as @challenger and never promote themselves.`,
        ]
      : []),
  ];
  return numbered(steps.map(inline));
}

function monitoring(plan: LifecyclePlan): string {
  const m = plan.monitoring;
  const rows: string[][] = [
    ['Feature drift (PSI)', `${String(m.psi.monitor)}-${String(m.psi.investigate)}`, 'watch'],
    ['Feature drift (PSI)', `over ${String(m.psi.investigate)}`, 'investigate'],
    ['Feature drift (PSI)', `over ${String(m.psi.retrain)}`, 'trigger retraining'],
    [
      `${m.qualityMetric} drop against the baseline`,
      `over ${formatPercent(m.accuracyDrop.investigate)}`,
      'investigate',
    ],
    [
      `${m.qualityMetric} drop against the baseline`,
      `over ${formatPercent(m.accuracyDrop.retrain)}`,
      'retrain at once',
    ],
    ['Error rate', `over ${formatPercent(m.errorRate.alert)}`, 'alert'],
    ['Error rate', `over ${formatPercent(m.errorRate.page)}`, 'page the on-call engineer'],
  ];
  if (m.latencyTargetMs !== undefined)
    rows.push([
      'p95 latency',
      `over ${ms(m.latencyTargetMs * m.latency.factor)} (${String(m.latency.factor)}x the ${ms(m.latencyTargetMs)} target) for ${String(m.latency.minutes)} minutes`,
      'alert',
    ]);
  if (plan.serving.kind !== 'none' && plan.serving.kind !== 'edge')
    rows.push(
      ['Error budget burn', `14.4x over 1h and 5m (2% of the 30-day budget in an hour)`, 'page'],
      ['Error budget burn', '6x over 6h and 30m', 'page'],
      ['Error budget burn', '1x over 3d and 6h', 'ticket'],
    );
  const slo =
    plan.serving.kind !== 'none' && plan.serving.kind !== 'edge'
      ? `The availability SLO is ${formatPercent(m.availability)} over 30 days: ${formatDuration((1 - m.availability) * 30 * 86400)} of errors a month.`
      : '';
  return [
    table(
      ['Signal', 'Threshold', 'Action'],
      rows.map((row) => row.map(inline)),
    ),
    ...(slo ? ['', inline(slo)] : []),
  ].join('\n');
}

function gates(plan: LifecyclePlan): string {
  return bullets(
    plan.rules
      .filter((rule) =>
        ['rollback-procedure', 'approval', 'model-card', 'gradual-rollout', 'privacy-checks'].includes(
          rule.id,
        ),
      )
      .map((rule) => inline(rule.says)),
  );
}

function files(artifacts: readonly Artifact[], purposes: Readonly<Record<string, string>>): string {
  return table(
    ['File', 'What it is for'],
    artifacts.map((artifact) => [codeSpan(artifact.path), inline(purposes[artifact.path] ?? '')]),
  );
}

function assumptions(plan: LifecyclePlan): string {
  const items = [
    ...(plan.scaling?.replicaRpsSource === 'assumed'
      ? [
          `One replica serves ${String(plan.scaling.replicaRps)} predictions a second: an assumption for ${article(plan.framework)} ${plan.framework} ${plan.modelType} model. Load-test one replica with production-shaped requests and answer lifecycle.replica-rps with the result.`,
        ]
      : []),
    'Schedules are UTC. Retraining runs weekly on Sunday at 02:00 (daily at 03:00 for time series); move it to when fresh labels land.',
    'Artifact stores and buckets named in the files are placeholders for yours; credentials are variables read from a secret store, never values in these files.',
  ];
  return bullets(items.map(inline));
}

/** mlops_plan.md, given the files it lists and what each is for. */
export function renderPlanDocument(
  template: string,
  plan: LifecyclePlan,
  artifacts: readonly Artifact[],
  purposes: Readonly<Record<string, string>>,
): string {
  return fillTemplate(template, {
    title: headingText(plan.title),
    summary: summary(plan),
    maturity: maturity(plan),
    tier: tier(plan),
    rules: rules(plan),
    contradictions: contradictions(plan),
    capabilities: capabilities(plan),
    deployment: deployment(plan),
    order: order(plan),
    monitoring: monitoring(plan),
    gates: gates(plan),
    files: files(artifacts, purposes),
    assumptions: assumptions(plan),
  });
}
