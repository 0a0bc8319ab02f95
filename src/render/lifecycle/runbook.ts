/**
 * The rollback runbook: when to roll back (without debugging first), and the exact commands for
 * this plan's target, in the order they are run. Registry aliases move back with the traffic, so
 * the next deployment does not bring the bad version back.
 */
import { formatPercent } from '../../estimation/index.js';
import { headingText } from '../markdown-inline.js';
import type { Artifact } from '../../output/artifacts.js';
import type { LifecyclePlan } from '../../protocols/lifecycle/plan-types.js';
import { EDGE_ROLLOUT } from './deploy-edge.js';
import { alertNames, OPS_RUNBOOK_PATH, retrainTrigger } from './monitoring.js';
import { PROMOTE } from './registry.js';

export { OPS_RUNBOOK_PATH as RUNBOOK } from './monitoring.js';

const fence = (lines: readonly string[]): string => ['```bash', ...lines, '```'].join('\n');

/** The commands that put traffic back on the previous version, for this serving kind. */
function trafficBack(plan: LifecyclePlan): { readonly text: string; readonly commands: readonly string[] } {
  const name = plan.name;
  // During a canary the champion never moved: it is what serves again. After a completed rollout
  // the champion is the bad version and the one before it is @previous_champion.
  const previous = [
    '# during a canary (the release did not reach 100%): the champion is still the good version',
    `GOOD_URI=$(python ${PROMOTE} uri --environment production --alias champion)`,
    '# after a completed rollout instead:',
    `# GOOD_URI=$(python ${PROMOTE} uri --environment production --alias previous_champion)`,
  ];
  const release = 'bash mlops/deploy/release.sh production "$GOOD_URI" 100';
  switch (plan.serving.kind) {
    case 'kserve':
      return {
        text:
          plan.serving.mode === 'Knative'
            ? 'The fastest lever during a canary is the traffic split: send every request back to the last ready revision. Then make the good version the only one.'
            : 'The fastest lever during a canary is to drop the canary entry: every request goes to the main predictor again. Then make the good version the only one.',
        commands: [
          plan.serving.mode === 'Knative'
            ? `kubectl -n "$K8S_NAMESPACE" patch inferenceservice ${name} --type merge -p '{"spec":{"predictor":{"canaryTrafficPercent":0}}}'`
            : `kubectl -n "$K8S_NAMESPACE" patch inferenceservice ${name} --type json -p '[{"op":"remove","path":"/spec/canary"}]'`,
          ...previous,
          release,
        ],
      };
    case 'deployment':
      return {
        text: 'The pods run a versioned image: release the good version again (its image exists, so nothing is rebuilt), or undo the last rollout when the release changed only the manifest.',
        commands: [...previous, release, `# or: kubectl -n "$K8S_NAMESPACE" rollout undo deployment/${name}`],
      };
    case 'compose':
      return {
        text: "Recreate the model server on the good version's image.",
        commands: [...previous, release, 'docker compose -f mlops/deploy/docker-compose.yaml ps'],
      };
    case 'managed':
      return managedBack(plan.serving.cloud, name);
    case 'edge':
      return {
        text: `Halt the staged rollout so no more devices update (halted: true in ${EDGE_ROLLOUT}, published through your device-management service), then publish the good version to the devices that took the bad one.`,
        commands: [...previous, 'bash mlops/deploy/release.sh production "$GOOD_URI" 100'],
      };
    case 'none':
      return plan.batch?.kind === 'cronjob'
        ? {
            text: 'Batch scoring runs the versioned image: release the good version, then rerun the last run so its readers get corrected predictions.',
            commands: [
              ...previous,
              release,
              `kubectl -n "$K8S_NAMESPACE" create job --from=cronjob/${name}-batch ${name}-rerun-$(date +%s)`,
            ],
          }
        : {
            text: 'The scoring workflow loads @champion when it runs: move the alias back (next step), then rerun the workflow by hand so its readers get corrected predictions.',
            commands: [
              '# rerun the scheduled scoring workflow (workflow_dispatch, or the orchestrator\'s "run now")',
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
  const triggers = [
    ...(plan.serving.kind !== 'none' && plan.serving.kind !== 'edge'
      ? [
          `The error-budget burn alert pages (14.4x over 1h and 5m, or 6x over 6h and 30m, against ${formatPercent(m.availability)}).`,
          `The error rate is over ${formatPercent(m.errorRate.page)}.`,
        ]
      : []),
    ...(m.latencyTargetMs !== undefined
      ? [
          `p95 latency stays over ${String(m.latencyTargetMs * m.latency.factor)} ms for ${String(m.latency.minutes)} minutes right after a release.`,
        ]
      : []),
    `The model's ${m.qualityMetric} drops more than ${formatPercent(m.accuracyDrop.retrain)} against the previous version on labelled samples.`,
    'Any canary step alerts: the rollout stops and rolls back without waiting for a person.',
  ];
  const text = [
    `# Runbook: ${headingText(plan.title)}`,
    'What to do when this model misbehaves: the rollback first, with its exact commands, then one section per alert the monitoring rules can fire, which their runbook_url links to.',
    '## Rollback',
    'Roll back first and debug after: the previous version was good yesterday, and every minute spent reading logs with the bad one serving is a minute of bad predictions.',
    '### When to roll back',
    triggers.map((line) => `- ${line}`).join('\n'),
    '### Before you start',
    [
      '```bash',
      ...(plan.serving.kind === 'kserve' ||
      plan.serving.kind === 'deployment' ||
      plan.batch?.kind === 'cronjob'
        ? [`export K8S_NAMESPACE=${plan.name}   # the namespace the model runs in`]
        : []),
      'export MLFLOW_TRACKING_URI=...   # from your secret store, as in mlops/.env.example',
      '```',
    ].join('\n'),
    '### 1. Put traffic back on the previous version',
    back.text,
    fence(back.commands),
    '### 2. Move the registry back',
    'So the next release, and the next retraining comparison, start from the good version. Either way the bad version is tagged validation_status=failed, so it cannot be promoted again by accident.',
    fence([
      '# during a canary: @champion never moved; reject the production @challenger',
      `python ${PROMOTE} reject`,
      '# after a completed rollout instead: @champion back to @previous_champion',
      `# python ${PROMOTE} rollback`,
    ]),
    '### 3. Check it worked',
    'Watch the dashboard for ten minutes: the error rate and p95 back under their thresholds, the burn-rate alerts resolved.',
    '### 4. Afterwards',
    'Open an incident with the version numbers, the alert that fired and the time to roll back. Find out why the tests and the canary let it through, and add the case to the model tests before the next release.',
  ];
  const alerts = plan.writes.monitoring
    ? ['## Alerts', ...alertNames(plan).flatMap((alert) => [`### ${alert}`, alertGuide(plan, alert)])]
    : [];
  return [{ path: OPS_RUNBOOK_PATH, content: `${[...text, ...alerts].join('\n\n')}\n` }];
}

/** What the on-call engineer does first when an alert fires, by alert. */
function alertGuide(plan: LifecyclePlan, alert: string): string {
  const m = plan.monitoring;
  const budget = `${formatPercent(1 - m.availability)} of requests, for the ${formatPercent(m.availability)} SLO`;
  const guides: Readonly<Record<string, string>> = {
    ModelErrorBudgetBurnFast: `The error budget is burning 14.4 times too fast over both the last hour and the last 5 minutes: at this rate the month's error budget (${budget}) is gone in about two days. If a release went out in the last few hours, roll back now (see Rollback). Otherwise look for a failing dependency: the feature store, an upstream service, the node pool.`,
    ModelErrorBudgetBurnSlow:
      "The budget is burning 6 times too fast over 6 hours and still over the last 30 minutes: a month's budget gone in five days. Less urgent than the fast burn, but it will not stop on its own: find the source of the errors within the hour.",
    ModelErrorBudgetBurnTicket:
      'Errors over three days at the rate that spends exactly the whole budget in 30 days. Nothing to do tonight: open a ticket, find the recurring error, and plan the reliability work before the budget runs out.',
    ModelLatencyP95High: `p95 latency has stayed over ${String((m.latencyTargetMs ?? 0) * m.latency.factor)} ms (${String(m.latency.factor)}x the target) for ${String(m.latency.minutes)} minutes. Check whether the autoscaler is at its maximum (then raise the maximum or the requests), whether CPU is throttled at the limit, and whether a new version is slower: a release in the last hour is rolled back.`,
    ModelErrorRateHigh: `Over ${formatPercent(m.errorRate.alert)} of requests fail. Split by status code: 5xx after a release means roll back; 4xx means a caller sends what the model signature refuses, usually a changed schema upstream.`,
    ModelErrorRateCritical: `Over ${formatPercent(m.errorRate.page)} of requests fail: page-worthy. Roll back if anything was released today, then investigate.`,
    ModelFeatureDriftMonitor: `A feature's PSI is between ${String(m.psi.monitor)} and ${String(m.psi.investigate)}: a shift worth watching, often seasonal. Note it; no action unless it keeps rising.`,
    ModelFeatureDriftInvestigate: `A feature's PSI is over ${String(m.psi.investigate)}. Open the drift report for that feature and find the cause: a broken upstream pipeline (nulls, a unit change, a renamed category) is fixed at the source; a real change in the world is a reason to retrain.`,
    ModelFeatureDriftRetrain: `A feature's PSI is over ${String(m.psi.retrain)}: retraining is triggered. ${retrainTrigger(plan)} Check the data first: retraining on a broken feed teaches the model the bug.`,
    ModelQualityDegraded: `${m.qualityMetric} has moved more than ${formatPercent(m.accuracyDrop.investigate)} the wrong way from its baseline on labelled samples. Check the label delay (late labels look like a drop), then which slices moved.`,
    ModelQualityRetrain: `${m.qualityMetric} has moved more than ${formatPercent(m.accuracyDrop.retrain)} the wrong way: retrain at once. If the current version is the one that dropped, roll back to @previous_champion while the new one trains.`,
    ModelBatchScoringStale:
      "The last successful scoring run is older than the schedule allows: readers are using stale predictions. Look at the last run's logs, fix, and rerun it by hand (see Rollback, step 1, for the rerun command).",
  };
  return guides[alert] ?? "See the alert's description in the rules file.";
}
