/**
 * The model's CI/CD: code checks and model tests on every change, the @challenger to staging, then
 * production behind the CI platform's own gate (a protected environment with required reviewers on
 * GitHub, a manual job on a protected environment on GitLab), rolled out in the plan's steps with
 * an SLO check after each, and rolled back when any step fails. Approval lives in the CI platform,
 * where it is audited with the deployment; MLflow only records which version holds which alias.
 */
import type { Artifact } from '../../output/artifacts.js';
import type { LifecyclePlan } from '../../protocols/lifecycle/plan-types.js';
import { OPS_RUNBOOK_PATH, num } from './monitoring.js';
import { PROMOTE, registeredModel } from './registry.js';
import { commentedYaml } from './yaml-doc.js';

/**
 * The script the pipelines call to move traffic where no kubectl one-liner does it (managed
 * endpoints, compose, edge fleets, KServe Standard mode): `release.sh ENVIRONMENT MODEL_URI PERCENT`.
 */
export const RELEASE_SCRIPT = 'mlops/deploy/release.sh';

/** Shell lines that point ENVIRONMENT's serving at $MODEL_URI with PERCENT of the traffic. */
/** Every release step is release.sh ENVIRONMENT MODEL_URI PERCENT (mlops/deploy/release.sh turns it into the target's mechanism). */
function releaseLines(_plan: LifecyclePlan, environment: string, percent: number): string[] {
  return [`bash ${RELEASE_SCRIPT} ${environment} "$MODEL_URI" ${String(percent)}`];
}

/** The artifacts an environment's alias points at, from the registry policy's script. */
const URI_OF = (environment: 'staging' | 'production', alias: string): string =>
  `python ${PROMOTE} uri --environment ${environment} --alias ${alias}`;

/** The SLO gate after a rollout step: no critical alert of this model firing in Prometheus. */
function sloGate(plan: LifecyclePlan): string[] {
  return [
    `sleep ${String(plan.monitoring.latency.minutes * 60)}`,
    `firing=$(curl -fsS -G "$PROMETHEUS_URL/api/v1/query" --data-urlencode 'query=ALERTS{model="${plan.name}",alertstate="firing",severity="critical"}' | jq '.data.result | length')`,
    'if [ "$firing" -ne 0 ]; then echo "critical alerts firing: stopping the rollout"; exit 1; fi',
  ];
}

/**
 * The steps one CI run takes. Devices soak for days per stage (edge-rollout.yaml), longer than a CI
 * job should wait: a run ships the first stage, and each next one is a release.sh run after its soak.
 */
function rolloutSteps(plan: LifecyclePlan): number[] {
  if (!plan.gates.gradualRollout) return [100];
  return plan.serving.kind === 'edge' ? plan.rollout.steps.slice(0, 1) : [...plan.rollout.steps];
}

/** Crowned in CI once the run reached 100%; a device rollout is crowned after its last stage, by hand. */
const crownsInCi = (plan: LifecyclePlan): boolean => rolloutSteps(plan).includes(100);

/** What a device rollout's later stages are, said where the CI file explains its rollout. */
const EDGE_STAGES = (plan: LifecyclePlan): string =>
  `Devices: this job ships the first stage (${String(plan.rollout.steps[0] ?? 100)}%); after each soak in mlops/deploy/edge-rollout.yaml run \`bash ${RELEASE_SCRIPT} production MODEL_URI PERCENT\` for the next stage (${plan.rollout.steps.slice(1).join(', ')}%), then \`python ${PROMOTE} crown\`.`;

function modelTestEnv(plan: LifecyclePlan): Record<string, string> {
  const m = plan.monitoring;
  return {
    MODEL_NAME: registeredModel(plan, 'staging'),
    QUALITY_METRIC: m.qualityMetric,
    QUALITY_LOWER_IS_BETTER: m.lowerIsBetter ? 'true' : 'false',
    // A candidate may not be worse than the champion by the drop monitoring would investigate.
    MAX_QUALITY_DROP: num(m.accuracyDrop.investigate),
    ...(m.latencyTargetMs === undefined && plan.latencyMs === undefined
      ? {}
      : { LATENCY_P95_TARGET_MS: num(m.latencyTargetMs ?? plan.latencyMs ?? 0) }),
  };
}

const SIGNATURE_CHECK = (name: string): string =>
  `python -c "import mlflow, sys; info = mlflow.models.get_model_info('models:/${name}@challenger'); sys.exit(0 if info.signature is not None else 'the @challenger has no signature: log it with infer_signature')"`;

const MODEL_TESTS = [
  ['Behavioural and invariance tests', 'pytest tests/model -m "behavioural or invariance"'],
  ['Performance against the champion', 'pytest tests/model -m performance'],
  ['Latency benchmark', 'pytest tests/model -m latency'],
] as const;

function githubCd(plan: LifecyclePlan): Artifact {
  const mlflowEnv = {
    MLFLOW_TRACKING_URI: '${{ secrets.MLFLOW_TRACKING_URI }}',
    MLFLOW_TRACKING_USERNAME: '${{ secrets.MLFLOW_TRACKING_USERNAME }}',
    MLFLOW_TRACKING_PASSWORD: '${{ secrets.MLFLOW_TRACKING_PASSWORD }}',
  };
  const python = [
    { uses: 'actions/checkout@v4' },
    { uses: 'actions/setup-python@v5', with: { 'python-version': '3.12', cache: 'pip' } },
    {
      run: 'pip install mlflow pytest ruff\nif [ -f requirements.txt ]; then pip install -r requirements.txt; fi',
    },
  ];
  const kube =
    plan.serving.kind === 'kserve' || plan.serving.kind === 'deployment' || plan.batch?.kind === 'cronjob';
  const deployEnv = {
    ...mlflowEnv,
    K8S_NAMESPACE: '${{ vars.K8S_NAMESPACE }}',
    PROMETHEUS_URL: '${{ vars.PROMETHEUS_URL }}',
  };
  const kubeconfig = kube
    ? [
        {
          name: 'Cluster credentials',
          env: { KUBECONFIG_DATA: '${{ secrets.KUBECONFIG }}' },
          run: 'printf \'%s\' "$KUBECONFIG_DATA" > "$RUNNER_TEMP/kubeconfig"\necho "KUBECONFIG=$RUNNER_TEMP/kubeconfig" >> "$GITHUB_ENV"',
        },
      ]
    : [];
  const resolve = (
    environment: 'staging' | 'production',
    alias: string,
    output: string,
  ): Record<string, unknown> => ({
    name: `Resolve ${environment} @${alias}`,
    id: output,
    // The first release has no @champion: an empty uri, and the rollback step says so.
    run: `echo "uri=$(${URI_OF(environment, alias)}${alias === 'champion' ? ' || true' : ''})" >> "$GITHUB_OUTPUT"`,
  });
  const steps = rolloutSteps(plan);
  const production: Record<string, unknown> = {
    needs: 'staging',
    if: "github.event_name == 'push' && github.ref == 'refs/heads/main'",
    'runs-on': 'ubuntu-latest',
    // Reading who approved the run needs actions: read.
    permissions: { contents: 'read', actions: 'read' },
    // The gate: a job naming a protected environment waits for its required reviewers.
    environment: 'production',
    concurrency: { group: `production-${plan.name}`, 'cancel-in-progress': false },
    env: deployEnv,
    steps: [
      ...python,
      ...kubeconfig,
      {
        // The reviewer who approved this deployment, from GitHub's record of the environment's approvals.
        name: 'Promote the staging @challenger to production, recording the approval',
        env: { GH_TOKEN: '${{ github.token }}' },
        run: [
          'APPROVED_BY=$(gh api "repos/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID/approvals" --jq \'[.[] | select(.state == "approved") | .user.login] | last // ""\')',
          `APPROVED_BY="$APPROVED_BY" python ${PROMOTE} promote`,
        ].join('\n'),
      },
      resolve('production', 'champion', 'previous'),
      resolve('production', 'challenger', 'candidate'),
      ...steps.map((percent) => ({
        name: `Rollout ${String(percent)}%`,
        env: { MODEL_URI: '${{ steps.candidate.outputs.uri }}' },
        run: [...releaseLines(plan, 'production', percent), ...sloGate(plan)].join('\n'),
      })),
      ...(crownsInCi(plan)
        ? [
            {
              name: 'Crown the production @challenger (the old @champion becomes @previous_champion)',
              run: `python ${PROMOTE} crown`,
            },
          ]
        : []),
      {
        name: 'Roll back to the previous @champion',
        if: 'failure()',
        env: { MODEL_URI: '${{ steps.previous.outputs.uri }}' },
        run: [
          'if [ -z "$MODEL_URI" ]; then echo "no previous champion: nothing to roll back to"; exit 1; fi',
          ...releaseLines(plan, 'production', 100),
          `echo "Rolled back; see ${OPS_RUNBOOK_PATH} before retrying."`,
        ].join('\n'),
      },
    ],
  };
  const value = {
    name: `Model CI/CD ${plan.name}`,
    on: { push: { branches: ['main'] }, pull_request: { branches: ['main'] }, workflow_dispatch: {} },
    permissions: { contents: 'read' },
    jobs: {
      test: {
        'runs-on': 'ubuntu-latest',
        steps: [
          ...python,
          { name: 'Lint', run: 'ruff check .' },
          { name: 'Unit tests', run: 'pytest tests/unit' },
        ],
      },
      'model-tests': {
        needs: 'test',
        // Forks get no secrets: their pull requests stop after the unit tests.
        if: "github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository",
        'runs-on': 'ubuntu-latest',
        env: { ...mlflowEnv, ...modelTestEnv(plan) },
        steps: [
          ...python,
          ...MODEL_TESTS.map(([name, run]) => ({ name, run })),
          { name: 'Signature check', run: SIGNATURE_CHECK(registeredModel(plan, 'staging')) },
        ],
      },
      staging: {
        needs: 'model-tests',
        if: "github.event_name == 'push' && github.ref == 'refs/heads/main'",
        'runs-on': 'ubuntu-latest',
        environment: 'staging',
        env: deployEnv,
        steps: [
          ...python,
          ...kubeconfig,
          resolve('staging', 'challenger', 'candidate'),
          {
            name: 'Deploy @challenger to staging',
            env: { MODEL_URI: '${{ steps.candidate.outputs.uri }}' },
            run: releaseLines(plan, 'staging', 100).join('\n'),
          },
        ],
      },
      production,
    },
  };
  const header = [
    `CI/CD for ${plan.name}: lint and unit tests, model tests, @challenger to staging, then production.`,
    plan.gates.approval
      ? 'Production waits for approval: in Settings > Environments > production, add required reviewers (and'
      : 'Production has no approval gate at this governance level; to add one, in Settings > Environments > production add required reviewers (and',
    'restrict it to the main branch). GitHub records who approved each deployment.',
    plan.gates.gradualRollout
      ? plan.serving.kind === 'edge'
        ? EDGE_STAGES(plan)
        : `Rollout: ${steps.map((s) => `${String(s)}%`).join(' -> ')}, each held ${num(plan.monitoring.latency.minutes)} minutes (the p95 alert's window) with no critical alert firing.`
      : 'Rollout: all at once, then the same SLO check.',
    'Any failed step rolls back to the @champion that was serving before; @champion moves only after 100%.',
    'Model tests read their thresholds from the job env; tests/model holds them, marked behavioural, invariance, performance, latency.',
    'Secrets: MLFLOW_TRACKING_URI, MLFLOW_TRACKING_USERNAME, MLFLOW_TRACKING_PASSWORD' +
      (kube ? ', KUBECONFIG (per environment)' : '') +
      '; variables K8S_NAMESPACE, PROMETHEUS_URL per environment.',
    'Actions are pinned to major versions; pin them to commit SHAs (Dependabot keeps them current) if your policy requires it.',
  ].join('\n');
  return commentedYaml('.github/workflows/mlops-model-cd.yaml', header, value);
}

function gitlabCd(plan: LifecyclePlan): Artifact {
  const steps = rolloutSteps(plan);
  const main = { if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE == "push"' };
  const base = {
    image: 'python:3.12-slim',
    before_script: [
      'pip install mlflow pytest ruff',
      'if [ -f requirements.txt ]; then pip install -r requirements.txt; fi',
    ],
  };
  // Deploy jobs need python with mlflow, kubectl, curl and jq: one image built for them.
  const deployImage = { image: '$DEPLOY_IMAGE' };
  const value = {
    stages: ['test', 'model-test', 'staging', 'production', 'rollback'],
    variables: { DEPLOY_IMAGE: `${plan.name}-deploy:latest` },
    lint: { ...base, stage: 'test', script: ['ruff check .'] },
    'unit-tests': { ...base, stage: 'test', script: ['pytest tests/unit'] },
    'model-tests': {
      ...base,
      stage: 'model-test',
      variables: modelTestEnv(plan),
      script: [...MODEL_TESTS.map(([, run]) => run), SIGNATURE_CHECK(registeredModel(plan, 'staging'))],
    },
    'deploy-staging': {
      ...deployImage,
      stage: 'staging',
      rules: [main],
      environment: { name: 'staging' },
      script: [
        `export MODEL_URI="$(${URI_OF('staging', 'challenger')})"`,
        ...releaseLines(plan, 'staging', 100),
      ],
    },
    'deploy-production': {
      ...deployImage,
      stage: 'production',
      rules: [{ ...main, when: 'manual' }],
      allow_failure: false,
      environment: { name: 'production' },
      resource_group: `production-${plan.name}`,
      script: [
        // The person who ran this manual job on the protected environment is the approver.
        `APPROVED_BY="$GITLAB_USER_LOGIN" python ${PROMOTE} promote`,
        `export MODEL_URI="$(${URI_OF('production', 'challenger')})"`,
        `${URI_OF('production', 'champion')} > previous_model_uri || true`,
        ...steps.flatMap((percent) => [...releaseLines(plan, 'production', percent), ...sloGate(plan)]),
        ...(crownsInCi(plan) ? [`python ${PROMOTE} crown`] : []),
      ],
      artifacts: { when: 'always', paths: ['previous_model_uri'] },
    },
    'rollback-production': {
      ...deployImage,
      stage: 'rollback',
      rules: [{ ...main, when: 'on_failure' }],
      needs: ['deploy-production'],
      environment: { name: 'production' },
      script: [
        'export MODEL_URI="$(cat previous_model_uri)"',
        'test -n "$MODEL_URI"',
        ...releaseLines(plan, 'production', 100),
      ],
    },
  };
  const header = [
    `CI/CD for ${plan.name}. Include it from .gitlab-ci.yml (include: local: mlops/ci/model-cd.gitlab-ci.yml).`,
    'deploy-production is manual (when: manual, allow_failure: false, so the pipeline waits for it).',
    plan.gates.approval
      ? 'Protect the production environment (Settings > CI/CD > Protected environments) with required approvals, so only the named approvers can run it.'
      : 'Protect the production environment (Settings > CI/CD > Protected environments) to choose who may run it.',
    plan.serving.kind === 'edge' && plan.gates.gradualRollout
      ? EDGE_STAGES(plan)
      : `Rollout: ${steps.map((s) => `${String(s)}%`).join(' -> ')}, each held ${num(plan.monitoring.latency.minutes)} minutes with no critical alert firing; on failure rollback-production restores the previous @champion.`,
    'DEPLOY_IMAGE: an image with python 3.12 and mlflow, kubectl, curl and jq (the deploy jobs run in it).',
    'Variables (masked, protected, per environment): MLFLOW_TRACKING_URI, MLFLOW_TRACKING_USERNAME, MLFLOW_TRACKING_PASSWORD, KUBECONFIG (a file variable), K8S_NAMESPACE, PROMETHEUS_URL.',
  ].join('\n');
  return commentedYaml('mlops/ci/model-cd.gitlab-ci.yml', header, value);
}

export function cicdFiles(plan: LifecyclePlan): Artifact[] {
  switch (plan.ci) {
    case 'github':
      return [githubCd(plan)];
    case 'gitlab':
      return [gitlabCd(plan)];
    case 'none':
      return [];
  }
}
