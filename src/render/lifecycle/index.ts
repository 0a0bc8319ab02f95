/**
 * Every file the lifecycle session writes, rendered from the plan, and the checks they pass before
 * any is written: the product never writes a file it knows to be invalid.
 */
import { parseAllDocuments } from 'yaml';
import type { Artifact } from '../../output/artifacts.js';
import type { LifecyclePlan } from '../../protocols/lifecycle/plan-types.js';
import { cicdFiles } from './cicd.js';
import { checkDeploymentFiles } from './deployment-checks.js';
import { deploymentFiles } from './deployment.js';
import { releaseFiles } from './release.js';
import { trackingFiles } from './tracking.js';
import { modelCardFiles } from './model-card.js';
import { monitoringFiles } from './monitoring.js';
import { checkOpsFiles } from './ops-checks.js';
import { REQUIRED_ENTRY_POINTS, retrainingFiles } from './retraining.js';
import { renderPlanDocument } from './plan-document.js';
import { projectFiles } from './project.js';
import { registryFiles } from './registry.js';
import { runbookFiles } from './runbook.js';
import { mlProjectSchema, pythonEnvSchema, registryPolicySchema } from './schemas.js';
import { checkSecrets } from './secrets.js';

export const PLAN_DOCUMENT = 'mlops_plan.md';

/** What each file is for, by path: the plan's file table reads it. */
const PURPOSES: readonly (readonly [RegExp, string])[] = [
  [
    /tracking\/mlflow\.yaml$/,
    'The MLflow tracking server on Kubernetes: a Deployment and a Service running `mlflow server`, its database and artifact store from secrets.',
  ],
  [
    /tracking\/docker-compose\.yaml$/,
    'The MLflow tracking server with its PostgreSQL database, run by docker compose.',
  ],
  [
    /\.env\.example$/,
    'Every variable the files read, with placeholders only: copy to .env or your secret store and fill in.',
  ],
  [
    /project\/MLproject$/,
    'The MLflow project: the training and evaluation entry points with typed parameters.',
  ],
  [
    /project\/python_env\.yaml$/,
    "The runs' Python environment, each package held to its current major line.",
  ],
  [
    /registry\/policy\.yaml$/,
    'The registry policy: a registered model per environment, the aliases, the required tags, the promotion steps.',
  ],
  [/registry\/promote\.py$/, 'Validate, promote, crown and roll back a version by moving aliases.'],
  [/deploy\/inferenceservice\.yaml$/, 'The KServe InferenceService serving the model.'],
  [
    /deploy\/serving\.yaml$/,
    'The Deployment, Service, HorizontalPodAutoscaler and PodDisruptionBudget serving the model.',
  ],
  [/deploy\/batch-scoring\.yaml$/, 'The CronJob that scores in batch on the schedule.'],
  [/deploy\/docker-compose\.yaml$/, 'The model server on virtual machines, run by docker compose.'],
  [/deploy\/azure-deployment\.yaml$/, 'The Azure ML managed online deployment that deploy.sh creates.'],
  [
    /deploy\/release\.sh$/,
    'Moves a share of traffic to a registered version: what CI runs at each rollout step.',
  ],
  [/deploy\/deploy\.sh$/, "Deploys a registered version to the managed endpoint with the cloud's CLI."],
  [/deploy\/export\.py$/, 'Exports the model to the device format and checks it against the original.'],
  [/deploy\/edge-rollout\.yaml$/, 'The staged rollout to devices and the conditions that halt it.'],
  [
    /monitoring\/alerts\.rules\.yaml$/,
    'Prometheus alert rules: SLO burn rate, latency, errors, drift and accuracy.',
  ],
  [
    /monitoring\/alerts\.test\.yaml$/,
    'promtool unit tests: each alert fires past its threshold and stays quiet on the near miss.',
  ],
  [/monitoring\/dashboard\.json$/, 'The Grafana dashboard for the model.'],
  [
    /retraining\/steps\.py$/,
    'The retraining steps every orchestrator runs: evaluate the challenger against the production champion, register it in staging.',
  ],
  [/retraining\//, 'The retraining pipeline in the orchestrator the plan chose.'],
  [/mlops-retrain\.ya?ml$/, 'The scheduled retraining workflow.'],
  [/retrain\.gitlab-ci\.yml$/, 'The scheduled retraining pipeline, to include from .gitlab-ci.yml.'],
  [
    /mlops-model-cd\.ya?ml$/,
    'CI/CD: tests on every change, staging on merge, production behind the gated environment.',
  ],
  [
    /model-cd\.gitlab-ci\.yml$/,
    'CI/CD: tests, staging, and production behind a protected environment; include it from .gitlab-ci.yml.',
  ],
  [/model_card\.md$/, 'The model card: front matter for tools, sections for the reviewer.'],
  [
    /runbook\.md$/,
    'The runbook: when to roll back and the exact commands, then what to do first for each alert.',
  ],
];

const purposeOf = (path: string): string => PURPOSES.find(([pattern]) => pattern.test(path))?.[1] ?? '';

/** The files under mlops/ (and .github/workflows/), in the order the plan lists them. */
export function lifecycleFiles(plan: LifecyclePlan): Artifact[] {
  return [
    ...trackingFiles(plan),
    ...projectFiles(plan),
    ...registryFiles(plan),
    ...deploymentFiles(plan),
    ...releaseFiles(plan),
    ...(plan.writes.cicd ? cicdFiles(plan) : []),
    ...(plan.writes.monitoring ? monitoringFiles(plan) : []),
    ...(plan.writes.retraining ? retrainingFiles(plan) : []),
    ...runbookFiles(plan),
    ...modelCardFiles(plan),
  ];
}

/** mlops_plan.md first, then the files. */
export function renderLifecycle(template: string, plan: LifecyclePlan): Artifact[] {
  const files = lifecycleFiles(plan);
  const purposes = Object.fromEntries(files.map((file) => [file.path, purposeOf(file.path)]));
  return [{ path: PLAN_DOCUMENT, content: renderPlanDocument(template, plan, files, purposes) }, ...files];
}

/** YAML that parses, with no duplicate keys, as one or more documents. */
export function checkYaml(artifacts: readonly Artifact[]): string[] {
  const problems: string[] = [];
  for (const artifact of artifacts) {
    if (!/\.ya?ml$|MLproject$/.test(artifact.path)) continue;
    for (const document of parseAllDocuments(artifact.content, { uniqueKeys: true }))
      for (const error of document.errors)
        problems.push(`${artifact.path}: ${error.message.split('\n')[0] ?? ''}`);
  }
  return problems;
}

const load = (artifacts: readonly Artifact[], suffix: string): unknown[] =>
  artifacts
    .filter((artifact) => artifact.path.endsWith(suffix))
    .map((artifact) => parseAllDocuments(artifact.content)[0]?.toJS() as unknown);

function zodProblems(artifacts: readonly Artifact[]): string[] {
  const checks = [
    ['MLproject', mlProjectSchema],
    ['python_env.yaml', pythonEnvSchema],
    ['registry/policy.yaml', registryPolicySchema],
  ] as const;
  return checks.flatMap(([suffix, schema]) =>
    load(artifacts, suffix).flatMap((value) => {
      const result = schema.safeParse(value);
      return result.success
        ? []
        : result.error.issues.map(
            (issue) => `${suffix}: ${issue.path.join('.') || '(top)'}: ${issue.message}`,
          );
    }),
  );
}

/** The retraining pipelines run these entry points: the MLproject must define each. */
function entryPointProblems(artifacts: readonly Artifact[]): string[] {
  if (!artifacts.some((artifact) => artifact.path.startsWith('mlops/retraining/'))) return [];
  return load(artifacts, 'MLproject').flatMap((project) => {
    const points = (project as { entry_points?: Record<string, unknown> }).entry_points ?? {};
    return REQUIRED_ENTRY_POINTS.filter((point) => !(point in points)).map(
      (point) => `MLproject: entry_points: the retraining pipeline runs "${point}", which it does not define`,
    );
  });
}

/** Every problem the files have; none is written while there is one. */
export function checkLifecycleFiles(artifacts: readonly Artifact[]): string[] {
  const yaml = checkYaml(artifacts);
  return [
    ...yaml,
    ...(yaml.length === 0
      ? [
          ...zodProblems(artifacts),
          ...entryPointProblems(artifacts),
          ...checkDeploymentFiles(artifacts),
          ...checkOpsFiles(artifacts),
        ]
      : []),
    ...checkSecrets(artifacts),
  ];
}
