/**
 * The product's own checks on the ops files (monitoring, retraining, CI/CD), for what no schema at
 * hand says: YAML without duplicate keys, JSON that parses, every alert labelled and linked to its
 * runbook, every alert tested both firing and on a near miss, dashboard queries that read only
 * metrics something records or exports, and a CronWorkflow on Argo v4's `schedules`.
 * One line per problem, naming the file and the key.
 */
import { parseAllDocuments } from 'yaml';
import type { Artifact } from '../../output/artifacts.js';
import { ALERT_RULES_PATH, ALERT_TESTS_PATH, DASHBOARD_PATH, EXPORTED_METRICS } from './monitoring.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

const PROMQL_WORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression reads: identifiers outside strings, label matchers, ranges
 * and grouping clauses, not followed by "(" (functions, aggregations) and not PromQL keywords.
 */
export function promqlMetrics(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\w+/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const name = match[0];
    const after = stripped.slice(match.index + name.length).trimStart();
    if (after.startsWith('(') || PROMQL_WORDS.has(name.toLowerCase())) continue;
    if (/^\d/.test(name)) continue;
    names.add(name);
  }
  return [...names];
}

function parseAll(artifacts: readonly Artifact[], problems: string[]): Map<string, unknown> {
  const parsed = new Map<string, unknown>();
  for (const artifact of artifacts) {
    try {
      if (/\.ya?ml$/.test(artifact.path)) {
        // Kubernetes files hold several documents; each must parse, and a single one is the value.
        const documents = parseAllDocuments(artifact.content, { uniqueKeys: true });
        const error = documents.flatMap((document) => document.errors)[0];
        if (error) throw error;
        const values = documents.map((document) => document.toJS() as unknown);
        parsed.set(artifact.path, values.length === 1 ? values[0] : values);
      } else if (artifact.path.endsWith('.json')) parsed.set(artifact.path, JSON.parse(artifact.content));
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      problems.push(`${artifact.path}: does not parse: ${message ?? ''}`);
    }
  }
  return parsed;
}

interface RuleInfo {
  readonly alerts: string[];
  readonly records: string[];
}

function checkRules(rules: unknown, problems: string[]): RuleInfo {
  const info: RuleInfo = { alerts: [], records: [] };
  if (!isObject(rules)) {
    problems.push(`${ALERT_RULES_PATH}: groups: expected a map with a list of rule groups`);
    return info;
  }
  list(rules.groups).forEach((group, g) => {
    if (!isObject(group)) return;
    list(group.rules).forEach((rule, r) => {
      if (!isObject(rule)) return;
      const at = `${ALERT_RULES_PATH}: groups[${String(g)}].rules[${String(r)}]`;
      if (typeof rule.record === 'string') info.records.push(rule.record);
      if (typeof rule.alert !== 'string') return;
      info.alerts.push(rule.alert);
      const labels = isObject(rule.labels) ? rule.labels : {};
      const annotations = isObject(rule.annotations) ? rule.annotations : {};
      if (typeof labels.severity !== 'string')
        problems.push(`${at} (${rule.alert}): labels.severity is missing`);
      for (const key of ['summary', 'description', 'runbook_url'])
        if (typeof annotations[key] !== 'string' || annotations[key] === '')
          problems.push(`${at} (${rule.alert}): annotations.${key} is missing`);
    });
  });
  return info;
}

function checkTests(tests: unknown, alerts: readonly string[], problems: string[]): void {
  const firing = new Set<string>();
  const quiet = new Set<string>();
  if (isObject(tests))
    for (const test of list(tests.tests)) {
      if (!isObject(test)) continue;
      for (const check of list(test.alert_rule_test)) {
        if (!isObject(check) || typeof check.alertname !== 'string') continue;
        (list(check.exp_alerts).length > 0 ? firing : quiet).add(check.alertname);
      }
    }
  for (const alert of alerts) {
    if (!firing.has(alert)) problems.push(`${ALERT_TESTS_PATH}: tests: no test shows ${alert} firing`);
    if (!quiet.has(alert))
      problems.push(`${ALERT_TESTS_PATH}: tests: no near-miss test shows ${alert} staying quiet`);
  }
}

function checkDashboard(dashboard: unknown, known: ReadonlySet<string>, problems: string[]): void {
  if (!isObject(dashboard)) return;
  const exprs: [string, string][] = [];
  list(dashboard.panels).forEach((panel, p) => {
    if (!isObject(panel)) return;
    list(panel.targets).forEach((target, t) => {
      if (isObject(target) && typeof target.expr === 'string')
        exprs.push([`panels[${String(p)}].targets[${String(t)}].expr`, target.expr]);
    });
  });
  if (isObject(dashboard.annotations))
    list(dashboard.annotations.list).forEach((annotation, a) => {
      if (isObject(annotation) && typeof annotation.expr === 'string')
        exprs.push([`annotations.list[${String(a)}].expr`, annotation.expr]);
    });
  for (const [at, expr] of exprs)
    for (const metric of promqlMetrics(expr))
      if (!known.has(metric))
        problems.push(
          `${DASHBOARD_PATH}: ${at}: ${metric} is neither recorded in ${ALERT_RULES_PATH} nor an exported metric`,
        );
}

function checkCronWorkflows(parsed: ReadonlyMap<string, unknown>, problems: string[]): void {
  for (const [path, value] of parsed) {
    if (!isObject(value) || value.kind !== 'CronWorkflow') continue;
    const spec = isObject(value.spec) ? value.spec : {};
    if ('schedule' in spec)
      problems.push(`${path}: spec.schedule: removed in Argo Workflows v4; use spec.schedules (a list)`);
    if (!Array.isArray(spec.schedules) || spec.schedules.length === 0)
      problems.push(`${path}: spec.schedules: a CronWorkflow needs at least one schedule`);
  }
}

export function checkOpsFiles(artifacts: readonly Artifact[]): string[] {
  const problems: string[] = [];
  const parsed = parseAll(artifacts, problems);
  if (parsed.has(ALERT_RULES_PATH)) {
    const info = checkRules(parsed.get(ALERT_RULES_PATH), problems);
    if (parsed.has(ALERT_TESTS_PATH)) checkTests(parsed.get(ALERT_TESTS_PATH), info.alerts, problems);
    else if (!artifacts.some((artifact) => artifact.path === ALERT_TESTS_PATH))
      problems.push(`${ALERT_TESTS_PATH}: missing: the alert rules have no unit tests`);
    if (parsed.has(DASHBOARD_PATH))
      checkDashboard(parsed.get(DASHBOARD_PATH), new Set([...info.records, ...EXPORTED_METRICS]), problems);
  }
  checkCronWorkflows(parsed, problems);
  return problems;
}
