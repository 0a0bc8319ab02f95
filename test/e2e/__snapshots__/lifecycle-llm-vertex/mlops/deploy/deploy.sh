#!/usr/bin/env bash
# Deploys Support answer drafting to vertex_ai with gcloud.
#   deploy.sh canary        a new version takes 5% of traffic
#   deploy.sh shift ...     the next step of the rollout
#   deploy.sh rollback ...  all traffic back to the previous version
# Rollout steps (percent): 5 -> 25 -> 50 -> 100; hold each at least 10 minutes and move on only
# while the error rate stays under 1% and p95 under 1.5x the target (3000 ms).
# Every identifier comes from the environment (mlops/.env); none is written here.
set -euo pipefail

: "${GOOGLE_CLOUD_PROJECT:?set GOOGLE_CLOUD_PROJECT (see mlops/.env.example)}"
: "${GOOGLE_CLOUD_REGION:?set GOOGLE_CLOUD_REGION (see mlops/.env.example)}"
: "${VERTEX_MODEL_ID:?set VERTEX_MODEL_ID (see mlops/.env.example)}"
: "${VERTEX_ENDPOINT_ID:?set VERTEX_ENDPOINT_ID (see mlops/.env.example)}"
: "${SERVING_IMAGE_URI:?set SERVING_IMAGE_URI (see mlops/.env.example)}"
: "${MODEL_ARTIFACT_URI:?set MODEL_ARTIFACT_URI (see mlops/.env.example)}"
: "${MACHINE_TYPE:?set MACHINE_TYPE (see mlops/.env.example)}"

region=(--project="$GOOGLE_CLOUD_PROJECT" --region="$GOOGLE_CLOUD_REGION")

# The deployed model that holds the traffic now (empty on the first deployment).
current() {
  gcloud ai endpoints describe "$VERTEX_ENDPOINT_ID" "${region[@]}" --format="value(deployedModels[0].id)"
}

canary() {
  # A new version of the registry model, aliased challenger (aliases, not stages).
  gcloud ai models upload "${region[@]}" \
    --display-name="support-answer-drafting" \
    --parent-model="$VERTEX_MODEL_ID" \
    --version-aliases=challenger \
    --container-image-uri="$SERVING_IMAGE_URI" \
    --artifact-uri="$MODEL_ARTIFACT_URI"
  local old split
  old="$(current)"
  split="0=100"
  if [[ -n "$old" ]]; then split="0=5,$old=95"; fi
  gcloud ai endpoints deploy-model "$VERTEX_ENDPOINT_ID" "${region[@]}" \
    --model="$VERTEX_MODEL_ID@challenger" \
    --display-name="support-answer-drafting-challenger" \
    --machine-type="$MACHINE_TYPE" \
    --accelerator="type=nvidia-l4,count=1" \
    --min-replica-count=2 \
    --max-replica-count=10 \
    --traffic-split="$split"
}

# shift NEW_ID PERCENT: NEW_ID takes PERCENT, the other deployed model the rest.
shift_traffic() {
  local new="$1" percent="$2" old
  old="$(gcloud ai endpoints describe "$VERTEX_ENDPOINT_ID" "${region[@]}" \
    --format="value(deployedModels.id)" | tr ";" "\n" | grep -vx "$new" | head -n 1)"
  if [[ "$percent" == 100 ]]; then
    gcloud ai endpoints update "$VERTEX_ENDPOINT_ID" "${region[@]}" --traffic-split="$new=100"
  else
    gcloud ai endpoints update "$VERTEX_ENDPOINT_ID" "${region[@]}" \
      --traffic-split="$new=$percent,$old=$((100 - percent))"
  fi
}

# rollback NEW_ID: all traffic back to the other model, then undeploy NEW_ID.
rollback() {
  local new="$1" old
  old="$(gcloud ai endpoints describe "$VERTEX_ENDPOINT_ID" "${region[@]}" \
    --format="value(deployedModels.id)" | tr ";" "\n" | grep -vx "$new" | head -n 1)"
  gcloud ai endpoints update "$VERTEX_ENDPOINT_ID" "${region[@]}" --traffic-split="$old=100"
  gcloud ai endpoints undeploy-model "$VERTEX_ENDPOINT_ID" "${region[@]}" --deployed-model-id="$new"
}

case "${1:-}" in
  canary) shift; canary "$@" ;;
  shift) shift; shift_traffic "$@" ;;
  rollback) shift; rollback "$@" ;;
  *) echo "usage: $0 canary | shift ARGS | rollback ARGS" >&2; exit 64 ;;
esac
