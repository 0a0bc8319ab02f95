/**
 * `mlops/deploy/deploy.sh` for a managed cloud endpoint: the cloud's own CLI, every identifier from
 * a variable checked before the first command, and three verbs the rollback runbook can name:
 * `canary` (a new version takes the first step of traffic), `shift PERCENT` and `rollback`.
 */
import { yamlArtifact, type Artifact } from '../../output/artifacts.js';
import type { LifecyclePlan } from '../../protocols/lifecycle/plan-types.js';
import type { EnvVar } from './env-example.js';

type Cloud = 'vertex_ai' | 'sagemaker' | 'azure_ml' | 'databricks';

const v = (name: string, about: string, example?: string): EnvVar =>
  example === undefined ? { name, about, secret: false } : { name, about, example, secret: false };

const VARS: Record<Cloud, readonly EnvVar[]> = {
  vertex_ai: [
    v('GOOGLE_CLOUD_PROJECT', 'The project of the endpoint.'),
    v('GOOGLE_CLOUD_REGION', 'Its region.', 'europe-west4'),
    v('VERTEX_MODEL_ID', 'The Vertex AI Model Registry model (numeric id) whose versions are deployed.'),
    v(
      'VERTEX_ENDPOINT_ID',
      'The endpoint (numeric id): gcloud ai endpoints list --filter=display_name=NAME.',
    ),
    v('SERVING_IMAGE_URI', 'The serving container image, pinned by tag or digest.'),
    v('MODEL_ARTIFACT_URI', "The new version's artifacts (gs://...)."),
    v('MACHINE_TYPE', 'Machine type of each replica.', 'g2-standard-8'),
  ],
  sagemaker: [
    v('AWS_REGION', 'The region of the endpoint.', 'eu-west-1'),
    v('SAGEMAKER_ENDPOINT', 'The endpoint name.'),
    v('SAGEMAKER_ROLE_ARN', 'The execution role the model runs as (reads the model bucket only).'),
    v('SAGEMAKER_IMAGE_URI', 'The serving image in ECR (mlflow sagemaker build-and-push-container), pinned.'),
    v('MODEL_DATA_URL', "The new version's model.tar.gz (s3://...)."),
    v('MODEL_VERSION', 'The registered version being deployed; names the model and endpoint config.'),
    v('INSTANCE_TYPE', 'Instance type of each replica.', 'ml.m5.xlarge'),
    v('ROLLBACK_ALARM', 'The CloudWatch alarm (error rate or p95) that rolls the canary back.'),
  ],
  azure_ml: [
    v('AZURE_RESOURCE_GROUP', 'The resource group of the workspace.'),
    v('AZURE_ML_WORKSPACE', 'The Azure ML workspace.'),
    v('AZURE_ML_ENDPOINT', 'The managed online endpoint.'),
    v('AZURE_ML_MODEL', 'The registered model name.'),
    v('MODEL_VERSION', 'The registered version being deployed.'),
    v('INSTANCE_TYPE', 'Instance type of each replica.', 'Standard_DS3_v2'),
  ],
  databricks: [
    v('DATABRICKS_HOST', 'The workspace URL.'),
    v('DATABRICKS_ENDPOINT', 'The serving endpoint name.'),
    v('UC_MODEL', 'The Unity Catalog model: catalog.schema.model.'),
    v('MODEL_VERSION', 'The registered version being deployed.'),
    v('WORKLOAD_SIZE', 'Workload size of each served entity.', 'Small'),
  ],
};

export function managedVariables(cloud: Cloud): readonly EnvVar[] {
  return VARS[cloud];
}

const checks = (cloud: Cloud): string[] =>
  VARS[cloud].map((item) => `: "\${${item.name}:?set ${item.name} (see mlops/.env.example)}"`);

function vertex(plan: LifecyclePlan, first: number): string[] {
  const s = plan.scaling;
  const gpu =
    plan.resources.gpus > 0
      ? [`    --accelerator="type=nvidia-l4,count=${String(plan.resources.gpus)}" \\`]
      : [];
  return [
    'region=(--project="$GOOGLE_CLOUD_PROJECT" --region="$GOOGLE_CLOUD_REGION")',
    '',
    '# The deployed model that holds the traffic now (empty on the first deployment).',
    'current() {',
    '  gcloud ai endpoints describe "$VERTEX_ENDPOINT_ID" "${region[@]}" --format="value(deployedModels[0].id)"',
    '}',
    '',
    'canary() {',
    '  # A new version of the registry model, aliased challenger (aliases, not stages).',
    '  gcloud ai models upload "${region[@]}" \\',
    `    --display-name="${plan.name}" \\`,
    '    --parent-model="$VERTEX_MODEL_ID" \\',
    '    --version-aliases=challenger \\',
    '    --container-image-uri="$SERVING_IMAGE_URI" \\',
    '    --artifact-uri="$MODEL_ARTIFACT_URI"',
    '  local old split',
    '  old="$(current)"',
    `  split="0=100"`,
    `  if [[ -n "$old" ]]; then split="0=${String(first)},$old=${String(100 - first)}"; fi`,
    '  gcloud ai endpoints deploy-model "$VERTEX_ENDPOINT_ID" "${region[@]}" \\',
    '    --model="$VERTEX_MODEL_ID@challenger" \\',
    `    --display-name="${plan.name}-challenger" \\`,
    '    --machine-type="$MACHINE_TYPE" \\',
    ...gpu,
    `    --min-replica-count=${String(s?.minReplicas ?? 1)} \\`,
    `    --max-replica-count=${String(s?.maxReplicas ?? 1)} \\`,
    '    --traffic-split="$split"',
    '}',
    '',
    '# shift NEW_ID PERCENT: NEW_ID takes PERCENT, the other deployed model the rest.',
    'shift_traffic() {',
    '  local new="$1" percent="$2" old',
    '  old="$(gcloud ai endpoints describe "$VERTEX_ENDPOINT_ID" "${region[@]}" \\',
    '    --format="value(deployedModels.id)" | tr ";" "\\n" | grep -vx "$new" | head -n 1)"',
    '  if [[ "$percent" == 100 ]]; then',
    '    gcloud ai endpoints update "$VERTEX_ENDPOINT_ID" "${region[@]}" --traffic-split="$new=100"',
    '  else',
    '    gcloud ai endpoints update "$VERTEX_ENDPOINT_ID" "${region[@]}" \\',
    '      --traffic-split="$new=$percent,$old=$((100 - percent))"',
    '  fi',
    '}',
    '',
    '# rollback NEW_ID: all traffic back to the other model, then undeploy NEW_ID.',
    'rollback() {',
    '  local new="$1" old',
    '  old="$(gcloud ai endpoints describe "$VERTEX_ENDPOINT_ID" "${region[@]}" \\',
    '    --format="value(deployedModels.id)" | tr ";" "\\n" | grep -vx "$new" | head -n 1)"',
    '  gcloud ai endpoints update "$VERTEX_ENDPOINT_ID" "${region[@]}" --traffic-split="$old=100"',
    '  gcloud ai endpoints undeploy-model "$VERTEX_ENDPOINT_ID" "${region[@]}" --deployed-model-id="$new"',
    '}',
  ];
}

function sagemaker(plan: LifecyclePlan, first: number): string[] {
  const s = plan.scaling;
  const wait = plan.monitoring.latency.minutes * 60;
  const policy = {
    BlueGreenUpdatePolicy: {
      TrafficRoutingConfiguration: {
        Type: 'CANARY',
        CanarySize: { Type: 'CAPACITY_PERCENT', Value: first },
        WaitIntervalInSeconds: wait,
      },
      TerminationWaitInSeconds: wait,
      MaximumExecutionTimeoutInSeconds: 4 * wait + 1_800,
    },
    AutoRollbackConfiguration: { Alarms: [{ AlarmName: '__ALARM__' }] },
  };
  const perMinute = Math.max(1, Math.round(((s?.replicaRps ?? 1) * 60 * (s?.target ?? 70)) / 100));
  const tracking = JSON.stringify({
    TargetValue: perMinute,
    PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
    ScaleInCooldown: 300,
    ScaleOutCooldown: 60,
  });
  const policyJson = JSON.stringify(policy).replace('"__ALARM__"', '"\'"$ROLLBACK_ALARM"\'"');
  return [
    `model="${plan.name}-v$MODEL_VERSION"`,
    'config="$model-config"',
    '',
    'canary() {',
    '  aws sagemaker create-model --region "$AWS_REGION" \\',
    '    --model-name "$model" \\',
    '    --execution-role-arn "$SAGEMAKER_ROLE_ARN" \\',
    '    --primary-container "Image=$SAGEMAKER_IMAGE_URI,ModelDataUrl=$MODEL_DATA_URL"',
    '  aws sagemaker create-endpoint-config --region "$AWS_REGION" \\',
    '    --endpoint-config-name "$config" \\',
    `    --production-variants "VariantName=AllTraffic,ModelName=$model,InstanceType=$INSTANCE_TYPE,InitialInstanceCount=${String(s?.minReplicas ?? 1)}"`,
    '  if aws sagemaker describe-endpoint --region "$AWS_REGION" --endpoint-name "$SAGEMAKER_ENDPOINT" >/dev/null 2>&1; then',
    `    # Blue/green with a canary: ${String(first)}% of capacity first, the rest after ${String(wait)} s`,
    '    # unless the alarm fires, in which case SageMaker rolls back on its own.',
    '    aws sagemaker update-endpoint --region "$AWS_REGION" \\',
    '      --endpoint-name "$SAGEMAKER_ENDPOINT" \\',
    '      --endpoint-config-name "$config" \\',
    `      --deployment-config '${policyJson}'`,
    '  else',
    '    aws sagemaker create-endpoint --region "$AWS_REGION" \\',
    '      --endpoint-name "$SAGEMAKER_ENDPOINT" --endpoint-config-name "$config"',
    '  fi',
    '  aws sagemaker wait endpoint-in-service --region "$AWS_REGION" --endpoint-name "$SAGEMAKER_ENDPOINT"',
    '  aws application-autoscaling register-scalable-target --region "$AWS_REGION" \\',
    '    --service-namespace sagemaker \\',
    '    --resource-id "endpoint/$SAGEMAKER_ENDPOINT/variant/AllTraffic" \\',
    '    --scalable-dimension sagemaker:variant:DesiredInstanceCount \\',
    `    --min-capacity ${String(s?.minReplicas ?? 1)} --max-capacity ${String(s?.maxReplicas ?? 1)}`,
    `  # Target: ${String(perMinute)} invocations a minute per instance, ${String(s?.target ?? 70)}% of the ${String(s?.replicaRps ?? 0)} req/s one instance is ${s?.replicaRpsSource ?? 'assumed'} to serve.`,
    '  aws application-autoscaling put-scaling-policy --region "$AWS_REGION" \\',
    `    --policy-name "${plan.name}-invocations" \\`,
    '    --service-namespace sagemaker \\',
    '    --resource-id "endpoint/$SAGEMAKER_ENDPOINT/variant/AllTraffic" \\',
    '    --scalable-dimension sagemaker:variant:DesiredInstanceCount \\',
    '    --policy-type TargetTrackingScaling \\',
    `    --target-tracking-scaling-policy-configuration '${tracking}'`,
    '}',
    '',
    'shift_traffic() {',
    '  echo "SageMaker shifts the canary itself (blue/green policy above); nothing to do." >&2',
    '}',
    '',
    '# rollback PREVIOUS_CONFIG: point the endpoint back at the previous endpoint config.',
    'rollback() {',
    '  aws sagemaker update-endpoint --region "$AWS_REGION" \\',
    '    --endpoint-name "$SAGEMAKER_ENDPOINT" --endpoint-config-name "$1"',
    '  aws sagemaker wait endpoint-in-service --region "$AWS_REGION" --endpoint-name "$SAGEMAKER_ENDPOINT"',
    '}',
  ];
}

function azure(plan: LifecyclePlan, first: number): string[] {
  const s = plan.scaling;
  return [
    'ws=(--resource-group "$AZURE_RESOURCE_GROUP" --workspace-name "$AZURE_ML_WORKSPACE")',
    'new="v$MODEL_VERSION"',
    '',
    '# The deployment that holds the traffic now (empty on the first deployment).',
    'current() {',
    '  az ml online-endpoint show --name "$AZURE_ML_ENDPOINT" "${ws[@]}" \\',
    '    --query "traffic | to_array(@)[0] | keys(@)[0]" -o tsv 2>/dev/null || true',
    '}',
    '',
    'canary() {',
    '  az ml online-endpoint show --name "$AZURE_ML_ENDPOINT" "${ws[@]}" >/dev/null 2>&1 \\',
    '    || az ml online-endpoint create --name "$AZURE_ML_ENDPOINT" "${ws[@]}" --auth-mode key',
    '  local old',
    '  old="$(current)"',
    '  az ml online-deployment create "${ws[@]}" \\',
    '    --file "$(dirname "$0")/azure-deployment.yaml" \\',
    '    --endpoint-name "$AZURE_ML_ENDPOINT" --name "$new" \\',
    '    --set model="azureml:$AZURE_ML_MODEL:$MODEL_VERSION" instance_type="$INSTANCE_TYPE" \\',
    `      instance_count=${String(s?.minReplicas ?? 1)}`,
    '  if [[ -n "$old" ]]; then',
    '    az ml online-endpoint update --name "$AZURE_ML_ENDPOINT" "${ws[@]}" \\',
    `      --traffic "$new=${String(first)} $old=${String(100 - first)}"`,
    '  else',
    '    az ml online-endpoint update --name "$AZURE_ML_ENDPOINT" "${ws[@]}" --traffic "$new=100"',
    '  fi',
    '}',
    '',
    '# shift OLD_DEPLOYMENT PERCENT: this version takes PERCENT, OLD_DEPLOYMENT the rest.',
    'shift_traffic() {',
    '  az ml online-endpoint update --name "$AZURE_ML_ENDPOINT" "${ws[@]}" \\',
    '    --traffic "$new=$2 $1=$((100 - $2))"',
    '}',
    '',
    '# rollback OLD_DEPLOYMENT: all traffic back, then delete this version.',
    'rollback() {',
    '  az ml online-endpoint update --name "$AZURE_ML_ENDPOINT" "${ws[@]}" --traffic "$1=100 $new=0"',
    '  az ml online-deployment delete --endpoint-name "$AZURE_ML_ENDPOINT" --name "$new" "${ws[@]}" --yes',
    '}',
  ];
}

function databricks(plan: LifecyclePlan, first: number): string[] {
  return [
    '# config NEW_PERCENT OLD_VERSION: the served entities and the routes between them, as JSON.',
    'config() {',
    '  jq -n --arg model "$UC_MODEL" --arg new "$MODEL_VERSION" --arg old "$2" \\',
    '    --arg size "$WORKLOAD_SIZE" --argjson pct "$1" \'{',
    '      served_entities: ([{name: ("v" + $new), entity_name: $model, entity_version: $new,',
    '                          workload_size: $size, scale_to_zero_enabled: false}]',
    '        + (if $old == "" then [] else [{name: ("v" + $old), entity_name: $model,',
    '           entity_version: $old, workload_size: $size, scale_to_zero_enabled: false}] end)),',
    '      traffic_config: {routes: ([{served_model_name: ("v" + $new), traffic_percentage: $pct}]',
    '        + (if $old == "" then [] else [{served_model_name: ("v" + $old),',
    "           traffic_percentage: (100 - $pct)}] end))}}'",
    '}',
    '',
    '# canary [OLD_VERSION]: this version takes the first step next to OLD_VERSION (or all on the first).',
    'canary() {',
    '  local old="${1:-}"',
    '  if databricks serving-endpoints get "$DATABRICKS_ENDPOINT" >/dev/null 2>&1; then',
    `    databricks serving-endpoints update-config "$DATABRICKS_ENDPOINT" --json "$(config ${String(first)} "$old")"`,
    '  else',
    '    databricks serving-endpoints create --json "$(config 100 "" | jq --arg name "$DATABRICKS_ENDPOINT" \'{name: $name, config: .}\')"',
    '  fi',
    '}',
    '',
    '# shift OLD_VERSION PERCENT',
    'shift_traffic() {',
    '  databricks serving-endpoints update-config "$DATABRICKS_ENDPOINT" --json "$(config "$2" "$1")"',
    '}',
    '',
    '# rollback OLD_VERSION: the old version alone again.',
    'rollback() {',
    '  databricks serving-endpoints update-config "$DATABRICKS_ENDPOINT" --json "$(MODEL_VERSION="$1" config 100 "")"',
    '}',
    `# (${plan.name}: Unity Catalog aliases stay the source of truth; this only routes traffic.)`,
  ];
}

const CLI: Record<Cloud, string> = {
  vertex_ai: 'gcloud',
  sagemaker: 'aws',
  azure_ml: 'az (with the ml extension)',
  databricks: 'databricks (the new Go CLI) and jq',
};

/** The managed-endpoint script, for a plan whose serving is managed; none otherwise. */
export function managedFiles(plan: LifecyclePlan): Artifact[] {
  const { serving } = plan;
  if (serving.kind !== 'managed') return [];
  const cloud = serving.cloud;
  const first = plan.rollout.strategy === 'canary' ? (plan.rollout.steps[0] ?? 100) : 100;
  const body =
    cloud === 'vertex_ai'
      ? vertex(plan, first)
      : cloud === 'sagemaker'
        ? sagemaker(plan, first)
        : cloud === 'azure_ml'
          ? azure(plan, first)
          : databricks(plan, first);
  const steps = plan.rollout.steps.map(String).join(' -> ');
  const lines = [
    '#!/usr/bin/env bash',
    `# Deploys ${plan.title} to ${cloud} with ${CLI[cloud]}.`,
    `#   deploy.sh canary        a new version takes ${String(first)}% of traffic`,
    '#   deploy.sh shift ...     the next step of the rollout',
    '#   deploy.sh rollback ...  all traffic back to the previous version',
    `# Rollout steps (percent): ${steps}; hold each at least ${String(plan.monitoring.latency.minutes)} minutes and move on only`,
    `# while the error rate stays under ${String(plan.monitoring.errorRate.alert * 100)}% and p95 under ${String(plan.monitoring.latency.factor)}x the target` +
      (plan.monitoring.latencyTargetMs === undefined
        ? '.'
        : ` (${String(plan.monitoring.latency.factor * plan.monitoring.latencyTargetMs)} ms).`),
    '# Every identifier comes from the environment (mlops/.env); none is written here.',
    'set -euo pipefail',
    '',
    ...checks(cloud),
    '',
    ...body,
    '',
    'case "${1:-}" in',
    '  canary) shift; canary "$@" ;;',
    '  shift) shift; shift_traffic "$@" ;;',
    '  rollback) shift; rollback "$@" ;;',
    '  *) echo "usage: $0 canary | shift ARGS | rollback ARGS" >&2; exit 64 ;;',
    'esac',
  ];
  const files: Artifact[] = [{ path: 'mlops/deploy/deploy.sh', content: `${lines.join('\n')}\n` }];
  if (cloud === 'azure_ml')
    // Azure ML deploys an MLflow model without a scoring script or environment: the file holds only
    // what the CLI flags do not (model, instance type and count are set by deploy.sh).
    files.push(
      yamlArtifact('mlops/deploy/azure-deployment.yaml', {
        $schema: 'https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json',
        instance_count: plan.scaling?.minReplicas ?? 1,
        request_settings: {
          request_timeout_ms: Math.max(1_000, Math.min(90_000, (plan.latencyMs ?? 1_000) * 10)),
          max_concurrent_requests_per_instance: 1,
        },
        liveness_probe: { initial_delay: 30, period: 10, failure_threshold: 30 },
        readiness_probe: { initial_delay: 10, period: 10, failure_threshold: 3 },
      }),
    );
  return files;
}
