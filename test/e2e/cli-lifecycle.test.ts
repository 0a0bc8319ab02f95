/**
 * `lifecycle --answers`: the four bundled examples (online fraud scoring on KServe at production,
 * nightly batch scoring for a 3-person team with no stack, an edge computer-vision model, an LLM
 * behind Vertex AI) each write mlops_plan.md and their files under mlops/, deterministically,
 * snapshot-tested; a conflict stops the run before anything is written, naming it; --from carries
 * a design or pipeline session's answers; the CLI behaves as the other sessions do.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import type { Artifact } from '../../src/output/artifacts.js';
import { validateLifecycleFiles } from '../support/lifecycle-validate.js';
import { denyList, secretlint } from '../support/secret-scan.js';
import { ROOT, assertBuilt, runCli, stackFrames, tempDirs, type CliResult } from './support/run-cli.js';

const EXAMPLES = [
  'lifecycle-fraud',
  'lifecycle-churn-batch',
  'lifecycle-edge-vision',
  'lifecycle-llm-vertex',
] as const;
type Example = (typeof EXAMPLES)[number];
const examplePath = (name: string): string => join(ROOT, 'examples', `${name}.yaml`);
const temp = tempDirs('lifecycle');

/** Every file under a folder, relative to it, posix, sorted; the tool's own manifest left out. */
function filesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else found.push(relative(dir, path).split('\\').join('/'));
    }
  };
  walk(dir);
  return found.filter((path) => !path.startsWith('.mlops-design/')).sort();
}

interface Run {
  readonly dir: string;
  readonly out: string;
  readonly first: CliResult;
  readonly second: CliResult;
  readonly json: CliResult;
}
const runs = new Map<Example, Run>();
const runOf = (name: Example): Run => {
  const found = runs.get(name);
  if (!found) throw new Error(`no run for ${name}`);
  return found;
};

beforeAll(async () => {
  assertBuilt();
  await Promise.all(
    EXAMPLES.map(async (name) => {
      const dir = temp.make();
      const out = join(dir, 'out');
      for (const sub of ['first', 'second', 'json']) mkdirSync(join(out, sub), { recursive: true });
      const run = (sub: string, ...extra: string[]): Promise<CliResult> =>
        runCli(['lifecycle', '--answers', examplePath(name), '--out', join(out, sub), ...extra], {
          cwd: dir,
        });
      const [first, second, json] = await Promise.all([run('first'), run('second'), run('json', '--json')]);
      runs.set(name, { dir, out, first, second, json });
    }),
  );
});

afterAll(() => {
  temp.removeAll();
});

/** The files each example writes: the plan, and what its target, stack, platform and tier need. */
const EXPECTED_FILES: Readonly<Record<Example, readonly string[]>> = {
  'lifecycle-fraud': [
    '.github/workflows/mlops-model-cd.yaml',
    'mlops/.env.example',
    'mlops/deploy/inferenceservice.yaml',
    'mlops/deploy/release.sh',
    'mlops/model_card.md',
    'mlops/monitoring/alerts.rules.yaml',
    'mlops/monitoring/alerts.test.yaml',
    'mlops/monitoring/dashboard.json',
    'mlops/project/MLproject',
    'mlops/project/python_env.yaml',
    'mlops/registry/policy.yaml',
    'mlops/registry/promote.py',
    'mlops/retraining/cronworkflow.yaml',
    'mlops/retraining/steps.py',
    'mlops/runbook.md',
    'mlops/tracking/mlflow.yaml',
    'mlops_plan.md',
  ],
  'lifecycle-churn-batch': [
    '.github/workflows/mlops-model-cd.yaml',
    '.github/workflows/mlops-retrain.yaml',
    'mlops/.env.example',
    'mlops/deploy/batch-scoring.yaml',
    'mlops/deploy/release.sh',
    'mlops/monitoring/alerts.rules.yaml',
    'mlops/monitoring/alerts.test.yaml',
    'mlops/monitoring/dashboard.json',
    'mlops/project/MLproject',
    'mlops/project/python_env.yaml',
    'mlops/registry/policy.yaml',
    'mlops/registry/promote.py',
    'mlops/retraining/steps.py',
    'mlops/runbook.md',
    'mlops/tracking/mlflow.yaml',
    'mlops_plan.md',
  ],
  'lifecycle-edge-vision': [
    'mlops/.env.example',
    'mlops/ci/model-cd.gitlab-ci.yml',
    'mlops/ci/retrain.gitlab-ci.yml',
    'mlops/deploy/edge-rollout.yaml',
    'mlops/deploy/export.py',
    'mlops/deploy/release.sh',
    'mlops/model_card.md',
    'mlops/monitoring/alerts.rules.yaml',
    'mlops/monitoring/alerts.test.yaml',
    'mlops/monitoring/dashboard.json',
    'mlops/project/MLproject',
    'mlops/project/python_env.yaml',
    'mlops/registry/policy.yaml',
    'mlops/registry/promote.py',
    'mlops/retraining/steps.py',
    'mlops/runbook.md',
    'mlops/tracking/docker-compose.yaml',
    'mlops_plan.md',
  ],
  'lifecycle-llm-vertex': [
    '.github/workflows/mlops-model-cd.yaml',
    'mlops/.env.example',
    'mlops/deploy/deploy.sh',
    'mlops/deploy/release.sh',
    'mlops/model_card.md',
    'mlops/monitoring/alerts.rules.yaml',
    'mlops/monitoring/alerts.test.yaml',
    'mlops/monitoring/dashboard.json',
    'mlops/project/MLproject',
    'mlops/project/python_env.yaml',
    'mlops/registry/policy.yaml',
    'mlops/registry/promote.py',
    'mlops/retraining/pipeline.py',
    'mlops/retraining/steps.py',
    'mlops/runbook.md',
    'mlops/tracking/docker-compose.yaml',
    'mlops_plan.md',
  ],
};

describe.each(EXAMPLES)('lifecycle --answers examples/%s.yaml', (name) => {
  it('writes the plan and its files, lists each path on stdout and nothing else', () => {
    const { first, out } = runOf(name);
    expect(first.code, first.stderr).toBe(0);
    expect(stackFrames(first.stderr)).toEqual([]);
    const written = filesUnder(join(out, 'first'));
    expect(written).toEqual(EXPECTED_FILES[name]);
    expect(first.stdout.trim().split('\n').sort()).toEqual(
      written.map((path) => join(out, 'first', path)).sort(),
    );
  });

  it('writes the same bytes twice', () => {
    const { out } = runOf(name);
    for (const path of filesUnder(join(out, 'first')))
      expect(readFileSync(join(out, 'second', path), 'utf8'), path).toBe(
        readFileSync(join(out, 'first', path), 'utf8'),
      );
  });

  it(
    'every file passes the tool that owns its format, and holds no secret',
    { timeout: 120_000 },
    async () => {
      const root = join(runOf(name).out, 'first');
      const files: Artifact[] = filesUnder(root).map((path) => ({
        path,
        content: readFileSync(join(root, path), 'utf8'),
      }));
      expect(await validateLifecycleFiles(files)).toEqual([]);
      const secrets: string[] = [];
      for (const file of files) secrets.push(...(await secretlint(file)), ...denyList(file));
      expect(secrets).toEqual([]);
    },
  );

  it('matches its snapshots, file by file', async () => {
    const { out } = runOf(name);
    for (const path of filesUnder(join(out, 'first')))
      await expect(readFileSync(join(out, 'first', path), 'utf8')).toMatchFileSnapshot(
        join('__snapshots__', name, path.replace(/^\./, '_')),
      );
  });

  it('prints one JSON summary with the maturity, the tier, the rules and the files', () => {
    const { json } = runOf(name);
    expect(json.code, json.stderr).toBe(0);
    const summary = JSON.parse(json.stdout) as {
      maturity: { level: number };
      tier: { tier: number };
      rules: { id: string }[];
      files: string[];
    };
    expect([...summary.files].sort()).toEqual(
      EXPECTED_FILES[name].filter((path) => path !== 'mlops_plan.md'),
    );
    expect(summary.rules.map((rule) => rule.id)).toContain('rollback-procedure');
  });
});

describe('what each example decided', () => {
  const plan = (name: Example): string =>
    readFileSync(join(runOf(name).out, 'first', 'mlops_plan.md'), 'utf8');

  it('fraud: regulated, so tier 3 at any team size, KServe in Standard mode with a spec.canary rollout', () => {
    const text = plan('lifecycle-fraud');
    expect(text).toContain(
      'Tier 3, full lifecycle (the recommended tier): a regulated model needs governance',
    );
    expect(text).toContain('| `autoscale-and-cache` | rps > 1000 |');
    expect(text).toContain('| `privacy-checks` | regulated industry |');
    const isvc = readFileSync(
      join(runOf('lifecycle-fraud').out, 'first', 'mlops/deploy/inferenceservice.yaml'),
      'utf8',
    );
    expect(isvc).toContain('serving.kserve.io/deploymentMode: Standard');
    expect(isvc).not.toContain('canaryTrafficPercent');
    expect(isvc).toContain('scaleMetric: cpu');
  });

  it('churn: a team of 3 is capped at tier 2 on MLflow, retrains from GitHub Actions, and has no model card at staging', () => {
    const text = plan('lifecycle-churn-batch');
    expect(text).toContain('Tier 2, production pipeline (the recommended tier): a team of 3 (under 5)');
    expect(text).toContain('| `small-team-mlflow` | team < 5 |');
    expect(text).toContain('| `batch-acceptable` |');
    expect(text).not.toContain('model_card.md');
    expect(runOf('lifecycle-churn-batch').first.stderr).toContain(
      'Read as: By hand, when someone notices (manual)',
    );
  });

  it('edge: under 50 ms is the edge band, exported to ONNX and shipped to devices in stages', () => {
    const text = plan('lifecycle-edge-vision');
    expect(text).toContain('| `edge-or-optimise` | latency < 50 ms |');
    expect(text).toContain('Exported to onnx');
    expect(text).toContain('Rollout: staged to devices, 1% -> 10% -> 50% -> 100% of the fleet');
  });

  it('LLM: 8B parameters read as 16 GB, a GPU per replica, the large-model rule, Vertex pipelines and registry', () => {
    const { first } = runOf('lifecycle-llm-vertex');
    expect(first.stderr).toContain('Read as: 8,000,000,000 parameters x 2 bytes (fp16) = 16 GB');
    const text = plan('lifecycle-llm-vertex');
    expect(text).toContain('| `large-model` | model > 1 GB |');
    expect(text).toContain('and 1 GPU');
    expect(text).toContain('Vertex AI Model Registry holds only the serving copy deploy.sh uploads');
    expect(text).toContain('Kubeflow Pipelines v2');
    // 20/s with 50% headroom over a measured 3/s per replica: 10 replicas, under the cap of 16.
    expect(text).toContain(
      'Replicas: 2 to 10, from the peak of 20/s with 50% headroom over 3/s per replica (measured)',
    );
  });
});

describe('conflicts stop the run before any file is written, naming the conflict and the question', () => {
  let dir = '';
  beforeAll(() => {
    dir = temp.make();
  });

  const edited = (edit: Readonly<Record<string, string>>, file: string): string => {
    const parsed = parseYaml(readFileSync(examplePath('lifecycle-fraud'), 'utf8')) as {
      answers: Record<string, string>;
    };
    Object.assign(parsed.answers, edit);
    const path = join(dir, file);
    writeFileSync(path, stringify(parsed));
    return path;
  };

  it.each([
    [
      'a Keras model on TorchServe',
      { 'lifecycle.framework': 'keras', 'lifecycle.server': 'torchserve' },
      'lifecycle.server: the plan stops here: a tensorflow model cannot be served by torchserve',
    ],
    [
      'a replica cap short of the peak',
      { 'lifecycle.max-replicas': '9', 'lifecycle.replica-rps': '200/s' },
      'lifecycle.max-replicas: the plan stops here: 9 replicas at 200 requests a second serve 1800, short of 2000',
    ],
    [
      'explanations mandated for a generative model',
      {
        'lifecycle.model-type': 'generative',
        'lifecycle.framework': 'huggingface',
        'lifecycle.explainability': 'yes',
      },
      'lifecycle.explainability: the plan stops here: an explainability mandate',
    ],
    [
      'an edge target with no export path',
      { 'lifecycle.deployment-target': 'edge', 'lifecycle.framework': 'custom' },
      'lifecycle.framework: the plan stops here: an edge target with a custom model',
    ],
  ])('%s: exit 65, nothing written', async (_name, edit, message) => {
    const out = join(dir, `out-${String(Object.keys(edit).length)}-${String(Math.abs(message.length))}`);
    mkdirSync(out, { recursive: true });
    const result = await runCli(
      ['lifecycle', '--answers', edited(edit, `${String(message.length)}.yaml`), '--out', out, '--no-save'],
      { cwd: dir },
    );
    expect(result.code, result.stderr).toBe(65);
    expect(result.stderr).toContain(message);
    expect(stackFrames(result.stderr)).toEqual([]);
    expect(readdirSync(out)).toEqual([]);
  });

  it('an answers file that gives none of the four scale answers exits 65 naming them', async () => {
    const path = edited(
      {
        'lifecycle.rps': 'not stated',
        'lifecycle.latency': 'not stated',
        'lifecycle.data-volume': 'not stated',
      },
      'no-scale.yaml',
    );
    const result = await runCli(['validate', path], { cwd: dir });
    expect(result.code).toBe(65);
    expect(result.stderr).toContain(
      'give at least one of lifecycle.rps, lifecycle.latency, lifecycle.data-volume, lifecycle.concurrent-users',
    );
  });
});

describe('a hostile title reaches every file as text, never as code or markup', () => {
  // Quotes that close a Python docstring or a YAML scalar, shell expansions, markdown, a comment mark.
  const TITLE = String.raw`Fraud """v2""" ${'`'}id${'`'} $(rm -rf ~) ${'$'}{HOME} *bold* <b>x</b> #7 \ 'q'`;

  it.each(EXAMPLES)(
    '%s: every file still passes its tool, and nothing in the title runs',
    { timeout: 120_000 },
    async (name) => {
      const dir = temp.make();
      const parsed = parseYaml(readFileSync(examplePath(name), 'utf8')) as Record<string, unknown>;
      const answers = join(dir, 'hostile.yaml');
      writeFileSync(answers, stringify({ ...parsed, title: TITLE }));
      const out = join(dir, 'out');
      mkdirSync(out);
      const result = await runCli(['lifecycle', '--answers', answers, '--out', out, '--no-save'], {
        cwd: dir,
      });
      expect(result.code, result.stderr).toBe(0);
      const files: Artifact[] = filesUnder(out).map((path) => ({
        path,
        content: readFileSync(join(out, path), 'utf8'),
      }));
      expect(await validateLifecycleFiles(files)).toEqual([]);
      // Resources are named from the title's letters and digits only.
      expect(readFileSync(join(out, 'mlops/registry/policy.yaml'), 'utf8')).toContain(
        'registered_model: fraud-v2-id-rm-rf-home-bold-b-x-b-7-q-production',
      );
      expect(existsSync(join(dir, '~'))).toBe(false);
    },
  );
});

describe('the lifecycle command behaves as the other sessions do', () => {
  let dir = '';
  beforeAll(() => {
    dir = temp.make();
  });

  it('validate prints the plan of a lifecycle answers file', async () => {
    const result = await runCli(['validate', examplePath('lifecycle-fraud')], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/lifecycle\.assessment\s+computed from the answers/);
    expect(result.stdout.trim().split('\n').at(-1)).toBe('valid');
  });

  it("questions --command lifecycle lists the issue's ids in order, with the optional defaults", async () => {
    const result = await runCli(['questions', '--command', 'lifecycle', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const { questions } = JSON.parse(result.stdout) as { questions: { id: string; default?: string }[] };
    const ids = questions.map((question) => question.id);
    for (const id of [
      'lifecycle.model-type',
      'lifecycle.deployment-target',
      'lifecycle.rps',
      'lifecycle.latency',
      'lifecycle.data-volume',
      'lifecycle.concurrent-users',
      'lifecycle.governance',
      'lifecycle.stack',
      'lifecycle.platform',
      'lifecycle.team',
      'lifecycle.framework',
      'lifecycle.model-size',
      'lifecycle.regulated',
      'lifecycle.ci',
      'lifecycle.training',
      'lifecycle.deployment',
      'lifecycle.retraining',
      'lifecycle.tier',
    ])
      expect(ids).toContain(id);
    expect(questions.find((question) => question.id === 'lifecycle.kserve-mode')?.default).toBe('standard');
  });

  it('a file silent on the tier fails naming it, and takes the recommended tier with --accept-recommended', async () => {
    const parsed = parseYaml(readFileSync(examplePath('lifecycle-churn-batch'), 'utf8')) as {
      answers: Record<string, string>;
    };
    parsed.answers = Object.fromEntries(
      Object.entries(parsed.answers).filter(([id]) => id !== 'lifecycle.tier'),
    );
    const answers = join(dir, 'no-tier.yaml');
    writeFileSync(answers, stringify(parsed));
    const out = join(dir, 'no-tier');
    mkdirSync(out, { recursive: true });
    const strict = await runCli(['lifecycle', '--answers', answers, '--out', out, '--no-save'], { cwd: dir });
    expect(strict.code).toBe(65);
    expect(strict.stderr).toContain('lifecycle.tier');
    expect(readdirSync(out)).toEqual([]);
    const accepted = await runCli(
      ['lifecycle', '--answers', answers, '--out', out, '--no-save', '--accept-recommended'],
      { cwd: dir },
    );
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stderr).toContain('Tier 2: production pipeline');
    expect(readFileSync(join(out, 'mlops_plan.md'), 'utf8')).toContain(
      'Tier 2, production pipeline (the recommended tier)',
    );
  });

  it('a saved lifecycle session is listed by sessions, with its command', async () => {
    const out = join(dir, 'saved');
    mkdirSync(out, { recursive: true });
    const run = await runCli(['lifecycle', '--answers', examplePath('lifecycle-edge-vision'), '--out', out], {
      cwd: dir,
    });
    expect(run.code, run.stderr).toBe(0);
    const listed = await runCli(['sessions', '--json'], { cwd: dir });
    const { sessions } = JSON.parse(listed.stdout) as {
      sessions: { command: string; title: string; finished: boolean }[];
    };
    expect(sessions).toContainEqual(
      expect.objectContaining({ command: 'lifecycle', title: 'Shelf gap detector', finished: true }),
    );
  });

  it('refuses an existing plan without --force (73) and writes nothing', async () => {
    const out = join(dir, 'exists');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'mlops_plan.md'), 'mine\n');
    const result = await runCli(
      ['lifecycle', '--answers', examplePath('lifecycle-churn-batch'), '--out', out, '--no-save'],
      { cwd: dir },
    );
    expect(result.code).toBe(73);
    expect(readFileSync(join(out, 'mlops_plan.md'), 'utf8')).toBe('mine\n');
    expect(readdirSync(out)).toEqual(['mlops_plan.md']);
  });
});

describe('--from SESSION carries what a design or pipeline session knows', () => {
  let dir = '';
  beforeAll(() => {
    dir = temp.make();
  });

  /** The lifecycle answers without what --from carries: latency, model size, team. */
  const lean = (): string => {
    const parsed = parseYaml(readFileSync(examplePath('lifecycle-fraud'), 'utf8')) as {
      answers: Record<string, string>;
    };
    const carried = new Set([
      'lifecycle.latency',
      'lifecycle.model-size',
      'lifecycle.team',
      'lifecycle.availability',
      'lifecycle.deployment-target',
    ]);
    parsed.answers = Object.fromEntries(Object.entries(parsed.answers).filter(([id]) => !carried.has(id)));
    const path = join(dir, 'lean.yaml');
    writeFileSync(path, stringify(parsed));
    return path;
  };

  it('from a finished design session: its latency, model size, team and availability become the answers a file leaves out', async () => {
    const design = join(dir, 'design-out');
    mkdirSync(design, { recursive: true });
    const designRun = await runCli(['design', '--answers', examplePath('fraud-scoring'), '--out', design], {
      cwd: dir,
    });
    expect(designRun.code, designRun.stderr).toBe(0);
    const id = /Session (\S+)/.exec(designRun.stderr)?.[1] ?? '';
    expect(id).not.toBe('');
    const out = join(dir, 'from-design');
    mkdirSync(out, { recursive: true });
    const result = await runCli(['lifecycle', '--from', id, '--answers', lean(), '--out', out, '--no-save'], {
      cwd: dir,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      `Carried from session ${id} as defaults: lifecycle.latency = "P50 20ms, P99 100ms"`,
    );
    expect(result.stderr).toContain('lifecycle.team = "8 engineers"');
    const plan = readFileSync(join(out, 'mlops_plan.md'), 'utf8');
    expect(plan).toContain('a p95 target of 100 ms');
    expect(plan).toContain('a team of 8');
  });

  it('from a pipeline session: its team, platform and batch target', async () => {
    const pipeline = join(dir, 'pipeline-out');
    mkdirSync(pipeline, { recursive: true });
    const pipelineRun = await runCli(
      ['pipeline', '--answers', examplePath('pipeline-churn'), '--out', pipeline],
      { cwd: dir },
    );
    expect(pipelineRun.code, pipelineRun.stderr).toBe(0);
    const id = /Session (\S+)/.exec(pipelineRun.stderr)?.[1] ?? '';
    const parsed = parseYaml(readFileSync(examplePath('lifecycle-churn-batch'), 'utf8')) as {
      answers: Record<string, string>;
    };
    const carried = new Set(['lifecycle.team', 'lifecycle.platform', 'lifecycle.deployment-target']);
    parsed.answers = Object.fromEntries(Object.entries(parsed.answers).filter(([key]) => !carried.has(key)));
    const answers = join(dir, 'lean-churn.yaml');
    writeFileSync(answers, stringify(parsed));
    const out = join(dir, 'from-pipeline');
    mkdirSync(out, { recursive: true });
    const result = await runCli(
      ['lifecycle', '--from', id, '--answers', answers, '--out', out, '--no-save'],
      {
        cwd: dir,
      },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      `Carried from session ${id} as defaults: lifecycle.team = "2"; lifecycle.platform = "Kubernetes, run by the platform team"; lifecycle.deployment-target = "batch".`,
    );
    expect(readFileSync(join(out, 'mlops_plan.md'), 'utf8')).toContain(
      'batch target, staging governance, on kubernetes',
    );
  });

  it('an id that is not one is 64, a session that does not exist 66, an interview session 64', async () => {
    const out = join(dir, 'bad');
    mkdirSync(out, { recursive: true });
    const bad = await runCli(['lifecycle', '--from', '../etc/passwd', '--answers', lean(), '--out', out], {
      cwd: dir,
    });
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('--from: "../etc/passwd" is not a session id');
    const missing = await runCli(
      ['lifecycle', '--from', '20990101-000000-zzzz', '--answers', lean(), '--out', out],
      { cwd: dir },
    );
    expect(missing.code).toBe(66);
    expect(missing.stderr).toContain('no saved session 20990101-000000-zzzz');
    expect(readdirSync(out)).toEqual([]);
    const interviewDir = join(dir, 'interview-out');
    mkdirSync(interviewDir, { recursive: true });
    const interview = await runCli(
      ['interview', '--answers', examplePath('interview-strong'), '--out', interviewDir],
      { cwd: dir },
    );
    const interviewId = /Session (\S+)/.exec(interview.stderr)?.[1] ?? '';
    expect(interviewId).not.toBe('');
    const wrongKind = await runCli(['lifecycle', '--from', interviewId, '--answers', lean(), '--out', out], {
      cwd: dir,
    });
    expect(wrongKind.code).toBe(64);
    expect(wrongKind.stderr).toContain(
      `--from: session ${interviewId} is an interview session; give a design or pipeline session`,
    );
  });
});
