#!/usr/bin/env bash
# Release a registered version of Churn batch scoring: release.sh ENVIRONMENT MODEL_URI PERCENT
#   ENVIRONMENT  staging or production
#   MODEL_URI    the version's artifacts, from: python mlops/registry/promote.py uri --environment ENV --alias ALIAS
#   PERCENT      the share of traffic the version takes; 100 makes it the only one
# Batch scoring: the CronJob runs the versioned image; at 100 the next run uses it.
set -euo pipefail

environment="${1:?usage: release.sh ENVIRONMENT MODEL_URI PERCENT}"
model_uri="${2:?usage: release.sh ENVIRONMENT MODEL_URI PERCENT}"
percent="${3:?usage: release.sh ENVIRONMENT MODEL_URI PERCENT}"
case "$percent" in ([0-9]|[1-9][0-9]|100) ;; (*) echo "PERCENT must be 0-100, got $percent" >&2; exit 64 ;; esac
echo "release: $environment takes $model_uri at $percent%"

: "${K8S_NAMESPACE:?set K8S_NAMESPACE (the namespace the model runs in)}"
: "${MODEL_IMAGE_REPOSITORY:?set MODEL_IMAGE_REPOSITORY (see mlops/.env.example)}"
# One image per version, tagged by its artifact path: the same version never builds twice.
tag="$(printf '%s' "$model_uri" | sha256sum | cut -c1-12)"
export MODEL_IMAGE="$MODEL_IMAGE_REPOSITORY:$tag"
if ! docker manifest inspect "$MODEL_IMAGE" >/dev/null 2>&1; then
  mlflow models build-docker --model-uri "$model_uri" --name "$MODEL_IMAGE" --env-manager local
  docker push "$MODEL_IMAGE"
fi
if [ "$percent" -lt 100 ]; then echo "batch scoring has no traffic to split: the release happens at 100%"; exit 0; fi
envsubst < mlops/deploy/batch-scoring.yaml | kubectl -n "$K8S_NAMESPACE" apply -f -
