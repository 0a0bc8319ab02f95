/**
 * The rollback runbook: when to roll back (without debugging first), and the exact commands for
 * this plan's target, in the order they are run. Registry aliases move back with the traffic, so
 * the next deployment does not bring the bad version back.
 */
import type { Artifact } from '../../output/artifacts.js';
import type { LifecyclePlan } from '../../protocols/lifecycle/plan-types.js';
import { PROMOTE, registeredModel } from './registry.js';

export const RUNBOOK = 'mlops/runbooks/rollback.md';

const fence = (lines: readonly string[]): string => ['```bash', ...lines, '```'].join('\n');

const percent = (fraction: number): string => `${String(Math.round(fraction * 1000) / 10)}%`;

/** The commands that put traffic back on the previous version, for this serving kind. */
function trafficBack(plan: LifecyclePlan): { readonly text: string; readonly commands: readonly string[] } {
  const name = plan.name;
  const production = registeredModel(plan, 'production');
  const previousUri = `PREVIOUS_URI=$(python -c "from mlflow import MlflowClient; c = MlflowClient(); v = c.get_model_version_by_alias('${production}', 'previous_champion'); print(c.get_model_version_download_uri('${production}', v.version))")`;
  switch (plan.serving.kind) {
    case 'kserve':
      return plan.serving.mode === 'Knative'
        ? {
            text: "During a canary, send every request back to the last ready revision; after a completed rollout, point the InferenceService at the previous version's artifacts (Knative keeps the old revision warm until it is garbage-collected).",
            commands: [
              `kubectl -n "$NAMESPACE" patch inferenceservice ${name} --type merge -p '{"spec":{"predictor":{"canaryTrafficPercent":0}}}'`,
              '# after a completed rollout instead:',
              previousUri,
              `kubectl -n "$NAMESPACE" patch inferenceservice ${name} --type merge -p "{\\"spec\\":{\\"predictor\\":{\\"model\\":{\\"storageUri\\":\\"$PREVIOUS_URI\\"}}}}"`,
              `kubectl -n "$NAMESPACE" wait --for=condition=Ready inferenceservice/${name} --timeout=10m`,
            ],
          }
        : {
            text: "Standard mode has no traffic split to undo: delete the canary InferenceService if one is running, and point the main one at the previous version's artifacts (a rolling update of its Deployment).",
            commands: [
              `kubectl -n "$NAMESPACE" delete inferenceservice ${name}-canary --ignore-not-found`,
              previousUri,
              `kubectl -n "$NAMESPACE" patch inferenceservice ${name} --type merge -p "{\\"spec\\":{\\"predictor\\":{\\"model\\":{\\"storageUri\\":\\"$PREVIOUS_URI\\"}}}}"`,
              `kubectl -n "$NAMESPACE" wait --for=condition=Ready inferenceservice/${name} --timeout=10m`,
            ],
          };
    case 'deployment':
      return {
        text: 'The pods load the model by alias when they start: move the alias back first (next section), then restart them; `rollout undo` instead when the bad release changed the image or the manifest.',
        commands: [
          `python ${PROMOTE} rollback`,
          `kubectl -n "$NAMESPACE" rollout restart deployment/${name}`,
          `kubectl -n "$NAMESPACE" rollout status deployment/${name} --timeout=10m`,
          `# if the release changed the image or the manifest: kubectl -n "$NAMESPACE" rollout undo deployment/${name}`,
        ],
      };
    case 'compose':
      return {
        text: 'Bring the model server back up on the previous version (blue-green: the old container is recreated from the previous alias).',
        commands: [
          `python ${PROMOTE} rollback`,
          'docker compose -f mlops/deploy/docker-compose.yaml up -d --force-recreate',
          'docker compose -f mlops/deploy/docker-compose.yaml ps',
        ],
      };
    case 'managed':
      return managedBack(plan.serving.cloud, name);
    case 'edge':
      return {
        text: 'Halt the staged rollout so no more devices update, then ship the previous version to the devices that took the bad one.',
        commands: [
          `python ${PROMOTE} rollback`,
          '# set halted: true in mlops/deploy/edge-rollout.yaml and publish it through your device-management service',
          '# then republish the previous export (the @champion version now) to the updated cohort',
        ],
      };
    case 'none':
      return {
        text: 'Batch scoring reads @champion when each run starts: move the alias back, then rerun the last run so its readers get corrected predictions.',
        commands: [
          `python ${PROMOTE} rollback`,
          ...(plan.batch?.kind === 'cronjob'
            ? [
                `kubectl -n "$NAMESPACE" create job --from=cronjob/${name}-batch-scoring ${name}-rerun-$(date +%s)`,
              ]
            : ['# rerun the scheduled scoring workflow by hand (workflow_dispatch or the orchestrator)']),
        ],
      };
  }
}

function managedBack(
  cloud: string,
  name: string,
): { readonly text: string; readonly commands: readonly string[] } {
  switch (cloud) {
    case 'vertex_ai':
      return {
        text: 'Move all traffic back to the previous deployed model, then undeploy the bad one.',
        commands: [
          'gcloud ai endpoints describe "$ENDPOINT_ID" --region="$REGION" --format="value(deployedModels.id)"',
          'gcloud ai endpoints update "$ENDPOINT_ID" --region="$REGION" --traffic-split="$PREVIOUS_DEPLOYED_MODEL_ID=100"',
          'gcloud ai endpoints undeploy-model "$ENDPOINT_ID" --region="$REGION" --deployed-model-id="$BAD_DEPLOYED_MODEL_ID"',
        ],
      };
    case 'sagemaker':
      return {
        text: 'Put the endpoint back on its previous endpoint configuration; SageMaker shifts traffic without downtime.',
        commands: [
          `aws sagemaker update-endpoint --endpoint-name "\${ENDPOINT_NAME:-${name}}" --endpoint-config-name "$PREVIOUS_ENDPOINT_CONFIG"`,
          `aws sagemaker wait endpoint-in-service --endpoint-name "\${ENDPOINT_NAME:-${name}}"`,
        ],
      };
    case 'azure_ml':
      return {
        text: 'Send all traffic back to the previous deployment of the online endpoint.',
        commands: [
          `az ml online-endpoint update --name "\${ENDPOINT_NAME:-${name}}" --traffic "$PREVIOUS_DEPLOYMENT=100 $BAD_DEPLOYMENT=0"`,
          `az ml online-endpoint show --name "\${ENDPOINT_NAME:-${name}}" --query traffic`,
        ],
      };
    default:
      return {
        text: 'Put the serving endpoint back on the previous served model version.',
        commands: [
          `databricks serving-endpoints update-config "\${ENDPOINT_NAME:-${name}}" --json @previous-config.json`,
          `databricks serving-endpoints get "\${ENDPOINT_NAME:-${name}}"`,
        ],
      };
  }
}

export function runbookFiles(plan: LifecyclePlan): Artifact[] {
  const m = plan.monitoring;
  const back = trafficBack(plan);
  const registryStep =
    plan.serving.kind === 'deployment' ||
    plan.serving.kind === 'compose' ||
    plan.serving.kind === 'edge' ||
    plan.serving.kind === 'none';
  const triggers = [
    ...(plan.serving.kind !== 'none' && plan.serving.kind !== 'edge'
      ? [
          `The error-budget burn alert pages (14.4x over 1h and 5m, or 6x over 6h and 30m, against ${percent(m.availability)}).`,
          `The error rate is over ${percent(m.errorRate.page)}.`,
        ]
      : []),
    ...(m.latencyTargetMs !== undefined
      ? [
          `p95 latency stays over ${String(m.latencyTargetMs * m.latency.factor)} ms for ${String(m.latency.minutes)} minutes right after a release.`,
        ]
      : []),
    `${m.qualityMetric} drops more than ${percent(m.accuracyDrop.retrain)} against the previous version on labelled samples.`,
    'Any canary step alerts: the rollout stops and rolls back without waiting for a person.',
  ];
  const text = [
    `# Rollback: ${plan.title}`,
    'Roll back first and debug after: the previous version was good yesterday, and every minute spent reading logs with the bad one serving is a minute of bad predictions.',
    '## When to roll back',
    triggers.map((line) => `- ${line}`).join('\n'),
    '## Before you start',
    [
      '```bash',
      ...(plan.serving.kind === 'kserve' ||
      plan.serving.kind === 'deployment' ||
      plan.batch?.kind === 'cronjob'
        ? [`export NAMESPACE=${plan.name}`]
        : []),
      'export MLFLOW_TRACKING_URI=...   # from your secret store, as in mlops/.env.example',
      '```',
    ].join('\n'),
    '## 1. Put traffic back on the previous version',
    back.text,
    fence(back.commands),
    ...(registryStep
      ? []
      : [
          '## 2. Move the registry back',
          'So the next deployment or retraining comparison starts from the good version.',
          fence([`python ${PROMOTE} rollback`]),
        ]),
    `## ${registryStep ? '2' : '3'}. Check it worked`,
    'Watch the dashboard for ten minutes: the error rate and p95 back under their thresholds, the burn-rate alerts resolved. The rollback tagged the version it replaced validation_status=failed, so it cannot be promoted again by accident.',
    `## ${registryStep ? '3' : '4'}. Afterwards`,
    'Open an incident with the version numbers, the alert that fired and the time to roll back. Find out why the tests and the canary let it through, and add the case to the model tests before the next release.',
  ];
  return [{ path: RUNBOOK, content: `${text.join('\n\n')}\n` }];
}
