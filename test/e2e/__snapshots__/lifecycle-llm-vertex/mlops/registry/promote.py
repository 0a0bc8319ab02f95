"""Promote, crown and roll back versions of the model by alias (see policy.yaml).

validate: tag support-answer-drafting-staging@challenger with validation_status.
promote:  copy support-answer-drafting-staging@challenger to support-answer-drafting-production as @challenger (it must have passed).
crown:    move support-answer-drafting-production@champion to @challenger, keeping the old one as @previous_champion.
rollback: move support-answer-drafting-production@champion back to @previous_champion, tagging the replaced version failed.
reject:   tag the production @challenger failed and drop the alias (a canary that went wrong).
uri:      print the artifact location of ENVIRONMENT@ALIAS, which a deployment serves.

The tracking server comes from MLFLOW_TRACKING_URI (and its credentials from the environment
variables MLflow reads): nothing here holds a secret.
"""
import argparse
import os
import sys

from mlflow import MlflowClient

STAGING = "support-answer-drafting-staging"
PRODUCTION = "support-answer-drafting-production"
APPROVAL_REQUIRED = True


def version_of(client, name, alias):
    try:
        return client.get_model_version_by_alias(name, alias)
    except Exception as error:  # the alias does not exist yet
        sys.exit(f"{name}@{alias} not found: {error}")


def validate(client, status):
    version = version_of(client, STAGING, "challenger")
    client.set_model_version_tag(STAGING, version.version, "validation_status", status)
    print(f"{STAGING} version {version.version}: validation_status={status}")


def promote(client):
    version = version_of(client, STAGING, "challenger")
    if version.tags.get("validation_status") != "passed":
        sys.exit(f"{STAGING}@challenger has not passed validation")
    approver = os.environ.get("APPROVED_BY", "")
    if APPROVAL_REQUIRED and not approver:
        sys.exit("APPROVED_BY is empty: production needs the approval recorded by the CI environment")
    copied = client.copy_model_version(f"models:/{STAGING}@challenger", PRODUCTION)
    for key, value in version.tags.items():
        client.set_model_version_tag(PRODUCTION, copied.version, key, value)
    if approver:
        client.set_model_version_tag(PRODUCTION, copied.version, "approved_by", approver)
    client.set_registered_model_alias(PRODUCTION, "challenger", copied.version)
    print(f"{PRODUCTION} version {copied.version} is @challenger")


def crown(client):
    challenger = version_of(client, PRODUCTION, "challenger")
    try:
        current = client.get_model_version_by_alias(PRODUCTION, "champion")
        client.set_registered_model_alias(PRODUCTION, "previous_champion", current.version)
    except Exception:
        current = None  # the first champion
    client.set_registered_model_alias(PRODUCTION, "champion", challenger.version)
    client.delete_registered_model_alias(PRODUCTION, "challenger")
    print(f"{PRODUCTION}@champion is version {challenger.version}")


def rollback(client):
    previous = version_of(client, PRODUCTION, "previous_champion")
    bad = version_of(client, PRODUCTION, "champion")
    client.set_model_version_tag(PRODUCTION, bad.version, "validation_status", "failed")
    client.set_registered_model_alias(PRODUCTION, "champion", previous.version)
    print(f"{PRODUCTION}@champion is back on version {previous.version}")


def reject(client):
    bad = version_of(client, PRODUCTION, "challenger")
    client.set_model_version_tag(PRODUCTION, bad.version, "validation_status", "failed")
    client.delete_registered_model_alias(PRODUCTION, "challenger")
    print(f"{PRODUCTION} version {bad.version} rejected: the @champion keeps serving")


def uri(client, environment, alias):
    name = STAGING if environment == "staging" else PRODUCTION
    version = version_of(client, name, alias)
    print(client.get_model_version_download_uri(name, version.version))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["validate", "promote", "crown", "rollback", "reject", "uri"])
    parser.add_argument("--status", choices=["passed", "failed"], default="passed")
    parser.add_argument("--environment", choices=["staging", "production"], default="production")
    parser.add_argument("--alias", default="champion")
    args = parser.parse_args()
    client = MlflowClient()
    if args.action == "validate":
        validate(client, args.status)
    elif args.action == "uri":
        uri(client, args.environment, args.alias)
    else:
        {"promote": promote, "crown": crown, "rollback": rollback, "reject": reject}[args.action](client)


if __name__ == "__main__":
    main()
