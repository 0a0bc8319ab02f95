/**
 * The retraining pipeline in the stack's own format (Argo CronWorkflow, Kubeflow Pipelines v2,
 * GitHub Actions, GitLab CI, Airflow), always the same four steps: validate the data, train (an
 * MLflow run of the MLproject), evaluate the challenger against the champion, register it under the
 * @challenger alias with a validation_status tag. The pipeline stops there: promotion to @champion
 * is the CI platform's gated production environment (cicd.ts), never an unattended workflow.
 *
 * Evaluation and registration are one small Python file (steps.py) shared by every format, so the
 * rule that decides whether a model is registered is written once.
 */
import type { Artifact } from '../../output/artifacts.js';
import { registeredModel } from './registry.js';
import type { LifecyclePlan } from '../../protocols/lifecycle/plan-types.js';
import { num, retrainTrigger } from './monitoring.js';
import { commentedYaml } from './yaml-doc.js';

const RETRAIN_STEPS_PATH = 'mlops/retraining/steps.py';
/** MLproject entry points the pipelines run; the MLproject must define them. */
export const REQUIRED_ENTRY_POINTS = ['validate_data', 'train'] as const;
/** Kubernetes objects the in-cluster pipelines read their MLflow settings from. */
const MLFLOW_CONFIGMAP = 'mlflow-client';
const MLFLOW_SECRET = 'mlflow-credentials';

type Scheduled = Exclude<LifecyclePlan['retraining'], { format: 'none' }>;

function trainingImage(plan: LifecyclePlan): string {
  return `${plan.name}-training:latest`;
}

/** The step helper: the champion/challenger rule and the registration, in MLflow's client API. */
function stepsPy(plan: LifecyclePlan): string {
  const m = plan.monitoring;
  return `"""Retraining steps for ${plan.name}: evaluate the challenger against the champion, register it.

Every retraining pipeline (whatever runs it) calls this file after \`mlflow run mlops/project -e train
--run-name <pipeline run id>\`, so the rule that lets a model into the registry is written once:

  python mlops/retraining/steps.py evaluate --run-name RUN --out evaluation.json
  python mlops/retraining/steps.py register --evaluation evaluation.json

Registration sets the @challenger alias and a validation_status tag on the new version. Nothing here
touches @champion: production promotion is the CI platform's approved production deployment.
Reads MLFLOW_TRACKING_URI (and MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD) from the
environment; no credential lives in this file.
"""

import argparse
import json
import sys

import mlflow
from mlflow import MlflowClient
from mlflow.exceptions import MlflowException

# One registered model per environment (mlops/registry/policy.yaml): candidates land in staging;
# the bar to beat is the version production serves.
STAGING = ${JSON.stringify(registeredModel(plan, 'staging'))}
PRODUCTION = ${JSON.stringify(registeredModel(plan, 'production'))}
EXPERIMENT = ${JSON.stringify(plan.name)}
# The quality metric the train entry point logs on the held-out validation split.
METRIC = ${JSON.stringify(m.qualityMetric)}
LOWER_IS_BETTER = ${m.lowerIsBetter ? 'True' : 'False'}


def find_run(run_name):
    runs = mlflow.search_runs(
        experiment_names=[EXPERIMENT],
        filter_string=f"attributes.run_name = '{run_name}'",
        order_by=["attributes.start_time DESC"],
        max_results=1,
        output_format="list",
    )
    if not runs:
        sys.exit(f"no run named {run_name} in experiment {EXPERIMENT}: did the train step run?")
    return runs[0]


def champion_score(client):
    try:
        version = client.get_model_version_by_alias(PRODUCTION, "champion")
    except MlflowException:
        return None, None  # the first model: nothing to beat
    run = client.get_run(version.run_id)
    return version.version, run.data.metrics.get(METRIC)


def evaluate(args):
    client = MlflowClient()
    run = find_run(args.run_name)
    score = run.data.metrics.get(METRIC)
    if score is None:
        sys.exit(f"run {run.info.run_id} logged no {METRIC}: the train entry point must log it")
    champion_version, champion = champion_score(client)
    # A challenger must match or beat the champion on the same validation split. Monitoring
    # retrains at a ${num(m.accuracyDrop.retrain * 100)}% drop, so a model that is merely "close" to the champion
    # would be promoted into the next retraining alert.
    if champion is None:
        passed = True
    elif LOWER_IS_BETTER:
        passed = score <= champion
    else:
        passed = score >= champion
    result = {
        "run_id": run.info.run_id,
        "metric": METRIC,
        "challenger": score,
        "champion": champion,
        "champion_version": champion_version,
        "passed": passed,
    }
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(result, handle, indent=2)
    print(json.dumps(result))
    with open(args.passed_file, "w", encoding="utf-8") as handle:
        handle.write("true" if passed else "false")


def register(args):
    with open(args.evaluation, encoding="utf-8") as handle:
        result = json.load(handle)
    if not result["passed"]:
        print(f"challenger {METRIC}={result['challenger']} does not beat champion {result['champion']}: not registered")
        return
    client = MlflowClient()
    run = client.get_run(result["run_id"])
    version = mlflow.register_model(f"runs:/{result['run_id']}/model", STAGING)
    # The lineage tags the registry policy requires, then the evaluation's outcome.
    tags = {
        "training_run_id": result["run_id"],
        "git_commit": run.data.tags.get("mlflow.source.git.commit", "unknown"),
        "data_version": run.data.params.get("data_version", run.data.tags.get("data_version", "unknown")),
        "validation_status": "passed",
        f"validation.{METRIC}": str(result["challenger"]),
    }
    for key, value in tags.items():
        client.set_model_version_tag(STAGING, version.version, key, value)
    client.set_registered_model_alias(STAGING, "challenger", version.version)
    print(f"registered {STAGING} version {version.version} as @challenger")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    ev = commands.add_parser("evaluate")
    ev.add_argument("--run-name", required=True)
    ev.add_argument("--out", default="evaluation.json")
    ev.add_argument("--passed-file", default="passed")
    ev.set_defaults(handler=evaluate)
    reg = commands.add_parser("register")
    reg.add_argument("--evaluation", default="evaluation.json")
    reg.set_defaults(handler=register)
    args = parser.parse_args()
    args.handler(args)


if __name__ == "__main__":
    main()
`;
}

function triggerComment(plan: LifecyclePlan): string {
  return [
    `Drift and quality triggers: the alerts labelled action="retrain" (PSI over ${num(plan.monitoring.psi.retrain)},`,
    `a ${num(plan.monitoring.accuracyDrop.retrain * 100)}% drop in ${plan.monitoring.qualityMetric}) reach Alertmanager, whose webhook receiver is one`,
    retrainTrigger(plan),
  ].join('\n');
}

function argoFiles(plan: LifecyclePlan, retraining: Scheduled): Artifact[] {
  const env = [
    {
      name: 'MLFLOW_TRACKING_URI',
      valueFrom: { configMapKeyRef: { name: MLFLOW_CONFIGMAP, key: 'MLFLOW_TRACKING_URI' } },
    },
    {
      name: 'MLFLOW_TRACKING_USERNAME',
      valueFrom: { secretKeyRef: { name: MLFLOW_SECRET, key: 'username' } },
    },
    {
      name: 'MLFLOW_TRACKING_PASSWORD',
      valueFrom: { secretKeyRef: { name: MLFLOW_SECRET, key: 'password' } },
    },
    { name: 'MLFLOW_EXPERIMENT_NAME', value: plan.name },
  ];
  const step = (
    name: string,
    args: string[],
    extra: Record<string, unknown> = {},
  ): Record<string, unknown> => ({
    name,
    container: {
      name: 'main',
      image: '{{workflow.parameters.training-image}}',
      command: ['sh', '-c'],
      args: [args.join(' && ')],
      env,
      resources: {
        requests: { cpu: plan.resources.cpuRequest, memory: plan.resources.memoryRequest },
        limits: { cpu: plan.resources.cpuLimit, memory: plan.resources.memoryLimit },
      },
    },
    ...extra,
  });
  const value = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'CronWorkflow',
    metadata: {
      name: `${plan.name}-retrain`,
      labels: { 'app.kubernetes.io/name': plan.name, 'app.kubernetes.io/component': 'retraining' },
    },
    spec: {
      schedules: [retraining.schedule],
      timezone: 'UTC',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 3_600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 5,
      workflowSpec: {
        entrypoint: 'retrain',
        serviceAccountName: `${plan.name}-retrain`,
        activeDeadlineSeconds: 6 * 3_600,
        arguments: { parameters: [{ name: 'training-image', value: trainingImage(plan) }] },
        templates: [
          {
            name: 'retrain',
            dag: {
              tasks: [
                { name: 'validate-data', template: 'validate-data' },
                { name: 'train', template: 'train', depends: 'validate-data' },
                { name: 'evaluate', template: 'evaluate', depends: 'train' },
                {
                  name: 'register',
                  template: 'register',
                  depends: 'evaluate',
                  when: '{{tasks.evaluate.outputs.parameters.passed}} == true',
                  arguments: {
                    artifacts: [
                      { name: 'evaluation', from: '{{tasks.evaluate.outputs.artifacts.evaluation}}' },
                    ],
                  },
                },
              ],
            },
          },
          step('validate-data', ['mlflow run mlops/project -e validate_data --env-manager local']),
          step(
            'train',
            ['mlflow run mlops/project -e train --env-manager local --run-name {{workflow.name}}'],
            {
              retryStrategy: { limit: 1, retryPolicy: 'OnError' },
            },
          ),
          step(
            'evaluate',
            [
              'python mlops/retraining/steps.py evaluate --run-name {{workflow.name}} --out /tmp/evaluation.json --passed-file /tmp/passed',
            ],
            {
              outputs: {
                parameters: [{ name: 'passed', valueFrom: { path: '/tmp/passed' } }],
                artifacts: [{ name: 'evaluation', path: '/tmp/evaluation.json' }],
              },
            },
          ),
          step('register', ['python mlops/retraining/steps.py register --evaluation /tmp/evaluation.json'], {
            inputs: { artifacts: [{ name: 'evaluation', path: '/tmp/evaluation.json' }] },
          }),
        ],
      },
    },
  };
  const header = [
    `Retraining for ${plan.name}: an Argo Workflows v4 CronWorkflow (spec.schedules is a list; the`,
    'single spec.schedule field is gone). UTC, and Forbid: a run still training when the next is due',
    'makes the next one wait rather than race it for the @challenger alias.',
    '',
    'validate-data -> train (an MLflow run) -> evaluate (challenger vs @champion) -> register (@challenger,',
    'tag validation_status), only when evaluation passed. Promotion to @champion is not here: it is the',
    "CI platform's production environment with required reviewers.",
    '',
    'The training image holds the project (MLproject and mlops/retraining/steps.py); CI builds it.',
    'evaluate hands evaluation.json to register as an artifact: the controller needs an artifact repository.',
    `MLflow settings come from the ConfigMap ${MLFLOW_CONFIGMAP} and the Secret ${MLFLOW_SECRET}.`,
    '',
    triggerComment(plan),
  ].join('\n');
  return [commentedYaml('mlops/retraining/cronworkflow.yaml', header, value)];
}

function kfpFile(plan: LifecyclePlan, retraining: Scheduled): string {
  const kfpCron = `0 ${retraining.schedule}`;
  const comment = triggerComment(plan)
    .split('\n')
    .map((line) => `# ${line}`)
    .join('\n');
  return `"""Retraining for ${plan.name}: a Kubeflow Pipelines v2 pipeline.

validate data -> train (an MLflow run) -> evaluate (challenger vs @champion) -> register as
@challenger with a validation_status tag, only when the evaluation passed (dsl.If). Promotion to
@champion is the CI platform's approved production deployment, not a pipeline step.

Compile:  python mlops/retraining/pipeline.py   (writes retraining_pipeline.yaml)
Schedule: a recurring run with the cron below. KFP's cron has six fields (seconds first), so the
plan's "${retraining.schedule}" (UTC) becomes "${kfpCron}":
    kfp.Client().create_recurring_run(experiment_id=..., job_name="${plan.name}-retrain",
        cron_expression=KFP_CRON, pipeline_package_path="retraining_pipeline.yaml",
        max_concurrency=1)
max_concurrency=1 keeps two runs from racing for the @challenger alias.
"""

from kfp import compiler, dsl, kubernetes  # kubernetes: the kfp-kubernetes package

${comment}

TRAINING_IMAGE = ${JSON.stringify(trainingImage(plan))}
KFP_CRON = ${JSON.stringify(kfpCron)}


@dsl.component(base_image=TRAINING_IMAGE)
def validate_data():
    import subprocess

    subprocess.run(["mlflow", "run", ".", "-e", "validate_data", "--env-manager", "local"], check=True)


@dsl.component(base_image=TRAINING_IMAGE)
def train(run_name: str):
    import subprocess

    subprocess.run(
        ["mlflow", "run", ".", "-e", "train", "--env-manager", "local", "--run-name", run_name],
        check=True,
    )


@dsl.component(base_image=TRAINING_IMAGE)
def evaluate(run_name: str, evaluation: dsl.Output[dsl.Artifact]) -> bool:
    import subprocess

    subprocess.run(
        ["python", "mlops/retraining/steps.py", "evaluate", "--run-name", run_name,
         "--out", evaluation.path, "--passed-file", "/tmp/passed"],
        check=True,
    )
    with open("/tmp/passed", encoding="utf-8") as handle:
        return handle.read().strip() == "true"


@dsl.component(base_image=TRAINING_IMAGE)
def register(evaluation: dsl.Input[dsl.Artifact]):
    import subprocess

    subprocess.run(
        ["python", "mlops/retraining/steps.py", "register", "--evaluation", evaluation.path],
        check=True,
    )


def with_mlflow(task):
    """MLflow's address from a ConfigMap and its credentials from a Secret, never from this file."""
    kubernetes.use_config_map_as_env(
        task, config_map_name=${JSON.stringify(MLFLOW_CONFIGMAP)},
        config_map_key_to_env={"MLFLOW_TRACKING_URI": "MLFLOW_TRACKING_URI"},
    )
    kubernetes.use_secret_as_env(
        task, secret_name=${JSON.stringify(MLFLOW_SECRET)},
        secret_key_to_env={"username": "MLFLOW_TRACKING_USERNAME", "password": "MLFLOW_TRACKING_PASSWORD"},
    )
    task.set_env_variable("MLFLOW_EXPERIMENT_NAME", ${JSON.stringify(plan.name)})
    return task


@dsl.pipeline(name=${JSON.stringify(`${plan.name}-retrain`)}, description="Validate, train, evaluate, register @challenger")
def retraining_pipeline():
    # The run's own name names the MLflow run, so evaluate finds what train logged.
    run_name = dsl.PIPELINE_JOB_NAME_PLACEHOLDER
    validated = with_mlflow(validate_data())
    trained = with_mlflow(train(run_name=run_name)).after(validated)
    trained.set_retry(num_retries=1)
    evaluated = with_mlflow(evaluate(run_name=run_name)).after(trained)
    with dsl.If(evaluated.outputs["Output"] == True):  # noqa: E712 (a pipeline condition, not Python)
        with_mlflow(register(evaluation=evaluated.outputs["evaluation"]))


if __name__ == "__main__":
    compiler.Compiler().compile(retraining_pipeline, "retraining_pipeline.yaml")
`;
}

function githubRetrain(plan: LifecyclePlan, retraining: Scheduled): Artifact {
  const env = {
    MLFLOW_TRACKING_URI: '${{ secrets.MLFLOW_TRACKING_URI }}',
    MLFLOW_TRACKING_USERNAME: '${{ secrets.MLFLOW_TRACKING_USERNAME }}',
    MLFLOW_TRACKING_PASSWORD: '${{ secrets.MLFLOW_TRACKING_PASSWORD }}',
    MLFLOW_EXPERIMENT_NAME: plan.name,
    RUN_NAME: 'retrain-${{ github.run_id }}-${{ github.run_attempt }}',
  };
  const setup = [
    { uses: 'actions/checkout@v4' },
    { uses: 'actions/setup-python@v5', with: { 'python-version': '3.12', cache: 'pip' } },
    { run: 'pip install mlflow' },
  ];
  const value = {
    name: `Retrain ${plan.name}`,
    on: {
      schedule: [{ cron: retraining.schedule }],
      workflow_dispatch: {
        inputs: {
          reason: { description: 'Why (an alert name, or manual)', required: false, default: 'manual' },
        },
      },
    },
    permissions: { contents: 'read' },
    concurrency: { group: `retrain-${plan.name}`, 'cancel-in-progress': false },
    env,
    jobs: {
      train: {
        'runs-on': 'ubuntu-latest',
        'timeout-minutes': 360,
        steps: [
          ...setup,
          { name: 'Validate the data', run: 'mlflow run mlops/project -e validate_data --env-manager local' },
          {
            name: 'Train (an MLflow run)',
            run: 'mlflow run mlops/project -e train --env-manager local --run-name "$RUN_NAME"',
          },
        ],
      },
      evaluate: {
        needs: 'train',
        'runs-on': 'ubuntu-latest',
        outputs: { passed: '${{ steps.evaluate.outputs.passed }}' },
        steps: [
          ...setup,
          {
            id: 'evaluate',
            name: 'Challenger vs @champion',
            run: [
              'python mlops/retraining/steps.py evaluate --run-name "$RUN_NAME" --out evaluation.json --passed-file passed',
              'echo "passed=$(cat passed)" >> "$GITHUB_OUTPUT"',
            ].join('\n'),
          },
          { uses: 'actions/upload-artifact@v4', with: { name: 'evaluation', path: 'evaluation.json' } },
        ],
      },
      register: {
        needs: 'evaluate',
        if: "needs.evaluate.outputs.passed == 'true'",
        'runs-on': 'ubuntu-latest',
        steps: [
          ...setup,
          { uses: 'actions/download-artifact@v4', with: { name: 'evaluation' } },
          {
            name: 'Register as @challenger',
            run: 'python mlops/retraining/steps.py register --evaluation evaluation.json',
          },
        ],
      },
    },
  };
  const header = [
    `Retraining for ${plan.name}: ${retraining.schedule} (cron, UTC), or by hand / by alert (workflow_dispatch).`,
    'validate -> train (an MLflow run) -> evaluate (challenger vs @champion) -> register @challenger.',
    "Promotion to @champion is mlops-model-cd.yaml's production environment, with its reviewers.",
    'GitHub may delay scheduled runs at busy times and disables them after 60 days without repository activity.',
    'Secrets: MLFLOW_TRACKING_URI, MLFLOW_TRACKING_USERNAME, MLFLOW_TRACKING_PASSWORD (repository settings).',
    '',
    triggerComment(plan),
  ].join('\n');
  return commentedYaml('.github/workflows/mlops-retrain.yaml', header, value);
}

function gitlabRetrain(plan: LifecyclePlan, retraining: Scheduled): Artifact {
  const only = [
    { if: '$CI_PIPELINE_SOURCE == "schedule" && $RETRAIN == "true"' },
    { if: '$CI_PIPELINE_SOURCE == "trigger" && $RETRAIN == "true"' },
    { if: '$CI_PIPELINE_SOURCE == "web" && $RETRAIN == "true"' },
  ];
  const job = (
    stage: string,
    script: string[],
    extra: Record<string, unknown> = {},
  ): Record<string, unknown> => ({
    stage,
    image: 'python:3.12-slim',
    rules: only,
    before_script: ['pip install mlflow'],
    script,
    ...extra,
  });
  const value = {
    stages: ['validate', 'train', 'evaluate', 'register'],
    variables: { MLFLOW_EXPERIMENT_NAME: plan.name, RUN_NAME: 'retrain-$CI_PIPELINE_ID' },
    'retrain:validate-data': job('validate', [
      'mlflow run mlops/project -e validate_data --env-manager local',
    ]),
    'retrain:train': job(
      'train',
      ['mlflow run mlops/project -e train --env-manager local --run-name "$RUN_NAME"'],
      {
        timeout: '6h',
        resource_group: `retrain-${plan.name}`,
      },
    ),
    'retrain:evaluate': job(
      'evaluate',
      [
        'python mlops/retraining/steps.py evaluate --run-name "$RUN_NAME" --out evaluation.json --passed-file passed',
      ],
      { artifacts: { paths: ['evaluation.json'], expire_in: '30 days' } },
    ),
    'retrain:register': job(
      'register',
      ['python mlops/retraining/steps.py register --evaluation evaluation.json'],
      {
        needs: ['retrain:evaluate'],
      },
    ),
  };
  const header = [
    `Retraining for ${plan.name}. Include it from .gitlab-ci.yml (include: local: mlops/ci/retrain.gitlab-ci.yml).`,
    'GitLab keeps schedules in the project, not in this file: create one under Build > Pipeline schedules',
    `with the cron "${retraining.schedule}" (UTC) and the variable RETRAIN=true.`,
    'The register job skips itself when the evaluation did not pass (steps.py reads evaluation.json).',
    "Promotion to @champion is model-cd.gitlab-ci.yml's manual production job, on a protected environment.",
    'Variables MLFLOW_TRACKING_URI, MLFLOW_TRACKING_USERNAME, MLFLOW_TRACKING_PASSWORD: masked and protected CI/CD variables.',
    '',
    triggerComment(plan),
  ].join('\n');
  return commentedYaml('mlops/ci/retrain.gitlab-ci.yml', header, value);
}

function airflowDag(plan: LifecyclePlan, retraining: Scheduled): string {
  const comment = triggerComment(plan)
    .split('\n')
    .map((line) => `# ${line}`)
    .join('\n');
  return `"""Retraining for ${plan.name}: an Airflow DAG (Airflow 2.4+ or 3).

validate data -> train (an MLflow run) -> evaluate (challenger vs @champion) -> register as
@challenger with a validation_status tag, only when the evaluation passed (a short-circuit task).
Promotion to @champion is the CI platform's approved production deployment, not a DAG task.

MLFLOW_TRACKING_URI and its credentials come from the workers' environment (an Airflow
connection or a secrets backend), never from this file.
"""

import json
import subprocess
import tempfile

import pendulum

try:  # Airflow 3
    from airflow.sdk import dag, get_current_context, task
except ImportError:  # Airflow 2.x
    from airflow.decorators import dag, task
    from airflow.operators.python import get_current_context

${comment}

PROJECT_DIR = "/opt/airflow/project"  # where the workers check out the repository
ENV = {"MLFLOW_EXPERIMENT_NAME": ${JSON.stringify(plan.name)}}


def run(*args):
    import os

    subprocess.run(list(args), check=True, cwd=PROJECT_DIR, env={**os.environ, **ENV})


def run_name():
    return "retrain-" + get_current_context()["run_id"].replace(":", "-").replace("+", "-")


@dag(
    dag_id=${JSON.stringify(`${plan.name}_retrain`)},
    schedule=${JSON.stringify(retraining.schedule)},
    start_date=pendulum.datetime(2025, 1, 1, tz="UTC"),
    catchup=False,  # a missed week is not worth three back-to-back retrains
    max_active_runs=1,  # two runs would race for the @challenger alias
    default_args={"retries": 1, "retry_delay": pendulum.duration(minutes=10)},
    tags=["mlops", "retraining"],
)
def retraining():
    @task
    def validate_data():
        run("mlflow", "run", ".", "-e", "validate_data", "--env-manager", "local")

    @task(execution_timeout=pendulum.duration(hours=6))
    def train():
        run("mlflow", "run", ".", "-e", "train", "--env-manager", "local", "--run-name", run_name())

    @task.short_circuit
    def evaluate():
        run("python", "mlops/retraining/steps.py", "evaluate", "--run-name", run_name(),
            "--out", "evaluation.json", "--passed-file", "passed")
        with open(f"{PROJECT_DIR}/evaluation.json", encoding="utf-8") as handle:
            result = json.load(handle)
        # The result travels by XCom: register may run on another worker.
        get_current_context()["ti"].xcom_push(key="evaluation", value=result)
        return result["passed"]

    @task
    def register():
        result = get_current_context()["ti"].xcom_pull(task_ids="evaluate", key="evaluation")
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump(result, handle)
        run("python", "mlops/retraining/steps.py", "register", "--evaluation", handle.name)

    validate_data() >> train() >> evaluate() >> register()


retraining()
`;
}

export function retrainingFiles(plan: LifecyclePlan): Artifact[] {
  const retraining = plan.retraining;
  if (retraining.format === 'none') return [];
  const steps: Artifact = { path: RETRAIN_STEPS_PATH, content: stepsPy(plan) };
  switch (retraining.format) {
    case 'argo':
      return [...argoFiles(plan, retraining), steps];
    case 'kfp':
      return [{ path: 'mlops/retraining/pipeline.py', content: kfpFile(plan, retraining) }, steps];
    case 'github-actions':
      return [githubRetrain(plan, retraining), steps];
    case 'gitlab':
      return [gitlabRetrain(plan, retraining), steps];
    case 'airflow':
      return [{ path: 'mlops/retraining/dag.py', content: airflowDag(plan, retraining) }, steps];
  }
}
