/** `mlops-design estimate`: the estimation engine on its own, from flags or a spec file. */
import { z } from 'zod';
import { AppError, badInput, usageError } from '../../errors.js';
import { estimateFromSpec } from '../../estimation/index.js';
import { estimateJson } from '../../estimation/json-report.js';
import type { Metric } from '../../estimation/estimate-types.js';
import type { EstimateSpec, SpecEstimate } from '../../estimation/spec-types.js';
import { engineTables } from '../../knowledge/engine-tables.js';
import { loadCompiledKnowledge } from '../../knowledge/compiled.js';
import { readInputFile } from '../../lib/read-input.js';
import { parseStructured } from '../../lib/structured.js';
import { didYouMean } from '../../lib/suggest.js';
import { table } from '../../render/markdown.js';
import { FIELDS, FIELD_BY_SNAKE, parseField, type Field } from '../../estimation/spec-fields.js';
import { flagValue, parseFlags, type GlobalOptions } from '../options.js';
import { colourEnabled, createOutput } from '../output.js';

type Source = { readonly kind: 'flag' } | { readonly kind: 'spec'; readonly path: string };

/** An input flag, read by its field's own parser into the engine's value. */
const fieldFlag = (f: Field) =>
  z.string().transform((raw, context) => {
    const parsed = parseField(f, raw);
    if (parsed.ok) return parsed.value;
    context.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  });

const estimateFlags = z.object({
  spec: flagValue('the path of a spec file').optional(),
  ...Object.fromEntries(FIELDS.map((f) => [f.key, fieldFlag(f).optional()])),
});

export function runEstimate(globals: GlobalOptions, raw: Readonly<Record<string, unknown>>): void {
  const options: Readonly<Record<string, unknown>> = parseFlags(estimateFlags, raw);
  const out = createOutput({
    colour: colourEnabled({ env: process.env, isTTY: process.stdout.isTTY, flag: globals.color }),
    quiet: globals.quiet,
  });
  const sources = new Map<keyof EstimateSpec, Source>();
  const spec: Record<string, unknown> = {};

  if (typeof options.spec === 'string') {
    const path = options.spec;
    for (const [f, value] of readSpecFile(path)) {
      spec[f.key] = value;
      sources.set(f.key, { kind: 'spec', path });
    }
  }
  for (const f of FIELDS) {
    if (options[f.key] === undefined) continue;
    spec[f.key] = options[f.key];
    sources.set(f.key, { kind: 'flag' });
  }
  if (sources.size === 0) {
    throw usageError(
      'nothing to estimate: give at least one input',
      'e.g. mlops-design estimate --writes 10M/day --read-write-ratio 10 --write-size 1KB --retention 5y',
    );
  }

  const result = estimateFromSpec(spec, engineTables(loadCompiledKnowledge()));
  if (!result.ok) throw checkError(result.error, sources);
  const estimate = result.value;

  if (globals.json) {
    out.result(JSON.stringify(estimateJson(spec, estimate), null, 2));
  } else {
    out.result(humanReport(estimate));
  }
  for (const warning of estimate.warnings) out.warn(`warning: ${warning}`);
}

/** The engine's checks name the input in snake_case; say it as the user wrote it, with the exit code of its source. */
function checkError(message: string, sources: ReadonlyMap<keyof EstimateSpec, Source>): AppError {
  const named = /^([a-z_]+):\s*(.*)$/.exec(message);
  const f = named?.[1] ? FIELD_BY_SNAKE.get(named[1]) : undefined;
  const source = f ? sources.get(f.key) : undefined;
  if (f && source?.kind === 'spec') return badInput(`${source.path}: ${f.snake}: ${named?.[2] ?? message}`);
  if (f) return usageError(`--${f.flag}: ${named?.[2] ?? message}`);
  const fromSpec = [...sources.values()].find(
    (s): s is Extract<Source, { kind: 'spec' }> => s.kind === 'spec',
  );
  return fromSpec ? badInput(`${fromSpec.path}: ${message}`) : usageError(message);
}

function readSpecFile(path: string): [Field, unknown][] {
  const data = parseStructured(path, readInputFile(path, 'spec file'));
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw badInput(`${path}: expected a mapping of inputs, e.g. "writes: 10M/day"`);
  }
  const known = FIELDS.map((f) => f.snake);
  return Object.entries(data).map(([key, value]): [Field, unknown] => {
    const f = FIELD_BY_SNAKE.get(key);
    if (!f)
      throw badInput(
        `${path}: ${key}: unknown input${didYouMean(key, known)}; expected one of ${known.join(', ')}`,
      );
    const text = Array.isArray(value)
      ? value.map(String).join(',')
      : typeof value === 'string' || typeof value === 'number'
        ? String(value)
        : undefined;
    if (text === undefined)
      throw badInput(`${path}: ${key}: expected a value like ${f.help.replace(/^.*e\.g\. /, '')}`);
    const parsed = parseField(f, text);
    if (!parsed.ok) throw badInput(`${path}: ${key}: ${parsed.error}`);
    return [f, parsed.value];
  });
}

function humanReport(estimate: SpecEstimate): string {
  const rows = (metrics: readonly Metric[]): string[][] =>
    metrics.map((m) => [m.label, m.calculation, m.result]);
  const parts = [table(['Metric', 'Calculation', 'Result'], rows(estimate.metrics))];
  if (estimate.latencyBudget) {
    const budget = estimate.latencyBudget;
    parts.push(
      table(
        ['Path component', 'Reference', 'Allocation'],
        budget.allocations.map((a) => [a.component, a.reference ?? 'no reference', a.calculation]),
      ),
      budget.summary,
    );
  }
  for (const step of estimate.growth) {
    parts.push(`At ${step.factor}x:`, table(['Metric', 'Calculation', 'Result'], rows(step.metrics)));
  }
  return parts.join('\n\n');
}
