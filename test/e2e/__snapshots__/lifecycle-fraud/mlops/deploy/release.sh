#!/usr/bin/env bash
# Release a registered version of Card fraud scoring: release.sh ENVIRONMENT MODEL_URI PERCENT
#   ENVIRONMENT  staging or production
#   MODEL_URI    the version's artifacts, from: python mlops/registry/promote.py uri --environment ENV --alias ALIAS
#   PERCENT      the share of traffic the version takes; 100 makes it the only one
# KServe Standard mode: the version runs as spec.canary's predictor with PERCENT of the traffic;
# at 100 it becomes the main predictor and the canary entry is removed. With no champion yet
# (the first release) there is nothing to share traffic with: it goes straight to 100.
set -euo pipefail

environment="${1:?usage: release.sh ENVIRONMENT MODEL_URI PERCENT}"
model_uri="${2:?usage: release.sh ENVIRONMENT MODEL_URI PERCENT}"
percent="${3:?usage: release.sh ENVIRONMENT MODEL_URI PERCENT}"
case "$percent" in ([0-9]|[1-9][0-9]|100) ;; (*) echo "PERCENT must be 0-100, got $percent" >&2; exit 64 ;; esac
echo "release: $environment takes $model_uri at $percent%"

: "${K8S_NAMESPACE:?set K8S_NAMESPACE (the namespace the model runs in)}"
champion="$(python mlops/registry/promote.py uri --environment "$environment" --alias champion 2>/dev/null || true)"
if [ "$percent" = 100 ] || [ -z "$champion" ]; then
  export CHAMPION_ARTIFACT_PATH="${model_uri#*://}" CHALLENGER_ARTIFACT_PATH="${model_uri#*://}"
  envsubst < mlops/deploy/inferenceservice.yaml | kubectl -n "$K8S_NAMESPACE" apply -f -
  kubectl -n "$K8S_NAMESPACE" patch inferenceservice card-fraud-scoring --type json -p '[{"op":"remove","path":"/spec/canary"}]' || true
else
  export CHAMPION_ARTIFACT_PATH="${champion#*://}" CHALLENGER_ARTIFACT_PATH="${model_uri#*://}"
  envsubst < mlops/deploy/inferenceservice.yaml | kubectl -n "$K8S_NAMESPACE" apply -f -
  kubectl -n "$K8S_NAMESPACE" patch inferenceservice card-fraud-scoring --type json \
    -p "[{\"op\":\"replace\",\"path\":\"/spec/canary/0/trafficPercent\",\"value\":$percent}]"
fi
kubectl -n "$K8S_NAMESPACE" wait inferenceservice/card-fraud-scoring --for=condition=Ready --timeout=10m
