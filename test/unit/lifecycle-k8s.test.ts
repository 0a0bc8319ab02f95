/**
 * The tracking server and deployment files, validated offline by the tools that own their formats:
 * the KServe CRD's own schema (refusing unknown fields, as `kubectl --validate=strict` does),
 * kubernetes-models for core objects, the compose-spec JSON schema, bash -n and shellcheck,
 * python's compiler (all through test/support/lifecycle-validate.ts), the product's zod schema for its own edge-rollout format, and YAML without
 * duplicate keys; plus the product's own checks, each shown to fire on a broken file and to stay
 * quiet on the generated one. (kubernetes-models' validate() accepts unknown fields; the
 * generators type their objects with its interfaces, so tsc refuses those instead.)
 */
import { describe, expect, it } from 'vitest';
import type { Artifact } from '../../src/output/artifacts.js';
import type { LifecyclePlan } from '../../src/protocols/lifecycle/plan-types.js';
import { edgeRolloutSchema } from '../../src/render/lifecycle/deploy-edge.js';
import { checkDeploymentFiles } from '../../src/render/lifecycle/deployment-checks.js';
import { deploymentFiles } from '../../src/render/lifecycle/deployment.js';
import { trackingFiles } from '../../src/render/lifecycle/tracking.js';
import {
  composeErrors,
  coreErrors,
  envsubst,
  isvcErrors,
  yamlDocuments,
  type Obj,
} from '../support/lifecycle-formats.js';
import { PLANS } from '../support/lifecycle-plans.js';
import { validateLifecycleFiles } from '../support/lifecycle-validate.js';

const filesOf = (plan: LifecyclePlan): Artifact[] => [...trackingFiles(plan), ...deploymentFiles(plan)];

function file(files: readonly Artifact[], path: string): Artifact {
  const found = files.find((f) => f.path === path);
  if (!found) throw new Error(`no ${path} among ${files.map((f) => f.path).join(', ')}`);
  return found;
}

/** Every document of a YAML file; a duplicate key or a syntax error fails the test. */
function docs(artifact: Artifact): Obj[] {
  const { docs: all, errors } = yamlDocuments(artifact.content);
  expect(errors, artifact.path).toEqual([]);
  return all;
}

/** A core object valid for its kubernetes-models class. */
function validateCore(doc: Obj): void {
  expect(coreErrors(doc), String(doc['kind'])).toEqual([]);
}

const kindsOf = (artifact: Artifact): string[] => docs(artifact).map((d) => String(d['kind']));

describe('KServe InferenceService', () => {
  it('Standard mode: cpu scaling, spec.canary, valid against the CRD with unknown fields refused', () => {
    const files = filesOf(PLANS.fraudKserve);
    const isvcFile = file(files, 'mlops/deploy/inferenceservice.yaml');
    const [isvc, sa] = docs(isvcFile);
    expect(isvcErrors(isvc)).toEqual([]);
    expect(isvcErrors(yamlDocuments(envsubst(isvcFile.content)).docs[0])).toEqual([]);
    validateCore(sa as Obj);
    expect(isvc).toMatchObject({
      metadata: { annotations: { 'serving.kserve.io/deploymentMode': 'Standard' } },
      spec: {
        predictor: {
          scaleMetric: 'cpu',
          minReplicas: 2,
          maxReplicas: 15,
          model: { modelFormat: { name: 'xgboost' } },
        },
        canary: [{ trafficPercent: 5, predictor: { name: 'challenger' } }],
      },
    });
    expect(JSON.stringify(isvc)).not.toContain('canaryTrafficPercent');
    expect(checkDeploymentFiles(files)).toEqual([]);
  });

  it('Knative mode: concurrency scaling and canaryTrafficPercent, no spec.canary', () => {
    const files = filesOf(PLANS.fraudKnative);
    const [isvc] = docs(file(files, 'mlops/deploy/inferenceservice.yaml'));
    expect(isvcErrors(isvc)).toEqual([]);
    expect(isvc).toMatchObject({
      metadata: { annotations: { 'serving.kserve.io/deploymentMode': 'Knative' } },
      spec: { predictor: { scaleMetric: 'concurrency', canaryTrafficPercent: 5 } },
    });
    expect((isvc as { spec: Obj }).spec['canary']).toBeUndefined();
    expect(checkDeploymentFiles(files)).toEqual([]);
  });

  it('GPUs are limits of nvidia.com/gpu, still valid against the CRD', () => {
    const plan: LifecyclePlan = {
      ...PLANS.fraudKserve,
      resources: { ...PLANS.fraudKserve.resources, gpus: 2 },
    };
    const [isvc] = docs(file(deploymentFiles(plan), 'mlops/deploy/inferenceservice.yaml'));
    expect(isvcErrors(isvc)).toEqual([]);
    expect(isvc).toMatchObject({
      spec: { predictor: { model: { resources: { limits: { 'nvidia.com/gpu': '2' } } } } },
    });
  });

  it('the strict schema refuses an unknown field and a misplaced one', () => {
    const [isvc] = docs(file(filesOf(PLANS.fraudKserve), 'mlops/deploy/inferenceservice.yaml'));
    const typo = structuredClone(isvc) as { spec: { predictor: Obj } };
    typo.spec.predictor['minReplica'] = 2;
    expect(isvcErrors(typo).join('\n')).toContain('minReplica');
    const misplaced = structuredClone(isvc) as { spec: { canary: Obj[] } };
    (misplaced.spec.canary[0] as Obj)['canaryTrafficPercent'] = 5;
    expect(isvcErrors(misplaced).join('\n')).toContain('canaryTrafficPercent');
  });
});

describe('plain Kubernetes serving', () => {
  const files = filesOf(PLANS.rankingDeployment);
  const serving = file(files, 'mlops/deploy/serving.yaml');

  it('Deployment without replicas, Service, HPA v2 and PDB v1, all valid core objects', () => {
    const all = docs(serving);
    expect(kindsOf(serving)).toEqual([
      'Deployment',
      'Service',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
    ]);
    for (const doc of all) validateCore(doc);
    for (const doc of docs({ ...serving, content: envsubst(serving.content) })) validateCore(doc);
    const [deployment, , hpa, pdb] = all as [Obj, Obj, Obj, Obj];
    expect((deployment['spec'] as Obj)['replicas']).toBeUndefined();
    expect(hpa['spec']).toMatchObject({
      minReplicas: 2,
      maxReplicas: 38,
      metrics: [{ resource: { name: 'cpu' } }],
    });
    expect(pdb['spec']).toMatchObject({ minAvailable: 1 });
    expect(checkDeploymentFiles(files)).toEqual([]);
  });

  it('a single replica gets maxUnavailable, never a PDB that blocks drains', () => {
    const hybrid = filesOf(PLANS.hybridExperimental);
    const pdb = docs(file(hybrid, 'mlops/deploy/serving.yaml')).find(
      (d) => d['kind'] === 'PodDisruptionBudget',
    );
    expect(pdb?.['spec']).toMatchObject({ maxUnavailable: 1 });
    expect(checkDeploymentFiles(hybrid)).toEqual([]);
  });
});

describe('batch scoring CronJob', () => {
  it('batch/v1 CronJob in UTC, Forbid, bounded retries and run time', () => {
    const files = filesOf(PLANS.churnBatch);
    const batch = file(files, 'mlops/deploy/batch-scoring.yaml');
    const [cron, pvc] = docs(batch) as [Obj, Obj];
    validateCore(cron);
    validateCore(pvc);
    expect(cron['spec']).toMatchObject({
      schedule: PLANS.churnBatch.batch?.schedule,
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      jobTemplate: {
        spec: {
          backoffLimit: 2,
          activeDeadlineSeconds: 14_400,
          template: { spec: { restartPolicy: 'Never' } },
        },
      },
    });
    expect(checkDeploymentFiles(files)).toEqual([]);
  });

  it('a hybrid target gets both the serving files and the CronJob', () => {
    const paths = filesOf(PLANS.hybridExperimental).map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['mlops/deploy/serving.yaml', 'mlops/deploy/batch-scoring.yaml']),
    );
  });
});

describe('tracking server', () => {
  it('Kubernetes: Deployment and Service, pinned image, auth from the Secret, allowed hosts, probes', () => {
    const files = filesOf(PLANS.fraudKserve);
    const tracking = file(files, 'mlops/tracking/mlflow.yaml');
    const [deployment, service] = docs(tracking) as [Obj, Obj];
    validateCore(deployment);
    validateCore(service);
    const text = tracking.content;
    expect(text).toMatch(/image: ghcr\.io\/mlflow\/mlflow:v3\.\d+\.\d+-full/);
    for (const flag of [
      '--allowed-hosts',
      '--app-name',
      'basic-auth',
      '--serve-artifacts',
      '--artifacts-destination',
      '0.0.0.0',
    ])
      expect(text).toContain(flag);
    expect(text).toContain('path: /health');
    expect(text).toContain('secretKeyRef');
    expect(text).toContain('runAsNonRoot: true');
    expect(text).not.toContain('password1234');
    expect(text).not.toContain('&a1');
    expect(checkDeploymentFiles(files)).toEqual([]);
  });

  it('compose: valid against the compose-spec schema, secrets only as ${VAR}, healthchecks, named volumes', () => {
    const files = filesOf(PLANS.demandCompose);
    const tracking = file(files, 'mlops/tracking/docker-compose.yaml');
    expect(composeErrors(docs(tracking)[0])).toEqual([]);
    const [doc] = docs(tracking) as [{ services: Record<string, Obj>; volumes: Obj }];
    expect(Object.keys(doc.services)).toEqual(['postgres', 'mlflow-auth-config', 'mlflow']);
    expect(doc.services['mlflow']?.['healthcheck']).toBeDefined();
    expect(doc.services['postgres']?.['healthcheck']).toBeDefined();
    expect(Object.keys(doc.volumes)).toEqual(['postgres-data', 'mlflow-auth', 'mlflow-artifacts']);
    expect(tracking.content).toContain('${POSTGRES_PASSWORD:?');
    expect(checkDeploymentFiles(files)).toEqual([]);
  });

  it('.env.example lists every ${VAR} and secretKeyRef the files read, with no value for a secret', () => {
    for (const plan of Object.values(PLANS)) {
      const files = filesOf(plan);
      const env = file(files, 'mlops/.env.example').content;
      const listed = new Set([...env.matchAll(/^(?:# )?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
      const read = new Set<string>();
      for (const f of files.filter((x) => x.path !== 'mlops/.env.example')) {
        for (const m of f.content.matchAll(/\$\{([A-Z][A-Z0-9_]*)(?::[-?][^}]*)?\}/g)) read.add(m[1] ?? '');
        for (const m of f.content.matchAll(/^\s*key: ([A-Z][A-Z0-9_]*)$/gm)) read.add(m[1] ?? '');
      }
      for (const name of read) expect(listed, `${plan.name}: ${name}`).toContain(name);
      const lines = env.split('\n');
      lines.forEach((line, i) => {
        if (line.startsWith('# [secret]')) expect(lines[i + 1], plan.name).toMatch(/^[A-Z0-9_]+=$/);
      });
    }
  });

  it('an existing tracker gets no server file, only its client variables', () => {
    const files = trackingFiles(PLANS.sagemakerOnline);
    expect(files.map((f) => f.path)).toEqual(['mlops/.env.example']);
    expect(files[0]?.content).toContain('MLFLOW_TRACKING_URI=');
    // Google Cloud has no managed MLflow: a Vertex AI stack gets the compose server, and its endpoint's variables.
    const vertex = trackingFiles(PLANS.llmVertex);
    expect(vertex.map((f) => f.path)).toEqual(['mlops/tracking/docker-compose.yaml', 'mlops/.env.example']);
    expect(vertex[1]?.content).toContain('GOOGLE_CLOUD_PROJECT=');
  });
});

describe('compose serving', () => {
  it('valid against the compose-spec schema, with a healthcheck', () => {
    const deploy = file(filesOf(PLANS.demandCompose), 'mlops/deploy/docker-compose.yaml');
    expect(composeErrors(docs(deploy)[0])).toEqual([]);
    expect(deploy.content).toContain('healthcheck:');
    expect(deploy.content).toContain('${MODEL_IMAGE:?');
  });
});

describe('managed endpoints: deploy.sh', () => {
  const variants: [string, LifecyclePlan, RegExp][] = [
    ['vertex_ai', PLANS.llmVertex, /gcloud ai endpoints deploy-model[\s\S]*--traffic-split/],
    ['sagemaker', PLANS.sagemakerOnline, /aws sagemaker update-endpoint[\s\S]*"CANARY"/],
    [
      'azure_ml',
      { ...PLANS.sagemakerOnline, stack: 'azure_ml', serving: { kind: 'managed', cloud: 'azure_ml' } },
      /az ml online-deployment create/,
    ],
    [
      'databricks',
      { ...PLANS.sagemakerOnline, stack: 'databricks', serving: { kind: 'managed', cloud: 'databricks' } },
      /databricks serving-endpoints update-config/,
    ],
  ];
  it.each(variants)(
    '%s: strict bash that parses and checks every variable before the first command',
    (cloud, plan, command) => {
      const script = file(deploymentFiles(plan), 'mlops/deploy/deploy.sh');
      expect(script.content).toContain('set -euo pipefail');
      expect(script.content).toMatch(command);
      // Every variable the script uses is checked before the first command runs.
      const used = new Set([...script.content.matchAll(/\$\{?([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]));
      for (const name of used)
        expect(script.content, `${cloud}: ${name ?? ''}`).toContain(`: "\${${name ?? ''}:?set ${name ?? ''}`);
    },
  );

  it.each(variants)('%s: bash -n and shellcheck (style included) find nothing', async (_cloud, plan) => {
    const files = deploymentFiles(plan).filter(
      (f) => f.path.endsWith('.sh') || f.path.endsWith('azure-deployment.yaml'),
    );
    expect(await validateLifecycleFiles(files)).toEqual([]);
  });
});

describe('edge', () => {
  const files = filesOf(PLANS.edgeVision);

  it('export.py converts to the plan format and checks outputs within a tolerance', () => {
    const script = file(files, 'mlops/deploy/export.py').content;
    expect(script).toContain('torch.onnx.export');
    expect(script).toContain('numpy.allclose(actual, expected, rtol=RTOL, atol=ATOL)');
  });

  it('export.py compiles with python3 for every framework and format', async () => {
    const scripts = (
      [
        ['pytorch', 'onnx'],
        ['pytorch', 'torchscript'],
        ['tensorflow', 'tflite'],
        ['onnx', 'onnx'],
        ['sklearn', 'onnx'],
      ] as const
    ).map(([framework, format]) => {
      const plan: LifecyclePlan = { ...PLANS.edgeVision, framework, serving: { kind: 'edge', format } };
      const script = file(deploymentFiles(plan), 'mlops/deploy/export.py');
      return { ...script, path: `mlops/deploy/export-${framework}-${format}.py` };
    });
    expect(await validateLifecycleFiles(scripts)).toEqual([]);
  });

  it('edge-rollout.yaml: the plan steps with the halt thresholds', () => {
    const [rollout] = docs(file(files, 'mlops/deploy/edge-rollout.yaml')) as [
      { stages: { devicesPercent: number }[]; halt: Obj },
    ];
    expect(edgeRolloutSchema.safeParse(rollout).error).toBeUndefined();
    expect(rollout.stages.map((s) => s.devicesPercent)).toEqual(PLANS.edgeVision.rollout.steps);
    expect(
      edgeRolloutSchema.safeParse({ ...rollout, stages: [{ devicesPercent: 50, soakHours: 1 }] }).success,
    ).toBe(false);
    expect(rollout.halt).toMatchObject({
      inferenceErrorRate: { above: 0.01 },
      p95LatencyMs: { above: 45, forMinutes: 10 },
    });
  });
});

/** The generated file with one document changed by `edit`. */
function broken(
  files: readonly Artifact[],
  path: string,
  kind: string | undefined,
  edit: (doc: Obj) => void,
): Artifact[] {
  return files.map((f) => {
    if (f.path !== path) return f;
    const changed = docs(f).map((d) => {
      if (d['kind'] === kind) edit(d);
      return d;
    });
    return { path, content: changed.map((d) => JSON.stringify(d)).join('\n---\n') };
  });
}

const spec = (d: Obj): Obj => d['spec'] as Obj;
const predictor = (d: Obj): Obj => spec(d)['predictor'] as Obj;

describe('checkDeploymentFiles fires on each broken file', () => {
  const standard = filesOf(PLANS.fraudKserve);
  const knative = filesOf(PLANS.fraudKnative);
  const plain = filesOf(PLANS.rankingDeployment);
  const ISVC = 'mlops/deploy/inferenceservice.yaml';
  const SERVING = 'mlops/deploy/serving.yaml';

  const cases: [string, Artifact[], RegExp][] = [
    [
      'Standard mode scaling on concurrency',
      broken(standard, ISVC, 'InferenceService', (d) => (predictor(d)['scaleMetric'] = 'concurrency')),
      /scaleMetric: "concurrency" needs Knative mode/,
    ],
    [
      'canaryTrafficPercent in Standard mode',
      broken(standard, ISVC, 'InferenceService', (d) => (predictor(d)['canaryTrafficPercent'] = 10)),
      /canaryTrafficPercent: Knative only/,
    ],
    [
      'no annotation is Standard too',
      broken(knative, ISVC, 'InferenceService', (d) => {
        (d['metadata'] as Obj)['annotations'] = {};
      }),
      /scaleMetric: "concurrency" needs Knative mode/,
    ],
    [
      'Knative (KPA) scaling on cpu',
      broken(knative, ISVC, 'InferenceService', (d) => (predictor(d)['scaleMetric'] = 'cpu')),
      /not one of concurrency, rps/,
    ],
    [
      'spec.canary in Knative mode',
      broken(knative, ISVC, 'InferenceService', (d) => {
        spec(d)['canary'] = [{ trafficPercent: 5, predictor: { name: 'c', model: {} } }];
      }),
      /spec\.canary: accepted only with the annotation/,
    ],
    [
      'a canary that autoscales',
      broken(standard, ISVC, 'InferenceService', (d) => {
        ((spec(d)['canary'] as Obj[])[0]?.['predictor'] as Obj)['maxReplicas'] = 4;
      }),
      /canary\[0\]\.predictor\.maxReplicas: a canary runs fixed replicas/,
    ],
    [
      'minReplicas over maxReplicas on an InferenceService',
      broken(standard, ISVC, 'InferenceService', (d) => (predictor(d)['minReplicas'] = 20)),
      /spec\.predictor: minReplicas 20 > maxReplicas 15/,
    ],
    [
      'an MLflow models:/ URI as storageUri',
      broken(standard, ISVC, 'InferenceService', (d) => {
        (predictor(d)['model'] as Obj)['storageUri'] = 'models:/fraud-scoring@champion';
      }),
      /"models:" is not a scheme KServe reads/,
    ],
    [
      'replicas on a Deployment an HPA owns',
      broken(plain, SERVING, 'Deployment', (d) => (spec(d)['replicas'] = 3)),
      /spec\.replicas: set while HorizontalPodAutoscaler/,
    ],
    [
      'minReplicas over maxReplicas on an HPA',
      broken(plain, SERVING, 'HorizontalPodAutoscaler', (d) => (spec(d)['minReplicas'] = 40)),
      /HorizontalPodAutoscaler\/search-ranking spec: minReplicas 40 > maxReplicas 38/,
    ],
    [
      'a PDB selecting nothing',
      broken(plain, SERVING, 'PodDisruptionBudget', (d) => {
        spec(d)['selector'] = { matchLabels: { 'app.kubernetes.io/name': 'other' } };
      }),
      /PodDisruptionBudget\/search-ranking spec\.selector\.matchLabels: matches the pod labels of no Deployment/,
    ],
    [
      'a PDB that blocks drains',
      broken(plain, SERVING, 'PodDisruptionBudget', (d) => (spec(d)['minAvailable'] = 2)),
      /spec\.minAvailable: 2 of at least 2 replicas .* blocks every node drain/,
    ],
    [
      'a Service selecting nothing',
      broken(plain, SERVING, 'Service', (d) => {
        spec(d)['selector'] = { 'app.kubernetes.io/name': 'typo' };
      }),
      /Service\/search-ranking spec\.selector: matches the pod labels of no Deployment/,
    ],
  ];

  it.each(cases)('%s', (_name, files, expected) => {
    const problems = checkDeploymentFiles(files);
    expect(problems.join('\n')).toMatch(expected);
  });

  it('a duplicate key', () => {
    const dup = plain.map((f) =>
      f.path === SERVING
        ? { ...f, content: f.content.replace('kind: Service\n', 'kind: Service\nkind: Service\n') }
        : f,
    );
    expect(checkDeploymentFiles(dup).join('\n')).toMatch(
      /mlops\/deploy\/serving\.yaml: .*[Mm]ap keys must be unique/,
    );
  });

  it('an edge rollout whose stages shrink', () => {
    const edited = broken(filesOf(PLANS.edgeVision), 'mlops/deploy/edge-rollout.yaml', undefined, (d) => {
      d['stages'] = [
        { devicesPercent: 50, soakHours: 24 },
        { devicesPercent: 10, soakHours: 24 },
      ];
    });
    expect(checkDeploymentFiles(edited).join('\n')).toMatch(/edge-rollout\.yaml: stages: stages must grow/);
  });

  it('a value YAML 1.1 reads as a boolean', () => {
    const edited = filesOf(PLANS.demandCompose).map((f) =>
      f.path === 'mlops/tracking/docker-compose.yaml'
        ? { ...f, content: f.content.replace('restart: "no"', 'restart: no') }
        : f,
    );
    expect(checkDeploymentFiles(edited).join('\n')).toMatch(
      /mlops\/tracking\/docker-compose\.yaml: document 1 reads differently as YAML 1\.1/,
    );
  });

  it('stays quiet on every generated plan', () => {
    for (const plan of Object.values(PLANS))
      expect(checkDeploymentFiles(filesOf(plan)), plan.name).toEqual([]);
  });
});
