/**
 * The deployment files: a KServe InferenceService correct for its deployment mode, or a plain
 * Deployment with its Service, HPA and PodDisruptionBudget, a CronJob for batch scoring, a compose
 * file on virtual machines, a managed endpoint's script, or an edge export and rollout.
 *
 * The manifests hold `${VAR}` references that the deploy job fills with `envsubst` after resolving
 * the registry alias to a version: an alias moves, a running manifest must not.
 */
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { ICronJob } from 'kubernetes-models/batch/v1/CronJob';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IPersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { Artifact } from '../../output/artifacts.js';
import type { LifecyclePlan } from '../../protocols/lifecycle/plan-types.js';
import { edgeFiles } from './deploy-edge.js';
import { managedFiles } from './deploy-managed.js';
import {
  artifactScheme,
  containerSecurityContext,
  labelsOf,
  MODEL_IMAGE_VAR,
  MODEL_PORT,
  podSecurityContext,
  resourcesOf,
  selectorOf,
  yamlDocs,
} from './manifests.js';

const RENDER = (file: string): string =>
  `Rendered by the deploy job: envsubst < mlops/deploy/${file} | kubectl apply -n <namespace> -f -`;

/** The first step of a canary rollout, in percent; undefined when the rollout is not a canary. */
function canaryStep(plan: LifecyclePlan): number | undefined {
  return plan.rollout.strategy === 'canary' ? plan.rollout.steps[0] : undefined;
}

function scalingOf(plan: LifecyclePlan): NonNullable<LifecyclePlan['scaling']> {
  return (
    plan.scaling ?? {
      minReplicas: 1,
      maxReplicas: 1,
      metric: 'cpu',
      target: 70,
      replicaRps: 0,
      replicaRpsSource: 'assumed',
    }
  );
}

function kserveFiles(
  plan: LifecyclePlan,
  mode: 'Standard' | 'Knative',
  modelFormat: string,
  runtime: string | undefined,
): Artifact {
  const scaling = scalingOf(plan);
  const scheme = artifactScheme(plan);
  const reader = `${plan.name}-model-reader`;
  const canary = canaryStep(plan);
  const model = (path: string): object => ({
    modelFormat: { name: modelFormat },
    // The server the team chose; without it KServe picks the runtime that supports the format.
    ...(runtime === undefined ? {} : { runtime }),
    storageUri: `${scheme}://\${${path}}`,
  });
  // Knative's autoscaler (KPA) scales on concurrency or rps only; Standard mode's HPA on cpu or
  // memory only. planOf picks the metric by mode; a plan that breaks this is caught by the checks.
  const predictor: Record<string, unknown> = {
    serviceAccountName: reader,
    minReplicas: scaling.minReplicas,
    maxReplicas: scaling.maxReplicas,
    scaleMetric: scaling.metric,
    scaleTarget: scaling.target,
    ...(mode === 'Knative' && canary !== undefined ? { canaryTrafficPercent: canary } : {}),
    model: {
      ...model('CHAMPION_ARTIFACT_PATH'),
      resources: resourcesOf(plan),
      securityContext: {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        runAsNonRoot: true,
      },
    },
  };
  const spec: Record<string, unknown> = { predictor };
  if (mode === 'Standard' && canary !== undefined)
    spec['canary'] = [
      {
        trafficPercent: canary,
        // The CRD requires a container name on a canary's model; kserve-container is the name the
        // stable predictor's container gets by default, so the merged spec stays the same.
        predictor: {
          name: 'challenger',
          model: { name: 'kserve-container', ...model('CHALLENGER_ARTIFACT_PATH') },
        },
      },
    ];
  const isvc = {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: {
      name: plan.name,
      labels: labelsOf(plan, 'serving'),
      annotations: {
        'serving.kserve.io/deploymentMode': mode,
        ...(mode === 'Standard' ? { 'serving.kserve.io/autoscalerClass': 'hpa' } : {}),
      },
    },
    spec,
  };
  const steps = plan.rollout.steps.map(String).join(' -> ');
  const notes: [(string | number)[], string][] = [
    [
      ['metadata', 'annotations'],
      mode === 'Standard'
        ? 'Standard mode (KServe v0.20\'s default, formerly "RawDeployment"): a Deployment and an HPA.\n' +
          'Written out because spec.canary is accepted only when the annotation says Standard.'
        : 'Knative mode: revisions, scale on in-flight requests, and traffic split by canaryTrafficPercent.',
    ],
    [
      ['spec', 'predictor', 'scaleMetric'],
      mode === 'Standard'
        ? `HPA on ${scaling.metric} at ${String(scaling.target)}% of the request; Standard mode accepts only cpu or memory.`
        : `${String(scaling.target)} ${scaling.metric === 'rps' ? 'requests a second' : 'in-flight requests'} per replica; ` +
          'concurrency and rps scaling exist only in Knative mode.',
    ],
    [
      ['spec', 'predictor', 'minReplicas'],
      `${String(scaling.minReplicas)} to ${String(scaling.maxReplicas)} replicas: one replica is ${scaling.replicaRpsSource} to serve ` +
        `${String(scaling.replicaRps)} requests a second; measure it with a load test and resize.`,
    ],
    [
      ['spec', 'predictor', 'model', 'storageUri'],
      `${scheme}:// and not models:/ (an MLflow URI KServe cannot read): the deploy job resolves\n` +
        `models:/${plan.name}-production@champion to its artifact path and sets CHAMPION_ARTIFACT_PATH.`,
    ],
    [
      ['spec', 'predictor', 'serviceAccountName'],
      `A ServiceAccount whose credentials (a Secret or a cloud workload identity) can only read the model bucket.`,
    ],
  ];
  if (mode === 'Knative' && canary !== undefined)
    notes.push([
      ['spec', 'predictor', 'canaryTrafficPercent'],
      `When storageUri changes, the new revision gets ${String(canary)}% and the last good one the rest.\n` +
        `Raise it step by step (${steps}) while the SLO alerts stay quiet; remove it to promote.\n` +
        'Rollback: set it to 0, which sends all traffic to the previous revision.',
    ]);
  if (mode === 'Standard' && canary !== undefined)
    notes.push([
      ['spec', 'canary'],
      `The challenger runs as its own Deployment with fixed replicas and takes ${String(canary)}% of requests.\n` +
        `Raise trafficPercent step by step (${steps}); promote by moving CHALLENGER_ARTIFACT_PATH into the\n` +
        'stable storageUri and deleting this entry. Rollback: delete this entry.',
    ]);
  const serviceAccount: IServiceAccount = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: reader, labels: labelsOf(plan, 'serving') },
    automountServiceAccountToken: false,
  };
  return yamlDocs('mlops/deploy/inferenceservice.yaml', [
    {
      value: isvc,
      comment: `${plan.title}: KServe InferenceService (${mode} mode).\n${RENDER('inferenceservice.yaml')}`,
      notes,
    },
    {
      value: serviceAccount,
      comment:
        scheme === 's3'
          ? 'Attach read-only bucket credentials: IRSA role annotation, or a Secret annotated with serving.kserve.io/s3-endpoint.'
          : 'Attach read-only bucket credentials: a GKE workload identity bound to a role that can only read the bucket.',
    },
  ]);
}

/** The PDB keeps all but one replica through a drain; one replica cannot be protected without blocking drains. */
function disruptionBudget(minReplicas: number): { minAvailable: number } | { maxUnavailable: number } {
  return minReplicas >= 2 ? { minAvailable: minReplicas - 1 } : { maxUnavailable: 1 };
}

function plainServing(plan: LifecyclePlan): Artifact {
  const scaling = scalingOf(plan);
  const name = plan.name;
  const labels = labelsOf(plan, 'serving');
  const selector = selectorOf(plan, 'serving');
  const probe = (path: string, period: number, failures: number): IProbe => ({
    httpGet: { path, port: 'http' },
    periodSeconds: period,
    timeoutSeconds: 3,
    failureThreshold: failures,
  });
  const deployment: IDeployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: {
      selector: { matchLabels: selector },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: {
        metadata: { labels },
        spec: {
          securityContext: podSecurityContext,
          automountServiceAccountToken: false,
          terminationGracePeriodSeconds: 30,
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'kubernetes.io/hostname',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: selector },
            },
          ],
          containers: [
            {
              name: 'model',
              image: `\${${MODEL_IMAGE_VAR}}`,
              ports: [{ name: 'http', containerPort: MODEL_PORT }],
              env: [{ name: 'HOME', value: '/tmp' }],
              startupProbe: probe('/ping', 10, 30),
              readinessProbe: probe('/health', 10, 3),
              livenessProbe: probe('/ping', 20, 3),
              resources: resourcesOf(plan),
              securityContext: containerSecurityContext,
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }],
        },
      },
    },
  };
  const service: IService = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels },
    spec: { type: 'ClusterIP', selector, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  };
  const resource = scaling.metric === 'memory' ? 'memory' : 'cpu';
  const hpa: IHorizontalPodAutoscaler = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name, labels },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      minReplicas: scaling.minReplicas,
      maxReplicas: scaling.maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: { name: resource, target: { type: 'Utilization', averageUtilization: scaling.target } },
        },
      ],
      behavior: {
        scaleUp: { stabilizationWindowSeconds: 0 },
        scaleDown: { stabilizationWindowSeconds: 300 },
      },
    },
  };
  const pdb: IPodDisruptionBudget = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, labels },
    spec: { ...disruptionBudget(scaling.minReplicas), selector: { matchLabels: selector } },
  };
  const canary = canaryStep(plan);
  return yamlDocs('mlops/deploy/serving.yaml', [
    {
      value: deployment,
      comment: `${plan.title}: the MLflow model server on plain Kubernetes.\n${RENDER('serving.yaml')}`,
      notes: [
        [
          ['spec', 'selector'],
          'No replicas field: the HPA below owns the count, and a replicas field would reset it on every apply.',
        ],
        [
          ['spec', 'strategy'],
          canary === undefined
            ? 'A rolling update that never drops below the current capacity.'
            : `A rolling update that never drops below the current capacity. The plan's canary (${plan.rollout.steps.map(String).join(' -> ')}%)\n` +
              'needs weighted routing this file cannot give: a Gateway API HTTPRoute with backend weights,\n' +
              'or Argo Rollouts. Replica ratios cannot express a 5% step.',
        ],
        [
          ['spec', 'template', 'spec', 'containers', 0, 'image'],
          `Built by mlflow models build-docker from models:/${plan.name}-production@champion, tagged with the version:\n` +
            'every pod serves the same version, and a rollback is the previous tag.',
        ],
        [
          ['spec', 'template', 'spec', 'containers', 0, 'startupProbe'],
          'Up to 5 minutes (30 x 10 s) to load the model before liveness applies.',
        ],
      ],
    },
    { value: service },
    {
      value: hpa,
      comment: `${String(scaling.minReplicas)}-${String(scaling.maxReplicas)} replicas at ${String(scaling.target)}% ${resource}; scale-down waits 5 minutes so a dip between bursts does not drop capacity.`,
    },
    {
      value: pdb,
      comment:
        scaling.minReplicas >= 2
          ? `A node drain may take one pod at a time: ${String(scaling.minReplicas - 1)} of ${String(scaling.minReplicas)} stay.`
          : 'One replica: a drain takes it down briefly (a PDB that kept it would block every drain). Run 2 for production.',
    },
  ]);
}

function batchScoring(plan: LifecyclePlan, schedule: string): Artifact {
  const name = `${plan.name}-batch`;
  const labels = labelsOf(plan, 'batch-scoring');
  const gib =
    plan.dataVolumeBytes === undefined ? 20 : Math.max(1, Math.ceil((2 * plan.dataVolumeBytes) / 2 ** 30));
  const deadline = 4 * 3_600;
  const cronJob: ICronJob = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, labels },
    spec: {
      schedule,
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 3_600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 5,
      jobTemplate: {
        metadata: { labels },
        spec: {
          backoffLimit: 2,
          activeDeadlineSeconds: deadline,
          ttlSecondsAfterFinished: 7 * 86_400,
          template: {
            metadata: { labels },
            spec: {
              restartPolicy: 'Never',
              securityContext: podSecurityContext,
              automountServiceAccountToken: false,
              containers: [
                {
                  name: 'score',
                  image: `\${${MODEL_IMAGE_VAR}}`,
                  command: ['sh', '-c'],
                  args: [
                    'mlflow models predict --model-uri /opt/ml/model --env-manager local ' +
                      '--content-type csv --input-path /data/incoming/features.csv ' +
                      '--output-path "/data/scored/predictions-$$(date -u +%Y-%m-%d).csv"',
                  ],
                  env: [{ name: 'HOME', value: '/tmp' }],
                  resources: resourcesOf(plan),
                  securityContext: containerSecurityContext,
                  volumeMounts: [
                    { name: 'data', mountPath: '/data' },
                    { name: 'tmp', mountPath: '/tmp' },
                  ],
                },
              ],
              volumes: [
                { name: 'data', persistentVolumeClaim: { claimName: name } },
                { name: 'tmp', emptyDir: { sizeLimit: '2Gi' } },
              ],
            },
          },
        },
      },
    },
  };
  const pvc: IPersistentVolumeClaim = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, labels },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: `${String(gib)}Gi` } } },
  };
  return yamlDocs('mlops/deploy/batch-scoring.yaml', [
    {
      value: cronJob,
      comment: `${plan.title}: batch scoring on a schedule.\n${RENDER('batch-scoring.yaml')}`,
      notes: [
        [
          ['spec', 'schedule'],
          `${schedule} in UTC (timeZone below), so daylight saving never moves or doubles a run.`,
        ],
        [
          ['spec', 'concurrencyPolicy'],
          'Forbid: a late run is skipped rather than overlapping the next one on the same files.',
        ],
        [
          ['spec', 'jobTemplate', 'spec', 'backoffLimit'],
          `Two retries, each a fresh pod (restartPolicy Never keeps the failed pod's logs); after ${String(deadline / 3_600)} hours the run is\n` +
            'stuck, not slow, and is stopped so the next night starts clean.',
        ],
        [
          ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 0, 'image'],
          `The versioned model image (mlflow models build-docker, models:/${plan.name}-production@champion): the model\n` +
            'is in the image at /opt/ml/model, so a run never picks up a half-promoted version.',
        ],
      ],
    },
    {
      value: pvc,
      comment: `Input lands in /data/incoming (an upstream job), predictions go to /data/scored; twice the input volume.`,
    },
  ]);
}

/** Compose memory sizes are docker's ("2g"); the plan's are Kubernetes quantities ("2Gi"). */
function dockerMemory(quantity: string): string {
  const match = /^(\d+)(Ki|Mi|Gi|Ti)$/.exec(quantity);
  if (!match) throw new Error(`memory "${quantity}" is not a whole Ki/Mi/Gi/Ti quantity`);
  const unit: Record<string, string> = { Ki: 'k', Mi: 'm', Gi: 'g', Ti: 't' };
  return `${match[1] ?? ''}${unit[match[2] ?? ''] ?? ''}`;
}

function composeServing(plan: LifecyclePlan): Artifact {
  const r = plan.resources;
  const compose = {
    services: {
      model: {
        image: `\${${MODEL_IMAGE_VAR}:?set ${MODEL_IMAGE_VAR} in mlops/.env}`,
        restart: 'unless-stopped',
        ports: [`\${MODEL_BIND_ADDRESS:-127.0.0.1}:${String(MODEL_PORT)}:${String(MODEL_PORT)}`],
        read_only: true,
        tmpfs: ['/tmp'],
        security_opt: ['no-new-privileges:true'],
        environment: { HOME: '/tmp' },
        deploy: { resources: { limits: { cpus: r.cpuLimit, memory: dockerMemory(r.memoryLimit) } } },
        healthcheck: {
          test: [
            'CMD',
            'python',
            '-c',
            `import urllib.request; urllib.request.urlopen("http://localhost:${String(MODEL_PORT)}/health", timeout=3)`,
          ],
          interval: '15s',
          timeout: '5s',
          retries: 3,
          start_period: '120s',
        },
      },
    },
  };
  return yamlDocs('mlops/deploy/docker-compose.yaml', [
    {
      value: compose,
      comment: [
        `${plan.title}: the MLflow model server on one machine.`,
        'Run from mlops/: docker compose --env-file .env -f deploy/docker-compose.yaml up -d',
        `Roll back: set ${MODEL_IMAGE_VAR} to the previous version's tag and run the same command.`,
      ].join('\n'),
      notes: [
        [
          ['services', 'model', 'image'],
          `Built by mlflow models build-docker from models:/${plan.name}-production@champion and tagged with the version.`,
        ],
        [
          ['services', 'model', 'ports'],
          'Loopback by default: put the TLS proxy or load balancer of this host in front.',
        ],
        [['services', 'model', 'healthcheck'], 'Two minutes to load the model before failures count.'],
      ],
    },
  ]);
}

/** Every deployment file of the plan: serving, batch scoring, or both (hybrid targets). */
export function deploymentFiles(plan: LifecyclePlan): Artifact[] {
  const files: Artifact[] = [];
  const { serving } = plan;
  switch (serving.kind) {
    case 'kserve':
      files.push(kserveFiles(plan, serving.mode, serving.modelFormat, serving.runtime));
      break;
    case 'deployment':
      files.push(plainServing(plan));
      break;
    case 'compose':
      files.push(composeServing(plan));
      break;
    case 'managed':
      files.push(...managedFiles(plan));
      break;
    case 'edge':
      files.push(...edgeFiles(plan, serving.format));
      break;
    case 'none':
      break;
  }
  if (plan.batch?.kind === 'cronjob') files.push(batchScoring(plan, plan.batch.schedule));
  return files;
}
