/**
 * The product's own checks of the tracking and deployment manifests, for what their schemas cannot
 * say: KServe's deployment-mode rules (which the admission webhook enforces, not the CRD), replica
 * bounds, storage URI schemes, an HPA fighting a `replicas` field, selectors that select nothing,
 * and YAML that a parser would read differently (duplicate keys). One line per problem, naming the
 * file, the object and the key.
 */
import { parseAllDocuments } from 'yaml';
import type { Artifact } from '../../output/artifacts.js';
import { EDGE_ROLLOUT, edgeRolloutSchema } from './deploy-edge.js';

type Obj = Record<string, unknown>;

interface Loaded {
  readonly path: string;
  readonly kind: string;
  readonly name: string;
  readonly value: Obj;
}

/** URI schemes KServe's storage initializer reads (v0.20, `SupportedStorageURIPrefixList`); Azure Blob is https. */
const KSERVE_STORAGE_SCHEMES = [
  'gs',
  's3',
  'pvc',
  'file',
  'https',
  'http',
  'hdfs',
  'webhdfs',
  'oci',
  'oci+native',
  'oci+fetch',
  'hf',
] as const;

const MODE_KEY = 'serving.kserve.io/deploymentMode';
const KNATIVE_CLASS_KEY = 'autoscaling.knative.dev/class';
const COMPONENTS = ['predictor', 'transformer', 'explainer'] as const;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const at = (v: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((o, k) => obj(o)[k], v);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function load(artifacts: readonly Artifact[], problems: string[]): Loaded[] {
  const loaded: Loaded[] = [];
  for (const artifact of artifacts) {
    if (!/\.ya?ml$/.test(artifact.path)) continue;
    // Kubernetes and compose read YAML with 1.1-minded parsers: a plain `no` or `on` is a boolean
    // there and a string in 1.2. A file must mean the same under both.
    const asYaml11 = parseAllDocuments(artifact.content, { version: '1.1', prettyErrors: false });
    const docs = parseAllDocuments(artifact.content, { uniqueKeys: true, prettyErrors: false });
    // GitHub's workflow parser reads `on:` as the key it is written as; the rest read 1.1.
    const github = artifact.path.startsWith('.github/workflows/');
    docs.forEach((doc, i) => {
      const other = asYaml11[i];
      if (github) return;
      if (doc.errors.length === 0 && other?.errors.length === 0 && !sameValue(other.toJS(), doc.toJS()))
        problems.push(
          `${artifact.path}: document ${String(i + 1)} reads differently as YAML 1.1 (quote yes/no/on/off strings)`,
        );
    });
    for (const doc of docs) {
      if (doc.errors.length > 0) {
        for (const error of doc.errors)
          problems.push(`${artifact.path}: ${error.message.split('\n')[0] ?? ''}`);
        continue;
      }
      const value: unknown = doc.toJS();
      if (!isObj(value)) continue;
      loaded.push({
        path: artifact.path,
        kind: str(value['kind']) ?? '',
        name: str(at(value, 'metadata', 'name')) ?? '',
        value,
      });
    }
  }
  return loaded;
}

/** KServe's mode names, legacy ones mapped as KServe maps them; no annotation is the default, Standard. */
function modeOf(isvc: Obj): string {
  const raw = str(at(isvc, 'metadata', 'annotations', MODE_KEY));
  if (raw === undefined || raw === 'RawDeployment') return 'Standard';
  if (raw === 'Serverless') return 'Knative';
  return raw;
}

function storageUris(value: unknown, path: string, found: [string, string][]): void {
  if (Array.isArray(value))
    value.forEach((item, i) => {
      storageUris(item, `${path}[${String(i)}]`, found);
    });
  else if (isObj(value))
    for (const [key, child] of Object.entries(value)) {
      const here = path === '' ? key : `${path}.${key}`;
      if (key === 'storageUri' && typeof child === 'string') found.push([here, child]);
      else storageUris(child, here, found);
    }
}

function checkInferenceService(o: Loaded, problems: string[]): void {
  const where = `${o.path}: InferenceService/${o.name}`;
  const mode = modeOf(o.value);
  const explicit = str(at(o.value, 'metadata', 'annotations', MODE_KEY));
  const spec = obj(o.value['spec']);
  if (mode !== 'Standard' && mode !== 'Knative')
    problems.push(`${where} metadata.annotations.${MODE_KEY}: "${mode}" is not Standard or Knative`);
  const knativeHpa =
    str(at(o.value, 'metadata', 'annotations', KNATIVE_CLASS_KEY)) === 'hpa.autoscaling.knative.dev';
  for (const component of COMPONENTS) {
    const c = spec[component];
    if (!isObj(c)) continue;
    const metric = str(c['scaleMetric']);
    if (mode === 'Standard') {
      if (metric !== undefined && metric !== 'cpu' && metric !== 'memory')
        problems.push(
          `${where} spec.${component}.scaleMetric: "${metric}" needs Knative mode; Standard scales on cpu or memory`,
        );
      if (c['canaryTrafficPercent'] !== undefined)
        problems.push(
          `${where} spec.${component}.canaryTrafficPercent: Knative only; Standard mode uses spec.canary`,
        );
    } else if (mode === 'Knative' && metric !== undefined) {
      const allowed = knativeHpa ? ['cpu', 'memory'] : ['concurrency', 'rps'];
      if (!allowed.includes(metric))
        problems.push(
          `${where} spec.${component}.scaleMetric: "${metric}" is not one of ${allowed.join(', ')} for Knative's ${knativeHpa ? 'HPA' : 'KPA'} autoscaler`,
        );
    }
    const min = num(c['minReplicas']);
    const max = num(c['maxReplicas']);
    if (min !== undefined && max !== undefined && max > 0 && min > max)
      problems.push(`${where} spec.${component}: minReplicas ${String(min)} > maxReplicas ${String(max)}`);
  }
  const canary = spec['canary'];
  if (Array.isArray(canary) && canary.length > 0) {
    if (explicit !== 'Standard')
      problems.push(`${where} spec.canary: accepted only with the annotation ${MODE_KEY}: Standard`);
    let total = 0;
    const stableMin = num(at(spec, 'predictor', 'minReplicas')) ?? 1;
    canary.forEach((entry: unknown, i) => {
      const p = obj(at(entry, 'predictor'));
      const key = `${where} spec.canary[${String(i)}]`;
      total += num(at(entry, 'trafficPercent')) ?? 0;
      if (str(p['name']) === undefined) problems.push(`${key}.predictor.name: required for a canary`);
      for (const field of ['maxReplicas', 'scaleMetric', 'scaleTarget', 'autoScaling'])
        if (p[field] !== undefined) problems.push(`${key}.predictor.${field}: a canary runs fixed replicas`);
      const min = num(p['minReplicas']);
      if (min !== undefined && min > stableMin)
        problems.push(
          `${key}.predictor.minReplicas: ${String(min)} exceeds the stable predictor's ${String(stableMin)}`,
        );
    });
    if (total > 100)
      problems.push(`${where} spec.canary: trafficPercent adds up to ${String(total)} (> 100)`);
  }
  const uris: [string, string][] = [];
  storageUris(spec, 'spec', uris);
  for (const [key, uri] of uris) {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1]?.toLowerCase();
    if (scheme !== undefined && !(KSERVE_STORAGE_SCHEMES as readonly string[]).includes(scheme))
      problems.push(
        `${where} ${key}: "${scheme}:" is not a scheme KServe reads (${KSERVE_STORAGE_SCHEMES.join(', ')})` +
          (scheme === 'models' || scheme === 'runs'
            ? '; resolve the MLflow URI to its artifact path first'
            : ''),
      );
  }
}

function matches(selector: Obj, labels: Obj): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function podLabels(o: Loaded): Obj {
  return obj(at(o.value, 'spec', 'template', 'metadata', 'labels'));
}

export function checkDeploymentFiles(artifacts: readonly Artifact[]): string[] {
  const problems: string[] = [];
  const objects = load(artifacts, problems);
  const deployments = objects.filter((o) => o.kind === 'Deployment');
  const hpas = objects.filter((o) => o.kind === 'HorizontalPodAutoscaler');
  for (const o of objects.filter((x) => x.path === EDGE_ROLLOUT)) {
    const parsed = edgeRolloutSchema.safeParse(o.value);
    for (const issue of parsed.error?.issues ?? [])
      problems.push(`${o.path}: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  }
  for (const o of objects) {
    const where = `${o.path}: ${o.kind}/${o.name}`;
    if (o.kind === 'InferenceService') checkInferenceService(o, problems);
    if (o.kind === 'Deployment') {
      const selector = obj(at(o.value, 'spec', 'selector', 'matchLabels'));
      if (!matches(selector, podLabels(o)))
        problems.push(`${where} spec.selector.matchLabels: not a subset of spec.template.metadata.labels`);
    }
    if (o.kind === 'HorizontalPodAutoscaler') {
      const min = num(at(o.value, 'spec', 'minReplicas')) ?? 1;
      const max = num(at(o.value, 'spec', 'maxReplicas'));
      if (max !== undefined && min > max)
        problems.push(`${where} spec: minReplicas ${String(min)} > maxReplicas ${String(max)}`);
      const ref = obj(at(o.value, 'spec', 'scaleTargetRef'));
      const target = deployments.find((d) => d.name === ref['name'] && ref['kind'] === 'Deployment');
      if (target === undefined)
        problems.push(`${where} spec.scaleTargetRef: no Deployment "${String(ref['name'])}" among the files`);
      else if (at(target.value, 'spec', 'replicas') !== undefined)
        problems.push(
          `${target.path}: Deployment/${target.name} spec.replicas: set while HorizontalPodAutoscaler/${o.name} owns the count (each apply would reset it)`,
        );
    }
    if (o.kind === 'Service') {
      const selector = at(o.value, 'spec', 'selector');
      if (isObj(selector) && !deployments.some((d) => matches(selector, podLabels(d))))
        problems.push(`${where} spec.selector: matches the pod labels of no Deployment`);
    }
    if (o.kind === 'PodDisruptionBudget') {
      const selector = obj(at(o.value, 'spec', 'selector', 'matchLabels'));
      const selected = deployments.filter((d) => matches(selector, podLabels(d)));
      if (Object.keys(selector).length === 0 || selected.length === 0)
        problems.push(`${where} spec.selector.matchLabels: matches the pod labels of no Deployment`);
      const minAvailable = num(at(o.value, 'spec', 'minAvailable'));
      for (const d of selected) {
        const hpa = hpas.find((h) => at(h.value, 'spec', 'scaleTargetRef', 'name') === d.name);
        const floor = hpa
          ? (num(at(hpa.value, 'spec', 'minReplicas')) ?? 1)
          : (num(at(d.value, 'spec', 'replicas')) ?? 1);
        if (minAvailable !== undefined && minAvailable >= floor)
          problems.push(
            `${where} spec.minAvailable: ${String(minAvailable)} of at least ${String(floor)} replicas of Deployment/${d.name} blocks every node drain`,
          );
      }
    }
  }
  return problems;
}
