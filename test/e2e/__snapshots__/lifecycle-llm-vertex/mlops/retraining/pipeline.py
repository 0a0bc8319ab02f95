"""Retraining for support-answer-drafting: a Kubeflow Pipelines v2 pipeline.

validate data -> train (an MLflow run) -> evaluate (challenger vs @champion) -> register as
@challenger with a validation_status tag, only when the evaluation passed (dsl.If). Promotion to
@champion is the CI platform's approved production deployment, not a pipeline step.

Compile:  python mlops/retraining/pipeline.py   (writes retraining_pipeline.yaml)
Schedule: a recurring run with the cron below. KFP's cron has six fields (seconds first), so the
plan's "0 2 * * 0" (UTC) becomes "0 0 2 * * 0":
    kfp.Client().create_recurring_run(experiment_id=..., job_name="support-answer-drafting-retrain",
        cron_expression=KFP_CRON, pipeline_package_path="retraining_pipeline.yaml",
        max_concurrency=1)
max_concurrency=1 keeps two runs from racing for the @challenger alias.
"""

from kfp import compiler, dsl, kubernetes  # kubernetes: the kfp-kubernetes package

# Drift and quality triggers: the alerts labelled action="retrain" (PSI over 0.25,
# a 10% drop in eval_pass_rate) reach Alertmanager, whose webhook receiver is one
# that creates a Kubeflow Pipelines run of the compiled pipeline (kfp Client().create_run_from_pipeline_package).

TRAINING_IMAGE = "support-answer-drafting-training:latest"
KFP_CRON = "0 0 2 * * 0"


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
        task, config_map_name="mlflow-client",
        config_map_key_to_env={"MLFLOW_TRACKING_URI": "MLFLOW_TRACKING_URI"},
    )
    kubernetes.use_secret_as_env(
        task, secret_name="mlflow-credentials",
        secret_key_to_env={"username": "MLFLOW_TRACKING_USERNAME", "password": "MLFLOW_TRACKING_PASSWORD"},
    )
    task.set_env_variable("MLFLOW_EXPERIMENT_NAME", "support-answer-drafting")
    return task


@dsl.pipeline(name="support-answer-drafting-retrain", description="Validate, train, evaluate, register @challenger")
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
