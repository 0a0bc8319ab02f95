#!/usr/bin/env bash
# Release a registered version of Shelf gap detector: release.sh ENVIRONMENT MODEL_URI PERCENT
#   ENVIRONMENT  staging or production
#   MODEL_URI    the version's artifacts, from: python mlops/registry/promote.py uri --environment ENV --alias ALIAS
#   PERCENT      the share of traffic the version takes; 100 makes it the only one
# Devices: the version is exported and checked (export.py), then published to PERCENT of the fleet by
# your device-management service, following mlops/deploy/edge-rollout.yaml.
set -euo pipefail

environment="${1:?usage: release.sh ENVIRONMENT MODEL_URI PERCENT}"
model_uri="${2:?usage: release.sh ENVIRONMENT MODEL_URI PERCENT}"
percent="${3:?usage: release.sh ENVIRONMENT MODEL_URI PERCENT}"
case "$percent" in ([0-9]|[1-9][0-9]|100) ;; (*) echo "PERCENT must be 0-100, got $percent" >&2; exit 64 ;; esac
echo "release: $environment takes $model_uri at $percent%"

: "${DEVICE_PUBLISH_COMMAND:?set DEVICE_PUBLISH_COMMAND: your device service command, called as CMD ARTIFACT PERCENT}"
: "${EXPORT_SAMPLES:?set EXPORT_SAMPLES: the sample inputs export.py checks the export against}"
artifact="shelf-gap-detector-$(printf '%s' "$model_uri" | sha256sum | cut -c1-12).onnx"
python mlops/deploy/export.py --model-uri "$model_uri" --samples "$EXPORT_SAMPLES" --out "$artifact"
$DEVICE_PUBLISH_COMMAND "$artifact" "$percent"
