"""Retraining steps for shelf-gap-detector: evaluate the challenger against the champion, register it.

Every retraining pipeline (whatever runs it) calls this file after `mlflow run mlops/project -e train
--run-name <pipeline run id>`, so the rule that lets a model into the registry is written once:

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
STAGING = "shelf-gap-detector-staging"
PRODUCTION = "shelf-gap-detector-production"
EXPERIMENT = "shelf-gap-detector"
# The quality metric the train entry point logs on the held-out validation split.
METRIC = "map_50"
LOWER_IS_BETTER = False


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
    # retrains at a 10% drop, so a model that is merely "close" to the champion
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
