/**
 * mlops/deploy/release.sh ENVIRONMENT MODEL_URI PERCENT: the one command CI runs at each rollout
 * step and for a rollback, whatever serves the model. It turns "this version takes PERCENT of the
 * traffic" into the target's own mechanism: KServe's canary fields, a rolling update of a versioned
 * image, the managed endpoint's deploy.sh, a device cohort. Every identifier comes from the
 * environment, checked before the first command.
 */
import type { Artifact } from '../../output/artifacts.js';
import type { LifecyclePlan } from '../../protocols/lifecycle/plan-types.js';
import { EDGE_ROLLOUT } from './deploy-edge.js';
import { PROMOTE } from './registry.js';

const RELEASE = 'mlops/deploy/release.sh';

const HEADER = (plan: LifecyclePlan, how: readonly string[]): string[] => [
  '#!/usr/bin/env bash',
  `# Release a registered version of ${plan.title}: release.sh ENVIRONMENT MODEL_URI PERCENT`,
  '#   ENVIRONMENT  staging or production',
  `#   MODEL_URI    the version's artifacts, from: python ${PROMOTE} uri --environment ENV --alias ALIAS`,
  '#   PERCENT      the share of traffic the version takes; 100 makes it the only one',
  ...how.map((line) => `# ${line}`),
  'set -euo pipefail',
  '',
  'environment="${1:?usage: release.sh ENVIRONMENT MODEL_URI PERCENT}"',
  'model_uri="${2:?usage: release.sh ENVIRONMENT MODEL_URI PERCENT}"',
  'percent="${3:?usage: release.sh ENVIRONMENT MODEL_URI PERCENT}"',
  'case "$percent" in ([0-9]|[1-9][0-9]|100) ;; (*) echo "PERCENT must be 0-100, got $percent" >&2; exit 64 ;; esac',
  'echo "release: $environment takes $model_uri at $percent%"',
];

/** A versioned image for a model: built once per version by MLflow, then rolled out like any image. */
const IMAGE_LINES: readonly string[] = [
  ': "${MODEL_IMAGE_REPOSITORY:?set MODEL_IMAGE_REPOSITORY (see mlops/.env.example)}"',
  '# One image per version, tagged by its artifact path: the same version never builds twice.',
  'tag="$(printf \'%s\' "$model_uri" | sha256sum | cut -c1-12)"',
  'export MODEL_IMAGE="$MODEL_IMAGE_REPOSITORY:$tag"',
  'if ! docker manifest inspect "$MODEL_IMAGE" >/dev/null 2>&1; then',
  `  mlflow models build-docker --model-uri "$model_uri" --name "$MODEL_IMAGE" --env-manager local`,
  '  docker push "$MODEL_IMAGE"',
  'fi',
];

const K8S = [': "${K8S_NAMESPACE:?set K8S_NAMESPACE (the namespace the model runs in)}"'];

function body(plan: LifecyclePlan): { how: string[]; lines: string[] } {
  const name = plan.name;
  const serving = plan.serving;
  switch (serving.kind) {
    case 'kserve':
      if (serving.mode === 'Knative')
        return {
          how: [
            'KServe Knative mode: canaryTrafficPercent sends PERCENT to the revision the new storageUri makes.',
          ],
          lines: [
            ...K8S,
            'patch=$(printf \'{"spec":{"predictor":{"canaryTrafficPercent":%s,"model":{"storageUri":"%s"}}}}\' "$percent" "$model_uri")',
            `kubectl -n "$K8S_NAMESPACE" patch inferenceservice ${name} --type merge -p "$patch"`,
            `kubectl -n "$K8S_NAMESPACE" wait inferenceservice/${name} --for=condition=Ready --timeout=10m`,
          ],
        };
      return {
        how: [
          "KServe Standard mode: the version runs as spec.canary's predictor with PERCENT of the traffic;",
          'at 100 it becomes the main predictor and the canary entry is removed. With no champion yet',
          '(the first release) there is nothing to share traffic with: it goes straight to 100.',
        ],
        lines: [
          ...K8S,
          `champion="$(python ${PROMOTE} uri --environment "$environment" --alias champion 2>/dev/null || true)"`,
          'if [ "$percent" = 100 ] || [ -z "$champion" ]; then',
          '  export CHAMPION_ARTIFACT_PATH="${model_uri#*://}" CHALLENGER_ARTIFACT_PATH="${model_uri#*://}"',
          '  envsubst < mlops/deploy/inferenceservice.yaml | kubectl -n "$K8S_NAMESPACE" apply -f -',
          `  kubectl -n "$K8S_NAMESPACE" patch inferenceservice ${name} --type json -p '[{"op":"remove","path":"/spec/canary"}]' || true`,
          'else',
          '  export CHAMPION_ARTIFACT_PATH="${champion#*://}" CHALLENGER_ARTIFACT_PATH="${model_uri#*://}"',
          '  envsubst < mlops/deploy/inferenceservice.yaml | kubectl -n "$K8S_NAMESPACE" apply -f -',
          `  kubectl -n "$K8S_NAMESPACE" patch inferenceservice ${name} --type json \\`,
          '    -p "[{\\"op\\":\\"replace\\",\\"path\\":\\"/spec/canary/0/trafficPercent\\",\\"value\\":$percent}]"',
          'fi',
          `kubectl -n "$K8S_NAMESPACE" wait inferenceservice/${name} --for=condition=Ready --timeout=10m`,
        ],
      };
    case 'deployment':
      return {
        how: [
          'A plain Deployment cannot give a version a percentage of the traffic: below 100 this step only',
          'builds and pushes the image; at 100 the rolling update (maxUnavailable 0) replaces the pods and',
          'the SLO check after it is the gate. Weighted steps need a Gateway API HTTPRoute or Argo Rollouts.',
        ],
        lines: [
          ...K8S,
          ...IMAGE_LINES,
          'if [ "$percent" -lt 100 ]; then echo "a Deployment cannot split traffic: the rollout happens at 100%"; exit 0; fi',
          'envsubst < mlops/deploy/serving.yaml | kubectl -n "$K8S_NAMESPACE" apply -f -',
          `kubectl -n "$K8S_NAMESPACE" rollout status deployment/${name} --timeout=10m`,
        ],
      };
    case 'compose':
      return {
        how: ['docker compose on the serving VM: the container is recreated on the versioned image at 100.'],
        lines: [
          ...IMAGE_LINES,
          'if [ "$percent" -lt 100 ]; then echo "one container per VM: the release happens at 100%"; exit 0; fi',
          'docker compose -f mlops/deploy/docker-compose.yaml up -d --force-recreate',
        ],
      };
    case 'managed':
      return {
        how: [
          'A managed endpoint: the first step deploys the version beside the current one (deploy.sh canary),',
          'later steps shift traffic (deploy.sh shift ROLLOUT_PEER PERCENT; see deploy.sh for the id it takes).',
        ],
        lines: [
          'export MODEL_ARTIFACT_URI="$model_uri" MODEL_DATA_URL="$model_uri"',
          `if [ "$percent" = "${String(plan.rollout.steps[0] ?? 100)}" ] || [ "$environment" = staging ]; then`,
          '  bash mlops/deploy/deploy.sh canary',
          'else',
          '  bash mlops/deploy/deploy.sh shift "${ROLLOUT_PEER:?set ROLLOUT_PEER: the id deploy.sh shift takes}" "$percent"',
          'fi',
        ],
      };
    case 'edge':
      return {
        how: [
          `Devices: the version is exported and checked (export.py), then published to PERCENT of the fleet by`,
          `your device-management service, following ${EDGE_ROLLOUT}.`,
        ],
        lines: [
          ': "${DEVICE_PUBLISH_COMMAND:?set DEVICE_PUBLISH_COMMAND: your device service command, called as CMD ARTIFACT PERCENT}"',
          ': "${EXPORT_SAMPLES:?set EXPORT_SAMPLES: the sample inputs export.py checks the export against}"',
          `artifact="${plan.name}-$(printf '%s' "$model_uri" | sha256sum | cut -c1-12).${serving.format === 'tflite' ? 'tflite' : serving.format === 'torchscript' ? 'pt' : 'onnx'}"`,
          'python mlops/deploy/export.py --model-uri "$model_uri" --samples "$EXPORT_SAMPLES" --out "$artifact"',
          '$DEVICE_PUBLISH_COMMAND "$artifact" "$percent"',
        ],
      };
    case 'none':
      return plan.batch?.kind === 'cronjob'
        ? {
            how: ['Batch scoring: the CronJob runs the versioned image; at 100 the next run uses it.'],
            lines: [
              ...K8S,
              ...IMAGE_LINES,
              'if [ "$percent" -lt 100 ]; then echo "batch scoring has no traffic to split: the release happens at 100%"; exit 0; fi',
              'envsubst < mlops/deploy/batch-scoring.yaml | kubectl -n "$K8S_NAMESPACE" apply -f -',
            ],
          }
        : {
            how: [
              'Batch scoring in a scheduled workflow: it loads @champion when it runs; nothing to deploy.',
            ],
            lines: ['echo "the scheduled scoring workflow loads the @champion alias at its next run"'],
          };
  }
}

export function releaseFiles(plan: LifecyclePlan): Artifact[] {
  const { how, lines } = body(plan);
  return [{ path: RELEASE, content: `${[...HEADER(plan, how), '', ...lines].join('\n')}\n` }];
}
