/**
 * Every file `mlops-design lifecycle` writes, for every test plan, validated by the tool that owns
 * its format (test/support/lifecycle-validate.ts): nothing is left unvalidated, since a file of a
 * type the validator does not know is itself a problem. Then each validator family is shown to
 * catch a deliberately broken file, so an empty answer means the files are valid, not that
 * nothing looked; and a missing tool fails rather than skips.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Artifact } from '../../src/output/artifacts.js';
import { planOf } from '../../src/protocols/lifecycle/plan.js';
import type { LifecyclePlan } from '../../src/protocols/lifecycle/plan-types.js';
import { checkLifecycleFiles, renderLifecycle } from '../../src/render/lifecycle/index.js';
import { yamlDocuments, type Obj } from '../support/lifecycle-formats.js';
import { INPUTS, PLANS } from '../support/lifecycle-plans.js';
import { tool, validateLifecycleFiles } from '../support/lifecycle-validate.js';
import { OPS_PLANS } from '../support/ops-plans.js';

const TEMPLATE = readFileSync(new URL('../../templates/mlops_plan.md', import.meta.url), 'utf8');
const render = (plan: LifecyclePlan): Artifact[] => renderLifecycle(TEMPLATE, plan);

/** The managed clouds the examples do not reach, on the SageMaker plan's answers. */
const managed = (cloud: 'azure_ml' | 'databricks'): LifecyclePlan => ({
  ...PLANS.sagemakerOnline,
  stack: cloud,
  serving: { kind: 'managed', cloud },
});

const ALL: [string, LifecyclePlan][] = [
  ...Object.entries(PLANS),
  ...Object.entries(OPS_PLANS).map(([name, plan]): [string, LifecyclePlan] => [`ops ${name}`, plan]),
  ['tier 1 (quick assessment) of fraudKserve', planOf({ ...INPUTS.fraudKserve, tier: 1 })],
  ['tier 2 (production pipeline) of fraudKserve', planOf({ ...INPUTS.fraudKserve, tier: 2 })],
  ['managed azure_ml', managed('azure_ml')],
  ['managed databricks', managed('databricks')],
];

describe('every generated file of every plan validates with the tool that owns its format', () => {
  it('covers both tiers below the full lifecycle', () => {
    expect(ALL.map(([, plan]) => plan.tier.tier)).toEqual(expect.arrayContaining([1, 2, 3]));
  });

  it.each(ALL)(
    '%s',
    async (_name, plan) => {
      const files = render(plan);
      expect(await validateLifecycleFiles(files)).toEqual([]);
      // The product's own check agrees: it would write these files.
      expect(checkLifecycleFiles(files)).toEqual([]);
    },
    180_000,
  );
});

/** Every file any plan generates, by path (the first plan that has it). */
const byPath = new Map<string, Artifact>();
for (const [, plan] of ALL)
  for (const artifact of render(plan)) if (!byPath.has(artifact.path)) byPath.set(artifact.path, artifact);

function generated(path: string): Artifact {
  const found = byPath.get(path);
  if (!found) throw new Error(`no plan generates ${path}`);
  return found;
}

const edit = (path: string, change: (content: string) => string): Artifact => {
  const artifact = generated(path);
  const content = change(artifact.content);
  expect(content, `${path}: the edit changed nothing`).not.toBe(artifact.content);
  return { path, content };
};

/** The file with its first document changed by `change`, written back as YAML. */
const editYaml = (path: string, change: (doc: Obj) => void): Artifact =>
  edit(path, (content) => {
    const { docs } = yamlDocuments(content);
    change(docs[0] as Obj);
    return docs.map((doc) => stringify(doc)).join('---\n');
  });

const at = (doc: Obj, ...keys: string[]): Obj => keys.reduce<Obj>((value, key) => value[key] as Obj, doc);

const RULES = 'mlops/monitoring/alerts.rules.yaml';
const TESTS = 'mlops/monitoring/alerts.test.yaml';

/** [family, the broken files to validate, the problem expected]. */
const BROKEN: [string, () => Artifact[], RegExp][] = [
  [
    'YAML: a duplicate key',
    () => [
      edit('mlops/deploy/serving.yaml', (c) =>
        c.replace('kind: Service\n', 'kind: Service\nkind: Service\n'),
      ),
    ],
    /^mlops\/deploy\/serving\.yaml: yaml: document 2: .*unique/m,
  ],
  [
    'KServe CRD: an unknown field',
    () => [
      editYaml('mlops/deploy/inferenceservice.yaml', (d) => (at(d, 'spec', 'predictor')['minReplica'] = 2)),
    ],
    /^mlops\/deploy\/inferenceservice\.yaml: kserve-crd: document 1 \(InferenceService\): .*minReplica/m,
  ],
  [
    'kubernetes-models: replicas that is not a number',
    () => [editYaml('mlops/tracking/mlflow.yaml', (d) => (at(d, 'spec')['replicas'] = 'two'))],
    /^mlops\/tracking\/mlflow\.yaml: kubernetes-models: document 1 \(Deployment\): .*replicas/m,
  ],
  [
    'Kubernetes: a kind nothing validates',
    () => [editYaml('mlops/tracking/mlflow.yaml', (d) => (d['kind'] = 'Ingress'))],
    /^mlops\/tracking\/mlflow\.yaml: validator: no validator for document 1 \(Ingress\)/m,
  ],
  [
    'compose-spec: a service key compose does not know',
    () => [
      editYaml(
        'mlops/deploy/docker-compose.yaml',
        (d) => (at(d, 'services', 'model')['restart_policy'] = 'always'),
      ),
    ],
    /^mlops\/deploy\/docker-compose\.yaml: compose-spec: .*restart_policy/m,
  ],
  [
    'Argo models: a v3.5 CronWorkflow (schedule, no schedules)',
    () => [
      editYaml('mlops/retraining/cronworkflow.yaml', (d) => {
        const spec = at(d, 'spec');
        spec['schedule'] = '0 3 * * 1';
        delete spec['schedules'];
      }),
    ],
    /^mlops\/retraining\/cronworkflow\.yaml: argo-models: document 1 \(CronWorkflow\): .*schedules/m,
  ],
  [
    'actionlint: a job without runs-on',
    () => [editYaml('.github/workflows/mlops-model-cd.yaml', (d) => delete at(d, 'jobs', 'test')['runs-on'])],
    /^\.github\/workflows\/mlops-model-cd\.yaml: actionlint: .*runs-on/m,
  ],
  [
    'GitLab zod: a job in an undeclared stage',
    () => [
      editYaml('mlops/ci/model-cd.gitlab-ci.yml', (d) => (at(d, 'deploy-production')['stage'] = 'nowhere')),
    ],
    /^mlops\/ci\/model-cd\.gitlab-ci\.yml: gitlab-zod: deploy-production\.stage: nowhere/m,
  ],
  [
    'edge-rollout zod: a first stage at half the fleet',
    () => [
      editYaml(
        'mlops/deploy/edge-rollout.yaml',
        (d) => (d['stages'] = [{ devicesPercent: 50, soakHours: 1 }]),
      ),
    ],
    /^mlops\/deploy\/edge-rollout\.yaml: edge-rollout-zod: stages/m,
  ],
  [
    'registry policy zod: a policy version the product does not write',
    () => [editYaml('mlops/registry/policy.yaml', (d) => (d['version'] = 2))],
    /^mlops\/registry\/policy\.yaml: registry-policy-zod: version: /m,
  ],
  [
    'MLproject zod: a command placeholder that is no parameter',
    () => [
      editYaml(
        'mlops/project/MLproject',
        (d) => (at(d, 'entry_points', 'main')['command'] = 'python train.py {nope}'),
      ),
    ],
    /^mlops\/project\/MLproject: mlproject-zod: entry_points\.main\.command: uses \{nope\}/m,
  ],
  [
    'python_env zod: a Python version that is not 3.x',
    () => [editYaml('mlops/project/python_env.yaml', (d) => (d['python'] = 'three'))],
    /^mlops\/project\/python_env\.yaml: python-env-zod: python: /m,
  ],
  [
    'Azure ML zod: no instances',
    () => [editYaml('mlops/deploy/azure-deployment.yaml', (d) => (d['instance_count'] = 0))],
    /^mlops\/deploy\/azure-deployment\.yaml: azure-ml-zod: instance_count: /m,
  ],
  [
    'promtool check rules: PromQL that does not parse',
    () => [edit(RULES, (c) => c.replace(/expr: (.*)\n/, 'expr: rate($1\n'))],
    /^mlops\/monitoring\/alerts\.rules\.yaml: promtool check rules: /m,
  ],
  [
    'promtool test rules: an expected alert that never fires',
    () => [
      generated(RULES),
      editYaml(TESTS, (d) => {
        const tests = d['tests'] as { alert_rule_test: { alertname: string; exp_alerts: unknown[] }[] }[];
        const firing = tests.flatMap((t) => t.alert_rule_test).find((t) => t.exp_alerts.length > 0);
        if (firing) firing.alertname = 'NoSuchAlert';
      }),
    ],
    /^mlops\/monitoring\/alerts\.test\.yaml: promtool test rules: .*NoSuchAlert/m,
  ],
  [
    'JSON.parse: a truncated dashboard',
    () => [edit('mlops/monitoring/dashboard.json', (c) => c.slice(0, -3))],
    /^mlops\/monitoring\/dashboard\.json: JSON\.parse: /m,
  ],
  [
    'Grafana zod: a schemaVersion from before the classic model settled',
    () => [
      edit('mlops/monitoring/dashboard.json', (c) =>
        c.replace(/"schemaVersion": \d+/, '"schemaVersion": 16'),
      ),
    ],
    /^mlops\/monitoring\/dashboard\.json: grafana-zod: schemaVersion: /m,
  ],
  [
    'py_compile: a syntax error',
    () => [edit('mlops/registry/promote.py', (c) => `${c}\ndef broken(:\n`)],
    /^mlops\/registry\/promote\.py: py_compile: .*SyntaxError/m,
  ],
  [
    'bash -n: an if without then',
    () => [edit('mlops/deploy/release.sh', (c) => `${c}\nif true; fi\n`)],
    /^mlops\/deploy\/release\.sh: bash -n: /m,
  ],
  [
    'shellcheck: an unquoted expansion',
    () => [edit('mlops/deploy/deploy.sh', (c) => `${c}\nls $HOME\n`)],
    /^mlops\/deploy\/deploy\.sh: shellcheck: .*SC2086/m,
  ],
  [
    'markdownlint: a heading without its space',
    () => [edit('mlops/runbook.md', (c) => `${c}\n#Rollback notes\n`)],
    /^mlops\/runbook\.md: markdownlint: line \d+: MD018/m,
  ],
  [
    'markdownlint: the plan document too',
    () => [edit('mlops_plan.md', (c) => `${c}\n\n\n\ntrailing text\n`)],
    /^mlops_plan\.md: markdownlint: line \d+: MD012/m,
  ],
  [
    'front matter: a duplicate key in the model card',
    () => [edit('mlops/model_card.md', (c) => c.replace('\ntitle: ', '\nmodel: again\ntitle: '))],
    /^mlops\/model_card\.md: front-matter: .*unique/m,
  ],
  [
    'front matter: a model card without it',
    () => [edit('mlops/model_card.md', (c) => c.replace(/^---\n[\s\S]*?\n---\n/, ''))],
    /^mlops\/model_card\.md: front-matter: missing/m,
  ],
  [
    '.env.example: a password with a value, a key twice, a line that is not KEY=',
    () => [
      edit(
        'mlops/.env.example',
        (c) => `${c}MLFLOW_ADMIN_PASSWORD=hunter2\nexport MLFLOW_TRACKING_URI=http://x\n`,
      ),
    ],
    /^mlops\/\.env\.example: env: line \d+: MLFLOW_ADMIN_PASSWORD is set twice\n.*MLFLOW_ADMIN_PASSWORD is a credential and holds a value\n.*not KEY= or KEY=<placeholder>: export/m,
  ],
  [
    'YAML that is no Kubernetes object at a path nothing else claims',
    () => [{ path: 'mlops/deploy/extra.yaml', content: '' }],
    /^mlops\/deploy\/extra\.yaml: validator: no validator for mlops\/deploy\/extra\.yaml$/m,
  ],
  [
    'a file of a type nothing validates',
    () => [{ path: 'mlops/notes.txt', content: 'hello\n' }],
    /^mlops\/notes\.txt: validator: no validator for mlops\/notes\.txt$/m,
  ],
];

describe('each validator family catches a broken file', () => {
  it.each(BROKEN)(
    '%s',
    async (_family, files, expected) => {
      expect((await validateLifecycleFiles(files())).join('\n')).toMatch(expected);
    },
    60_000,
  );
});

describe('a missing tool fails, never skips', () => {
  it('promtool off the PATH throws, naming how to install it', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'mlops-path-'));
    symlinkSync(tool('sh', 'apt-get install -y dash'), join(bin, 'sh'));
    const saved = process.env['PATH'];
    process.env['PATH'] = bin;
    try {
      await expect(validateLifecycleFiles([generated(RULES)])).rejects.toThrow(
        /promtool is not installed: apt-get install -y prometheus/,
      );
    } finally {
      process.env['PATH'] = saved;
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
