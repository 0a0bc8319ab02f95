/**
 * What the tracking and deployment files share: multi-document YAML with comments (the `yaml`
 * library's Document API, never a text template), the labels that tie Services, PDBs and HPAs to
 * their pods, the hardened pod defaults, and the artifact store every file points at.
 */
import type { IPodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import type { IResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import { Document, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Artifact } from '../../output/artifacts.js';
import type { LifecyclePlan } from '../../protocols/lifecycle/plan-types.js';
import { spaced as commentLines } from './yaml-doc.js';

/** A Kubernetes object (or any YAML document) with the comments that explain it. */
interface Doc {
  readonly value: unknown;
  /** Above the document: why it exists. */
  readonly comment?: string;
  /** Above single keys, by their path from the document's root. */
  readonly notes?: readonly (readonly [readonly (string | number)[], string])[];
}

/** Sets a comment above the key (or list item) at `path`; a path that does not exist is a bug. */
function note(doc: Document, path: readonly (string | number)[], text: string): void {
  const parentPath = path.slice(0, -1);
  const last = path.at(-1);
  const parent: unknown = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
  if (isMap(parent)) {
    const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
    if (pair && isScalar(pair.key)) {
      pair.key.commentBefore = commentLines(text);
      return;
    }
  }
  if (isSeq(parent) && typeof last === 'number') {
    const item = parent.items[last] as Node | undefined;
    if (item) {
      item.commentBefore = commentLines(text);
      return;
    }
  }
  throw new Error(`no key at ${path.join('.')} to comment`);
}

/** One document as YAML text, with its comments. */
function yamlText(doc: Doc): string {
  // No anchors: shared label objects are written out in full, as kubectl users expect to read them.
  // YAML 1.1 rules for quoting: Kubernetes and compose read with YAML 1.1-minded parsers, where a
  // plain no, on or yes is a boolean, so such strings must be quoted ("no" for restart, a label "on").
  const document = new Document(doc.value, { aliasDuplicateObjects: false, version: '1.1' });
  if (doc.comment !== undefined) document.commentBefore = commentLines(doc.comment);
  for (const [path, text] of doc.notes ?? []) note(document, path, text);
  return document.toString({ lineWidth: 0 });
}

/** A multi-document YAML file: the documents joined by `---`, each with its comments. */
export function yamlDocs(path: string, docs: readonly Doc[]): Artifact {
  return { path, content: docs.map(yamlText).join('---\n') };
}

/** The labels on every object of one component; the selector uses the first two. */
export function labelsOf(plan: LifecyclePlan, component: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': plan.name,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': 'mlops',
    'app.kubernetes.io/managed-by': 'mlops-design',
  };
}

export function selectorOf(plan: LifecyclePlan, component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': plan.name, 'app.kubernetes.io/component': component };
}

/** The uid the generated containers run as: any non-zero id works with the images used here. */
const NON_ROOT_UID = 10_001;

export const podSecurityContext: IPodSecurityContext = {
  runAsNonRoot: true,
  runAsUser: NON_ROOT_UID,
  runAsGroup: NON_ROOT_UID,
  fsGroup: NON_ROOT_UID,
  seccompProfile: { type: 'RuntimeDefault' },
};

export const containerSecurityContext: ISecurityContext = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

/** Requests and limits from the plan; GPUs only as limits (Kubernetes copies them to requests). */
export function resourcesOf(plan: LifecyclePlan): IResourceRequirements & {
  requests: Record<string, string>;
  limits: Record<string, string>;
} {
  const r = plan.resources;
  return {
    requests: { cpu: r.cpuRequest, memory: r.memoryRequest },
    limits: {
      cpu: r.cpuLimit,
      memory: r.memoryLimit,
      ...(r.gpus > 0 ? { 'nvidia.com/gpu': String(r.gpus) } : {}),
    },
  };
}

/**
 * The object store MLflow writes artifacts to and model servers read them from: GCS on Google's
 * stack, S3 (or an S3-compatible store such as MinIO) everywhere else. `models:/` URIs are MLflow's
 * own and no model server outside MLflow resolves them, so the deploy step turns an alias into the
 * version's artifact path in this store.
 */
export function artifactScheme(plan: LifecyclePlan): 's3' | 'gs' {
  return plan.stack === 'vertex_ai' ? 'gs' : 's3';
}

/** The pinned MLflow image (the -full variant carries the Postgres driver, boto3 and the auth app). */
export const MLFLOW_IMAGE = 'ghcr.io/mlflow/mlflow:v3.9.0-full';

/** The image the model is served from: built per version by `mlflow models build-docker`. */
export const MODEL_IMAGE_VAR = 'MODEL_IMAGE';

/** The port `mlflow models serve` and images built by `mlflow models build-docker` listen on. */
export const MODEL_PORT = 8080;
