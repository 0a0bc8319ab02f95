/**
 * validateLifecycleFiles: every generated lifecycle file validated by the tool that owns its
 * format, offline, for real. YAML parses with no duplicate keys, then goes to its schema (KServe
 * CRD, kubernetes-models, compose-spec, Argo models, actionlint, the GitLab/edge/product zod
 * schemas, promtool); JSON to the Grafana model; Python to py_compile; shell to bash -n and
 * shellcheck; Markdown to markdownlint with the repo's config; .env.example to its line rules.
 * A file the validator has no family for is a problem; a missing tool throws, never skips.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parse } from 'yaml';
import type { Artifact } from '../../src/output/artifacts.js';
import { edgeRolloutSchema } from '../../src/render/lifecycle/deploy-edge.js';
import {
  mlProjectSchema,
  pythonEnvSchema,
  registryPolicySchema,
} from '../../src/render/lifecycle/schemas.js';
import { SECRET_KEY } from '../../src/render/lifecycle/secrets.js';
import { markdownlint } from '../e2e/support/run-cli.js';
import {
  actionlintErrors,
  azureDeploymentErrors,
  composeErrors,
  coreErrors,
  cronWorkflowErrors,
  envsubst,
  grafanaErrors,
  isCoreKind,
  isvcErrors,
  parseGitlab,
  schemaErrors,
  yamlDocuments,
  type Obj,
} from './lifecycle-formats.js';

/** The path of a command, or an error naming how to install it: the validator never skips. */
export function tool(command: string, install: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  if (found.status !== 0)
    throw new Error(
      `${command} is not installed: ${install} (node scripts/test-tools.mjs does it); the lifecycle validation fails rather than skips without it`,
    );
  return found.stdout.trim();
}

function run(command: string, args: readonly string[], cwd: string): { code: number; output: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

/** Writes the artifacts under a new temporary directory, keeping their relative paths. */
function writeAll(artifacts: readonly Artifact[]): string {
  const out = mkdtempSync(join(tmpdir(), 'mlops-lifecycle-'));
  for (const artifact of artifacts) {
    const path = join(out, artifact.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, artifact.content);
  }
  return out;
}

const lines = (output: string): string[] =>
  output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** A check of one file: its problems as "tool: message", given the file, its YAML documents, the temp dir. */
type Check = (artifact: Artifact, docs: readonly Obj[], dir: string) => string[] | Promise<string[]>;
type SyncCheck = (artifact: Artifact, docs: readonly Obj[], dir: string) => string[];

const tagged = (name: string, problems: readonly string[]): string[] => problems.map((p) => `${name}: ${p}`);

/** A command run on the file (from its own directory); a non-zero exit is a problem per output line. */
function command(name: string, bin: () => string, args: (file: string) => string[]): SyncCheck {
  return (artifact, _docs, dir) => {
    const path = join(dir, artifact.path);
    const result = run(bin(), args(basename(path)), dirname(path));
    return result.code === 0
      ? []
      : tagged(name, lines(result.output).length ? lines(result.output) : [`exit ${String(result.code)}`]);
  };
}

const promtool = (): string => tool('promtool', 'apt-get install -y prometheus');
const python = (): string => tool('python3', 'apt-get install -y python3-minimal');
const bash = (): string => tool('bash', 'apt-get install -y bash');
const shellcheck = (): string => tool('shellcheck', 'apt-get install -y shellcheck');

const shell: Check = (artifact, docs, dir) => [
  ...command('bash -n', bash, (file) => ['-n', file])(artifact, docs, dir),
  ...command('shellcheck', shellcheck, (file) => ['--shell=bash', '--severity=style', '--format=gcc', file])(
    artifact,
    docs,
    dir,
  ),
];

const zodCheck =
  (name: string, schema: Parameters<typeof schemaErrors>[0]): Check =>
  (_artifact, docs) =>
    tagged(
      name,
      docs.flatMap((doc) => schemaErrors(schema, doc)),
    );

/** Kubernetes objects by kind: the strict CRD schema, kubernetes-models, the Argo models. */
const kubernetes: Check = async (artifact, docs) => {
  const substituted = yamlDocuments(envsubst(artifact.content)).docs;
  const problems = new Set<string>();
  for (const [i, doc] of docs.entries()) {
    const kind = String(doc['kind']);
    const where = `document ${String(i + 1)} (${kind})`;
    const both = [doc, substituted[i] ?? doc];
    if (kind === 'InferenceService')
      for (const value of both) for (const p of isvcErrors(value)) problems.add(`kserve-crd: ${where}: ${p}`);
    else if (isCoreKind(kind))
      for (const value of both)
        for (const p of coreErrors(value)) problems.add(`kubernetes-models: ${where}: ${p}`);
    else if (kind === 'CronWorkflow')
      for (const p of await cronWorkflowErrors(doc)) problems.add(`argo-models: ${where}: ${p}`);
    else problems.add(`validator: no validator for ${where}`);
  }
  return [...problems];
};

/** Kubernetes objects, every document of them: an empty file or a plain mapping is not one. */
const isKubernetes = (docs: readonly unknown[]): boolean =>
  docs.length > 0 &&
  docs.every((d) => typeof d === 'object' && d !== null && typeof (d as Obj)['kind'] === 'string');

/** The file families, first match wins. YAML families run only on YAML that parsed. */
const YAML_FAMILIES: readonly (readonly [RegExp, Check])[] = [
  [
    /^\.github\/workflows\/[^/]+\.ya?ml$/,
    async (a) => tagged('actionlint', await actionlintErrors(a.content, a.path)),
  ],
  [
    /\.gitlab-ci\.yml$/,
    (_a, docs) =>
      tagged(
        'gitlab-zod',
        docs.flatMap((doc) => parseGitlab(doc).problems),
      ),
  ],
  [/(^|\/)docker-compose\.ya?ml$/, (_a, docs) => tagged('compose-spec', docs.flatMap(composeErrors))],
  [/(^|\/)edge-rollout\.yaml$/, zodCheck('edge-rollout-zod', edgeRolloutSchema)],
  [/(^|\/)registry\/policy\.yaml$/, zodCheck('registry-policy-zod', registryPolicySchema)],
  [/(^|\/)MLproject$/, zodCheck('mlproject-zod', mlProjectSchema)],
  [/(^|\/)python_env\.yaml$/, zodCheck('python-env-zod', pythonEnvSchema)],
  [
    /(^|\/)azure-deployment\.yaml$/,
    (_a, docs) => tagged('azure-ml-zod', docs.flatMap(azureDeploymentErrors)),
  ],
  [/(^|\/)alerts\.rules\.yaml$/, command('promtool check rules', promtool, (f) => ['check', 'rules', f])],
  [/(^|\/)alerts\.test\.yaml$/, command('promtool test rules', promtool, (f) => ['test', 'rules', f])],
  [/\.ya?ml$/, (a, docs, dir) => (isKubernetes(docs) ? kubernetes(a, docs, dir) : noValidator(a))],
];

const noValidator = (artifact: Artifact): string[] => [`validator: no validator for ${artifact.path}`];

/** A dashboard: JSON that parses, then the Grafana model. */
const dashboard: Check = (artifact) => {
  let value: unknown;
  try {
    value = JSON.parse(artifact.content);
  } catch (error) {
    return [`JSON.parse: ${(error as Error).message}`];
  }
  return tagged('grafana-zod', grafanaErrors(value));
};

/**
 * .env.example: every line a comment, blank, KEY= or KEY=<plain value> (no quotes, spaces or
 * expansions, so `docker compose --env-file` and `kubectl --from-env-file` read it alike); no key
 * twice; a key whose name or [secret] comment says it is a credential has no value.
 */
const envExample: Check = (artifact) => {
  const problems: string[] = [];
  const seen = new Set<string>();
  const all = artifact.content.split('\n');
  for (const [i, line] of all.entries()) {
    if (line === '' || line.startsWith('#')) continue;
    const at = `line ${String(i + 1)}`;
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!match) {
      problems.push(`env: ${at}: not KEY= or KEY=<placeholder>: ${line}`);
      continue;
    }
    const [, key = '', value = ''] = match;
    if (seen.has(key)) problems.push(`env: ${at}: ${key} is set twice`);
    seen.add(key);
    if (!/^[^\s"'`$\\]*$/.test(value)) problems.push(`env: ${at}: ${key}'s placeholder is not a plain value`);
    const secret = SECRET_KEY.test(key) || (all[i - 1] ?? '').startsWith('# [secret]');
    if (secret && value !== '') problems.push(`env: ${at}: ${key} is a credential and holds a value`);
  }
  return problems;
};

/** YAML front matter (between --- lines at the top) must parse, with no duplicate keys, to a mapping. */
function frontMatter(artifact: Artifact, required: boolean): string[] {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(artifact.content);
  if (!match) return required ? ['front-matter: missing (the file starts with YAML between --- lines)'] : [];
  const { docs, errors } = yamlDocuments(match[1] ?? '');
  if (errors.length > 0) return tagged('front-matter', errors);
  const value: unknown = docs[0];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? []
    : ['front-matter: not a mapping'];
}

/** markdownlint-cli2 with the repository's .markdownlint-cli2.jsonc, over every Markdown file at once. */
async function markdown(artifacts: readonly Artifact[], dir: string): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>(artifacts.map((a) => [a.path, []]));
  if (artifacts.length === 0) return found;
  const result = await markdownlint(
    artifacts.map((a) => a.path),
    dir,
  );
  for (const line of lines(`${result.stdout}\n${result.stderr}`)) {
    const match = /^(.+?):(\d+)(?::\d+)? (?:error |warning )?(.*)$/.exec(line);
    const list = match ? found.get(match[1] ?? '') : undefined;
    if (list && match) list.push(`markdownlint: line ${match[2] ?? ''}: ${match[3] ?? ''}`);
  }
  if (result.code !== 0 && [...found.values()].every((list) => list.length === 0))
    throw new Error(
      `markdownlint-cli2 failed without a finding (exit ${String(result.code)}): ${result.stderr}`,
    );
  for (const artifact of artifacts)
    found.get(artifact.path)?.push(...frontMatter(artifact, /(^|\/)model_card\.md$/.test(artifact.path)));
  return found;
}

function familyOf(path: string): Check | 'yaml' | 'markdown' | undefined {
  if (/\.ya?ml$|(^|\/)MLproject$/.test(path)) return 'yaml';
  if (path.endsWith('.md')) return 'markdown';
  if (/(^|\/)dashboard\.json$/.test(path)) return dashboard;
  if (path.endsWith('.py')) return command('py_compile', python, (f) => ['-m', 'py_compile', f]);
  if (path.endsWith('.sh')) return shell;
  if (/(^|\/)\.env\.example$/.test(path)) return envExample;
  return undefined;
}

async function checkYaml(artifact: Artifact, dir: string): Promise<string[]> {
  const { docs, errors } = yamlDocuments(artifact.content);
  if (errors.length > 0) return tagged('yaml', errors);
  const family = YAML_FAMILIES.find(([pattern]) => pattern.test(artifact.path));
  return family ? await family[1](artifact, docs, dir) : noValidator(artifact);
}

/**
 * Every problem of every file, one line each: "path: tool: message". Empty when every file is
 * valid for the tool that owns its format. Throws when a tool is missing.
 */
export async function validateLifecycleFiles(artifacts: readonly Artifact[]): Promise<string[]> {
  const dir = writeAll(artifacts);
  try {
    const markdownFiles = artifacts.filter((a) => familyOf(a.path) === 'markdown');
    const md = await markdown(markdownFiles, dir);
    const problems: string[] = [];
    for (const artifact of artifacts) {
      const family = familyOf(artifact.path);
      const found =
        family === undefined
          ? noValidator(artifact)
          : family === 'markdown'
            ? (md.get(artifact.path) ?? [])
            : family === 'yaml'
              ? await checkYaml(artifact, dir)
              : await family(artifact, [], dir);
      problems.push(...found.map((p) => `${artifact.path}: ${p}`));
    }
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The parsed YAML of a generated file (one document), for tests that read values. */
export const yamlOf = (artifact: Artifact): Obj => parse(artifact.content, { uniqueKeys: true }) as Obj;
