/**
 * The monitoring files: Prometheus alert rules, their promtool unit tests and a Grafana dashboard,
 * all rendered from one list of alert specifications so that a rule, its tests and the panel that
 * shows it cannot drift apart. Thresholds come from plan.monitoring (rules.ts THRESHOLDS by
 * default); metric names are the contract the model server and the monitoring jobs export
 * (EXPORTED_METRICS).
 */
import { formatPercent } from '../../estimation/index.js';
import type { Artifact } from '../../output/artifacts.js';
import { jsonArtifact } from '../../output/artifacts.js';
import type { LifecyclePlan } from '../../protocols/lifecycle/plan-types.js';
import { commentedYaml } from './yaml-doc.js';

export const ALERT_RULES_PATH = 'mlops/monitoring/alerts.rules.yaml';
export const ALERT_TESTS_PATH = 'mlops/monitoring/alerts.test.yaml';
export const DASHBOARD_PATH = 'mlops/monitoring/dashboard.json';
/** The runbook every alert links to (relative to --out); its sections are the alert names. */
export const OPS_RUNBOOK_PATH = 'mlops/runbook.md';
/** A classic-model dashboard at the schema Grafana 12 writes; newer Grafanas migrate it on load. */
const GRAFANA_SCHEMA_VERSION = 41;

/**
 * Metrics the generated files read but do not record: what the model server, the drift and
 * evaluation jobs, the batch job and kube-state-metrics export. Histograms are listed by their
 * series names (_bucket, _count, _sum).
 */
export const EXPORTED_METRICS: readonly string[] = [
  'model_requests_total',
  'model_request_duration_seconds_bucket',
  'model_request_duration_seconds_count',
  'model_request_duration_seconds_sum',
  'model_feature_psi',
  'model_quality',
  'model_quality_baseline',
  'model_batch_last_success_timestamp_seconds',
  'kube_deployment_status_replicas_available',
  'ALERTS',
];

/** The SLO window the burn rates are computed for. */
const SLO_DAYS = 30;

/** The multi-window, multi-burn-rate pairs for a 30-day SLO (Google SRE workbook, chapter 5). */
const BURN_RATES = [
  {
    name: 'ModelErrorBudgetBurnFast',
    rate: 14.4,
    long: '1h',
    short: '5m',
    severity: 'critical',
    action: 'page',
    budget: '2%',
  },
  {
    name: 'ModelErrorBudgetBurnSlow',
    rate: 6,
    long: '6h',
    short: '30m',
    severity: 'critical',
    action: 'page',
    budget: '5%',
  },
  {
    name: 'ModelErrorBudgetBurnTicket',
    rate: 1,
    long: '3d',
    short: '6h',
    severity: 'warning',
    action: 'ticket',
    budget: '10%',
  },
] as const;

const ERROR_WINDOWS = ['5m', '30m', '1h', '6h', '3d'] as const;

type Labels = Readonly<Record<string, string>>;

interface Series {
  readonly series: string;
  readonly values: string;
}

/** A scenario for promtool: input series, the time to evaluate at, and the alert labels expected. */
interface Scenario {
  readonly interval: string;
  readonly series: readonly Series[];
  readonly at: string;
  /** The alert's labels beyond its own (from the expression), or undefined when it must not fire. */
  readonly fires?: Labels;
  readonly why: string;
}

interface AlertSpec {
  readonly group: string;
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: Labels;
  readonly summary: string;
  readonly description: string;
  readonly scenarios: readonly Scenario[];
}

interface Recording {
  readonly group: string;
  readonly record: string;
  readonly expr: string;
}

/** A number as PromQL and promtool read it, without binary floating-point noise (0.1 * 3). */
export function num(value: number): string {
  return String(Number(value.toPrecision(12)));
}

function selector(labels: Labels): string {
  const inner = Object.entries(labels)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .join(', ');
  return `{${inner}}`;
}

/** Minutes as a Prometheus duration. */
function minutes(count: number): string {
  return `${num(count)}m`;
}

/** A counter rising by `step` a sample for `count` samples after `from`. */
function counter(from: number, step: number, count: number): string {
  return `${num(from)}+${num(step)}x${String(count)}`;
}

function hasOnlineServing(plan: LifecyclePlan): boolean {
  return plan.serving.kind !== 'none' && plan.serving.kind !== 'edge';
}

/**
 * The longest gap between two runs of a five-field cron schedule, in seconds, read conservatively:
 * a day-of-month or month restriction is a month, a weekday restriction a week, a fixed hour (or
 * list of hours) a day, "*\/n" on hours n hours, an every-hour schedule an hour, "*\/n" minutes n
 * minutes. A freshness alert built on it never fires between two on-time runs.
 */
export function cronIntervalSeconds(schedule: string): number {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`"${schedule}" is not a five-field cron schedule`);
  const [minute = '*', hour = '*', dayOfMonth = '*', month = '*', dayOfWeek = '*'] = fields;
  if (dayOfMonth !== '*' || month !== '*') return 31 * 86_400;
  if (dayOfWeek !== '*') return 7 * 86_400;
  const everyHours = /^\*\/(\d+)$/.exec(hour);
  if (everyHours?.[1] !== undefined) return Number(everyHours[1]) * 3_600;
  if (hour !== '*') return 86_400;
  const everyMinutes = /^\*\/(\d+)$/.exec(minute);
  if (everyMinutes?.[1] !== undefined) return Number(everyMinutes[1]) * 60;
  if (minute === '*') return 60;
  return 3_600;
}

function humanSeconds(seconds: number): string {
  if (seconds % 86_400 === 0) return `${num(seconds / 86_400)} day(s)`;
  if (seconds % 3_600 === 0) return `${num(seconds / 3_600)} hour(s)`;
  return `${num(seconds / 60)} minute(s)`;
}

function recordingRules(plan: LifecyclePlan): Recording[] {
  const model = selector({ model: plan.name });
  const errors = selector({ model: plan.name, code: '5..' }).replace('code="5.."', 'code=~"5.."');
  const ratios = ERROR_WINDOWS.map((window) => ({
    group: 'model-slo-recording',
    record: `model:request_errors:ratio_rate${window}`,
    expr: `sum by (model) (rate(model_requests_total${errors}[${window}])) / sum by (model) (rate(model_requests_total${model}[${window}]))`,
  }));
  return [
    ...ratios,
    {
      group: 'model-slo-recording',
      record: 'model:request_latency_seconds:p95_rate5m',
      expr: `histogram_quantile(0.95, sum by (model, le) (rate(model_request_duration_seconds_bucket${model}[5m])))`,
    },
  ];
}

/** Requests and errors a minute for a constant error ratio, as promtool series. */
function trafficSeries(model: string, ratio: number, samples: number): Series[] {
  const requestsPerMinute = 1_000;
  return [
    {
      series: `model_requests_total{model="${model}", code="200"}`,
      values: counter(0, requestsPerMinute * (1 - ratio), samples),
    },
    {
      series: `model_requests_total{model="${model}", code="500"}`,
      values: counter(0, requestsPerMinute * ratio, samples),
    },
  ];
}

/** A burn at `ratio` for `high` minutes that then stops, for `clean` more minutes of clean traffic. */
function stoppedBurnSeries(model: string, ratio: number, high: number, clean: number): Series[] {
  const perMinute = 1_000;
  const errors = perMinute * ratio;
  return [
    {
      series: `model_requests_total{model="${model}", code="200"}`,
      values: `${counter(0, perMinute - errors, high)} ${counter((perMinute - errors) * high + perMinute, perMinute, clean)}`,
    },
    {
      series: `model_requests_total{model="${model}", code="500"}`,
      values: `${counter(0, errors, high)} ${counter(errors * high, 0, clean)}`,
    },
  ];
}

function durationMinutes(duration: string): number {
  const match = /^(\d+)([mhd])$/.exec(duration);
  if (!match) throw new Error(`unexpected duration ${duration}`);
  const unit = match[2] === 'd' ? 1_440 : match[2] === 'h' ? 60 : 1;
  return Number(match[1]) * unit;
}

function servingAlerts(plan: LifecyclePlan): AlertSpec[] {
  const m = plan.monitoring;
  const model = plan.name;
  const budget = 1 - m.availability;
  const slo = `${formatPercent(m.availability)} availability over ${String(SLO_DAYS)} days`;
  const own = { model };
  const alerts: AlertSpec[] = BURN_RATES.map((burn) => {
    const threshold = burn.rate * budget;
    // The tests hold the error ratio constant, so every window reads the same ratio once it has
    // data: evaluating after the long window (1h, 6h) shows both windows agreeing. For the 3-day
    // ticket, evaluating after its 6-hour short window proves the same and keeps promtool's run
    // to seconds rather than 4,000 evaluations.
    const evalMinutes =
      durationMinutes(burn.long) >= 1_440 ? durationMinutes(burn.short) : durationMinutes(burn.long);
    const interval = '1m';
    const samples = evalMinutes + 30;
    const at = minutes(evalMinutes + 20);
    return {
      group: 'model-slo',
      alert: burn.name,
      expr: `model:request_errors:ratio_rate${burn.long}${selector(own)} > ${num(threshold)} and model:request_errors:ratio_rate${burn.short}${selector(own)} > ${num(threshold)}`,
      labels: { severity: burn.severity, action: burn.action, slo: 'availability' },
      summary: `${model} is spending its error budget ${num(burn.rate)}x too fast`,
      description: `The 5xx ratio has been over ${num(burn.rate)}x the error budget (over ${formatPercent(threshold)} of requests failing against a ${slo}) for both the last ${burn.long} and the last ${burn.short}: at this pace ${burn.budget} of the ${String(SLO_DAYS)}-day budget is gone within ${burn.long}.`,
      scenarios: [
        {
          interval,
          series: trafficSeries(model, Math.min(threshold * 1.25, 1), samples),
          at,
          fires: own,
          why: `errors at 1.25x the ${num(burn.rate)}x burn threshold over ${burn.long}`,
        },
        {
          interval,
          series: trafficSeries(model, threshold * 0.8, samples),
          at,
          why: `near miss: errors at 0.8x the ${num(burn.rate)}x burn threshold`,
        },
        ...(evalMinutes === durationMinutes(burn.long)
          ? [
              {
                interval,
                // Twice the threshold until short + 20 minutes before the evaluation: the long
                // window is still over, the short one is clean, and nobody is paged for a burn
                // that has stopped.
                series: stoppedBurnSeries(
                  model,
                  Math.min(threshold * 2, 1),
                  evalMinutes - durationMinutes(burn.short),
                  durationMinutes(burn.short) + 30,
                ),
                at,
                why: `near miss: the burn stopped, ${burn.long} window over, ${burn.short} window clean`,
              },
            ]
          : []),
      ],
    };
  });

  const thresholdSeconds = (m.latency.factor * (m.latencyTargetMs ?? plan.latencyMs ?? 100)) / 1_000;
  const targetMs = num((thresholdSeconds * 1_000) / m.latency.factor);
  // Fast requests fall under half the threshold, slow ones between 1x and 4x of it; switching at
  // minute 30 makes the p95 cross the threshold at minute 31, so the alert's `for` is exact.
  const le = [thresholdSeconds / 2, thresholdSeconds, thresholdSeconds * 4];
  const bucket = (bound: string): string =>
    `model_request_duration_seconds_bucket{model="${model}", le="${bound}"}`;
  const latencySeries: Series[] = [
    { series: bucket(num(le[0] ?? 0)), values: `${counter(0, 100, 30)} ${counter(3_000, 0, 30)}` },
    { series: bucket(num(le[1] ?? 0)), values: `${counter(0, 100, 30)} ${counter(3_000, 0, 30)}` },
    { series: bucket(num(le[2] ?? 0)), values: `${counter(0, 100, 30)} ${counter(3_100, 100, 30)}` },
    { series: bucket('+Inf'), values: `${counter(0, 100, 30)} ${counter(3_100, 100, 30)}` },
  ];
  alerts.push({
    group: 'model-serving',
    alert: 'ModelLatencyP95High',
    expr: `model:request_latency_seconds:p95_rate5m${selector(own)} > ${num(thresholdSeconds)}`,
    for: minutes(m.latency.minutes),
    labels: { severity: 'warning', action: 'alert' },
    summary: `${model} p95 latency is over ${num(m.latency.factor)}x its target`,
    description: `The p95 latency has stayed over ${num(thresholdSeconds * 1_000)} ms (${num(m.latency.factor)}x the ${targetMs} ms target) for ${num(m.latency.minutes)} minutes.`,
    scenarios: [
      {
        interval: '1m',
        series: latencySeries,
        at: minutes(31 + m.latency.minutes + 1),
        fires: own,
        why: `p95 over the threshold for ${num(m.latency.minutes + 1)} minutes`,
      },
      {
        interval: '1m',
        series: latencySeries,
        at: minutes(31 + m.latency.minutes - 1),
        why: `near miss: p95 over the threshold for only ${num(m.latency.minutes - 1)} minutes`,
      },
    ],
  });

  const errorAlert = (
    alert: string,
    threshold: number,
    severity: string,
    action: string,
    what: string,
  ): AlertSpec => ({
    group: 'model-serving',
    alert,
    expr: `model:request_errors:ratio_rate5m${selector(own)} > ${num(threshold)}`,
    for: '5m',
    labels: { severity, action },
    summary: `${model} is failing over ${formatPercent(threshold)} of requests`,
    description: `More than ${formatPercent(threshold)} of requests have returned a 5xx for 5 minutes: ${what}`,
    scenarios: [
      {
        interval: '1m',
        series: trafficSeries(model, threshold * 1.2, 30),
        at: '20m',
        fires: own,
        why: `errors at ${formatPercent(threshold * 1.2)}`,
      },
      {
        interval: '1m',
        series: trafficSeries(model, threshold * 0.8, 30),
        at: '20m',
        why: `near miss: errors at ${formatPercent(threshold * 0.8)}`,
      },
    ],
  });
  alerts.push(
    errorAlert(
      'ModelErrorRateHigh',
      m.errorRate.alert,
      'warning',
      'alert',
      'look at the last deployment and the model server logs.',
    ),
    errorAlert(
      'ModelErrorRateCritical',
      m.errorRate.page,
      'critical',
      'page',
      'page the on-call engineer; roll back if a release is in progress.',
    ),
  );
  return alerts;
}

function driftAlerts(plan: LifecyclePlan): AlertSpec[] {
  const psi = plan.monitoring.psi;
  const model = plan.name;
  const gauge = (value: number): Series[] => [
    { series: `model_feature_psi{model="${model}", feature="amount"}`, values: `${num(value)}x30` },
  ];
  const fired = { model, feature: 'amount' };
  const band = (
    alert: string,
    expr: string,
    severity: string,
    action: string,
    summary: string,
    description: string,
    hit: number,
    miss: number,
  ): AlertSpec => ({
    group: 'model-drift',
    alert,
    expr,
    labels: { severity, action },
    summary,
    description,
    scenarios: [
      { interval: '1m', series: gauge(hit), at: '10m', fires: fired, why: `PSI ${num(hit)}` },
      { interval: '1m', series: gauge(miss), at: '10m', why: `near miss: PSI ${num(miss)}` },
    ],
  });
  const metric = `model_feature_psi${selector({ model })}`;
  return [
    band(
      'ModelFeatureDriftMonitor',
      `${metric} >= ${num(psi.monitor)} and ${metric} <= ${num(psi.investigate)}`,
      'info',
      'monitor',
      `{{ $labels.feature }} has started to drift for ${model}`,
      `The population stability index of {{ $labels.feature }} is between ${num(psi.monitor)} and ${num(psi.investigate)}: a moderate shift. Keep watching; nothing to do yet.`,
      (psi.monitor + psi.investigate) / 2,
      psi.monitor - 0.01,
    ),
    band(
      'ModelFeatureDriftInvestigate',
      `${metric} > ${num(psi.investigate)} and ${metric} <= ${num(psi.retrain)}`,
      'warning',
      'investigate',
      `{{ $labels.feature }} has drifted for ${model}: investigate`,
      `The population stability index of {{ $labels.feature }} is over ${num(psi.investigate)} (and at most ${num(psi.retrain)}): find out whether the upstream data changed or the population did.`,
      psi.investigate + 0.01,
      psi.investigate - 0.01,
    ),
    band(
      'ModelFeatureDriftRetrain',
      `${metric} > ${num(psi.retrain)}`,
      'warning',
      'retrain',
      `{{ $labels.feature }} has drifted past the retraining threshold for ${model}`,
      `The population stability index of {{ $labels.feature }} is over ${num(psi.retrain)}: the model was trained on a different population. Alertmanager routes action=retrain to the retraining trigger.`,
      psi.retrain + 0.01,
      psi.retrain - 0.01,
    ),
  ];
}

function qualityAlerts(plan: LifecyclePlan): AlertSpec[] {
  const m = plan.monitoring;
  const model = plan.name;
  const labels = { model, metric: m.qualityMetric };
  const current = `model_quality${selector(labels)}`;
  const baseline = `model_quality_baseline${selector(labels)}`;
  // The drop is relative to the champion's validation score; its sign depends on the metric.
  const drop = m.lowerIsBetter
    ? `(${current} - ${baseline}) / ${baseline}`
    : `(${baseline} - ${current}) / ${baseline}`;
  const baselineValue = m.lowerIsBetter ? 10 : 0.9;
  const worse = (fraction: number): number =>
    m.lowerIsBetter ? baselineValue * (1 + fraction) : baselineValue * (1 - fraction);
  const series = (fraction: number): Series[] => [
    {
      series: `model_quality{model="${model}", metric="${m.qualityMetric}"}`,
      values: `${num(worse(fraction))}x30`,
    },
    {
      series: `model_quality_baseline{model="${model}", metric="${m.qualityMetric}"}`,
      values: `${num(baselineValue)}x30`,
    },
  ];
  const direction = m.lowerIsBetter ? 'risen' : 'fallen';
  const spec = (
    alert: string,
    expr: string,
    severity: string,
    action: string,
    threshold: number,
    todo: string,
  ): AlertSpec => ({
    group: 'model-quality',
    alert,
    expr,
    labels: { severity, action },
    summary: `${model} ${m.qualityMetric} has ${direction} over ${formatPercent(threshold)} from its baseline`,
    description: `The ${m.qualityMetric} on labelled production data has ${direction} more than ${formatPercent(threshold)} relative to the champion's validation ${m.qualityMetric} (${m.lowerIsBetter ? 'lower' : 'higher'} is better): ${todo}`,
    scenarios: [
      {
        interval: '1m',
        series: series(threshold + 0.01),
        at: '10m',
        fires: labels,
        why: `a ${formatPercent(threshold + 0.01)} drop`,
      },
      {
        interval: '1m',
        series: series(threshold - 0.01),
        at: '10m',
        why: `near miss: a ${formatPercent(threshold - 0.01)} drop`,
      },
    ],
  });
  return [
    spec(
      'ModelQualityDegraded',
      `${drop} > ${num(m.accuracyDrop.investigate)} and ${drop} <= ${num(m.accuracyDrop.retrain)}`,
      'warning',
      'investigate',
      m.accuracyDrop.investigate,
      'investigate the slices that lost most before deciding to retrain.',
    ),
    spec(
      'ModelQualityRetrain',
      `${drop} > ${num(m.accuracyDrop.retrain)}`,
      'critical',
      'retrain',
      m.accuracyDrop.retrain,
      'retrain now; Alertmanager routes action=retrain to the retraining trigger.',
    ),
  ];
}

function batchAlerts(plan: LifecyclePlan): AlertSpec[] {
  if (plan.batch === undefined) return [];
  const model = plan.name;
  const interval = cronIntervalSeconds(plan.batch.schedule);
  // A run may take up to a quarter of its interval (and at least half an hour) before it is late.
  const slack = Math.max(1_800, interval / 4);
  const limit = interval + slack;
  const limitMinutes = limit / 60;
  // The last success is at t=0 and never again: at (limit + 10 minutes) the job is late, at
  // (limit - 10 minutes) it is not yet.
  const stale: Series[] = [
    {
      series: `model_batch_last_success_timestamp_seconds{model="${model}"}`,
      values: `0x${String(Math.ceil((limitMinutes + 20) / 10))}`,
    },
  ];
  return [
    {
      group: 'model-batch',
      alert: 'ModelBatchScoringStale',
      expr: `time() - model_batch_last_success_timestamp_seconds${selector({ model })} > ${num(limit)}`,
      labels: { severity: 'critical', action: 'page' },
      summary: `${model} batch scores are stale`,
      description: `No scoring run has succeeded for over ${humanSeconds(limit)}: the schedule "${plan.batch.schedule}" runs at least every ${humanSeconds(interval)} and a run is allowed ${humanSeconds(slack)} to finish. Consumers are reading old predictions.`,
      scenarios: [
        {
          interval: '10m',
          series: stale,
          at: minutes(limitMinutes + 10),
          fires: { model },
          why: 'ten minutes past the limit',
        },
        {
          interval: '10m',
          series: stale,
          at: minutes(limitMinutes - 10),
          why: 'near miss: ten minutes before the limit',
        },
      ],
    },
  ];
}

function alertSpecs(plan: LifecyclePlan): AlertSpec[] {
  return [
    ...(hasOnlineServing(plan) ? servingAlerts(plan) : []),
    ...batchAlerts(plan),
    ...driftAlerts(plan),
    ...qualityAlerts(plan),
  ];
}

/** The alert names the rules file holds, in its order: the runbook's sections. */
export function alertNames(plan: LifecyclePlan): string[] {
  return alertSpecs(plan).map((spec) => spec.alert);
}

/** The runbook link of an alert, relative to --out: a GitHub-style heading anchor. */
export function runbookUrl(alert: string): string {
  return `${OPS_RUNBOOK_PATH}#${alert.toLowerCase()}`;
}

function annotations(spec: AlertSpec): Labels {
  return { summary: spec.summary, description: spec.description, runbook_url: runbookUrl(spec.alert) };
}

function rulesValue(plan: LifecyclePlan): unknown {
  const records = hasOnlineServing(plan) ? recordingRules(plan) : [];
  const specs = alertSpecs(plan);
  const groups = new Map<string, unknown[]>();
  for (const record of records)
    groups.set(record.group, [
      ...(groups.get(record.group) ?? []),
      { record: record.record, expr: record.expr },
    ]);
  for (const spec of specs) {
    const rule = {
      alert: spec.alert,
      expr: spec.expr,
      ...(spec.for === undefined ? {} : { for: spec.for }),
      labels: spec.labels,
      annotations: annotations(spec),
    };
    groups.set(spec.group, [...(groups.get(spec.group) ?? []), rule]);
  }
  return { groups: [...groups].map(([name, rules]) => ({ name, rules })) };
}

function expand(text: string, labels: Labels): string {
  return text.replace(/\{\{ \$labels\.(\w+) \}\}/g, (_match, key: string) => labels[key] ?? '');
}

function testsValue(plan: LifecyclePlan): unknown {
  const tests = alertSpecs(plan).flatMap((spec) =>
    spec.scenarios.map((scenario) => {
      const labels = { ...scenario.fires, ...spec.labels };
      const expected = Object.fromEntries(
        Object.entries(annotations(spec)).map(([key, value]) => [key, expand(value, labels)]),
      );
      return {
        name: `${spec.alert}: ${scenario.why}`,
        interval: scenario.interval,
        input_series: scenario.series,
        alert_rule_test: [
          {
            eval_time: scenario.at,
            alertname: spec.alert,
            exp_alerts:
              scenario.fires === undefined ? [] : [{ exp_labels: labels, exp_annotations: expected }],
          },
        ],
      };
    }),
  );
  return { rule_files: ['alerts.rules.yaml'], evaluation_interval: '1m', tests };
}

function rulesHeader(plan: LifecyclePlan): string {
  const m = plan.monitoring;
  const lines = [
    `Prometheus alert rules for ${plan.title} (${plan.name}).`,
    'Check: promtool check rules alerts.rules.yaml; test: promtool test rules alerts.test.yaml.',
    '',
  ];
  if (hasOnlineServing(plan))
    lines.push(
      `Availability SLO ${formatPercent(m.availability)} over ${String(SLO_DAYS)} days leaves an error budget of ${formatPercent(1 - m.availability)} of requests.`,
      'Burn-rate alerts page when the budget goes fast and stay quiet on short blips: each needs a long',
      'window (the trend) and a short one (still happening) over the same rate: 14.4x over 1h and 5m',
      '(2% of the budget in an hour), 6x over 6h and 30m (5% in six hours), 1x over 3d and 6h as a ticket.',
      "Errors are 5xx answers: a 4xx is the caller's mistake and spends no budget.",
      '',
    );
  lines.push(
    `Drift: PSI ${num(m.psi.monitor)}-${num(m.psi.investigate)} monitor, over ${num(m.psi.investigate)} investigate, over ${num(m.psi.retrain)} retrain.`,
    `Quality (${m.qualityMetric}, ${m.lowerIsBetter ? 'lower' : 'higher'} is better): a drop over ${formatPercent(m.accuracyDrop.investigate)} of the baseline investigate, over ${formatPercent(m.accuracyDrop.retrain)} retrain.`,
    '',
    'Retraining trigger: route alerts labelled action="retrain" in Alertmanager to a webhook receiver',
    retrainTrigger(plan),
    'Every other alert routes by severity: critical pages, warning opens a ticket, info only shows on the dashboard.',
  );
  return lines.join('\n');
}

/** How an action=retrain alert starts the retraining pipeline, in the pipeline's own terms. */
export function retrainTrigger(plan: LifecyclePlan): string {
  switch (plan.retraining.format) {
    case 'argo':
      return 'that is an Argo Events webhook EventSource; its Sensor submits the CronWorkflow (argo submit --from cronwf/...).';
    case 'kfp':
      return 'that creates a Kubeflow Pipelines run of the compiled pipeline (kfp Client().create_run_from_pipeline_package).';
    case 'github-actions':
      return 'that calls the GitHub API workflow_dispatch on mlops-retrain.yaml (a fine-grained token with actions:write).';
    case 'gitlab':
      return 'that calls the GitLab pipeline trigger API with a trigger token, the retrain jobs running on CI_PIPELINE_SOURCE "trigger".';
    case 'airflow':
      return 'that calls the Airflow REST API to trigger a DAG run of the retraining DAG.';
    case 'none':
      return `that notifies the model owner: no retraining pipeline is generated (${plan.retraining.why}).`;
  }
}

interface Panel {
  readonly title: string;
  readonly unit: string;
  readonly targets: readonly { readonly expr: string; readonly legendFormat: string }[];
  /** Threshold steps: a colour from each value up. */
  readonly thresholds?: readonly { readonly value: number; readonly color: string }[];
  readonly description: string;
}

function dashboardPanels(plan: LifecyclePlan): Panel[] {
  const m = plan.monitoring;
  const own = selector({ model: plan.name });
  const panels: Panel[] = [];
  if (hasOnlineServing(plan)) {
    const threshold = (m.latency.factor * (m.latencyTargetMs ?? plan.latencyMs ?? 100)) / 1_000;
    const quantile = (q: string): { expr: string; legendFormat: string } => ({
      expr: `histogram_quantile(${q}, sum by (le) (rate(model_request_duration_seconds_bucket${own}[$__rate_interval])))`,
      legendFormat: `p${q.slice(2).padEnd(2, '0')}`,
    });
    panels.push(
      {
        title: 'Latency p50 / p95 / p99',
        unit: 's',
        targets: [quantile('0.5'), quantile('0.95'), quantile('0.99')],
        thresholds: [
          { value: 0, color: 'green' },
          { value: threshold, color: 'red' },
        ],
        description: `The red line is the p95 alert threshold: ${num(m.latency.factor)}x the ${num(m.latencyTargetMs ?? plan.latencyMs ?? 100)} ms target.`,
      },
      {
        title: 'Request rate',
        unit: 'reqps',
        targets: [
          {
            expr: `sum by (code) (rate(model_requests_total${own}[$__rate_interval]))`,
            legendFormat: '{{code}}',
          },
        ],
        description: 'Requests a second by HTTP status.',
      },
      {
        title: 'Error ratio (5xx)',
        unit: 'percentunit',
        targets: [
          { expr: `model:request_errors:ratio_rate5m${own}`, legendFormat: '5m' },
          { expr: `model:request_errors:ratio_rate1h${own}`, legendFormat: '1h' },
        ],
        thresholds: [
          { value: 0, color: 'green' },
          { value: m.errorRate.alert, color: 'orange' },
          { value: m.errorRate.page, color: 'red' },
        ],
        description: `Warning over ${formatPercent(m.errorRate.alert)}, page over ${formatPercent(m.errorRate.page)}; the SLO allows ${formatPercent(1 - m.availability)}.`,
      },
    );
  }
  if (plan.batch !== undefined)
    panels.push({
      title: 'Time since the last successful batch run',
      unit: 's',
      targets: [{ expr: `time() - model_batch_last_success_timestamp_seconds${own}`, legendFormat: 'age' }],
      description: `Schedule "${plan.batch.schedule}".`,
    });
  panels.push(
    {
      title: 'Feature drift (PSI)',
      unit: 'none',
      targets: [{ expr: `max by (feature) (model_feature_psi${own})`, legendFormat: '{{feature}}' }],
      thresholds: [
        { value: 0, color: 'green' },
        { value: m.psi.monitor, color: 'yellow' },
        { value: m.psi.investigate, color: 'orange' },
        { value: m.psi.retrain, color: 'red' },
      ],
      description: `PSI ${num(m.psi.monitor)} monitor, ${num(m.psi.investigate)} investigate, ${num(m.psi.retrain)} retrain.`,
    },
    {
      title: `Quality: ${m.qualityMetric} vs baseline`,
      unit: 'none',
      targets: [
        {
          expr: `model_quality${selector({ model: plan.name, metric: m.qualityMetric })}`,
          legendFormat: 'production',
        },
        {
          expr: `model_quality_baseline${selector({ model: plan.name, metric: m.qualityMetric })}`,
          legendFormat: 'baseline',
        },
      ],
      description: `Investigate at a ${formatPercent(m.accuracyDrop.investigate)} drop, retrain at ${formatPercent(m.accuracyDrop.retrain)} (${m.lowerIsBetter ? 'lower' : 'higher'} is better).`,
    },
  );
  if (plan.serving.kind === 'kserve' || plan.serving.kind === 'deployment')
    panels.push({
      title: 'Replicas available',
      unit: 'none',
      targets: [
        {
          expr: `sum(kube_deployment_status_replicas_available{deployment=~"${plan.name}(-predictor.*)?"})`,
          legendFormat: 'available',
        },
      ],
      description: plan.scaling
        ? `The autoscaler keeps ${String(plan.scaling.minReplicas)}-${String(plan.scaling.maxReplicas)} replicas.`
        : 'Replicas as kube-state-metrics reports them.',
    });
  return panels;
}

function dashboardValue(plan: LifecyclePlan): unknown {
  const panels = dashboardPanels(plan).map((panel, index) => ({
    id: index + 1,
    type: 'timeseries',
    title: panel.title,
    description: panel.description,
    datasource: { type: 'prometheus', uid: '${datasource}' },
    gridPos: { h: 8, w: 12, x: (index % 2) * 12, y: Math.floor(index / 2) * 8 },
    fieldConfig: {
      defaults: {
        unit: panel.unit,
        ...(panel.thresholds
          ? {
              thresholds: {
                mode: 'absolute',
                steps: panel.thresholds.map((step, at) => ({
                  color: step.color,
                  value: at === 0 ? null : step.value,
                })),
              },
              custom: { thresholdsStyle: { mode: 'line' } },
            }
          : {}),
      },
      overrides: [],
    },
    options: { legend: { displayMode: 'list', placement: 'bottom' }, tooltip: { mode: 'multi' } },
    targets: panel.targets.map((target, at) => ({
      refId: String.fromCharCode(65 + at),
      datasource: { type: 'prometheus', uid: '${datasource}' },
      expr: target.expr,
      legendFormat: target.legendFormat,
    })),
  }));
  return {
    uid: `mlops-${plan.name}`.slice(0, 40),
    title: `${plan.title}: model health`,
    tags: ['mlops', plan.name],
    timezone: 'utc',
    schemaVersion: GRAFANA_SCHEMA_VERSION,
    version: 1,
    editable: true,
    time: { from: 'now-24h', to: 'now' },
    refresh: '1m',
    templating: {
      list: [
        {
          name: 'datasource',
          label: 'Prometheus',
          type: 'datasource',
          query: 'prometheus',
          current: {},
          hide: 0,
        },
      ],
    },
    annotations: {
      list: [
        {
          name: 'Alerts',
          datasource: { type: 'prometheus', uid: '${datasource}' },
          enable: true,
          expr: `ALERTS{model="${plan.name}", alertstate="firing"}`,
          iconColor: 'red',
          titleFormat: '{{alertname}}',
        },
      ],
    },
    panels,
  };
}

export function monitoringFiles(plan: LifecyclePlan): Artifact[] {
  return [
    commentedYaml(ALERT_RULES_PATH, rulesHeader(plan), rulesValue(plan)),
    commentedYaml(
      ALERT_TESTS_PATH,
      [
        `promtool unit tests for alerts.rules.yaml: every alert fires on a series past its threshold and`,
        'stays quiet on a near miss just short of it. Run: promtool test rules alerts.test.yaml',
      ].join('\n'),
      testsValue(plan),
    ),
    jsonArtifact(DASHBOARD_PATH, dashboardValue(plan)),
  ];
}
