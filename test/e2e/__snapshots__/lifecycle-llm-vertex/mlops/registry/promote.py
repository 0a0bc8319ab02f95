"""Promote, crown and roll back versions in Vertex AI Model Registry by version alias (see policy.yaml).

Vertex AI keeps versions under one model resource; the policy keeps one model per environment,
found by display name. Labels carry the tags (label values allow only a-z, 0-9, _ and -).
GOOGLE_CLOUD_PROJECT and GOOGLE_CLOUD_REGION come from the environment: nothing here holds a secret.
"""
import argparse
import os
import re
import sys

from google.cloud import aiplatform

STAGING = "support-answer-drafting-staging"
PRODUCTION = "support-answer-drafting-production"
APPROVAL_REQUIRED = True


def model_named(display_name):
    models = aiplatform.Model.list(filter=f'display_name="{display_name}"')
    if not models:
        sys.exit(f"no model named {display_name} in the registry")
    return models[0]


def find_version(model, alias):
    for version in aiplatform.models.ModelRegistry(model=model.resource_name).list_versions():
        if alias in version.version_aliases:
            return aiplatform.Model(f"{model.resource_name}@{version.version_id}")
    return None


def version_of(model, alias):
    return find_version(model, alias) or sys.exit(f"{model.display_name}: no version has the alias {alias}")


def move_alias(model, alias, version):
    registry = aiplatform.models.ModelRegistry(model=model.resource_name)
    registry.add_version_aliases([alias], version=version.version_id)


def label(text):
    return re.sub(r"[^a-z0-9_-]", "_", text.lower())[:63]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["validate", "promote", "crown", "rollback", "reject", "uri"])
    parser.add_argument("--status", choices=["passed", "failed"], default="passed")
    parser.add_argument("--environment", choices=["staging", "production"], default="production")
    parser.add_argument("--alias", default="champion")
    args = parser.parse_args()
    aiplatform.init(project=os.environ["GOOGLE_CLOUD_PROJECT"], location=os.environ["GOOGLE_CLOUD_REGION"])
    staging, production = model_named(STAGING), model_named(PRODUCTION)
    if args.action == "uri":
        print(version_of(staging if args.environment == "staging" else production, args.alias).uri)
    elif args.action == "validate":
        version = version_of(staging, "challenger")
        version.update(labels={**version.labels, "validation_status": args.status})
    elif args.action == "promote":
        source = version_of(staging, "challenger")
        if source.labels.get("validation_status") != "passed":
            sys.exit(f"{STAGING}@challenger has not passed validation")
        approver = os.environ.get("APPROVED_BY", "")
        if APPROVAL_REQUIRED and not approver:
            sys.exit("APPROVED_BY is empty: production needs the approval recorded by the CI environment")
        labels = {**source.labels, **({"approved_by": label(approver)} if approver else {})}
        aiplatform.Model.upload(
            display_name=PRODUCTION,
            parent_model=production.resource_name,
            artifact_uri=source.uri,
            serving_container_image_uri=source.container_spec.image_uri,
            version_aliases=["challenger"],
            is_default_version=False,
            labels=labels,
        )
    elif args.action == "reject":
        bad = version_of(production, "challenger")
        bad.update(labels={**bad.labels, "validation_status": "failed"})
        aiplatform.models.ModelRegistry(model=production.resource_name).remove_version_aliases(
            ["challenger"], version=bad.version_id
        )
    elif args.action == "crown":
        challenger = version_of(production, "challenger")
        current = find_version(production, "champion")
        if current is not None:  # the first champion has no predecessor
            move_alias(production, "previous_champion", current)
        move_alias(production, "champion", challenger)
    else:
        bad = version_of(production, "champion")
        bad.update(labels={**bad.labels, "validation_status": "failed"})
        move_alias(production, "champion", version_of(production, "previous_champion"))


if __name__ == "__main__":
    main()
