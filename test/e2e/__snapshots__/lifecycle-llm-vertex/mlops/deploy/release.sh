#!/usr/bin/env bash
# Release a registered version of Support answer drafting: release.sh ENVIRONMENT MODEL_URI PERCENT
#   ENVIRONMENT  staging or production
#   MODEL_URI    the version's artifacts, from: python mlops/registry/promote.py uri --environment ENV --alias ALIAS
#   PERCENT      the share of traffic the version takes; 100 makes it the only one
# A managed endpoint: the first step deploys the version beside the current one (deploy.sh canary),
# later steps shift traffic (deploy.sh shift ROLLOUT_PEER PERCENT; see deploy.sh for the id it takes).
set -euo pipefail

environment="${1:?usage: release.sh ENVIRONMENT MODEL_URI PERCENT}"
model_uri="${2:?usage: release.sh ENVIRONMENT MODEL_URI PERCENT}"
percent="${3:?usage: release.sh ENVIRONMENT MODEL_URI PERCENT}"
case "$percent" in ([0-9]|[1-9][0-9]|100) ;; (*) echo "PERCENT must be 0-100, got $percent" >&2; exit 64 ;; esac
echo "release: $environment takes $model_uri at $percent%"

export MODEL_ARTIFACT_URI="$model_uri" MODEL_DATA_URL="$model_uri"
if [ "$percent" = "5" ] || [ "$environment" = staging ]; then
  bash mlops/deploy/deploy.sh canary
else
  bash mlops/deploy/deploy.sh shift "${ROLLOUT_PEER:?set ROLLOUT_PEER: the id deploy.sh shift takes}" "$percent"
fi
